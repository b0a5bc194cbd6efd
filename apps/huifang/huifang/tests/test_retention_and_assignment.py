from datetime import date

from frappe.tests import UnitTestCase

from huifang.utils.assignment import NEW_AGENT, NOT_PERFORMING, needs_reassignment
from huifang.utils.independence import violates
from huifang.utils.retention import is_past_retention, retention_ends


class TestRetention(UnitTestCase):
	def test_retention_period(self):
		"""R-44: records are kept 2 years, surveys 3 years."""
		self.assertFalse(is_past_retention(date(2025, 3, 1), 2, date(2027, 2, 28)))
		self.assertTrue(is_past_retention(date(2025, 3, 1), 2, date(2027, 3, 1)))
		self.assertEqual(retention_ends(date(2024, 2, 29), 3), date(2027, 2, 28))


class TestAssignmentRules(UnitTestCase):
	def test_new_and_not_performing_agents(self):
		"""R-04: first month and 2 consecutive months not performing go to the unit head."""
		today = date(2026, 3, 15)
		self.assertEqual(needs_reassignment(date(2026, 3, 1), 0, today), NEW_AGENT)
		self.assertIsNone(needs_reassignment(date(2026, 1, 1), 1, today))
		self.assertEqual(needs_reassignment(date(2025, 1, 1), 2, today), NOT_PERFORMING)
		self.assertIsNone(needs_reassignment(None, 0, today))

	def test_independence(self):
		"""R-03: the handler or seller may not do the callback."""
		self.assertTrue(violates("a@x", {"a@x", None}))
		self.assertFalse(violates("b@x", {"a@x"}))
		self.assertFalse(violates(None, {"a@x"}))
