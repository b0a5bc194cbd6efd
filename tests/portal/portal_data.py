"""Test data and HTTP helpers for the portal tests: everything is created through the engine in
this process (site_frappe) and committed, because the web server runs in other processes."""

from __future__ import annotations

import random
import re

import requests

PASSWORD = "Portal-Test-2026!"


def client(ip: str | None = None) -> requests.Session:
	"""A browser-like session; its own client IP (X-Forwarded-For, which the engine reads as the
	request IP) keeps each test's per-IP submission counter apart from the others'."""
	s = requests.Session()
	s.headers["X-Forwarded-For"] = (
		ip or f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
	)
	return s


def login(url: str, user: str, password: str = PASSWORD, ip: str | None = None) -> requests.Session:
	s = client(ip)
	r = s.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	assert r.status_code == 200, r.text
	return s


def form_fields(html: str) -> dict:
	"""The survey form's nonce, CSRF token and question field names in page order."""
	nonce = re.search(r'name="nonce" value="([^"]+)"', html)
	csrf = re.search(r'name="csrf_token" value="([^"]+)"', html)
	return {
		"nonce": nonce.group(1) if nonce else None,
		"csrf_token": csrf.group(1) if csrf else None,
		"questions": re.findall(r'<(?:fieldset|textarea) id="(q_[a-z0-9]+)"', html),
	}


def heading(html: str) -> str:
	m = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
	return m.group(1).strip() if m else ""


QUESTIONS = [
	{"question": "服务态度", "question_type": "Rating 1-5", "is_required": 1, "dimension": "服务态度"},
	{"question": "办事效率", "question_type": "Three Grades", "is_required": 1, "dimension": "办事效率"},
	{
		"question": "您通过什么渠道办理",
		"question_type": "Single Choice",
		"options": "窗口\n网上\n电话",
		"is_required": 0,
	},
	{
		"question": "希望改进的方面",
		"question_type": "Multiple Choice",
		"options": "速度\n态度\n环境",
		"is_required": 0,
	},
	{"question": "工作人员是否索要财物", "question_type": "Yes/No", "is_required": 0},
	{"question": "其他建议", "question_type": "Free Text", "is_required": 0},
]


def make_survey_setup(frappe, anonymous: bool = False, company: str | None = None) -> dict:
	"""A company unit with a customer, a six-question template (every type) and a campaign."""
	from huifang.tests.factories import make_customer, make_template, make_unit, suffix

	unit = company or make_unit(unit_type="Company", unit_name=f"测试服务中心 {suffix()}")
	customer = make_customer(unit)
	template = make_template(QUESTIONS)
	campaign = frappe.get_doc(
		{
			"doctype": "Survey Campaign",
			"campaign_name": f"客户满意度调查 {suffix()}",
			"survey_template": template,
			"period_type": "Quarterly",
			"start_date": "2026-01-01",
			"end_date": "2026-12-31",
			"service_unit": unit,
			"is_anonymous": int(anonymous),
			"channel_portal": 1,
			"channel_email": 1,
			"channel_paper": 1,
			"channel_onsite": 1,
			"status": "Running",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return {"unit": unit, "customer": customer, "template": template, "campaign": campaign.name}


def make_links(frappe, campaign: str, customers: list, channel: str = "SMS", **kwargs) -> list[dict]:
	from huifang.portal.invitations import create_invitations

	links = create_invitations(campaign=campaign, customers=customers, channel=channel, **kwargs)
	frappe.db.commit()
	return links


def make_portal_user(frappe, unit: str, label: str) -> dict:
	"""A website user with the Customer role, linked to a Customer Archive of their own."""
	from huifang.tests.factories import make_customer, suffix

	email = f"portal-{label}-{suffix()}@huifang.test"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": f"客户{label}",
			"user_type": "Website User",
			"send_welcome_email": 0,
			"new_password": PASSWORD,
		}
	).insert(ignore_permissions=True)
	user.add_roles("Customer")
	customer = make_customer(unit, user=email)
	frappe.db.commit()
	return {"user": email, "customer": customer}


def set_settings(frappe, **values) -> dict:
	"""Change Huifang Settings for a test; returns the previous values to restore."""
	previous = {k: frappe.db.get_single_value("Huifang Settings", k) for k in values}
	for key, value in values.items():
		frappe.db.set_single_value("Huifang Settings", key, value)
	frappe.db.commit()
	return previous
