"""Unit and agent figures of a period (R-70, R-71, R-72): closed months come from the Service
Analysis snapshots (the figures that were reviewed and published, so they never drift), the
current month and anything not snapshotted live from the aggregate queries.

A single closed month shows its stored figures as they are. A range of whole months adds up the
counts of its snapshotted months and of the live rest, then derives rates, scores and grades from
the sums (yearly summaries, R-72). Ranges that do not start and end on month boundaries are live.

Used by the Monthly Service Analysis and Agent Workload reports, the snapshot job and the cards.
"""

from __future__ import annotations

from datetime import timedelta

import frappe

from huifang.analysis import metrics
from huifang.analysis.figures import (
	COUNT_FIELDS,
	EVALUATOR_FIELDS,
	FIGURE_FIELDS,
	Scale,
	blank_missing,
	derive,
	rank,
)
from huifang.analysis.periods import Period, add_months

UNIT, AGENT, AGENT_ONLY = "unit", "unit_agent", "agent"
KEYS = {UNIT: ("service_unit",), AGENT: ("service_unit", "agent"), AGENT_ONLY: ("agent",)}
SNAPSHOT, LIVE, MIXED = "snapshot", "live", "mixed"
# agents carry no evaluator results
FIGURE_FIELDS_AGENT = tuple(f for f in FIGURE_FIELDS if not f.startswith("evaluator_"))
AGENT_FIELDS = {"service_unit", "agent", *FIGURE_FIELDS_AGENT}


def live_rows(
	period: Period,
	units: list[str] | None,
	by: str = UNIT,
	scale: Scale | None = None,
	workload: bool = False,
) -> list[dict]:
	"""Figures per unit (UNIT), per unit and agent (AGENT) or per agent (AGENT_ONLY), computed now;
	`workload` adds the agents' workload counts (metrics.WORKLOAD_FIELDS)."""
	scale = scale or Scale()
	keys = KEYS[by]
	rows: dict[tuple, dict] = {}

	def row_for(r):
		key = tuple(r.get(k) for k in keys)
		if key not in rows:
			rows[key] = dict(zip(keys, key, strict=True))
		return rows[key]

	for r in metrics.task_counts(period, units, by=by, workload=workload):
		row_for(r).update({k: v for k, v in r.items() if k not in keys})
	for r in metrics.record_counts(period, units, by=by, workload=workload):
		row_for(r).update({k: v for k, v in r.items() if k not in keys})
	if by == UNIT:
		for r in metrics.evaluator_counts(period, units):
			row_for(r).update({f"evaluator_{k}": v for k, v in r.items() if k != "service_unit"})
	return agent_view(
		[derive(row, scale) for row in rows.values()], by, keep=metrics.WORKLOAD_FIELDS if workload else ()
	)


def agent_view(rows: list[dict], by: str, keep=()) -> list[dict]:
	"""Agent rows keep agent figures only; unassigned tasks belong to no agent and evaluators
	rate windows, not agents."""
	if "agent" not in KEYS[by]:
		return rows
	fields = AGENT_FIELDS | set(keep)
	return [{k: v for k, v in r.items() if k in fields} for r in rows if r.get("agent")]


def snapshot_months(period: Period, units: list[str] | None = None) -> set[str]:
	"""The closed months of a whole-month range that have Service Analysis snapshots (of the
	given units: a unit set up after the job ran is still computed live)."""
	labels = [m.label for m in months_of(period) if m.is_closed()]
	if not labels:
		return set()
	filters = {"period": ("in", labels)}
	if units is not None:
		filters["service_unit"] = ("in", units or [""])
	return set(frappe.get_all("Service Analysis", filters=filters, pluck="period", distinct=True))


def months_of(period: Period) -> list[Period]:
	return [Period.month(add_months(period.start, i)) for i in range(period.whole_months)]


