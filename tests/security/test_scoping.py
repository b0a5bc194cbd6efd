"""Unit scoping (R-01, R-02, R-12): who reads, lists, counts, searches and changes which rows."""

import json
from contextlib import contextmanager

import pytest

from tests.security.world import PHONE_A, PHONE_B


@contextmanager
def acting(frappe, user):
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def listed(frappe, user, doctype, names):
	with acting(frappe, user):
		return set(frappe.get_list(doctype, filters={"name": ("in", names)}, pluck="name"))


def test_unit_a_cannot_reach_unit_b_customer_over_http(world, as_user):
	"""R-12: an agent of window A cannot read, list, count, look up or link-search window B's
	customer through REST and frappe.client; the same calls find window A's customer."""
	agent = as_user("agent_a")
	mine, theirs = world["cust_a"], world["cust_b"]
	for name, visible in ((mine, True), (theirs, False)):
		r = agent.get(f"/api/resource/Customer Archive/{name}")
		assert (r.status_code == 200) == visible, r.text
		r = agent.method("frappe.client.get", doctype="Customer Archive", name=name)
		assert (r.status_code == 200) == visible, r.text
		filters = json.dumps([["name", "=", name]])
		r = agent.get("/api/resource/Customer Archive", filters=filters)
		assert [d["name"] for d in r.json()["data"]] == ([name] if visible else [])
		r = agent.method("frappe.client.get_list", doctype="Customer Archive", filters=filters)
		assert [d["name"] for d in r.json()["message"]] == ([name] if visible else [])
		r = agent.method("frappe.client.get_count", doctype="Customer Archive", filters=filters)
		assert r.json()["message"] == int(visible)
		r = agent.method("frappe.desk.reportview.get_count", doctype="Customer Archive", filters=filters)
		assert r.json()["message"] == int(visible)
		r = agent.method(
			"frappe.client.get_value", doctype="Customer Archive", fieldname="customer_name", filters=filters
		)
		assert bool(r.status_code == 200 and r.json().get("message")) == visible
		for txt in (name, world["tag"]):
			r = agent.method("frappe.desk.search.search_link", doctype="Customer Archive", txt=txt)
			assert (name in {d["value"] for d in r.json()["message"]}) == visible, (txt, r.text)


def test_link_titles_link_validation_and_sidebar_counts_stay_in_scope(world, as_user):
	"""R-12: the Desk's other read paths — link titles, link validation with fetched values and the
	list sidebar's group-by counts — give window A's agent nothing of window B's customer: not its
	name, and no clear phone of any customer."""
	agent = as_user("agent_a")
	names = {world["cust_a"]: f"甲客户 {world['tag']}", world["cust_b"]: f"乙客户 {world['tag']}"}
	for name, visible in ((world["cust_a"], True), (world["cust_b"], False)):
		r = agent.method("frappe.desk.search.get_link_title", doctype="Customer Archive", docname=name)
		assert r.status_code == 200, r.text[-300:]
		assert r.json()["message"] == (names[name] if visible else name)
		for query in (None, "huifang.security.access.archive_lookup"):
			args = {"query": query} if query else {}
			r = agent.method(
				"frappe.client.validate_link_and_fetch",
				doctype="Customer Archive",
				docname=name,
				fields_to_fetch=json.dumps(["customer_name"]),
				**args,
			)
			assert (names[name] in r.text) == visible, (name, query, r.text[-300:])
	r = agent.method(
		"frappe.desk.reportview.get_stats",
		stats=json.dumps(["customer_name", "service_unit"]),
		doctype="Customer Archive",
		filters=json.dumps([["name", "in", list(names)]]),
	)
	assert r.status_code == 200, r.text[-300:]
	assert names[world["cust_a"]] in r.text and names[world["cust_b"]] not in r.text
	assert world["window_b"] not in r.text
	for method, args in (
		("frappe.desk.reportview.get_stats", {"stats": json.dumps(["primary_phone"])}),
		("frappe.desk.listview.get_group_by_count", {"field": "primary_phone"}),
	):
		r = agent.method(method, doctype="Customer Archive", filters=json.dumps([]), **args)
		assert PHONE_A not in r.text and PHONE_B not in r.text, (method, r.text[-300:])


