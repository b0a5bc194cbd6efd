frappe.ui.form.on("Complaint", {
	refresh(frm) {
		if (frm.doc.severity === "Major") {
			frm.dashboard.set_headline_alert(__("Major complaint: leadership must be informed at once"), "red");
		} else if (frm.doc.severity === "Important") {
			frm.dashboard.set_headline_alert(__("Important complaint: report within 1 working day"), "orange");
		}
		if (!frm.is_new() && !["Closed"].includes(frm.doc.workflow_state)) {
			frm.add_custom_button(
				__("Rectification Request"),
				() =>
					frappe.new_doc("Rectification Request", {
						source_complaint: frm.doc.name,
						customer: frm.doc.customer,
						service_unit: frm.doc.service_unit,
						responsible_unit: frm.doc.responsible_unit,
						subject: frm.doc.subject,
					}),
				__("Create")
			);
		}
	},
});
