import frappe
from frappe.tests import IntegrationTestCase

from huifang.security.logs import log_access
from huifang.tests.factories import (
	AGENT,
	SUPERVISOR,
	ensure_fixtures,
	make_customer,
	make_unit,
	make_user,
)


class TestArchiveAccessLog(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.agent = make_user("aal-agent", AGENT)
		self.supervisor_a = make_user("aal-sup-a", SUPERVISOR)
		self.supervisor_b = make_user("aal-sup-b", SUPERVISOR)
		self.window_a = make_unit(members=[self.agent, self.supervisor_a])
		self.window_b = make_unit(members=[self.supervisor_b])
		self.customer = make_customer(self.window_a)

	def test_entry_records_user_customer_field_unit_and_time(self):
		"""R-12: a log entry keeps who, which customer and field, the archive's unit and when."""
		with self.set_user(self.agent):
			name = log_access("Reveal", self.customer, field="primary_phone")
		log = frappe.get_doc("Archive Access Log", name)
		self.assertEqual(
			(log.user, log.customer, log.field, log.service_unit, log.action),
			(self.agent, self.customer, "primary_phone", self.window_a, "Reveal"),
		)
		self.assertTrue(log.accessed_on)

	def test_entries_are_never_changed_nor_written_by_staff(self):
		"""R-12: nobody edits a log entry, and staff cannot create one themselves."""
		name = log_access("Reveal", self.customer, user=self.agent, field="primary_phone")
		log = frappe.get_doc("Archive Access Log", name)
		log.field = "id_number"
		with self.assertRaises(frappe.PermissionError):
			log.save(ignore_permissions=True)
		for user in (self.agent, self.supervisor_a):
			self.assertFalse(frappe.has_permission("Archive Access Log", "create", user=user))
			self.assertFalse(frappe.has_permission("Archive Access Log", "write", name, user=user))

	def test_supervisors_read_the_logs_of_their_units_only(self):
		"""R-12: the window's supervisor reads the log of its customer; another window's does not;
		agents read no logs but their own."""
		name = log_access("Reveal", self.customer, user=self.agent, field="primary_phone")
		self.assertTrue(frappe.has_permission("Archive Access Log", "read", name, user=self.supervisor_a))
		self.assertFalse(frappe.has_permission("Archive Access Log", "read", name, user=self.supervisor_b))
		with self.set_user(self.supervisor_b):
			self.assertEqual(frappe.get_list("Archive Access Log", filters={"name": name}), [])
