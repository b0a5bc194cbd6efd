import frappe
from frappe import _
from frappe.tests import IntegrationTestCase

from huifang.huifang.report.callback_coverage.callback_coverage import execute
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


class TestCallbackCoverage(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.names = fx.build()

	def run_report(self, group_by):
		_cols, data, _msg, _chart, summary = execute(
			frappe._dict(
				company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1], group_by=group_by
			)
		)
		return (
			{r["group_key"]: r for r in data if not r.get("is_total_row")},
			data[-1],
			{c["label"]: c for c in summary},
		)

	def check(self, rows, expected):
		self.assertEqual(set(rows), set(expected))
		for key, figures in expected.items():
			for field, value in figures.items():
				self.assertEqual(rows[key][field], value, f"{key}.{field}")

	def test_by_category_against_plan_targets(self):
		"""R-32/R-35: actual callback rate per category against the callback plans' target rate, and the
		share of visits and letters against its 10 % limit."""
		rows, total, cards = self.run_report("Category")
		self.check(rows, fx.EXPECTED_COVERAGE_CATEGORY)
		self.assertEqual(rows["Repair Order"]["meets_target"], _("No"))
		for field, value in fx.EXPECTED_COVERAGE_TOTAL.items():
			self.assertEqual(total[field], value, f"total.{field}")
		self.assertEqual(cards[_("Visit and Letter Share")]["indicator"], "Green")

	def test_by_priority_against_settings(self):
		"""R-32: by priority against P1 80 %, P2 50 %, P3 20 % (Huifang Settings)."""
		rows, _total, _cards = self.run_report("Priority")
		rows.pop(None)  # callbacks without a service event
		self.check(rows, fx.EXPECTED_COVERAGE_PRIORITY)
		self.assertEqual(rows["P3"]["meets_target"], _("Yes"))
