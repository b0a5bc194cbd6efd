#!/usr/bin/env python
"""Load benchmark of the survey page (issue 8, R-62): 50 concurrent clients answer surveys by
personal link for 60 s against gunicorn on 127.0.0.1 with the production worker count
(sites/common_site_config.json gunicorn_workers).

	env/bin/python tests/bench/bench_survey_load.py [--site test_huifang.localhost] [--clients 50] [--seconds 60]

Each client repeats: open /survey/<token> (GET), submit the six answers (POST). Printed: accepted
submissions per second, p50/p95 latency of the POST (and of the GET), and, as the baseline
measured in the same run, /api/method/ping under the same concurrency. Afterwards the database
is checked: every accepted submission is stored exactly once, none is lost, and nothing is stored
for a refused one. Use a throw-away site: the run leaves its campaign and responses behind.
The per-IP submission limit is lifted for the run (all clients share 127.0.0.1) and restored.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))

FIELD = re.compile(r'<(?:fieldset|textarea) id="(q_[a-z0-9]+)"')
NONCE = re.compile(r'name="nonce" value="([^"]+)"')


def connect(site: str):
	import patches
	from patches import paths

	os.environ["HUIFANG_SITE"] = site
	patches.apply(site)
	os.chdir(paths.site_path(site))
	import frappe

	frappe.init(force=True)
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def prepare(frappe, links: int) -> dict:
	"""A campaign with `links` personal links (bulk insert), a tenth of them named for 50 customers."""
	from huifang.portal.invitations import create_invitations
	from huifang.tests.factories import make_customer, make_unit, suffix

	from tests.portal.portal_data import make_survey_setup

	unit = make_unit(unit_type="Company", unit_name=f"压测服务中心 {suffix()}")
	setup = make_survey_setup(frappe, company=unit)
	customers = [make_customer(unit) for _ in range(50)]
	owners = [customers[i % 50] if i % 10 == 0 else None for i in range(links)]
	created = create_invitations(campaign=setup["campaign"], customers=owners, channel="SMS")
	frappe.db.commit()
	return {**setup, "tokens": [c["token"] for c in created]}


def start_web(site: str, port: int, workers: int) -> subprocess.Popen:
	proc = subprocess.Popen(
		[sys.executable, "-m", "patches.bench", "--site", site, "serve", "--workers", str(workers)],
		cwd=BENCH,
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		start_new_session=True,
	)
	deadline = time.monotonic() + 90
	while time.monotonic() < deadline:
		try:
			with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/method/ping", timeout=5):
				return proc
		except OSError:
			time.sleep(0.5)
	os.killpg(proc.pid, 15)
	raise SystemExit("gunicorn did not answer within 90 s")


def pct(values: list[float], p: float) -> float:
	if not values:
		return float("nan")
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def run_clients(clients: int, seconds: float, work) -> tuple[dict, float]:
	"""Run `work(session, results)` in a loop on `clients` threads for `seconds`."""
	results = {"ok": 0, "latency": [], "get_latency": [], "refused": {}, "errors": {}}
	lock = threading.Lock()
	stop = time.monotonic() + seconds

	def loop():
		s = requests.Session()
		while time.monotonic() < stop:
			try:
				if not work(s, results, lock):
					return
			except requests.RequestException as e:  # a timeout or a dropped connection
				with lock:
					results["errors"][type(e).__name__] = results["errors"].get(type(e).__name__, 0) + 1

	threads = [threading.Thread(target=loop) for _ in range(clients)]
	started = time.monotonic()
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	return results, time.monotonic() - started


def ping_work(url):
	def work(s, results, lock):
		t0 = time.perf_counter()
		r = s.get(f"{url}/api/method/ping", timeout=60)
		with lock:
			results["latency"].append(time.perf_counter() - t0)
			if r.status_code == 200:
				results["ok"] += 1
			else:
				results["errors"][r.status_code] = results["errors"].get(r.status_code, 0) + 1
		return True

	return work


def survey_work(url, tokens: list[str]):
	answers = ["4", "Satisfied", "窗口", "速度", "No", "排队时间可以再短一些"]
	pending = iter(tokens)

	def work(s, results, lock):
		with lock:
			token = next(pending, None)
		if token is None:
			return False
		t0 = time.perf_counter()
		page = s.get(f"{url}/survey/{token}", timeout=60)
		t1 = time.perf_counter()
		fields, nonce = FIELD.findall(page.text), NONCE.search(page.text)
		if page.status_code != 200 or not nonce:
			with lock:
				results["errors"][page.status_code] = results["errors"].get(page.status_code, 0) + 1
			return True
		data = dict(zip(fields, answers, strict=False))
		# one client in ten is unhappy: those named responses open a follow-up task
		if hash(token) % 10 == 0:
			data[fields[0]], data[fields[1]] = "1", "Unsatisfied"
		r = s.post(f"{url}/survey/{token}", data={**data, "nonce": nonce.group(1)}, timeout=60)
		t2 = time.perf_counter()
		with lock:
			results["get_latency"].append(t1 - t0)
			if r.status_code == 200 and "感谢您的参与" in r.text:
				results["ok"] += 1
				results["latency"].append(t2 - t1)
				results.setdefault("accepted", []).append(token)
			else:
				results["refused"][r.status_code] = results["refused"].get(r.status_code, 0) + 1
		return True

	return work


def count_check(frappe, setup: dict, accepted: list[str]) -> dict:
	from huifang.portal.tokens import hash_token

	frappe.db.rollback()
	campaign = setup["campaign"]
	responses = frappe.db.count("Survey Response", {"campaign": campaign})
	used = frappe.get_all(
		"Survey Invitation",
		filters={"campaign": campaign, "status": "Used"},
		fields=["token_hash", "survey_response"],
	)
	accepted_hashes = {hash_token(t) for t in accepted}
	linked = [u.survey_response for u in used]
	return {
		"accepted": len(accepted),
		"responses_in_db": responses,
		"links_used": len(used),
		"used_links_match_accepted": {u.token_hash for u in used} == accepted_hashes,
		"distinct_responses_of_links": len(set(linked)),
		"low_named_responses": frappe.db.count(
			"Survey Response", {"campaign": campaign, "customer": ("is", "set"), "average_score": ("<", 3)}
		),
		"follow_up_tasks": frappe.db.count(
			"Callback Task", {"task_key": ("in", [f"survey:{n}" for n in linked] or [""])}
		),
	}


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default=os.environ.get("HUIFANG_BENCH_SITE", "test_huifang.localhost"))
	parser.add_argument("--clients", type=int, default=50)
	parser.add_argument("--seconds", type=float, default=60)
	parser.add_argument("--baseline-seconds", type=float, default=10)
	parser.add_argument("--links", type=int, default=6000)
	args = parser.parse_args(argv)

	from patches.site_config import merged_config

	conf = merged_config(args.site)
	port, workers = conf["webserver_port"], int(conf.get("gunicorn_workers", 4))
	url = f"http://127.0.0.1:{port}"
	try:
		urllib.request.urlopen(f"{url}/api/method/ping", timeout=2)
		raise SystemExit(f"something already listens on {url}: stop it first")
	except OSError:
		pass

	frappe = connect(args.site)
	print(f"site {args.site}: preparing {args.links} survey links ...", flush=True)
	t0 = time.monotonic()
	setup = prepare(frappe, args.links)
	print(f"  prepared in {time.monotonic() - t0:.1f} s (campaign {setup['campaign']})")
	previous = frappe.db.get_single_value("Huifang Settings", "survey_ip_attempts")
	frappe.db.set_single_value("Huifang Settings", "survey_ip_attempts", 10_000_000)
	frappe.db.commit()
	web = start_web(args.site, port, workers)
	try:
		print(f"gunicorn on {url}, {workers} workers; {args.clients} clients")
		base, base_time = run_clients(args.clients, args.baseline_seconds, ping_work(url))
		load, load_time = run_clients(args.clients, args.seconds, survey_work(url, setup["tokens"]))
	finally:
		os.killpg(web.pid, 15)
		web.wait(timeout=30)
		frappe.db.set_single_value("Huifang Settings", "survey_ip_attempts", previous or 0)
		frappe.db.commit()

	ping_rate = base["ok"] / base_time
	rate = load["ok"] / load_time
	check = count_check(frappe, setup, load.get("accepted", []))
	print()
	print(
		f"baseline  GET /api/method/ping : {ping_rate:8.1f} req/s   p50 {pct(base['latency'], 50):6.0f} ms   p95 {pct(base['latency'], 95):6.0f} ms"
	)
	print(
		f"survey    POST /survey/<token> : {rate:8.1f} subm/s  p50 {pct(load['latency'], 50):6.0f} ms   p95 {pct(load['latency'], 95):6.0f} ms"
	)
	print(
		f"          GET  /survey/<token> :                  p50 {pct(load['get_latency'], 50):6.0f} ms   p95 {pct(load['get_latency'], 95):6.0f} ms"
	)
	print(f"ratio     submissions/s ÷ ping/s = {rate / ping_rate:.3f}   (a submission is a GET and a POST)")
	print(f"accepted {load['ok']} in {load_time:.1f} s; submissions refused: {load['refused'] or 'none'}")
	print(f"form pages not served: {load['errors'] or 'none'}; baseline errors: {base['errors'] or 'none'}")
	if load["latency"]:
		print(f"mean POST latency {statistics.mean(load['latency']) * 1000:.0f} ms")
	print(f"count check: {check}")
	exactly_once = (
		check["accepted"]
		== check["responses_in_db"]
		== check["links_used"]
		== check["distinct_responses_of_links"]
		and check["used_links_match_accepted"]
		and check["follow_up_tasks"] == check["low_named_responses"]
	)
	print(
		"every accepted submission is in the database exactly once" if exactly_once else "COUNT CHECK FAILED"
	)
	clean = not load["refused"] and not load["errors"]
	if not clean:
		print("some requests failed (listed above); the count check shows what they stored")
	return 0 if exactly_once and clean else 1


if __name__ == "__main__":
	sys.exit(main())
