"""Who the signed-in portal user is as a customer, and what they may see (R-62).

A portal user is linked to one or more Customer Archives (Customer Archive.user). Every portal
query filters on those archives on the server; customers hold no DocType permissions at all, so
the Desk, REST and frappe.client refuse them everything.
"""

from __future__ import annotations

from urllib.parse import quote

import frappe


def archives_of(user: str | None = None) -> list[str]:
	user = user or frappe.session.user
	if not user or user == "Guest":
		return []
	return frappe.get_all("Customer Archive", filters={"user": user}, pluck="name", order_by="creation")


def unit_of(customers: list[str]) -> str | None:
	"""The service unit of the customer's (first) archive: its company names the portal pages."""
	return frappe.db.get_value("Customer Archive", customers[0], "service_unit") if customers else None


def require_login() -> None:
	"""Send a visitor to the login page and back here afterwards."""
	if frappe.session.user == "Guest":
		request = getattr(frappe.local, "request", None)
		path = request.full_path.rstrip("?") if request else "/my/surveys"
		frappe.local.flags.redirect_location = "/login?redirect-to=" + quote(path, safe="/")
		raise frappe.Redirect(302)


def complaint_of(name: str | None, user: str | None = None):
	"""The complaint if it belongs to one of the user's archives, else None (never a hint that
	it exists)."""
	customers = archives_of(user)
	if not (name and customers):
		return None
	rows = frappe.get_all(
		"Complaint",
		filters={"name": name, "customer": ("in", customers)},
		fields=[
			"name", "subject", "category", "workflow_state", "received_on", "reply_by", "replied_on",
			"result", "description", "customer", "closed_on",
		],
		limit=1,
	)  # fmt: skip
	return rows[0] if rows else None


def invitation_of(name: str | None, user: str | None = None):
	"""A survey invitation addressed to one of the user's archives, else None."""
	customers = archives_of(user)
	if not (name and customers):
		return None
	return frappe.db.get_value("Survey Invitation", {"name": name, "customer": ("in", customers)}, "name")
