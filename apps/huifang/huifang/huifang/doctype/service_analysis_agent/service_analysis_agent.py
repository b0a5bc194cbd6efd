from frappe.model.document import Document


class ServiceAnalysisAgent(Document):
	pass
