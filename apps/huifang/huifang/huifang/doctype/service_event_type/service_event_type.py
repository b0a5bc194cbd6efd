"""Service Event Type: what kinds of service get callbacks; plans target these (R-20, R-30)."""

from frappe.model.document import Document


class ServiceEventType(Document):
	pass
