import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import AGENT, SUPERVISOR, ensure_fixtures, make_event_type, make_plan, make_user


class TestCallbackPlan(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.event_type = make_event_type()

	def test_timing_rules_are_data(self):
		"""R-31: "between 1 week and 1 month after completion" and "every 6 months" are plan steps."""
		name = make_plan(
			self.event_type,
			steps=[
				{
					"step_no": 1,
					"anchor": "Event Completed",
					"offset_value": 1,
					"offset_unit": "Weeks",
					"window_length": 3,
					"window_unit": "Weeks",
				},
				{
					"step_no": 2,
					"anchor": "Handover",
					"offset_value": 1,
					"offset_unit": "Months",
					"window_length": 1,
					"window_unit": "Months",
					"repeat_every": 6,
					"repeat_unit": "Months",
				},
			],
		)
		self.assertEqual(len(frappe.get_doc("Callback Plan", name).steps), 2)

	def test_step_numbers_unique(self):
		"""R-35: (event, plan, step) identifies a task, so step numbers are unique in a plan."""
		with self.assertRaises(frappe.ValidationError):
			make_plan(self.event_type, steps=[{"step_no": 1, "anchor": "Event Completed"}] * 2)

	def test_monthly_visit_plan_approved_by_supervisor_only(self):
		"""R-34: next month's visit plan is approved by the Supervisor; an agent cannot approve it."""
		agent = make_user("agent", AGENT)
		supervisor = make_user("supervisor", SUPERVISOR)
		plan = frappe.get_doc("Callback Plan", make_plan(self.event_type))
		self.assertEqual(plan.workflow_state, "Draft")
		self.assertFalse(plan.is_effective)
		with self.set_user(agent), self.assertRaises(WorkflowTransitionError):
			apply_workflow(plan, "Approve")
		with self.set_user(supervisor):
			plan = apply_workflow(plan, "Approve")
		self.assertEqual(plan.workflow_state, "Approved")
		self.assertTrue(plan.is_effective)

	def test_monthly_visits_one_per_customer(self):
		"""R-34: a visit plan covers a customer once in its month."""
		from huifang.tests.factories import make_customer, make_unit

		customer = make_customer(make_unit())
		visitor = make_user("visitor", AGENT)
		row = {"visitor": visitor, "customer": customer, "planned_date": "2026-03-10"}
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{
					"doctype": "Callback Plan",
					"plan_name": "月度拜访",
					"plan_type": "Routine",
					"plan_kind": "Monthly Visit Plan",
					"plan_month": "2026-03-05",
					"visits": [row, row],
				}
			).insert()