def test_global_search_only_finds_permitted_customers(world, as_user, site_frappe):
	"""R-12: global search (the Desk's search bar) lists a customer only to users who may open it."""
	frappe = site_frappe
	from frappe.utils.global_search import sync_global_search, update_global_search

	settings = frappe.get_single("Global Search Settings")
	if "Customer Archive" not in {d.document_type for d in settings.allowed_in_global_search}:
		settings.append("allowed_in_global_search", {"document_type": "Customer Archive"})
		settings.save(ignore_permissions=True)
	for name in (world["cust_a"], world["cust_b"]):
		update_global_search(frappe.get_doc("Customer Archive", name))
	sync_global_search()
	frappe.db.commit()

	def found(key):
		r = as_user(key).method("frappe.utils.global_search.search", text=world["tag"], limit=50)
		assert r.status_code == 200, r.text
		return {d["name"] for d in r.json()["message"] if d["doctype"] == "Customer Archive"}

	assert {world["cust_a"], world["cust_b"]} <= found("supervisor_d")  # the index has both
	assert world["cust_a"] in found("agent_a")
	assert world["cust_b"] not in found("agent_a")
	assert world["cust_a"] not in found("agent_b")


def test_supervisors_see_their_tree_agents_their_units(world, site_frappe):
	"""R-02: a department supervisor sees both windows below it; a window supervisor and the
	agents only their own window; the manager of the company sees everything below it."""
	frappe = site_frappe
	both = [world["cust_a"], world["cust_b"]]
	assert listed(frappe, world["u"]["supervisor_d"], "Customer Archive", both) == set(both)
	assert listed(frappe, world["u"]["supervisor_a"], "Customer Archive", both) == {world["cust_a"]}
	assert listed(frappe, world["u"]["agent_b"], "Customer Archive", both) == {world["cust_b"]}
	assert listed(frappe, world["u"]["manager"], "Customer Archive", both) == set(both)
	events = [world["task_a"], world["task_b"]]
	assert listed(frappe, world["u"]["supervisor_a"], "Callback Task", events) == {world["task_a"]}


def test_staff_outside_every_unit_see_nothing(world, site_frappe):
	"""R-12: a supervisor who belongs to no unit sees no customer at all."""
	frappe = site_frappe
	from tests.security.world import make_user

	loner = make_user(frappe, "loner", world["tag"] + "x", "Huifang Supervisor")["user"]
	assert listed(frappe, loner, "Customer Archive", [world["cust_a"], world["cust_b"]]) == set()
	assert not frappe.has_permission("Customer Archive", "read", world["cust_a"], user=loner)
	frappe.db.rollback()


def test_complaint_handler_sees_complaints_routed_to_their_unit(world, site_frappe):
	"""R-02, R-53: the handler of window B sees and works the complaint raised in A but routed to
	B, and B's own; not A's complaint about A, nor A's customer."""
	frappe = site_frappe
	handler = world["u"]["handler_b"]
	complaints = [world["complaint_a"], world["complaint_routed"], world["complaint_b"]]
	assert listed(frappe, handler, "Complaint", complaints) == {
		world["complaint_routed"],
		world["complaint_b"],
	}
	assert frappe.has_permission("Complaint", "write", world["complaint_routed"], user=handler)
	assert not frappe.has_permission("Complaint", "read", world["complaint_a"], user=handler)
	assert not frappe.has_permission("Customer Archive", "read", world["cust_a"], user=handler)


