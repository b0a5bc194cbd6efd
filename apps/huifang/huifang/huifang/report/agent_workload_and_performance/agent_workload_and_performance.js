// Agent Workload and Performance 回访人员绩效
frappe.query_reports["Agent Workload and Performance"] = {
	filters: huifang.analysis_filters([
		{ fieldname: "agent", label: __("Agent"), fieldtype: "Link", options: "User" },
	]),
	formatter: huifang.analysis_formatter,
};
