from datetime import date, datetime

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests import IntegrationTestCase
from frappe.utils import add_days, getdate, now_datetime

from huifang.huifang.doctype.complaint.complaint import SeverityError
from huifang.tests.factories import (
	HANDLER,
	SUPERVISOR,
	ensure_fixtures,
	make_calendar,
	make_customer,
	make_unit,
	make_user,
	suffix,
)


class TestComplaint(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.unit = make_unit()
		self.issue = f"3号楼电梯故障 {suffix()}"

	def join_unit(self, *users):
		unit = frappe.get_doc("Service Unit", self.unit)
		for user in users:
			unit.append("members", {"user": user})
		unit.save(ignore_permissions=True)

	def complaint(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": "电梯故障",
				"complainant_name": f"业主{suffix()}",
				"category": "Property Management",
				"issue_key": self.issue,
				"service_unit": self.unit,
				"description": "电梯多次停运",
				**fields,
			}
		)

	def test_ten_people_or_lawsuit_is_major(self):
		"""R-51: 10+ people collectively, a lawsuit or media exposure make a Major complaint."""
		self.assertEqual(self.complaint(people_count=10).insert().severity, "Major")
		self.assertEqual(self.complaint(involves_lawsuit=1).insert().severity, "Major")
		self.assertEqual(self.complaint(media_exposure=1).insert().severity, "Major")
		self.assertEqual(self.complaint(people_count=3).insert().severity, "Important")

	def test_third_person_same_complaint_in_a_month_is_important(self):
		"""R-51: the same complaint from a third different person within a month is Important."""
		first = self.complaint(received_on=add_days(now_datetime(), -20)).insert()
		second = self.complaint(received_on=add_days(now_datetime(), -10)).insert()
		third = self.complaint().insert()
		self.assertEqual(
			[first.severity, second.severity, third.severity], ["General", "General", "Important"]
		)
		self.assertIn("3", third.severity_reason)

	def test_same_person_twice_is_not_three_people(self):
		"""R-51: three complaints by two people are not three different people."""
		self.complaint(complainant_name="张三").insert()
		self.complaint(complainant_name="李四").insert()
		self.assertEqual(self.complaint(complainant_name="张三").insert().severity, "General")

	def test_second_complaint_after_closure_is_important_and_repeat(self):
		"""R-51, R-54: the same customer and issue again after closure is Important and linked as a repeat."""
		customer = make_customer(self.unit)
		first = self.complaint(customer=customer, received_on=add_days(now_datetime(), -60)).insert()
		frappe.db.set_value("Complaint", first.name, "workflow_state", "Closed")
		second = self.complaint(customer=customer).insert()
		self.assertEqual((second.is_repeat, second.repeat_of, second.severity), (1, first.name, "Important"))

	def test_raise_by_hand_but_never_lower(self):
		"""R-51: severity can be raised by hand, never lowered."""
		doc = self.complaint().insert()
		self.assertEqual(doc.severity, "General")
		doc.severity = "Major"
		doc.save()
		self.assertEqual((doc.severity, doc.auto_severity), ("Major", "General"))
		self.assertEqual(doc.severity_raised_by, frappe.session.user)
		doc.severity = "General"
		with self.assertRaises(SeverityError):
			doc.save()

	def test_deadlines_in_working_days_across_weekend_and_holiday(self):
		"""R-52: reply in 2 and rectification feedback in 3 working days, skipping the weekend and holidays."""
		calendar = make_calendar(holidays=["2026-01-09"])  # a Friday
		unit = make_unit(working_calendar=calendar)
		doc = self.complaint(service_unit=unit, received_on=datetime(2026, 1, 8, 10, 0)).insert()  # Thursday
		self.assertEqual(getdate(doc.reply_by), date(2026, 1, 13))  # Mon 12 + Tue 13
		self.assertEqual(getdate(doc.rectify_by), date(2026, 1, 14))

	def test_workflow_roles(self):
		"""R-53: only a supervisor accepts; the handler resolves with root cause and actions."""
		handler = make_user("handler", HANDLER)
		supervisor = make_user("supervisor", SUPERVISOR)
		self.join_unit(handler, supervisor)  # staff act on their own unit's complaints
		doc = self.complaint(responsible_unit=self.unit).insert()
		self.assertEqual(doc.workflow_state, "New")
		with self.set_user(handler), self.assertRaises(WorkflowTransitionError):
			apply_workflow(doc, "Accept")
		with self.set_user(supervisor):
			doc = apply_workflow(doc, "Accept")
			doc = apply_workflow(doc, "Assign")
		with self.set_user(handler):
			doc = apply_workflow(doc, "Start Processing")
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(doc, "Resolve")
		doc.reload()
		doc.update(
			{
				"result": "已维修",
				"root_cause": "部件老化",
				"corrective_action": "更换",
				"preventive_action": "月检",
			}
		)
		doc.save()
		with self.set_user(handler):
			doc = apply_workflow(doc, "Resolve")
		self.assertTrue(doc.resolved_on)

	def test_unsatisfied_callback_reopens(self):
		"""R-53: an unsatisfied callback cannot close the complaint; reopening counts."""
		supervisor = make_user("supervisor", SUPERVISOR)
		self.join_unit(supervisor)
		doc = self.complaint(responsible_unit=self.unit).insert()
		with self.set_user(supervisor):
			for action in ("Accept", "Assign", "Start Processing"):
				doc = apply_workflow(doc, action)
		doc.reload()
		doc.update(
			{
				"result": "已处理",
				"root_cause": "沟通",
				"corrective_action": "道歉",
				"preventive_action": "培训",
			}
		)
		doc.save()
		with self.set_user(supervisor):
			doc = apply_workflow(doc, "Resolve")
			doc = apply_workflow(doc, "Call Back")
		doc.reload()
		doc.callback_result = "Unsatisfied"
		doc.save()
		with self.set_user(supervisor):
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(doc, "Close")
			doc = apply_workflow(doc, "Reopen")
		self.assertEqual((doc.workflow_state, doc.reopen_count), ("Reopened", 1))
