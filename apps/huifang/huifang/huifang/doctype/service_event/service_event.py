"""Service Event 业务台账 (R-20): the service a callback checks. Other systems post events over
REST; (source_system, external_ref) is unique in the database so a re-post cannot duplicate."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate

from huifang.utils.db import ensure_indexes, ensure_unique


class ServiceEvent(Document):
	def validate(self):
		self.set_defaults()
		self.validate_dates()
		self.validate_source()

	def set_defaults(self):
		if self.customer and not self.service_unit:
			self.service_unit = frappe.db.get_value("Customer Archive", self.customer, "service_unit")
		if not self.priority:
			default = frappe.db.get_value("Service Event Type", self.event_type, "default_priority")
			self.priority = default or "P3"
		if not self.subject:
			self.subject = f"{self.event_type} · {self.customer_name or self.customer}"
		if self.completed_on and self.status == "Open":
			self.status = "Completed"

	def validate_dates(self):
		if (
			self.completed_on
			and self.occurred_on
			and get_datetime(self.completed_on) < get_datetime(self.occurred_on)
		):
			frappe.throw(_("Completed On cannot be earlier than Occurred On."))
		if self.status == "Completed" and not self.completed_on:
			frappe.throw(_("A completed event needs its completion time."))

	def validate_source(self):
		# empty strings would collide in the unique index; NULLs do not
		self.source_system = (self.source_system or "").strip() or None
		self.external_ref = (self.external_ref or "").strip() or None
		if self.external_ref and not self.source_system:
			frappe.throw(_("An external reference needs its source system."))

	def on_update(self):
		self.update_last_visit()

	def update_last_visit(self):
		"""Keep the archive's last visit date (anchor for lost-customer rules, R-31)."""
		if not self.customer or not self.occurred_on or self.status == "Cancelled":
			return
		day = getdate(self.occurred_on)
		last = frappe.db.get_value("Customer Archive", self.customer, "last_visit_on")
		if not last or getdate(last) < day:
			frappe.db.set_value(
				"Customer Archive", self.customer, "last_visit_on", day, update_modified=False
			)


def on_doctype_update():
	ensure_unique("Service Event", ["source_system", "external_ref"], "unique_source_external_ref")
	ensure_indexes(
		"Service Event",
		{
			"unit_completed_index": ["service_unit", "completed_on"],
			"type_completed_index": ["event_type", "completed_on"],
			"customer_occurred_index": ["customer", "occurred_on"],
			# Callback Coverage (huifang reports): events of a period by unit, type and priority
			"analysis_events_index": ["occurred_on", "service_unit", "event_type", "priority", "status"],
		},
	)
