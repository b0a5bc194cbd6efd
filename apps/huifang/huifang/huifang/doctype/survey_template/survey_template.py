"""Survey Template (R-60): questions with types, weights and a scoring scheme."""

import frappe
from frappe import _
from frappe.model.document import Document

from huifang.utils import scoring

CHOICE_TYPES = ("Single Choice", "Multiple Choice")


class SurveyTemplate(Document):
	def validate(self):
		if not self.questions:
			frappe.throw(_("A survey template needs at least one question."))
		for row in self.questions:
			if row.question_type in CHOICE_TYPES and len(choices(row.options)) < 2:
				frappe.throw(_("Row {0}: a choice question needs at least two options.").format(row.idx))
			if row.is_verification and row.question_type != "Yes/No":
				frappe.throw(_("Row {0}: verification questions are Yes/No questions.").format(row.idx))
		if self.scoring_scheme == scoring.TOTAL_SCORE:
			if not (self.basic_threshold <= self.satisfied_threshold <= self.max_score):
				frappe.throw(
					_("Thresholds must satisfy Basically Satisfied From <= Satisfied From <= Maximum Score.")
				)


def choices(options: str | None) -> list[str]:
	return [line.strip() for line in (options or "").splitlines() if line.strip()]
