"""A small organisation for the security tests (R-01, R-02, R-12), committed so the web server
sees it too:

	company ─ department ─┬─ window A   (agent_a, supervisor_a)
	                      └─ window B   (agent_b, handler_b)
	supervisor_d on the department, manager on the company, auditor on no unit.

Customers: cust_a and cust_conf (confidential, naming `named`) in A, cust_b in B. Each user has an
API key for HTTP calls (`auth`)."""

from __future__ import annotations

import secrets

AGENT, SUPERVISOR, MANAGER = "Huifang Agent", "Huifang Supervisor", "Huifang Manager"
HANDLER, AUDITOR = "Complaint Handler", "Quality Auditor"

PHONE_A, PHONE_B, PHONE_CONF, PHONE_COMPLAINANT = "13812345678", "13987654321", "13600001111", "13700002222"
ID_A = "370102199001011234"
ADDRESS_A = "山东省济南市历下区泉城路188号3单元502"


def make_user(frappe, key: str, tag: str, *roles: str, user_type: str = "System User") -> dict:
	email = f"sec-{key}-{tag}@huifang.test"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": key,
			"send_welcome_email": 0,
			"user_type": user_type,
			"api_key": secrets.token_hex(8),
		}
	).insert(ignore_permissions=True)
	secret = secrets.token_hex(12)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	if roles:
		user.add_roles(*roles)
	return {"user": email, "auth": f"token {user.api_key}:{secret}"}


def unit(frappe, name: str, parent=None, unit_type="Window", is_group=0, members=(), **fields) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Service Unit",
				"unit_name": name,
				"unit_type": unit_type,
				"parent_service_unit": parent,
				"is_group": is_group,
				"members": [{"user": m} for m in members],
				**fields,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def customer(frappe, name: str, service_unit: str, phone: str, **fields) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Customer Archive",
				"customer_name": name,
				"service_unit": service_unit,
				"contacts": [{"contact_name": "本人", "relation": "Self", "phone": phone, "is_primary": 1}],
				**fields,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def task(frappe, customer_name: str, assignee: str, status: str = "Open") -> str:
	from frappe.utils import add_days, today

	doc = frappe.get_doc(
		{
			"doctype": "Callback Task",
			"customer": customer_name,
			"assignee": assignee,
			"method": "Phone",
			"earliest_date": today(),
			"latest_date": add_days(today(), 3),
		}
	).insert(ignore_permissions=True)
	if status != "Open":
		frappe.db.set_value("Callback Task", doc.name, "status", status)
	return doc.name


def complaint(frappe, customer_name: str, service_unit: str, responsible_unit: str, subject: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": subject,
				"channel": "Phone",
				"customer": customer_name,
				"complainant_name": "投诉人",
				"complainant_phone": PHONE_COMPLAINANT,
				"category": "Service Attitude",
				"service_unit": service_unit,
				"responsible_unit": responsible_unit,
				"description": "态度不好",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def build(frappe) -> dict:
	"""Create the organisation; returns names and users. Commits."""
	from huifang.tests.factories import ensure_fixtures

	ensure_fixtures()
	if not frappe.db.exists("Workflow", "Archive Access Request Approval"):
		from frappe.utils.fixtures import sync_fixtures

		sync_fixtures("huifang")
	tag = secrets.token_hex(3)
	users = {
		"agent_a": make_user(frappe, "agent-a", tag, AGENT),
		"agent_b": make_user(frappe, "agent-b", tag, AGENT),
		"supervisor_a": make_user(frappe, "sup-a", tag, SUPERVISOR),
		"supervisor_d": make_user(frappe, "sup-d", tag, SUPERVISOR),
		"manager": make_user(frappe, "manager", tag, MANAGER),
		"handler_b": make_user(frappe, "handler-b", tag, HANDLER),
		"auditor": make_user(frappe, "auditor", tag, AUDITOR),
		"named": make_user(frappe, "named", tag, AGENT),
	}
	u = {k: v["user"] for k, v in users.items()}
	company = unit(frappe, f"安全测试公司 {tag}", unit_type="Company", is_group=1, members=[u["manager"]])
	department = unit(
		frappe,
		f"安全测试部门 {tag}",
		company,
		"Department",
		1,
		members=[u["supervisor_d"]],
		supervisor=u["supervisor_d"],
	)
	window_a = unit(frappe, f"窗口A {tag}", department, members=[u["agent_a"], u["supervisor_a"], u["named"]])
	window_b = unit(frappe, f"窗口B {tag}", department, members=[u["agent_b"], u["handler_b"]])
	cust_a = customer(
		frappe,
		f"甲客户 {tag}",
		window_a,
		PHONE_A,
		id_number=ID_A,
		address=ADDRESS_A,
		district="历下区",
		room_no=f"A-{tag}",
		income=12000,
		family_structure="三口之家",
	)
	cust_b = customer(frappe, f"乙客户 {tag}", window_b, PHONE_B, room_no=f"B-{tag}")
	cust_conf = customer(
		frappe,
		f"保密客户 {tag}",
		window_a,
		PHONE_CONF,
		is_confidential=1,
		allowed_users=[{"user": u["named"]}],
	)
	world = {
		"tag": tag,
		"users": users,
		"u": u,
		"company": company,
		"department": department,
		"window_a": window_a,
		"window_b": window_b,
		"cust_a": cust_a,
		"cust_b": cust_b,
		"cust_conf": cust_conf,
		"task_a": task(frappe, cust_a, u["agent_a"]),
		"task_a_done": task(frappe, cust_a, u["agent_a"], status="Done"),
		"task_b": task(frappe, cust_b, u["agent_b"]),
		"task_conf": task(frappe, cust_conf, u["agent_a"]),
		"complaint_a": complaint(frappe, cust_a, window_a, window_a, f"窗口A投诉 {tag}"),
		"complaint_routed": complaint(frappe, cust_a, window_a, window_b, f"转窗口B投诉 {tag}"),
		"complaint_b": complaint(frappe, cust_b, window_b, window_b, f"窗口B投诉 {tag}"),
	}
	frappe.db.commit()
	return world
