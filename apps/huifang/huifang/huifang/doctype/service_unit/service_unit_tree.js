frappe.treeview_settings["Service Unit"] = {
	breadcrumb: "Huifang",
	title: __("Service Unit"),
	root_label: __("All Service Units"),
	get_tree_root: false,
	filters: [],
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "unit_type",
			label: __("Unit Type"),
			options: ["Company", "Department", "Window", "Project"].map((v) => ({ value: v, label: __(v) })),
			default: "Department",
		},
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group") },
	],
	ignore_fields: ["parent_service_unit"],
};
