"""Fixtures of the security tests: the organisation of world.py and HTTP helpers."""

import pytest
import requests

from tests.security import world as world_data


@pytest.fixture(scope="session")
def world(site_frappe):
	frappe = site_frappe
	frappe.set_user("Administrator")
	return world_data.build(frappe)


class Client:
	"""HTTP calls as one user (API key), against the running stack."""

	def __init__(self, url: str, auth: str):
		self.url = url
		self.session = requests.Session()
		self.session.headers["Authorization"] = auth

	def get(self, path: str, /, **params):
		return self.session.get(self.url + path, params=params, timeout=60)

	def post(self, path: str, /, **data):
		return self.session.post(self.url + path, data=data, timeout=60)

	def method(self, method: str, /, _http: str = "GET", **args):
		call = self.get if _http == "GET" else self.post
		return call(f"/api/method/{method}", **args)


@pytest.fixture(scope="session")
def as_user(stack, world):
	def make(key: str) -> Client:
		return Client(stack["url"], world["users"][key]["auth"])

	return make
