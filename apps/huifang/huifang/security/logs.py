"""Writing the two audit trails of R-12: Archive Access Log (reveals, access request decisions)
and Export Log (exports and prints). Both are written by the system only."""

from __future__ import annotations

import json

import frappe
from frappe.utils import now_datetime


def request_ip() -> str | None:
	return getattr(frappe.local, "request_ip", None)


def _insert(doc: dict) -> str:
	log = frappe.get_doc(doc)
	log.flags.ignore_permissions = True
	log.insert(ignore_permissions=True)
	# GET requests (print preview, page views) are not committed unless asked to
	frappe.local.flags.commit = True
	return log.name


def log_access(
	action: str,
	customer: str | None,
	*,
	user: str | None = None,
	field: str | None = None,
	callback_task: str | None = None,
	access_request: str | None = None,
	service_unit: str | None = None,
	note: str | None = None,
) -> str:
	if customer and not service_unit:
		service_unit = frappe.db.get_value("Customer Archive", customer, "service_unit")
	return _insert(
		{
			"doctype": "Archive Access Log",
			"action": action,
			"user": user or frappe.session.user,
			"customer": customer,
			"field": field,
			"callback_task": callback_task,
			"access_request": access_request,
			"service_unit": service_unit,
			"accessed_on": now_datetime(),
			"ip_address": request_ip(),
			"note": note,
		}
	)


def log_export(
	kind: str,
	*,
	doctype: str | None = None,
	name: str | None = None,
	report_name: str | None = None,
	method: str | None = None,
	file_format: str | None = None,
	filters=None,
	row_count: int | None = None,
) -> str:
	if isinstance(filters, str):
		# as sent by the client; stored readable (Chinese unit names, not \\u escapes)
		try:
			filters = json.loads(filters) if filters.strip() else None
		except ValueError:
			pass
	if filters is not None and not isinstance(filters, str):
		filters = json.dumps(filters, ensure_ascii=False, default=str)
	return _insert(
		{
			"doctype": "Export Log",
			"kind": kind,
			"user": frappe.session.user,
			"reference_doctype": doctype,
			"reference_name": name,
			"report_name": report_name,
			"method": method,
			"file_format": file_format,
			"filters": filters or None,
			"row_count": row_count,
			"exported_on": now_datetime(),
			"ip_address": request_ip(),
		}
	)


def refuse_changes(doc, method=None) -> None:
	"""validate of both log DocTypes: a log entry is never edited."""
	if not doc.is_new():
		frappe.throw(frappe._("Log entries cannot be changed."), frappe.PermissionError)
