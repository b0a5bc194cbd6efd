from frappe.tests import UnitTestCase

from huifang.utils import severity as sev


class TestSeverityRules(UnitTestCase):
	def test_major(self):
		"""R-51: lawsuit, media exposure or 10+ people collectively is Major."""
		self.assertEqual(sev.classify(people_count=10)[0], sev.MAJOR)
		self.assertEqual(sev.classify(lawsuit=True)[0], sev.MAJOR)
		self.assertEqual(sev.classify(media=True)[0], sev.MAJOR)
		self.assertEqual(sev.classify(people_count=9)[0], sev.IMPORTANT)

	def test_important(self):
		"""R-51: 3+ people, the same complaint from 3+ people in a month, or again after closure."""
		self.assertEqual(sev.classify(people_count=3), (sev.IMPORTANT, [sev.COLLECTIVE_IMPORTANT]))
		self.assertEqual(sev.classify(same_issue_people=3), (sev.IMPORTANT, [sev.SAME_ISSUE_PEOPLE]))
		self.assertEqual(sev.classify(after_closure=True), (sev.IMPORTANT, [sev.AFTER_CLOSURE]))
		self.assertEqual(sev.classify(people_count=2, same_issue_people=2), (sev.GENERAL, []))

	def test_thresholds_are_configurable(self):
		"""R-51 thresholds come from Huifang Settings."""
		t = sev.Thresholds(major_people=20, important_people=5)
		self.assertEqual(sev.classify(people_count=10, thresholds=t)[0], sev.IMPORTANT)

	def test_raise_by_hand_never_lower(self):
		"""R-51: severity can only be raised by hand."""
		self.assertEqual(sev.resolve(None, sev.GENERAL, sev.IMPORTANT), sev.IMPORTANT)
		self.assertEqual(sev.resolve(sev.GENERAL, sev.MAJOR, sev.GENERAL), sev.MAJOR)
		self.assertEqual(sev.resolve(sev.MAJOR, sev.MAJOR, sev.GENERAL), sev.MAJOR)
		with self.assertRaises(sev.SeverityLoweredError):
			sev.resolve(sev.MAJOR, sev.IMPORTANT, sev.GENERAL)
