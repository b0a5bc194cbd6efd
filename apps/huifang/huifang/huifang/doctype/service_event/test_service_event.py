import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import add_days, getdate, now_datetime

from huifang.tests.factories import make_customer, make_event, make_unit, suffix


class TestServiceEvent(IntegrationTestCase):
	def setUp(self):
		self.unit = make_unit()
		self.customer = make_customer(self.unit)

	def test_external_reference_unique_per_source(self):
		"""R-20: an event re-posted by another system (same source and reference) is refused by the database."""
		ref = f"WO-{suffix()}"
		make_event(self.customer, source_system="ERP", external_ref=ref)
		with self.assertRaises((frappe.UniqueValidationError, frappe.DuplicateEntryError)):
			make_event(self.customer, source_system="ERP", external_ref=ref)
		# the same reference from another system, and events without one, are fine
		make_event(self.customer, source_system="CRM", external_ref=ref)
		make_event(self.customer)
		make_event(self.customer)

	def test_defaults_and_last_visit(self):
		"""R-20, R-31: the unit comes from the customer; the archive keeps the last visit date."""
		occurred = add_days(now_datetime(), -3)
		name = make_event(self.customer, occurred_on=occurred, completed_on=occurred)
		self.assertEqual(frappe.db.get_value("Service Event", name, "service_unit"), self.unit)
		self.assertEqual(
			getdate(frappe.db.get_value("Customer Archive", self.customer, "last_visit_on")),
			getdate(occurred),
		)

	def test_completion_before_occurrence_refused(self):
		"""R-20: dates must be in order."""
		with self.assertRaises(frappe.ValidationError):
			make_event(self.customer, occurred_on=now_datetime(), completed_on=add_days(now_datetime(), -1))
