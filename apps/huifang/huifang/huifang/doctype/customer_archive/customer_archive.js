frappe.ui.form.on("Customer Archive", {
	refresh(frm) {
		if (frm.is_new()) return;
		const make = (doctype) => () =>
			frappe.new_doc(doctype, { customer: frm.doc.name, service_unit: frm.doc.service_unit });
		frm.add_custom_button(__("Service Event"), make("Service Event"), __("Create"));
		frm.add_custom_button(__("Callback Task"), make("Callback Task"), __("Create"));
		frm.add_custom_button(__("Complaint"), make("Complaint"), __("Create"));
		if (frm.doc.do_not_call) {
			frm.dashboard.set_headline_alert(__("Do Not Call"), "red");
		}
	},
});
