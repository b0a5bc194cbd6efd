from frappe.tests import UnitTestCase

from huifang.utils import scoring as s


class TestRatingScales(UnitTestCase):
	def test_three_grades_and_five_levels_map_both_ways(self):
		"""R-41: 很满意/满意 -> 满意, 基本满意 -> 基本满意, 不满意/很不满意 -> 不满意, and back."""
		self.assertEqual(
			[s.level_to_grade(v) for v in (5, 4, 3, 2, 1)],
			[s.SATISFIED] * 2 + [s.BASIC] + [s.UNSATISFIED] * 2,
		)
		for grade in s.GRADES:
			self.assertEqual(s.level_to_grade(s.grade_to_level(grade)), grade)
		self.assertEqual(s.grade_to_level(s.SATISFIED), 4)
		with self.assertRaises(ValueError):
			s.level_to_grade(6)
		with self.assertRaises(ValueError):
			s.grade_to_level("很满意")

	def test_five_point_average(self):
		"""R-60: the 5-point average, and its grade by the nearest level."""
		self.assertEqual(s.average([5, 4, 4]), 4.33)
		self.assertIsNone(s.average([]))
		self.assertEqual(s.grade_of_average(3.5), s.SATISFIED)
		self.assertEqual(s.grade_of_average(3.49), s.BASIC)
		self.assertEqual(s.grade_of_average(2.5), s.BASIC)
		self.assertEqual(s.grade_of_average(2.49), s.UNSATISFIED)

	def test_weighted_sum(self):
		"""R-60: weighted sum 5·n1 + 4·n2 + 3·n3 + 2·n4 + 1·n5."""
		counts = s.level_counts([5, 5, 4, 3, 3, 3, 2, 1])
		self.assertEqual(counts, {5: 2, 4: 1, 3: 3, 2: 1, 1: 1})
		self.assertEqual(s.weighted_sum(counts), 5 * 2 + 4 * 1 + 3 * 3 + 2 * 1 + 1 * 1)
		self.assertEqual(s.weighted_sum({}), 0)

	def test_total_score_thresholds_of_300(self):
		"""R-60: 300 points, >= 240 satisfied, 210-240 basically satisfied, < 210 unsatisfied."""
		self.assertEqual(s.grade_by_total(300), s.SATISFIED)
		self.assertEqual(s.grade_by_total(240), s.SATISFIED)
		self.assertEqual(s.grade_by_total(239.5), s.BASIC)
		self.assertEqual(s.grade_by_total(210), s.BASIC)
		self.assertEqual(s.grade_by_total(209.9), s.UNSATISFIED)

	def test_score_answers_per_scheme(self):
		"""R-60: average, weighted sum and total-score schemes on one response."""
		avg = s.score_answers([(5, 1), (4, 1), (3, 1), (None, 1)], s.AVERAGE)
		self.assertEqual((avg["average"], avg["grade"], avg["rated"]), (4.0, s.SATISFIED, 3))
		weighted = s.score_answers([(5, 2), (2, 1)], s.WEIGHTED_SUM)
		self.assertEqual(
			(weighted["total"], weighted["average"], weighted["grade"]), (12.0, 4.0, s.SATISFIED)
		)
		self.assertEqual(s.score_answers([(4, 20)] * 3, s.TOTAL_SCORE)["grade"], s.SATISFIED)  # 240
		self.assertEqual(s.score_answers([(4, 20), (4, 20), (3, 20)], s.TOTAL_SCORE)["grade"], s.BASIC)  # 220
		self.assertEqual(
			s.score_answers([(4, 20), (3, 20), (3, 20)], s.TOTAL_SCORE)["grade"], s.UNSATISFIED
		)  # 200
		self.assertIsNone(s.score_answers([], s.AVERAGE)["grade"])
