"""Archive Access Request (R-12): time-limited read access to another unit's customer archive,
approved by a Manager. The rules live in huifang.security.access."""

from frappe.model.document import Document

from huifang.security import access


class ArchiveAccessRequest(Document):
	def validate(self):
		access.validate_request(self)

	def after_insert(self):
		access.after_request_insert(self)

	def on_update(self):
		access.on_request_update(self)
