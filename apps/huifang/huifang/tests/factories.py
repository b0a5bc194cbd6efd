"""Builders for test data shared by the DocType tests (not demo data).

Names carry a random suffix so tests never collide with each other or with demo records;
everything is inserted inside the test transaction and rolled back by the test case.
"""

import frappe
from frappe.utils import now_datetime

AGENT = "Huifang Agent"
SUPERVISOR = "Huifang Supervisor"
MANAGER = "Huifang Manager"
HANDLER = "Complaint Handler"
AUDITOR = "Quality Auditor"


def suffix() -> str:
	return frappe.generate_hash(length=6)


def ensure_fixtures():
	"""Roles and workflows ship as fixtures; a test site that skipped the sync gets them now.
	Call from setUpClass, before creating data: importing fixtures commits."""
	from frappe.utils.fixtures import sync_fixtures

	needed = [
		("Workflow", "Callback Record Review"),
		("Workflow", "Complaint Handling"),
		("Workflow", "Callback Plan Approval"),
		("Role", "Quality Auditor"),
	]
	if not all(frappe.db.exists(dt, name) for dt, name in needed):
		sync_fixtures("huifang")
	for doctype in ("Callback Record", "Complaint", "Callback Plan"):
		frappe.cache.hdel("workflow", doctype)
		frappe.clear_cache(doctype=doctype)


def make_user(prefix: str, *roles: str) -> str:
	email = f"{prefix}-{suffix()}@huifang.test"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": prefix,
			"send_welcome_email": 0,
			"user_type": "System User",
		}
	).insert(ignore_permissions=True)
	if roles:
		user.add_roles(*roles)
	return email


def make_calendar(holidays=(), working_days=(), weekly_off=("saturday", "sunday")) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Working Calendar",
			"calendar_name": f"_T Calendar {suffix()}",
			**{
				d: int(d in weekly_off)
				for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
			},
			"dates": [{"date": d, "day_type": "Holiday"} for d in holidays]
			+ [{"date": d, "day_type": "Working Day"} for d in working_days],
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_unit(parent=None, unit_type="Window", is_group=0, members=(), **fields) -> str:
	"""members: iterable of user ids or dicts (user, unit_role, joined_on, ...)."""
	rows = [m if isinstance(m, dict) else {"user": m} for m in members]
	doc = frappe.get_doc(
		{
			"doctype": "Service Unit",
			"unit_name": f"_T Unit {suffix()}",
			"unit_type": unit_type,
			"parent_service_unit": parent,
			"is_group": is_group,
			"members": rows,
			**fields,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_customer(service_unit: str, phone: str = "13800138000", **fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Customer Archive",
			"customer_name": f"_T 客户 {suffix()}",
			"service_unit": service_unit,
			"contacts": [{"contact_name": "本人", "relation": "Self", "phone": phone, "is_primary": 1}],
			**fields,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_event_type(**fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Service Event Type",
			"event_type_name": f"_T Type {suffix()}",
			"category": "Repair Order",
			**fields,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_event(customer: str, event_type: str | None = None, **fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Service Event",
			"event_type": event_type or make_event_type(),
			"customer": customer,
			"occurred_on": now_datetime(),
			"completed_on": now_datetime(),
			"status": "Completed",
			**fields,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_plan(event_type: str, steps=None, **fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Callback Plan",
			"plan_name": f"_T Plan {suffix()}",
			"plan_type": "Repair",
			"event_types": [{"event_type": event_type}],
			"steps": steps
			or [
				{
					"step_no": 1,
					"anchor": "Event Completed",
					"offset_value": 0,
					"offset_unit": "Days",
					"window_length": 2,
				}
			],
			**fields,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_template(questions, scheme="Average", **fields) -> str:
	"""questions: list of (question, type, weight) or dicts."""
	rows = [
		q
		if isinstance(q, dict)
		else {"question": q[0], "question_type": q[1], "weight": q[2] if len(q) > 2 else 1}
		for q in questions
	]
	doc = frappe.get_doc(
		{
			"doctype": "Survey Template",
			"template_name": f"_T Template {suffix()}",
			"scoring_scheme": scheme,
			"questions": rows,
			**fields,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_record(customer: str, agent: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Callback Record",
			"customer": customer,
			"agent": agent,
			"method": "Phone",
			"call_time": now_datetime(),
			"overall_grade": "Satisfied",
			**fields,
		}
	)
