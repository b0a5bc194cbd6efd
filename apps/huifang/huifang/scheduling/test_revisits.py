"""Re-visits (R-43) and reassignment of new or non-performing agents' callbacks (R-04)."""

import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import getdate

from huifang.scheduling import reassignment, revisits
from huifang.tests.factories import (
	AGENT,
	ensure_fixtures,
	make_customer,
	make_record,
	make_unit,
	make_user,
	suffix,
)


class TestRevisits(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.head = make_user("head", AGENT)
		self.agent = make_user("agent", AGENT)
		self.unit = make_unit(unit_head=self.head, members=[self.agent])
		self.fixing_unit = make_unit()
		self.customer = make_customer(self.unit)

	def completed_request(self, **fields):
		doc = frappe.get_doc(
			{
				"doctype": "Rectification Request",
				"subject": "楼道照明整改",
				"responsible_unit": self.fixing_unit,
				"service_unit": self.unit,
				"customer": self.customer,
				"description": "楼道灯不亮",
				**fields,
			}
		).insert(ignore_permissions=True)
		doc.status = "Completed"
		doc.result = "已更换灯具"
		doc.save(ignore_permissions=True)
		return doc

	def complaint(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": "维修不及时",
				"complainant_name": "李女士",
				"customer": self.customer,
				"category": "Property Management",
				"service_unit": self.unit,
				"description": "报修三天无人处理",
				**fields,
			}
		).insert(ignore_permissions=True)

	def test_revisit_after_rectification_once(self):
		"""R-43: a completed rectification leads to one re-visit task, however often the job runs."""
		rr = self.completed_request()
		for _i in range(2):
			revisits.run_daily("2026-03-10", commit=False)
		task = frappe.db.get_value("Rectification Request", rr.name, ["revisit_task", "revisit_pending"])
		self.assertTrue(task[0])
		self.assertEqual(task[1], 0)
		self.assertEqual(
			frappe.db.count("Callback Task", {"source_rectification": rr.name, "is_revisit": 1}), 1
		)

	def test_unsatisfied_revisit_opens_the_next_rectification(self):
		"""R-43: again unsatisfied after a re-visit: the problem goes back to the same unit, and
		its completion leads to the next re-visit."""
		rr = self.completed_request()
		revisits.run_daily("2026-03-10", commit=False)
		task = frappe.db.get_value("Rectification Request", rr.name, "revisit_task")
		record = make_record(
			self.customer, self.agent, callback_task=task, overall_grade="Unsatisfied"
		).insert(ignore_permissions=True)
		frappe.db.set_value("Callback Record", record.name, "workflow_state", "Submitted")
		revisits.run_daily("2026-03-12", commit=False)
		revisits.run_daily("2026-03-12", commit=False)
		follow_ups = frappe.get_all(
			"Rectification Request",
			filters={"source_record": record.name},
			fields=["name", "responsible_unit"],
		)
		self.assertEqual([r.responsible_unit for r in follow_ups], [self.fixing_unit])

	def test_reopened_complaint_gets_a_revisit_until_closed(self):
		"""R-43/R-53: a reopened complaint resolved again gets a re-visit (to the unit head when
		major); closing it by a Manager cancels open re-visits with the reason."""
		c = self.complaint()
		frappe.db.set_value(
			"Complaint", c.name, {"workflow_state": "Resolved", "reopen_count": 1, "callback_by": self.agent}
		)
		revisits.run_daily("2026-03-06", commit=False)
		revisits.run_daily("2026-03-07", commit=False)
		tasks = frappe.get_all(
			"Callback Task",
			filters={"source_complaint": c.name},
			fields=["name", "assignee", "latest_date", "status"],
		)
		self.assertEqual(len(tasks), 1)
		self.assertEqual((tasks[0].assignee, str(tasks[0].latest_date)), (self.agent, "2026-03-11"))
		frappe.db.set_value(
			"Complaint", c.name, {"workflow_state": "Closed", "close_reason": "经理核实后结案"}
		)
		revisits.run_daily("2026-03-08", commit=False)
		cancelled = frappe.db.get_value("Callback Task", tasks[0].name, ["status", "cancel_reason"])
		self.assertEqual(cancelled[0], "Cancelled")
		self.assertIn("经理核实后结案", cancelled[1])

	def test_major_reopened_complaint_revisited_by_unit_head(self):
		"""R-53: major complaints are called back in person by the unit head."""
		c = self.complaint(people_count=10)
		frappe.db.set_value(
			"Complaint", c.name, {"workflow_state": "Resolved", "reopen_count": 2, "callback_by": self.agent}
		)
		revisits.run_daily("2026-03-06", commit=False)
		self.assertEqual(
			frappe.db.get_value("Callback Task", {"source_complaint": c.name}, "assignee"), self.head
		)

	def test_new_and_non_performing_agents_reassigned(self):
		"""R-04: open callbacks of an agent in the first month, or not performing for 2 months,
		move to the unit head; started ones stay."""
		newcomer = make_user("new", AGENT)
		weak = make_user("weak", AGENT)
		unit = make_unit(
			unit_head=self.head,
			members=[
				{"user": newcomer, "joined_on": "2026-02-20"},
				{"user": weak, "not_performing_months": 2},
				{"user": self.agent},
			],
		)
		customer = make_customer(unit)

		def task(assignee, status="Open"):
			name = (
				frappe.get_doc(
					{
						"doctype": "Callback Task",
						"customer": customer,
						"earliest_date": "2026-03-02",
						"latest_date": "2026-03-20",
						"task_key": f"t:{suffix()}",
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
			frappe.db.set_value("Callback Task", name, {"assignee": assignee, "status": status})
			return name

		moved, weak_task, kept, started = (
			task(newcomer),
			task(weak),
			task(self.agent),
			task(weak, "In Progress"),
		)
		reassignment.run_daily(getdate("2026-03-02"), commit=False)
		get = lambda n: frappe.db.get_value("Callback Task", n, ["assignee", "reassigned_from"])  # noqa: E731
		self.assertEqual(get(moved), (self.head, newcomer))
		self.assertEqual(get(weak_task), (self.head, weak))
		self.assertEqual(get(kept), (self.agent, None))
		self.assertEqual(get(started), (weak, None))
