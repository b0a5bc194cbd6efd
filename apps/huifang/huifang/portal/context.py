"""What every portal page shows: the organisation's name and, for a signed-in customer, the
navigation; and the CSRF check of their forms. Pages are self-contained (no Desk or website
bundles) so they work without JavaScript."""

from __future__ import annotations

import hmac

import frappe
from frappe.sessions import get_csrf_token

from huifang.utils.units import get_unit_chain

FALLBACK_NAME = "回访管理"


def organisation_name(service_unit: str | None = None) -> str:
	"""The company the unit belongs to; else the only company; else the site's title."""
	for unit in get_unit_chain(service_unit):
		if unit.unit_type == "Company":
			return unit.name
	companies = frappe.get_all(
		"Service Unit", filters={"unit_type": "Company", "disabled": 0}, pluck="name", limit=2
	)
	if len(companies) == 1:
		return companies[0]
	return frappe.get_system_settings("app_name") or FALLBACK_NAME


def page_context(context, title: str, service_unit: str | None = None, status: int | None = None):
	"""Fill the base template's variables; responses are never cached by browsers or proxies."""
	context.no_cache = 1
	context.title = title
	context.organisation = organisation_name(service_unit)
	context.signed_in = frappe.session.user != "Guest"
	context.csrf_token = get_csrf_token() if context.signed_in else None
	if status:
		context.http_status_code = status
	headers = getattr(frappe.local, "response_headers", None)
	if headers is not None:
		headers["Cache-Control"] = "no-store"
		headers["Referrer-Policy"] = "no-referrer"
		headers["X-Robots-Tag"] = "noindex"
	return context


def csrf_ok() -> bool:
	"""The posted form carries this session's CSRF token. The engine checks it only once the
	session has a token, so a form posted right after signing in would pass unchecked; the portal
	forms always render a token and always require it."""
	saved = (frappe.session.data or {}).get("csrf_token")
	sent = frappe.request.form.get("csrf_token") or frappe.get_request_header("X-Frappe-CSRF-Token") or ""
	return bool(saved) and hmac.compare_digest(saved, sent)
