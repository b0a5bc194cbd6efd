"""Repeated Issues 重复投诉/维修 (R-54): the same customer with the same issue complained about
twice or more, and the same repair done three times or more, within the period.

Complaints are "the same issue" as Complaint.detect_repeat sees them: same customer (or
complainant name without an archive), category and issue key. Repairs are Service Events of a
Repair Order type: same customer, event type and subject.
"""

import frappe
from frappe import _

from huifang.analysis import report_utils as ru

COMPLAINT, REPAIR = "Repeated Complaint", "Repeated Repair"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = ru.period_from(filters)
	units = ru.units_from(filters)
	complaint_min = threshold(filters, "complaint_threshold", 2)
	repair_min = threshold(filters, "repair_threshold", 3)
	kind = filters.get("kind") or "All"
	rows = []
	if kind in ("All", COMPLAINT):
		rows += complaint_groups(period, units, complaint_min)
	if kind in ("All", REPAIR):
		rows += repair_groups(period, units, repair_min)
	for row in rows:
		row["kind_label"] = _(row["kind"])
		if row["kind"] == COMPLAINT:
			row["type"] = _(row["type"])
		row["occurrences"] = int(row["occurrences"])
	rows.sort(key=lambda r: (r["kind"], -r["occurrences"], str(r["last_on"])))
	data = list(rows)
	if rows:
		data.append(total_row(rows))
	return columns(), data, None, chart(rows), summary(rows)


def total_row(rows: list[dict]) -> dict:
	"""Groups, occurrences and flagged complaints added up; the customers counted once."""
	return {
		"kind_label": _(ru.TOTAL),
		"customer_name": _("{0} customers").format(len({r["customer"] or r["customer_name"] for r in rows})),
		"issue": _("{0} groups").format(len(rows)),
		"occurrences": sum(r["occurrences"] for r in rows),
		"flagged": sum(int(r["flagged"] or 0) for r in rows),
		"is_total_row": 1,
	}


def threshold(filters, field: str, default: int) -> int:
	value = frappe.utils.cint(filters.get(field) or default)
	if value < 2:
		frappe.throw(_("{0} must be at least 2.").format(_(frappe.unscrub(field))), title=_("Filters"))
	return value


def unit_condition(units, column: str) -> str:
	return "" if units is None else f" AND {column} IN %(units)s"


def params(period, units, minimum) -> dict:
	out = {"start": period.start, "end_next": period.end_exclusive, "minimum": minimum}
	if units is not None:
		out["units"] = tuple(units) or ("",)
	return out


def complaint_groups(period, units, minimum: int) -> list[dict]:
	return frappe.db.sql(
		f"""SELECT %(kind)s AS kind,
			MAX(`customer`) AS customer,
			MAX(COALESCE(`complainant_name`, '')) AS customer_name,
			GROUP_CONCAT(DISTINCT `service_unit` ORDER BY `service_unit` SEPARATOR ', ') AS service_units,
			`category` AS type,
			`issue_key` AS issue,
			COUNT(*) AS occurrences,
			SUM(`is_repeat` = 1) AS flagged,
			MIN(`received_on`) AS first_on,
			MAX(`received_on`) AS last_on,
			GROUP_CONCAT(`name` ORDER BY `received_on` SEPARATOR ', ') AS documents
		FROM `tabComplaint`
		WHERE `received_on` >= %(start)s AND `received_on` < %(end_next)s
			AND COALESCE(`issue_key`, '') <> '' {unit_condition(units, "`service_unit`")}
		GROUP BY COALESCE(`customer`, `complainant_name`), `category`, `issue_key`
		HAVING COUNT(*) >= %(minimum)s""",
		{**params(period, units, minimum), "kind": COMPLAINT},
		as_dict=True,
	)


def repair_groups(period, units, minimum: int) -> list[dict]:
	return frappe.db.sql(
		f"""SELECT %(kind)s AS kind,
			e.`customer` AS customer,
			MAX(e.`customer_name`) AS customer_name,
			GROUP_CONCAT(DISTINCT e.`service_unit` ORDER BY e.`service_unit` SEPARATOR ', ') AS service_units,
			e.`event_type` AS type,
			COALESCE(e.`subject`, '') AS issue,
			COUNT(*) AS occurrences,
			NULL AS flagged,
			MIN(e.`occurred_on`) AS first_on,
			MAX(e.`occurred_on`) AS last_on,
			GROUP_CONCAT(e.`name` ORDER BY e.`occurred_on` SEPARATOR ', ') AS documents
		FROM `tabService Event` e
		JOIN `tabService Event Type` t ON t.`name` = e.`event_type` AND t.`category` = 'Repair Order'
		WHERE e.`occurred_on` >= %(start)s AND e.`occurred_on` < %(end_next)s AND e.`status` <> 'Cancelled'
			{unit_condition(units, "e.`service_unit`")}
		GROUP BY e.`customer`, e.`event_type`, COALESCE(e.`subject`, '')
		HAVING COUNT(*) >= %(minimum)s""",
		{**params(period, units, minimum), "kind": REPAIR},
		as_dict=True,
	)


def columns() -> list[dict]:
	return [
		ru.col("kind_label", "Kind", "Data", 110),
		ru.link("customer", "Customer", "Customer Archive", 150),
		ru.col("customer_name", "Customer Name", "Data", 120),
		ru.col("service_units", "Service Units", "Data", 160),
		ru.col("type", "Category or Event Type", "Data", 150),
		ru.col("issue", "Issue", "Data", 200),
		ru.col("occurrences", "Occurrences", width=90),
		ru.col("flagged", "Flagged as Repeat", width=110),
		ru.col("first_on", "First", "Datetime", 150),
		ru.col("last_on", "Last", "Datetime", 150),
		ru.col("documents", "Documents", "Data", 260),
	]


def chart(rows: list[dict]):
	counts = {}
	for row in rows:
		for unit in (row["service_units"] or "").split(", "):
			counts.setdefault(unit, {COMPLAINT: 0, REPAIR: 0})[row["kind"]] += 1
	units = sorted(counts, key=lambda u: -(counts[u][COMPLAINT] + counts[u][REPAIR]))[:20]
	return ru.bar_chart(
		units,
		[(COMPLAINT, [counts[u][COMPLAINT] for u in units]), (REPAIR, [counts[u][REPAIR] for u in units])],
		barOptions={"stacked": 1},
	)


def summary(rows: list[dict]) -> list[dict]:
	complaints = [r for r in rows if r["kind"] == COMPLAINT]
	repairs = [r for r in rows if r["kind"] == REPAIR]
	customers = {r["customer"] or r["customer_name"] for r in rows}
	return [
		ru.card(len(complaints), "Repeated Complaints", indicator="Red" if complaints else "Green"),
		ru.card(sum(r["occurrences"] for r in complaints), "Complaints Involved"),
		ru.card(len(repairs), "Repeated Repairs", indicator="Red" if repairs else "Green"),
		ru.card(sum(r["occurrences"] for r in repairs), "Repairs Involved"),
		ru.card(len(customers), "Customers"),
	]
