"""Export Log (R-12, R-73): who exported or printed what, with the filters and row count.
Written by huifang.security.exports only; never edited."""

from frappe.model.document import Document

from huifang.security.logs import refuse_changes


class ExportLog(Document):
	def validate(self):
		refuse_changes(self)
