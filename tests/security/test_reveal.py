"""Reveal on task (R-12): the assignee of an open task may see the customer's phone, each reveal is
logged with user, customer, field, task, time and IP; every other reveal is refused unlogged."""

from tests.security.world import PHONE_A

REVEAL = "huifang.security.reveal.reveal_phone"


def logs(frappe, customer):
	frappe.db.rollback()
	return frappe.get_all(
		"Archive Access Log",
		filters={"customer": customer, "action": "Reveal"},
		fields=["user", "customer", "field", "callback_task", "ip_address", "accessed_on", "service_unit"],
		order_by="creation",
	)


def test_assignee_reveals_phone_of_open_task_and_it_is_logged(world, as_user, site_frappe):
	"""R-12: the agent working task A gets the full phone; the reveal is logged (who, customer,
	field, task, time, IP)."""
	frappe = site_frappe
	before = len(logs(frappe, world["cust_a"]))
	r = as_user("agent_a").method(REVEAL, _http="POST", task=world["task_a"])
	assert r.status_code == 200, r.text
	assert r.json()["message"]["phone"] == PHONE_A
	after = logs(frappe, world["cust_a"])
	assert len(after) == before + 1
	log = after[-1]
	assert (log.user, log.customer, log.field, log.callback_task, log.service_unit) == (
		world["u"]["agent_a"],
		world["cust_a"],
		"primary_phone",
		world["task_a"],
		world["window_a"],
	)
	assert log.ip_address == "127.0.0.1" and log.accessed_on


def test_contact_phone_reveal_is_logged_per_field(world, as_user, site_frappe):
	"""R-12: revealing a contact's phone names that field in the log."""
	frappe = site_frappe
	contact = frappe.get_all(
		"Customer Contact",
		filters={"parent": world["cust_a"], "parenttype": "Customer Archive"},
		pluck="name",
	)[0]
	r = as_user("agent_a").method(REVEAL, _http="POST", task=world["task_a"], contact=contact)
	assert r.json()["message"] == {"customer": world["cust_a"], "field": "contacts.phone", "phone": PHONE_A}
	assert logs(frappe, world["cust_a"])[-1].field == "contacts.phone"


def test_reveal_without_an_open_assigned_task_is_refused(world, as_user, site_frappe):
	"""R-12: no reveal for someone else's task, a finished task, no task, a confidential customer
	the agent is not named on, or by GET; none of them writes a log."""
	frappe = site_frappe
	counted = {c: len(logs(frappe, c)) for c in (world["cust_a"], world["cust_conf"], world["cust_b"])}
	attempts = [
		("agent_b", {"task": world["task_a"]}, "POST"),
		("supervisor_a", {"task": world["task_a"]}, "POST"),
		("agent_a", {"task": world["task_a_done"]}, "POST"),
		("agent_a", {"task": world["task_b"]}, "POST"),
		("agent_a", {"task": "HF-CT-DOES-NOT-EXIST"}, "POST"),
		("agent_a", {"task": ""}, "POST"),
		("agent_a", {"task": world["task_conf"]}, "POST"),
		("agent_a", {"task": world["task_a"]}, "GET"),
	]
	for key, args, http in attempts:
		r = as_user(key).method(REVEAL, _http=http, **args)
		assert r.status_code in (403, 417, 405, 400), (key, args, http, r.status_code, r.text[-200:])
		assert PHONE_A not in r.text
	assert {c: len(logs(frappe, c)) for c in counted} == counted
