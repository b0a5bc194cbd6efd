"""Monthly visit plan drafts on the 25th with per-role quotas and quarter coverage (R-34)."""

from datetime import date

import frappe
from frappe.tests import IntegrationTestCase

from huifang.scheduling import visit_plans
from huifang.scheduling.testkit import approve, scratch_run
from huifang.tests.factories import AGENT, ensure_fixtures, make_customer, make_unit, make_user
from huifang.utils.settings import get_setting


class TestVisitPlans(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.head = make_user("head", AGENT)
		self.staff = make_user("staff", AGENT)
		self.unit = make_unit(
			unit_head=self.head,
			members=[
				{"user": self.head, "unit_role": "Unit Head"},
				{"user": self.staff, "unit_role": "Staff"},
			],
		)
		self.customers = [make_customer(self.unit) for _i in range(50)]

	def plan_for(self, month):
		name = frappe.db.get_value(
			"Callback Plan",
			{"plan_kind": "Monthly Visit Plan", "service_unit": self.unit, "plan_month": month},
		)
		return frappe.get_doc("Callback Plan", name) if name else None

	def test_drafted_from_the_25th_once_with_quotas(self):
		"""R-34: next month's plan is drafted by the 25th, once, with the unit head's 5 and the
		staff member's 30 visits, dated on working days of that month, as a Draft to approve."""
		visit_plans.draft_next_month(date(2026, 3, 24), scratch_run())
		self.assertIsNone(self.plan_for("2026-04-01"))
		for day in (25, 26, 31):
			visit_plans.draft_next_month(date(2026, 3, day), scratch_run())
		plan = self.plan_for("2026-04-01")
		self.assertEqual(plan.workflow_state, "Draft")
		self.assertEqual(
			frappe.db.count("Callback Plan", {"plan_kind": "Monthly Visit Plan", "service_unit": self.unit}),
			1,
		)
		per_visitor = {}
		for row in plan.visits:
			per_visitor[row.visitor] = per_visitor.get(row.visitor, 0) + 1
			self.assertEqual((row.planned_date.year, row.planned_date.month), (2026, 4))
			self.assertLess(row.planned_date.weekday(), 5)
		self.assertEqual(
			per_visitor,
			{self.head: int(get_setting("quota_unit_head")), self.staff: int(get_setting("quota_staff"))},
		)

	def test_quarter_coverage_no_customer_twice(self):
		"""R-34: within a quarter nobody is planned twice; a new quarter starts over."""
		for month_day in (date(2026, 3, 25), date(2026, 4, 25), date(2026, 5, 25), date(2026, 6, 25)):
			visit_plans.draft_next_month(month_day, scratch_run())
		april, may = self.plan_for("2026-04-01"), self.plan_for("2026-05-01")
		june, july = self.plan_for("2026-06-01"), self.plan_for("2026-07-01")
		q2 = [r.customer for p in (april, may, june) if p for r in p.visits]
		self.assertEqual(len(q2), len(set(q2)))
		self.assertEqual(set(q2), set(self.customers))
		self.assertIsNone(june)  # 35 + 15 covered all 50 customers in April and May
		self.assertEqual(len(july.visits), 35)

	def test_approved_plan_becomes_visit_tasks_once(self):
		"""R-34: once the Supervisor approves, each planned visit becomes one Visit task."""
		visit_plans.draft_next_month(date(2026, 3, 25), scratch_run())
		plan = approve(self.plan_for("2026-04-01").name)
		for _i in range(2):
			visit_plans.tasks_from_approved(date(2026, 3, 28), scratch_run())
		tasks = frappe.get_all(
			"Callback Task",
			filters={"callback_plan": plan.name},
			fields=["method", "assignee", "latest_date"],
		)
		self.assertEqual(len(tasks), len(plan.visits))
		self.assertTrue(all(t.method == "Visit" and str(t.latest_date) == "2026-04-30" for t in tasks))
		plan.reload()
		self.assertTrue(all(r.callback_task for r in plan.visits))
