"""Agent Workload and Performance 回访人员绩效 (R-70, R-35, R-36): per agent, the callbacks due
and done, missed ones (they count against the assignee), attempts, unreachable and escalated
tasks, talk time, visits and letters, problem cases, records returned by the reviewer, and the
satisfaction figures, score, grade and rank of the agent's results."""

import frappe
from frappe import _

from huifang.analysis import report_utils as ru
from huifang.analysis.figures import Scale, rank, rate, total_row
from huifang.analysis.service import AGENT_ONLY, live_rows

EXTRA = (
	"attempts",
	"unreachable",
	"escalated",
	"all_records",
	"talk_seconds",
	"visits_letters",
	"problem_cases",
	"returned",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = ru.period_from(filters)
	units = ru.units_from(filters)
	scale = Scale()
	rows = {r["agent"]: r for r in live_rows(period, units, AGENT_ONLY, scale, workload=True)}
	data = list(rows.values())
	for row in data:
		for field in EXTRA:
			row[field] = int(row.get(field) or 0)
		finish(row)
	rank(data)
	if filters.get("agent"):
		data = [r for r in data if r["agent"] == filters.agent]
	data.sort(key=lambda r: (r.get("rank") or 10**9, r["agent"]))
	names = ru.user_names(r["agent"] for r in data)
	for row in data:
		row["agent_name"] = names.get(row["agent"]) or row["agent"]
		row["grade_code"] = row.get("grade")
		row["grade"] = ru.grade_label(row.get("grade"))
	total = None
	if data:
		total = total_row(data, scale)
		for field in EXTRA:
			total[field] = sum(r[field] for r in data)
		finish(total)
		data.append(
			{
				**total,
				"agent": _(ru.TOTAL),
				"grade_code": total.get("grade"),
				"grade": ru.grade_label(total.get("grade")),
				"is_total_row": 1,
			}
		)
	return columns(), data, None, chart(data), summary(data, total)


def finish(row: dict) -> None:
	"""Per-agent ratios derived from the workload counts."""
	row["attempts_per_task"] = round(row["attempts"] / row["planned"], 2) if row.get("planned") else None
	row["avg_talk_minutes"] = (
		round(row["talk_seconds"] / 60 / row["all_records"], 1) if row.get("all_records") else None
	)
	row["visit_letter_share"] = rate(row["visits_letters"], row["all_records"])


def columns() -> list[dict]:
	return [
		ru.link("agent", "Agent", "User", 180),
		ru.col("agent_name", "Agent Name", "Data", 100),
		ru.col("units", "Service Units", "Data", 160),
		ru.col("planned", "Planned"),
		ru.col("done", "Done"),
		ru.col("on_time", "On Time"),
		ru.col("missed", "Missed"),
		ru.col("unreachable", "Unreachable", width=100),
		ru.col("escalated", "Escalated"),
		ru.percent("completion_rate", "Completion Rate"),
		ru.percent("on_time_rate", "On-time Rate"),
		ru.col("attempts", "Attempts"),
		ru.score("attempts_per_task", "Attempts per Task", 110),
		ru.col("all_records", "Callback Records", width=100),
		ru.score("avg_talk_minutes", "Average Talk Time (Minutes)", 140),
		ru.col("visits_letters", "Visits and Letters", width=110),
		ru.percent("visit_letter_share", "Visit and Letter Share", 120),
		ru.col("problem_cases", "Problem Cases", width=100),
		ru.col("returned", "Returned for Correction", width=130),
		ru.col("rated", "Rated"),
		ru.col("satisfied", "Satisfied"),
		ru.col("basic", "Basically Satisfied", width=100),
		ru.col("unsatisfied", "Unsatisfied"),
		ru.percent("satisfaction_rate", "Satisfaction Rate"),
		ru.score("score", "Score"),
		ru.col("grade", "Grade", "Data", 90),
		ru.col("rank", "Rank", width=70),
	]


def chart(data: list[dict]):
	rows = [r for r in data if not r.get("is_total_row")][:30]
	return ru.bar_chart(
		[r["agent_name"] for r in rows],
		[("Done", [r["done"] for r in rows]), ("Missed", [r["missed"] for r in rows])],
		barOptions={"stacked": 1},
		colors=["#29cd42", "#e24c4c"],
	)


def summary(data: list[dict], total: dict | None) -> list[dict]:
	total = total or {}
	return [
		ru.card(len([r for r in data if not r.get("is_total_row")]), "Agents"),
		ru.card(total.get("planned", 0), "Planned"),
		ru.card(total.get("done", 0), "Done"),
		ru.card(total.get("missed", 0), "Missed", indicator="Red" if total.get("missed") else "Green"),
		ru.card(total.get("completion_rate"), "Completion Rate", "Percent"),
		ru.card(total.get("satisfaction_rate"), "Satisfaction Rate", "Percent"),
		ru.card(total.get("visit_letter_share"), "Visit and Letter Share", "Percent"),
	]
