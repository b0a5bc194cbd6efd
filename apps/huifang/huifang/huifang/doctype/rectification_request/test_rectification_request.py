from datetime import date

import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import getdate

from huifang.huifang.doctype.rectification_request.rectification_request import make_revisit_task
from huifang.tests.factories import make_calendar, make_customer, make_unit


class TestRectificationRequest(IntegrationTestCase):
	def setUp(self):
		self.unit = make_unit(working_calendar=make_calendar())
		self.customer = make_customer(self.unit)

	def request(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Rectification Request",
				"subject": "楼道照明",
				"responsible_unit": self.unit,
				"customer": self.customer,
				"description": "三楼灯不亮",
				**fields,
			}
		)

	def test_due_in_working_days(self):
		"""R-52: rectification is due 3 working days after issue (Friday -> Wednesday)."""
		doc = self.request(issued_on="2026-01-09").insert()
		self.assertEqual(getdate(doc.due_date), date(2026, 1, 14))

	def test_completion_triggers_one_revisit(self):
		"""R-43: completing the request flags a re-visit, created exactly once."""
		doc = self.request().insert()
		doc.status = "Completed"
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		doc.reload()
		doc.status = "Completed"
		doc.result = "已更换灯具"
		doc.save()
		self.assertEqual(doc.revisit_pending, 1)
		task = make_revisit_task(doc.name)
		self.assertEqual(make_revisit_task(doc.name), task)
		task_doc = frappe.get_doc("Callback Task", task)
		self.assertEqual((task_doc.is_revisit, task_doc.source_rectification), (1, doc.name))
		self.assertEqual(frappe.db.get_value("Rectification Request", doc.name, "revisit_pending"), 0)
