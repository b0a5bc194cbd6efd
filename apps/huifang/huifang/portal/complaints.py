"""Customers' own complaints on the portal (R-50, R-62): filing one, and what they may read of it.

A complaint filed here is an ordinary Complaint (channel Website) for the customer's own archive,
so severity, deadlines and the handling workflow apply as for any other. Customers read only
their own complaints, and of those only the fields meant for them plus the replies sent to them.
"""

from __future__ import annotations

import re
from html import escape

import frappe
from frappe import _
from frappe.utils import format_datetime, now_datetime

from huifang.portal import rate_limit
from huifang.portal.survey_form import MAX_TEXT, plain_text

MAX_SUBJECT = 140
PHONE_RE = re.compile(r"^\+?[0-9][0-9\- ]{5,19}$")
FILINGS_PER_WINDOW = 10
# what the customer is told for each state of the handling workflow
CUSTOMER_STATES = {
	"New": "已提交，待受理",
	"Accepted": "已受理",
	"Assigned": "处理中",
	"Processing": "处理中",
	"Resolved": "已处理，待回访",
	"Callback": "回访中",
	"Closed": "已办结",
	"Reopened": "重新处理中",
}
SHOW_RESULT = ("Resolved", "Callback", "Closed")


def categories() -> list[tuple[str, str]]:
	options = frappe.get_meta("Complaint").get_field("category").options.splitlines()
	return [(o, _(o)) for o in options if o]


def file_complaint(customers: list[str], form) -> tuple[str | None, dict, dict]:
	"""Check the form and insert the complaint. Returns (name or None, errors by field, values)."""
	values = {
		"customer": (form.get("customer") or customers[0]).strip(),
		"subject": plain_text(form.get("subject")),
		"category": (form.get("category") or "").strip(),
		"description": plain_text(form.get("description")),
		"phone": (form.get("phone") or "").strip(),
		"people_count": (form.get("people_count") or "1").strip(),
	}
	errors = {}
	if values["customer"] not in customers:
		errors["customer"] = _("Choose one of your customer accounts.")
	if not values["subject"]:
		errors["subject"] = _("Please enter a subject.")
	elif len(values["subject"]) > MAX_SUBJECT:
		errors["subject"] = _("At most {0} characters.").format(MAX_SUBJECT)
	if values["category"] not in dict(categories()):
		errors["category"] = _("Please choose a category.")
	if not values["description"]:
		errors["description"] = _("Please describe what happened.")
	elif len(values["description"]) > MAX_TEXT:
		errors["description"] = _("At most {0} characters.").format(MAX_TEXT)
	if values["phone"] and not PHONE_RE.match(values["phone"]):
		errors["phone"] = _("Please enter a valid phone number.")
	if not values["people_count"].isdigit() or not 1 <= int(values["people_count"]) <= 9999:
		errors["people_count"] = _("Enter a number from 1 to 9999.")
	if errors:
		return None, errors, values
	if not rate_limit.allow("complaint", frappe.session.user, FILINGS_PER_WINDOW):
		return (
			None,
			{"form": _("Too many complaints in a short time; please try again in 10 minutes.")},
			values,
		)
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			"subject": values["subject"],
			"channel": "Website",
			"received_on": now_datetime(),
			"customer": values["customer"],
			"complainant_phone": values["phone"] or None,
			"people_count": int(values["people_count"]),
			"category": values["category"],
			# plain text kept as text: escaped, one paragraph per line
			"description": "".join(
				f"<p>{escape(line)}</p>" for line in values["description"].splitlines() if line.strip()
			),
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name, {}, values


def complaints_of(customers: list[str]) -> list[dict]:
	if not customers:
		return []
	rows = frappe.get_all(
		"Complaint",
		filters={"customer": ("in", customers)},
		fields=["name", "subject", "category", "workflow_state", "received_on", "replied_on"],
		order_by="received_on desc",
		limit=200,
	)
	for row in rows:
		row.state_label = CUSTOMER_STATES.get(row.workflow_state, row.workflow_state or "已提交")
		row.category_label = _(row.category) if row.category else ""
		row.received_label = format_datetime(row.received_on, "yyyy-MM-dd HH:mm")
	return rows


def for_customer(complaint) -> dict:
	"""The parts of one complaint a customer reads: status, dates, result, replies sent to them."""
	complaint.state_label = CUSTOMER_STATES.get(
		complaint.workflow_state, complaint.workflow_state or "已提交"
	)
	complaint.category_label = _(complaint.category) if complaint.category else ""
	complaint.description_text = plain_text(complaint.description)
	for field in ("received_on", "reply_by", "replied_on", "closed_on"):
		value = complaint.get(field)
		complaint[field + "_label"] = format_datetime(value, "yyyy-MM-dd HH:mm") if value else None
	complaint.result_text = plain_text(complaint.result) if complaint.workflow_state in SHOW_RESULT else None
	replies = frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": "Complaint",
			"reference_name": complaint.name,
			"communication_type": "Communication",
			"sent_or_received": "Sent",
		},
		fields=["communication_date", "content"],
		order_by="communication_date asc",
		limit=100,
	)
	complaint.replies = [
		frappe._dict(
			date=format_datetime(r.communication_date, "yyyy-MM-dd HH:mm"), text=plain_text(r.content)
		)
		for r in replies
	]
	return complaint
