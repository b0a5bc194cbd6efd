"""The demo data a newcomer sees after `make start`: loaded inside the test transaction (rolled
back afterwards), then checked for what it promises."""

import frappe
from frappe.tests import IntegrationTestCase

from huifang.demo import holidays, load
from huifang.demo import organisation as org
from huifang.scheduling.sampling import verify_sample
from huifang.tests.factories import ensure_fixtures
from huifang.utils.working_days import get_unit_calendar

ROLES = (org.AGENT, org.SUPERVISOR, org.MANAGER, org.HANDLER, org.AUDITOR, org.CUSTOMER, org.INTEGRATION)


def options(doctype: str, field: str) -> set[str]:
	return {o for o in (frappe.get_meta(doctype).get_field(field).options or "").split("\n") if o}


def values(doctype: str, field: str) -> set[str]:
	return set(frappe.get_all(doctype, pluck=field, distinct=True))


class TestDemoData(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.first = load(commit=False)
		cls.second = load(commit=False)

	@classmethod
	def tearDownClass(cls):
		# cached copies of the rolled-back settings must not outlive the test
		frappe.clear_document_cache("Huifang Settings", "Huifang Settings")
		super().tearDownClass()

	def test_units_and_a_user_for_every_role(self):
		"""R-01, R-02: two organisations as unit trees; every role has a user, staff sit in units."""
		for company in (org.PROPERTY, org.CENTRE):
			self.assertFalse(frappe.db.get_value("Service Unit", company, "parent_service_unit"))
		for window in org.WINDOWS:
			self.assertEqual(frappe.db.get_value("Service Unit", window, "parent_service_unit"), org.CENTRE)
		for role in ROLES:
			users = frappe.get_all(
				"Has Role",
				filters={"role": role, "parenttype": "User", "parent": ("like", "%@example.com")},
				pluck="parent",
			)
			self.assertTrue(users, role)
		members = set(frappe.get_all("Service Unit Member", pluck="user"))
		staff = {org.email(key) for key, _n, _t, roles in org.STAFF if org.INTEGRATION not in roles}
		self.assertEqual(staff - members, set())

	def test_every_task_status(self):
		"""R-35, R-36: open, in progress, done, unreachable, overdue (escalated) and cancelled tasks."""
		self.assertEqual(values("Callback Task", "status"), options("Callback Task", "status"))
		overdue = frappe.get_all(
			"Callback Task", filters={"status": "Overdue"}, fields=["escalated", "escalated_to"]
		)
		self.assertTrue(all(t.escalated and t.escalated_to for t in overdue))

	def test_every_record_state_and_satisfaction_skew(self):
		"""R-44, R-41: records in every review state; far more satisfied than unsatisfied customers."""
		self.assertEqual(
			values("Callback Record", "workflow_state"),
			{"Draft", "Submitted", "Returned", "Reviewed", "Archived"},
		)
		satisfied = frappe.db.count("Callback Record", {"overall_grade": "Satisfied"})
		unsatisfied = frappe.db.count("Callback Record", {"overall_grade": "Unsatisfied"})
		self.assertGreater(unsatisfied, 0)
		self.assertGreater(satisfied, 3 * unsatisfied)
		self.assertGreater(frappe.db.count("Callback Record", {"is_problem_case": 1}), 0)

	def test_every_complaint_state_and_severity(self):
		"""R-51, R-53, R-54: every workflow state; general, important and one major complaint; repeats."""
		states = {s.state for s in frappe.get_doc("Workflow", "Complaint Handling").states}
		self.assertEqual(values("Complaint", "workflow_state"), states)
		self.assertEqual(values("Complaint", "severity"), {"General", "Important", "Major"})
		self.assertEqual(frappe.db.count("Complaint", {"severity": "Major"}), 1)
		self.assertTrue(frappe.db.exists("Complaint", {"is_repeat": 1, "severity": "Important"}))
		self.assertTrue(frappe.db.exists("Complaint", {"severity_raised_by": ("is", "set")}))

	def test_calendar_and_sample_are_real(self):
		"""R-52, R-33: the default calendar knows 调休 working weekends; a weekly sample re-draws from its seed."""
		calendar = get_unit_calendar(org.CENTRE)
		year = frappe.utils.getdate().year
		makeup = [
			r["date"]
			for r in holidays.calendar_rows([year])
			if r["day_type"] == "Working Day" and r["date"].weekday() >= 5
		]
		self.assertTrue(makeup)
		self.assertTrue(all(calendar.is_working_day(d) for d in makeup))
		sample = frappe.get_all("Callback Sample", pluck="name", limit=1)[0]
		audit = verify_sample(sample)
		self.assertTrue(audit["population_matches"] and audit["sample_matches"], audit)

	def test_portal_customer_has_a_working_survey_link(self):
		"""R-60, R-62: the demo's signed-in citizen finds a pending survey under /my/surveys, and the
		printed personal link opens that same invitation (only its hash is stored)."""
		from huifang.portal import my_surveys
		from huifang.portal.customers import archives_of
		from huifang.portal.invitations import OPEN, find_by_token, state_of

		links = self.first["survey_links"]
		self.assertTrue(links)
		archives = archives_of(org.email("lixiuying"))
		pending = my_surveys.pending(archives)
		self.assertEqual(len(pending), 1)
		mine = next(link for link in links if link["customer"] in archives)
		invitation = find_by_token(mine["url"].rsplit("/", 1)[1])
		self.assertEqual(invitation.name, pending[0].name)
		self.assertEqual(state_of(invitation), OPEN)
		self.assertFalse(frappe.db.exists("Survey Invitation", {"token_hash": mine["url"].rsplit("/", 1)[1]}))

	def test_closed_months_analysed_and_ranked(self):
		"""R-71, R-72: the closed months have their Service Analysis per unit, reviewed; all but the
		last are published and ranked on the public page, the last awaits its manager."""
		from huifang.analysis.ranking import published_periods, ranking

		states = dict(
			frappe.db.sql(
				"SELECT period, GROUP_CONCAT(DISTINCT workflow_state) FROM `tabService Analysis` GROUP BY period"
			)
		)
		self.assertEqual(len(states), 3, states)
		last = max(states)
		self.assertEqual(states[last], "Reviewed")
		self.assertEqual(sorted(published_periods()), sorted(p for p in states if p != last))
		rows = ranking(published_periods()[0])
		self.assertTrue(rows)
		self.assertEqual([r["rank"] for r in rows if r.get("rank")][:3], [1, 2, 3])

	def test_second_run_changes_nothing(self):
		"""R-01, R-02, R-35, R-44, R-51: loading the demo again creates no second copy of anything."""
		self.assertTrue(self.first["created"])
		self.assertFalse(self.second["created"])
		first = {k: v for k, v in self.first.items() if k not in ("created", "seconds", "survey_links")}
		second = {k: v for k, v in self.second.items() if k != "created"}
		self.assertEqual(first, second)
