import frappe
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import make_customer, make_unit

CONFIDENTIAL = ("id_number", "primary_phone", "address", "income", "family_structure")


class TestCustomerArchive(IntegrationTestCase):
	def setUp(self):
		self.unit = make_unit()

	def test_phone_required_and_primary_synced(self):
		"""R-10: at least one phone; the primary contact's phone is the archive's primary phone."""
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc(
				{"doctype": "Customer Archive", "customer_name": "无电话", "service_unit": self.unit}
			).insert()
		name = make_customer(self.unit, phone="13912345678")
		self.assertEqual(frappe.db.get_value("Customer Archive", name, "primary_phone"), "13912345678")

	def test_tags_and_do_not_call(self):
		"""R-10, R-11: 特殊业主 with its category, do-not-call with its reason."""
		name = make_customer(
			self.unit,
			is_special_owner=1,
			special_owner_category="Elderly Living Alone",
			do_not_call=1,
			do_not_call_reason="本人要求",
		)
		doc = frappe.get_doc("Customer Archive", name)
		self.assertEqual(doc.special_owner_category, "Elderly Living Alone")
		doc.is_special_owner = 0
		doc.save()
		self.assertIsNone(doc.special_owner_category)

	def test_confidential_fields_above_permlevel_0(self):
		"""R-12: ID number, phones, address, income and family data are at a higher permlevel."""
		meta = frappe.get_meta("Customer Archive")
		for field in CONFIDENTIAL:
			self.assertGreaterEqual(meta.get_field(field).permlevel, 1, field)
		self.assertGreaterEqual(frappe.get_meta("Customer Contact").get_field("phone").permlevel, 1)
		self.assertNotIn("primary_phone", (meta.search_fields or "").split(","))

	def test_invalid_phone_refused(self):
		"""R-10: phone numbers are validated."""
		with self.assertRaises(frappe.ValidationError):
			make_customer(self.unit, phone="not a phone")
