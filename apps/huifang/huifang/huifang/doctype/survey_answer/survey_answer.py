from frappe.model.document import Document


class SurveyAnswer(Document):
	pass
