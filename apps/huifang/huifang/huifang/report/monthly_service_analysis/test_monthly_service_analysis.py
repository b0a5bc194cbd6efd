import frappe
from frappe import _
from frappe.tests import IntegrationTestCase

from huifang.huifang.report.monthly_service_analysis.monthly_service_analysis import execute
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


def run(**filters):
	columns, data, message, chart, summary = execute(frappe._dict(filters))
	rows = [r for r in data if not r.get("is_total_row")]
	total = next((r for r in data if r.get("is_total_row")), None)
	return rows, total, message, chart, summary


class TestMonthlyServiceAnalysis(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		frappe.db.set_single_value("Huifang Settings", "evaluator_weight", 30)
		cls.names = fx.build()
		cls.unit_label = {v: k for k, v in cls.names.units.items()}
		cls.agent_label = {v: k for k, v in cls.names.agents.items()}

	def assertFigures(self, row, expected, label):
		for field, value in expected.items():
			if field == "grade":
				value = _(value)
			self.assertEqual(row.get(field), value, f"{label}.{field}")

	def test_unit_figures_ranks_grades_and_thresholds(self):
		"""R-70/R-71: per unit planned/done/on time, rates, satisfaction counts, weighted sum, score on
		the 300-point scale with the 240/210 thresholds (240 satisfied, 210 basic), evaluator weight, rank
		and change against the month before."""
		rows, total, message, chart, summary = run(
			company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1], live_data=1
		)
		by_unit = {self.unit_label[r["service_unit"]]: r for r in rows}
		self.assertEqual(set(by_unit), {"U1", "U2", "U3"})
		for unit in ("U1", "U2", "U3"):
			self.assertFigures(by_unit[unit], fx.EXPECTED[unit], unit)
		self.assertEqual([self.unit_label[r["service_unit"]] for r in rows], ["U2", "U1", "U3"])
		self.assertFigures(total, fx.EXPECTED_TOTAL, "total")
		self.assertEqual(chart["data"]["labels"], [self.names.units[u] for u in ("U2", "U1", "U3")])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [240.0, 230.0, 228.0])
		cards = {c["label"]: c["value"] for c in summary}
		self.assertEqual(cards[_("Completion Rate")], 66.67)
		self.assertEqual(cards[_("Grade")], _("Satisfied"))

	def test_agent_drill_down(self):
		"""R-70: per agent inside each unit, ranked within the unit; missed callbacks count against the
		assignee (R-36)."""
		rows, total, *_rest = run(
			company=self.names.company,
			from_date=fx.MONTH[0],
			to_date=fx.MONTH[1],
			group_by="Agent",
			live_data=1,
		)
		by_agent = {(self.unit_label[r["service_unit"]], self.agent_label[r["agent"]]): r for r in rows}
		for key, expected in fx.EXPECTED_AGENTS.items():
			self.assertFigures(by_agent[key], expected, str(key))
		self.assertEqual(total["planned"], 9)
		only_a2, _total, *_rest = run(
			company=self.names.company,
			from_date=fx.MONTH[0],
			to_date=fx.MONTH[1],
			agent=self.names.agents["a2"],
			live_data=1,
		)
		self.assertEqual([(r["agent"], r["rank"]) for r in only_a2], [(self.names.agents["a2"], 2)])

	def test_scope_by_unit_and_user(self):
		"""R-01/R-12: the unit filter takes the unit's subtree; an agent sees only the units they belong to."""
		rows, *_rest = run(
			service_unit=self.names.other_company, from_date=fx.MONTH[0], to_date=fx.MONTH[1], live_data=1
		)
		self.assertEqual([self.unit_label[r["service_unit"]] for r in rows], ["U4"])
		self.assertFigures(rows[0], fx.EXPECTED["U4"], "U4")
		with self.set_user(self.names.agents["a3"]):
			rows, total, *_rest = run(from_date=fx.MONTH[0], to_date=fx.MONTH[1], live_data=1)
			self.assertEqual([self.unit_label.get(r["service_unit"]) for r in rows], ["U2"])
			self.assertEqual(total["planned"], 3)
			rows, *_rest = run(
				service_unit=self.names.units["U1"], from_date=fx.MONTH[0], to_date=fx.MONTH[1], live_data=1
			)
			self.assertEqual(rows, [])

	def test_snapshot_equals_live(self):
		"""R-71: a closed month is read from its Service Analysis snapshots, and they equal the live figures."""
		from huifang.analysis.snapshot import take_snapshot

		take_snapshot(fx.PERIOD)
		filters = dict(company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1])
		for group_by in ("Service Unit", "Agent"):
			snap_rows, snap_total, _msg, _chart, snap_cards = run(**filters, group_by=group_by)
			live_rows, live_total, _msg, _chart, live_cards = run(**filters, group_by=group_by, live_data=1)
			source = {c["label"]: c["value"] for c in snap_cards}[_("Source")]
			self.assertEqual(source, _("Snapshot"))
			self.assertEqual({c["label"]: c["value"] for c in live_cards}[_("Source")], _("Live"))
			strip = lambda rows: [{k: v for k, v in r.items() if k != "name"} for r in rows]  # noqa: E731
			self.assertEqual(strip(snap_rows), strip(live_rows), group_by)
			self.assertEqual(snap_total, live_total)
		# the snapshot is what is read: a change to a closed month's records after it stays out
		changed = frappe.db.get_value(
			"Callback Record", {"service_unit": self.names.units["U2"], "overall_score": 5}
		)
		frappe.db.set_value("Callback Record", changed, "overall_score", 1)
		self.addCleanup(frappe.db.set_value, "Callback Record", changed, "overall_score", 5)
		snap_rows, *_rest = run(**filters)
		live_rows, *_rest = run(**filters, live_data=1)
		u2 = self.names.units["U2"]
		self.assertEqual(next(r for r in snap_rows if r["service_unit"] == u2)["score"], 240.0)
		self.assertEqual(next(r for r in live_rows if r["service_unit"] == u2)["score"], 180.0)

	def test_range_of_months_adds_snapshots_and_live(self):
		"""R-71/R-72: a range of whole months adds up the snapshotted months and the live rest; the sum
		equals the live figures of the whole range."""
		from huifang.analysis.snapshot import take_snapshot

		take_snapshot(fx.PERIOD)  # March only: February stays live
		filters = dict(company=self.names.company, from_date="2024-02-01", to_date=fx.MONTH[1])
		mixed_rows, mixed_total, _msg, _chart, cards = run(**filters)
		live_rows, live_total, *_rest = run(**filters, live_data=1)
		self.assertEqual({c["label"]: c["value"] for c in cards}[_("Source")], _("Snapshot and Live"))
		self.assertEqual(mixed_rows, live_rows)
		self.assertEqual(mixed_total, live_total)
		agents_mixed, *_rest = run(**filters, group_by="Agent")
		agents_live, *_rest = run(**filters, group_by="Agent", live_data=1)
		self.assertEqual(agents_mixed, agents_live)
		u1 = next(r for r in live_rows if r["service_unit"] == self.names.units["U1"])
		# March 5,5,4,3,4,2 and February 5,5: 33 x 300 / 40
		self.assertEqual((u1["rated"], u1["weighted_sum"], u1["score"]), (8, 33, 247.5))
		take_snapshot("2024-02")
		snap_rows, *_rest, cards = run(**filters)
		self.assertEqual({c["label"]: c["value"] for c in cards}[_("Source")], _("Snapshot"))
		self.assertEqual(snap_rows, live_rows)

	def test_evaluator_weight_is_configurable(self):
		"""R-71: the unit score weighs the evaluator score (U3: 270) against the callback score (U3: 210)
		by the evaluator_weight setting — 0 % gives 210 (basic), 50 % gives 240 (satisfied, exactly on the
		threshold), 100 % gives 270 and first rank; units without evaluator results keep their callback
		score."""
		self.addCleanup(frappe.db.set_single_value, "Huifang Settings", "evaluator_weight", 30)
		filters = dict(company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1], live_data=1)
		for weight, u3, rank, total in (
			(0, (210.0, "Basically Satisfied"), 3, 230.0),
			(50, (240.0, "Satisfied"), 1, 250.0),
			(100, (270.0, "Satisfied"), 1, 270.0),
		):
			frappe.db.set_single_value("Huifang Settings", "evaluator_weight", weight)
			rows, total_row, *_rest = run(**filters)
			by_unit = {self.unit_label[r["service_unit"]]: r for r in rows}
			self.assertEqual((by_unit["U3"]["score"], by_unit["U3"]["grade"]), (u3[0], _(u3[1])), weight)
			self.assertEqual(by_unit["U3"]["callback_score"], 210.0)
			self.assertEqual(by_unit["U3"]["rank"], rank, weight)
			self.assertEqual((by_unit["U1"]["score"], by_unit["U2"]["score"]), (230.0, 240.0))
			self.assertEqual(total_row["score"], total, weight)

	def test_big_ranges_run_as_prepared_reports(self):
		"""R-73: a month is answered at once; a range longer than a year (longer than a quarter for the
		other analysis reports) goes to Frappe's Prepared Report — nothing is computed in the request, and
		once the background job has run, its result is shown for the same filters and equals the direct run."""
		import json

		from frappe.core.doctype.prepared_report.prepared_report import (
			create_json_gz_file,
			make_prepared_report,
		)
		from frappe.desk.query_report import generate_report_result

		from huifang.analysis.prepared import run as desk_run

		report = "Monthly Service Analysis"
		self.assertEqual(
			frappe.get_hooks("override_whitelisted_methods")["frappe.desk.query_report.run"][-1],
			"huifang.analysis.prepared.run",
		)
		month = dict(company=self.names.company, from_date=fx.MONTH[0], to_date=fx.MONTH[1], live_data=1)
		direct = desk_run(report, json.dumps(month))
		self.assertFalse(direct.get("prepared_report"))
		self.assertEqual(len(direct["result"]), 4)  # U1, U2, U3 and the totals row

		long_range = json.dumps({**month, "from_date": "2023-01-01"})  # 15 months
		waiting = desk_run(report, long_range)
		self.assertTrue(waiting["prepared_report"])
		self.assertIsNone(waiting["doc"])
		self.assertNotIn("result", waiting)
		computed = desk_run(report, long_range, ignore_prepared_report=1)
		self.assertEqual(computed["result"][-1]["planned"], 10)  # February's task too

		# what the background job does (frappe.core...prepared_report.generate_report), without its commit
		name = make_prepared_report(report, long_range)["name"]
		job = frappe.get_doc("Prepared Report", name)
		result = generate_report_result(frappe.get_doc("Report", report), filters=job.filters, user=job.owner)
		create_json_gz_file(result, "Prepared Report", name, report)
		job.db_set("status", "Completed")
		shown = desk_run(report, long_range)
		self.assertEqual(shown["doc"].name, name)
		self.assertEqual(shown["result"], json.loads(frappe.as_json(computed["result"])))

		quarter = dict(company=self.names.company, from_date="2023-12-31", to_date=fx.MONTH[1])  # 92 days
		self.assertTrue(desk_run("Complaint Analysis", json.dumps(quarter))["result"])
		longer = json.dumps({**quarter, "from_date": "2023-12-30"})  # 93 days
		self.assertTrue(desk_run("Complaint Analysis", longer)["prepared_report"])
