"""Huifang Settings with built-in defaults, so a fresh site behaves per the rules."""

from __future__ import annotations

DEFAULTS = {
	"complaint_reply_days": 2,
	"rectify_working_days": 3,
	"important_report_days": 1,
	"major_people_count": 10,
	"important_people_count": 3,
	"same_issue_people_count": 3,
	"same_issue_window_days": 30,
	"sample_size": 20,
	"unreachable_attempts": 3,
	"visit_letter_share_limit": 10,
	"new_agent_days": 30,
	"not_performing_months_limit": 2,
	"p1_rate": 80,
	"p2_rate": 50,
	"p3_rate": 20,
	"p4_rate": 5,
	"quota_unit_head": 5,
	"quota_department_head": 10,
	"quota_staff": 30,
	"visit_plan_draft_day": 25,
	"scoring_scheme": "Average",
	"total_score_max": 300,
	"satisfied_threshold": 240,
	"basic_threshold": 210,
	# monthly analysis: share of the electronic evaluator score in the unit score
	"evaluator_weight": 30,
	"record_retention_years": 2,
	"survey_retention_years": 3,
	# customer portal: link lifetime, low-score follow-up, submission limits per 10 minutes
	"survey_link_days": 30,
	"survey_followup_below": 3,
	"survey_token_attempts": 10,
	"survey_ip_attempts": 60,
}


# settings where 0 is a meaningful value rather than "not set"
ZERO_ALLOWED = {"p1_rate", "p2_rate", "p3_rate", "p4_rate", "visit_letter_share_limit", "evaluator_weight"}


def get_setting(fieldname: str, default=None):
	"""A Huifang Settings value, or the built-in default when it was never set."""
	import frappe

	stored = frappe.db.get_singles_dict("Huifang Settings", cast=True)
	return _value(stored, fieldname, default)


def get_settings(*fieldnames: str) -> dict:
	"""Several Huifang Settings values (as get_setting gives them) with one read."""
	import frappe

	stored = frappe.db.get_singles_dict("Huifang Settings", cast=True)
	return {fieldname: _value(stored, fieldname) for fieldname in fieldnames}


def _value(stored: dict, fieldname: str, default=None):
	fallback = DEFAULTS.get(fieldname) if default is None else default
	value = stored.get(fieldname)
	if value in (None, "") or (value == 0 and fieldname not in ZERO_ALLOWED):
		return fallback
	return value


def ensure_defaults() -> None:
	"""Store the defaults for fields never saved (install / migrate); keeps user changes."""
	import frappe

	if not frappe.db.exists("DocType", "Huifang Settings"):
		return
	stored = frappe.db.get_singles_dict("Huifang Settings")
	missing = {f: v for f, v in DEFAULTS.items() if stored.get(f) in (None, "")}
	if not missing:
		return
	doc = frappe.get_single("Huifang Settings")
	for field, value in missing.items():
		if doc.meta.has_field(field):
			doc.set(field, value)
	doc.flags.ignore_mandatory = True
	doc.save(ignore_permissions=True)
