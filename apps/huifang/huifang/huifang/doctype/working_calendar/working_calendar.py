"""Working Calendar 工作日历: weekly rest days plus holidays and make-up working days (调休).
Frappe has no holiday list of its own (ERPNext's is not a dependency), so the app keeps one."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from huifang.utils.working_days import WEEKDAY_FIELDS


class WorkingCalendar(Document):
	def validate(self):
		if all(self.get(f) for f in WEEKDAY_FIELDS):
			frappe.throw(_("A calendar needs at least one working weekday."))
		seen = {}
		for row in self.dates:
			day = getdate(row.date)
			if day in seen:
				frappe.throw(_("Row {0}: {1} is already listed in row {2}.").format(row.idx, day, seen[day]))
			seen[day] = row.idx
		self.dates.sort(key=lambda r: getdate(r.date))
		for idx, row in enumerate(self.dates, start=1):
			row.idx = idx
