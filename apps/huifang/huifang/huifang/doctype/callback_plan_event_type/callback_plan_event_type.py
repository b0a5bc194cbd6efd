from frappe.model.document import Document


class CallbackPlanEventType(Document):
	pass
