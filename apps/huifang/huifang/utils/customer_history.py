"""A customer's history in one timeline (R-13).

The Customer Archive form shows, besides its own versions and comments, every service event,
callback task, callback record, complaint, rectification request and survey response of the
customer, newest first (hook `additional_timeline_content`), and a heat map of them by day
(`get_timeline_data` of the archive's controller). Each list is read with the user's own
permissions (`frappe.get_list`: role permissions and unit scoping), so the timeline shows no
document the user could not open, and only permlevel-0 fields, so nothing confidential.
"""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import add_years, escape_html, get_datetime, get_url_to_form, getdate, nowdate

# doctype: (date field, title field, fields whose values are shown translated, icon)
HISTORY = {
	"Service Event": ("occurred_on", "subject", ("event_type", "status"), "tool"),
	"Callback Task": ("earliest_date", "event_type", ("method", "status"), "call"),
	"Callback Record": ("call_time", "event_type", ("method", "overall_grade", "workflow_state"), "review"),
	"Complaint": ("received_on", "subject", ("severity", "workflow_state"), "criticize"),
	"Rectification Request": ("issued_on", "subject", ("status",), "assign"),
	"Survey Response": ("submitted_on", "campaign", ("channel", "grade"), "quality"),
}
# newest documents of each kind on the form; the connections show the counts of all
PER_DOCTYPE = 20


def _readable(doctype: str) -> bool:
	return bool(frappe.has_permission(doctype, "read"))


def _rows(doctype: str, customer: str, limit: int | None = PER_DOCTYPE) -> list[dict]:
	date_field, title_field, shown, _icon = HISTORY[doctype]
	fields = ["name", "creation", date_field, title_field, *shown]
	return frappe.get_list(
		doctype,
		filters={"customer": customer},
		fields=list(dict.fromkeys(fields)),
		order_by=f"{date_field} desc, creation desc",
		limit_page_length=limit or 0,
	)


def _content(doctype: str, row: dict) -> str:
	_date_field, title_field, shown, _icon = HISTORY[doctype]
	link = f'<a href="{escape_html(get_url_to_form(doctype, row.name))}">{escape_html(row.name)}</a>'
	title = row.get(title_field) or ""
	# a Service Event Type is a name to translate; subjects are the users' own words
	title = escape_html(_(title) if title_field == "event_type" else title)
	values = " · ".join(escape_html(_(row[f])) for f in shown if row.get(f))
	parts = [f"<b>{escape_html(_(doctype))}</b> {link}", title, values]
	return " ".join(p for p in parts if p)


def timeline_content(doctype: str, docname: str) -> list[dict]:
	"""`additional_timeline_content` for Customer Archive: the customer's documents as items."""
	if doctype != "Customer Archive":
		return []
	items = []
	for linked in HISTORY:
		if not _readable(linked):
			continue
		date_field, _title, _shown, icon = HISTORY[linked]
		for row in _rows(linked, docname):
			items.append(
				{
					"icon": icon,
					"creation": get_datetime(row.get(date_field) or row.creation),
					"content": _content(linked, row),
					"doctype": linked,
					"name": row.name,
				}
			)
	items.sort(key=lambda item: item["creation"], reverse=True)
	return items


def heatmap(customer: str) -> dict[int, int]:
	"""Documents of the customer per day over the last year, as the form's heat map wants them
	({unix timestamp of the day: count})."""
	since = getdate(add_years(nowdate(), -1))
	days: Counter = Counter()
	for linked, (date_field, *_rest) in HISTORY.items():
		if not _readable(linked):
			continue
		for value in frappe.get_list(
			linked,
			filters={"customer": customer, date_field: (">=", since)},
			pluck=date_field,
			limit_page_length=0,
		):
			if value:
				days[getdate(value)] += 1
	return {int(get_datetime(day).timestamp()): count for day, count in days.items()}
