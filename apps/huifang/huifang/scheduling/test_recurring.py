"""Customer cycles (R-31): owners every quarter with no owner twice, yearly old customers,
lost customers after 6 months without a visit; time-travelled by date."""

from datetime import date, timedelta

import frappe
from frappe.tests import IntegrationTestCase

from huifang.scheduling import recurring
from huifang.scheduling.testkit import approve, scratch_run
from huifang.tests.factories import AGENT, make_customer, make_event_type, make_plan, make_unit, make_user


class TestRecurring(IntegrationTestCase):
	def setUp(self):
		self.agent = make_user("agent", AGENT)
		self.unit = make_unit(members=[self.agent])

	def plan(self, steps, **fields):
		name = make_plan(make_event_type(), steps=steps, target_basis="Customers", event_types=[], **fields)
		return approve(name)

	def run_days(self, plan, days):
		for day in days:
			recurring.generate_customer_plan(plan, day, scratch_run())

	def tasks(self, plan):
		return frappe.get_all(
			"Callback Task",
			filters={"callback_plan": plan.name},
			fields=["customer", "earliest_date", "latest_date", "task_key"],
			order_by="earliest_date asc, customer asc",
		)

	def test_quarter_covers_every_owner_once(self):
		"""R-31: owners every quarter: each quarter covers every owner, no owner twice in a quarter."""
		plan = self.plan([{"step_no": 1, "anchor": "Handover", "repeat_every": 3, "repeat_unit": "Months"}])
		owners = [make_customer(self.unit, handover_date="2025-06-01") for _i in range(4)]
		later = make_customer(self.unit, handover_date="2026-05-20")  # handed over mid-quarter
		future = make_customer(self.unit, handover_date="2026-12-01")
		make_customer(self.unit)  # not an owner: no handover date
		day = date(2026, 4, 1)
		while day <= date(2026, 7, 20):
			self.run_days(plan, [day])
			day += timedelta(days=9)
		rows = self.tasks(plan)
		q2 = [r for r in rows if r.earliest_date < date(2026, 7, 1)]
		q3 = [r for r in rows if r.earliest_date >= date(2026, 7, 1)]
		self.assertEqual(sorted(r.customer for r in q2), sorted([*owners, later]))
		self.assertEqual(sorted(r.customer for r in q3), sorted([*owners, later]))
		self.assertNotIn(future, {r.customer for r in rows})
		for r in q2:
			self.assertLessEqual(r.latest_date, date(2026, 6, 30))
		late = next(r for r in q2 if r.customer == later)
		self.assertEqual(str(late.earliest_date), "2026-05-20")

	def test_yearly_old_customer_callback(self):
		"""R-31: old customers once a year (calendar year), whatever the number of runs."""
		plan = self.plan(
			[{"step_no": 1, "anchor": "Contract Signing", "repeat_every": 12, "repeat_unit": "Months"}]
		)
		customer = make_customer(self.unit, contract_signed_on="2020-05-01")
		self.run_days(plan, [date(2026, 1, 5), date(2026, 6, 1), date(2026, 12, 31), date(2027, 1, 4)])
		self.assertEqual(
			[str(r.earliest_date)[:4] for r in self.tasks(plan) if r.customer == customer], ["2026", "2027"]
		)

	def test_lost_customer_detected_again_after_a_new_visit(self):
		"""R-31: lost customers (6 months without a visit) are called back once per lapse."""
		plan = self.plan(
			[
				{
					"step_no": 1,
					"anchor": "Last Visit",
					"offset_value": 6,
					"offset_unit": "Months",
					"window_length": 1,
					"window_unit": "Months",
				}
			],
			plan_type="Lost Customer",
		)
		customer = make_customer(self.unit, last_visit_on="2026-01-15")
		self.run_days(plan, [date(2026, 7, 14), date(2026, 7, 15), date(2026, 7, 16)])
		self.assertEqual(len(self.tasks(plan)), 1)
		frappe.db.set_value("Customer Archive", customer, "last_visit_on", "2026-08-01")
		self.run_days(plan, [date(2027, 2, 1), date(2027, 2, 2)])
		self.assertEqual([str(r.earliest_date) for r in self.tasks(plan)], ["2026-07-15", "2027-02-01"])

	def test_customer_filter_and_contract_follow_up(self):
		"""R-30/R-31: a JSON customer filter targets special owners; within 1 week of signing."""
		plan = self.plan(
			[{"step_no": 1, "anchor": "Contract Signing", "window_length": 1, "window_unit": "Weeks"}],
			customer_filter='{"is_special_owner": 1}',
		)
		special = make_customer(
			self.unit,
			contract_signed_on="2026-03-02",
			is_special_owner=1,
			special_owner_category="Military Family",
		)
		make_customer(self.unit, contract_signed_on="2026-03-02")
		self.run_days(plan, [date(2026, 3, 2), date(2026, 3, 3)])
		rows = self.tasks(plan)
		self.assertEqual([(r.customer, str(r.latest_date)) for r in rows], [(special, "2026-03-09")])
