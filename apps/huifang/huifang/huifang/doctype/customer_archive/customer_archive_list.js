frappe.listview_settings["Customer Archive"] = {
	add_fields: ["do_not_call", "is_special_owner", "is_quality_customer"],
	get_indicator(doc) {
		if (doc.do_not_call) return [__("Do Not Call"), "red", "do_not_call,=,1"];
		if (doc.is_special_owner) return [__("Special Owner"), "orange", "is_special_owner,=,1"];
		if (doc.is_quality_customer) return [__("Quality Customer"), "green", "is_quality_customer,=,1"];
	},
};
