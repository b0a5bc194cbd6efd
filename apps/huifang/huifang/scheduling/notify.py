"""Escalation notices: exactly one Notification Log and one ToDo per breach and recipient.

A breach (an overdue task, a missed complaint deadline, a major complaint) is first written to the
Huifang Escalation ledger, whose unique key (document, breach, recipient) is the once-only guard:
rows are inserted with INSERT IGNORE under a batch token, and only the rows this batch actually
inserted get a notification and a ToDo. Two overlapping runs, or a re-run after a crash, cannot
notify twice. Everything is written in bulk; the bell is refreshed once per recipient.
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe.utils import now_datetime

TASK_OVERDUE = "Task Overdue"
REPLY_OVERDUE = "Reply Overdue"
RECTIFY_OVERDUE = "Rectification Overdue"
MAJOR_COMPLAINT = "Major Complaint"
IMPORTANT_UNREPORTED = "Important Complaint Unreported"


@dataclass(frozen=True)
class Breach:
	reference_doctype: str
	reference_name: str
	breach: str
	recipient: str
	subject: str
	service_unit: str | None = None
	deadline: object = None


def escalate(breaches: list[Breach], run_log: str | None = None) -> list[Breach]:
	"""Record and announce the breaches not escalated before; returns those announced now."""
	breaches = [b for b in breaches if b.recipient]
	if not breaches:
		return []
	token = frappe.generate_hash(length=20)
	now = now_datetime()
	user = frappe.session.user
	frappe.db.bulk_insert(
		"Huifang Escalation",
		[
			"name",
			"creation",
			"modified",
			"modified_by",
			"owner",
			"docstatus",
			"reference_doctype",
			"reference_name",
			"breach",
			"escalated_to",
			"service_unit",
			"deadline",
			"escalated_on",
			"subject",
			"batch",
			"run_log",
		],
		[
			(
				frappe.generate_hash(length=12),
				now,
				now,
				user,
				user,
				0,
				b.reference_doctype,
				b.reference_name,
				b.breach,
				b.recipient,
				b.service_unit,
				b.deadline,
				now,
				b.subject,
				token,
				run_log,
			)
			for b in breaches
		],
		ignore_duplicates=True,
	)
	mine = frappe.get_all(
		"Huifang Escalation",
		filters={"batch": token},
		fields=["name", "reference_doctype", "reference_name", "breach", "escalated_to"],
	)
	by_key = {(b.reference_doctype, b.reference_name, b.breach, b.recipient): b for b in breaches}
	announced = [by_key[(r.reference_doctype, r.reference_name, r.breach, r.escalated_to)] for r in mine]
	if not announced:
		return []
	links = [(r.name, frappe.generate_hash(length=12), frappe.generate_hash(length=10)) for r in mine]
	frappe.db.bulk_insert(
		"Notification Log",
		[
			"name",
			"creation",
			"modified",
			"modified_by",
			"owner",
			"docstatus",
			"subject",
			"for_user",
			"type",
			"document_type",
			"document_name",
			"from_user",
			"read",
		],
		[
			(
				log,
				now,
				now,
				user,
				user,
				0,
				b.subject,
				b.recipient,
				"Alert",
				b.reference_doctype,
				b.reference_name,
				user,
				0,
			)
			for (_esc, log, _todo), b in zip(links, announced, strict=True)
		],
	)
	frappe.db.bulk_insert(
		"ToDo",
		[
			"name",
			"creation",
			"modified",
			"modified_by",
			"owner",
			"docstatus",
			"status",
			"priority",
			"date",
			"description",
			"reference_type",
			"reference_name",
			"allocated_to",
			"assigned_by",
		],
		[
			(
				todo,
				now,
				now,
				user,
				user,
				0,
				"Open",
				"High",
				now.date(),
				b.subject,
				b.reference_doctype,
				b.reference_name,
				b.recipient,
				user,
			)
			for (_esc, _log, todo), b in zip(links, announced, strict=True)
		],
	)
	for esc, log, todo in links:
		frappe.db.set_value(
			"Huifang Escalation", esc, {"notification_log": log, "todo": todo}, update_modified=False
		)
	add_to_assign(announced)
	for recipient in {b.recipient for b in announced}:
		frappe.publish_realtime("notification", after_commit=True, user=recipient)
	return announced


def add_to_assign(breaches: list[Breach]) -> None:
	"""Show the recipient in the document's "Assigned To" (what the ToDo hooks would do)."""
	for b in breaches:
		frappe.db.sql(
			f"""UPDATE `tab{b.reference_doctype}`
			SET `_assign` = JSON_ARRAY_APPEND(IF(IFNULL(`_assign`, '') IN ('', 'null'), '[]', `_assign`), '$', %(user)s)
			WHERE name = %(name)s
				AND NOT JSON_CONTAINS(IF(IFNULL(`_assign`, '') IN ('', 'null'), '[]', `_assign`), JSON_QUOTE(%(user)s))""",
			{"user": b.recipient, "name": b.reference_name},
		)
