import frappe
from frappe.tests import IntegrationTestCase

from huifang.huifang.report.complaint_analysis.complaint_analysis import execute
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


class TestComplaintAnalysis(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.names = fx.build()

	def run_report(self, **filters):
		base = dict(company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1])
		_cols, data, _msg, chart, summary = execute(frappe._dict({**base, **filters}))
		return [r for r in data if not r.get("is_total_row")], data[-1], chart, summary

	def test_by_category(self):
		"""R-70/R-52/R-53/R-54: complaints by category with reply and resolution times, breaches of the
		reply-by and rectify-by deadlines, reopen rate and repeats."""
		rows, total, chart, summary = self.run_report(group_by="Category")
		by_category = {r["group_key"]: r for r in rows}
		self.assertEqual(set(by_category), set(fx.EXPECTED_COMPLAINTS_CATEGORY))
		for category, expected in fx.EXPECTED_COMPLAINTS_CATEGORY.items():
			for field, value in expected.items():
				self.assertEqual(by_category[category][field], value, f"{category}.{field}")
		for field, value in fx.EXPECTED_COMPLAINTS_TOTAL.items():
			self.assertEqual(total[field], value, f"total.{field}")
		self.assertEqual(chart["data"]["datasets"][2]["values"], [0, 1])  # major, Service Attitude first

	def test_by_severity_unit_and_month(self):
		"""R-51/R-70: the same complaints grouped by severity, by unit and by month."""
		rows, *_rest = self.run_report(group_by="Severity")
		self.assertEqual(
			{r["group_key"]: r["complaints"] for r in rows}, {"General": 1, "Important": 1, "Major": 1}
		)
		rows, *_rest = self.run_report(group_by="Service Unit")
		self.assertEqual(
			{r["group_key"]: r["complaints"] for r in rows},
			{self.names.units["U1"]: 2, self.names.units["U2"]: 1},
		)
		rows, total, *_rest = self.run_report(group_by="Month", to_date="2024-04-30")
		self.assertEqual({r["group_key"]: r["complaints"] for r in rows}, {"2024-03": 3, "2024-04": 1})
		self.assertEqual(total["complaints"], 4)
