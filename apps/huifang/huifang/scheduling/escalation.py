"""Overdue callbacks and unreachable customers (R-35, R-36).

Daily:
1. tasks still open after their latest date become Overdue (one set-based UPDATE per slice);
2. each Overdue task not yet escalated is escalated once to its unit's Supervisor (the unit
   head when no supervisor is set): one Notification Log + one ToDo, guarded by the escalation
   ledger, and the task's escalated / escalated_to / escalated_on are set;
3. tasks whose trailing unanswered attempts have reached the limit (plan or Huifang Settings)
   switch from phone to the plan's fallback method, or become Unreachable when there is none —
   the same rule the task form applies, swept here so a lowered limit or attempts written by an
   integration take effect too.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import format_date, getdate, now_datetime, today

from huifang.scheduling import notify
from huifang.scheduling.run_log import job_run
from huifang.utils.settings import get_setting
from huifang.utils.units import get_unit_head, get_unit_supervisor

JOB = "Overdue and Escalation"
SLICE = 5000
ESCALATE_BATCH = 500
OPEN = ("Open", "In Progress")
UNREACHED = ("No Answer", "Busy", "Wrong Number")


def run_daily(on_date=None, commit: bool = True) -> dict:
	day = getdate(on_date or today())
	with job_run(JOB, commit=commit, run_date=day) as run:
		overdue = mark_overdue(day, run)
		escalated = escalate_overdue(run)
		switched = switch_unreachable(run)
		return {"overdue": overdue, "escalated": escalated, "switched": switched}


def mark_overdue(day, run) -> int:
	total = 0
	while True:
		frappe.db.sql(
			"""UPDATE `tabCallback Task` SET `status` = 'Overdue', `modified` = %(now)s
			WHERE `status` IN %(open)s AND `latest_date` < %(day)s LIMIT %(slice)s""",
			{"now": now_datetime(), "open": OPEN, "day": day, "slice": SLICE},
		)
		count = max(frappe.db._cursor.rowcount, 0)
		total += count
		run.updated += count
		run.checkpoint()
		if count < SLICE:
			return total


def escalation_recipient(unit: str | None, cache: dict) -> str | None:
	if unit not in cache:
		cache[unit] = get_unit_supervisor(unit) or get_unit_head(unit)
	return cache[unit]


def escalate_overdue(run) -> int:
	"""Escalate Overdue tasks once each; loops in batches until none is left."""
	recipients: dict = {}
	total = 0
	after = ""
	while True:
		rows = frappe.db.sql(
			"""SELECT name, service_unit, customer_name, latest_date, assignee FROM `tabCallback Task`
			WHERE `status` = 'Overdue' AND `escalated` = 0 AND name > %(after)s
			ORDER BY name LIMIT %(limit)s""",
			{"after": after, "limit": ESCALATE_BATCH},
			as_dict=True,
		)
		if not rows:
			return total
		after = rows[-1].name
		breaches = []
		unrouted = []
		for r in rows:
			to = escalation_recipient(r.service_unit, recipients)
			if not to:
				unrouted.append(r.name)
				continue
			breaches.append(
				notify.Breach(
					"Callback Task",
					r.name,
					notify.TASK_OVERDUE,
					to,
					_("Callback {0} for {1} is overdue (latest date {2}, assignee {3})").format(
						r.name, r.customer_name or "", format_date(r.latest_date), r.assignee or _("none")
					),
					r.service_unit,
					r.latest_date,
				)
			)
		notify.escalate(breaches, run.name)
		# every overdue task is marked, including ones a concurrent run announced first
		frappe.db.sql(
			"""UPDATE `tabCallback Task` t
			JOIN `tabHuifang Escalation` e ON e.reference_doctype = 'Callback Task'
				AND e.reference_name = t.name AND e.breach = %(breach)s
			SET t.escalated = 1, t.escalated_to = e.escalated_to, t.escalated_on = e.escalated_on
			WHERE t.name IN %(names)s AND t.escalated = 0""",
			{"breach": notify.TASK_OVERDUE, "names": tuple(r.name for r in rows)},
		)
		if unrouted:
			run.error(_("No supervisor or unit head to escalate to: {0}").format(", ".join(unrouted[:20])))
			frappe.db.sql(
				"UPDATE `tabCallback Task` SET escalated = 1, escalated_on = %(now)s WHERE name IN %(names)s",
				{"now": now_datetime(), "names": tuple(unrouted)},
			)
		total += len(rows) - len(unrouted)
		run.updated += len(rows)
		run.checkpoint()


_TRAILING_FAILURES = """
	(SELECT COUNT(*) FROM `tabCallback Attempt` a
	WHERE a.parent = t.name AND a.parenttype = 'Callback Task'
		AND a.outcome IN %(unreached)s AND a.method = t.method
		AND a.idx > IFNULL((SELECT MAX(b.idx) FROM `tabCallback Attempt` b
			WHERE b.parent = t.name AND b.parenttype = 'Callback Task'
				AND b.outcome NOT IN %(unreached)s), 0))
"""
_LIMIT = "IF(IFNULL(p.switch_after_attempts, 0) > 0, p.switch_after_attempts, %(limit)s)"
_FALLBACK = "IF(t.callback_plan IS NULL OR t.callback_plan = '', 'Visit', IFNULL(p.fallback_method, ''))"


def switch_unreachable(run) -> int:
	"""Phone -> fallback method after N unanswered calls; Unreachable when nothing is left."""
	params = {
		"unreached": UNREACHED,
		"limit": int(get_setting("unreachable_attempts")),
		"open": (*OPEN, "Overdue"),
	}
	# attempts written without a method were made with the task's method at the time
	frappe.db.sql(
		"""UPDATE `tabCallback Attempt` a JOIN `tabCallback Task` t ON t.name = a.parent
		SET a.method = t.method
		WHERE a.parenttype = 'Callback Task' AND IFNULL(a.method, '') = '' AND t.status IN %(open)s""",
		params,
	)
	base = f"""
		FROM `tabCallback Task` t LEFT JOIN `tabCallback Plan` p ON p.name = t.callback_plan
		WHERE t.status IN %(open)s
			AND EXISTS (SELECT 1 FROM `tabCallback Attempt` x WHERE x.parent = t.name AND x.parenttype = 'Callback Task')
			AND {_TRAILING_FAILURES} >= {_LIMIT}
	"""
	switch = frappe.db.sql(
		f"SELECT t.name, {_FALLBACK} {base} AND t.method = 'Phone' AND {_FALLBACK} NOT IN ('', 'Phone')",
		params,
	)
	for method in {m for _n, m in switch}:
		frappe.db.sql(
			"UPDATE `tabCallback Task` SET method = %(method)s, modified = %(now)s WHERE name IN %(names)s",
			{"method": method, "now": now_datetime(), "names": tuple(n for n, m in switch if m == method)},
		)
	switched = {n for n, _m in switch}
	give_up = [n for (n,) in frappe.db.sql(f"SELECT t.name {base}", params) if n not in switched]
	if give_up:
		frappe.db.sql(
			"UPDATE `tabCallback Task` SET status = 'Unreachable', modified = %(now)s WHERE name IN %(names)s",
			{"now": now_datetime(), "names": tuple(give_up)},
		)
	run.updated += len(switched) + len(give_up)
	run.checkpoint()
	return len(switched)
