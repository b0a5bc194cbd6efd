"""Survey Results 满意度调查结果 (R-60, R-61, R-72): per question, campaign or unit — the 5-point
average, the distribution over the five levels, the weighted sum 5·n1+4·n2+3·n3+2·n4+1·n5, the
satisfaction rate and the grade, all through huifang.utils.scoring.

Per question the grade is that of the average; per campaign or unit it follows the template's
scheme: Total Score templates grade the mean total score by their thresholds, the others the mean
of the responses' averages.
"""

from itertools import chain, repeat

import frappe
from frappe import _

from huifang.analysis import report_utils as ru
from huifang.analysis.figures import rate
from huifang.utils import scoring
from huifang.utils.settings import get_setting

QUESTION, CAMPAIGN, UNIT = "Question", "Campaign", "Service Unit"
RATED_TYPES = ("Rating 1-5", "Three Grades")
LEVEL_FIELDS = tuple(f"level_{lv}" for lv in scoring.LEVELS)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = ru.period_from(filters)
	units = ru.units_from(filters)
	group = filters.get("group_by") or QUESTION
	if group == QUESTION:
		rows = question_rows(period, units, filters)
		total = question_total(rows)
	elif group in (CAMPAIGN, UNIT):
		rows = response_rows(period, units, filters, group)
		total = response_total(rows)
	else:
		frappe.throw(_("Unknown grouping {0}.").format(group), title=_("Filters"))
	data = list(rows)
	if total:
		data.append(
			{
				**total,
				"is_total_row": 1,
				"campaign": _(ru.TOTAL) if group == CAMPAIGN else None,
				"question": _(ru.TOTAL) if group == QUESTION else None,
				"service_unit": _(ru.TOTAL) if group == UNIT else None,
			}
		)
	return columns(group), data, None, chart(rows, group), summary(rows, total, group)


def where(period, units, filters, alias: str = "r") -> tuple[str, dict]:
	parts = [f"{alias}.`submitted_on` >= %(start)s", f"{alias}.`submitted_on` < %(end_next)s"]
	params = {"start": period.start, "end_next": period.end_exclusive}
	if units is not None:
		parts.append(f"{alias}.`service_unit` IN %(units)s")
		params["units"] = tuple(units) or ("",)
	for field in ("campaign", "survey_template"):
		if filters.get(field):
			parts.append(f"{alias}.`{field}` = %({field})s")
			params[field] = filters.get(field)
	return " AND ".join(parts), params


def level_stats(row: dict) -> dict:
	"""Average, weighted sum, grade and satisfaction rate of a level distribution."""
	counts = {lv: int(row.get(f"level_{lv}") or 0) for lv in scoring.LEVELS}
	for lv in scoring.LEVELS:
		row[f"level_{lv}"] = counts[lv]
	row["rated"] = sum(counts.values())
	row["average"] = scoring.average(chain.from_iterable(repeat(lv, n) for lv, n in counts.items()))
	row["weighted_sum"] = scoring.weighted_sum(counts)
	row["grade_code"] = scoring.grade_of_average(row["average"])
	happy = sum(n for lv, n in counts.items() if scoring.level_to_grade(lv) != scoring.UNSATISFIED)
	row["satisfaction_rate"] = rate(happy, row["rated"])
	row["grade"] = ru.grade_label(row["grade_code"])
	return row


def question_rows(period, units, filters) -> list[dict]:
	condition, params = where(period, units, filters)
	levels = ", ".join(f"SUM(a.`rating` = {lv}) AS level_{lv}" for lv in scoring.LEVELS)
	rows = frappe.db.sql(
		f"""SELECT r.`campaign`, r.`survey_template`, a.`question`,
			MAX(a.`dimension`) AS dimension, MIN(a.`idx`) AS position,
			COUNT(DISTINCT r.`name`) AS responses, {levels}
		FROM `tabSurvey Answer` a
		JOIN `tabSurvey Response` r ON r.`name` = a.`parent` AND a.`parenttype` = 'Survey Response'
		WHERE {condition} AND a.`question_type` IN %(rated)s
		GROUP BY r.`campaign`, r.`survey_template`, a.`question`
		ORDER BY r.`campaign`, r.`survey_template`, position""",
		{**params, "rated": RATED_TYPES},
		as_dict=True,
	)
	return [level_stats(r) for r in rows]


