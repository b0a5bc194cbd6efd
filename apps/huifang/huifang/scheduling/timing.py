"""When a callback step falls due (R-31), as pure date arithmetic.

A step is anchor + offset, open for a window, optionally repeating. Counting rules:
- Days / Weeks / Months count calendar days; a window that would end on a rest day or holiday of
  the unit's Working Calendar ends on the next working day instead (the usual deadline rule), or
  on the previous one for steps counted *before* their anchor (expiry reminders must not end
  after the expiry). The earliest date moves forward to a working day, never past the latest.
- Working Days count only working days of the calendar (holidays and 调休 respected).
- A repeating step's n-th occurrence is anchored at anchor + n x repeat (counted from the anchor,
  so month ends do not drift); `max_repeats` is the number of repeats after the first one
  (0: no limit).
- Customer cycles (quarterly owners, yearly old customers) use calendar periods of
  `repeat_every` months aligned to 1 January: 3 -> quarters, 12 -> years.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta

from huifang.utils.working_days import DEFAULT_CALENDAR, Calendar

DAYS, WORKING_DAYS, WEEKS, MONTHS = "Days", "Working Days", "Weeks", "Months"
# a calendar cannot rest for longer than this (Spring Festival + weekends is ~9 days)
_MAX_REST_RUN = 31
# conservative calendar-day spans per unit, used only to bound SQL candidate ranges
_UNIT_DAYS = {DAYS: (1, 1), WEEKS: (7, 7), MONTHS: (28, 31), WORKING_DAYS: (1, 3)}


@dataclass(frozen=True)
class Step:
	step_no: int
	anchor: str = "Event Completed"
	offset_value: int = 0
	offset_unit: str = DAYS
	window_length: int = 0
	window_unit: str = DAYS
	repeat_every: int = 0
	repeat_unit: str | None = None
	max_repeats: int = 0

	@classmethod
	def from_row(cls, row) -> Step:
		return cls(
			step_no=int(row.get("step_no") or 0),
			anchor=row.get("anchor") or "Event Completed",
			offset_value=int(row.get("offset_value") or 0),
			offset_unit=row.get("offset_unit") or DAYS,
			window_length=int(row.get("window_length") or 0),
			window_unit=row.get("window_unit") or DAYS,
			repeat_every=int(row.get("repeat_every") or 0),
			repeat_unit=row.get("repeat_unit") or None,
			max_repeats=int(row.get("max_repeats") or 0),
		)

	@property
	def repeats(self) -> bool:
		return bool(self.repeat_every and self.repeat_unit)

	@property
	def counts_backwards(self) -> bool:
		return self.offset_value < 0


def add_months(day: date, months: int) -> date:
	"""Same day `months` later, clipped to the month's last day (31 Jan + 1 -> 28/29 Feb)."""
	index = day.year * 12 + day.month - 1 + int(months)
	year, month = divmod(index, 12)
	last = _calendar.monthrange(year, month + 1)[1]
	return date(year, month + 1, min(day.day, last))


def shift(day: date, value: int, unit: str, cal: Calendar = DEFAULT_CALENDAR) -> date:
	if not value:
		return day
	if unit == WORKING_DAYS:
		return cal.add_working_days(day, value)
	if unit == WEEKS:
		return day + timedelta(weeks=value)
	if unit == MONTHS:
		return add_months(day, value)
	return day + timedelta(days=value)


def next_working_day(day: date, cal: Calendar, step: int = 1) -> date:
	"""`day` itself when it is a working day, else the nearest one in direction `step`."""
	for _i in range(_MAX_REST_RUN):
		if cal.is_working_day(day):
			return day
		day += timedelta(days=step)
	return day


