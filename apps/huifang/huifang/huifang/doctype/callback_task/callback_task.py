"""Callback Task 回访任务 (R-35, R-36): one callback due.

Idempotency lives in the database: UNIQUE (service_event, callback_plan, plan_step) for
event-driven tasks and UNIQUE task_key for the rest (customer cycles, re-visits), so a job
that runs twice or restarts after a crash can never create a second task.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from huifang.utils.assignment import NEW_AGENT, reassign_if_needed
from huifang.utils.db import ensure_indexes, ensure_unique
from huifang.utils.settings import get_setting

UNREACHED = ("No Answer", "Busy", "Wrong Number")
CLOSED = ("Done", "Cancelled")


def trailing_failures(attempts, method: str) -> int:
	"""Unanswered attempts with `method` since the last answered or refused one."""
	count = 0
	for row in reversed(attempts):
		if row.get("outcome") not in UNREACHED:
			break
		if (row.get("method") or method) == method:
			count += 1
	return count


class CallbackTask(Document):
	def validate(self):
		self.set_defaults()
		self.validate_dates()
		self.validate_plan_step()
		self.validate_do_not_call()
		self.apply_attempts()
		self.apply_reassignment()
		self.validate_status()

	def set_defaults(self):
		if self.service_event and not (self.customer and self.service_unit):
			event = frappe.db.get_value(
				"Service Event", self.service_event, ["customer", "service_unit"], as_dict=True
			)
			if event:
				self.customer = self.customer or event.customer
				self.service_unit = self.service_unit or event.service_unit
		if self.customer and not self.service_unit:
			self.service_unit = frappe.db.get_value("Customer Archive", self.customer, "service_unit")
		self.task_key = (self.task_key or "").strip() or None

	def validate_dates(self):
		if (
			self.earliest_date
			and self.latest_date
			and getdate(self.latest_date) < getdate(self.earliest_date)
		):
			frappe.throw(_("Latest Date cannot be earlier than Earliest Date."))

	def validate_plan_step(self):
		if self.plan_step and not self.callback_plan:
			frappe.throw(_("A plan step needs its callback plan."))
		if self.callback_plan and self.plan_step:
			steps = frappe.get_all(
				"Callback Plan Step",
				filters={"parent": self.callback_plan, "parenttype": "Callback Plan"},
				pluck="step_no",
			)
			if steps and self.plan_step not in steps:
				frappe.throw(_("Plan {0} has no step {1}.").format(self.callback_plan, self.plan_step))

	def validate_do_not_call(self):
		if self.method == "Phone" and frappe.db.get_value("Customer Archive", self.customer, "do_not_call"):
			frappe.throw(_("This customer must not be called; choose a visit or a letter."))

	def apply_attempts(self):
		"""Phone first; after N unanswered attempts switch method, then give up as Unreachable (R-35)."""
		self.attempt_count = len(self.attempts)
		if not self.attempts:
			return
		for row in self.attempts:
			row.method = row.method or self.method
			row.agent = row.agent or frappe.session.user
		if self.status == "Open":
			self.status = "In Progress"
		if self.status in CLOSED or self.status == "Unreachable":
			return
		limit = self.attempt_limit()
		if trailing_failures(self.attempts, self.method) < limit:
			return
		fallback = self.fallback_method()
		if self.method == "Phone" and fallback and fallback != "Phone":
			self.method = fallback
			frappe.msgprint(
				_("{0} unanswered calls: switched to {1}.").format(limit, _(fallback)),
				indicator="orange",
				alert=True,
			)
		else:
			self.status = "Unreachable"

	def attempt_limit(self) -> int:
		limit = 0
		if self.callback_plan:
			limit = frappe.db.get_value("Callback Plan", self.callback_plan, "switch_after_attempts") or 0
		return int(limit or get_setting("unreachable_attempts"))

	def fallback_method(self) -> str | None:
		if self.callback_plan:
			return frappe.db.get_value("Callback Plan", self.callback_plan, "fallback_method")
		return "Visit"

	def apply_reassignment(self):
		"""R-04: new or non-performing agents' callbacks go to the unit head."""
		if not self.assignee or not (self.is_new() or self.has_value_changed("assignee")):
			return
		assignee, reason = reassign_if_needed(self.service_unit, self.assignee, self.earliest_date)
		if reason:
			self.reassigned_from = self.assignee
			self.assignee = assignee
			self.reassign_reason = (
				_("New agent in the first month") if reason == NEW_AGENT else _("Agent not performing")
			)

	def validate_status(self):
		if self.status == "Cancelled" and not self.cancel_reason:
			frappe.throw(_("Give the reason for cancelling this task."))
		if self.status == "Done" and not self.completed_on:
			self.completed_on = now_datetime()


def on_doctype_update():
	ensure_unique("Callback Task", ["service_event", "callback_plan", "plan_step"], "unique_event_plan_step")
	ensure_indexes(
		"Callback Task",
		{
			"assignee_status_index": ["assignee", "status"],
			"unit_status_latest_index": ["service_unit", "status", "latest_date"],
			"plan_customer_index": ["callback_plan", "customer"],
			# monthly analysis (huifang.analysis.metrics, reports): covers the GROUP BYs over tasks due
			# in a period, so they read the index only
			"analysis_tasks_index": [
				"latest_date",
				"service_unit",
				"assignee",
				"status",
				"completed_on",
				"attempt_count",
				"escalated",
			],
		},
	)
