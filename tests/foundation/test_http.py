"""The web server on 127.0.0.1: ping, login, REST, logout."""

import requests

from tests.conftest import ADMIN_PASSWORD


def login(url, user="Administrator", password=ADMIN_PASSWORD):
	s = requests.Session()
	r = s.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	return s, r


def test_ping(stack):
	"""Foundation: the API answers on loopback."""
	r = requests.get(f"{stack['url']}/api/method/ping", timeout=10)
	assert r.status_code == 200 and r.json()["message"] == "pong"
	assert stack["url"].startswith("http://127.0.0.1:")


def test_login_and_wrong_password(stack):
	"""Foundation: the admin password from set-up logs in; a wrong one is refused."""
	s, r = login(stack["url"])
	assert r.status_code == 200 and r.json()["full_name"] == "Administrator"
	assert (
		s.get(f"{stack['url']}/api/method/frappe.auth.get_logged_user", timeout=10).json()["message"]
		== "Administrator"
	)
	_, bad = login(stack["url"], password="not-the-password")
	assert bad.status_code == 401


def test_rest_insert_read_and_logout(stack):
	"""Foundation: REST insert and read of a core DocType; after logout the session is gone."""
	s, _ = login(stack["url"])
	r = s.post(f"{stack['url']}/api/resource/ToDo", json={"description": "回访测试 REST"}, timeout=30)
	assert r.status_code == 200, r.text
	name = r.json()["data"]["name"]
	got = s.get(f"{stack['url']}/api/resource/ToDo/{name}", timeout=30)
	assert got.json()["data"]["description"] == "回访测试 REST"
	assert s.post(f"{stack['url']}/api/method/logout", timeout=30).status_code == 200
	after = s.get(f"{stack['url']}/api/resource/ToDo/{name}", timeout=30)
	assert after.status_code in (401, 403)


def test_login_page_renders_with_app_title(stack):
	"""Foundation: the login page (server-rendered Jinja + built assets) answers 200 and names the app."""
	r = requests.get(f"{stack['url']}/login", timeout=30)
	assert r.status_code == 200
	assert "回访管理" in r.text
	css = [p for p in r.text.split('"') if p.startswith("/assets/") and p.endswith(".css")]
	assert css, "no stylesheet linked: the asset manifest is missing"
	assert requests.get(stack["url"] + css[0], timeout=30).status_code == 200
