#!/usr/bin/env python
"""Mixed staff load against gunicorn (issue 9): 30 agents and 5 supervisors at once.

	env/bin/python tests/bench/bench_staff_load.py --site S [--duration 120] [--no-seed]

The site (--site, else $HUIFANG_BENCH_SITE, else $HUIFANG_TEST_SITE, else test_huifang.localhost)
is first filled with the data set of bench_reports.py: tests/bench/seed.py with 1,000,000
Callback Records, 100,000 customers, 50 units, seed 42, up to 2025-10-31 (batches already there
are skipped, so a filled site is only checked; --no-seed skips even that).

Each agent (a logged-in staff user of the seeded data, own session) loops: list its open tasks
(the task list of the Desk, 20 rows by due date), open the customer of one task (the whole
archive document), save a callback record for that task (REST insert, as the form does),
pausing --think seconds (default 2-6) before each step: a brisk agent, far faster than real
calls; `--think 0.5 1.5` is a stress variant that saturates a 2-core machine. Each supervisor
runs the Monthly Service Analysis report (the last full month of the seeded data, live figures,
by unit and by agent in turn); when the report is not installed, the list view's group-by counts
over that month's callback records instead.

The web server is started here with the production worker count (gunicorn_workers of
common_site_config, 4) unless --url points at a running one. Printed: requests/s and
p50/p95/p99 per endpoint, errors, database row counts before and after, and each endpoint's p95
against its own p50 measured idle (one user, same run) as the baseline. Exit status 1 when any
request failed, a row went missing, or a target is missed (task list p95 < 150 ms, record save
p95 < 300 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import requests

BENCH_ROOT = Path(__file__).resolve().parents[2]
if str(BENCH_ROOT) not in sys.path:
	sys.path.insert(0, str(BENCH_ROOT))

from tests.bench.seed import DEFAULT_PASSWORD  # noqa: E402

TASK_LIST, OPEN_CUSTOMER, SAVE_RECORD, REPORT = (
	"agent task list",
	"open customer",
	"record save",
	"supervisor report",
)
TARGETS = {TASK_LIST: 150, SAVE_RECORD: 300}  # p95, ms
COUNTED = (
	"Callback Record",
	"Callback Task",
	"Customer Archive",
	"Service Event",
	"Complaint",
	"Callback Answer",
)
OPEN = ["Open", "In Progress", "Overdue"]


class Stats:
	def __init__(self):
		self.lock = threading.Lock()
		self.times: dict[str, list[float]] = {}
		self.errors: dict[str, list[str]] = {}

	def timed(self, name: str, fn):
		started = time.perf_counter()
		try:
			response = fn()
			ok = response.status_code == 200
			detail = None if ok else f"{response.status_code} {response.text[:200]}"
		except requests.RequestException as e:
			response, ok, detail = None, False, repr(e)
		elapsed = (time.perf_counter() - started) * 1000
		with self.lock:
			self.times.setdefault(name, []).append(elapsed)
			if not ok:
				self.errors.setdefault(name, []).append(detail)
		return response if ok else None


def pct(values: list[float], p: float) -> float:
	if not values:
		return float("nan")
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ---------------------------------------------------------------- the simulated staff


def login(url: str, user: str, password: str) -> requests.Session:
	session = requests.Session()
	r = session.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=60)
	r.raise_for_status()
	return session


def list_tasks(session, url, user):
	params = {
		"filters": json.dumps([["assignee", "=", user], ["status", "in", OPEN]]),
		"fields": json.dumps(
			["name", "customer", "customer_name", "status", "latest_date", "priority", "method"]
		),
		"order_by": "latest_date asc",
		"limit_page_length": 20,
	}
	return session.get(f"{url}/api/resource/Callback Task", params=params, timeout=60)


def open_customer(session, url, customer):
	return session.get(f"{url}/api/resource/Customer Archive/{customer}", timeout=60)


def save_record(session, url, user, task, rng):
	level = rng.choices((5, 4, 3, 2), (45, 35, 13, 7))[0]
	body = {
		"callback_task": task["name"],
		"customer": task["customer"],
		"agent": user,
		"method": "Phone",
		"call_time": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
		"duration": rng.randrange(60, 600),
		"overall_score": level,
		"comments": "压测回访记录",
	}
	return session.post(f"{url}/api/resource/Callback Record", json=body, timeout=60)


def agent_loop(url, user, password, stats, stop, think, seed, saved):
	rng = random.Random(seed)
	session = login(url, user, password)
	stop.wait(rng.uniform(0, 2 * think[1]))  # staff do not all start on the same second
	while not stop.is_set():
		r = stats.timed(TASK_LIST, lambda: list_tasks(session, url, user))
		tasks = r.json()["data"] if r else []
		if tasks and not stop.wait(rng.uniform(*think)):
			task = rng.choice(tasks)
			stats.timed(OPEN_CUSTOMER, lambda t=task: open_customer(session, url, t["customer"]))
			if stop.wait(rng.uniform(*think)):
				break
			if stats.timed(SAVE_RECORD, lambda t=task: save_record(session, url, user, t, rng)):
				with stats.lock:
					saved[0] += 1
		stop.wait(rng.uniform(*think))


def report_month(frappe, seed: int) -> tuple[str, str]:
	"""The last full month of the seeded data (before its newest callback record): the month a
	supervisor reviews. The data may end long before today (bench_reports seeds up to 2025-10-31)."""
	newest = frappe.db.sql(
		"select max(call_time) from `tabCallback Record` where name like %s", (f"HF-CB-S{seed}-%",)
	)[0][0]
	first = (newest.date() if newest else date.today()).replace(day=1)
	prev_end = first - timedelta(days=1)
	return prev_end.replace(day=1).isoformat(), prev_end.isoformat()


PERIOD: tuple[str, str] = ("", "")  # set by main() from the data


def report_call(session, url, group_by):
	start, end = PERIOD
	filters = {"from_date": start, "to_date": end, "group_by": group_by, "live_data": 1}
	return session.post(
		f"{url}/api/method/frappe.desk.query_report.run",
		data={"report_name": "Monthly Service Analysis", "filters": json.dumps(filters)},
		timeout=120,
	)


def group_by_call(session, url, group_by):
	"""The list view's group-by sidebar counts over the month's records."""
	start, end = PERIOD
	data = {
		"doctype": "Callback Record",
		"current_filters": json.dumps([["call_time", "between", [start, end]]]),
		"field": "service_unit" if group_by == "Service Unit" else "agent",
	}
	return session.post(f"{url}/api/method/frappe.desk.listview.get_group_by_count", data=data, timeout=120)


def supervisor_loop(url, user, password, stats, stop, think, seed, query):
	rng = random.Random(seed)
	session = login(url, user, password)
	stop.wait(rng.uniform(0, think[1]))
	turn = 0
	while not stop.is_set():
		group_by = ("Service Unit", "Agent")[turn % 2]
		turn += 1
		stats.timed(REPORT, lambda g=group_by: query(session, url, g))
		stop.wait(rng.uniform(*think))


# ---------------------------------------------------------------- set-up


def pick_staff(frappe, seed: int, agents: int, supervisors: int) -> tuple[list[str], list[str]]:
	"""Seeded agents with open tasks (busiest first) and seeded supervisors."""
	pattern = f"%.s{seed}@seed.huifang.test"
	agent_rows = frappe.db.sql(
		"""select assignee from `tabCallback Task` where assignee like %s and status in %s
		group by assignee order by count(*) desc limit %s""",
		(f"agent%{pattern[1:]}", tuple(OPEN), agents),
	)
	sups = frappe.db.sql(
		"select name from tabUser where name like %s and enabled=1 order by name limit %s",
		(f"supervisor%{pattern[1:]}", supervisors),
	)
	return [r[0] for r in agent_rows], [r[0] for r in sups]


def row_counts(frappe) -> dict[str, int]:
	frappe.db.rollback()
	return {dt: frappe.db.sql(f"select count(*) from `tab{dt}`")[0][0] for dt in COUNTED}


def start_server(site: str, port: int, workers: int) -> subprocess.Popen:
	with open(BENCH_ROOT / "logs" / f"bench_staff_load.{site}.log", "ab") as log:
		proc = subprocess.Popen(
			[
				sys.executable,
				"-m",
				"patches.bench",
				"--site",
				site,
				"serve",
				"--port",
				str(port),
				"--workers",
				str(workers),
			],
			cwd=BENCH_ROOT,
			stdout=log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
			env={**os.environ, "HUIFANG_SITE": site},
		)
	deadline = time.monotonic() + 120
	while True:
		try:
			if requests.get(f"http://127.0.0.1:{port}/api/method/ping", timeout=5).status_code == 200:
				return proc
		except requests.RequestException:
			pass
		if time.monotonic() > deadline or proc.poll() is not None:
			raise SystemExit("web server did not start; see logs/bench_staff_load.*.log")
		time.sleep(0.5)


def stop_server(proc: subprocess.Popen) -> None:
	import signal

	try:
		os.killpg(proc.pid, signal.SIGTERM)
		proc.wait(timeout=30)
	except (ProcessLookupError, subprocess.TimeoutExpired):
		os.killpg(proc.pid, signal.SIGKILL)


def idle_baseline(url, agent, supervisor, password, query, rounds: int) -> dict[str, float]:
	"""p50 of each endpoint with one user and nothing else running."""
	stats = Stats()
	session, sup = login(url, agent, password), login(url, supervisor, password)
	rng = random.Random(0)
	for _ in range(rounds):
		r = stats.timed(TASK_LIST, lambda: list_tasks(session, url, agent))
		task = r.json()["data"][0]
		stats.timed(OPEN_CUSTOMER, lambda t=task: open_customer(session, url, t["customer"]))
		stats.timed(SAVE_RECORD, lambda t=task: save_record(session, url, agent, t, rng))
	for turn in range(max(2, rounds // 5)):
		stats.timed(REPORT, lambda t=turn: query(sup, url, ("Service Unit", "Agent")[t % 2]))
	if stats.errors:
		raise SystemExit(f"idle pass failed: {stats.errors}")
	return {name: statistics.median(values) for name, values in stats.times.items()}


# ---------------------------------------------------------------- main


def main(argv=None) -> int:
	from tests.bench.seed import add_benchmark_data_arguments

	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	add_benchmark_data_arguments(parser)  # the data set of bench_reports.py
	parser.add_argument("--agents", type=int, default=30)
	parser.add_argument("--supervisors", type=int, default=5)
	parser.add_argument("--duration", type=float, default=120)
	parser.add_argument(
		"--think",
		type=float,
		nargs=2,
		default=(2.0, 6.0),
		metavar=("MIN", "MAX"),
		help="agent pause between steps, s",
	)
	parser.add_argument("--supervisor-think", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN", "MAX"))
	parser.add_argument(
		"--workers", type=int, default=None, help="gunicorn workers (default: production count)"
	)
	parser.add_argument("--url", default=None, help="use a running server instead of starting one")
	parser.add_argument("--password", default=DEFAULT_PASSWORD)
	args = parser.parse_args(argv)

	from patches.bench import connect
	from patches.site_config import merged_config

	global PERIOD
	conf = merged_config(args.site)
	frappe = connect(args.site)
	if not args.no_seed:
		from tests.bench.seed import seed

		started = time.monotonic()
		counts = seed(
			args.customers, args.records, args.units, args.months, args.seed, until=args.until, quiet=True
		)
		frappe.db.rollback()
		print(
			f"data: {counts['Callback Record']:,} records, {counts['Customer Archive']:,} customers, "
			f"{counts['Service Unit']} units (seed {args.seed}, checked/filled in {time.monotonic() - started:.0f}s)"
		)
	PERIOD = report_month(frappe, args.seed)
	agents, supervisors = pick_staff(frappe, args.seed, args.agents, args.supervisors)
	if len(agents) < args.agents or len(supervisors) < args.supervisors:
		raise SystemExit(
			f"seed {args.seed}: {len(agents)} agents with open tasks, {len(supervisors)} supervisors"
		)
	workers = args.workers or int(conf.get("gunicorn_workers", 4))
	port = int(conf["webserver_port"])
	server = None if args.url else start_server(args.site, port, workers)
	url = args.url or f"http://127.0.0.1:{port}"
	try:
		probe = login(url, supervisors[0], args.password)
		query = report_call if report_call(probe, url, "Service Unit").status_code == 200 else group_by_call
		supervisor_action = (
			f"Monthly Service Analysis {PERIOD[0]}..{PERIOD[1]}, live"
			if query is report_call
			else "list view group-by counts"
		)
		baseline = idle_baseline(url, agents[0], supervisors[0], args.password, query, rounds=20)
		before = row_counts(frappe)

		stats, stop, saved = Stats(), threading.Event(), [0]
		threads = [
			threading.Thread(
				target=agent_loop,
				args=(url, a, args.password, stats, stop, tuple(args.think), n, saved),
				daemon=True,
			)
			for n, a in enumerate(agents)
		] + [
			threading.Thread(
				target=supervisor_loop,
				args=(url, s, args.password, stats, stop, tuple(args.supervisor_think), 1000 + n, query),
				daemon=True,
			)
			for n, s in enumerate(supervisors)
		]
		load_before = os.getloadavg()
		started = time.monotonic()
		for t in threads:
			t.start()
		time.sleep(args.duration)
		stop.set()
		for t in threads:
			t.join(150)
		elapsed = time.monotonic() - started
		load_after = os.getloadavg()
		after = row_counts(frappe)
	finally:
		if server:
			stop_server(server)
		frappe.destroy()

	return report(
		args,
		agents,
		supervisors,
		workers,
		supervisor_action,
		stats,
		baseline,
		before,
		after,
		saved[0],
		elapsed,
		(load_before, load_after),
	)


def report(
	args,
	agents,
	supervisors,
	workers,
	supervisor_action,
	stats,
	baseline,
	before,
	after,
	saved,
	elapsed,
	load,
) -> int:
	print(
		f"\nstaff load on {args.site}: {len(agents)} agents, {len(supervisors)} supervisors ({supervisor_action}),"
	)
	print(
		f"gunicorn {workers} workers, {elapsed:.0f}s, agent think {args.think[0]}-{args.think[1]}s per step"
	)
	print(
		"machine load average (1/5/15 min) at start "
		+ " / ".join(f"{x:.2f}" for x in load[0])
		+ ", at end "
		+ " / ".join(f"{x:.2f}" for x in load[1])
		+ f" on {os.cpu_count()} cores\n"
	)
	header = f"{'endpoint':<20}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}{'idle p50':>10}{'p95/idle':>9}"
	print(header)
	print("-" * len(header))
	total = 0
	for name in (TASK_LIST, OPEN_CUSTOMER, SAVE_RECORD, REPORT):
		values = stats.times.get(name, [])
		total += len(values)
		errors = len(stats.errors.get(name, []))
		idle = baseline.get(name, float("nan"))
		print(
			f"{name:<20}{len(values):>9}{len(values) / elapsed:>8.1f}{pct(values, 50):>9.0f}{pct(values, 95):>9.0f}"
			f"{pct(values, 99):>9.0f}{max(values, default=0):>9.0f}{errors:>8}{idle:>10.0f}{pct(values, 95) / idle:>9.1f}"
		)
	print(f"{'all':<20}{total:>9}{total / elapsed:>8.1f}")
	errors = sum(len(v) for v in stats.errors.values())
	for name, details in stats.errors.items():
		print(f"  {name}: {details[:3]}")
	print("\nrows before -> after")
	for dt in COUNTED:
		print(f"  {dt:<18}{before[dt]:>12,} -> {after[dt]:>12,}")
	lost = after["Callback Record"] - before["Callback Record"] != saved or any(
		after[dt] != before[dt] for dt in COUNTED if dt not in ("Callback Record", "Callback Answer")
	)
	print(f"  records saved (200 answers) {saved:,}; rows lost or unexpected: {'YES' if lost else 'none'}")
	missed = []
	for name, limit in TARGETS.items():
		p95 = pct(stats.times.get(name, []), 95)
		ok = p95 < limit
		missed += [] if ok else [name]
		print(f"target {name} p95 < {limit} ms: {p95:.0f} ms {'PASS' if ok else 'MISS'}")
	print(f"errors: {errors}")
	return 1 if errors or lost or missed else 0


if __name__ == "__main__":
	sys.exit(main())
