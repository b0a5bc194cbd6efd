import json

import frappe
from frappe.tests import IntegrationTestCase

from huifang.security.logs import log_export
from huifang.tests.factories import AUDITOR, MANAGER, SUPERVISOR, ensure_fixtures, make_user


class TestExportLog(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def test_entry_records_who_what_filters_and_rows(self):
		"""R-12: an export entry keeps the user, the DocType, the filters (readable, as sent) and
		the row count."""
		supervisor = make_user("el-sup", SUPERVISOR)
		sent = json.dumps([["service_unit", "=", "窗口A"]])  # escaped, as clients send it
		with self.set_user(supervisor):
			name = log_export(
				"Export", doctype="Customer Archive", file_format="Excel", filters=sent, row_count=12
			)
		log = frappe.get_doc("Export Log", name)
		self.assertEqual(
			(log.user, log.kind, log.reference_doctype, log.file_format, log.row_count),
			(supervisor, "Export", "Customer Archive", "Excel", 12),
		)
		self.assertIn("窗口A", log.filters)
		self.assertEqual(json.loads(log.filters), [["service_unit", "=", "窗口A"]])
		self.assertTrue(log.exported_on)

	def test_only_managers_and_auditors_read_entries_and_nobody_changes_them(self):
		"""R-12: the export trail is read by Managers and Quality Auditors, not by the supervisors it
		records, and an entry is never edited."""
		name = log_export("Print", doctype="User", name="Administrator", row_count=1)
		for role, may in ((MANAGER, True), (AUDITOR, True), (SUPERVISOR, False)):
			user = make_user("el-reader", role)
			self.assertEqual(frappe.has_permission("Export Log", "read", name, user=user), may, role)
			self.assertFalse(frappe.has_permission("Export Log", "write", name, user=user), role)
		log = frappe.get_doc("Export Log", name)
		log.row_count = 0
		with self.assertRaises(frappe.PermissionError):
			log.save(ignore_permissions=True)
