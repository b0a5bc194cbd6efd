from frappe.model.document import Document


class ArchiveAllowedUser(Document):
	pass
