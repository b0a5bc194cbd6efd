import frappe
from frappe.tests import IntegrationTestCase

from huifang.utils.settings import DEFAULTS, get_setting


class TestHuifangSettings(IntegrationTestCase):
	def test_defaults_follow_the_rules(self):
		"""R-52, R-33, R-44: reply 2 days, rectify 3 working days, sample 20, keep records 2 / surveys 3 years."""
		self.assertEqual(DEFAULTS["complaint_reply_days"], 2)
		self.assertEqual(DEFAULTS["rectify_working_days"], 3)
		self.assertEqual(DEFAULTS["sample_size"], 20)
		self.assertEqual(DEFAULTS["record_retention_years"], 2)
		self.assertEqual(DEFAULTS["survey_retention_years"], 3)
		self.assertGreater(int(get_setting("record_retention_years")), 0)

	def test_thresholds_in_order(self):
		"""R-60: the basic threshold cannot exceed the satisfied threshold."""
		settings = frappe.get_single("Huifang Settings")
		settings.satisfied_threshold = 200
		settings.basic_threshold = 210
		with self.assertRaises(frappe.ValidationError):
			settings.save()
