"""Big ranges of the analysis reports run as Prepared Reports (R-73, issue 7).

A Report is either always prepared or never (its `prepared_report` flag). The analysis reports
must answer a month at once in the Desk, and be exported to Excel/CSV directly, while a range of
years over a million records belongs in a background job. So the flag stays off, and this
override of `frappe.desk.query_report.run` (hooks `override_whitelisted_methods`) sends a range
longer than the report's limit to Frappe's own Prepared Report path: the Desk then shows its
"Generate New Report" button, the job computes the report with the user's own scope, and the
finished result is shown for the same filters. Everything else goes to Frappe's `run` unchanged.
"""

from __future__ import annotations

import inspect
import json

import frappe
from frappe import _
from frappe.desk import query_report
from frappe.utils import date_diff, sbool

# days a range may span before the report runs as a Prepared Report; Monthly Service Analysis
# reads closed months from the snapshots, so a whole year still answers at once
PREPARED_AFTER_DAYS = {
	"Monthly Service Analysis": 366,
	"Agent Workload and Performance": 92,
	"Complaint Analysis": 92,
	"Repeated Issues": 92,
	"Callback Coverage": 92,
	"Survey Results": 92,
}


def is_big_range(report_name: str, filters) -> bool:
	"""True when the report's date range is longer than its limit."""
	limit = PREPARED_AFTER_DAYS.get(report_name)
	if limit is None or not filters:
		return False
	start, end = filters.get("from_date"), filters.get("to_date")
	if not start or not end:
		return False
	try:
		return date_diff(end, start) + 1 > limit
	except (TypeError, ValueError):
		return False  # the report itself explains bad dates


@frappe.whitelist()
@frappe.read_only()
def run(report_name, filters=None, user=None, ignore_prepared_report=False, **kwargs):
	"""frappe.desk.query_report.run, with big ranges of the analysis reports prepared."""
	parsed = json.loads(filters) if isinstance(filters, str) and filters else filters
	if (
		report_name in PREPARED_AFTER_DAYS
		and not sbool(ignore_prepared_report)
		and not kwargs.get("custom_columns")
		and isinstance(parsed, dict)
		and is_big_range(report_name, parsed)
	):
		return prepared(report_name, dict(parsed), user or frappe.session.user, kwargs.get("js_filters"))
	accepted = inspect.signature(query_report.run).parameters
	passed = {k: v for k, v in kwargs.items() if k in accepted}
	return query_report.run(
		report_name, filters=filters, user=user, ignore_prepared_report=ignore_prepared_report, **passed
	)


def prepared(report_name: str, filters: dict, user: str, js_filters=None) -> dict:
	"""What Frappe's run answers for a prepared report: the completed result for these filters
	(or the one named), else nothing yet, so the Desk offers to generate it."""
	validate = getattr(query_report, "validate_filters_permissions", None)
	if validate:
		validate(report_name, filters, user, js_filters)
	report = query_report.get_report_doc(report_name)
	if not frappe.has_permission(report.ref_doctype, "report"):
		frappe.throw(_("Must have report permission to access this report."), frappe.PermissionError)
	name = filters.pop("prepared_report_name", None)
	result = query_report.get_prepared_report_result(report, filters, name, user)
	result["add_total_row"] = report.add_total_row and not result.get("skip_total_row", False)
	return result
