// Callback Coverage 回访率: actual vs target rate, share of visits and letters
frappe.query_reports["Callback Coverage"] = {
	filters: huifang.analysis_filters([
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: ["Category", "Priority", "Service Unit"].map((v) => ({ value: v, label: __(v) })),
			default: "Category",
		},
	]),
	formatter: huifang.analysis_formatter,
};
