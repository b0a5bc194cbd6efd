"""Number cards of the 回访中心 workspace: today's tasks, overdue tasks, open complaints and this
month's satisfaction rate, each limited to the units the user may see (huifang.analysis.scope)."""

from __future__ import annotations

import frappe
from frappe.utils import today

from huifang.analysis import metrics
from huifang.analysis.figures import Scale, total_row
from huifang.analysis.periods import Period
from huifang.analysis.scope import user_units

ACTIVE = ("Open", "In Progress")


def _unit_clause(units, column: str = "service_unit") -> tuple[str, dict]:
	if units is None:
		return "", {}
	return f" AND `{column}` IN %(units)s", {"units": tuple(units) or ("",)}


def _count(sql: str, params: dict) -> int:
	return int(frappe.db.sql(sql, params)[0][0] or 0)


@frappe.whitelist()
def todays_tasks(filters=None) -> dict:
	"""Open callback tasks whose window includes today."""
	clause, params = _unit_clause(user_units())
	value = _count(
		f"""SELECT COUNT(*) FROM `tabCallback Task`
		WHERE `status` IN %(active)s AND `earliest_date` <= %(today)s AND `latest_date` >= %(today)s{clause}""",
		{"active": ACTIVE, "today": today(), **params},
	)
	return {
		"value": value,
		"fieldtype": "Int",
		"route": ["List", "Callback Task"],
		"route_options": {
			"status": ["in", list(ACTIVE)],
			"latest_date": [">=", today()],
			"earliest_date": ["<=", today()],
		},
	}


@frappe.whitelist()
def overdue_tasks(filters=None) -> dict:
	"""Tasks past their latest date and not done (R-36), marked Overdue or not yet."""
	clause, params = _unit_clause(user_units())
	value = _count(
		f"""SELECT COUNT(*) FROM `tabCallback Task`
		WHERE (`status` = 'Overdue' OR (`status` IN %(active)s AND `latest_date` < %(today)s)){clause}""",
		{"active": ACTIVE, "today": today(), **params},
	)
	return {
		"value": value,
		"fieldtype": "Int",
		"route": ["List", "Callback Task"],
		"route_options": {"status": "Overdue"},
	}


@frappe.whitelist()
def open_complaints(filters=None) -> dict:
	"""Complaints not closed, of the user's units or routed to them."""
	units = user_units()
	clause = "" if units is None else " AND (`service_unit` IN %(units)s OR `responsible_unit` IN %(units)s)"
	params = {} if units is None else {"units": tuple(units) or ("",)}
	value = _count(
		f"""SELECT COUNT(*) FROM `tabComplaint` WHERE COALESCE(`workflow_state`, '') <> 'Closed'{clause}""",
		params,
	)
	return {
		"value": value,
		"fieldtype": "Int",
		"route": ["List", "Complaint"],
		"route_options": {"workflow_state": ["!=", "Closed"]},
	}


@frappe.whitelist()
def month_satisfaction_rate(filters=None) -> dict:
	"""This month's satisfaction rate of counted callback records (R-70)."""
	rows = metrics.record_counts(Period.month(today()), user_units(), by="unit")
	total = total_row(rows, Scale())
	return {
		"value": total["satisfaction_rate"] or 0,
		"fieldtype": "Percent",
		"route": ["query-report", "Monthly Service Analysis"],
	}
