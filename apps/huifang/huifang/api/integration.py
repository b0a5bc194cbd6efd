"""Integration API for outside systems (R-20): business systems post service events, the
telephony system posts call logs with recordings, and both can read a customer's callback
history. Usage and curl examples: huifang/api/README.md.

Callers authenticate with a User's API key and secret (`Authorization: token key:secret`); the
user needs the Huifang Integration role (or System Manager). Documents are written with
ignore_permissions because that role check, not DocType permissions, is the contract here.
Every method runs in the request's transaction: an error rolls back everything it wrote.
"""

# postponed annotations: huifang.api.validation checks the types and answers in Chinese
from __future__ import annotations

import base64
import binascii
import datetime
import os

import frappe
from frappe import _

from huifang.api.validation import Field, api_method, field_error

INTEGRATION_ROLE = "Huifang Integration"
API_ROLES = (INTEGRATION_ROLE, "System Manager")
PRIORITIES = ("P1", "P2", "P3", "P4")
OUTCOMES = ("Answered", "No Answer", "Busy", "Wrong Number", "Refused")
AUDIO_TYPES = (".mp3", ".wav", ".amr", ".m4a", ".ogg", ".aac", ".wma")
HISTORY_MAX = 500


# ---------------------------------------------------------------- service events


@frappe.whitelist(methods=["POST"])
@api_method(
	API_ROLES,
	source_system=Field("Source System", max_length=140),
	external_ref=Field("External Reference", max_length=140),
	customer=Field("Customer", link="Customer Archive"),
	event_type=Field("Event Type", link="Service Event Type"),
	occurred_on=Field("Occurred On"),
	completed_on=Field("Completed On"),
	service_unit=Field("Service Unit", link="Service Unit"),
	handler=Field("Handler", link="User"),
	sold_by=Field("Sold By", link="User"),
	priority=Field("Priority", options=PRIORITIES),
	amount=Field("Amount", minimum=0, maximum=1e12),
	expiry_date=Field("Expiry Date"),
	is_major=Field("Major"),
	subject=Field("Subject", max_length=140),
	description=Field("Description", max_length=2000),
)
def post_service_event(
	source_system: str,
	external_ref: str,
	customer: str,
	event_type: str,
	occurred_on: datetime.datetime,
	completed_on: datetime.datetime | None = None,
	service_unit: str | None = None,
	handler: str | None = None,
	sold_by: str | None = None,
	priority: str | None = None,
	amount: float | None = None,
	expiry_date: datetime.date | None = None,
	is_major: bool = False,
	subject: str | None = None,
	description: str | None = None,
) -> dict:
	"""Create the Service Event an outside system reports, once per (source_system, external_ref):
	posting the same reference again returns the event created the first time."""
	if existing := find_event(source_system, external_ref):
		return same_event(existing, customer, event_type)
	if completed_on and completed_on < occurred_on:
		field_error("completed_on", "Completed On", _("cannot be earlier than Occurred On (occurred_on)."))
	if frappe.db.get_value("Service Event Type", event_type, "disabled"):
		field_error("event_type", "Event Type", _("{0} is disabled.").format(event_type))
	doc = frappe.get_doc(
		{
			"doctype": "Service Event",
			"source_system": source_system,
			"external_ref": external_ref,
			"customer": customer,
			"event_type": event_type,
			"occurred_on": occurred_on,
			"completed_on": completed_on,
			"status": "Completed" if completed_on else "Open",
			"service_unit": service_unit,
			"handler": handler,
			"sold_by": sold_by,
			"priority": priority,
			"amount": amount,
			"expiry_date": expiry_date,
			"is_major": int(is_major),
			"subject": subject,
			"description": description,
		}
	)
	frappe.db.savepoint("huifang_post_event")
	try:
		doc.insert(ignore_permissions=True)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		# a parallel post of the same reference committed first: answer with its event
		frappe.db.rollback(save_point="huifang_post_event")
		frappe.clear_last_message()
		existing = find_event(source_system, external_ref, for_update=True)
		if not existing:
			raise
		return same_event(existing, customer, event_type)
	return event_reply(doc, created=True)


