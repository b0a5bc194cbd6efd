"""The aggregate queries behind the monthly service analysis (R-70, R-71), shared by the Script
Reports, the monthly snapshot job and the workspace cards.

Each function is one set-based GROUP BY over indexed columns and returns plain counts; turning
counts into rates, scores and grades is huifang.analysis.figures' job. `units` limits every query
(None = all units, [] = none) and `by` names the grouping: "unit", "agent" or "unit_agent".

Definitions (R-70):
- planned: Callback Tasks due in the period (latest_date in range), cancelled ones excluded;
- done / on time: of those, Done, and Done no later than the latest date;
- missed: planned, not done and already past the latest date (counts against the assignee, R-36);
- counted callback records: Submitted, Reviewed or Archived (drafts and returned records are not
  results yet), by call_time; level_5..level_1 count the five-level overall score.
"""

from __future__ import annotations

import frappe

from huifang.analysis.periods import Period
from huifang.huifang.doctype.callback_record.callback_record import REPORTED
from huifang.utils.scoring import LEVELS

COUNTED_STATES = tuple(REPORTED)
# covering indexes (Callback Record / Callback Task on_doctype_update)
RECORDS_INDEX = "analysis_records_index"
TASKS_INDEX = "analysis_tasks_index"

_TASK_KEYS = {
	"unit": ("service_unit",),
	"agent": ("assignee",),
	"unit_agent": ("service_unit", "assignee"),
}
_RECORD_KEYS = {
	"unit": ("service_unit",),
	"agent": ("agent",),
	"unit_agent": ("service_unit", "agent"),
}
LEVEL_FIELDS = tuple(f"level_{level}" for level in LEVELS)
WORKLOAD_FIELDS = (
	"attempts",
	"unreachable",
	"escalated",
	"units",
	"all_records",
	"talk_seconds",
	"visits_letters",
	"problem_cases",
	"returned",
)


def _select_keys(columns: tuple[str, ...]) -> tuple[str, str]:
	"""SELECT list and GROUP BY list; task assignees come back as `agent` like record agents."""
	select = ", ".join("`assignee` AS `agent`" if c == "assignee" else f"`{c}`" for c in columns)
	return select, ", ".join(f"`{c}`" for c in columns)


_HINTS: dict[tuple, str] = {}


def index_hint(doctype: str, index: str) -> str:
	"""USE INDEX for the analysis index when the table has it. Over long ranges (a year is half
	the table) MariaDB's estimate makes it scan a non-covering index to skip the GROUP BY sort,
	several times slower than reading the covering index."""
	key = (getattr(frappe.local, "site", None), doctype, index)
	if key not in _HINTS:
		_HINTS[key] = f"USE INDEX (`{index}`)" if frappe.db.has_index(f"tab{doctype}", index) else ""
	return _HINTS[key]


def _unit_condition(units: list[str] | None, column: str = "service_unit") -> str:
	return "" if units is None else f" AND `{column}` IN %(units)s"


def _params(period: Period, units, **extra) -> dict:
	params = {"start": period.start, "end": period.end, "end_next": period.end_exclusive, **extra}
	if units is not None:
		params["units"] = tuple(units) or ("",)
	return params


def task_counts(
	period: Period, units: list[str] | None = None, by: str = "unit", today=None, workload: bool = False
) -> list[dict]:
	"""planned, done, on_time, missed per group for tasks due in the period; with `workload` also
	attempts, unreachable and escalated tasks (R-35, R-36)."""
	select, group = _select_keys(_TASK_KEYS[by])
	extra = (
		""",
			SUM(`attempt_count`) AS attempts,
			SUM(`status` = 'Unreachable') AS unreachable,
			SUM(`escalated` = 1) AS escalated"""
		if workload
		else ""
	)
	return frappe.db.sql(
		f"""SELECT {select},
			COUNT(*) AS planned,
			SUM(`status` = 'Done') AS done,
			SUM(`status` = 'Done' AND `completed_on` < `latest_date` + INTERVAL 1 DAY) AS on_time,
			SUM(`status` <> 'Done' AND `latest_date` < %(today)s) AS missed{extra}
		FROM `tabCallback Task` {index_hint("Callback Task", TASKS_INDEX)}
		WHERE `latest_date` BETWEEN %(start)s AND %(end)s AND `status` <> 'Cancelled'
			{_unit_condition(units)}
		GROUP BY {group}""",
		_params(period, units, today=today or frappe.utils.today()),
		as_dict=True,
	)


def record_counts(
	period: Period, units: list[str] | None = None, by: str = "unit", workload: bool = False
) -> list[dict]:
	"""records and level_5..level_1 per group for counted records called in the period; with
	`workload` also every record made (drafts too) with its talk time, visits and letters, problem
	cases and returns by the reviewer (R-35, R-44), in the same pass."""
	select, group = _select_keys(_RECORD_KEYS[by])
	counted = "`workflow_state` IN %(states)s"
	if workload:
		levels = ",\n\t\t\t".join(
			f"SUM({counted} AND `overall_score` = {lv}) AS `level_{lv}`" for lv in LEVELS
		)
		columns = f"""SUM({counted}) AS records,
			{levels},
			GROUP_CONCAT(DISTINCT `service_unit` ORDER BY `service_unit` SEPARATOR ', ') AS units,
			COUNT(*) AS all_records,
			SUM(`duration`) AS talk_seconds,
			SUM(`method` IN ('Visit', 'Letter')) AS visits_letters,
			SUM(`is_problem_case` = 1) AS problem_cases,
			SUM(`workflow_state` = 'Returned') AS returned"""
		state_filter = ""
	else:
		levels = ",\n\t\t\t".join(f"SUM(`overall_score` = {lv}) AS `level_{lv}`" for lv in LEVELS)
		columns = f"""COUNT(*) AS records,
			{levels}"""
		state_filter = f"AND {counted}"
	return frappe.db.sql(
		f"""SELECT {select},
			{columns}
		FROM `tabCallback Record` {index_hint("Callback Record", RECORDS_INDEX)}
		WHERE `call_time` >= %(start)s AND `call_time` < %(end_next)s {state_filter}
			{_unit_condition(units)}
		GROUP BY {group}""",
		_params(period, units, states=COUNTED_STATES),
		as_dict=True,
	)


def evaluator_counts(period: Period, units: list[str] | None = None) -> list[dict]:
	"""Electronic evaluator (评价器) presses per unit, level_5..level_1 (R-71)."""
	levels = ", ".join(f"SUM(`level_{lv}`) AS `level_{lv}`" for lv in LEVELS)
	return frappe.db.sql(
		f"""SELECT `service_unit`, {levels}
		FROM `tabEvaluator Score`
		WHERE `evaluation_date` BETWEEN %(start)s AND %(end)s {_unit_condition(units)}
		GROUP BY `service_unit`""",
		_params(period, units),
		as_dict=True,
	)


def complaint_counts(period: Period, units: list[str] | None = None) -> list[dict]:
	"""Complaints received per unit: all, major, important, repeats (R-70, R-54)."""
	return frappe.db.sql(
		f"""SELECT `service_unit`,
			COUNT(*) AS complaints,
			SUM(`severity` = 'Major') AS major_complaints,
			SUM(`severity` = 'Important') AS important_complaints,
			SUM(`is_repeat` = 1) AS repeat_complaints
		FROM `tabComplaint`
		WHERE `received_on` >= %(start)s AND `received_on` < %(end_next)s {_unit_condition(units)}
		GROUP BY `service_unit`""",
		_params(period, units),
		as_dict=True,
	)
