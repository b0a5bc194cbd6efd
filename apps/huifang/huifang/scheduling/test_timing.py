"""R-31 timing rules as plan steps, with weekends and holidays (pure date arithmetic).

Dates: 2026-03-06 is a Friday; 2026-10-01..07 is China's National Day holiday."""

import random
from datetime import date, timedelta

from frappe.tests import UnitTestCase

from huifang.scheduling.timing import (
	Step,
	anchor_bounds,
	due_occurrences,
	period_of,
	period_window,
	window,
)
from huifang.utils.working_days import Calendar

FIVE_DAY = Calendar()
NATIONAL_DAY = frozenset(date(2026, 10, d) for d in range(1, 8))
CHINA = Calendar(
	holidays=NATIONAL_DAY | {date(2026, 3, 9)}, extra_working_days=frozenset({date(2026, 10, 10)})
)
OPEN_ALL_WEEK = Calendar(weekly_off=frozenset())
FRI, SAT, MON, TUE = date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9), date(2026, 3, 10)


def d(text: str) -> date:
	return date.fromisoformat(text)


class TestTimingRules(UnitTestCase):
	def test_complaint_within_three_days_of_closing(self):
		"""R-31: complaint callback within 3 days of closing; a deadline on Sunday moves to Monday."""
		step = Step(1, "Event Completed", window_length=3)
		self.assertEqual(window(step, d("2026-03-03"), FIVE_DAY), (d("2026-03-03"), FRI))
		self.assertEqual(window(step, date(2026, 3, 5), FIVE_DAY), (date(2026, 3, 5), MON))

	def test_claim_three_days_after_settlement(self):
		"""R-31: claims are called back 3 days after settlement (a Saturday falls to Monday)."""
		step = Step(1, "Event Completed", offset_value=3)
		self.assertEqual(window(step, d("2026-03-02"), FIVE_DAY), (d("2026-03-05"), d("2026-03-05")))
		self.assertEqual(window(step, d("2026-03-04"), FIVE_DAY), (MON, MON))

	def test_routine_repair_within_two_days(self):
		"""R-31: routine repair within 2 days: finished Friday, due by Monday (weekend)."""
		step = Step(1, "Event Completed", window_length=2)
		self.assertEqual(window(step, FRI, FIVE_DAY), (FRI, MON))
		# with Monday a holiday the deadline is the next working day
		self.assertEqual(window(step, FRI, CHINA), (FRI, TUE))

	def test_major_repair_within_one_working_day(self):
		"""R-31: major repair within 1 working day, holidays respected."""
		step = Step(1, "Event Completed", window_length=1, window_unit="Working Days")
		self.assertEqual(window(step, FRI, FIVE_DAY), (FRI, MON))
		self.assertEqual(window(step, FRI, CHINA), (FRI, TUE))
		# finished on Saturday: starts Monday, due the next working day
		self.assertEqual(window(step, SAT, FIVE_DAY), (MON, MON))
		# 调休: Saturday 10 October is a working day after the National Day week
		self.assertEqual(window(step, d("2026-09-30"), CHINA), (d("2026-09-30"), d("2026-10-08")))
		self.assertEqual(window(step, d("2026-10-09"), CHINA), (d("2026-10-09"), d("2026-10-10")))

	def test_repair_works_one_week_to_one_month(self):
		"""R-31: repair works between 1 week and 1 month after completion."""
		step = Step(
			1, "Event Completed", offset_value=1, offset_unit="Weeks", window_length=3, window_unit="Weeks"
		)
		self.assertEqual(window(step, d("2026-03-02"), FIVE_DAY), (d("2026-03-09"), d("2026-03-30")))
		# completion on Saturday 31 Jan: earliest Saturday 7 Feb -> Monday, latest Saturday 28 Feb -> Monday
		self.assertEqual(window(step, d("2026-01-31"), FIVE_DAY), (d("2026-02-09"), d("2026-03-02")))

	def test_after_sales_first_month_then_every_six_months(self):
		"""R-31: after-sales first within the first month, then every 6 months in warranty
		(counted from the anchor, so 31 August does not drift to the 28th)."""
		first = Step(1, "Event Completed", window_length=1, window_unit="Months")
		self.assertEqual(window(first, d("2026-08-31"), OPEN_ALL_WEEK), (d("2026-08-31"), d("2026-09-30")))
		later = Step(
			2,
			"Event Completed",
			6,
			"Months",
			1,
			"Months",
			repeat_every=6,
			repeat_unit="Months",
			max_repeats=3,
		)
		starts = [window(later, d("2026-08-31"), OPEN_ALL_WEEK, k)[0] for k in range(4)]
		self.assertEqual(starts, [d("2027-02-28"), d("2027-08-31"), d("2028-02-29"), d("2028-08-31")])
		# max_repeats 3 = four callbacks in all; none after the warranty
		day = d("2029-03-05")
		self.assertEqual(
			due_occurrences(later, d("2026-08-31"), OPEN_ALL_WEEK, day, 200),
			[(3, d("2028-08-31"), d("2028-09-30"))],
		)

	def test_contract_signing_and_handover(self):
		"""R-31: within 1 week of signing; 1 month, 3 months and 1 year after handover."""
		signing = Step(1, "Contract Signing", window_length=1, window_unit="Weeks")
		self.assertEqual(window(signing, d("2026-03-02"), FIVE_DAY), (d("2026-03-02"), MON))
		handover = d("2026-01-30")
		after = [Step(n, "Handover", v, "Months", 7) for n, v in ((2, 1), (3, 3), (4, 12))]
		self.assertEqual(
			[window(s, handover, FIVE_DAY) for s in after],
			[
				(d("2026-03-02"), d("2026-03-09")),
				(d("2026-04-30"), d("2026-05-07")),
				(d("2027-02-01"), d("2027-02-08")),
			],
		)

	def test_prospects_intending_walk_ins(self):
		"""R-31: prospects every 7 days, intending customers every 10 days, walk-ins within 3 days."""
		prospect = Step(1, "Event Occurred", window_length=2, repeat_every=7, repeat_unit="Days")
		seen = []
		day = d("2026-03-02")
		while day <= d("2026-03-31"):
			seen += [k for k, _e, _l in due_occurrences(prospect, d("2026-03-02"), OPEN_ALL_WEEK, day, 0)]
			day += timedelta(days=1)
		# each occurrence is due on its own days only; a daily run sees 0..4 in order
		self.assertEqual(sorted(set(seen)), [0, 1, 2, 3, 4])
		intending = Step(1, "Event Occurred", repeat_every=10, repeat_unit="Days")
		self.assertEqual(window(intending, d("2026-03-02"), FIVE_DAY, 2), (d("2026-03-23"), d("2026-03-23")))
		walk_in = Step(1, "Event Occurred", window_length=3)
		self.assertEqual(window(walk_in, d("2026-03-04"), FIVE_DAY), (d("2026-03-04"), d("2026-03-09")))

	def test_car_service_next_day_follows_the_units_calendar(self):
		"""R-31: car service the next day: Sunday for a shop open all week, Monday otherwise."""
		step = Step(1, "Event Completed", offset_value=1)
		self.assertEqual(window(step, SAT, OPEN_ALL_WEEK), (d("2026-03-08"), d("2026-03-08")))
		self.assertEqual(window(step, SAT, FIVE_DAY), (MON, MON))

	def test_lost_customer_six_months_after_last_visit(self):
		"""R-31: a customer without a visit for 6 months is called back (lost customer)."""
		step = Step(1, "Last Visit", 6, "Months", 1, "Months")
		self.assertEqual(window(step, d("2026-03-31"), FIVE_DAY), (d("2026-09-30"), d("2026-10-30")))
		self.assertEqual(due_occurrences(step, d("2026-03-31"), FIVE_DAY, d("2026-09-29"), 7), [])
		self.assertEqual(len(due_occurrences(step, d("2026-03-31"), FIVE_DAY, d("2026-09-30"), 7)), 1)

	def test_expiry_reminder_never_ends_after_expiry(self):
		"""R-31: reminders before expiry; a deadline in a holiday moves back, not past expiry."""
		step = Step(1, "Expiry Date", -7, "Days", 7)
		# 24 Sep .. 1 Oct, and 1 Oct is National Day: the reminder must be done by 30 Sep
		self.assertEqual(window(step, d("2026-10-01"), CHINA), (d("2026-09-24"), d("2026-09-30")))
		month = Step(1, "Expiry Date", -1, "Months", 2, "Weeks")
		self.assertEqual(window(month, d("2026-11-08"), CHINA), (d("2026-10-08"), d("2026-10-22")))

	def test_quarterly_and_yearly_periods(self):
		"""R-31: owners every quarter, old customers once a year: calendar periods."""
		self.assertEqual(period_of(d("2026-05-17"), 3), (d("2026-04-01"), d("2026-06-30")))
		self.assertEqual(period_of(d("2026-12-31"), 3), (d("2026-10-01"), d("2026-12-31")))
		self.assertEqual(period_of(d("2026-05-17"), 12), (d("2026-01-01"), d("2026-12-31")))
		quarter = period_of(d("2026-07-15"), 3)
		step = Step(1, "Handover", repeat_every=3, repeat_unit="Months")
		# 1 July 2026 is a Wednesday; 30 Sep is the last working day before National Day
		self.assertEqual(period_window(step, quarter, quarter[0], CHINA), (d("2026-07-01"), d("2026-09-30")))
		# handed over mid-quarter: due from the handover, still within the quarter
		self.assertEqual(
			period_window(step, quarter, d("2026-08-15"), CHINA), (d("2026-08-17"), d("2026-09-30"))
		)
		q4 = period_of(d("2026-10-02"), 3)
		self.assertEqual(period_window(step, q4, q4[0], CHINA)[0], d("2026-10-08"))

	def test_missed_runs_catch_up_but_history_is_not_flooded(self):
		"""R-80: a run after a few missed days still creates the tasks; old history does not."""
		step = Step(1, "Event Completed", window_length=2)
		self.assertEqual(len(due_occurrences(step, d("2026-03-02"), FIVE_DAY, d("2026-03-10"), 7)), 1)
		self.assertEqual(due_occurrences(step, d("2026-01-05"), FIVE_DAY, d("2026-03-10"), 7), [])
		self.assertEqual(due_occurrences(step, d("2026-03-12"), FIVE_DAY, d("2026-03-10"), 7), [])

	def test_sql_anchor_bounds_never_drop_a_due_row(self):
		"""R-35: the SQL pre-filter on anchor dates keeps every anchor the exact rule finds due."""
		rng = random.Random(31)
		units = ["Days", "Working Days", "Weeks", "Months"]
		for _i in range(300):
			repeat = rng.random() < 0.3
			step = Step(
				1,
				offset_value=rng.randint(-40, 40),
				offset_unit=rng.choice(units),
				window_length=rng.randint(0, 10),
				window_unit=rng.choice(units),
				repeat_every=rng.randint(1, 12) if repeat else 0,
				repeat_unit=rng.choice(["Days", "Months"]) if repeat else None,
				max_repeats=rng.randint(0, 4),
			)
			today = d("2026-10-05") + timedelta(days=rng.randint(0, 30))
			low, high = anchor_bounds(step, today, 7)
			for offset in range(-900, 400, 7):
				anchor = today + timedelta(days=offset)
				if due_occurrences(step, anchor, CHINA, today, 7):
					self.assertLessEqual(anchor, high, step)
					if low:
						self.assertGreaterEqual(anchor, low, step)
