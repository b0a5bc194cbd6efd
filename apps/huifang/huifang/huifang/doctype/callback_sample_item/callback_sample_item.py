from frappe.model.document import Document


class CallbackSampleItem(Document):
	pass
