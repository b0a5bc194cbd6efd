// Monthly Service Analysis 月度服务分析: per unit or per agent, snapshot for closed months
frappe.query_reports["Monthly Service Analysis"] = {
	filters: huifang.analysis_filters([
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Service Unit", label: __("Service Unit") },
				{ value: "Agent", label: __("Agent") },
			],
			default: "Service Unit",
		},
		{
			fieldname: "agent",
			label: __("Agent"),
			fieldtype: "Link",
			options: "User",
		},
		{
			fieldname: "live_data",
			label: __("Live Data"),
			fieldtype: "Check",
			description: __("Compute closed months from the records instead of the monthly snapshots"),
		},
	]),
	formatter: huifang.analysis_formatter,
};
