"""Working-day arithmetic for deadlines (R-52, R-31).

A calendar is weekly rest days plus dated exceptions: public holidays and the make-up
working days (调休) that Chinese calendars move onto weekends. The pure part needs no
Frappe; `get_unit_calendar` reads the Working Calendar of a Service Unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

# Working Calendar check fields, indexed like date.weekday()
WEEKDAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HOLIDAY = "Holiday"
WORKING_DAY = "Working Day"

# a calendar with no working day at all would loop forever; ten years is a safe bound
_MAX_SCAN_DAYS = 3660


@dataclass(frozen=True)
class Calendar:
	weekly_off: frozenset[int] = frozenset({5, 6})
	holidays: frozenset[date] = field(default_factory=frozenset)
	extra_working_days: frozenset[date] = field(default_factory=frozenset)

	def is_working_day(self, day: date) -> bool:
		day = _as_date(day)
		if day in self.extra_working_days:
			return True
		if day in self.holidays:
			return False
		return day.weekday() not in self.weekly_off

	def add_working_days(self, start: date, days: int) -> date:
		"""The date `days` working days after `start` (start itself is not counted).

		0 returns `start` unchanged; negative values count backwards.
		"""
		current = _as_date(start)
		step = 1 if days >= 0 else -1
		remaining = abs(int(days))
		scanned = 0
		while remaining:
			current += timedelta(days=step)
			scanned += 1
			if scanned > _MAX_SCAN_DAYS:
				raise ValueError("calendar has no working days")
			if self.is_working_day(current):
				remaining -= 1
		return current

	def working_days_between(self, start: date, end: date) -> int:
		"""Working days after `start` up to and including `end` (0 when end <= start)."""
		start, end = _as_date(start), _as_date(end)
		count = 0
		current = start
		while current < end:
			current += timedelta(days=1)
			if self.is_working_day(current):
				count += 1
		return count


DEFAULT_CALENDAR = Calendar()


def add_working_days(start: date, days: int, calendar: Calendar | None = None) -> date:
	return (calendar or DEFAULT_CALENDAR).add_working_days(start, days)


def _as_date(value) -> date:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	return date.fromisoformat(str(value)[:10])


# ---- Frappe side -------------------------------------------------------------------------


def calendar_from_doc(doc) -> Calendar:
	"""Build a Calendar from a Working Calendar document (or its dict)."""
	weekly_off = frozenset(i for i, f in enumerate(WEEKDAY_FIELDS) if doc.get(f))
	holidays, extra = set(), set()
	for row in doc.get("dates") or []:
		if not row.get("date"):
			continue
		(extra if row.get("day_type") == WORKING_DAY else holidays).add(_as_date(row.get("date")))
	return Calendar(weekly_off, frozenset(holidays), frozenset(extra))


def get_calendar_name(service_unit: str | None = None) -> str | None:
	"""The nearest Working Calendar up the unit tree, else the default in Huifang Settings."""
	import frappe

	from huifang.utils.units import get_unit_chain

	for unit in get_unit_chain(service_unit):
		if unit.get("working_calendar"):
			return unit.working_calendar
	return frappe.db.get_single_value("Huifang Settings", "default_working_calendar") or None


def get_unit_calendar(service_unit: str | None = None) -> Calendar:
	import frappe

	name = get_calendar_name(service_unit)
	if not name:
		return DEFAULT_CALENDAR
	return calendar_from_doc(frappe.get_cached_doc("Working Calendar", name))


def add_working_days_for_unit(start, days: int, service_unit: str | None = None) -> date:
	return get_unit_calendar(service_unit).add_working_days(start, days)
