import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import AGENT, MANAGER, ensure_fixtures, make_customer, make_unit, make_user

WORKFLOW = "Archive Access Request Approval"


class TestArchiveAccessRequest(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		if not frappe.db.exists("Workflow", WORKFLOW):
			from frappe.utils.fixtures import sync_fixtures

			sync_fixtures("huifang")
		frappe.cache.hdel("workflow", "Archive Access Request")

	def setUp(self):
		self.manager = make_user("aar-manager", MANAGER)
		self.agent_a = make_user("aar-agent-a", AGENT)
		self.agent_b = make_user("aar-agent-b", AGENT)
		company = make_unit(unit_type="Company", is_group=1, members=[self.manager])
		self.window_a = make_unit(parent=company, members=[self.agent_a])
		self.window_b = make_unit(parent=company, members=[self.agent_b])
		self.customer = make_customer(self.window_a)

	def request(self, user=None, **fields):
		with self.set_user(user or self.agent_b):
			return frappe.get_doc(
				{
					"doctype": "Archive Access Request",
					"customer": self.customer,
					"reason": "核实投诉涉及的客户信息",
					"duration_hours": 4,
					**fields,
				}
			).insert()

	def log_actions(self, request):
		return frappe.get_all(
			"Archive Access Log", filters={"access_request": request}, pluck="action", order_by="creation"
		)

	def test_request_is_filed_for_the_requester_and_the_owning_unit(self):
		"""R-12: the request names the user who filed it (whatever the form says) and the unit owning
		the archive, starts Pending and is logged."""
		req = self.request(requested_by=self.manager, service_unit=self.window_b)
		self.assertEqual(
			(req.requested_by, req.service_unit, req.workflow_state), (self.agent_b, self.window_a, "Pending")
		)
		self.assertEqual(self.log_actions(req.name), ["Access Requested"])
		log = frappe.get_all(
			"Archive Access Log", filters={"access_request": req.name}, fields=["user", "customer"]
		)[0]
		self.assertEqual((log.user, log.customer), (self.agent_b, self.customer))

	def test_duration_reason_and_need_are_checked(self):
		"""R-12: 1 to 720 hours, a reason, and only for an archive the user cannot already open."""
		for hours in (0, 721):
			with self.assertRaisesRegex(frappe.ValidationError, "720"):
				self.request(duration_hours=hours)
		with self.assertRaises(frappe.ValidationError):
			self.request(reason="   ")
		with self.assertRaises(frappe.ValidationError):
			self.request(user=self.agent_a)  # their own unit's customer

	def test_approval_shares_read_only_until_revoked(self):
		"""R-12: a Manager's approval opens the archive to the requester read-only for the asked
		hours; revoking closes it at once; each step is logged."""
		req = self.request()
		self.assertFalse(frappe.has_permission("Customer Archive", "read", self.customer, user=self.agent_b))
		with self.set_user(self.manager):
			req = apply_workflow(req, "Approve")
		req.reload()
		self.assertEqual(req.decided_by, self.manager)
		self.assertEqual((req.expires_on - req.approved_on).total_seconds(), 4 * 3600)
		share = frappe.get_doc("DocShare", req.docshare)
		self.assertEqual(
			(share.share_doctype, share.share_name, share.user, share.read, share.write),
			("Customer Archive", self.customer, self.agent_b, 1, 0),
		)
		self.assertTrue(frappe.has_permission("Customer Archive", "read", self.customer, user=self.agent_b))
		self.assertFalse(frappe.has_permission("Customer Archive", "write", self.customer, user=self.agent_b))
		with self.set_user(self.manager):
			apply_workflow(frappe.get_doc("Archive Access Request", req.name), "Revoke")
		self.assertFalse(frappe.db.exists("DocShare", req.docshare))
		self.assertFalse(frappe.has_permission("Customer Archive", "read", self.customer, user=self.agent_b))
		self.assertEqual(self.log_actions(req.name), ["Access Requested", "Access Granted", "Access Revoked"])

	def test_staff_cannot_approve_by_editing_the_state(self):
		"""R-12: neither the requester nor an agent of the owning unit (who may edit a Pending
		request) can apply "Approve" or save the request as Approved: only a Manager decides."""
		req = self.request()
		for user in (self.agent_b, self.agent_a):
			with self.set_user(user):
				with self.assertRaises(frappe.ValidationError):
					apply_workflow(frappe.get_doc("Archive Access Request", req.name), "Approve")
				doc = frappe.get_doc("Archive Access Request", req.name)
				doc.workflow_state = "Approved"
				with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
					doc.save()
		self.assertEqual(frappe.db.get_value("Archive Access Request", req.name, "workflow_state"), "Pending")
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": self.customer, "user": self.agent_b}))