def test_auditor_reads_every_unit_and_changes_nothing(world, site_frappe):
	"""R-02: the Quality Auditor lists both windows' records and may change none of them."""
	frappe = site_frappe
	auditor = world["u"]["auditor"]
	complaints = [world["complaint_a"], world["complaint_b"]]
	assert listed(frappe, auditor, "Complaint", complaints) == set(complaints)
	assert listed(frappe, auditor, "Customer Archive", [world["cust_a"], world["cust_b"]]) == {
		world["cust_a"],
		world["cust_b"],
	}
	for doctype, name in (("Complaint", world["complaint_b"]), ("Customer Archive", world["cust_a"])):
		assert frappe.has_permission(doctype, "read", name, user=auditor)
		assert not frappe.has_permission(doctype, "write", name, user=auditor)
	with acting(frappe, auditor), pytest.raises(frappe.PermissionError):
		doc = frappe.get_doc("Complaint", world["complaint_b"])
		doc.subject = "审计改动"
		doc.save()
	frappe.db.rollback()


def test_confidential_customer_only_for_named_users_and_managers(world, site_frappe):
	"""R-12: a confidential archive is open to its named users and Managers only: not to the
	window's agent (even with a task on it), supervisors or auditors."""
	frappe = site_frappe
	name = world["cust_conf"]
	u = world["u"]
	for key, allowed in (
		("named", True),
		("manager", True),
		("agent_a", False),
		("supervisor_a", False),
		("supervisor_d", False),
		("auditor", False),
	):
		assert (listed(frappe, u[key], "Customer Archive", [name]) == {name}) == allowed, key
		assert frappe.has_permission("Customer Archive", "read", name, user=u[key]) == allowed, key


def test_agent_cannot_name_themselves_on_an_archive(world, site_frappe):
	"""R-12: an agent cannot make themselves the account manager of an archive (nor change the
	confidential flag): only Supervisors and up decide who is named."""
	frappe = site_frappe
	with acting(frappe, world["u"]["agent_a"]), pytest.raises(frappe.PermissionError):
		doc = frappe.get_doc("Customer Archive", world["cust_a"])
		doc.account_manager = world["u"]["agent_a"]
		doc.save()
	frappe.db.rollback()


def test_open_task_opens_its_customer_to_the_assignee(world, site_frappe):
	"""R-12, R-35: a task of window B assigned to A's agent shows that agent the task and its
	customer while it is open, and no longer once it is done."""
	frappe = site_frappe
	from tests.security.world import task

	agent = world["u"]["agent_a"]
	name = task(frappe, world["cust_b"], agent)
	assert listed(frappe, agent, "Callback Task", [name]) == {name}
	assert frappe.has_permission("Customer Archive", "read", world["cust_b"], user=agent)
	frappe.db.set_value("Callback Task", name, "status", "Done")
	assert listed(frappe, agent, "Callback Task", [name]) == {name}
	assert not frappe.has_permission("Customer Archive", "read", world["cust_b"], user=agent)
	frappe.db.rollback()


def test_changes_stay_inside_the_users_units(world, site_frappe):
	"""R-12: an agent cannot create a document in another unit, nor move one there."""
	frappe = site_frappe
	agent = world["u"]["agent_a"]
	event_type = frappe.get_all("Service Event Type", pluck="name", limit=1) or [None]

	def event(unit):
		return frappe.get_doc(
			{
				"doctype": "Service Event",
				"subject": "维修",
				"customer": world["cust_a"],
				"service_unit": unit,
				"event_type": event_type[0],
				"occurred_on": frappe.utils.now_datetime(),
			}
		)

	with acting(frappe, agent):
		with pytest.raises(frappe.PermissionError):
			event(world["window_b"]).insert()
		assert frappe.has_permission("Callback Task", "write", world["task_a"])
		doc = frappe.get_doc("Callback Task", world["task_a"])
		doc.service_unit = world["window_b"]
		assert not frappe.has_permission(doc, "write")
		with pytest.raises(frappe.PermissionError):
			doc.save()
	frappe.db.rollback()
