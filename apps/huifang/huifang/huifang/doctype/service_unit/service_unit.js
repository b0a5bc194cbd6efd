frappe.ui.form.on("Service Unit", {
	setup(frm) {
		frm.set_query("parent_service_unit", () => ({ filters: { is_group: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("View Tree"), () => frappe.set_route("Tree", "Service Unit"));
		}
	},
});
