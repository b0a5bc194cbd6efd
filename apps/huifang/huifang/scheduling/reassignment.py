"""R-04 sweep: open callbacks of agents in their first month, or flagged as not performing for
the configured number of months, move to the unit head.

New tasks are already routed at creation (generation and the task form); this daily job catches
what changed afterwards (an agent flagged this month, a task assigned before the agent's join
date was entered). One decision per (unit, agent) pair via huifang.utils.assignment, then one
set-based UPDATE per pair. Only tasks not started yet (Open) move.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from huifang.scheduling.run_log import job_run
from huifang.utils.assignment import NEW_AGENT, reassign_if_needed

JOB = "Reassignment (R-04)"


def run_daily(on_date=None, commit: bool = True) -> int:
	day = getdate(on_date or today())
	with job_run(JOB, commit=commit, run_date=day) as run:
		return reassign_open_tasks(day, run)


def reassign_open_tasks(day, run) -> int:
	pairs = frappe.db.sql(
		"""SELECT DISTINCT service_unit, assignee FROM `tabCallback Task`
		WHERE status = 'Open' AND IFNULL(assignee, '') != ''"""
	)
	moved = 0
	for unit, agent in pairs:
		head, reason = reassign_if_needed(unit, agent, day)
		if not reason:
			continue
		text = _("New agent in the first month") if reason == NEW_AGENT else _("Agent not performing")
		frappe.db.sql(
			"""UPDATE `tabCallback Task`
			SET assignee = %(head)s, reassigned_from = %(agent)s, reassign_reason = %(reason)s, modified = %(now)s
			WHERE status = 'Open' AND service_unit = %(unit)s AND assignee = %(agent)s""",
			{"head": head, "agent": agent, "reason": text, "unit": unit, "now": now_datetime()},
		)
		count = max(frappe.db._cursor.rowcount, 0)
		moved += count
		run.updated += count
		run.checkpoint()
	return moved
