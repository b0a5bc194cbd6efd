"""Shared fixtures for the API and reliability tests: a small seeded organisation (the bench
data generator, its own seed) and an API user with the Huifang Integration role."""

import secrets

import pytest
import requests

from tests.bench.seed import DEFAULT_PASSWORD
from tests.bench.seed import seed as seed_data

API_SEED = 901
API = "/api/method/huifang.api.integration."


@pytest.fixture(scope="session")
def seeded(site_frappe):
	"""40 customers, 300 callback records and their tasks, events and staff in 5 units."""
	counts = seed_data(n_customers=40, n_records=300, n_units=5, seed=API_SEED)
	site_frappe.db.rollback()
	return counts


def make_api_user(frappe, *roles: str) -> dict:
	"""A user with API key and secret; returns its name and the Authorization header value."""
	email = f"api-{secrets.token_hex(4)}@huifang.test"
	user = frappe.get_doc(
		{"doctype": "User", "email": email, "first_name": "接口用户", "send_welcome_email": 0}
	).insert(ignore_permissions=True)
	if roles:
		user.add_roles(*roles)
	key, secret = secrets.token_hex(8), secrets.token_hex(12)
	user.reload()
	user.api_key = key
	user.api_secret = secret
	user.save(ignore_permissions=True)
	frappe.db.commit()
	return {"user": email, "auth": f"token {key}:{secret}"}


@pytest.fixture(scope="session")
def api_user(site_frappe):
	return make_api_user(site_frappe, "Huifang Integration")


def call(stack, auth: str | None, method: str, payload=None, http: str = "POST", files=None, timeout=60):
	"""Call an integration method; JSON body unless files are sent (multipart)."""
	headers = {"Authorization": auth} if auth else {}
	url = stack["url"] + API + method
	if http == "GET":
		return requests.get(url, params=payload, headers=headers, timeout=timeout)
	if files:
		return requests.post(url, data=payload, files=files, headers=headers, timeout=timeout)
	return requests.post(url, json=payload, headers=headers, timeout=timeout)


def login(stack, user: str, password: str = DEFAULT_PASSWORD) -> requests.Session:
	session = requests.Session()
	r = session.post(stack["url"] + "/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	assert r.status_code == 200, r.text
	return session


def fresh_task(frappe, seed: int = API_SEED) -> str:
	"""A new open phone task (copy of a seeded one, no event link) that no other test touched."""
	frappe.db.rollback()
	template = frappe.get_all(
		"Callback Task", filters={"name": ("like", f"HF-CT-S{seed}-%")}, pluck="name", limit=1
	)[0]
	doc = frappe.copy_doc(frappe.get_doc("Callback Task", template))
	doc.update({"status": "Open", "method": "Phone", "attempts": [], "service_event": None, "plan_step": 0})
	doc.update({"task_key": f"test:{secrets.token_hex(6)}", "do_not_call": 0, "callback_record": None})
	frappe.db.set_value("Customer Archive", doc.customer, "do_not_call", 0)
	doc.insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.name


def one(frappe, sql: str, *args):
	"""First value of the first row, read after the other processes' commits."""
	frappe.db.rollback()
	rows = frappe.db.sql(sql, args)
	return rows[0][0] if rows else None
