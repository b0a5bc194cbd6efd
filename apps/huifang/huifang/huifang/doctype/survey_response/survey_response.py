"""Survey Response (R-60, R-62): answers scored with the template's scheme.

Anonymous responses keep no customer link and no respondent identity: owner and modified_by
are stamped "Guest", no version history is kept, and they cannot be edited afterwards.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from huifang.utils import scoring
from huifang.utils.retention import check_deletable

ANONYMOUS_OWNER = "Guest"
IDENTITY_FIELDS = ("customer", "customer_name")


class SurveyResponse(Document):
	def before_insert(self):
		if self.campaign and frappe.db.get_value("Survey Campaign", self.campaign, "is_anonymous"):
			self.is_anonymous = 1
		if self.is_anonymous:
			self.strip_identity()

	def validate(self):
		if self.is_anonymous:
			if not self.is_new():
				frappe.throw(_("Anonymous responses cannot be changed."))
			self.strip_identity()
		self.set_defaults()
		self.load_template_questions()
		self.score()

	def strip_identity(self):
		for field in IDENTITY_FIELDS:
			self.set(field, None)
		self.owner = self.modified_by = ANONYMOUS_OWNER
		for row in self.answers:
			row.owner = row.modified_by = ANONYMOUS_OWNER
		self.flags.ignore_version = True

	def set_defaults(self):
		if self.campaign:
			campaign = frappe.db.get_value(
				"Survey Campaign", self.campaign, ["survey_template", "service_unit"], as_dict=True
			)
			self.survey_template = self.survey_template or campaign.survey_template
			self.service_unit = self.service_unit or campaign.service_unit
		if self.customer and not self.service_unit:
			self.service_unit = frappe.db.get_value("Customer Archive", self.customer, "service_unit")

	def load_template_questions(self):
		if self.answers or not self.survey_template:
			return
		for q in frappe.get_doc("Survey Template", self.survey_template).questions:
			self.append(
				"answers",
				{
					"question": q.question,
					"question_type": q.question_type,
					"dimension": q.dimension,
					"weight": q.weight,
				},
			)

	def score(self):
		template = frappe.get_cached_doc("Survey Template", self.survey_template)
		required = {q.question for q in template.questions if q.is_required}
		pairs = []
		for row in self.answers:
			level = answer_level(row)
			if row.question in required and not (level or (row.answer or "").strip()):
				frappe.throw(_("Row {0}: {1} must be answered.").format(row.idx, row.question))
			row.score = (level or 0) * (row.weight if row.weight is not None else 1)
			pairs.append((level, row.weight))
		result = scoring.score_answers(
			pairs, template.scoring_scheme, template.satisfied_threshold, template.basic_threshold
		)
		self.total_score = result["total"]
		self.average_score = result["average"]
		self.grade = result["grade"]

	def after_insert(self):
		if self.campaign:
			frappe.get_doc("Survey Campaign", self.campaign).update_responses()

	def on_trash(self):
		check_deletable(self, "survey_retention_years", 3, "submitted_on")


def answer_level(row) -> int | None:
	"""The five-level value of a rated answer, None for unrated question types."""
	if row.question_type == "Rating 1-5" and row.rating:
		if not 1 <= row.rating <= 5:
			frappe.throw(_("Row {0}: ratings go from 1 to 5.").format(row.idx))
		row.grade = scoring.level_to_grade(row.rating)
		return row.rating
	if row.question_type == "Three Grades" and row.grade:
		row.rating = scoring.grade_to_level(row.grade)
		return row.rating
	return None


def on_doctype_update():
	frappe.db.add_index("Survey Response", ["campaign", "grade"], index_name="campaign_grade_index")
