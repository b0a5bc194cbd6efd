"""Helpers for the scheduling tests (not loaded by the app itself)."""

import frappe

from huifang.scheduling.run_log import Run
from huifang.tests.factories import make_event


class SimulatedCrash(BaseException):
	"""Stands for the worker being killed: not an Exception, so no job handler swallows it."""


def approve(plan: str):
	frappe.db.set_value("Callback Plan", plan, "workflow_state", "Approved")
	return frappe.get_doc("Callback Plan", plan)


def scratch_run(job: str = "Callback Generation (Manual)") -> Run:
	"""A run inside the test transaction: checkpoints are savepoints."""
	run = Run(job, commit=False)
	run.start()
	return run


def event_on(customer: str, event_type: str, day: str, **fields) -> str:
	stamp = f"{day} 10:00:00"
	return make_event(customer, event_type, occurred_on=stamp, completed_on=stamp, **fields)


def tasks(
	plan: str, fields=("name", "task_key", "service_event", "earliest_date", "latest_date", "assignee")
):
	return frappe.get_all(
		"Callback Task", filters={"callback_plan": plan}, fields=list(fields), order_by="task_key asc"
	)


def crash_after_first_batch():
	state = {"batches": 0}

	def after_batch(_writer):
		state["batches"] += 1
		if state["batches"] == 1:
			raise SimulatedCrash("killed after the first batch")

	return after_batch
