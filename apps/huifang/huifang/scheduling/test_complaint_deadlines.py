"""Complaint deadlines in working days (R-52) and major complaints to leadership (R-51)."""

import frappe
from frappe.tests import IntegrationTestCase

from huifang.scheduling import complaint_deadlines
from huifang.tests.factories import MANAGER, SUPERVISOR, ensure_fixtures, make_calendar, make_unit, make_user


class TestComplaintDeadlines(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.supervisor = make_user("supervisor", SUPERVISOR)
		self.fixer = make_user("fixer", SUPERVISOR)
		# Monday 9 March 2026 is a holiday of this unit
		calendar = make_calendar(holidays=["2026-03-09"])
		self.unit = make_unit(supervisor=self.supervisor, working_calendar=calendar)
		self.responsible = make_unit(supervisor=self.fixer, working_calendar=calendar)

	def complaint(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": "电梯故障",
				"complainant_name": "王先生",
				"category": "Property Management",
				"service_unit": self.unit,
				"responsible_unit": self.responsible,
				"description": "电梯一周内故障两次",
				"received_on": "2026-03-06 16:00:00",
				**fields,
			}
		).insert(ignore_permissions=True)

	def notices(self, name):
		return sorted(
			(r.for_user, r.subject.split(" ")[0])
			for r in frappe.get_all(
				"Notification Log",
				filters={"document_type": "Complaint", "document_name": name},
				fields=["for_user", "subject"],
			)
		)

	def breaches(self, name):
		return sorted(
			(r.breach, r.escalated_to)
			for r in frappe.get_all(
				"Huifang Escalation", filters={"reference_name": name}, fields=["breach", "escalated_to"]
			)
		)

	def test_deadlines_across_weekend_and_holiday_escalate_once(self):
		"""R-52: received Friday, with the weekend and Monday's holiday the reply is due Wednesday
		and rectification feedback Thursday; each breach escalates once, checked hourly."""
		c = self.complaint()
		self.assertEqual((str(c.reply_by), str(c.rectify_by)), ("2026-03-11", "2026-03-12"))
		complaint_deadlines.run_hourly("2026-03-11 23:00:00", commit=False)
		self.assertEqual(self.breaches(c.name), [])
		for hour in ("00:05", "01:05", "02:05"):
			complaint_deadlines.run_hourly(f"2026-03-12 {hour}:00", commit=False)
		self.assertEqual(self.breaches(c.name), [("Reply Overdue", self.supervisor)])
		complaint_deadlines.run_hourly("2026-03-13 09:00:00", commit=False)
		complaint_deadlines.run_hourly("2026-03-13 10:00:00", commit=False)
		self.assertEqual(
			self.breaches(c.name), [("Rectification Overdue", self.fixer), ("Reply Overdue", self.supervisor)]
		)
		self.assertEqual([u for u, _s in self.notices(c.name)], sorted([self.fixer, self.supervisor]))
		todos = frappe.get_all(
			"ToDo", filters={"reference_type": "Complaint", "reference_name": c.name}, pluck="allocated_to"
		)
		self.assertEqual(sorted(todos), sorted([self.fixer, self.supervisor]))

	def test_met_deadlines_do_not_escalate(self):
		"""R-52: a complaint replied to and with feedback in time is never escalated."""
		c = self.complaint()
		frappe.db.set_value(
			"Complaint",
			c.name,
			{"replied_on": "2026-03-10 10:00:00", "rectification_feedback_on": "2026-03-12 10:00:00"},
		)
		complaint_deadlines.run_hourly("2026-03-20 09:00:00", commit=False)
		self.assertEqual(self.breaches(c.name), [])

	def test_important_complaint_reported_within_one_working_day(self):
		"""R-51: an important complaint (3 people together) received Friday is due to be reported
		on Tuesday (weekend and Monday's holiday skipped); not accepted by then, it escalates once
		to the unit's supervisor; one accepted in time never does."""
		late = self.complaint(people_count=3)
		self.assertEqual((late.severity, str(late.report_by)), ("Important", "2026-03-10"))
		on_time = self.complaint(people_count=4)
		frappe.db.set_value(
			"Complaint", on_time.name, {"workflow_state": "Accepted", "accepted_on": "2026-03-10 09:00:00"}
		)
		complaint_deadlines.run_hourly("2026-03-10 23:00:00", commit=False)
		self.assertEqual(self.breaches(late.name), [])
		for hour in ("00:05", "01:05"):
			complaint_deadlines.run_hourly(f"2026-03-11 {hour}:00", commit=False)
		self.assertEqual(self.breaches(late.name), [("Important Complaint Unreported", self.supervisor)])
		self.assertEqual(self.breaches(on_time.name), [])
		self.assertFalse(self.complaint().report_by)  # a general complaint has no report deadline

	def test_major_complaint_reaches_managers_at_once(self):
		"""R-51: a major complaint (10+ people) notifies every Huifang Manager on insert, once."""
		managers = sorted(make_user("manager", MANAGER) for _i in range(2))
		c = self.complaint(people_count=12)
		self.assertEqual(c.severity, "Major")
		got = [r for r in self.breaches(c.name) if r[0] == "Major Complaint"]
		self.assertTrue({m for _b, m in got} >= set(managers))
		before = len(got)
		c.reload()
		c.description = "补充：已有媒体关注"
		c.save(ignore_permissions=True)
		self.assertEqual(len([r for r in self.breaches(c.name) if r[0] == "Major Complaint"]), before)
		general = self.complaint()
		self.assertEqual(self.breaches(general.name), [])

	def test_raised_to_major_by_hand_notifies(self):
		"""R-51: severity raised to Major by hand reaches the Managers then."""
		manager = make_user("manager", MANAGER)
		c = self.complaint()
		c.severity = "Major"
		c.save(ignore_permissions=True)
		self.assertIn(("Major Complaint", manager), self.breaches(c.name))
