from frappe.model.document import Document


class CallbackAttempt(Document):
	pass
