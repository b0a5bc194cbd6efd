from frappe.model.document import Document


class CallbackPlanStep(Document):
	pass
