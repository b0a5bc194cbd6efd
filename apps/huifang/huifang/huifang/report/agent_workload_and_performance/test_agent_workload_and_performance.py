import frappe
from frappe import _
from frappe.tests import IntegrationTestCase

from huifang.huifang.report.agent_workload_and_performance.agent_workload_and_performance import execute
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


class TestAgentWorkloadAndPerformance(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.names = fx.build()

	def test_workload_and_ranking(self):
		"""R-70/R-36: per agent the callbacks due, done, on time and missed (missed count against the
		assignee), unreachable tasks, records made, reviewer returns, visit/letter share, and the
		satisfaction score on the 300-point scale with grade and rank."""
		_cols, data, *_rest = execute(
			frappe._dict(company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1])
		)
		label = {v: k for k, v in self.names.agents.items()}
		rows = {label[r["agent"]]: r for r in data if not r.get("is_total_row")}
		total = data[-1]
		self.assertTrue(total["is_total_row"])
		expected = {
			"a1": dict(
				planned=4,
				done=3,
				on_time=2,
				missed=1,
				unreachable=0,
				all_records=6,
				returned=1,
				score=255.0,
				grade=_("Satisfied"),
				rank=1,
			),
			"a3": dict(
				planned=3,
				done=2,
				missed=1,
				all_records=4,
				visits_letters=1,
				visit_letter_share=25.0,
				score=240.0,
				rank=2,
			),
			"a4": dict(
				planned=0,
				completion_rate=None,
				all_records=2,
				score=210.0,
				grade=_("Basically Satisfied"),
				rank=3,
			),
			"a2": dict(
				planned=2,
				done=1,
				missed=1,
				unreachable=1,
				completion_rate=50.0,
				score=180.0,
				grade=_("Unsatisfied"),
				rank=4,
			),
		}
		self.assertEqual(list(rows), ["a1", "a3", "a4", "a2"])
		for agent, figures in expected.items():
			for field, value in figures.items():
				self.assertEqual(rows[agent][field], value, f"{agent}.{field}")
		for field, value in dict(
			planned=9,
			done=6,
			missed=3,
			unreachable=1,
			all_records=14,
			visits_letters=1,
			visit_letter_share=7.14,
			returned=1,
		).items():
			self.assertEqual(total[field], value, f"total.{field}")
