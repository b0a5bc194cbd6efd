"""Connections of the Customer Archive form (R-13): the customer's documents of every kind, with
their counts, and a heat map of them by day (`get_timeline_data` in customer_archive.py). The
groups are those of the DocType's links, so both name the same lists."""

from frappe import _


def get_data():
	return {
		"fieldname": "customer",
		"heatmap": True,
		"heatmap_message": _(
			"Service events, callbacks, complaints and surveys of this customer over the last year"
		),
		"transactions": [
			{"label": _("Service"), "items": ["Service Event"]},
			{"label": _("Callbacks"), "items": ["Callback Task", "Callback Record"]},
			{"label": _("Complaints"), "items": ["Complaint", "Rectification Request"]},
			{"label": _("Surveys"), "items": ["Survey Response", "Survey Invitation"]},
		],
	}
