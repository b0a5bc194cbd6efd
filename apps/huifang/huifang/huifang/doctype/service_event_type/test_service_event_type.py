import frappe
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import make_customer, make_event, make_event_type, make_unit


class TestServiceEventType(IntegrationTestCase):
	def test_default_priority_flows_to_events(self):
		"""R-20: an event without a priority takes its type's default (P1-P4)."""
		event_type = make_event_type(default_priority="P1", is_major=1)
		customer = make_customer(make_unit())
		event = frappe.get_doc("Service Event", make_event(customer, event_type))
		self.assertEqual(event.priority, "P1")
		self.assertEqual(event.is_major, 1)
