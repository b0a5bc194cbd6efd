"""Bulk writer of Callback Tasks: the only place scheduled jobs create tasks.

Rows are written in batches with one multi-row INSERT IGNORE each. The database's unique keys
(task_key, and service_event + callback_plan + plan_step) make a second insert of the same task a
no-op, so re-runs, overlapping runs and crash-resumes never create a task twice. Names follow the
DocType's naming series: a block of counter values is reserved per batch in `tabSeries`.
"""

from __future__ import annotations

from collections.abc import Callable

import frappe
from frappe.model.naming import NamingSeries
from frappe.utils import now_datetime

DOCTYPE = "Callback Task"
SERIES = "HF-CT-.YYYY.-"
DIGITS = 5
DEFAULT_BATCH = 5000

# every column a generated task sets; the rest keep their database defaults
FIELDS = (
	"customer",
	"customer_name",
	"service_unit",
	"assignee",
	"status",
	"method",
	"priority",
	"is_revisit",
	"earliest_date",
	"latest_date",
	"preferred_time_from",
	"preferred_time_to",
	"do_not_call",
	"service_event",
	"event_type",
	"callback_plan",
	"plan_step",
	"task_key",
	"reassigned_from",
	"reassign_reason",
	"source_record",
	"source_complaint",
	"source_rectification",
)
DEFAULTS = {"status": "Open", "method": "Phone", "is_revisit": 0, "do_not_call": 0, "plan_step": 0}
_SYSTEM = (
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"idx",
	"naming_series",
	"attempt_count",
	"escalated",
)
_INSERT_SQL = "INSERT IGNORE INTO `tabCallback Task` ({}) VALUES ".format(
	", ".join(f"`{c}`" for c in (*_SYSTEM, *FIELDS))
)


def reserve_names(count: int, series: str = SERIES) -> list[str]:
	"""`count` consecutive names of the naming series, reserved atomically (row lock until commit)."""
	prefix = NamingSeries(series).get_prefix()
	frappe.db.sql(
		"INSERT INTO `tabSeries` (`name`, `current`) VALUES (%s, %s) "
		"ON DUPLICATE KEY UPDATE `current` = `current` + VALUES(`current`)",
		(prefix, count),
	)
	last = int(frappe.db.sql("SELECT `current` FROM `tabSeries` WHERE `name` = %s", prefix)[0][0])
	return [f"{prefix}{n:0{DIGITS}d}" for n in range(last - count + 1, last + 1)]


def _literal(value) -> str:
	"""An SQL literal for the query text; strings are escaped with % doubled (a %s follows)."""
	if value is None:
		return "NULL"
	if isinstance(value, bool | int | float):
		return str(int(value)) if isinstance(value, bool) else str(value)
	return frappe.db.escape(str(value))


class TaskWriter:
	"""Buffer task dicts, write them in batches, checkpoint the run after each batch.

	`after_batch(writer)` is called after each committed batch (progress; tests inject crashes)."""

	def __init__(self, run=None, batch_size: int = DEFAULT_BATCH, after_batch: Callable | None = None):
		self.run = run
		self.batch_size = max(int(batch_size or DEFAULT_BATCH), 1)
		self.after_batch = after_batch
		self.buffer: list[dict] = []
		self.created = 0
		self.seen = 0
		self.user = frappe.session.user

	def add(self, task: dict) -> None:
		self.buffer.append(task)
		if len(self.buffer) >= self.batch_size:
			self.flush()

	def flush(self) -> int:
		if not self.buffer:
			return 0
		batch, self.buffer = self.buffer, []
		names = reserve_names(len(batch))
		frappe.db.sql(*self.build_insert(names, batch))
		created = max(frappe.db._cursor.rowcount, 0)
		self.created += created
		self.seen += len(batch)
		if self.run:
			self.run.created += created
			self.run.checkpoint()
		if self.after_batch:
			self.after_batch(self)
		return created

	def build_insert(self, names: list[str], batch: list[dict]) -> tuple[str, list]:
		"""One multi-row INSERT IGNORE. Columns whose value is the same in the whole batch (plan,
		method, status, dates of a day's run...) are written as one escaped literal instead of a
		parameter per row: escaping parameters was most of the client-side cost."""
		now = now_datetime()
		system = (now, now, self.user, self.user, 0, 0, SERIES, 0, 0)
		template = ["%s", *(_literal(v) for v in system)]  # the name is the only system parameter
		varying = []
		for field in FIELDS:
			values = [t.get(field, DEFAULTS.get(field)) for t in batch]
			first = values[0]
			if all(v == first for v in values):
				template.append(_literal(first))
			else:
				template.append("%s")
				varying.append(values)
		row_sql = "(" + ", ".join(template) + ")"
		params = []
		for i, name in enumerate(names):
			params.append(name)
			params.extend(values[i] for values in varying)
		return _INSERT_SQL + ", ".join([row_sql] * len(batch)), params

	def close(self) -> int:
		self.flush()
		return self.created