def snapshot_rows(labels: list[str], units: list[str] | None, by: str = UNIT) -> list[dict]:
	"""Stored rows of the given months (one row per unit, or per unit and agent, and month)."""
	filters = {"period": ("in", labels)}
	if units is not None:
		filters["service_unit"] = ("in", units or [""])
	if by == UNIT:
		rows = frappe.get_all(
			"Service Analysis", filters=filters, fields=["name", "service_unit", *FIGURE_FIELDS]
		)
		return [blank_missing(r) for r in rows]
	parents = frappe.get_all("Service Analysis", filters=filters, fields=["name", "service_unit"])
	unit_of = {p.name: p.service_unit for p in parents}
	if not unit_of:
		return []
	rows = frappe.get_all(
		"Service Analysis Agent",
		filters={"parenttype": "Service Analysis", "parent": ("in", list(unit_of))},
		fields=["parent", "agent", *FIGURE_FIELDS_AGENT],
	)
	for row in rows:
		row["service_unit"] = unit_of[row.pop("parent")]
		blank_missing(row)
	return rows


def summed(parts: list[list[dict]], by: str, scale: Scale) -> list[dict]:
	"""Counts of several months added up per key, figures derived from the sums."""
	keys = KEYS[by]
	fields = (*COUNT_FIELDS, *EVALUATOR_FIELDS) if by == UNIT else COUNT_FIELDS
	out: dict[tuple, dict] = {}
	for rows in parts:
		for r in rows:
			key = tuple(r.get(k) for k in keys)
			row = out.setdefault(key, {**dict(zip(keys, key, strict=True)), **dict.fromkeys(fields, 0)})
			for field in fields:
				row[field] += int(r.get(field) or 0)
	return agent_view([derive(row, scale) for row in out.values()], by)


def period_rows(
	period: Period, units: list[str] | None, by: str, live: bool, scale: Scale
) -> tuple[list[dict], str]:
	"""The rows of a period and where they came from (SNAPSHOT, LIVE or MIXED)."""
	stored = set() if live or by == AGENT_ONLY or not period.whole_months else snapshot_months(period, units)
	if not stored:
		return live_rows(period, units, by, scale), LIVE
	if period.is_single_month:
		return snapshot_rows([period.label], units, by), SNAPSHOT
	parts = [snapshot_rows(sorted(stored), units, by)]
	# months without a snapshot, consecutive ones queried together
	runs: list[Period] = []
	for month in months_of(period):
		if month.label in stored:
			continue
		if runs and runs[-1].end == month.start - timedelta(days=1):
			runs[-1] = Period(runs[-1].start, month.end)
		else:
			runs.append(month)
	parts += [live_rows(run, units, by, scale) for run in runs]
	return summed(parts, by, scale), MIXED if runs else SNAPSHOT


def unit_figures(
	period: Period,
	units: list[str] | None,
	by: str = UNIT,
	live: bool = False,
	with_previous: bool = True,
	scale: Scale | None = None,
) -> tuple[list[dict], str]:
	"""Rows ranked (units among the rows, agents inside their unit) with the change against the
	period before; and the source, SNAPSHOT, LIVE or MIXED."""
	scale = scale or Scale()
	rows, source = period_rows(period, units, by, live, scale)
	rows = [dict(r) for r in rows]
	rank(rows, within="service_unit" if by == AGENT else None)
	if with_previous:
		previous, _source = unit_figures(period.previous(), units, by, live, False, scale)
		key = KEYS[by]
		before = {tuple(r.get(k) for k in key): r for r in previous}
		for row in rows:
			prev = before.get(tuple(row.get(k) for k in key)) or {}
			row["previous_score"] = prev.get("score")
			row["score_change"] = change(row.get("score"), prev.get("score"))
			row["satisfaction_rate_change"] = change(
				row.get("satisfaction_rate"), prev.get("satisfaction_rate")
			)
	return rows, source


def change(now, before):
	if now is None or before is None:
		return None
	return round(float(now) - float(before), 2)
