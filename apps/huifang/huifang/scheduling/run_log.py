"""One Scheduler Run Log per job run (R-80), so a supervisor sees what ran and what it did.

`job_run` also owns the transaction rhythm of a job: `run.checkpoint()` commits a finished batch
(so a crash loses at most the batch in flight, and the re-run only does what is missing), and a
failure rolls back to the last checkpoint before the log records it. With `commit=False` (tests,
callers inside a request) checkpoints are savepoints instead, which behave the same way within
the caller's transaction.
"""

from __future__ import annotations

import time
import traceback
from contextlib import contextmanager

import frappe
from frappe.utils import now_datetime

RUNNING, SUCCESS, PARTIAL, FAILED = "Running", "Success", "Partial", "Failed"
SAVEPOINT = "huifang_job_checkpoint"
MAX_ERROR_TEXT = 20000


class Run:
	def __init__(self, job: str, commit: bool = True, run_date=None, callback_plan: str | None = None):
		self.job = job
		self.commit = commit
		self.run_date = run_date
		self.callback_plan = callback_plan
		self.created = 0
		self.updated = 0
		self.errors: list[str] = []
		self.name: str | None = None
		self._started = time.monotonic()

	def checkpoint(self) -> None:
		if self.commit:
			frappe.db.commit()
		else:
			frappe.db.savepoint(SAVEPOINT)

	def abort(self) -> None:
		if self.commit:
			frappe.db.rollback()
		else:
			frappe.db.rollback(save_point=SAVEPOINT)

	def error(self, context: str, exc: BaseException | None = None) -> None:
		"""Record a failure that did not stop the job (one plan failing must not stop the rest)."""
		detail = "".join(traceback.format_exception(exc)) if exc else ""
		self.errors.append(f"{context}\n{detail}".strip())

	def start(self) -> None:
		doc = frappe.get_doc(
			{
				"doctype": "Scheduler Run Log",
				"job": self.job,
				"status": RUNNING,
				"started": now_datetime(),
				"run_date": self.run_date,
				"callback_plan": self.callback_plan,
				"triggered_by": frappe.session.user,
			}
		)
		doc.insert(ignore_permissions=True)
		self.name = doc.name
		self.checkpoint()

	def finish(self, status: str | None = None) -> None:
		status = status or (PARTIAL if self.errors else SUCCESS)
		text = "\n\n".join(self.errors)
		frappe.db.set_value(
			"Scheduler Run Log",
			self.name,
			{
				"status": status,
				"finished": now_datetime(),
				"duration": round(time.monotonic() - self._started, 3),
				"rows_created": self.created,
				"rows_updated": self.updated,
				"error_count": len(self.errors),
				"errors": text[:MAX_ERROR_TEXT] or None,
			},
			update_modified=True,
		)
		self.checkpoint()


@contextmanager
def job_run(job: str, *, commit: bool = True, run_date=None, callback_plan: str | None = None):
	"""Run a job under a Scheduler Run Log; re-raises after logging so rq/the scheduler see it.

	BaseException is caught too: a worker being killed (SystemExit) still leaves a Failed log."""
	run = Run(job, commit=commit, run_date=run_date, callback_plan=callback_plan)
	run.start()
	try:
		yield run
	except BaseException as exc:
		run.abort()
		run.error(f"{job} stopped", exc)
		run.finish(FAILED)
		raise
	else:
		run.finish()
