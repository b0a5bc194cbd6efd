import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import add_days, now_datetime, today

from huifang.tests.factories import (
	AGENT,
	SUPERVISOR,
	ensure_fixtures,
	make_customer,
	make_event,
	make_record,
	make_template,
	make_unit,
	make_user,
)
from huifang.utils.customer_history import HISTORY, timeline_content

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


class TestCustomerHistory(IntegrationTestCase):
	"""R-13: all events, tasks, records, complaints and surveys of a customer in one timeline."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def setUp(self):
		self.agent = make_user("agent", AGENT)
		self.supervisor = make_user("supervisor", SUPERVISOR)
		self.unit = make_unit(members=[self.agent, self.supervisor])
		self.customer = make_customer(self.unit)
		self.other = make_customer(self.unit)
		self.names = self.make_history(self.customer)
		self.make_history(self.other)  # another customer's documents never show

	def make_history(self, customer):
		event = make_event(customer, subject="3号楼电梯维修", occurred_on=add_days(now_datetime(), -5))
		task = frappe.get_doc(
			{
				"doctype": "Callback Task",
				"customer": customer,
				"service_event": event,
				"plan_step": 0,
				"task_key": frappe.generate_hash(length=10),
				"earliest_date": add_days(today(), -4),
				"latest_date": today(),
			}
		).insert(ignore_permissions=True)
		record = make_record(customer, self.agent, call_time=add_days(now_datetime(), -3))
		record.insert(ignore_permissions=True)
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": "电梯又坏了",
				"complainant_name": "业主",
				"customer": customer,
				"category": "Property Management",
				"service_unit": self.unit,
				"description": "电梯多次停运",
				"received_on": add_days(now_datetime(), -2),
			}
		).insert(ignore_permissions=True)
		rectification = frappe.get_doc(
			{
				"doctype": "Rectification Request",
				"subject": "电梯整改",
				"customer": customer,
				"service_unit": self.unit,
				"responsible_unit": self.unit,
				"source_complaint": complaint.name,
				"issued_on": add_days(today(), -1),
				"due_date": add_days(today(), 5),
				"description": "三日内修复电梯",
			}
		).insert(ignore_permissions=True)
		template = make_template([("态度", "Rating 1-5")])
		question = frappe.get_doc("Survey Template", template).questions[0]
		response = frappe.get_doc(
			{
				"doctype": "Survey Response",
				"survey_template": template,
				"customer": customer,
				"service_unit": self.unit,
				"submitted_on": now_datetime(),
				"answers": [
					{"question": question.question, "question_type": question.question_type, "rating": 5}
				],
			}
		).insert(ignore_permissions=True)
		return {
			"Service Event": event,
			"Callback Task": task.name,
			"Callback Record": record.name,
			"Complaint": complaint.name,
			"Rectification Request": rectification.name,
			"Survey Response": response.name,
		}

	def test_timeline_shows_every_kind_newest_first(self):
		"""R-13: the archive's timeline has the customer's event, task, record, complaint,
		rectification and survey, newest first, each linking to its form; none of another customer."""
		items = timeline_content("Customer Archive", self.customer)
		self.assertEqual({(i["doctype"], i["name"]) for i in items}, set(self.names.items()))
		self.assertEqual([i["doctype"] for i in items], list(reversed(list(HISTORY))))
		complaint = next(i for i in items if i["doctype"] == "Complaint")
		self.assertIn(self.names["Complaint"], complaint["content"])
		self.assertIn("电梯又坏了", complaint["content"])
		self.assertIn("/complaint/", complaint["content"])
		self.assertEqual(timeline_content("Callback Task", self.customer), [])

	def test_timeline_follows_the_users_permissions(self):
		"""R-13 with R-12: the timeline lists only what the user may open: staff of the owning unit
		see the history, a user of another unit sees none of it."""
		frappe.set_user(self.supervisor)
		self.assertEqual(len(timeline_content("Customer Archive", self.customer)), len(HISTORY))
		outsider = make_user("outsider", AGENT)
		make_unit(members=[outsider])
		frappe.set_user(outsider)
		self.assertEqual(timeline_content("Customer Archive", self.customer), [])
		frappe.set_user("Administrator")

	def test_connections_count_each_kind_and_heatmap(self):
		"""R-13: the form's connections list events, tasks, records, complaints, rectifications,
		survey responses and invitations with their counts, and the heat map counts them by day."""
		data = frappe.get_meta("Customer Archive").get_dashboard_data()
		self.assertEqual(data.fieldname, "customer")
		self.assertTrue(data.heatmap)
		listed = [d for group in data.transactions for d in group["items"]]
		for doctype in [*HISTORY, "Survey Invitation"]:
			self.assertEqual(listed.count(doctype), 1, doctype)
		from frappe.desk.notifications import get_open_count

		try:
			counts = get_open_count("Customer Archive", self.customer)
		finally:
			frappe.db.set_execution_timeout(0)
		found = {d["doctype"]: d["count"] for d in counts["count"]["external_links_found"]}
		self.assertEqual({d: found[d] for d in HISTORY}, dict.fromkeys(HISTORY, 1))
		self.assertEqual(found["Survey Invitation"], 0)
		self.assertEqual(sum(counts["timeline_data"].values()), len(HISTORY))
