"""Scheduler Run Log: one row per scheduled-job run (huifang.scheduling.run_log writes it)."""

from frappe.model.document import Document

from huifang.utils.db import ensure_indexes


class SchedulerRunLog(Document):
	pass


def on_doctype_update():
	ensure_indexes("Scheduler Run Log", {"job_started_index": ["job", "started"]})
