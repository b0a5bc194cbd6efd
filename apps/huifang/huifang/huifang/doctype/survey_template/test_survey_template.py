import frappe
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import make_template


class TestSurveyTemplate(IntegrationTestCase):
	def test_question_rules(self):
		"""R-60: choice questions need options; verification questions are Yes/No."""
		with self.assertRaises(frappe.ValidationError):
			make_template([{"question": "渠道", "question_type": "Single Choice", "options": "电话"}])
		with self.assertRaises(frappe.ValidationError):
			make_template([{"question": "是否索要财物", "question_type": "Rating 1-5", "is_verification": 1}])
		make_template(
			[
				{"question": "渠道", "question_type": "Single Choice", "options": "电话\n上门"},
				{"question": "是否索要财物", "question_type": "Yes/No", "is_verification": 1},
			]
		)

	def test_total_score_thresholds_ordered(self):
		"""R-60: total-score grading thresholds must be ordered (e.g. 210 <= 240 <= 300)."""
		with self.assertRaises(frappe.ValidationError):
			make_template(
				[("总体", "Rating 1-5")], scheme="Total Score", satisfied_threshold=200, basic_threshold=210
			)
