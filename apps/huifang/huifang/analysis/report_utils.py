"""Filter handling and column helpers shared by the analysis Script Reports (R-73)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from huifang.analysis.periods import Period
from huifang.analysis.scope import selected_units

TOTAL = "Total"


def period_from(filters) -> Period:
	"""The report's date range; the current month when no dates are given."""
	start, end = filters.get("from_date"), filters.get("to_date")
	if not start and not end:
		return Period.month(today())
	if not start or not end:
		frappe.throw(_("Choose both {0} and {1}.").format(_("From Date"), _("To Date")), title=_("Filters"))
	start, end = getdate(start), getdate(end)
	if end < start:
		frappe.throw(_("{0} must not be after {1}.").format(_("From Date"), _("To Date")), title=_("Filters"))
	if (end - start).days > 3 * 366:
		frappe.throw(_("Choose a date range of at most three years."), title=_("Filters"))
	return Period.of(start, end)


def units_from(filters) -> list[str] | None:
	"""Units in the company / unit filters and the user's scope; None means all units."""
	return selected_units(filters)


def col(fieldname: str, label: str, fieldtype: str = "Int", width: int = 90, **extra) -> dict:
	return {"fieldname": fieldname, "label": _(label), "fieldtype": fieldtype, "width": width, **extra}


def link(fieldname: str, label: str, options: str, width: int = 160) -> dict:
	return col(fieldname, label, "Link", width, options=options)


def percent(fieldname: str, label: str, width: int = 100) -> dict:
	return col(fieldname, label, "Percent", width)


def score(fieldname: str, label: str, width: int = 90) -> dict:
	return col(fieldname, label, "Float", width, precision=2)


def card(value, label: str, datatype: str = "Int", indicator: str | None = None) -> dict:
	item = {"value": value if value is not None else "—", "label": _(label), "datatype": datatype}
	if value is None:
		item["datatype"] = "Data"
	if indicator:
		item["indicator"] = indicator
	return item


def grade_label(grade: str | None) -> str | None:
	return _(grade) if grade else None


def grade_indicator(grade: str | None) -> str:
	return {"Satisfied": "Green", "Basically Satisfied": "Orange", "Unsatisfied": "Red"}.get(
		grade or "", "Grey"
	)


def user_names(users) -> dict[str, str]:
	users = sorted({u for u in users if u})
	if not users:
		return {}
	return dict(
		frappe.get_all("User", filters={"name": ("in", users)}, fields=["name", "full_name"], as_list=True)
	)


def bar_chart(
	labels: list, datasets: list[tuple[str, list]], chart_type: str = "bar", **extra
) -> dict | None:
	if not labels:
		return None
	return {
		"data": {
			"labels": labels,
			"datasets": [{"name": _(name), "values": values} for name, values in datasets],
		},
		"type": chart_type,
		**extra,
	}
