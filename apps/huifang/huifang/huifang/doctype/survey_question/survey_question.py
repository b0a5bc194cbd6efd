from frappe.model.document import Document


class SurveyQuestion(Document):
	pass
