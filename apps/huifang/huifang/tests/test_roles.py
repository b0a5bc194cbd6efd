import frappe
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import AUDITOR, ensure_fixtures

ROLES = (
	"Huifang Agent",
	"Huifang Supervisor",
	"Huifang Manager",
	"Complaint Handler",
	"Quality Auditor",
	"Customer",
)
WORKFLOWS = {
	"Callback Record Review": "Callback Record",
	"Complaint Handling": "Complaint",
	"Callback Plan Approval": "Callback Plan",
}


def huifang_doctypes(istable=0):
	return frappe.get_all("DocType", filters={"module": "Huifang", "istable": istable}, pluck="name")


class TestRolesAndWorkflows(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def test_roles_shipped(self):
		"""R-02: the six roles exist; customers have no Desk access."""
		for role in ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)
		self.assertEqual(frappe.db.get_value("Role", "Customer", "desk_access"), 0)

	def test_quality_auditor_read_only_everywhere(self):
		"""R-02: the Quality Auditor reads every DocType and changes none."""
		for doctype in huifang_doctypes():
			perms = [p for p in frappe.get_meta(doctype).permissions if p.role == AUDITOR]
			self.assertTrue(any(p.read for p in perms), doctype)
			for p in perms:
				self.assertFalse(
					p.write or p.create or p.delete or p.submit or p.cancel or p.get("import"), doctype
				)

	def test_only_system_manager_deletes_records(self):
		"""R-44: no role but System Manager may delete callback records or survey responses."""
		for doctype in ("Callback Record", "Survey Response"):
			deleters = {p.role for p in frappe.get_meta(doctype).permissions if p.delete}
			self.assertEqual(deleters, {"System Manager"}, doctype)

	def test_workflows_active(self):
		"""R-34, R-44, R-53: review, complaint and plan-approval workflows are active fixtures."""
		for name, doctype in WORKFLOWS.items():
			self.assertEqual(
				frappe.db.get_value("Workflow", name, ["document_type", "is_active"]), (doctype, 1)
			)

	def test_every_label_translated(self):
		"""Users are Chinese: every DocType, label and option has a zh translation."""
		from frappe.translate import get_translations_from_csv

		zh = get_translations_from_csv("zh", "huifang") or {}
		missing = set()
		for doctype in huifang_doctypes() + huifang_doctypes(istable=1):
			meta = frappe.get_meta(doctype)
			missing.update({doctype} - zh.keys())
			for df in meta.fields:
				if df.label and df.label not in zh:
					missing.add(f"{doctype}.{df.fieldname}: {df.label}")
				if df.fieldtype == "Select" and df.fieldname != "naming_series":
					missing.update(
						f"{doctype}.{df.fieldname}: {o}"
						for o in (df.options or "").split("\n")
						if o and o not in zh
					)
		self.assertFalse(missing, sorted(missing))
