"""Callback Record 回访记录 (R-40..R-44).

Workflow Draft -> Submitted -> Reviewed -> Archived, Returned -> Draft. Reviewed and Archived
records are frozen; nobody but a System Manager may delete one, and only after retention.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from huifang.utils import scoring
from huifang.utils.db import ensure_indexes
from huifang.utils.independence import involved_people, violates
from huifang.utils.retention import check_deletable

DRAFT, SUBMITTED, RETURNED, REVIEWED, ARCHIVED = "Draft", "Submitted", "Returned", "Reviewed", "Archived"
LOCKED = (REVIEWED, ARCHIVED)
REPORTED = (SUBMITTED, REVIEWED, ARCHIVED)
RATED_TYPES = ("Rating 1-5", "Three Grades")
MANAGER = "Huifang Manager"


class IndependenceError(frappe.ValidationError):
	pass


class CallbackRecord(Document):
	def validate(self):
		if self.guard_locked():
			return
		self.set_defaults()
		self.load_template_questions()
		self.sync_answers()
		self.sync_overall_rating()
		self.is_problem_case = int(any(r.is_verification and r.verified == "No" for r in self.answers))
		self.needs_revisit = int(self.overall_grade == scoring.UNSATISFIED)
		self.check_independence()
		if self.workflow_state in REPORTED:
			self.validate_reported()
		self.track_transition()

	def on_update(self):
		if self.entered(SUBMITTED):
			self.close_task()
			if self.is_problem_case and not self.rectification_request:
				# a "no" to a verification question opens a follow-up at once
				make_rectification(self, _("Problem case from callback {0}").format(self.name))

	def on_trash(self):
		check_deletable(self, "record_retention_years", 2, "call_time")

	def entered(self, state: str) -> bool:
		return self.workflow_state == state and self.has_value_changed("workflow_state")

	def guard_locked(self) -> bool:
		"""Reviewed and Archived records only change state; returns True when locked."""
		before = self.get_doc_before_save()
		if not before or before.workflow_state not in LOCKED:
			return False
		self.validate_update_after_submit()
		return True

	def set_defaults(self):
		if self.callback_task:
			task = frappe.db.get_value(
				"Callback Task",
				self.callback_task,
				["customer", "service_unit", "service_event", "callback_plan"],
				as_dict=True,
			)
			for field, value in (task or {}).items():
				if not self.get(field):
					self.set(field, value)
		if self.service_event:
			event = frappe.db.get_value(
				"Service Event", self.service_event, ["customer", "service_unit", "event_type"], as_dict=True
			)
			if event:
				self.customer = self.customer or event.customer
				self.service_unit = self.service_unit or event.service_unit
				self.event_type = event.event_type
		if self.customer:
			customer = frappe.db.get_value(
				"Customer Archive", self.customer, ["customer_name", "service_unit"], as_dict=True
			)
			if customer:
				self.customer_name = customer.customer_name
				self.service_unit = self.service_unit or customer.service_unit
				if not self.callee_name and self.callee_relation == "Self":
					self.callee_name = customer.customer_name
		if self.callback_plan and not self.survey_template:
			self.survey_template = frappe.db.get_value("Callback Plan", self.callback_plan, "survey_template")
		self.requires_policyholder = int(
			bool(self.event_type)
			and bool(frappe.db.get_value("Service Event Type", self.event_type, "requires_policyholder"))
		)

	def load_template_questions(self):
		if not self.survey_template or self.answers:
			return
		for q in frappe.get_doc("Survey Template", self.survey_template).questions:
			self.append(
				"answers",
				{
					"question": q.question,
					"dimension": q.dimension,
					"question_type": q.question_type,
					"is_verification": q.is_verification,
					"weight": q.weight,
				},
			)

	def sync_answers(self):
		for row in self.answers:
			if row.question_type not in RATED_TYPES:
				continue
			if row.rating:
				if not 1 <= row.rating <= 5:
					frappe.throw(_("Row {0}: ratings go from 1 to 5.").format(row.idx))
				row.grade = scoring.level_to_grade(row.rating)
			elif row.grade:
				row.rating = scoring.grade_to_level(row.grade)

	def sync_overall_rating(self):
		"""One mapping (huifang.utils.scoring) keeps the 3-grade and 5-level results in step."""
		if self.overall_score and not 1 <= self.overall_score <= 5:
			frappe.throw(_("The overall score goes from 1 to 5."))
		grade_edited = (
			not self.is_new()
			and self.has_value_changed("overall_grade")
			and not self.has_value_changed("overall_score")
		)
		if self.overall_grade and (grade_edited or not self.overall_score):
			self.overall_score = scoring.grade_to_level(self.overall_grade)
		elif self.overall_score:
			self.overall_grade = scoring.level_to_grade(self.overall_score)
		else:
			avg = scoring.average(r.rating for r in self.answers if r.question_type in RATED_TYPES)
			if avg is not None:
				self.overall_score = int(scoring.round_half_up(avg))
				self.overall_grade = scoring.level_to_grade(self.overall_score)

	def check_independence(self):
		"""R-03: the handler or seller of the service may not call back on it, unless a Manager
		overrides with a reason."""
		if not violates(self.agent, involved_people(self.service_event)):
			return
		if not self.independence_override:
			frappe.throw(
				_("{0} handled or sold this service and may not do its callback (independence rule).").format(
					frappe.bold(self.agent)
				),
				IndependenceError,
				title=_("Independence Rule"),
			)
		if not (self.override_reason or "").strip():
			frappe.throw(_("Give the reason for overriding the independence rule."), IndependenceError)
		if self.is_new() or self.has_value_changed("independence_override") or not self.override_by:
			if MANAGER not in frappe.get_roles():
				frappe.throw(
					_("Only a Huifang Manager may override the independence rule."), frappe.PermissionError
				)
			self.override_by = frappe.session.user

	def validate_reported(self):
		if not self.overall_grade:
			frappe.throw(_("Record the customer's overall rating before submitting."))
		if self.method != "Phone" and not (self.customer_confirmed or self.confirmation_signature):
			frappe.throw(
				_("Callbacks by {0} need the customer's signature or confirmation.").format(_(self.method)),
				title=_("Customer Confirmation"),
			)
		if self.requires_policyholder and (self.callee_relation != "Self" or not self.policyholder_verified):
			frappe.throw(
				_("Only the policyholder may answer this callback, and their identity must be verified."),
				title=_("Policyholder"),
			)

	def track_transition(self):
		if self.entered(RETURNED) and not (self.review_comment or "").strip():
			frappe.throw(_("Write the supervisor's opinion before returning the record."))
		if self.entered(REVIEWED):
			self.reviewed_by = frappe.session.user
			self.reviewed_on = now_datetime()

	def close_task(self):
		if not self.callback_task:
			return
		task = frappe.db.get_value(
			"Callback Task", self.callback_task, ["status", "source_complaint"], as_dict=True
		)
		if task and task.status != "Cancelled":
			frappe.db.set_value(
				"Callback Task",
				self.callback_task,
				{"status": "Done", "callback_record": self.name, "completed_on": now_datetime()},
			)
		if task and task.source_complaint:
			# the complaint's callback is this record
			frappe.db.set_value(
				"Complaint",
				task.source_complaint,
				{
					"callback_record": self.name,
					"callback_result": self.overall_grade,
					"callback_by": self.agent,
				},
			)


def make_rectification(record, subject: str, responsible_unit: str | None = None, due_date=None) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Rectification Request",
			"subject": subject,
			"source_record": record.name,
			"customer": record.customer,
			"service_unit": record.service_unit,
			"responsible_unit": responsible_unit or record.service_unit,
			"due_date": due_date,
			"description": record.problems_found or record.comments or subject,
		}
	)
	doc.insert(ignore_permissions=True)
	record.db_set("rectification_request", doc.name)
	return doc.name


@frappe.whitelist()
def create_complaint(record: str, category: str = "Other", responsible_unit: str | None = None) -> str:
	"""R-43: turn the problems found in a callback into a complaint with one click."""
	doc = frappe.get_doc("Callback Record", record)
	doc.check_permission("read")
	if doc.complaint:
		return doc.complaint
	frappe.has_permission("Complaint", "create", throw=True)
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint",
			"subject": _("Problem found in callback {0}").format(doc.name),
			"channel": "During Callback",
			"customer": doc.customer,
			"complainant_name": doc.callee_name or doc.customer_name,
			"category": category,
			"service_unit": doc.service_unit,
			"responsible_unit": responsible_unit or doc.service_unit,
			"description": doc.problems_found
			or doc.comments
			or _("See callback record {0}").format(doc.name),
			"source_record": doc.name,
		}
	).insert()
	doc.db_set("complaint", complaint.name)
	return complaint.name


@frappe.whitelist()
def create_rectification(
	record: str, responsible_unit: str | None = None, due_date: str | None = None
) -> str:
	"""R-43: send a rectification request (工作联系单) to the responsible unit with one click."""
	doc = frappe.get_doc("Callback Record", record)
	doc.check_permission("read")
	if doc.rectification_request:
		return doc.rectification_request
	frappe.has_permission("Rectification Request", "create", throw=True)
	return make_rectification(
		doc, _("Rectification after callback {0}").format(doc.name), responsible_unit, due_date
	)


def on_doctype_update():
	ensure_indexes(
		"Callback Record",
		{
			"unit_call_time_index": ["service_unit", "call_time"],
			"agent_call_time_index": ["agent", "call_time"],
			"customer_call_time_index": ["customer", "call_time"],
			# monthly analysis (huifang.analysis.metrics, reports): covers the GROUP BYs over a period's
			# records, so they read the index only
			"analysis_records_index": [
				"call_time",
				"service_unit",
				"agent",
				"workflow_state",
				"overall_score",
				"method",
				"is_problem_case",
				"duration",
				"event_type",
			],
			# Callback Coverage: was this service event called back
			"analysis_event_state_index": ["service_event", "workflow_state"],
		},
	)
