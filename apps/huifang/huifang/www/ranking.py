"""/ranking 服务评价排名: the public monthly ranking of service units (R-71), no login needed."""

import frappe

from huifang.analysis.ranking import published_periods, ranking, valid_period

no_cache = 1
sitemap = 0

GRADES = {"Satisfied": "满意", "Basically Satisfied": "基本满意", "Unsatisfied": "不满意"}
GRADE_CLASS = {"Satisfied": "g-ok", "Basically Satisfied": "g-mid", "Unsatisfied": "g-low"}


def get_context(context):
	periods = published_periods()
	asked = frappe.form_dict.get("period")
	period = valid_period(asked) if asked else (periods[0] if periods else None)
	context.periods = periods
	context.period = period
	context.rows = ranking(period) if period in periods else []
	context.not_published = bool(asked) and period not in periods
	context.grades = GRADES
	context.grade_class = GRADE_CLASS
	context.title = "服务评价排名"
	return context
