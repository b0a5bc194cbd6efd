"""Reveal on task (R-12): the agent working an assigned, open Callback Task may see the customer's
full phone number for that task. Every reveal writes an Archive Access Log; anything else is
refused."""

from __future__ import annotations

import frappe
from frappe import _

from huifang.security.logs import log_access
from huifang.security.scoping import ACTIVE_TASK_STATUSES


class RevealRefused(frappe.PermissionError):
	pass


@frappe.whitelist(methods=["POST"])
def reveal_phone(task: str, contact: str | None = None) -> dict:
	"""The customer's primary phone (or the phone of contact row `contact`) for `task`."""
	user = frappe.session.user
	row = frappe.db.get_value(
		"Callback Task", task, ["name", "assignee", "status", "customer", "method"], as_dict=True
	)
	if not row or row.assignee != user:
		frappe.throw(
			_("Only the assignee of a callback task may reveal the customer's phone."), RevealRefused
		)
	if row.status not in ACTIVE_TASK_STATUSES:
		frappe.throw(
			_("Callback task {0} is {1}; phones are revealed for open tasks only.").format(
				row.name, _(row.status)
			),
			RevealRefused,
		)
	customer = frappe.db.get_value(
		"Customer Archive",
		row.customer,
		["name", "primary_phone", "do_not_call", "is_confidential", "account_manager"],
		as_dict=True,
	)
	if not customer:
		frappe.throw(_("Callback task {0} has no customer.").format(row.name), RevealRefused)
	if customer.do_not_call:
		frappe.throw(_("This customer must not be called; choose a visit or a letter."), RevealRefused)
	if customer.is_confidential and not is_named(customer, user):
		frappe.throw(
			_("Customer {0} is confidential and you are not named on it.").format(customer.name),
			RevealRefused,
		)

	field, phone = "primary_phone", customer.primary_phone
	if contact:
		phone = frappe.db.get_value(
			"Customer Contact",
			{"name": contact, "parent": customer.name, "parenttype": "Customer Archive"},
			"phone",
		)
		if not phone:
			frappe.throw(_("Contact {0} has no phone number.").format(contact), RevealRefused)
		field = "contacts.phone"
	if not phone:
		frappe.throw(_("Customer {0} has no phone number.").format(customer.name), RevealRefused)
	log_access("Reveal", customer.name, field=field, callback_task=row.name)
	return {"customer": customer.name, "field": field, "phone": phone}


def is_named(customer, user: str) -> bool:
	return customer.account_manager == user or bool(
		frappe.db.exists(
			"Archive Allowed User", {"parent": customer.name, "parenttype": "Customer Archive", "user": user}
		)
	)
