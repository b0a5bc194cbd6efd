"""Archive Access Requests (R-12): staff outside the owning unit ask for a customer archive, a
Manager approves through the "Archive Access Request Approval" workflow, approval shares the
archive read-only with the requester (DocShare) until `expires_on`, and the hourly job takes the
share back. Every step writes an Archive Access Log.

Shares on archives are otherwise refused (validate_share), so neither "Share" nor "Assign To"
can open an archive around this flow.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from huifang.security.logs import log_access

MAX_HOURS = 720
PENDING, APPROVED, REJECTED, REVOKED, EXPIRED = "Pending", "Approved", "Rejected", "Revoked", "Expired"
OPEN_STATES = (PENDING, APPROVED)


def validate_request(doc) -> None:
	if not 1 <= (doc.duration_hours or 0) <= MAX_HOURS:
		frappe.throw(
			_("{0} must be between 1 and {1} hours.").format(_("Duration (Hours)"), MAX_HOURS),
			title=_("Invalid Duration"),
		)
	if not (doc.reason or "").strip():
		frappe.throw(_("{0} is required.").format(_("Reason")))
	doc.service_unit = frappe.db.get_value("Customer Archive", doc.customer, "service_unit")
	if doc.is_new():
		validate_new(doc)
	elif doc.has_value_changed("workflow_state") and doc.workflow_state in (APPROVED, REJECTED, REVOKED):
		if doc.workflow_state != REVOKED and frappe.session.user == doc.requested_by:
			frappe.throw(_("You cannot decide on your own access request."), frappe.PermissionError)
		doc.decided_by = frappe.session.user


def validate_new(doc) -> None:
	doc.requested_by = frappe.session.user
	if frappe.has_permission("Customer Archive", "read", doc.customer, user=doc.requested_by):
		frappe.throw(_("You can already open customer archive {0}.").format(doc.customer))
	if frappe.db.exists(
		"Archive Access Request",
		{"customer": doc.customer, "requested_by": doc.requested_by, "workflow_state": ("in", OPEN_STATES)},
	):
		frappe.throw(
			_("You already have an open access request for customer archive {0}.").format(doc.customer)
		)


def after_request_insert(doc) -> None:
	log_access("Access Requested", doc.customer, access_request=doc.name, note=doc.reason)


def on_request_update(doc) -> None:
	if not doc.has_value_changed("workflow_state"):
		return
	if doc.workflow_state == APPROVED:
		grant(doc)
	elif doc.workflow_state == REJECTED:
		log_access(
			"Access Rejected",
			doc.customer,
			user=doc.requested_by,
			access_request=doc.name,
			note=doc.decision_note,
		)
	elif doc.workflow_state == REVOKED:
		take_back(doc.docshare)
		log_access(
			"Access Revoked",
			doc.customer,
			user=doc.requested_by,
			access_request=doc.name,
			note=doc.decision_note,
		)


def grant(doc) -> None:
	share = frappe.share.add_docshare(
		"Customer Archive",
		doc.customer,
		doc.requested_by,
		read=1,
		flags={"ignore_share_permission": True, "huifang_access_request": doc.name},
	)
	approved_on = now_datetime()
	expires_on = add_to_date(approved_on, hours=doc.duration_hours)
	doc.db_set({"approved_on": approved_on, "expires_on": expires_on, "docshare": share.name})
	log_access(
		"Access Granted",
		doc.customer,
		user=doc.requested_by,
		access_request=doc.name,
		note=_("Read access until {0}").format(expires_on),
	)


def take_back(docshare: str | None) -> None:
	if docshare and frappe.db.exists("DocShare", docshare):
		frappe.delete_doc(
			"DocShare", docshare, ignore_permissions=True, flags={"ignore_share_permission": True}
		)


def expire_access() -> int:
	"""Hourly: approved requests past `expires_on` lose their share and become Expired.
	Each request is committed on its own, so a crash leaves nothing half done."""
	due = frappe.get_all(
		"Archive Access Request",
		filters={"workflow_state": APPROVED, "expires_on": ("<=", now_datetime())},
		fields=["name", "customer", "requested_by", "docshare", "service_unit"],
		limit_page_length=0,
	)
	for row in due:
		take_back(row.docshare)
		frappe.db.set_value("Archive Access Request", row.name, "workflow_state", EXPIRED)
		log_access(
			"Access Expired",
			row.customer,
			user=row.requested_by,
			access_request=row.name,
			service_unit=row.service_unit,
		)
		frappe.db.commit()
	return len(due)


def validate_share(doc, method=None, share=None) -> None:
	"""doc_events validate_share of Customer Archive: only an approved access request (or a
	System Manager) may share an archive."""
	if share is None or share.flags.get("huifang_access_request"):
		return
	if "System Manager" in frappe.get_roles():
		return
	frappe.throw(
		_("Customer archives are opened to other staff through an Archive Access Request."),
		frappe.PermissionError,
	)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def archive_lookup(doctype, txt, searchfield, start, page_len, filters):
	"""Link query of Archive Access Request.customer: the archive number typed in full, nothing
	else, so archives of other units can be named without being searchable."""
	name = (txt or "").strip()
	if name and frappe.db.exists("Customer Archive", name):
		return [[name]]
	return []


GUARDED_FIELDS = ("is_confidential", "account_manager")


def guard_confidentiality(doc, method=None) -> None:
	"""doc_events validate of Customer Archive: who is named on an archive (the confidential flag,
	the account manager; the named users sit at permlevel 1) is changed by Supervisors and up only,
	so nobody can name themselves."""
	if doc.is_new() or doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	if 1 in doc.get_permlevel_access("write"):
		return
	for field in GUARDED_FIELDS:
		if doc.has_value_changed(field):
			frappe.throw(
				_("Only a Supervisor or Manager may change {0}.").format(_(doc.meta.get_label(field))),
				frappe.PermissionError,
			)
