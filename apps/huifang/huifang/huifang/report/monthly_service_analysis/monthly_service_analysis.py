"""Monthly Service Analysis 月度服务分析 (R-70, R-71): per unit, or per agent inside each unit,
callbacks planned / done / on time, completion rate, satisfaction counts and rate, weighted sum,
score, grade, rank and the change against the period before.

Closed months read the Service Analysis snapshots (the figures that were reviewed and
published), the current month and months without a snapshot are computed live; a range of whole
months adds up its months (huifang.analysis.service). "Live Data" computes everything live.
"""

import frappe
from frappe import _

from huifang.analysis import report_utils as ru
from huifang.analysis.figures import Scale, total_row
from huifang.analysis.service import AGENT, MIXED, SNAPSHOT, UNIT, unit_figures

GROUP_AGENT = "Agent"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = ru.period_from(filters)
	units = ru.units_from(filters)
	by = AGENT if filters.get("group_by") == GROUP_AGENT or filters.get("agent") else UNIT
	scale = Scale()
	rows, source = unit_figures(
		period, units, by, live=bool(frappe.utils.cint(filters.get("live_data"))), scale=scale
	)
	if filters.get("agent"):
		rows = [r for r in rows if r.get("agent") == filters.agent]
	rows.sort(
		key=lambda r: (
			(r.get("service_unit") or "", r.get("rank") or 10**9, r.get("agent") or "")
			if by == AGENT
			else (r.get("rank") or 10**9, r.get("service_unit") or "")
		)
	)
	names = ru.user_names(r.get("agent") for r in rows) if by == AGENT else {}
	data = [format_row(r, names) for r in rows]
	total = total_row(rows, scale) if rows else None
	if total:
		data.append(format_row({**total, "service_unit": _(ru.TOTAL), "is_total_row": 1}, names))
	return (
		columns(by),
		data,
		message(period, source),
		chart(rows, by, names),
		summary(rows, total, by, source),
	)


def format_row(row: dict, names: dict) -> dict:
	out = dict(row)
	out["grade"] = ru.grade_label(row.get("grade"))
	out["grade_code"] = row.get("grade")
	if row.get("agent"):
		out["agent_name"] = names.get(row["agent"]) or row["agent"]
	return out


def columns(by: str) -> list[dict]:
	cols = [ru.link("service_unit", "Service Unit", "Service Unit", 180)]
	if by == AGENT:
		cols += [ru.link("agent", "Agent", "User", 180), ru.col("agent_name", "Agent Name", "Data", 100)]
	cols += [
		ru.col("planned", "Planned"),
		ru.col("done", "Done"),
		ru.col("on_time", "On Time"),
		ru.col("missed", "Missed"),
		ru.percent("completion_rate", "Completion Rate"),
		ru.percent("on_time_rate", "On-time Rate"),
		ru.col("rated", "Rated"),
		ru.col("satisfied", "Satisfied"),
		ru.col("basic", "Basically Satisfied", width=100),
		ru.col("unsatisfied", "Unsatisfied"),
		ru.percent("satisfaction_rate", "Satisfaction Rate"),
		ru.col("weighted_sum", "Weighted Sum", width=100),
		ru.score("callback_score", "Callback Score", 100),
	]
	if by == UNIT:
		cols += [
			ru.col("evaluator_count", "Evaluations"),
			ru.score("evaluator_score", "Evaluator Score", 100),
		]
	cols += [
		ru.score("score", "Score"),
		ru.col("grade", "Grade", "Data", 90),
		ru.col("rank", "Rank in Unit" if by == AGENT else "Rank", width=80),
		ru.score("previous_score", "Previous Score", 100),
		ru.score("score_change", "Score Change", 100),
		ru.score("satisfaction_rate_change", "Satisfaction Rate Change", 120),
	]
	return cols


def message(period, source: str) -> str:
	if source == SNAPSHOT:
		return _("Figures of {0} from the monthly Service Analysis snapshots.").format(period.label)
	if source == MIXED:
		return _("Figures of {0}: closed months from the monthly snapshots, the other months live.").format(
			period.label
		)
	return _("Live figures for {0}.").format(period.label)


SOURCE_LABELS = {SNAPSHOT: "Snapshot", MIXED: "Snapshot and Live"}


def chart(rows: list[dict], by: str, names: dict):
	ranked = sorted((r for r in rows if r.get("score") is not None), key=lambda r: r["rank"] or 0)[:30]
	if by == AGENT:
		labels = [f"{names.get(r['agent']) or r['agent']}（{r['service_unit']}）" for r in ranked]
	else:
		labels = [r["service_unit"] for r in ranked]
	return ru.bar_chart(
		labels,
		[
			("Score", [r["score"] for r in ranked]),
			("Satisfaction Rate", [r["satisfaction_rate"] or 0 for r in ranked]),
		],
		colors=["#2490ef", "#29cd42"],
	)


def summary(rows: list[dict], total: dict | None, by: str, source: str) -> list[dict]:
	total = total or {}
	return [
		ru.card(len(rows), "Agents" if by == AGENT else "Service Units"),
		ru.card(total.get("planned", 0), "Planned"),
		ru.card(total.get("done", 0), "Done"),
		ru.card(total.get("completion_rate"), "Completion Rate", "Percent"),
		ru.card(total.get("satisfaction_rate"), "Satisfaction Rate", "Percent"),
		ru.card(total.get("score"), "Score", "Float", ru.grade_indicator(total.get("grade"))),
		ru.card(ru.grade_label(total.get("grade")), "Grade", "Data", ru.grade_indicator(total.get("grade"))),
		ru.card(_(SOURCE_LABELS.get(source, "Live")), "Source", "Data", "Blue"),
	]
