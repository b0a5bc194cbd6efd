// Repeated Issues 重复投诉/维修
frappe.query_reports["Repeated Issues"] = {
	filters: huifang.analysis_filters(
		[
			{
				fieldname: "kind",
				label: __("Kind"),
				fieldtype: "Select",
				options: [
					{ value: "All", label: __("All") },
					{ value: "Repeated Complaint", label: __("Repeated Complaint") },
					{ value: "Repeated Repair", label: __("Repeated Repair") },
				],
				default: "All",
			},
			{
				fieldname: "complaint_threshold",
				label: __("Complaint Threshold"),
				fieldtype: "Int",
				default: 2,
			},
			{
				fieldname: "repair_threshold",
				label: __("Repair Threshold"),
				fieldtype: "Int",
				default: 3,
			},
		],
		{ from_date: frappe.datetime.add_months(frappe.datetime.month_start(), -2) }
	),
	formatter: huifang.analysis_formatter,
};
