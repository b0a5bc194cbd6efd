"""The signed-in customer's surveys (R-62): links still open for them, and responses on file
under their archives (answered online or entered by staff from paper)."""

from __future__ import annotations

import frappe
from frappe.utils import format_datetime, now_datetime

from huifang.portal.survey_form import GRADE_LABELS


def pending(customers: list[str]) -> list[dict]:
	if not customers:
		return []
	rows = frappe.get_all(
		"Survey Invitation",
		filters={"customer": ("in", customers), "status": "Open", "expires_on": (">", now_datetime())},
		fields=["name", "campaign", "survey_template", "expires_on"],
		order_by="expires_on asc",
		limit=100,
	)
	return _with_titles(rows, lambda r: format_datetime(r.expires_on, "yyyy-MM-dd HH:mm"))


def answered(customers: list[str]) -> list[dict]:
	if not customers:
		return []
	rows = frappe.get_all(
		"Survey Response",
		filters={"customer": ("in", customers), "is_anonymous": 0},
		fields=["name", "campaign", "survey_template", "submitted_on", "creation", "grade", "channel"],
		order_by="creation desc",
		limit=100,
	)
	for row in rows:
		row.grade_label = GRADE_LABELS.get(row.grade, "")
	return _with_titles(rows, lambda r: format_datetime(r.submitted_on or r.creation, "yyyy-MM-dd"))


def _with_titles(rows, when) -> list[dict]:
	"""Campaign (else template) names in two queries, not one per row."""
	campaigns = dict(
		frappe.get_all(
			"Survey Campaign",
			filters={"name": ("in", list({r.campaign for r in rows if r.campaign}))},
			fields=["name", "campaign_name"],
			as_list=True,
		)
	) if rows else {}  # fmt: skip
	for row in rows:
		row.title = campaigns.get(row.campaign) or row.survey_template
		row.when = when(row)
	return rows
