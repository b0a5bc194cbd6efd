from frappe.model.document import Document


class CustomerContact(Document):
	pass
