"""Retention of callback records (2 years) and survey responses (3 years), R-44."""

from __future__ import annotations

from datetime import date, datetime


def retention_ends(created: date | datetime, years: int) -> date:
	created = created.date() if isinstance(created, datetime) else created
	try:
		return created.replace(year=created.year + int(years))
	except ValueError:  # 29 February
		return created.replace(year=created.year + int(years), day=28)


def is_past_retention(created: date | datetime, years: int, today: date) -> bool:
	return today >= retention_ends(created, years)


def check_deletable(doc, years_setting: str, default_years: int, date_field: str = "creation") -> None:
	"""Refuse deletion unless the user is a System Manager and the document is past retention."""
	import frappe
	from frappe import _
	from frappe.utils import get_datetime, getdate, today

	from huifang.utils.settings import get_setting

	if "System Manager" not in frappe.get_roles():
		frappe.throw(
			_("Only a System Manager may delete {0}.").format(_(doc.doctype)), frappe.PermissionError
		)
	years = int(get_setting(years_setting, default_years))
	created = get_datetime(doc.get(date_field) or doc.creation)
	if not is_past_retention(created, years, getdate(today())):
		frappe.throw(
			_("{0} {1} must be kept until {2} ({3} years retention).").format(
				_(doc.doctype), doc.name, retention_ends(created, years), years
			),
			frappe.ValidationError,
		)
