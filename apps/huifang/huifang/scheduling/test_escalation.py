"""Overdue callbacks escalate exactly once (R-36); unreachable customers switch method (R-35)."""

import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import getdate

from huifang.scheduling import escalation
from huifang.tests.factories import (
	AGENT,
	SUPERVISOR,
	make_customer,
	make_event_type,
	make_plan,
	make_unit,
	make_user,
	suffix,
)


class TestEscalation(IntegrationTestCase):
	def setUp(self):
		self.supervisor = make_user("supervisor", SUPERVISOR)
		self.agent = make_user("agent", AGENT)
		self.unit = make_unit(supervisor=self.supervisor, members=[self.agent])
		self.customer = make_customer(self.unit)

	def task(self, latest="2026-03-10", **fields):
		return frappe.get_doc(
			{
				"doctype": "Callback Task",
				"customer": self.customer,
				"assignee": self.agent,
				"earliest_date": "2026-03-02",
				"latest_date": latest,
				"task_key": f"test:{suffix()}",
				**fields,
			}
		).insert(ignore_permissions=True)

	def notices(self, task):
		logs = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Callback Task", "document_name": task},
			fields=["for_user"],
		)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Callback Task", "reference_name": task},
			fields=["allocated_to"],
		)
		return [r.for_user for r in logs], [r.allocated_to for r in todos]

	def test_overdue_escalates_once_per_breach(self):
		"""R-36: a task past its latest date becomes Overdue and is escalated to the unit
		Supervisor with exactly one notification and one ToDo, however often the job runs."""
		late = self.task("2026-03-10")
		on_time = self.task("2026-03-11")
		escalation.run_daily("2026-03-10", commit=False)
		self.assertEqual(frappe.db.get_value("Callback Task", late.name, "status"), "Open")
		for _i in range(3):
			escalation.run_daily("2026-03-11", commit=False)
		row = frappe.db.get_value(
			"Callback Task", late.name, ["status", "escalated", "escalated_to"], as_dict=True
		)
		self.assertEqual((row.status, row.escalated, row.escalated_to), ("Overdue", 1, self.supervisor))
		self.assertEqual(self.notices(late.name), ([self.supervisor], [self.supervisor]))
		self.assertEqual(self.notices(on_time.name), ([], []))
		self.assertIn(self.supervisor, frappe.db.get_value("Callback Task", late.name, "_assign"))

	def test_ledger_refuses_a_second_notice_for_the_same_breach(self):
		"""R-36: even a second run that re-reads the task before it was flagged cannot notify again."""
		from huifang.scheduling import notify

		task = self.task()
		breach = notify.Breach("Callback Task", task.name, notify.TASK_OVERDUE, self.supervisor, "overdue")
		self.assertEqual(len(notify.escalate([breach])), 1)
		self.assertEqual(notify.escalate([breach, breach]), [])
		self.assertEqual(self.notices(task.name), ([self.supervisor], [self.supervisor]))

	def test_unit_head_when_no_supervisor(self):
		"""R-36: a unit without a Supervisor escalates to its head."""
		head = make_user("head", AGENT)
		unit = make_unit(unit_head=head)
		task = self.task(customer=make_customer(unit), service_unit=unit)
		escalation.run_daily("2026-03-12", commit=False)
		self.assertEqual(frappe.db.get_value("Callback Task", task.name, "escalated_to"), head)

	def test_done_tasks_never_escalate(self):
		"""R-36: only missed callbacks escalate."""
		task = self.task(status="Done")
		escalation.run_daily("2026-03-20", commit=False)
		self.assertEqual(
			frappe.db.get_value("Callback Task", task.name, ["status", "escalated"]), ("Done", 0)
		)

	def test_unanswered_calls_switch_method_then_unreachable(self):
		"""R-35: after N unanswered calls (here the plan's 2) the callback switches to the plan's
		fallback method; without a fallback it is marked Unreachable. Swept for attempts that
		bypassed the form, e.g. written by a dialer integration."""
		plan = make_plan(make_event_type(), switch_after_attempts=2, fallback_method="Letter")
		no_fallback = make_plan(make_event_type(), switch_after_attempts=2, fallback_method="")
		switch = self.task("2026-12-31", callback_plan=plan, plan_step=1)
		stop = self.task("2026-12-31", callback_plan=no_fallback, plan_step=1)
		answered_last = self.task("2026-12-31", callback_plan=plan, plan_step=1)
		for task, outcomes in (
			(switch, ["Busy", "No Answer"]),
			(stop, ["No Answer", "No Answer"]),
			(answered_last, ["No Answer", "Answered"]),
		):
			for i, outcome in enumerate(outcomes, 1):
				frappe.db.sql(
					"""INSERT INTO `tabCallback Attempt` (name, parent, parenttype, parentfield, idx, attempt_time, outcome)
					VALUES (%s, %s, 'Callback Task', 'attempts', %s, NOW(), %s)""",
					(frappe.generate_hash(length=10), task.name, i, outcome),
				)
		escalation.run_daily(getdate("2026-03-05"), commit=False)
		self.assertEqual(
			frappe.db.get_value("Callback Task", switch.name, ["method", "status"]), ("Letter", "Open")
		)
		self.assertEqual(
			frappe.db.get_value("Callback Task", stop.name, ["method", "status"]), ("Phone", "Unreachable")
		)
		self.assertEqual(
			frappe.db.get_value("Callback Task", answered_last.name, ["method", "status"]), ("Phone", "Open")
		)
