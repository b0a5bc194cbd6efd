"""SQL fragments in filters, fields, ordering and search text do nothing harmful (R-12): no row
outside the user's units comes back, no confidential column leaks, no table is touched."""

import json

import pytest

from tests.security.world import PHONE_A, PHONE_B, customer, make_user, unit

FRAGMENTS = [
	"' or '1'='1",
	"%' or 1=1 -- ",
	'" or ""="',
	"x'); drop table `tabCustomer Archive`; -- ",
	"') or ('1'='1",
	"1 union select primary_phone from `tabCustomer Archive` -- ",
]


@pytest.fixture(scope="module")
def counts(site_frappe):
	return site_frappe.db.count("Customer Archive"), site_frappe.db.count("Service Unit")


def leaked(world, text: str) -> bool:
	return any(s in text for s in (world["cust_b"], f"乙客户 {world['tag']}", PHONE_B, PHONE_A))


def test_fragments_in_filters_fields_and_order_leak_nothing(world, as_user, site_frappe, counts):
	"""R-12: an agent putting SQL into filter values, field names, fields, order and group by gets an
	error or their own rows, never window B's customer or a clear phone."""
	agent = as_user("agent_a")
	attempts = []
	for fragment in FRAGMENTS:
		attempts += [
			{"filters": json.dumps([["customer_name", "like", fragment]])},
			{"filters": json.dumps([["name", "in", [world["cust_b"], fragment]]])},
			{"filters": json.dumps({"name": fragment})},
			{"or_filters": json.dumps([["room_no", "=", fragment], ["name", "=", fragment]])},
			{"filters": json.dumps([["name` = 1 or `name", "like", "%"]])},
			{"fields": json.dumps(["name", f"({fragment}) as x"])},
			{
				"fields": json.dumps(
					["name", "(select primary_phone from `tabCustomer Archive` limit 1) as p"]
				)
			},
			{"order_by": f"name {fragment}"},
			{"group_by": f"name {fragment}"},
		]
	for args in attempts:
		for path, extra in (
			("/api/resource/Customer Archive", {}),
			("/api/method/frappe.client.get_list", {"doctype": "Customer Archive"}),
			("/api/method/frappe.desk.reportview.get", {"doctype": "Customer Archive"}),
		):
			r = agent.get(path, limit_page_length=100, **extra, **args)
			assert not leaked(world, r.text), (path, args, r.text[-300:])
		r = agent.get("/api/method/frappe.client.get_count", doctype="Customer Archive", **args)
		assert r.status_code != 200 or r.json()["message"] <= 1, (args, r.text[-300:])
	frappe = site_frappe
	frappe.db.rollback()
	assert (frappe.db.count("Customer Archive"), frappe.db.count("Service Unit")) == counts


def test_fragments_in_search_text_leak_nothing(world, as_user, site_frappe, counts):
	"""R-12: SQL in link search and global search text finds nothing outside the user's units."""
	agent = as_user("agent_a")
	for fragment in FRAGMENTS:
		for path, args in (
			("frappe.desk.search.search_link", {"doctype": "Customer Archive", "txt": fragment}),
			(
				"frappe.desk.search.search_link",
				{"doctype": "Customer Archive", "txt": "%", "searchfield": fragment},
			),
			("frappe.utils.global_search.search", {"text": fragment}),
			("frappe.utils.global_search.search", {"text": f"{world['tag']} {fragment}"}),
		):
			r = agent.method(path, **args)
			assert not leaked(world, r.text), (path, args, r.text[-300:])
	frappe = site_frappe
	frappe.db.rollback()
	assert (frappe.db.count("Customer Archive"), frappe.db.count("Service Unit")) == counts


def test_unit_names_with_quotes_are_escaped(world, site_frappe):
	"""R-12: a unit whose name carries SQL quotes scopes its member like any other unit."""
	frappe = site_frappe
	tag = world["tag"] + "q"
	agent = make_user(frappe, "quote", tag, "Huifang Agent")["user"]
	odd = unit(frappe, f"窗口') or ('1'='1 {tag}", world["department"], members=[agent])
	own = customer(frappe, f"引号客户 {tag}", odd, "13400001111")
	frappe.set_user(agent)
	try:
		seen = set(frappe.get_list("Customer Archive", pluck="name", limit_page_length=0))
	finally:
		frappe.set_user("Administrator")
	assert seen == {own}
	frappe.db.rollback()
