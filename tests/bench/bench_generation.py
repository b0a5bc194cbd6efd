"""Benchmark: generating 100,000 due Callback Tasks from 100,000 Service Events (issue 6).

Run: env/bin/python tests/bench/bench_generation.py [--events 100000] [--naive 2000]
     (site: $HUIFANG_BENCH_SITE, else $HUIFANG_TEST_SITE, else test_huifang.localhost)

1. creates a unit with 5 agents, 1,000 customers and the events with multi-row inserts;
2. baseline, same run: a naive loop that creates one task per event with get_doc().insert()
   for --naive events of a second plan;
3. the real job: huifang.scheduling.generation.run_plan is enqueued on the "long" queue and run
   by an rq burst worker in a child process; its speed comes from the Scheduler Run Log, its peak
   memory from the child's ru_maxrss;
4. prints tasks/s, the ratio to the baseline and the worker's peak memory, then deletes its data.
Targets: >= 5,000 tasks/s, >= 20x the naive loop, worker peak < 400 MB.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))

PREFIX = "BENCH-GEN"


def connect(site):
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


def multi_insert(frappe, table, columns, rows, chunk=5000):
	head = f"INSERT INTO `{table}` ({', '.join(f'`{c}`' for c in columns)}) VALUES "
	one = "(" + ", ".join(["%s"] * len(columns)) + ")"
	for i in range(0, len(rows), chunk):
		part = rows[i : i + chunk]
		frappe.db.sql(head + ", ".join([one] * len(part)), [v for row in part for v in row])
	frappe.db.commit()


def setup(frappe, events: int, naive: int):
	from frappe.utils import add_days, now_datetime, today

	cleanup(frappe)
	agents = []
	for i in range(5):
		email = f"{PREFIX.lower()}-agent{i}@huifang.test"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": f"bench{i}", "send_welcome_email": 0}
			).insert(ignore_permissions=True)
		agents.append(email)
	unit = (
		frappe.get_doc(
			{
				"doctype": "Service Unit",
				"unit_name": f"{PREFIX} Unit",
				"unit_type": "Window",
				"members": [{"user": a} for a in agents],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	types = []
	for label in ("bulk", "naive"):
		types.append(
			frappe.get_doc(
				{
					"doctype": "Service Event Type",
					"event_type_name": f"{PREFIX} {label}",
					"category": "Repair Order",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	now = now_datetime()
	customers = [
		(
			f"{PREFIX}-CA-{i:05d}",
			now,
			now,
			"Administrator",
			"Administrator",
			0,
			"HF-CA-.#####",
			f"客户{i}",
			"Individual",
			unit,
			"Phone",
		)
		for i in range(1000)
	]
	multi_insert(
		frappe,
		"tabCustomer Archive",
		[
			"name",
			"creation",
			"modified",
			"modified_by",
			"owner",
			"docstatus",
			"naming_series",
			"customer_name",
			"customer_type",
			"service_unit",
			"preferred_method",
		],
		customers,
	)
	completed = f"{add_days(today(), -1)} 10:00:00"

	def event_rows(event_type, count, tag):
		return [
			(
				f"{PREFIX}-EV-{tag}-{i:06d}",
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				"HF-EV-.YYYY.-",
				"报修",
				event_type,
				customers[i % 1000][0],
				customers[i % 1000][7],
				unit,
				"P3",
				"Completed",
				completed,
				completed,
			)
			for i in range(count)
		]

	columns = [
		"name",
		"creation",
		"modified",
		"modified_by",
		"owner",
		"docstatus",
		"naming_series",
		"subject",
		"event_type",
		"customer",
		"customer_name",
		"service_unit",
		"priority",
		"status",
		"occurred_on",
		"completed_on",
	]
	started = time.perf_counter()
	multi_insert(frappe, "tabService Event", columns, event_rows(types[0], events, "B"))
	multi_insert(frappe, "tabService Event", columns, event_rows(types[1], naive, "N"))
	print(f"created {events + naive:,} events with bulk inserts in {time.perf_counter() - started:.1f} s")
	plans = []
	for event_type in types:
		plan = frappe.get_doc(
			{
				"doctype": "Callback Plan",
				"plan_name": f"{PREFIX} {event_type}",
				"plan_type": "Repair",
				"event_types": [{"event_type": event_type}],
				"steps": [{"step_no": 1, "anchor": "Event Completed", "offset_value": 0, "window_length": 3}],
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Callback Plan", plan.name, "workflow_state", "Approved")
		plans.append(plan.name)
	frappe.db.commit()
	return unit, plans, [r[0] for r in event_rows(types[1], naive, "N")]


def naive_loop(frappe, plan_name, events):
	"""The baseline: one document insert per task, the way a first version would do it."""
	from frappe.utils import getdate, today
	from huifang.scheduling.timing import Step, window
	from huifang.utils.working_days import get_unit_calendar

	plan = frappe.get_doc("Callback Plan", plan_name)
	step = Step.from_row(plan.steps[0])
	started = time.perf_counter()
	for name in events:
		event = frappe.get_doc("Service Event", name)
		earliest, latest = window(step, getdate(event.completed_on), get_unit_calendar(event.service_unit))
		if frappe.db.exists(
			"Callback Task", {"service_event": name, "callback_plan": plan_name, "plan_step": 1}
		):
			continue
		frappe.get_doc(
			{
				"doctype": "Callback Task",
				"customer": event.customer,
				"service_unit": event.service_unit,
				"service_event": name,
				"callback_plan": plan_name,
				"plan_step": 1,
				"earliest_date": earliest,
				"latest_date": latest,
				"task_key": f"{plan_name}/1/{name}",
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	elapsed = time.perf_counter() - started
	assert elapsed and today()
	return len(events) / elapsed, elapsed


def job_in_burst_worker(frappe, site, plan_name):
	"""Enqueue the real job on "long" and run it in an rq burst worker child process."""
	frappe.enqueue("huifang.scheduling.generation.run_plan", queue="long", timeout=3600, plan=plan_name)
	frappe.db.commit()
	started = time.perf_counter()
	subprocess.run(
		[sys.executable, "-m", "patches.bench", "--site", site, "worker", "--queue", "long", "--burst"],
		cwd=BENCH,
		check=True,
	)
	wall = time.perf_counter() - started
	peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
	frappe.db.rollback()
	log = frappe.get_all(
		"Scheduler Run Log",
		filters={"callback_plan": plan_name},
		fields=["status", "rows_created", "duration", "errors"],
		order_by="creation desc",
		limit=1,
	)[0]
	return log, wall, peak_mb


def cleanup(frappe):
	frappe.db.rollback()
	plans = frappe.get_all("Callback Plan", filters={"plan_name": ("like", f"{PREFIX}%")}, pluck="name")
	if plans:
		frappe.db.sql("DELETE FROM `tabCallback Task` WHERE callback_plan IN %s", (tuple(plans),))
		frappe.db.sql("DELETE FROM `tabScheduler Run Log` WHERE callback_plan IN %s", (tuple(plans),))
		for table in ("tabCallback Plan Step", "tabCallback Plan Event Type"):
			frappe.db.sql(f"DELETE FROM `{table}` WHERE parent IN %s", (tuple(plans),))
		frappe.db.sql("DELETE FROM `tabCallback Plan` WHERE name IN %s", (tuple(plans),))
	frappe.db.sql("DELETE FROM `tabService Event` WHERE name LIKE %s", (f"{PREFIX}-EV-%",))
	frappe.db.sql("DELETE FROM `tabCustomer Archive` WHERE name LIKE %s", (f"{PREFIX}-CA-%",))
	frappe.db.sql("DELETE FROM `tabService Event Type` WHERE name LIKE %s", (f"{PREFIX}%",))
	frappe.db.sql("DELETE FROM `tabService Unit Member` WHERE parent LIKE %s", (f"{PREFIX}%",))
	frappe.db.sql("DELETE FROM `tabService Unit` WHERE name LIKE %s", (f"{PREFIX}%",))
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--events", type=int, default=100_000)
	parser.add_argument("--naive", type=int, default=2_000)
	parser.add_argument("--keep", action="store_true", help="keep the generated data")
	args = parser.parse_args()
	site = (
		os.environ.get("HUIFANG_BENCH_SITE")
		or os.environ.get("HUIFANG_TEST_SITE")
		or "test_huifang.localhost"
	)
	frappe = connect(site)
	try:
		_unit, (bulk_plan, naive_plan), naive_events = setup(frappe, args.events, args.naive)
		naive_rate, naive_s = naive_loop(frappe, naive_plan, naive_events)
		print(
			f"naive get_doc().insert() loop: {len(naive_events):,} tasks in {naive_s:.1f} s = {naive_rate:,.0f} tasks/s"
		)
		log, wall, peak_mb = job_in_burst_worker(frappe, site, bulk_plan)
		if log.status != "Success" or log.rows_created != args.events:
			raise SystemExit(f"generation job did not complete: {log}")
		rate = log.rows_created / log.duration
		print(
			f"generation job (rq burst worker, long queue): {log.rows_created:,} tasks in {log.duration:.1f} s "
			f"= {rate:,.0f} tasks/s (worker wall time incl. start-up {wall:.1f} s)"
		)
		print(f"ratio to the naive loop: {rate / naive_rate:.1f}x   (targets: >= 5,000 tasks/s, >= 20x)")
		print(f"worker peak memory (ru_maxrss): {peak_mb:.0f} MB   (target: < 400 MB)")
		again = frappe.get_all("Callback Task", filters={"callback_plan": bulk_plan}, pluck="name")
		print(f"tasks of the plan after the run: {len(again):,} (one per event)")
	finally:
		if not args.keep:
			cleanup(frappe)
		frappe.destroy()


if __name__ == "__main__":
	main()
