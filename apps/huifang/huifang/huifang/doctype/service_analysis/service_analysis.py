"""Service Analysis 月度服务分析: one unit's figures for one month (R-70, R-71).

Written by the monthly snapshot job (huifang.analysis.snapshot); a Supervisor or Manager
reviews it and a Manager publishes it (workflow "Service Analysis Review"). Only Draft
documents are ever recomputed; published figures are frozen until a Manager revises them.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from huifang.analysis.periods import parse_period
from huifang.utils.db import ensure_indexes, ensure_unique

DRAFT, REVIEWED, PUBLISHED = "Draft", "Reviewed", "Published"
# what may still change once a document has left Draft
REVIEW_FIELDS = {
	"review_comment",
	"workflow_state",
	"reviewed_by",
	"reviewed_on",
	"published_by",
	"published_on",
}


class ServiceAnalysis(Document):
	def validate(self):
		self.validate_period()
		self.guard_frozen()
		self.track_transition()

	def validate_period(self):
		try:
			parse_period(self.period)
		except (TypeError, ValueError):
			frappe.throw(_("Period must be a month written as YYYY-MM, e.g. 2025-03."), title=_("Period"))
		self.period = parse_period(self.period).strftime("%Y-%m")

	def guard_frozen(self):
		"""Reviewed and published figures stay as they were reviewed; only the review changes."""
		before = self.get_doc_before_save()
		if not before or (before.workflow_state or DRAFT) == DRAFT:
			return
		for field in self.meta.get_valid_columns():
			if field in REVIEW_FIELDS or field in ("modified", "modified_by"):
				continue
			if str(self.get(field) or "") != str(before.get(field) or ""):
				frappe.throw(
					_(
						"{0} of a reviewed or published analysis cannot be changed; revise it to Draft first."
					).format(_(self.meta.get_label(field))),
					title=_("Service Analysis"),
				)

	def track_transition(self):
		if not self.has_value_changed("workflow_state"):
			return
		if self.workflow_state == REVIEWED:
			self.reviewed_by, self.reviewed_on = frappe.session.user, now_datetime()
		elif self.workflow_state == PUBLISHED:
			self.published_by, self.published_on = frappe.session.user, now_datetime()
		elif self.workflow_state == DRAFT:
			self.published_by = self.published_on = None


def on_doctype_update():
	ensure_unique("Service Analysis", ["service_unit", "period"], "unique_unit_period")
	ensure_indexes("Service Analysis", {"period_state_index": ["period", "workflow_state"]})
