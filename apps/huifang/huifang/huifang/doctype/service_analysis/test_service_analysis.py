import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests import IntegrationTestCase

from huifang.analysis.snapshot import compute_month, take_snapshot
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import AGENT, MANAGER, SUPERVISOR, ensure_fixtures, make_user


def ensure_review_workflow():
	if not frappe.db.exists("Workflow", "Service Analysis Review"):
		from frappe.utils.fixtures import sync_fixtures

		sync_fixtures("huifang")
	frappe.cache.hdel("workflow", "Service Analysis")


class TestServiceAnalysis(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		ensure_review_workflow()
		frappe.db.set_single_value("Huifang Settings", "evaluator_weight", 30)
		cls.names = fx.build()
		cls.supervisor = make_user("sa-supervisor", SUPERVISOR)
		cls.manager = make_user("sa-manager", MANAGER)
		cls.agent = make_user("sa-agent", AGENT)
		# both work for company C (and so for every unit in it)
		company = frappe.get_doc("Service Unit", cls.names.company)
		company.append("members", {"user": cls.supervisor, "unit_role": "Supervisor"})
		company.append("members", {"user": cls.manager, "unit_role": "Unit Head"})
		company.save(ignore_permissions=True)

	def setUp(self):
		# every test starts from a month without analyses, and a month before it computed live (a
		# site that has run the benchmark holds analyses of 2024-02 for other units)
		names = frappe.get_all(
			"Service Analysis", filters={"period": ("in", ["2024-02", fx.PERIOD])}, pluck="name"
		)
		if names:
			frappe.db.delete("Service Analysis Agent", {"parent": ("in", names)})
			frappe.db.delete("Service Analysis", {"name": ("in", names)})

	def analysis(self, unit):
		return frappe.get_doc(
			"Service Analysis", {"service_unit": self.names.units[unit], "period": fx.PERIOD}
		)

	def test_snapshot_figures_agents_complaints(self):
		"""R-71: the monthly job writes one Service Analysis per unit with the month's figures, evaluator
		and combined score, rank among all units, change against the month before, complaints and a row
		per agent."""
		take_snapshot(fx.PERIOD)
		u1, u2, u3, u4 = (self.analysis(u) for u in ("U1", "U2", "U3", "U4"))
		for doc, unit in ((u1, "U1"), (u2, "U2"), (u3, "U3")):
			for field, value in fx.EXPECTED[unit].items():
				if (
					field not in ("rank", "previous_score", "score_change", "satisfaction_rate_change")
					and value is not None
				):
					self.assertEqual(doc.get(field), value, f"{unit}.{field}")
		self.assertLess(u2.rank, u1.rank)
		self.assertLess(u1.rank, u3.rank)
		self.assertLess(u3.rank, u4.rank)
		self.assertEqual((u1.previous_score, u1.score_change), (300.0, -70.0))
		self.assertEqual((u3.evaluator_score, u3.evaluator_weight, u1.evaluator_weight), (270.0, 30.0, 0.0))
		self.assertEqual((u1.complaints, u1.important_complaints, u1.repeat_complaints), (2, 1, 1))
		self.assertEqual((u2.complaints, u2.major_complaints), (1, 1))
		label = {v: k for k, v in self.names.agents.items()}
		self.assertEqual(
			[(label[a.agent], a.rank, a.score) for a in u1.agents], [("a1", 1, 255.0), ("a2", 2, 180.0)]
		)
		self.assertEqual(u1.workflow_state, "Draft")
		self.assertIn(
			"huifang.analysis.snapshot.monthly_snapshot",
			frappe.get_hooks("scheduler_events")["cron"]["0 2 1 * *"],
		)

	def test_rerun_is_idempotent_and_keeps_reviewed(self):
		"""R-71/R-80: running the job again creates nothing twice, recomputes drafts and never touches a
		reviewed or published analysis."""
		first = take_snapshot(fx.PERIOD)
		count = frappe.db.count("Service Analysis", {"period": fx.PERIOD})
		second = take_snapshot(fx.PERIOD)
		self.assertEqual(second, {"created": 0, "updated": first["created"] + first["updated"], "kept": 0})
		self.assertEqual(frappe.db.count("Service Analysis", {"period": fx.PERIOD}), count)

		doc = self.analysis("U1")
		with self.set_user(self.supervisor):
			doc = apply_workflow(doc, "Review")
		self.assertEqual((doc.workflow_state, doc.reviewed_by), ("Reviewed", self.supervisor))
		record = frappe.db.get_value(
			"Callback Record", {"service_unit": self.names.units["U1"], "call_time": "2024-03-09 09:00:00"}
		)
		frappe.db.set_value("Callback Record", record, "overall_score", 5)
		self.addCleanup(frappe.db.set_value, "Callback Record", record, "overall_score", 3)
		third = take_snapshot(fx.PERIOD)
		self.assertEqual(third["kept"], 1)
		self.assertEqual(self.analysis("U1").score, 230.0)  # reviewed figures stay as reviewed
		doc = self.analysis("U1")
		doc.score = 299
		self.assertRaises(frappe.ValidationError, doc.save)

	def test_publish_by_manager_only(self):
		"""R-71: a Supervisor or Manager reviews, only a Manager publishes; a published analysis can be
		revised back to Draft by a Manager."""
		take_snapshot(fx.PERIOD)
		doc = self.analysis("U2")
		with self.set_user(self.supervisor):
			doc = apply_workflow(doc, "Review")
			self.assertRaises(WorkflowTransitionError, apply_workflow, doc, "Publish")
		with self.set_user(self.manager):
			doc = apply_workflow(self.analysis("U2"), "Publish")
		self.assertEqual((doc.workflow_state, doc.published_by), ("Published", self.manager))
		with self.set_user(self.manager):
			doc = apply_workflow(doc, "Revise")
		self.assertEqual((doc.workflow_state, doc.published_by), ("Draft", None))

	def test_compute_month_by_hand(self):
		"""R-71: a Manager may recompute a closed month; agents may not, and open months are refused."""
		with self.set_user(self.agent):
			self.assertRaises(frappe.PermissionError, compute_month, fx.PERIOD)
		with self.set_user(self.manager):
			self.assertRaises(frappe.ValidationError, compute_month, frappe.utils.today()[:7])
			self.assertRaises(frappe.ValidationError, compute_month, "2024-13")
			result = compute_month(fx.PERIOD)
		self.assertGreaterEqual(result["created"] + result["updated"], 4)
