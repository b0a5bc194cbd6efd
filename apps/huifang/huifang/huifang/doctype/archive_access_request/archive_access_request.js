// Archives of other units are not searchable: the customer is named by its archive number.
frappe.ui.form.on("Archive Access Request", {
	setup(frm) {
		frm.set_query("customer", () => ({ query: "huifang.security.access.archive_lookup" }));
	},
});
