"""Callback Plan 回访计划 (R-30..R-34): which events or customers get callbacks, when, how and by
whom. Timing lives in steps (anchor + offset + window, optionally recurring) so every rule of
R-31 is data, not code. A plan generates tasks only when active and Approved (workflow)."""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_first_day, getdate

from huifang.utils.settings import get_setting

APPROVED = "Approved"
MONTHLY_VISIT = "Monthly Visit Plan"
QUOTA_SETTING = {
	"Unit Head": "quota_unit_head",
	"Department Head": "quota_department_head",
	"Supervisor": "quota_staff",
	"Staff": "quota_staff",
}


class CallbackPlan(Document):
	def validate(self):
		self.validate_rates()
		self.validate_assignee()
		self.validate_customer_filter()
		if self.plan_kind == MONTHLY_VISIT:
			self.validate_visits()
		else:
			self.validate_steps()

	@property
	def is_effective(self) -> bool:
		return bool(self.is_active) and self.workflow_state == APPROVED

	def validate_rates(self):
		for field in ("p1_rate", "p2_rate", "p3_rate", "p4_rate", "target_rate"):
			if not 0 <= (self.get(field) or 0) <= 100:
				frappe.throw(_("{0} must be between 0 and 100.").format(_(self.meta.get_label(field))))

	def validate_assignee(self):
		if self.assignee_rule == "Specific User" and not self.assignee:
			frappe.throw(_("Choose the user who does the callbacks of this plan."))
		if self.assignee_rule != "Specific User":
			self.assignee = None

	def validate_customer_filter(self):
		if not self.customer_filter:
			return
		try:
			value = json.loads(self.customer_filter)
		except ValueError:
			frappe.throw(_("Customer Filter must be valid JSON."))
		if not isinstance(value, dict | list):
			frappe.throw(_("Customer Filter must be a JSON object or list of filters."))

	def validate_steps(self):
		if not self.steps:
			frappe.throw(_("A callback rule needs at least one timing step."))
		seen = set()
		for row in self.steps:
			if row.step_no in seen:
				frappe.throw(_("Step {0} is used twice.").format(row.step_no))
			seen.add(row.step_no)
			if row.step_no < 1:
				frappe.throw(_("Row {0}: step numbers start at 1.").format(row.idx))
			if bool(row.repeat_every) != bool(row.repeat_unit):
				frappe.throw(_("Row {0}: set both Repeat Every and Repeat Unit, or neither.").format(row.idx))
		if self.target_basis == "Service Events" and not self.event_types:
			frappe.throw(_("Choose the event types this plan calls back on."))

	def validate_visits(self):
		"""R-34: a month's visit plan, one visit per customer, quotas shown to the approver."""
		if not self.plan_month:
			frappe.throw(_("Set the month this visit plan is for."))
		self.plan_month = get_first_day(self.plan_month)
		month = (getdate(self.plan_month).year, getdate(self.plan_month).month)
		seen = set()
		for row in self.visits:
			if row.customer in seen:
				frappe.throw(_("Row {0}: {1} is already planned this month.").format(row.idx, row.customer))
			seen.add(row.customer)
			if (
				row.planned_date
				and (getdate(row.planned_date).year, getdate(row.planned_date).month) != month
			):
				frappe.throw(_("Row {0}: the planned date is outside the plan month.").format(row.idx))
		self.show_quota_gaps()

	def show_quota_gaps(self):
		counts, roles = {}, {}
		for row in self.visits:
			counts[row.visitor] = counts.get(row.visitor, 0) + 1
			roles[row.visitor] = row.visitor_role or "Staff"
		short = []
		for visitor, count in counts.items():
			quota = int(get_setting(QUOTA_SETTING.get(roles[visitor], "quota_staff")))
			if count < quota:
				short.append(_("{0}: {1} of {2} visits").format(visitor, count, quota))
		if short:
			frappe.msgprint(
				"<br>".join(short), title=_("Below Monthly Visit Quota"), indicator="orange", alert=False
			)


def on_doctype_update():
	frappe.db.add_index("Callback Plan", ["is_active", "workflow_state"], index_name="active_state_index")
