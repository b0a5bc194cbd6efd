"""Re-visits (R-43): an unsatisfied customer is called back again after the problem is fixed,
again and again, until satisfied or a Manager closes the complaint with a reason.

Daily:
1. a completed Rectification Request flagged for a re-visit gets its task (the request's own
   `make_revisit_task`, keyed "revisit:<request>", so a click on the form and this job agree);
2. a re-visit that is again unsatisfied opens the next Rectification Request to the same
   responsible unit, which in turn leads back to step 1 when completed;
3. a complaint resolved again after being reopened gets a re-visit task (key
   "revisit:<complaint>:<reopen count>", to the unit head for major complaints, R-53) unless a
   re-visit for it is already open;
4. open re-visit tasks of complaints a Manager has closed are cancelled with that reason.
Re-visits are few per day, so 1 and 2 reuse the DocTypes' own per-document functions.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from huifang.scheduling.run_log import job_run
from huifang.scheduling.writer import TaskWriter
from huifang.utils.units import get_unit_head
from huifang.utils.working_days import add_working_days_for_unit

JOB = "Re-visits"
REVISIT_WORKING_DAYS = 3  # complaint callbacks: within 3 days
PER_RUN = 500
OPEN_TASK = ("Open", "In Progress", "Overdue")
REPORTED = ("Submitted", "Reviewed", "Archived")


def run_daily(on_date=None, commit: bool = True) -> dict:
	day = getdate(on_date or today())
	with job_run(JOB, commit=commit, run_date=day) as run:
		return {
			"after_rectification": tasks_after_rectification(run),
			"follow_up_rectifications": follow_up_rectifications(run),
			"reopened_complaints": tasks_for_reopened_complaints(day, run),
			"cancelled": cancel_for_closed_complaints(run),
		}


def tasks_after_rectification(run) -> int:
	from huifang.huifang.doctype.rectification_request.rectification_request import make_revisit_task

	names = frappe.get_all(
		"Rectification Request",
		filters={"revisit_pending": 1, "status": "Completed"},
		pluck="name",
		order_by="name asc",
		limit=PER_RUN,
	)
	for name in names:
		try:
			if make_revisit_task(name):
				run.created += 1
			run.checkpoint()
		except Exception as exc:
			run.abort()
			run.error(_("Rectification Request {0}").format(name), exc)
	return len(names)


def follow_up_rectifications(run) -> int:
	"""Unsatisfied re-visit records without a follow-up yet: send the problem back."""
	from huifang.huifang.doctype.callback_record.callback_record import make_rectification

	rows = frappe.db.sql(
		"""SELECT r.name, rr.responsible_unit FROM `tabCallback Record` r
		JOIN `tabCallback Task` t ON t.name = r.callback_task
		JOIN `tabRectification Request` rr ON rr.name = t.source_rectification
		WHERE r.needs_revisit = 1 AND t.is_revisit = 1 AND r.workflow_state IN %(reported)s
			AND IFNULL(r.rectification_request, '') = '' AND IFNULL(r.complaint, '') = ''
		ORDER BY r.name LIMIT %(limit)s""",
		{"reported": REPORTED, "limit": PER_RUN},
	)
	for name, unit in rows:
		try:
			record = frappe.get_doc("Callback Record", name)
			make_rectification(record, _("Customer still unsatisfied after re-visit {0}").format(name), unit)
			run.created += 1
			run.checkpoint()
		except Exception as exc:
			run.abort()
			run.error(_("Callback Record {0}").format(name), exc)
	return len(rows)


def tasks_for_reopened_complaints(day, run) -> int:
	rows = frappe.db.sql(
		"""SELECT c.name, c.customer, ca.customer_name, ca.do_not_call, c.service_unit,
			c.responsible_unit, c.severity, c.callback_by, c.reopen_count,
			ca.preferred_time_from, ca.preferred_time_to
		FROM `tabComplaint` c JOIN `tabCustomer Archive` ca ON ca.name = c.customer
		WHERE c.workflow_state = 'Resolved' AND c.reopen_count > 0
			AND NOT EXISTS (SELECT 1 FROM `tabCallback Task` t
				WHERE t.task_key = CONCAT('revisit:', c.name, ':', c.reopen_count))
			AND NOT EXISTS (SELECT 1 FROM `tabCallback Task` t
				WHERE t.source_complaint = c.name AND t.is_revisit = 1 AND t.status IN %(open)s)
		ORDER BY c.name LIMIT %(limit)s""",
		{"open": OPEN_TASK, "limit": PER_RUN},
		as_dict=True,
	)
	writer = TaskWriter(run)
	for c in rows:
		unit = c.service_unit
		head = get_unit_head(c.responsible_unit or unit)
		writer.add(
			{
				"customer": c.customer,
				"customer_name": c.customer_name,
				"service_unit": unit,
				"assignee": head if c.severity == "Major" and head else (c.callback_by or head),
				"method": "Visit" if c.do_not_call else "Phone",
				"is_revisit": 1,
				"earliest_date": day,
				"latest_date": add_working_days_for_unit(day, REVISIT_WORKING_DAYS, unit),
				"preferred_time_from": c.preferred_time_from,
				"preferred_time_to": c.preferred_time_to,
				"do_not_call": c.do_not_call,
				"source_complaint": c.name,
				"task_key": f"revisit:{c.name}:{c.reopen_count}",
			}
		)
	return writer.close()


def cancel_for_closed_complaints(run) -> int:
	frappe.db.sql(
		"""UPDATE `tabCallback Task` t JOIN `tabComplaint` c ON c.name = t.source_complaint
		SET t.status = 'Cancelled', t.modified = %(now)s,
			t.cancel_reason = CONCAT(%(reason)s, IFNULL(c.close_reason, ''))
		WHERE t.is_revisit = 1 AND t.status IN %(open)s AND c.workflow_state = 'Closed'""",
		{"now": now_datetime(), "open": OPEN_TASK, "reason": _("Complaint closed: ")},
	)
	count = max(frappe.db._cursor.rowcount, 0)
	run.updated += count
	run.checkpoint()
	return count
