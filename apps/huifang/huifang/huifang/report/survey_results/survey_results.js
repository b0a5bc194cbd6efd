// Survey Results 满意度调查结果
frappe.query_reports["Survey Results"] = {
	filters: huifang.analysis_filters(
		[
			{
				fieldname: "group_by",
				label: __("Group By"),
				fieldtype: "Select",
				options: ["Question", "Campaign", "Service Unit"].map((v) => ({ value: v, label: __(v) })),
				default: "Question",
			},
			{ fieldname: "campaign", label: __("Survey Campaign"), fieldtype: "Link", options: "Survey Campaign" },
			{ fieldname: "survey_template", label: __("Survey Template"), fieldtype: "Link", options: "Survey Template" },
		],
		{ from_date: frappe.datetime.add_months(frappe.datetime.month_start(), -2) }
	),
	formatter: huifang.analysis_formatter,
};
