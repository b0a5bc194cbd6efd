"""Data of the public ranking page /ranking (R-71): published Service Analyses only, units ranked
by score with their grade. Nothing else leaves the database: no agents, no customers, no drafts."""

from __future__ import annotations

import frappe

from huifang.analysis.figures import rank
from huifang.analysis.periods import parse_period

PUBLISHED = "Published"


def published_periods() -> list[str]:
	"""Months with at least one published analysis, newest first."""
	rows = frappe.db.sql(
		"""SELECT DISTINCT `period` FROM `tabService Analysis`
		WHERE `workflow_state` = %s ORDER BY `period` DESC LIMIT 120""",
		(PUBLISHED,),
	)
	return [r[0] for r in rows]


def ranking(period: str) -> list[dict]:
	"""Published units of the month with a score, best first, ranked among themselves."""
	rows = frappe.get_all(
		"Service Analysis",
		filters={"period": period, "workflow_state": PUBLISHED, "score": (">", 0)},
		fields=["service_unit", "score", "grade", "satisfaction_rate", "completion_rate", "planned", "rated"],
		order_by="score desc, service_unit asc",
	)
	units = dict(
		frappe.get_all(
			"Service Unit",
			filters={"name": ("in", [r.service_unit for r in rows] or [""])},
			fields=["name", "unit_name"],
			as_list=True,
		)
	)
	out = [
		{
			"unit": units.get(r.service_unit) or r.service_unit,
			"score": r.score,
			"grade": r.grade,
			"satisfaction_rate": r.satisfaction_rate,
			"completion_rate": r.completion_rate if r.planned else None,
		}
		for r in rows
	]
	rank(out)
	return out


def valid_period(value) -> str | None:
	try:
		return parse_period(value).strftime("%Y-%m") if value else None
	except (TypeError, ValueError):
		return None
