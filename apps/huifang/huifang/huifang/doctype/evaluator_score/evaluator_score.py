"""Evaluator Score 评价器评分: one window's electronic evaluator results for one day (R-71).

Government service halls have a rating device at every window; its daily counts are imported
(CSV or REST, huifang.analysis.evaluator) and weighed into the unit's monthly score.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from huifang.analysis.figures import Scale, level_counts, scaled_score
from huifang.utils.db import ensure_indexes
from huifang.utils.scoring import LEVELS


class EvaluatorScore(Document):
	def validate(self):
		self.device = (self.device or "").strip() or None
		for level in LEVELS:
			value = self.get(f"level_{level}") or 0
			if value < 0:
				frappe.throw(_("{0} cannot be negative.").format(_(self.meta.get_label(f"level_{level}"))))
			self.set(f"level_{level}", int(value))
		self.fill_score(Scale())
		self.validate_unique()

	def fill_score(self, scale):
		counts = level_counts(self.as_dict())
		self.total = sum(counts.values())
		self.score = scaled_score(counts, scale)
		self.grade = scale.grade(self.score)

	def validate_unique(self):
		filters = {
			"service_unit": self.service_unit,
			"evaluation_date": self.evaluation_date,
			"device": self.device or ("is", "not set"),
			"name": ("!=", self.name),
		}
		if frappe.db.exists("Evaluator Score", filters):
			frappe.throw(
				_("Evaluator results of {0} on {1} already exist.").format(
					self.service_unit, self.evaluation_date
				),
				frappe.DuplicateEntryError,
			)


def on_doctype_update():
	ensure_indexes("Evaluator Score", {"date_unit_index": ["evaluation_date", "service_unit"]})
