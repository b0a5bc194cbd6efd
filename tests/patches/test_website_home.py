"""patches/website_home.py: a customer who signs in lands on the portal page of their role
(`role_home_page`: /my/surveys), not on the Desk that refuses them (R-62)."""

from tests.patches.test_engine_patches import last_json, run
from tests.portal.portal_data import PASSWORD, client, make_portal_user

DEFAULT_PATH = """
import importlib, json, patches
for name in patches.MODULES:
	if name != "website_home":
		importlib.import_module("patches." + name).apply()
import monoframe
from monoframe.apps import get_default_path
monoframe.init(); monoframe.connect()
print(json.dumps(get_default_path()))
"""


def test_bare_engine_sends_everyone_to_the_desk():
	"""patches/website_home.py: the engine's default path, which website users get before their
	home page is ever asked for, is always set and always a Desk route."""
	path = last_json(run(DEFAULT_PATH, patched=False))
	assert path and path.startswith(("/desk", "/app")), f"upstream changed ({path}): re-check the patch"


def test_customer_lands_on_the_portal(stack, site_frappe):
	"""patches/website_home.py: logging in as a portal customer answers home_page /my/surveys, and
	that page (not the Desk) is theirs."""
	from huifang.tests.factories import make_unit

	customer = make_portal_user(site_frappe, make_unit(), "home")
	session = client()
	r = session.post(
		f"{stack['url']}/api/method/login", data={"usr": customer["user"], "pwd": PASSWORD}, timeout=30
	)
	assert r.status_code == 200, r.text
	assert r.json()["home_page"] == "/my/surveys"
	assert session.get(f"{stack['url']}/my/surveys", timeout=30).status_code == 200
