"""Benchmark: how long the Desk takes to load on a warm server (issue 3: under 2 s; printed, not
asserted). Not part of `make test`.

A real browser (Debian's Chromium, as in tests/browser) logs in once through the login form, loads
the Desk twice to warm the server and the browser cache, then loads /desk N times (default 5) and
prints, per load and as median / max:

  DOMContentLoaded  the HTML is parsed and the Desk's scripts have run (navigation timing)
  ready             the Desk has booted and rendered its home page (boot info, router, no request
                    pending)
  network idle      the last request of the load has finished (resource timing), i.e. the page's
                    full load without Playwright's 500 ms idle window

and the headline line `desk warm load: median X.XX s` (network idle; the time a person waits).

  env/bin/python tests/bench/bench_desk_load.py [--site S | --url URL] [-n 5]   (`make bench` runs it)

Without --url the site's web server (patches.bench serve, the production worker count) is started
here on the site's port, or reused when one already answers there; the site is --site, else
$HUIFANG_BENCH_SITE, else $HUIFANG_TEST_SITE, else test_huifang.localhost. Under pytest
(`pytest tests/bench/bench_desk_load.py -s`) the `stack` fixture's server is used. Exit status 1
when the Desk does not load (e.g. the setup wizard instead of the Desk).
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2]
if str(BENCH) not in sys.path:
	sys.path.insert(0, str(BENCH))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, JS_DESK_READY  # noqa: E402

DESK = "/desk"
WARMUP = 2

JS_TIMINGS = """() => {
	const nav = performance.getEntriesByType('navigation')[0];
	const ends = performance.getEntriesByType('resource').map((r) => r.responseEnd);
	return {
		dcl: nav.domContentLoadedEventEnd,
		load: nav.loadEventEnd,
		last: Math.max(nav.responseEnd, nav.loadEventEnd, ...ends),
	};
}"""


def measure(url: str, user: str = "Administrator", password: str | None = None, n: int = 5) -> dict:
	"""Load the Desk `n` times after logging in and warming up; timings in seconds."""
	from playwright.sync_api import sync_playwright

	password = password or os.environ.get("ADMIN_PASSWORD", "admin")
	loads = []
	with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="huifang-bench-") as profile:
		context = p.chromium.launch_persistent_context(
			profile,
			executable_path=CHROMIUM,
			args=CHROMIUM_ARGS,
			headless=True,
			viewport={"width": 1400, "height": 900},
		)
		context.set_default_timeout(60_000)
		page = context.pages[0] if context.pages else context.new_page()
		try:
			page.goto(url + "/login")
			page.locator("#login_email").fill(user)
			page.locator("#login_password").fill(password)
			page.locator(".form-login .btn-login").click()
			page.wait_for_function(JS_DESK_READY)
			if "setup-wizard" in page.url:
				raise RuntimeError(f"the Desk shows the setup wizard ({page.url}): not a Desk load")
			for i in range(WARMUP + n):
				started = time.perf_counter()
				page.goto(url + DESK, wait_until="domcontentloaded")
				page.wait_for_function(JS_DESK_READY, polling=20)
				ready = time.perf_counter() - started
				page.wait_for_load_state("networkidle")
				t = page.evaluate(JS_TIMINGS)
				if i >= WARMUP:
					loads.append(
						{"dcl": t["dcl"] / 1000, "ready": ready, "idle": max(t["last"] / 1000, ready)}
					)
		finally:
			context.close()
	return {
		key: {"median": statistics.median(x[key] for x in loads), "max": max(x[key] for x in loads)}
		for key in ("dcl", "ready", "idle")
	} | {"loads": loads}


def report(result: dict, url: str) -> str:
	lines = [
		f"Desk load, {len(result['loads'])} loads of {url}{DESK} after login and {WARMUP} warm-up loads:"
	]
	for i, load in enumerate(result["loads"], 1):
		lines.append(
			f"  load {i}: DOMContentLoaded {load['dcl']:.2f} s, ready {load['ready']:.2f} s, network idle {load['idle']:.2f} s"
		)
	for key, label in (("dcl", "DOMContentLoaded"), ("ready", "ready"), ("idle", "network idle")):
		lines.append(f"  {label:<16} median {result[key]['median']:.2f} s, max {result[key]['max']:.2f} s")
	lines.append(
		f"desk warm load: median {result['idle']['median']:.2f} s (max {result['idle']['max']:.2f} s, target < 2 s)"
	)
	return "\n".join(lines)


def test_desk_warm_load(stack):
	"""Benchmark (issue 3, done-when): /desk on a warm server; prints the figures, asserts nothing
	about them."""
	n = int(os.environ.get("BENCH_DESK_LOADS", 5))
	result = measure(stack["url"], n=n)
	print("\n" + report(result, stack["url"]))


def _ping(url: str) -> bool:
	import urllib.request

	try:
		with urllib.request.urlopen(url + "/api/method/ping", timeout=5) as r:
			return r.status == 200
	except OSError:
		return False


def start_server(site: str) -> tuple[str, subprocess.Popen | None]:
	"""The site's web server on its configured port: reused when it answers, else started here."""
	from patches.site_config import merged_config

	conf = merged_config(site)
	url = f"http://127.0.0.1:{conf['webserver_port']}"
	if _ping(url):
		return url, None
	(BENCH / "logs").mkdir(exist_ok=True)
	with open(BENCH / "logs" / f"bench_desk_load.{site}.log", "ab") as log:
		proc = subprocess.Popen(
			[sys.executable, "-m", "patches.bench", "--site", site, "serve"],
			cwd=BENCH,
			stdout=log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
			env={**os.environ, "HUIFANG_SITE": site},
		)
	deadline = time.monotonic() + 120
	while not _ping(url):
		if time.monotonic() > deadline or proc.poll() is not None:
			stop_server(proc)
			raise SystemExit(f"web server for {site} did not start; see logs/bench_desk_load.{site}.log")
		time.sleep(0.5)
	return url, proc


def stop_server(proc: subprocess.Popen | None) -> None:
	if proc is None:
		return
	try:
		os.killpg(proc.pid, signal.SIGTERM)
		proc.wait(timeout=30)
	except (ProcessLookupError, subprocess.TimeoutExpired):
		try:
			os.killpg(proc.pid, signal.SIGKILL)
		except ProcessLookupError:
			pass


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	default_site = (
		os.environ.get("HUIFANG_BENCH_SITE")
		or os.environ.get("HUIFANG_TEST_SITE")
		or "test_huifang.localhost"
	)
	parser.add_argument("--site", default=default_site)
	parser.add_argument("--url", default=None, help="a running server to measure instead of the site's own")
	parser.add_argument("--user", default="Administrator")
	parser.add_argument("--password", default=None, help="default: ADMIN_PASSWORD or admin")
	parser.add_argument("-n", type=int, default=5)
	args = parser.parse_args(argv)
	proc = None
	if args.url:
		url = args.url.rstrip("/")
	else:
		url, proc = start_server(args.site)
	try:
		print(report(measure(url, args.user, args.password, args.n), url))
	except RuntimeError as exc:
		print(f"desk warm load: not measured: {exc}")
		return 1
	finally:
		stop_server(proc)
	return 0


if __name__ == "__main__":
	sys.exit(main())
