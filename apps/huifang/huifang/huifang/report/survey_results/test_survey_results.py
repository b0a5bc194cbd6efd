import frappe
from frappe import _
from frappe.tests import IntegrationTestCase

from huifang.huifang.report.survey_results.survey_results import execute
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


class TestSurveyResults(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.names = fx.build()

	def run_report(self, **filters):
		_cols, data, *_rest = execute(
			frappe._dict(company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1], **filters)
		)
		return [r for r in data if not r.get("is_total_row")], data[-1]

	def check(self, row, expected, label):
		for field, value in expected.items():
			self.assertEqual(row[field], _(value) if field == "grade" else value, f"{label}.{field}")

	def test_per_question(self):
		"""R-60: per question the 5-point average, the distribution, the weighted sum 5·n1+…+1·n5 and the
		grade; three-grade answers count as 4/3/2."""
		rows, total = self.run_report(campaign=self.names.campaigns["KA"])
		by_question = {r["question"]: r for r in rows}
		self.assertEqual(list(by_question), ["服务态度", "办事效率"])
		for question, expected in fx.EXPECTED_SURVEY_QUESTIONS.items():
			self.check(by_question[question], expected, question)
		self.check(total, dict(rated=6, average=3.33, weighted_sum=20, grade="Basically Satisfied"), "total")

	def test_per_campaign_follows_template_scheme(self):
		"""R-60/R-72: per campaign; a Total Score template grades by its own thresholds (7.67 of 10 is
		basic below 8) while an Average template grades the mean average."""
		rows, total = self.run_report(group_by="Campaign")
		label = {v: k for k, v in self.names.campaigns.items()}
		by_campaign = {label[r["campaign"]]: r for r in rows}
		for key, expected in fx.EXPECTED_SURVEY_CAMPAIGNS.items():
			self.check(by_campaign[key], expected, key)
		self.check(total, fx.EXPECTED_SURVEY_CAMPAIGN_TOTAL, "total")
		rows, _total = self.run_report(group_by="Service Unit")
		self.assertEqual(
			sorted((r["service_unit"], r["responses"]) for r in rows),
			sorted(
				[
					(self.names.units["U1"], 2),
					(self.names.units["U2"], 1),
					(self.names.units["U2"], 2),
					(self.names.units["U3"], 1),
				]
			),
		)