def window(
	step: Step, anchor: date, cal: Calendar = DEFAULT_CALENDAR, occurrence: int = 0
) -> tuple[date, date]:
	"""(earliest, latest) of the step's `occurrence`-th callback for an anchor date."""
	if occurrence and step.repeat_unit == step.offset_unit:
		# one shift from the anchor: two month shifts would clip 31 Aug to 28 Feb, then 28 Aug
		earliest = shift(anchor, step.offset_value + occurrence * step.repeat_every, step.offset_unit, cal)
	else:
		base = shift(anchor, occurrence * step.repeat_every, step.repeat_unit, cal) if occurrence else anchor
		earliest = shift(base, step.offset_value, step.offset_unit, cal)
	latest = shift(earliest, step.window_length, step.window_unit, cal)
	latest = next_working_day(latest, cal, -1 if step.counts_backwards else 1)
	earliest = min(next_working_day(earliest, cal), latest)
	return earliest, latest


def due_occurrences(
	step: Step, anchor: date, cal: Calendar, today: date, catch_up_days: int
) -> list[tuple[int, date, date]]:
	"""Occurrences that have opened by `today` and closed no longer than `catch_up_days` ago.

	The catch-up lets a run that was missed (server down) still create the tasks of the last
	days, while a plan approved today does not flood agents with years of history.
	"""
	oldest = today - timedelta(days=catch_up_days)
	if not step.repeats:
		earliest, latest = window(step, anchor, cal)
		return [(0, earliest, latest)] if earliest <= today and latest >= oldest else []
	period_days = step.repeat_every * _UNIT_DAYS[step.repeat_unit][0]
	first, _last = window(step, anchor, cal)
	k = max(0, (today - first).days // period_days + 1)
	if step.max_repeats:
		k = min(k, step.max_repeats)
	found = []
	while k >= 0:
		earliest, latest = window(step, anchor, cal, k)
		if latest < oldest:
			break
		if earliest <= today:
			found.append((k, earliest, latest))
		k -= 1
	found.reverse()
	return found


def anchor_bounds(step: Step, today: date, catch_up_days: int) -> tuple[date | None, date]:
	"""Anchor dates outside [low, high] can never be due today: lets SQL use the date index.

	`low` is None for a repeating step without a limit."""
	off_min, off_max = _span(step.offset_value, step.offset_unit)
	_win_min, win_max = _span(step.window_length, step.window_unit)
	high = today - timedelta(days=off_min)
	if step.repeats and not step.max_repeats:
		return None, high
	reach = off_max + win_max + 2 * _MAX_REST_RUN + catch_up_days
	if step.repeats:
		reach += step.max_repeats * step.repeat_every * _UNIT_DAYS[step.repeat_unit][1]
	return today - timedelta(days=reach), high


def _span(value: int, unit: str) -> tuple[int, int]:
	lo, hi = _UNIT_DAYS.get(unit, (1, 1))
	if unit == WORKING_DAYS:
		hi = 3  # n working days span at most ~3n calendar days even around long holidays
	if value >= 0:
		return value * lo, value * hi + (_MAX_REST_RUN if unit == WORKING_DAYS else 0)
	return value * hi - (_MAX_REST_RUN if unit == WORKING_DAYS else 0), value * lo


def period_of(day: date, months: int) -> tuple[date, date]:
	"""The calendar period of `months` months containing `day` (aligned to 1 January)."""
	index = (day.year * 12 + day.month - 1) // months * months
	start = date(index // 12, index % 12 + 1, 1)
	return start, add_months(start, months) - timedelta(days=1)


def period_window(
	step: Step, period: tuple[date, date], eligible_from: date, cal: Calendar
) -> tuple[date, date]:
	"""(earliest, latest) of a customer's callback in a calendar period (quarter, year).

	Starts at the period start shifted by the step offset, or when the customer became eligible
	(e.g. handover mid-quarter); stays inside the period so nobody is due twice in one period."""
	start, end = period
	earliest = max(shift(start, step.offset_value, step.offset_unit, cal), eligible_from)
	latest = (
		min(shift(earliest, step.window_length, step.window_unit, cal), end) if step.window_length else end
	)
	latest = max(next_working_day(latest, cal, -1), min(earliest, end))
	earliest = min(next_working_day(earliest, cal), latest)
	return earliest, latest
