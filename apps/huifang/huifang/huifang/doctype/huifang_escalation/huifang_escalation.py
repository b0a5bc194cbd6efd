"""Huifang Escalation: the ledger that makes every escalation happen exactly once
(huifang.scheduling.notify). The unique key is the guard, checked by the database."""

from frappe.model.document import Document

from huifang.utils.db import ensure_unique


class HuifangEscalation(Document):
	pass


def on_doctype_update():
	ensure_unique(
		"Huifang Escalation",
		["reference_doctype", "reference_name", "breach", "escalated_to"],
		"unique_breach_recipient",
	)
