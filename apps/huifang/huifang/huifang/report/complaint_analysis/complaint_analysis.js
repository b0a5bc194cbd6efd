// Complaint Analysis 投诉分析 (R-70, R-51..R-54)
frappe.query_reports["Complaint Analysis"] = {
	filters: huifang.analysis_filters([
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: ["Category", "Severity", "Service Unit", "Responsible Unit", "Month"].map((v) => ({
				value: v,
				label: __(v),
			})),
			default: "Category",
		},
		{
			fieldname: "category",
			label: __("Category"),
			fieldtype: "Select",
			options: [""].concat(
				[
					"Engineering Quality",
					"Sales",
					"Property Management",
					"Customer Service",
					"Service Attitude",
					"Efficiency",
					"Procedure Violation",
					"Handling Outside Hall",
					"Integrity",
					"Other",
				].map((v) => ({ value: v, label: __(v) }))
			),
		},
		{
			fieldname: "severity",
			label: __("Severity"),
			fieldtype: "Select",
			options: [""].concat(["General", "Important", "Major"].map((v) => ({ value: v, label: __(v) }))),
		},
	]),
	formatter: huifang.analysis_formatter,
};
