import frappe
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import ensure_fixtures, make_calendar, make_unit, make_user
from huifang.utils.units import get_descendants, get_unit_chain, get_unit_head
from huifang.utils.working_days import get_calendar_name


class TestServiceUnit(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()

	def test_tree_chain_and_inherited_head(self):
		"""R-01: units form a tree; a window without its own head answers to its parent's head."""
		head = make_user("head")
		calendar = make_calendar()
		company = make_unit(unit_type="Company", is_group=1, unit_head=head, working_calendar=calendar)
		window = make_unit(parent=company, unit_type="Window")
		self.assertEqual([u.name for u in get_unit_chain(window)], [window, company])
		self.assertEqual(get_unit_head(window), head)
		self.assertEqual(get_calendar_name(window), calendar)
		self.assertIn(window, get_descendants(company))
		self.assertNotIn(company, get_descendants(company, include_self=False))

	def test_member_listed_once(self):
		"""R-01: a user is a member of a unit once."""
		user = make_user("member")
		with self.assertRaises(frappe.ValidationError):
			make_unit(members=[user, user])