def question_total(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	return level_stats({f: sum(r[f] for r in rows) for f in LEVEL_FIELDS})


def response_rows(period, units, filters, group: str) -> list[dict]:
	condition, params = where(period, units, filters)
	key = (
		"r.`campaign`, r.`survey_template`" if group == CAMPAIGN else "r.`service_unit`, r.`survey_template`"
	)
	rows = frappe.db.sql(
		f"""SELECT {key},
			COUNT(*) AS responses,
			AVG(r.`total_score`) AS avg_total,
			SUM(r.`average_score`) AS sum_average,
			SUM(r.`average_score` IS NOT NULL AND r.`grade` IS NOT NULL) AS scored,
			SUM(r.`grade` = 'Satisfied') AS satisfied,
			SUM(r.`grade` = 'Basically Satisfied') AS basic,
			SUM(r.`grade` = 'Unsatisfied') AS unsatisfied,
			t.`scoring_scheme`, t.`satisfied_threshold`, t.`basic_threshold`
		FROM `tabSurvey Response` r
		JOIN `tabSurvey Template` t ON t.`name` = r.`survey_template`
		WHERE {condition}
		GROUP BY {key}
		ORDER BY {key}""",
		params,
		as_dict=True,
	)
	for row in rows:
		finish_response_row(row)
	return rows


def finish_response_row(row: dict) -> dict:
	for field in ("responses", "scored", "satisfied", "basic", "unsatisfied"):
		row[field] = int(row.get(field) or 0)
	row["avg_total"] = (
		scoring.round_half_up(row["avg_total"], 2) if row.get("avg_total") is not None else None
	)
	row["average"] = (
		scoring.round_half_up(row["sum_average"] / row["scored"], 2) if row.get("scored") else None
	)
	graded = row["satisfied"] + row["basic"] + row["unsatisfied"]
	row["satisfaction_rate"] = rate(row["satisfied"] + row["basic"], graded)
	if row.get("scoring_scheme") == scoring.TOTAL_SCORE and row["avg_total"] is not None:
		row["grade_code"] = scoring.grade_by_total(
			row["avg_total"],
			row.get("satisfied_threshold") or get_setting("satisfied_threshold"),
			row.get("basic_threshold") or get_setting("basic_threshold"),
		)
	else:
		row["grade_code"] = scoring.grade_of_average(row["average"])
	row["grade"] = ru.grade_label(row["grade_code"])
	return row


def response_total(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	total = {f: sum(r[f] for r in rows) for f in ("responses", "scored", "satisfied", "basic", "unsatisfied")}
	total["sum_average"] = sum(r["sum_average"] or 0 for r in rows)
	graded = total["satisfied"] + total["basic"] + total["unsatisfied"]
	total["satisfaction_rate"] = rate(total["satisfied"] + total["basic"], graded)
	total["average"] = (
		scoring.round_half_up(total["sum_average"] / total["scored"], 2) if total["scored"] else None
	)
	total["grade_code"] = scoring.grade_of_average(total["average"])
	total["grade"] = ru.grade_label(total["grade_code"])
	return total


def columns(group: str) -> list[dict]:
	levels = [
		ru.col("level_5", "Very Satisfied (5)", width=100),
		ru.col("level_4", "Satisfied (4)", width=90),
		ru.col("level_3", "Basically Satisfied (3)", width=110),
		ru.col("level_2", "Unsatisfied (2)", width=90),
		ru.col("level_1", "Very Unsatisfied (1)", width=110),
	]
	if group == QUESTION:
		return [
			ru.link("campaign", "Survey Campaign", "Survey Campaign", 150),
			ru.link("survey_template", "Survey Template", "Survey Template", 150),
			ru.col("question", "Question", "Data", 220),
			ru.col("dimension", "Dimension", "Data", 100),
			ru.col("responses", "Responses"),
			ru.col("rated", "Rated"),
			*levels,
			ru.score("average", "Average (5 Points)", 110),
			ru.col("weighted_sum", "Weighted Sum", width=100),
			ru.percent("satisfaction_rate", "Satisfaction Rate"),
			ru.col("grade", "Grade", "Data", 90),
		]
	first = (
		ru.link("campaign", "Survey Campaign", "Survey Campaign", 160)
		if group == CAMPAIGN
		else ru.link("service_unit", "Service Unit", "Service Unit", 160)
	)
	return [
		first,
		ru.link("survey_template", "Survey Template", "Survey Template", 150),
		ru.col("responses", "Responses"),
		ru.score("avg_total", "Average Total Score", 120),
		ru.score("average", "Average (5 Points)", 110),
		ru.col("satisfied", "Satisfied"),
		ru.col("basic", "Basically Satisfied", width=100),
		ru.col("unsatisfied", "Unsatisfied"),
		ru.percent("satisfaction_rate", "Satisfaction Rate"),
		ru.col("grade", "Grade", "Data", 90),
	]


def chart(rows: list[dict], group: str):
	rows = rows[:20]
	if group == QUESTION:
		return ru.bar_chart(
			[r["question"] for r in rows],
			[
				(label, [r[f"level_{lv}"] for r in rows])
				for lv, label in zip(
					scoring.LEVELS,
					(
						"Very Satisfied (5)",
						"Satisfied (4)",
						"Basically Satisfied (3)",
						"Unsatisfied (2)",
						"Very Unsatisfied (1)",
					),
					strict=True,
				)
			],
			barOptions={"stacked": 1},
			colors=["#29cd42", "#98d85b", "#ffa00a", "#ff7846", "#e24c4c"],
		)
	key = "campaign" if group == CAMPAIGN else "service_unit"
	return ru.bar_chart(
		[r[key] or "" for r in rows], [("Satisfaction Rate", [r["satisfaction_rate"] or 0 for r in rows])]
	)


def summary(rows: list[dict], total: dict | None, group: str) -> list[dict]:
	total = total or {}
	cards = [
		ru.card(
			len(rows), {QUESTION: "Questions", CAMPAIGN: "Survey Campaigns", UNIT: "Service Units"}[group]
		)
	]
	if group != QUESTION:
		cards.append(ru.card(total.get("responses", 0), "Responses"))
	cards += [
		ru.card(total.get("average"), "Average (5 Points)", "Float"),
		ru.card(total.get("satisfaction_rate"), "Satisfaction Rate", "Percent"),
		ru.card(total.get("grade"), "Grade", "Data", ru.grade_indicator(total.get("grade_code"))),
	]
	return cards
