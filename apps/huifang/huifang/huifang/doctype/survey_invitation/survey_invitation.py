"""Survey Invitation 调查邀请 (R-61, R-62): one personal, single-use, expiring survey link.

Rows are created in bulk by huifang.portal.invitations (never by hand: the token exists only
when the link is made). Staff may revoke an open link or extend its expiry; nothing else changes.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, get_datetime, now_datetime

from huifang.utils.db import ensure_indexes

FIXED = (
	"token_hash", "campaign", "survey_template", "customer", "channel", "is_anonymous", "batch",
	"survey_response",
)  # fmt: skip


class SurveyInvitation(Document):
	def validate(self):
		if self.is_new():
			frappe.throw(_("Survey links are created from a Survey Campaign, not by hand."))
		before = self.get_doc_before_save()
		if any(cstr(self.get(f)) != cstr(before.get(f)) for f in FIXED):
			frappe.throw(_("Only the status and the expiry of a survey link can be changed."))
		if before.status in ("Used", "Revoked"):
			frappe.throw(_("A used or revoked survey link cannot be changed."))
		if self.status == "Used":
			frappe.throw(_("A survey link becomes Used only when it is answered."))
		expired = get_datetime(self.expires_on) <= now_datetime()
		if self.status in ("Open", "Expired"):
			# the expiry decides between the two, so extending it reopens the link
			self.status = "Expired" if expired else "Open"


def on_doctype_update():
	ensure_indexes("Survey Invitation", {"customer_status_index": ["customer", "status"]})
