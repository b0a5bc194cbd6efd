"""Saving an answered survey link as a Survey Response, exactly once (R-60, R-62)."""

from __future__ import annotations

import frappe
from frappe.utils import now_datetime

from huifang.portal.invitations import claim, mark_used, response_channel


def save_response(invitation_name: str, answers: list[dict], comments: str | None):
	"""Lock the link, insert the response and mark the link used, all in the request's
	transaction; a failure leaves the link unused. Raises LinkStateError when already used."""
	frappe.db.savepoint("huifang_survey_submit")
	try:
		invitation = claim(invitation_name)
		doc = frappe.get_doc(
			{
				"doctype": "Survey Response",
				"campaign": invitation.campaign,
				"survey_template": invitation.survey_template,
				"channel": response_channel(invitation),
				"submitted_on": now_datetime(),
				"is_anonymous": invitation.is_anonymous,
				# anonymous responses carry no customer and no reference to the invitation
				"customer": None if invitation.is_anonymous else invitation.customer,
				"answers": answers,
				"comments": comments or None,
			}
		)
		doc.insert(ignore_permissions=True)
		mark_used(invitation, doc.name)
	except Exception:
		frappe.db.rollback(save_point="huifang_survey_submit")
		raise
	return doc
