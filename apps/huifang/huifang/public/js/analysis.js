// Shared filters and formatting of the analysis Script Reports
frappe.provide("huifang");

// company / unit (each with everything below it), date range, then the report's own filters
huifang.analysis_filters = function (extra, options) {
	options = options || {};
	const filters = [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Service Unit",
			get_query: () => ({ filters: { unit_type: "Company" } }),
		},
		{
			fieldname: "service_unit",
			label: __("Service Unit"),
			fieldtype: "Link",
			options: "Service Unit",
		},
	];
	if (!options.no_dates) {
		filters.push(
			{
				fieldname: "from_date",
				label: __("From Date"),
				fieldtype: "Date",
				default: options.from_date || frappe.datetime.month_start(),
				reqd: 1,
			},
			{
				fieldname: "to_date",
				label: __("To Date"),
				fieldtype: "Date",
				default: frappe.datetime.month_end(),
				reqd: 1,
			}
		);
	}
	return filters.concat(extra || []).map((df) => Object.assign({ on_change: huifang.analysis_refresh }, df));
};

// A long date range is answered as a Prepared Report (huifang.analysis.prepared); when the
// filters change, forget the previous answer's prepared-report buttons before asking again.
huifang.analysis_refresh = function (report) {
	if (report.prepared_report) {
		report.prepared_report = false;
		report.prepared_report_document = null;
		report.primary_button = null;
		report.page.clear_primary_action();
		report.page.remove_inner_button(__("Download Report"), __("Actions"));
		report.hide_status();
	}
	if (!report._no_refresh) report.refresh(true);
};

const GRADE_COLORS = { Satisfied: "green", "Basically Satisfied": "orange", Unsatisfied: "red" };

// bold totals row, coloured grades, +/- changes
huifang.analysis_formatter = function (value, row, column, data, default_formatter) {
	value = default_formatter(value, row, column, data);
	if (!data) return value;
	const field = column.fieldname;
	if (field === "grade" && data.grade_code && GRADE_COLORS[data.grade_code]) {
		value = `<span class="indicator-pill ${GRADE_COLORS[data.grade_code]}">${value}</span>`;
	} else if (field.endsWith("_change") && data[field] !== null && data[field] !== undefined) {
		const n = Number(data[field]);
		if (n > 0) value = `<span class="text-success">+${value}</span>`;
		else if (n < 0) value = `<span class="text-danger">${value}</span>`;
	} else if (field === "meets_target" && data.meets_target_code !== undefined) {
		value = `<span class="${data.meets_target_code ? "text-success" : "text-danger"}">${value}</span>`;
	}
	if (data.is_total_row) value = `<b>${value}</b>`;
	return value;
};
