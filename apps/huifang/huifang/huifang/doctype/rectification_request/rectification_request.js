frappe.ui.form.on("Rectification Request", {
	refresh(frm) {
		if (frm.doc.revisit_pending && !frm.doc.revisit_task) {
			frm.add_custom_button(__("Create Re-visit Task"), () =>
				frappe
					.call("huifang.huifang.doctype.rectification_request.rectification_request.make_revisit_task", {
						name: frm.doc.name,
					})
					.then(() => frm.reload_doc())
			);
		}
	},
});
