import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests import IntegrationTestCase
from frappe.utils import add_days, add_years, now_datetime, today

from huifang.huifang.doctype.callback_record.callback_record import (
	IndependenceError,
	create_complaint,
	create_rectification,
)
from huifang.tests.factories import (
	AGENT,
	MANAGER,
	SUPERVISOR,
	ensure_fixtures,
	make_customer,
	make_event,
	make_event_type,
	make_record,
	make_template,
	make_unit,
	make_user,
)


class TestCallbackRecord(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.agent = make_user("agent", AGENT)
		self.supervisor = make_user("supervisor", SUPERVISOR)
		self.manager = make_user("manager", MANAGER)
		self.handler = make_user("handler", AGENT)
		self.unit = make_unit(members=[self.agent, self.supervisor, self.handler, self.manager])
		self.customer = make_customer(self.unit)
		self.event = make_event(self.customer, handler=self.handler)

	def test_grade_and_score_share_one_mapping(self):
		"""R-41: the 3-grade and 5-level results are kept in step by one mapping."""
		record = make_record(self.customer, self.agent, overall_grade=None, overall_score=5).insert()
		self.assertEqual(record.overall_grade, "Satisfied")
		record.overall_grade = "Unsatisfied"
		record.save()
		self.assertEqual((record.overall_score, record.needs_revisit), (2, 1))
		record.overall_score = 3
		record.save()
		self.assertEqual(record.overall_grade, "Basically Satisfied")

	def test_rating_from_answers(self):
		"""R-41: without an overall rating, the answers' average gives it."""
		template = make_template([("服务态度", "Rating 1-5"), ("办事效率", "Three Grades")])
		record = make_record(self.customer, self.agent, overall_grade=None, survey_template=template)
		record.insert()
		self.assertEqual(len(record.answers), 2)
		record.answers[0].rating = 5
		record.answers[1].grade = "Basically Satisfied"
		record.save()
		self.assertEqual(record.answers[1].rating, 3)
		self.assertEqual((record.overall_score, record.overall_grade), (4, "Satisfied"))

	def test_verification_no_is_problem_case(self):
		"""R-42: a "no" to a verification question makes a 问题件 and opens a follow-up on submission."""
		record = make_record(
			self.customer,
			self.agent,
			answers=[
				{
					"question": "是否收到保单",
					"question_type": "Yes/No",
					"is_verification": 1,
					"verified": "No",
				}
			],
		).insert()
		self.assertEqual(record.is_problem_case, 1)
		with self.set_user(self.agent):
			record = apply_workflow(record, "Submit")
		self.assertTrue(frappe.db.get_value("Callback Record", record.name, "rectification_request"))

	def test_independence_violation_refused(self):
		"""R-03: the handler of the service may not call back on it; only a Manager may override, with a reason."""
		with self.assertRaises(IndependenceError):
			make_record(self.customer, self.handler, service_event=self.event).insert()
		with self.set_user(self.supervisor), self.assertRaises((IndependenceError, frappe.PermissionError)):
			make_record(
				self.customer,
				self.handler,
				service_event=self.event,
				independence_override=1,
				override_reason="人手不足",
			).insert()
		with self.set_user(self.manager):
			record = make_record(
				self.customer,
				self.handler,
				service_event=self.event,
				independence_override=1,
				override_reason="人手不足",
			).insert()
		self.assertEqual(record.override_by, self.manager)

	def test_review_workflow_per_role(self):
		"""R-44: the agent submits, only a supervisor reviews, and a reviewed record is frozen."""
		record = make_record(self.customer, self.agent, service_event=self.event).insert()
		self.assertEqual(record.workflow_state, "Draft")
		with self.set_user(self.agent):
			record = apply_workflow(record, "Submit")
			with self.assertRaises(WorkflowTransitionError):
				apply_workflow(record, "Review")
		with self.set_user(self.supervisor):
			record = apply_workflow(record, "Review")
		self.assertEqual((record.workflow_state, record.reviewed_by), ("Reviewed", self.supervisor))
		record.reload()
		record.comments = "改一改"
		with self.assertRaises(frappe.ValidationError):
			record.save()
		with self.set_user(self.supervisor):
			self.assertEqual(apply_workflow(record, "Archive").workflow_state, "Archived")

	def test_returned_needs_opinion_and_goes_back_to_draft(self):
		"""R-44: a record returned for correction carries the supervisor's opinion and goes back to the agent."""
		record = make_record(self.customer, self.agent).insert()
		with self.set_user(self.agent):
			record = apply_workflow(record, "Submit")
		with self.set_user(self.supervisor):
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(record, "Return")
			record.reload()
			record.review_comment = "通话时长未填"
			record.save()
			record = apply_workflow(record, "Return")
		with self.set_user(self.agent):
			record = apply_workflow(record, "Revise")
		self.assertEqual(record.workflow_state, "Draft")

	def test_visit_needs_customer_confirmation(self):
		"""R-42: a callback not made by phone needs the customer's signature or confirmation."""
		record = make_record(self.customer, self.agent, method="Visit").insert()
		with self.set_user(self.agent), self.assertRaises(frappe.ValidationError):
			apply_workflow(record, "Submit")
		record.reload()
		record.customer_confirmed = 1
		record.save()
		with self.set_user(self.agent):
			self.assertEqual(apply_workflow(record, "Submit").workflow_state, "Submitted")

	def test_policyholder_only(self):
		"""R-42: insurance callbacks are answered by the verified policyholder only."""
		event_type = make_event_type(category="Insurance Policy", requires_policyholder=1)
		event = make_event(self.customer, event_type)
		record = make_record(
			self.customer, self.agent, service_event=event, callee_relation="Spouse"
		).insert()
		self.assertEqual(record.requires_policyholder, 1)
		with self.set_user(self.agent), self.assertRaises(frappe.ValidationError):
			apply_workflow(record, "Submit")

	def test_submission_closes_the_task(self):
		"""R-35: submitting the record marks its task Done."""
		task = frappe.get_doc(
			{
				"doctype": "Callback Task",
				"customer": self.customer,
				"earliest_date": today(),
				"latest_date": add_days(today(), 2),
				"assignee": self.agent,
			}
		).insert()
		record = make_record(self.customer, self.agent, callback_task=task.name).insert()
		with self.set_user(self.agent):
			apply_workflow(record, "Submit")
		self.assertEqual(
			frappe.db.get_value("Callback Task", task.name, ["status", "callback_record"]),
			("Done", record.name),
		)

	def test_one_click_complaint_and_rectification(self):
		"""R-43: problems found become a complaint or a rectification request with one click."""
		record = make_record(self.customer, self.agent, problems_found="电梯异响未修复").insert()
		complaint = create_complaint(record.name, category="Property Management")
		self.assertEqual(create_complaint(record.name), complaint)
		self.assertEqual(frappe.db.get_value("Complaint", complaint, "source_record"), record.name)
		request = create_rectification(record.name)
		self.assertEqual(frappe.db.get_value("Rectification Request", request, "responsible_unit"), self.unit)

	def test_delete_refused_within_retention(self):
		"""R-44: records are never deleted by staff, and by a System Manager only after 2 years."""
		record = make_record(self.customer, self.agent).insert()
		with self.set_user(self.agent), self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("Callback Record", record.name)
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc("Callback Record", record.name)
		old = add_years(now_datetime(), -3)
		frappe.db.set_value("Callback Record", record.name, {"call_time": old, "creation": old})
		frappe.delete_doc("Callback Record", record.name)
		self.assertFalse(frappe.db.exists("Callback Record", record.name))
