from frappe.model.document import Document


class WorkingCalendarDate(Document):
	pass
