import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import add_days, today

from huifang.tests.factories import (
	AGENT,
	make_customer,
	make_event,
	make_event_type,
	make_plan,
	make_unit,
	make_user,
	suffix,
)


class TestCallbackTask(IntegrationTestCase):
	def setUp(self):
		self.unit = make_unit()
		self.customer = make_customer(self.unit)
		self.event_type = make_event_type()
		self.event = make_event(self.customer, self.event_type)
		self.plan = make_plan(self.event_type)

	def task(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Callback Task",
				"customer": self.customer,
				"service_event": self.event,
				"callback_plan": self.plan,
				"plan_step": 1,
				"earliest_date": today(),
				"latest_date": add_days(today(), 2),
				**fields,
			}
		)

	def test_one_task_per_event_plan_step(self):
		"""R-35: a second task for the same event, plan and step is refused by the database."""
		self.task().insert()
		with self.assertRaises((frappe.UniqueValidationError, frappe.DuplicateEntryError)):
			self.task().insert()
		# the constraint holds below the controller too (bulk inserts skip validate)
		raw = self.task()
		raw.name = f"HF-CT-RAW-{suffix()}"
		with self.assertRaises((frappe.UniqueValidationError, frappe.DuplicateEntryError)):
			raw.db_insert()

	def test_task_key_unique(self):
		"""R-35: generated tasks without an event are kept unique by their task key."""
		key = f"cycle:{suffix()}"
		self.task(service_event=None, plan_step=0, callback_plan=None, task_key=key).insert()
		with self.assertRaises((frappe.UniqueValidationError, frappe.DuplicateEntryError)):
			self.task(service_event=None, plan_step=0, callback_plan=None, task_key=key).insert()

	def test_switch_method_then_unreachable(self):
		"""R-35: phone first; after N unanswered calls switch to a visit, then mark Unreachable."""
		task = self.task().insert()
		for _i in range(3):
			task.append("attempts", {"outcome": "No Answer"})
		task.save()
		self.assertEqual((task.method, task.status, task.attempt_count), ("Visit", "In Progress", 3))
		for _i in range(3):
			task.append("attempts", {"outcome": "No Answer"})
		task.save()
		self.assertEqual(task.status, "Unreachable")

	def test_new_agent_reassigned_to_unit_head(self):
		"""R-04: during an agent's first month their callbacks go to the unit head."""
		head = make_user("head", AGENT)
		agent = make_user("agent", AGENT)
		unit = make_unit(unit_head=head, members=[{"user": agent, "joined_on": today()}])
		customer = make_customer(unit)
		task = self.task(
			customer=customer,
			service_event=None,
			callback_plan=None,
			plan_step=0,
			service_unit=unit,
			assignee=agent,
		).insert()
		self.assertEqual((task.assignee, task.reassigned_from), (head, agent))

	def test_do_not_call_refuses_phone(self):
		"""R-10: a do-not-call customer gets no phone task."""
		customer = make_customer(self.unit, do_not_call=1, do_not_call_reason="投诉过骚扰")
		with self.assertRaises(frappe.ValidationError):
			self.task(customer=customer, service_event=None, callback_plan=None, plan_step=0).insert()
		self.task(
			customer=customer, service_event=None, callback_plan=None, plan_step=0, method="Letter"
		).insert()

	def test_dates_in_order(self):
		"""R-35: latest date not before earliest date."""
		with self.assertRaises(frappe.ValidationError):
			self.task(latest_date=add_days(today(), -1)).insert()