def find_event(source_system: str, external_ref: str, for_update: bool = False):
	"""The event of this reference; for_update reads the latest committed row (and locks it)."""
	return frappe.db.get_value(
		"Service Event",
		{"source_system": source_system, "external_ref": external_ref},
		["name", "customer", "event_type", "status", "service_unit"],
		as_dict=True,
		for_update=for_update,
	)


def same_event(existing, customer: str, event_type: str) -> dict:
	"""A repeated post must describe the same event; a reference reused for another customer or
	type is a conflict, not a repeat."""
	for name, label, value in (("customer", "Customer", customer), ("event_type", "Event Type", event_type)):
		if existing.get(name) != value:
			field_error(
				name,
				label,
				_("the external reference is already used by event {0} with {1}.").format(
					existing.name, existing.get(name)
				),
			)
	return event_reply(existing, created=False)


def event_reply(doc, created: bool) -> dict:
	return {
		"name": doc.name,
		"created": created,
		"customer": doc.customer,
		"event_type": doc.event_type,
		"service_unit": doc.service_unit,
		"status": doc.status,
	}


# ---------------------------------------------------------------- call logs


@frappe.whitelist(methods=["POST"])
@api_method(
	API_ROLES,
	task=Field("Callback Task", link="Callback Task"),
	outcome=Field("Outcome", options=OUTCOMES),
	call_time=Field("Call Time"),
	call_id=Field("Call ID", max_length=140),
	agent=Field("Agent", link="User"),
	duration=Field("Duration", minimum=0, maximum=86400),
	note=Field("Note", max_length=140),
	recording=Field("Recording"),
	recording_name=Field("Recording File Name", max_length=140),
)
def post_call_log(
	task: str,
	outcome: str,
	call_time: datetime.datetime,
	call_id: str | None = None,
	agent: str | None = None,
	duration: int | None = None,
	note: str | None = None,
	recording: str | None = None,
	recording_name: str | None = None,
) -> dict:
	"""Log one call of a Callback Task as a Callback Attempt, with its recording as a private File
	attached to the task. Once per call_id: a repeated post returns the attempt logged first.
	The recording comes as base64 in `recording` or as a multipart file part named `recording`."""
	content, filename = recording_content(recording, recording_name)
	# One call log per task at a time, so the call_id check and the new attempt cannot interleave.
	# Nothing is written yet; ending the request's first transaction here means the reads after
	# the lock see what the call log before us committed (REPEATABLE READ keeps the first read's
	# snapshot, taken while authenticating).
	frappe.db.commit()
	frappe.db.sql("SELECT name FROM `tabCallback Task` WHERE name = %s FOR UPDATE", task)
	if call_id and (logged := logged_call(task, call_id)):
		return logged
	doc = frappe.get_doc("Callback Task", task)
	if doc.status == "Cancelled":
		field_error("task", "Callback Task", _("task {0} is cancelled; no call can be logged.").format(task))
	row = doc.append(
		"attempts",
		{
			"attempt_time": call_time,
			"method": "Phone",
			"outcome": outcome,
			"agent": agent or doc.assignee,
			"note": note,
			"duration": duration,
			"call_id": call_id,
		},
	)
	doc.save(ignore_permissions=True)
	file_url = None
	if content is not None:
		file_url = save_recording(doc.name, filename, content)
		frappe.db.set_value("Callback Attempt", row.name, "recording", file_url, update_modified=False)
	return attempt_reply(doc, row.name, file_url, created=True)


def recording_content(recording: str | None, recording_name: str | None) -> tuple[bytes | None, str | None]:
	"""The recording's bytes and file name, checked for encoding, type and size before any write."""
	request = getattr(frappe.local, "request", None)
	upload = request.files.get("recording") if request else None
	if upload:
		content, filename = upload.stream.read(), recording_name or upload.filename
	elif recording:
		try:
			content = base64.b64decode(recording, validate=True)
		except (binascii.Error, ValueError):
			field_error("recording", "Recording", _("is not valid base64."))
		filename = recording_name
		if not filename:
			field_error("recording_name", "Recording File Name", _("is required with a recording."))
	else:
		return None, None
	filename = os.path.basename(filename or "")
	if len(filename) > 140:
		field_error("recording_name", "Recording File Name", _("is longer than {0} characters.").format(140))
	if os.path.splitext(filename)[1].lower() not in AUDIO_TYPES:
		field_error(
			"recording_name",
			"Recording File Name",
			_("must be an audio file ({0}).").format(", ".join(AUDIO_TYPES)),
		)
	limit = max_file_size()
	if len(content) > limit:
		field_error("recording", "Recording", _("is larger than {0} MB.").format(round(limit / 1048576, 1)))
	if not content:
		field_error("recording", "Recording", _("is empty."))
	return content, filename


