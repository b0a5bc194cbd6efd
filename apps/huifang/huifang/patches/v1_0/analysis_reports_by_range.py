"""The analysis reports decide per date range whether to run as a Prepared Report
(huifang.analysis.prepared). Sites installed while two of them were always prepared keep that
flag on re-import (Frappe preserves a Report's `prepared_report`), so turn it off once."""

import frappe

from huifang.analysis.prepared import PREPARED_AFTER_DAYS


def execute():
	for report in PREPARED_AFTER_DAYS:
		if frappe.db.exists("Report", report):
			frappe.db.set_value("Report", report, "prepared_report", 0, update_modified=False)
