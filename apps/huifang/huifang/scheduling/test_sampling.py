"""Weekly random sampling (R-33): reproducible from the stored seed, uniform, once per week."""

import random
from datetime import date

import frappe
from frappe.tests import IntegrationTestCase, UnitTestCase

from huifang.scheduling import sampling
from huifang.scheduling.testkit import approve, event_on, scratch_run
from huifang.tests.factories import AGENT, make_customer, make_event_type, make_plan, make_unit, make_user

# chi-square critical value for 49 degrees of freedom at p = 0.001
CHI2_49_P001 = 85.35


class TestDraw(UnitTestCase):
	def test_same_seed_same_sample(self):
		"""R-33: the draw is reproducible from its seed, whatever order the ledger is read in."""
		ledger = [f"HF-EV-2026-{i:05d}" for i in range(300)]
		shuffled = random.Random(1).sample(ledger, len(ledger))
		self.assertEqual(sampling.draw(123456789, ledger, 20), sampling.draw("123456789", shuffled, 20))
		self.assertNotEqual(sampling.draw(1, ledger, 20), sampling.draw(2, ledger, 20))
		self.assertEqual(len(set(sampling.draw(7, ledger, 20))), 20)
		self.assertEqual(sorted(sampling.draw(7, ledger[:5], 20)), ledger[:5])

	def test_draw_is_uniform(self):
		"""R-33: every applicant is equally likely to be drawn (chi-square on 20,000 draws)."""
		ledger = [f"E{i:02d}" for i in range(50)]
		counts = dict.fromkeys(ledger, 0)
		for seed in range(20000):
			for name in sampling.draw(seed, ledger, 5):
				counts[name] += 1
		expected = 20000 * 5 / 50
		chi2 = sum((c - expected) ** 2 / expected for c in counts.values())
		self.assertLess(chi2, CHI2_49_P001)

	def test_week_ending(self):
		"""R-33: a Monday run samples the Monday-Sunday week just ended."""
		self.assertEqual(sampling.week_ending(date(2026, 3, 9)), (date(2026, 3, 2), date(2026, 3, 8)))
		self.assertEqual(sampling.week_ending(date(2026, 3, 8)), (date(2026, 2, 23), date(2026, 3, 1)))


class TestWeeklySample(IntegrationTestCase):
	def setUp(self):
		self.agent = make_user("agent", AGENT)
		self.units = [make_unit(members=[self.agent]) for _i in range(2)]
		self.event_type = make_event_type()
		plan = make_plan(self.event_type, sampling="Random Sample", sample_size=3, plan_type="Sampling")
		self.plan = approve(plan)
		self.events = {u: [] for u in self.units}
		for unit in self.units:
			customer = make_customer(unit)
			for day in ("2026-03-02", "2026-03-04", "2026-03-06", "2026-03-08"):
				self.events[unit] += [event_on(customer, self.event_type, day) for _i in range(2)]

	def test_sample_per_unit_once_and_verifiable(self):
		"""R-33: N per window per week from the month's ledger, one sample list per unit and week
		that a supervisor opens, tasks created once, and the draw verifiable from the seed."""
		run = scratch_run()
		first = sampling.sample_plan(self.plan, date(2026, 3, 9), run)
		again = sampling.sample_plan(self.plan, date(2026, 3, 10), run)
		self.assertEqual(len(first), 2)
		self.assertEqual(first, again)
		for name in first:
			doc = frappe.get_doc("Callback Sample", name)
			picked = [r.service_event for r in doc.items]
			self.assertEqual(len(picked), 3)
			self.assertTrue(set(picked) <= set(self.events[doc.service_unit]))
			self.assertEqual(doc.population_size, 8)
			self.assertEqual(picked, sampling.draw(doc.seed, self.events[doc.service_unit], 3))
			self.assertTrue(all(r.callback_task for r in doc.items))
			self.assertEqual(
				sampling.verify_sample(name),
				{"population_matches": True, "sample_matches": True, "population_size": 8},
			)
		tasks = frappe.get_all(
			"Callback Task", filters={"callback_plan": self.plan.name}, pluck="service_event"
		)
		self.assertEqual(len(tasks), 6)

	def test_next_week_excludes_applicants_already_drawn(self):
		"""R-33: later weeks of the month draw from the rest of the ledger, never the same event."""
		run = scratch_run()
		week1 = sampling.sample_plan(self.plan, date(2026, 3, 9), run)
		week2 = sampling.sample_plan(self.plan, date(2026, 3, 16), run)
		self.assertNotEqual(week1, week2)
		for unit in self.units:
			drawn = frappe.get_all(
				"Callback Sample Item",
				filters={"parent": ("in", week1 + week2), "parenttype": "Callback Sample"},
				fields=["service_event", "parent"],
			)
			mine = [r.service_event for r in drawn if r.service_event in self.events[unit]]
			self.assertEqual(len(mine), len(set(mine)))
			self.assertEqual(len(mine), 6)
		self.assertTrue(all(sampling.verify_sample(n)["sample_matches"] for n in week1 + week2))

	def test_verify_detects_a_changed_ledger(self):
		"""R-33: an audit notices when events of the sampled ledger were removed after the draw."""
		(name, _other) = sampling.sample_plan(self.plan, date(2026, 3, 9), scratch_run())
		unit = frappe.db.get_value("Callback Sample", name, "service_unit")
		drawn = set(frappe.get_all("Callback Sample Item", filters={"parent": name}, pluck="service_event"))
		gone = next(e for e in self.events[unit] if e not in drawn)
		frappe.db.set_value("Service Event", gone, "status", "Cancelled")
		self.assertFalse(sampling.verify_sample(name)["population_matches"])
