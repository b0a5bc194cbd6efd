frappe.ui.form.on("Survey Invitation", {
	refresh(frm) {
		if (frm.doc.status === "Open") {
			frm.add_custom_button(__("Revoke"), () => {
				frm.set_value("status", "Revoked");
				frm.save();
			});
		}
	},
});
