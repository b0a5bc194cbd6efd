"""The daily callback generation job (huifang.scheduling.generation) under stress: two workers
running it at the same moment, and a worker killed in the middle of it, both end with exactly one
task per event, plan and step (R-35, R-80)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.bench.seed import seed as seed_data
from tests.conftest import BENCH, SITE

GEN_SEED = 905
REPAIR = "日常报修"


@pytest.fixture
def fresh_events(site_frappe):
	"""20 repair orders completed yesterday for seeded property customers: due for a callback."""
	frappe = site_frappe
	seed_data(n_customers=80, n_records=200, n_units=20, seed=GEN_SEED)
	frappe.db.rollback()
	customers = frappe.db.sql_list(
		"""select ca.name from `tabCustomer Archive` ca join `tabService Unit` su on su.name = ca.service_unit
		where ca.name like %s and su.unit_type = 'Project' and ca.do_not_call = 0 limit 20""",
		f"HF-CA-S{GEN_SEED}-%",
	)
	assert len(customers) == 20
	yesterday = frappe.utils.add_days(frappe.utils.now_datetime(), -1)
	names = []
	for customer in customers:
		doc = frappe.get_doc(
			{
				"doctype": "Service Event",
				"event_type": REPAIR,
				"customer": customer,
				"occurred_on": yesterday,
				"completed_on": yesterday,
				"status": "Completed",
				"description": "生成任务压力测试",
			}
		).insert(ignore_permissions=True)
		names.append(doc.name)
	frappe.db.commit()
	return names


def plan_of_seed(frappe) -> str:
	return frappe.db.get_value(
		"Callback Plan Event Type",
		{"parent": ("like", f"HF-CP-S{GEN_SEED}-%"), "event_type": REPAIR},
		"parent",
	)


def tasks_per_key(frappe, events: list[str]) -> dict[tuple, int]:
	frappe.db.rollback()
	rows = frappe.db.sql(
		"""select service_event, callback_plan, plan_step, count(*) from `tabCallback Task`
		where service_event in %s group by service_event, callback_plan, plan_step""",
		(tuple(events),),
	)
	return {(e, p, s): n for e, p, s, n in rows}


def start(code: str) -> subprocess.Popen:
	prologue = f"""
	import sys, time
	sys.path.insert(0, {str(BENCH)!r})
	from patches.bench import connect
	frappe = connect({SITE!r})
	"""
	return subprocess.Popen(
		[sys.executable, "-c", textwrap.dedent(prologue) + textwrap.dedent(code)],
		cwd=BENCH,
		stdout=subprocess.PIPE,
		stderr=subprocess.STDOUT,
		text=True,
		start_new_session=True,
	)


RUN_DAILY = """
from huifang.scheduling import generation
print("created", generation.run_daily(), flush=True)
frappe.destroy()
"""


def test_two_workers_generating_at_once_create_each_task_once(site_frappe, fresh_events):
	"""R-35, R-80: the same generation job started by two workers at the same moment: both
	finish without error and every event has one task per plan step, the same as one run."""
	frappe = site_frappe
	workers = [start(RUN_DAILY), start(RUN_DAILY)]
	outputs = [w.communicate(timeout=300)[0] for w in workers]
	assert [w.returncode for w in workers] == [0, 0], outputs
	per_key = tasks_per_key(frappe, fresh_events)
	assert set(per_key.values()) == {1}
	plan = plan_of_seed(frappe)
	assert {e for e, p, _s in per_key if p == plan} == set(fresh_events)

	again = start(RUN_DAILY)
	out = again.communicate(timeout=300)[0]
	assert again.returncode == 0, out
	assert tasks_per_key(frappe, fresh_events) == per_key


def test_worker_killed_mid_generation_rerun_completes_exactly(site_frappe, fresh_events):
	"""R-80: a worker killed (SIGKILL) half-way through the job leaves whole batches; the re-run
	creates exactly the missing tasks, none twice."""
	frappe = site_frappe
	plan = plan_of_seed(frappe)
	slow = f"""
	from frappe.utils import getdate, today
	from huifang.scheduling import generation
	from huifang.scheduling.run_log import job_run

	def after_batch(writer):
		print("batch committed", flush=True)
		time.sleep(0.5)

	with job_run(generation.JOB, run_date=getdate(today())) as run:
		generation.generate_event_plan(frappe.get_doc("Callback Plan", {plan!r}), getdate(today()), run, 5, after_batch=after_batch)
	"""
	worker = start(slow)
	seen = 0
	deadline = time.monotonic() + 240
	for line in worker.stdout:
		seen += "batch committed" in line
		if seen == 2:
			os.killpg(worker.pid, signal.SIGKILL)
			break
		assert time.monotonic() < deadline, "the job never got going"
	worker.wait(timeout=60)
	assert worker.returncode == -signal.SIGKILL
	partial = {k: n for k, n in tasks_per_key(frappe, fresh_events).items() if k[1] == plan}
	assert 0 < len(partial) < len(fresh_events)  # stopped half-way, whole batches of 5
	assert len(partial) % 5 == 0

	rerun = start(RUN_DAILY)
	out = rerun.communicate(timeout=300)[0]
	assert rerun.returncode == 0, out
	per_key = tasks_per_key(frappe, fresh_events)
	assert set(per_key.values()) == {1}
	assert {e for e, p, _s in per_key if p == plan} == set(fresh_events)


def test_job_lock_keeps_a_second_worker_off_a_plan_in_progress(site_frappe, fresh_events):
	"""R-80: while one worker holds the generation lock of a plan (it is generating it), a second
	worker running the daily job leaves that plan alone; once the lock is free, the next run
	creates the plan's tasks, each once."""
	from huifang.scheduling import generation
	from huifang.utils.job_lock import job_lock

	frappe = site_frappe
	plan = plan_of_seed(frappe)
	with job_lock(f"{generation.JOB}:{plan}") as locked:
		assert locked
		second = start(RUN_DAILY)
		out = second.communicate(timeout=300)[0]
		assert second.returncode == 0, out
		assert not {k for k in tasks_per_key(frappe, fresh_events) if k[1] == plan}
	rerun = start(RUN_DAILY)
	out = rerun.communicate(timeout=300)[0]
	assert rerun.returncode == 0, out
	per_key = tasks_per_key(frappe, fresh_events)
	assert set(per_key.values()) == {1}
	assert {e for e, p, _s in per_key if p == plan} == set(fresh_events)
