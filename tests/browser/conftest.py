"""Browser fixtures: Debian's Chromium driven by Python Playwright against the test site's stack.

Never a downloaded browser: Playwright launches /usr/bin/chromium (CHROMIUM to choose another)
through `executable_path`; `playwright install` is never run. Each test gets a fresh browser
profile (a temporary user-data-dir), so cookies and local storage never leak between tests.

The `desk` fixture yields a `Desk`: the page, the site's URL, the console errors and uncaught
exceptions collected since the page opened, and helpers to log in, navigate and take
screenshots (test-output/browser/<test>-<label>.png). A failing test also leaves
<test>-failed.png: what the browser showed when it failed.
"""

import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD, CHROMIUM, OUTPUT

CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
SHOTS = OUTPUT / "browser"
# Diagnoses for errors whose cause is known (shown with the failure; they still fail the test).
KNOWN_CAUSES = {
	"socket.io": "no realtime (socket.io) server runs on this stack and the engine wheel ships none, yet "
	"the Desk connects to /socket.io unless the site config has disable_async: 1 (engine/stack defect; "
	"fix in patches/ or sites/common_site_config.json)",
}
# Every Desk route of a set-up site lands here while the engine believes set-up is unfinished.
SETUP_WIZARD = (
	"the Desk redirected to /desk/setup-wizard although the site is set up (System Settings."
	"setup_complete = 1): monoframe.is_setup_complete() returns False because it first checks "
	"db.table_exists('System Settings'), and System Settings is a Single (no `tabSystem Settings` "
	"table), so boot.sysdefaults.setup_complete is always False. Engine defect; fix in patches/."
)
TIMEOUT_MS = 30_000

# The engine's global is `monoframe`; the Desk build aliases `window.frappe` to it, as app
# scripts written for Frappe expect. Tests talk to `frappe` and fall back to `monoframe`.
JS_FRAPPE = "(window.frappe || window.monoframe)"

# The Desk is ready when the boot info is in, the router has rendered a route and no
# request is being waited on (frappe.dom.freeze / the page's busy indicator).
JS_DESK_READY = f"""() => {{
	const f = {JS_FRAPPE};
	return !!(f && f.boot && f.boot.user && f.router && f.router.current_route
		&& document.querySelector('#body .page-container')
		&& !document.querySelector('#freeze.in')
		&& !((f.request && f.request.ajax_count) || 0));
}}"""


class Desk:
	"""One browser profile and page on the site, collecting JS errors as they happen."""

	def __init__(self, playwright, base_url: str, name: str):
		self.base_url = base_url
		self.name = name
		self.profile = tempfile.mkdtemp(prefix="huifang-browser-")
		self.downloads = Path(tempfile.mkdtemp(prefix="huifang-downloads-"))
		self.context = playwright.chromium.launch_persistent_context(
			self.profile,
			executable_path=CHROMIUM,
			args=CHROMIUM_ARGS,
			headless=True,
			viewport={"width": 1400, "height": 900},
			locale="zh-CN",
			accept_downloads=True,
			downloads_path=str(self.downloads),
		)
		self.context.set_default_timeout(TIMEOUT_MS)
		self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
		self.errors: list[str] = []
		self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))
		self.page.on("console", self._on_console)

	def _on_console(self, msg) -> None:
		if msg.type == "error":
			where = (msg.location or {}).get("url") or ""
			self.errors.append(f"console.error: {msg.text}" + (f" ({where})" if where else ""))

	# navigation -----------------------------------------------------------------------------
	def url(self, path: str) -> str:
		return self.base_url + path

	def wait_ready(self) -> None:
		self.page.wait_for_function(JS_DESK_READY)
		if "/setup-wizard" in self.page.url:
			pytest.fail(SETUP_WIZARD, pytrace=False)
		self.page.wait_for_load_state("networkidle")

	def goto(self, path: str) -> None:
		self.page.goto(self.url(path))
		self.wait_ready()

	def login(self, user: str = "Administrator", password: str = ADMIN_PASSWORD) -> None:
		"""Log in like a person: the login page's form, the button, then the Desk."""
		page = self.page
		page.goto(self.url("/login"))
		page.locator("#login_email").fill(user)
		page.locator("#login_password").fill(password)
		page.locator(".form-login .btn-login").click()
		page.wait_for_url(re.compile(r"/(desk|app)(/|$|\?)"))
		self.wait_ready()

	def js(self, expression: str, arg=None):
		"""Evaluate `expression` (a function body using `f` for the engine global)."""
		return self.page.evaluate(f"(arg) => {{ const f = {JS_FRAPPE}; {expression} }}", arg)

	def translate(self, text: str) -> str:
		"""The Desk's own translation of `text` for the logged-in user (`__()` in the page)."""
		return self.page.evaluate("(t) => __(t)", text)

	def settle(self, seconds: float = 1.5) -> None:
		"""Let late asynchronous errors (sockets, timers) arrive before asserting on them."""
		time.sleep(seconds)
		self.page.wait_for_load_state("networkidle")

	# evidence ---------------------------------------------------------------------------------
	def shot(self, label: str = "") -> Path:
		path = SHOTS / (f"{self.name}-{label}.png" if label else f"{self.name}.png")
		self.page.screenshot(path=str(path))
		return path

	def assert_no_errors(self) -> None:
		"""No console error and no uncaught exception since the page opened. Nothing is ignored;
		errors with a known cause carry its explanation."""
		causes = sorted({why for e in self.errors for key, why in KNOWN_CAUSES.items() if key in e})
		assert not self.errors, (
			"JavaScript errors in the Desk:\n  "
			+ "\n  ".join(self.errors)
			+ "".join(f"\n=> {c}" for c in causes)
		)

	def close(self) -> None:
		try:
			self.context.close()
		finally:
			shutil.rmtree(self.profile, ignore_errors=True)
			shutil.rmtree(self.downloads, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	"""Keep each phase's report on the test item, so fixtures know whether the test failed."""
	outcome = yield
	report = outcome.get_result()
	setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def desk(request, stack, playwright_driver):
	d = Desk(playwright_driver, stack["url"], re.sub(r"[^\w.-]+", "-", request.node.name).strip("-"))
	try:
		yield d
	finally:
		call = getattr(request.node, "rep_call", None)
		if call is None or call.failed:
			try:
				d.shot("failed")  # what the browser showed when the test failed
			except Exception:
				pass
		d.close()


@pytest.fixture
def db(site_frappe):
	"""The engine in-process, with a fresh snapshot before and a commit after the test's writes."""
	site_frappe.set_user("Administrator")
	site_frappe.db.rollback()
	yield site_frappe
	site_frappe.db.rollback()
	site_frappe.set_user("Administrator")


def token(prefix: str = "hfb") -> str:
	"""A unique marker for the rows one test creates (other tests share the site)."""
	import secrets

	return f"{prefix}{secrets.token_hex(4)}"
