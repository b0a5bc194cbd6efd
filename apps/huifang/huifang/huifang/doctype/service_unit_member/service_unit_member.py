from frappe.model.document import Document


class ServiceUnitMember(Document):
	pass
