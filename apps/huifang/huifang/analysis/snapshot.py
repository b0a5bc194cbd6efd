"""Monthly snapshot job (R-71, R-80): on the 1st, last month's figures per unit go into Service
Analysis documents for review and publication.

Idempotent: one document per unit and month (unique index); a re-run recomputes the Draft ones
and leaves reviewed or published ones untouched.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_months, getdate, now_datetime, today

from huifang.analysis import metrics
from huifang.analysis.figures import FIGURE_FIELDS, Scale, rank
from huifang.analysis.periods import Period, parse_period, period_label
from huifang.analysis.service import AGENT, FIGURE_FIELDS_AGENT, UNIT, change, live_rows, unit_figures

COMPLAINT_FIELDS = ("complaints", "major_complaints", "important_complaints", "repeat_complaints")
MANAGER = "Huifang Manager"


def monthly_snapshot():
	"""Scheduler entry (cron, 02:00 on the 1st): the month that just ended."""
	take_snapshot(period_label(add_months(getdate(today()), -1)))


@frappe.whitelist(methods=["POST"])
def compute_month(period: str) -> dict:
	"""Recompute the Draft analyses of a closed month by hand (Huifang Manager)."""
	frappe.only_for((MANAGER, "System Manager"))
	try:
		month = Period.month(parse_period(period))
	except (TypeError, ValueError):
		frappe.throw(_("Period must be a month written as YYYY-MM, e.g. 2025-03."), title=_("Period"))
	if not month.is_closed():
		frappe.throw(_("Only a month that has ended can be analysed."), title=_("Period"))
	return take_snapshot(month.label)


def take_snapshot(period: str) -> dict:
	"""Write the Service Analysis documents of one month; returns counts by outcome."""
	month = Period.month(parse_period(period))
	scale = Scale()
	units = live_rows(month, None, UNIT, scale)
	rank(units)
	ranked = sum(1 for r in units if r.get("rank"))
	agents: dict[str, list[dict]] = {}
	for row in live_rows(month, None, AGENT, scale):
		agents.setdefault(row["service_unit"], []).append(row)
	for rows in agents.values():
		rank(rows)
	complaints = {r.service_unit: r for r in metrics.complaint_counts(month, None)}
	previous, _source = unit_figures(month.previous(), None, UNIT, with_previous=False, scale=scale)
	before = {r["service_unit"]: r for r in previous}

	by_unit = {r["service_unit"]: r for r in units}
	for unit in complaints:
		by_unit.setdefault(unit, {"service_unit": unit})
	existing = {
		r.service_unit: r
		for r in frappe.get_all(
			"Service Analysis",
			filters={"period": month.label},
			fields=["name", "service_unit", "workflow_state"],
		)
	}
	outcome = {"created": 0, "updated": 0, "kept": 0}
	for unit, row in sorted(by_unit.items()):
		if not unit:
			continue
		current = existing.get(unit)
		if current and (current.workflow_state or "Draft") != "Draft":
			outcome["kept"] += 1
			continue
		doc = (
			frappe.get_doc("Service Analysis", current.name)
			if current
			else frappe.new_doc("Service Analysis")
		)
		doc.update({"service_unit": unit, "period": month.label})
		doc.update({f: row.get(f) for f in FIGURE_FIELDS})
		doc.update({f: int((complaints.get(unit) or {}).get(f) or 0) for f in COMPLAINT_FIELDS})
		prev = before.get(unit) or {}
		doc.update(
			{
				"rank": row.get("rank"),
				"unit_count": ranked,
				"evaluator_weight": scale.evaluator_weight if row.get("evaluator_count") else 0,
				"previous_score": prev.get("score"),
				"score_change": change(row.get("score"), prev.get("score")),
				"satisfaction_rate_change": change(
					row.get("satisfaction_rate"), prev.get("satisfaction_rate")
				),
				"computed_on": now_datetime(),
			}
		)
		doc.set("agents", [])
		for agent in sorted(agents.get(unit, []), key=lambda r: (r.get("rank") or 10**9, r["agent"])):
			figures = {f: agent.get(f) for f in FIGURE_FIELDS_AGENT}
			doc.append("agents", {"agent": agent["agent"], **figures, "rank": agent.get("rank")})
		doc.flags.ignore_permissions = True
		doc.save() if current else doc.insert()
		outcome["updated" if current else "created"] += 1
	return outcome
