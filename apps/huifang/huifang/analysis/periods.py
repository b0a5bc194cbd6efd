"""Report periods: calendar months, date ranges and the period before them (R-70)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from frappe.utils import getdate, today


def month_start(day) -> date:
	day = getdate(day)
	return day.replace(day=1)


def month_end(day) -> date:
	day = getdate(day)
	return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
	index = day.year * 12 + day.month - 1 + months
	year, month = divmod(index, 12)
	month += 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_label(day) -> str:
	"""The month a date falls in as YYYY-MM (the Service Analysis period)."""
	return getdate(day).strftime("%Y-%m")


def parse_period(label: str) -> date:
	"""First day of a YYYY-MM period; ValueError for anything else."""
	year, month = (int(part) for part in str(label).strip().split("-"))
	return date(year, month, 1)


@dataclass(frozen=True)
class Period:
	"""An inclusive date range."""

	start: date
	end: date

	@classmethod
	def of(cls, start, end) -> Period:
		start, end = getdate(start), getdate(end)
		if end < start:
			raise ValueError("end before start")
		return cls(start, end)

	@classmethod
	def month(cls, day) -> Period:
		return cls(month_start(day), month_end(day))

	@property
	def end_exclusive(self) -> date:
		"""The day after the range, for datetime columns (call_time < end_exclusive)."""
		return self.end + timedelta(days=1)

	@property
	def whole_months(self) -> int:
		"""Number of calendar months when the range is made of whole months, else 0."""
		if self.start.day != 1 or self.end != month_end(self.end):
			return 0
		return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

	@property
	def is_single_month(self) -> bool:
		return self.whole_months == 1

	@property
	def label(self) -> str:
		return period_label(self.start) if self.is_single_month else f"{self.start} ~ {self.end}"

	def previous(self) -> Period:
		"""The range of the same length just before: the previous k months for whole months."""
		months = self.whole_months
		if months:
			start = add_months(self.start, -months)
			return Period(start, self.start - timedelta(days=1))
		days = (self.end - self.start).days + 1
		return Period(self.start - timedelta(days=days), self.start - timedelta(days=1))

	def is_closed(self, on=None) -> bool:
		"""True once the whole range lies before the current month (its figures are final)."""
		return self.end < month_start(on or today())
