"""The 回访中心 workspace: number cards scoped to the user's units, and the report scripts (R-70, R-73)."""

import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import add_days, now_datetime, today

from huifang.analysis import cards
from huifang.tests.factories import AGENT, ensure_fixtures, make_customer, make_unit, make_user

REPORTS = (
	"Monthly Service Analysis",
	"Complaint Analysis",
	"Repeated Issues",
	"Callback Coverage",
	"Survey Results",
	"Agent Workload and Performance",
)


class TestAnalysisDesk(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.agent = make_user("desk-agent", AGENT)
		cls.unit = make_unit(members=[cls.agent])
		cls.other_agent = make_user("desk-other", AGENT)
		cls.other_unit = make_unit(members=[cls.other_agent])
		customer = make_customer(cls.unit)

		def task(status, earliest, latest):
			frappe.get_doc(
				{
					"doctype": "Callback Task",
					"customer": customer,
					"service_unit": cls.unit,
					"method": "Phone",
					"earliest_date": earliest,
					"latest_date": latest,
					"status": status,
				}
			).insert(ignore_permissions=True)

		task("Open", add_days(today(), -1), add_days(today(), 1))  # due today
		task("In Progress", today(), today())  # due today
		task("Open", add_days(today(), -5), add_days(today(), -1))  # overdue, not yet marked
		task("Overdue", add_days(today(), -9), add_days(today(), -3))
		task("Open", add_days(today(), 2), add_days(today(), 4))  # later
		for score in (5, 4, 3, 1):
			record = frappe.get_doc(
				{
					"doctype": "Callback Record",
					"customer": customer,
					"agent": cls.agent,
					"method": "Phone",
					"call_time": now_datetime(),
					"overall_score": score,
				}
			).insert(ignore_permissions=True)
			record.db_set("workflow_state", "Submitted")
		frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": "排队久",
				"channel": "Phone",
				"customer": customer,
				"category": "Efficiency",
				"service_unit": cls.unit,
				"description": "排队久",
			}
		).insert(ignore_permissions=True)

	def values(self):
		return (
			cards.todays_tasks()["value"],
			cards.overdue_tasks()["value"],
			cards.open_complaints()["value"],
			cards.month_satisfaction_rate()["value"],
		)

	def test_cards_count_the_users_units(self):
		"""R-70/R-36/R-12: today's tasks, overdue tasks, open complaints and this month's satisfaction
		rate ((5, 4, 3) of (5, 4, 3, 1) = 75 %) for an agent of the unit; nothing for an agent of another."""
		with self.set_user(self.agent):
			self.assertEqual(self.values(), (2, 2, 1, 75.0))
		with self.set_user(self.other_agent):
			self.assertEqual(self.values(), (0, 0, 0, 0))

	def test_workspace_and_report_scripts(self):
		"""R-73: the workspace holds the four number cards and links every analysis report; each report
		ships its filters script."""
		from frappe.desk.query_report import get_script

		workspace = frappe.get_doc("Workspace", "Callback Center")
		self.assertEqual(
			sorted(c.number_card_name for c in workspace.number_cards),
			sorted(
				[
					"Today's Callback Tasks",
					"Overdue Callback Tasks",
					"Open Complaints",
					"Satisfaction Rate This Month",
				]
			),
		)
		linked = {link.link_to for link in workspace.links if link.link_type == "Report"}
		self.assertEqual(linked, set(REPORTS))
		for card in workspace.number_cards:
			method = frappe.db.get_value("Number Card", card.number_card_name, "method")
			self.assertTrue(frappe.get_attr(method))
		for report in REPORTS:
			self.assertIn(f'frappe.query_reports["{report}"]', get_script(report)["script"])
		self.assertEqual(
			{c.chart_name for c in workspace.charts},
			{"Callback Records Trend", "Satisfaction Distribution", "Complaints by Category"},
		)
		shortcuts = {(s.type, s.link_to) for s in workspace.shortcuts}
		for shortcut in (
			("DocType", "Callback Task"),
			("DocType", "Callback Record"),
			("DocType", "Complaint"),
			("Report", "Monthly Service Analysis"),
		):
			self.assertIn(shortcut, shortcuts)

	def test_dashboard_charts_follow_the_users_units(self):
		"""R-70/R-12: the workspace charts count what the user may see: this month's satisfaction
		distribution of the agent's unit is 2 satisfied (5, 4), 1 basically satisfied (3) and
		1 unsatisfied (1); an agent of another unit sees none of it."""
		from frappe.desk.doctype.dashboard_chart.dashboard_chart import get

		with self.set_user(self.agent):
			data = get(chart_name="Satisfaction Distribution", refresh=1)
			self.assertEqual(
				dict(zip(data["labels"], data["datasets"][0]["values"], strict=True)),
				{"Satisfied": 2, "Basically Satisfied": 1, "Unsatisfied": 1},
			)
		with self.set_user(self.other_agent):
			self.assertIsNone(get(chart_name="Satisfaction Distribution", refresh=1))
			trend = get(chart_name="Callback Records Trend", refresh=1)
			self.assertEqual(sum(trend["datasets"][0]["values"]), 0)
