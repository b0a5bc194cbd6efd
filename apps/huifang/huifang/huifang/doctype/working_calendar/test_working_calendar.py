from datetime import date

import frappe
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import make_calendar, make_unit
from huifang.utils.working_days import add_working_days_for_unit, calendar_from_doc


class TestWorkingCalendar(IntegrationTestCase):
	def test_calendar_document_drives_working_days(self):
		"""R-52: holidays and make-up working days of a unit's calendar move deadlines."""
		name = make_calendar(holidays=["2026-10-01", "2026-10-02"], working_days=["2026-10-10"])
		cal = calendar_from_doc(frappe.get_doc("Working Calendar", name))
		self.assertFalse(cal.is_working_day(date(2026, 10, 1)))
		self.assertTrue(cal.is_working_day(date(2026, 10, 10)))
		unit = make_unit(working_calendar=name)
		# Wed 30 Sep + 1 working day skips the holidays 1-2 Oct and the weekend
		self.assertEqual(add_working_days_for_unit(date(2026, 9, 30), 1, unit), date(2026, 10, 5))

	def test_duplicate_date_refused(self):
		"""R-52: a date is either a holiday or a working day, listed once."""
		with self.assertRaises(frappe.ValidationError):
			make_calendar(holidays=["2026-05-01"], working_days=["2026-05-01"])
