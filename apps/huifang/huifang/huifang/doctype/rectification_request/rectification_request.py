"""Rectification Request 工作联系单 (R-43): a problem sent to the responsible unit with a due
date in working days. Completion flags a re-visit; `make_revisit_task` creates it once."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from huifang.utils.settings import get_setting
from huifang.utils.working_days import add_working_days_for_unit

REVISIT_WORKING_DAYS = 3  # complaint callbacks: within 3 days


class RectificationRequest(Document):
	def validate(self):
		self.set_from_source()
		if not self.due_date:
			self.due_date = add_working_days_for_unit(
				getdate(self.issued_on or today()),
				int(get_setting("rectify_working_days")),
				self.responsible_unit,
			)
		if getdate(self.due_date) < getdate(self.issued_on):
			frappe.throw(_("Due Date cannot be earlier than Issued On."))
		self.track_status()

	def set_from_source(self):
		if not (self.source_record or self.source_complaint):
			return
		doctype, name = (
			("Callback Record", self.source_record)
			if self.source_record
			else ("Complaint", self.source_complaint)
		)
		source = frappe.db.get_value(doctype, name, ["customer", "service_unit"], as_dict=True) or {}
		self.customer = self.customer or source.get("customer")
		self.service_unit = self.service_unit or source.get("service_unit")

	def track_status(self):
		if self.status == "Completed":
			if not (self.result or "").strip():
				frappe.throw(_("Describe the result before completing the request."))
			self.completed_on = self.completed_on or today()
			self.revisit_pending = int(
				bool(self.revisit_required and not self.revisit_task and self.customer)
			)
		else:
			self.completed_on = None
			self.revisit_pending = 0


@frappe.whitelist()
def make_revisit_task(name: str) -> str | None:
	"""Create the re-visit Callback Task of a completed request; safe to call repeatedly."""
	doc = frappe.get_doc("Rectification Request", name)
	doc.check_permission("read")
	if doc.revisit_task:
		return doc.revisit_task
	if not doc.revisit_pending:
		return None
	key = f"revisit:{doc.name}"
	existing = frappe.db.get_value("Callback Task", {"task_key": key})
	if not existing:
		service_event = None
		agent = None
		if doc.source_record:
			service_event, agent = frappe.db.get_value(
				"Callback Record", doc.source_record, ["service_event", "agent"]
			)
		start = getdate(today())
		task = frappe.get_doc(
			{
				"doctype": "Callback Task",
				"task_key": key,
				"customer": doc.customer,
				"service_unit": doc.service_unit or doc.responsible_unit,
				"service_event": service_event,
				"assignee": agent,
				"is_revisit": 1,
				"method": "Visit"
				if frappe.db.get_value("Customer Archive", doc.customer, "do_not_call")
				else "Phone",
				"source_record": doc.source_record,
				"source_complaint": doc.source_complaint,
				"source_rectification": doc.name,
				"earliest_date": start,
				"latest_date": add_working_days_for_unit(start, REVISIT_WORKING_DAYS, doc.service_unit),
			}
		)
		task.insert(ignore_permissions=True)
		existing = task.name
	doc.db_set({"revisit_task": existing, "revisit_pending": 0})
	return existing
