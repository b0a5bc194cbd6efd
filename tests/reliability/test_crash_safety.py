"""Crash safety (R-80): a loading process killed in the middle and started again ends with exactly
the data of an uninterrupted run, and a request that fails half-way leaves nothing behind."""

import os
import signal
import subprocess
import sys
import time

from tests.api.fixtures import call, fresh_task, one
from tests.bench.seed import fingerprint, purge
from tests.conftest import BENCH, SITE, paths

KILL_SEED = 903
ARGS = ["--records", "4000", "--customers", "400", "--units", "6", "--until", "2026-06-30"]
# small batches committed by two connections in parallel (the default), so a kill lands mid-way
CHUNKED = ["--batch", "250", "--writers", "2"]
# the reference run: other batch size, one connection (the data must not depend on either)
REFERENCE = ["--batch", "1000", "--writers", "1"]


def run_seed(extra: list[str], kill_after: str | None = None, timeout: float = 300) -> tuple[int, str]:
	"""The generator as its own process; with kill_after, SIGKILL it as soon as it prints that."""
	proc = subprocess.Popen(
		[sys.executable, "tests/bench/seed.py", "--site", SITE, "--seed", str(KILL_SEED), *ARGS, *extra],
		cwd=BENCH,
		stdout=subprocess.PIPE,
		stderr=subprocess.STDOUT,
		text=True,
		start_new_session=True,
	)
	out = []
	deadline = time.monotonic() + timeout
	try:
		for line in proc.stdout:
			out.append(line)
			if kill_after and kill_after in line:
				os.killpg(proc.pid, signal.SIGKILL)
				break
			assert time.monotonic() < deadline, "generator too slow"
		proc.wait(timeout=60)
	finally:
		if proc.poll() is None:
			os.killpg(proc.pid, signal.SIGKILL)
			proc.wait()
	return proc.returncode, "".join(out)


def test_killed_generator_resumes_to_the_exact_data(site_frappe):
	"""R-80: kill -9 in the middle of loading, run again: the same rows as a run never
	interrupted — nothing missing, nothing twice, nothing different (and the same whatever the
	batch size and the number of writing connections)."""
	purge(KILL_SEED)
	code, out = run_seed(CHUNKED, kill_after="tasks, events, records: batch 3/")
	assert code == -signal.SIGKILL, out
	partial = fingerprint(KILL_SEED)
	total_tasks = 4000 + 240  # records + 6% tasks not done
	assert 0 < partial["tabCallback Task"][0] < total_tasks  # really stopped half-way
	assert partial["tabCallback Task"][0] % 250 == 0  # whole batches only

	code, out = run_seed(CHUNKED)
	assert code == 0, out
	assert "batches already there" in out
	resumed = fingerprint(KILL_SEED)

	purge(KILL_SEED)
	code, out = run_seed(REFERENCE)
	assert code == 0, out
	clean = fingerprint(KILL_SEED)
	assert resumed == clean
	assert clean["tabCallback Record"][0] == 4000 and clean["tabCallback Task"][0] == total_tasks
	purge(KILL_SEED)


def test_failed_request_leaves_no_partial_document(stack, site_frappe, api_user, seeded):
	"""R-35, R-80: a call log that fails after the task and its new attempt were written (the disk
	refuses the recording) is rolled back whole: no attempt, no file, the task as it was."""
	frappe = site_frappe
	frappe.db.rollback()
	task = fresh_task(frappe)
	before = frappe.db.get_value("Callback Task", task, ["modified", "attempt_count", "status"], as_dict=True)
	call_id = f"disk-{time.time_ns()}"
	files = paths.site_path(SITE) / "private" / "files"
	aside = files.with_name(f"files.aside-{call_id}")
	files.rename(aside)
	files.write_text("not a folder")  # writing the recording fails after the task was saved
	try:
		r = call(
			stack,
			api_user["auth"],
			"post_call_log",
			{"task": task, "outcome": "Answered", "call_time": "2026-05-01 10:00:00", "call_id": call_id},
			files={"recording": ("lost.mp3", os.urandom(2000))},
		)
	finally:
		files.unlink()
		aside.rename(files)
	assert r.status_code >= 400, r.text
	frappe.db.rollback()
	assert (
		frappe.db.get_value("Callback Task", task, ["modified", "attempt_count", "status"], as_dict=True)
		== before
	)
	assert not one(frappe, "select count(*) from `tabCallback Attempt` where call_id=%s", call_id)
	assert not one(
		frappe, "select count(*) from tabFile where attached_to_name=%s and file_name='lost.mp3'", task
	)
