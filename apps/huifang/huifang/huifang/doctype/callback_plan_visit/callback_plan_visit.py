from frappe.model.document import Document


class CallbackPlanVisit(Document):
	pass
