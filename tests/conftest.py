"""Shared fixtures: the running stack for the test site.

`make test` has already created a fresh test site (HUIFANG_TEST_SITE). The `stack` fixture starts
that site's web server (gunicorn on 127.0.0.1), an rq worker and the scheduler with a 2-second tick,
the same commands the Procfile runs, and stops them at the end of the session.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))

from patches import paths  # noqa: E402
from patches.site_config import merged_config  # noqa: E402

SITE = os.environ.get("HUIFANG_TEST_SITE", "test_huifang.localhost")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "admin")
OUTPUT = BENCH / "test-output"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def site_conf() -> dict:
	return merged_config(SITE)


def base_url() -> str:
	return f"http://127.0.0.1:{site_conf()['webserver_port']}"


def _wait_ping(url: str, timeout: float = 90) -> None:
	deadline = time.monotonic() + timeout
	while True:
		try:
			with urllib.request.urlopen(url + "/api/method/ping", timeout=5) as r:
				if r.status == 200:
					return
		except Exception:
			if time.monotonic() > deadline:
				raise
		time.sleep(0.5)


@pytest.fixture(scope="session")
def stack():
	"""web + worker + schedule for the test site, as in the Procfile."""
	OUTPUT.mkdir(exist_ok=True)
	port = site_conf().get("webserver_port")
	with socket.socket() as probe:
		# a server left over from another run would answer instead of ours and hide our code
		if probe.connect_ex(("127.0.0.1", int(port))) == 0:
			pytest.fail(f"port {port} of {SITE} is already in use; stop the old server (make stop) first")
	env = {**os.environ, "HUIFANG_SITE": SITE}
	commands = {
		"web": ["serve", "--workers", "2"],
		"worker": ["worker", "--queue", "default,short,long"],
		"schedule": ["schedule"],
	}
	procs = []
	for name, args in commands.items():
		log = open(OUTPUT / f"{name}.log", "ab")
		procs.append(
			subprocess.Popen(
				[sys.executable, "-m", "patches.bench", "--site", SITE, *args],
				cwd=BENCH,
				env=env,
				stdout=log,
				stderr=subprocess.STDOUT,
				start_new_session=True,
			)
		)
	try:
		_wait_ping(base_url())
		yield {"url": base_url(), "site": SITE}
	finally:
		for p in procs:
			try:
				os.killpg(p.pid, 15)
			except ProcessLookupError:
				pass
		for p in procs:
			try:
				p.wait(timeout=20)
			except subprocess.TimeoutExpired:
				os.killpg(p.pid, 9)


@pytest.fixture(scope="session")
def site_frappe():
	"""The engine connected to the test site in this process (as Administrator)."""
	import patches

	os.environ["HUIFANG_SITE"] = SITE
	patches.apply(SITE)
	cwd = os.getcwd()
	os.chdir(paths.site_path(SITE))
	import frappe

	frappe.init(force=True)
	frappe.connect()
	yield frappe
	frappe.destroy()
	os.chdir(cwd)


def bench(*args: str, check: bool = True) -> subprocess.CompletedProcess:
	"""Run a bench command against the test site in a fresh process."""
	return subprocess.run(
		[sys.executable, "-m", "patches.bench", "--site", SITE, *args],
		cwd=BENCH,
		capture_output=True,
		text=True,
		check=check,
	)


@pytest.fixture(scope="session")
def playwright_driver():
	"""One Playwright driver for the whole run: the sync API refuses a second one while the
	first is alive, so the Desk tests and the portal's phone test share this."""
	if not Path(CHROMIUM).exists():
		pytest.fail(
			f"{CHROMIUM} not found: the browser tests need Debian's chromium (patches/bootstrap.sh installs it)"
		)
	try:
		from playwright.sync_api import sync_playwright
	except ImportError:  # pragma: no cover - requirements.txt pins playwright
		pytest.fail("Python package `playwright` is missing: pip install -r requirements.txt")
	(OUTPUT / "browser").mkdir(parents=True, exist_ok=True)
	with sync_playwright() as p:
		yield p
