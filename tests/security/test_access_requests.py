"""Archive Access Requests (R-12): staff outside the owning unit get time-limited read access to an
archive once a Manager approves; the hourly job takes it back; every step is logged."""

import json
from contextlib import contextmanager

import pytest

from tests.security.world import MANAGER, PHONE_A, make_user


@contextmanager
def acting(frappe, user):
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def request(frappe, user, customer, hours=2, reason="核实投诉涉及的客户信息"):
	with acting(frappe, user):
		return frappe.get_doc(
			{
				"doctype": "Archive Access Request",
				"customer": customer,
				"reason": reason,
				"duration_hours": hours,
			}
		).insert()


def actions(frappe, req):
	return frappe.get_all(
		"Archive Access Log", filters={"access_request": req}, pluck="action", order_by="creation"
	)


def can_read(frappe, user, customer):
	with acting(frappe, user):
		listed = customer in frappe.get_list("Customer Archive", filters={"name": customer}, pluck="name")
	return listed, frappe.has_permission("Customer Archive", "read", customer, user=user)


def test_request_grants_then_expires(world, site_frappe, as_user):
	"""R-12: window B's agent asks for window A's customer; the Manager approves; the agent reads it
	(masked, without changing it) until the hourly job finds it expired, then not; each step is
	logged."""
	from frappe.model.workflow import apply_workflow
	from huifang.security.access import expire_access

	frappe = site_frappe
	agent, customer = world["u"]["agent_b"], world["cust_a"]
	assert can_read(frappe, agent, customer) == (False, False)
	req = request(frappe, agent, customer)
	assert (req.workflow_state, req.requested_by, req.service_unit) == ("Pending", agent, world["window_a"])
	with acting(frappe, agent), pytest.raises(frappe.ValidationError):
		apply_workflow(req, "Approve")
	with acting(frappe, world["u"]["manager"]):
		req = apply_workflow(req, "Approve")
	req.reload()
	assert req.workflow_state == "Approved" and req.decided_by == world["u"]["manager"]
	assert (req.expires_on - req.approved_on).total_seconds() == 2 * 3600
	assert can_read(frappe, agent, customer) == (True, True)
	frappe.db.commit()

	r = as_user("agent_b").get(f"/api/resource/Customer Archive/{customer}")
	assert r.status_code == 200 and PHONE_A not in r.text and "138****5678" in r.text
	agent_client = as_user("agent_b")
	r = agent_client.session.put(
		f"{agent_client.url}/api/resource/Customer Archive/{customer}",
		json={"preferred_method": "Visit"},
		timeout=60,
	)
	assert r.status_code == 403, r.text[-300:]  # the share is read only

	frappe.db.set_value(
		"Archive Access Request", req.name, "expires_on", frappe.utils.add_to_date(None, hours=-1)
	)
	assert expire_access() >= 1
	assert expire_access() == 0  # safe to run again
	assert frappe.db.get_value("Archive Access Request", req.name, "workflow_state") == "Expired"
	assert not frappe.db.exists("DocShare", req.docshare)
	assert can_read(frappe, agent, customer) == (False, False)
	assert as_user("agent_b").get(f"/api/resource/Customer Archive/{customer}").status_code == 403
	assert actions(frappe, req.name) == ["Access Requested", "Access Granted", "Access Expired"]
	assert "huifang.security.access.expire_access" in frappe.get_hooks("scheduler_events")["hourly"]


def test_rejected_and_revoked_requests(world, site_frappe):
	"""R-12: a rejected request opens nothing; a revoked one closes at once; both are logged."""
	from frappe.model.workflow import apply_workflow

	frappe = site_frappe
	agent, manager = world["u"]["handler_b"], world["u"]["manager"]
	rejected = request(frappe, agent, world["cust_a"])
	with acting(frappe, manager):
		apply_workflow(rejected, "Reject")
	assert can_read(frappe, agent, world["cust_a"]) == (False, False)
	approved = request(frappe, agent, world["cust_a"])
	with acting(frappe, manager):
		approved = apply_workflow(approved, "Approve")
		assert can_read(frappe, agent, world["cust_a"]) == (True, True)
		apply_workflow(frappe.get_doc("Archive Access Request", approved.name), "Revoke")
	assert can_read(frappe, agent, world["cust_a"]) == (False, False)
	assert actions(frappe, rejected.name) == ["Access Requested", "Access Rejected"]
	assert actions(frappe, approved.name) == ["Access Requested", "Access Granted", "Access Revoked"]
	frappe.db.rollback()


def test_request_rules(world, site_frappe):
	"""R-12: the duration is 1–720 hours, a user cannot ask for an archive they can already open
	or ask twice, and a Manager cannot approve their own request."""
	from frappe.model.workflow import apply_workflow

	frappe = site_frappe
	agent = world["u"]["agent_b"]
	for hours in (0, 721):
		with pytest.raises(frappe.ValidationError, match="1"):
			request(frappe, agent, world["cust_a"], hours=hours)
	with pytest.raises(frappe.ValidationError):
		request(frappe, agent, world["cust_b"])  # already theirs
	request(frappe, agent, world["cust_a"])
	with pytest.raises(frappe.ValidationError):
		request(frappe, agent, world["cust_a"])
	outsider = make_user(frappe, "mgr-outside", world["tag"] + "o", MANAGER)["user"]
	own = request(frappe, outsider, world["cust_a"])
	with acting(frappe, outsider), pytest.raises(frappe.ValidationError):
		apply_workflow(own, "Approve")
	frappe.db.rollback()


def test_sharing_an_archive_outside_a_request_is_refused(world, site_frappe):
	"""R-12: neither sharing nor assigning opens an archive to another unit: only requests do."""
	frappe = site_frappe
	with acting(frappe, world["u"]["supervisor_a"]), pytest.raises(frappe.PermissionError):
		frappe.share.add_docshare(
			"Customer Archive",
			world["cust_a"],
			world["u"]["agent_b"],
			read=1,
			flags={"ignore_share_permission": True},
		)
	frappe.db.rollback()
	assert can_read(frappe, world["u"]["agent_b"], world["cust_a"]) == (False, False)


def test_request_form_names_an_archive_without_searching(world, as_user):
	"""R-12: on the request form an archive of another unit is found by its full number only; a
	partial number or a name finds nothing, and no customer name is shown."""
	agent = as_user("agent_b")

	def lookup(txt):
		r = agent.method(
			"frappe.desk.search.search_link",
			doctype="Customer Archive",
			txt=txt,
			query="huifang.security.access.archive_lookup",
		)
		assert r.status_code == 200, r.text[-300:]
		return r.json()["message"]

	found = lookup(world["cust_a"])
	assert [d["value"] for d in found] == [world["cust_a"]]
	assert world["tag"] not in json.dumps(found, ensure_ascii=False)
	for partial in (world["cust_a"][:-1], f"甲客户 {world['tag']}", "%"):
		assert lookup(partial) == []
