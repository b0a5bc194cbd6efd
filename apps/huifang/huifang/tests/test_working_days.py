from datetime import date

from frappe.tests import UnitTestCase

from huifang.utils.working_days import Calendar, add_working_days


class TestWorkingDays(UnitTestCase):
	def test_weekend_is_skipped(self):
		"""R-52: 2 working days after a Friday is the Tuesday."""
		self.assertEqual(add_working_days(date(2026, 1, 9), 2), date(2026, 1, 13))
		self.assertEqual(add_working_days(date(2026, 1, 9), 0), date(2026, 1, 9))

	def test_holiday_and_make_up_day(self):
		"""R-52: holidays are skipped and make-up working days (调休) count."""
		cal = Calendar(
			holidays=frozenset(date(2026, 10, d) for d in range(1, 9)),
			extra_working_days=frozenset({date(2026, 10, 10)}),
		)
		# 30 Sep (Wed) + 1 working day: the 1st-8th are holidays, the 9th is a Friday
		self.assertEqual(cal.add_working_days(date(2026, 9, 30), 1), date(2026, 10, 9))
		# the Saturday 10th is a make-up working day
		self.assertEqual(cal.add_working_days(date(2026, 9, 30), 2), date(2026, 10, 10))
		self.assertEqual(cal.add_working_days(date(2026, 9, 30), 3), date(2026, 10, 12))
		self.assertEqual(cal.working_days_between(date(2026, 9, 30), date(2026, 10, 12)), 3)

	def test_negative_and_no_working_days(self):
		"""R-52: counting backwards; a calendar without working days is refused."""
		self.assertEqual(add_working_days(date(2026, 1, 12), -1), date(2026, 1, 9))
		with self.assertRaises(ValueError):
			Calendar(weekly_off=frozenset(range(7))).add_working_days(date(2026, 1, 1), 1)
