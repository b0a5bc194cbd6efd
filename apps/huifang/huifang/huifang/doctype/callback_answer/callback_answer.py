from frappe.model.document import Document


class CallbackAnswer(Document):
	pass
