import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import add_years, now_datetime

from huifang.tests.factories import make_customer, make_template, make_unit


class TestSurveyResponse(IntegrationTestCase):
	def setUp(self):
		self.unit = make_unit()
		self.customer = make_customer(self.unit)

	def response(self, template, ratings, **fields):
		return frappe.get_doc(
			{
				"doctype": "Survey Response",
				"survey_template": template,
				"service_unit": self.unit,
				"answers": [
					{
						"question": q.question,
						"question_type": q.question_type,
						"weight": q.weight,
						"rating": r,
					}
					for q, r in zip(
						frappe.get_doc("Survey Template", template).questions, ratings, strict=True
					)
				],
				**fields,
			}
		)

	def test_average_scheme(self):
		"""R-60: 5-point average scheme."""
		template = make_template([("态度", "Rating 1-5"), ("效率", "Rating 1-5"), ("环境", "Rating 1-5")])
		doc = self.response(template, [5, 4, 3], customer=self.customer).insert()
		self.assertEqual((doc.average_score, doc.grade), (4.0, "Satisfied"))

	def test_total_score_grading_of_300(self):
		"""R-60: 300-point total score, >= 240 satisfied, 210-240 basically satisfied, < 210 unsatisfied."""
		template = make_template([(f"问题{i}", "Rating 1-5", 20) for i in range(3)], scheme="Total Score")
		grades = [self.response(template, r).insert() for r in ([4, 4, 4], [4, 4, 3], [4, 3, 3])]
		self.assertEqual([d.total_score for d in grades], [240, 220, 200])
		self.assertEqual([d.grade for d in grades], ["Satisfied", "Basically Satisfied", "Unsatisfied"])

	def test_required_question_must_be_answered(self):
		"""R-60: required questions are answered."""
		template = make_template([("态度", "Rating 1-5")])
		with self.assertRaises(frappe.ValidationError):
			self.response(template, [0]).insert()

	def test_anonymous_response_keeps_no_identity(self):
		"""R-62: an anonymous response stores no customer link and no respondent identity."""
		template = make_template([("态度", "Rating 1-5")])
		campaign = frappe.get_doc(
			{
				"doctype": "Survey Campaign",
				"campaign_name": "匿名调查",
				"survey_template": template,
				"start_date": "2026-01-01",
				"end_date": "2026-03-31",
				"is_anonymous": 1,
			}
		).insert()
		doc = self.response(template, [5], campaign=campaign.name, customer=self.customer).insert()
		row = frappe.db.get_value(
			"Survey Response",
			doc.name,
			["customer", "customer_name", "owner", "modified_by", "is_anonymous"],
			as_dict=True,
		)
		self.assertEqual(
			row,
			{
				"customer": None,
				"customer_name": None,
				"owner": "Guest",
				"modified_by": "Guest",
				"is_anonymous": 1,
			},
		)
		self.assertEqual(frappe.db.get_value("Survey Campaign", campaign.name, "responses_received"), 1)
		with self.assertRaises(frappe.ValidationError):
			doc.reload()
			doc.comments = "补充"
			doc.save()

	def test_delete_refused_within_retention(self):
		"""R-44: survey responses are kept 3 years."""
		template = make_template([("态度", "Rating 1-5")])
		doc = self.response(template, [4]).insert()
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc("Survey Response", doc.name)
		old = add_years(now_datetime(), -4)
		frappe.db.set_value("Survey Response", doc.name, {"submitted_on": old, "creation": old})
		frappe.delete_doc("Survey Response", doc.name)
		self.assertFalse(frappe.db.exists("Survey Response", doc.name))
