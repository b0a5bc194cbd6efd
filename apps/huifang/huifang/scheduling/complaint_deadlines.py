"""Complaint deadlines (R-51, R-52, R-53).

Hourly: a complaint not replied to by its reply-by date, without rectification feedback by
its rectify-by date, or important and still not accepted (reported) by its report-by date (both counted in working days of the unit's calendar by the Complaint
controller), is escalated once per breach to the Supervisor of the unit concerned (the unit head
when no supervisor is set). Major complaints are reported to every Huifang Manager at once: on
insert, and when a complaint is raised to Major later (doc_events, not the hourly job).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import format_date, get_datetime, getdate, now_datetime

from huifang.scheduling import notify
from huifang.scheduling.escalation import escalation_recipient
from huifang.scheduling.run_log import job_run

JOB = "Complaint Deadlines"
MAJOR = "Major"
MANAGER = "Huifang Manager"
BATCH = 500
# states in which each deadline no longer applies
REPLY_DONE = ("Closed",)
RECTIFY_DONE = ("Resolved", "Callback", "Closed")
REPORT_DONE = ("Accepted", "Assigned", "Processing", "Resolved", "Callback", "Closed", "Reopened")


def run_hourly(now=None, commit: bool = True) -> int:
	day = getdate(get_datetime(now or now_datetime()))
	with job_run(JOB, commit=commit, run_date=day) as run:
		count = escalate_breaches(
			day, run, notify.REPLY_OVERDUE, "reply_by", "replied_on", REPLY_DONE, "service_unit"
		)
		count += escalate_breaches(
			day,
			run,
			notify.RECTIFY_OVERDUE,
			"rectify_by",
			"rectification_feedback_on",
			RECTIFY_DONE,
			"responsible_unit",
		)
		# an important complaint still not accepted (reported) by its report-by day
		count += escalate_breaches(
			day, run, notify.IMPORTANT_UNREPORTED, "report_by", "accepted_on", REPORT_DONE, "service_unit"
		)
		return count


def escalate_breaches(
	day, run, breach: str, deadline: str, done_field: str, done_states, unit_field: str
) -> int:
	"""Complaints past `deadline` (a working-day date) with `done_field` still empty."""
	recipients: dict = {}
	total = 0
	after = ""
	while True:
		rows = frappe.db.sql(
			f"""SELECT c.name, c.subject, c.severity, c.{deadline} AS deadline,
				IFNULL(NULLIF(c.{unit_field}, ''), c.service_unit) AS unit
			FROM `tabComplaint` c
			WHERE c.{deadline} < %(day)s AND c.{done_field} IS NULL
				AND IFNULL(c.workflow_state, '') NOT IN %(done)s AND c.name > %(after)s
				AND NOT EXISTS (SELECT 1 FROM `tabHuifang Escalation` e WHERE e.reference_doctype = 'Complaint'
					AND e.reference_name = c.name AND e.breach = %(breach)s)
			ORDER BY c.name LIMIT %(limit)s""",
			{"day": day, "done": done_states, "after": after, "breach": breach, "limit": BATCH},
			as_dict=True,
		)
		if not rows:
			return total
		after = rows[-1].name
		message = {
			notify.REPLY_OVERDUE: _("Complaint {0} ({1}) was not replied to by {2}"),
			notify.RECTIFY_OVERDUE: _("Complaint {0} ({1}) has no rectification feedback by {2}"),
			notify.IMPORTANT_UNREPORTED: _("Important complaint {0} ({1}) was not reported by {2}"),
		}[breach]
		breaches = []
		for r in rows:
			to = escalation_recipient(r.unit, recipients)
			if not to:
				run.error(_("No supervisor or unit head to escalate complaint {0} to").format(r.name))
				continue
			breaches.append(
				notify.Breach(
					"Complaint",
					r.name,
					breach,
					to,
					message.format(r.name, r.subject, format_date(r.deadline)),
					r.unit,
					r.deadline,
				)
			)
		announced = notify.escalate(breaches, run.name)
		total += len(announced)
		run.created += len(announced)
		run.checkpoint()


def managers() -> list[str]:
	return [
		r[0]
		for r in frappe.db.sql(
			"""SELECT DISTINCT u.name FROM `tabUser` u
			JOIN `tabHas Role` r ON r.parent = u.name AND r.parenttype = 'User'
			WHERE r.role = %s AND u.enabled = 1 ORDER BY u.name""",
			MANAGER,
		)
	]


def notify_major(doc, method=None) -> None:
	"""doc_events on_update (also runs on insert): leadership hears of a major complaint at once (R-51).
	The escalation ledger makes this once per complaint and manager, however often it is saved."""
	if doc.severity != MAJOR or not doc.has_value_changed("severity"):
		return
	subject = _("Major complaint {0}: {1}").format(doc.name, doc.subject)
	notify.escalate(
		[
			notify.Breach("Complaint", doc.name, notify.MAJOR_COMPLAINT, user, subject, doc.service_unit)
			for user in managers()
		]
	)
