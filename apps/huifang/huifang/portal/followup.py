"""A low survey score opens exactly one follow-up Callback Task (R-43, R-60).

Runs on every saved Survey Response (portal, email, paper entered by staff). The task key
"survey:<response>" is UNIQUE on Callback Task, so saving the response again, or two workers at
once, never creates a second task. Anonymous responses have nobody to call back.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, today

from huifang.utils.settings import get_setting
from huifang.utils.units import get_unit_supervisor
from huifang.utils.working_days import add_working_days_for_unit


def task_key(response: str) -> str:
	return f"survey:{response}"


def is_low(doc) -> bool:
	return doc.average_score is not None and flt(doc.average_score) < flt(
		get_setting("survey_followup_below")
	)


def on_survey_response_update(doc, method=None):
	if doc.is_anonymous or not doc.customer or not is_low(doc):
		return
	key = task_key(doc.name)
	if frappe.db.exists("Callback Task", {"task_key": key}):
		return
	customer = frappe.db.get_value(
		"Customer Archive", doc.customer, ["service_unit", "do_not_call", "account_manager"], as_dict=True
	)
	unit = doc.service_unit or customer.service_unit
	start = today()
	task = frappe.get_doc(
		{
			"doctype": "Callback Task",
			"customer": doc.customer,
			"service_unit": unit,
			"status": "Open",
			"method": "Visit" if customer.do_not_call else "Phone",
			"earliest_date": start,
			# treated like a complaint: answer the customer within the reply deadline
			"latest_date": add_working_days_for_unit(start, int(get_setting("complaint_reply_days")), unit),
			"assignee": get_unit_supervisor(unit) or customer.account_manager,
			"task_key": key,
			"notes": _("Follow-up of survey response {0}: average score {1}").format(
				doc.name, doc.average_score
			),
		}
	)
	try:
		task.insert(ignore_permissions=True)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		pass  # a concurrent save created it first
