"""Every analysis report shows an agent only their own units (R-01, R-02, R-12, R-73).

The reports aggregate with SQL, so list-view row scoping does not reach them; each one limits its
queries to huifang.analysis.scope.user_units. Agent a3 of the fixture works in U2 only.
"""

import frappe
from frappe.tests import IntegrationTestCase

from huifang.huifang.report.agent_workload_and_performance import agent_workload_and_performance
from huifang.huifang.report.callback_coverage import callback_coverage
from huifang.huifang.report.complaint_analysis import complaint_analysis
from huifang.huifang.report.monthly_service_analysis import monthly_service_analysis
from huifang.huifang.report.repeated_issues import repeated_issues
from huifang.huifang.report.survey_results import survey_results
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


def rows_of(module, **filters) -> list[dict]:
	_cols, data, *_rest = module.execute(
		frappe._dict(from_date=fx.MONTH[0], to_date=fx.MONTH[1], live_data=1, **filters)
	)
	return [r for r in data if not r.get("is_total_row")]


class TestAnalysisScope(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.names = fx.build()
		cls.u1, cls.u2 = cls.names.units["U1"], cls.names.units["U2"]
		cls.a3 = cls.names.agents["a3"]

	def units_in(self, rows, field="service_unit") -> set:
		return {r.get(field) for r in rows}

	def test_agent_sees_only_their_units_in_every_report(self):
		"""R-12/R-73: as agent a3 (unit U2) each of the six reports holds U2's figures and nothing of U1,
		which Administrator sees with the same filters."""
		company = {"company": self.names.company}
		# what Administrator sees of the company: U1 is there in every report
		self.assertIn(self.u1, self.units_in(rows_of(monthly_service_analysis, **company)))
		self.assertTrue(rows_of(repeated_issues, **company))
		with self.set_user(self.a3):
			self.assertEqual(self.units_in(rows_of(monthly_service_analysis)), {self.u2})
			self.assertEqual(self.units_in(rows_of(monthly_service_analysis, group_by="Agent")), {self.u2})
			by_unit = rows_of(complaint_analysis, group_by="Service Unit")
			self.assertEqual([(r["group_key"], r["complaints"]) for r in by_unit], [(self.u2, 1)])
			self.assertEqual(rows_of(repeated_issues), [])  # U1's repeats are not theirs
			coverage = rows_of(callback_coverage, group_by="Service Unit")
			self.assertEqual(
				[(r["group_key"], r["events"], r["called_back"]) for r in coverage], [(self.u2, 3, 2)]
			)
			surveys = rows_of(survey_results, group_by="Service Unit")
			self.assertEqual(self.units_in(surveys), {self.u2})
			self.assertEqual(sum(r["responses"] for r in surveys), 3)
			workload = rows_of(agent_workload_and_performance)
			self.assertEqual([(r["agent"], r["planned"]) for r in workload], [(self.a3, 3)])
			# asking for another unit by name gives nothing either
			self.assertEqual(rows_of(monthly_service_analysis, service_unit=self.u1), [])
			self.assertEqual(rows_of(complaint_analysis, service_unit=self.u1), [])
