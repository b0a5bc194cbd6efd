"""Daily callback generation from service events (R-30..R-35), time-travelled by date."""

import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import getdate

from huifang.scheduling import generation
from huifang.scheduling.run_log import job_run
from huifang.scheduling.sampling import priority_rates, priority_selected
from huifang.scheduling.testkit import (
	SimulatedCrash,
	approve,
	crash_after_first_batch,
	event_on,
	scratch_run,
	tasks,
)
from huifang.tests.factories import (
	AGENT,
	make_calendar,
	make_customer,
	make_event_type,
	make_plan,
	make_unit,
	make_user,
)

REPAIR_2_DAYS = [{"step_no": 1, "anchor": "Event Completed", "offset_value": 0, "window_length": 2}]


class TestGeneration(IntegrationTestCase):
	def setUp(self):
		self.head = make_user("head", AGENT)
		self.agents = [make_user("agent", AGENT) for _i in range(2)]
		# 9 March 2026 (Monday) is a holiday of this unit's calendar
		self.calendar = make_calendar(holidays=["2026-03-09"])
		self.unit = make_unit(
			unit_head=self.head, working_calendar=self.calendar, members=[{"user": a} for a in self.agents]
		)
		self.customer = make_customer(self.unit)
		self.event_type = make_event_type()

	def plan(self, steps=None, **fields):
		return approve(make_plan(self.event_type, steps=steps or REPAIR_2_DAYS, **fields))

	def generate(self, plan, day, **kwargs):
		return generation.generate_event_plan(plan, getdate(day), scratch_run(), **kwargs)

	def test_window_with_weekend_and_holiday(self):
		"""R-31: routine repair within 2 days: finished Friday, due Tuesday when Monday is a holiday."""
		plan = self.plan()
		event = event_on(self.customer, self.event_type, "2026-03-06")
		self.assertEqual(self.generate(plan, "2026-03-05"), 0)  # not completed yet on Thursday
		self.assertEqual(self.generate(plan, "2026-03-06"), 1)
		(task,) = tasks(plan.name)
		self.assertEqual(task.service_event, event)
		self.assertEqual((str(task.earliest_date), str(task.latest_date)), ("2026-03-06", "2026-03-10"))

	def test_not_due_and_expired_events_are_left_alone(self):
		"""R-31/R-80: an event is generated when its step opens, and history beyond the catch-up
		window is not flooded into agents' lists."""
		plan = self.plan(
			[
				{
					"step_no": 1,
					"anchor": "Event Completed",
					"offset_value": 1,
					"offset_unit": "Weeks",
					"window_length": 3,
					"window_unit": "Weeks",
				}
			]
		)
		event_on(self.customer, self.event_type, "2026-03-02")
		event_on(self.customer, self.event_type, "2025-06-02")
		self.assertEqual(self.generate(plan, "2026-03-06"), 0)
		self.assertEqual(self.generate(plan, "2026-03-10"), 1)
		self.assertEqual([str(t.earliest_date) for t in tasks(plan.name)], ["2026-03-10"])

	def test_run_twice_creates_nothing_twice(self):
		"""R-35: running generation twice never creates a second task for an event and step."""
		plan = self.plan()
		for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
			event_on(self.customer, self.event_type, day)
		self.assertEqual(self.generate(plan, "2026-03-04"), 3)
		self.assertEqual(self.generate(plan, "2026-03-04"), 0)
		self.assertEqual(self.generate(plan, "2026-03-05"), 0)
		self.assertEqual(len(tasks(plan.name)), 3)

	def test_crash_after_first_batch_then_rerun_completes_exactly(self):
		"""R-80: a job killed after its first committed batch is completed by the re-run, with
		every task exactly once."""
		plan = self.plan()
		events = [event_on(self.customer, self.event_type, "2026-03-03") for _i in range(5)]
		with self.assertRaises(SimulatedCrash):
			with job_run(generation.MANUAL_JOB, commit=False, callback_plan=plan.name) as run:
				generation.generate_event_plan(
					plan, getdate("2026-03-04"), run, batch_size=2, after_batch=crash_after_first_batch()
				)
		self.assertEqual(len(tasks(plan.name)), 2)
		log = frappe.get_all(
			"Scheduler Run Log", filters={"callback_plan": plan.name}, fields=["status", "rows_created"]
		)
		self.assertEqual((log[0].status, log[0].rows_created), ("Failed", 2))
		self.assertEqual(self.generate(plan, "2026-03-04", batch_size=2), 3)
		self.assertEqual(self.generate(plan, "2026-03-04", batch_size=2), 0)
		self.assertEqual(sorted(t.service_event for t in tasks(plan.name)), sorted(events))

	def test_repeating_step_one_task_per_occurrence(self):
		"""R-31: after-sales at least every 6 months in warranty: one task per occurrence, each once."""
		plan = self.plan(
			[
				{"step_no": 1, "anchor": "Event Completed", "window_length": 1, "window_unit": "Months"},
				{
					"step_no": 2,
					"anchor": "Event Completed",
					"offset_value": 6,
					"offset_unit": "Months",
					"window_length": 1,
					"window_unit": "Months",
					"repeat_every": 6,
					"repeat_unit": "Months",
					"max_repeats": 1,
				},
			]
		)
		event = event_on(self.customer, self.event_type, "2025-03-03")
		for day in ("2025-03-03", "2025-03-20", "2025-09-03", "2025-09-04", "2026-03-03", "2026-09-03"):
			self.generate(plan, day)
		keys = [t.task_key for t in tasks(plan.name)]
		base = f"{plan.name}/{{}}/{event}"
		self.assertEqual(keys, [base.format(1), base.format(2), base.format(2) + "/1"])

	def test_do_not_call_skipped_and_time_window_kept(self):
		"""R-10/R-35: do-not-call customers get no phone callback; the preferred time is carried."""
		plan = self.plan()
		quiet = make_customer(self.unit, do_not_call=1, do_not_call_reason="客户要求")
		evening = make_customer(self.unit, preferred_time_from="18:00:00", preferred_time_to="20:00:00")
		event_on(quiet, self.event_type, "2026-03-03")
		event_on(evening, self.event_type, "2026-03-03")
		self.assertEqual(self.generate(plan, "2026-03-03"), 1)
		task = frappe.get_all(
			"Callback Task", filters={"callback_plan": plan.name}, fields=["customer", "preferred_time_from"]
		)
		self.assertEqual((task[0].customer, str(task[0].preferred_time_from)), (evening, "18:00:00"))

	def test_assignees_round_robin_independent_major_to_head(self):
		"""R-30/R-03/R-53: pool round-robin, never the handler; major events go to the unit head."""
		plan = self.plan()
		handled = [
			event_on(self.customer, self.event_type, "2026-03-03", handler=self.agents[0]) for _i in range(3)
		]
		free = [event_on(self.customer, self.event_type, "2026-03-03") for _i in range(4)]
		major = event_on(self.customer, self.event_type, "2026-03-03", is_major=1)
		self.generate(plan, "2026-03-03")
		by_event = {t.service_event: t.assignee for t in tasks(plan.name)}
		self.assertTrue(all(by_event[e] == self.agents[1] for e in handled))
		self.assertEqual(sorted(by_event[e] for e in free).count(self.agents[0]), 2)
		self.assertEqual(by_event[major], self.head)

	def test_new_agent_tasks_go_to_unit_head(self):
		"""R-04: during an agent's first month their generated callbacks go to the unit head."""
		newcomer = make_user("newcomer", AGENT)
		unit = make_unit(unit_head=self.head, members=[{"user": newcomer, "joined_on": "2026-03-01"}])
		customer = make_customer(unit)
		plan = self.plan()
		event_on(customer, self.event_type, "2026-03-03")
		self.generate(plan, "2026-03-03")
		task = frappe.get_all(
			"Callback Task", filters={"callback_plan": plan.name}, fields=["assignee", "reassigned_from"]
		)
		self.assertEqual((task[0].assignee, task[0].reassigned_from), (self.head, newcomer))

	def test_priority_sampling_matches_its_rates(self):
		"""R-32: P1 80 %, P2 50 %, P3 20 %, P4 5 %: SQL selects exactly what the stated hash rule
		selects, and the rule hits the rates on a large draw."""
		plan = self.plan(sampling="By Priority")
		rates = priority_rates(plan)
		events = {
			p: [event_on(self.customer, self.event_type, "2026-03-03", priority=p) for _i in range(8)]
			for p in ("P1", "P2", "P3", "P4")
		}
		self.generate(plan, "2026-03-03")
		got = {t.service_event for t in tasks(plan.name)}
		expected = {
			e for p, names in events.items() for e in names if priority_selected(plan.name, e, p, rates)
		}
		self.assertEqual(got, expected)
		for p, rate in (("P1", 80), ("P2", 50), ("P3", 20), ("P4", 5)):
			hits = sum(priority_selected(plan.name, f"HF-EV-{i}", p, rates) for i in range(20000))
			self.assertAlmostEqual(hits / 200, rate, delta=1.5)

	def test_daily_job_logs_its_run(self):
		"""R-80: the daily job runs every approved plan and leaves a Scheduler Run Log."""
		plan = self.plan()
		draft = make_plan(self.event_type, steps=REPAIR_2_DAYS)
		event_on(self.customer, self.event_type, "2026-03-03")
		generation.run_daily("2026-03-03", commit=False)
		self.assertEqual(len(tasks(plan.name)), 1)
		self.assertEqual(len(tasks(draft)), 0)
		log = frappe.get_all(
			"Scheduler Run Log",
			filters={"job": generation.JOB},
			fields=["status", "rows_created", "run_date"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertEqual((log.status, str(log.run_date)), ("Success", "2026-03-03"))
		self.assertGreaterEqual(log.rows_created, 1)

	def test_generate_now_requires_write_and_approval(self):
		"""R-30: "Generate now" is for those who may edit the plan, and only for approved plans."""
		draft = make_plan(self.event_type, steps=REPAIR_2_DAYS)
		with self.assertRaises(frappe.ValidationError):
			generation.generate_now(draft)
		plan = self.plan()
		with self.set_user(self.agents[0]), self.assertRaises(frappe.PermissionError):
			generation.generate_now(plan.name)

	def test_run_plan_generates_one_plan(self):
		"""R-30: the job behind "Generate now" creates that plan's due tasks."""
		plan = self.plan()
		event_on(self.customer, self.event_type, "2026-03-03")
		self.assertEqual(generation.run_plan(plan.name, "2026-03-03", commit=False), 1)
