"""The demo's Working Calendar: mainland China public holidays with their make-up working days
(调休), for the current and the next year, set as the default calendar in Huifang Settings.

2025 and 2026 follow the State Council's notices (国务院办公厅关于部分节假日安排的通知). The
notice for a year appears only in November of the year before, so 2027 is a provisional
arrangement worked out from the lunar calendar; the calendar's description says so.
"""

from __future__ import annotations

from datetime import date, timedelta

import frappe

CALENDAR = "中国法定节假日工作日历"
PROVISIONAL = {2027}

# year -> [(holiday name, first day, last day, [make-up working days])]
HOLIDAYS = {
	2025: [
		("元旦", "2025-01-01", "2025-01-01", []),
		("春节", "2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"]),
		("清明节", "2025-04-04", "2025-04-06", []),
		("劳动节", "2025-05-01", "2025-05-05", ["2025-04-27"]),
		("端午节", "2025-05-31", "2025-06-02", []),
		("国庆节、中秋节", "2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"]),
	],
	2026: [
		("元旦", "2026-01-01", "2026-01-03", ["2026-01-04"]),
		("春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"]),
		("清明节", "2026-04-04", "2026-04-06", []),
		("劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"]),
		("端午节", "2026-06-19", "2026-06-21", []),
		("中秋节", "2026-09-25", "2026-09-27", []),
		("国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"]),
	],
	2027: [
		("元旦", "2027-01-01", "2027-01-03", []),
		("春节", "2027-02-05", "2027-02-13", ["2027-01-31", "2027-02-20"]),
		("清明节", "2027-04-03", "2027-04-05", []),
		("劳动节", "2027-05-01", "2027-05-05", ["2027-04-25"]),
		("端午节", "2027-06-09", "2027-06-09", []),
		("中秋节", "2027-09-15", "2027-09-15", []),
		("国庆节", "2027-10-01", "2027-10-07", ["2027-09-26", "2027-10-09"]),
	],
}


def calendar_rows(years) -> list[dict]:
	rows = []
	for year in years:
		for name, first, last, working in HOLIDAYS.get(year, []):
			day, end = date.fromisoformat(first), date.fromisoformat(last)
			while day <= end:
				rows.append({"date": day, "day_type": "Holiday", "description": name})
				day += timedelta(days=1)
			for d in working:
				rows.append(
					{
						"date": date.fromisoformat(d),
						"day_type": "Working Day",
						"description": f"{name}调休上班",
					}
				)
	return rows


def ensure_calendar(today: date) -> str:
	"""Create the calendar (current and next year) once; make it the default when none is set."""
	years = [y for y in (today.year, today.year + 1) if y in HOLIDAYS]
	if not frappe.db.exists("Working Calendar", CALENDAR):
		note = "周六、周日休息；法定节假日及调休上班日按国务院办公厅通知。"
		provisional = [str(y) for y in years if y in PROVISIONAL]
		if provisional:
			note += f"{'、'.join(provisional)}年为按农历推算的预排，通知发布后请核对。"
		frappe.get_doc(
			{
				"doctype": "Working Calendar",
				"calendar_name": CALENDAR,
				"description": note,
				**{d: 0 for d in ("monday", "tuesday", "wednesday", "thursday", "friday")},
				"saturday": 1,
				"sunday": 1,
				"dates": calendar_rows(years),
			}
		).insert(ignore_permissions=True)
	if not frappe.db.get_single_value("Huifang Settings", "default_working_calendar"):
		frappe.db.set_single_value("Huifang Settings", "default_working_calendar", CALENDAR)
	return CALENDAR