def max_file_size() -> int:
	from frappe.core.api.file import get_max_file_size

	return get_max_file_size()


def save_recording(task: str, filename: str, content: bytes) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": filename,
			"attached_to_doctype": "Callback Task",
			"attached_to_name": task,
			"is_private": 1,
			"content": content,
		}
	)
	file.insert(ignore_permissions=True)
	return file.file_url


def logged_call(task: str, call_id: str) -> dict | None:
	row = frappe.db.get_value(
		"Callback Attempt",
		{"call_id": call_id, "parenttype": "Callback Task"},
		["name", "parent", "recording"],
		as_dict=True,
	)
	if not row:
		return None
	if row.parent != task:
		field_error(
			"call_id", "Call ID", _("call {0} is already logged on task {1}.").format(call_id, row.parent)
		)
	return attempt_reply(frappe.get_doc("Callback Task", task), row.name, row.recording, created=False)


def attempt_reply(doc, attempt: str, recording: str | None, created: bool) -> dict:
	return {
		"task": doc.name,
		"attempt": attempt,
		"created": created,
		"attempt_count": doc.attempt_count,
		"task_status": doc.status,
		"task_method": doc.method,
		"recording": recording,
	}


# ---------------------------------------------------------------- customer history

HISTORY = {
	# key: (DocType, date field, fields); confidential (permlevel 1) fields are never included
	"events": (
		"Service Event",
		"occurred_on",
		["name", "event_type", "service_unit", "status", "priority", "occurred_on", "completed_on"]
		+ ["source_system", "external_ref"],
	),
	"tasks": (
		"Callback Task",
		"earliest_date",
		["name", "service_event", "callback_plan", "status", "method", "earliest_date", "latest_date"]
		+ ["assignee", "attempt_count", "completed_on", "callback_record"],
	),
	"records": (
		"Callback Record",
		"call_time",
		["name", "callback_task", "service_event", "call_time", "method", "agent", "workflow_state"]
		+ ["overall_grade", "overall_score", "is_problem_case", "needs_revisit"],
	),
	"complaints": (
		"Complaint",
		"received_on",
		["name", "subject", "received_on", "category", "severity", "workflow_state", "closed_on"]
		+ ["callback_result", "is_repeat"],
	),
}


@frappe.whitelist(methods=["GET"])
@api_method(
	None,
	customer=Field("Customer", link="Customer Archive"),
	limit=Field("Limit", minimum=1, maximum=HISTORY_MAX),
	since=Field("Since"),
)
def get_customer_history(customer: str, limit: int = 50, since: datetime.date | None = None) -> dict:
	"""A customer's events, callback tasks, callback records and complaints, newest first, at most
	`limit` of each (with the total counts). Integration users see the whole history; staff see
	what their own permissions allow and must be allowed to read the archive."""
	integration = bool(set(API_ROLES) & set(frappe.get_roles()))
	if not integration:
		frappe.has_permission("Customer Archive", "read", doc=customer, throw=True)
	fetch = frappe.get_all if integration else frappe.get_list
	archive = frappe.db.get_value(
		"Customer Archive",
		customer,
		["name", "customer_name", "customer_type", "service_unit", "last_visit_on", "do_not_call"],
		as_dict=True,
	)
	history = {"customer": archive, "counts": {}}
	for key, (doctype, date_field, fields) in HISTORY.items():
		filters = {"customer": customer}
		if since:
			filters[date_field] = (">=", since)
		history[key] = fetch(
			doctype,
			filters=filters,
			fields=fields,
			order_by=f"{date_field} desc, name desc",
			limit_page_length=limit,
		)
		history["counts"][key] = count(doctype, filters, integration)
	return history


def count(doctype: str, filters: dict, integration: bool) -> int:
	if integration:
		return frappe.db.count(doctype, filters)
	# one customer's rows: few enough to count by name, the same on Frappe v15 and v16
	return len(frappe.get_list(doctype, filters=filters, pluck="name", limit_page_length=0))
