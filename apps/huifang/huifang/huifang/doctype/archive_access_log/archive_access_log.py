"""Archive Access Log (R-12): one row per reveal of a confidential field and per access request
event. Written by huifang.security.logs only; never edited."""

from frappe.model.document import Document

from huifang.security.logs import refuse_changes


class ArchiveAccessLog(Document):
	def validate(self):
		refuse_changes(self)
