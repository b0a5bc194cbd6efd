import frappe
from frappe.tests import IntegrationTestCase

from huifang.tests.factories import make_template


class TestSurveyCampaign(IntegrationTestCase):
	def campaign(self, **fields):
		return frappe.get_doc(
			{
				"doctype": "Survey Campaign",
				"campaign_name": "2026年一季度满意度调查",
				"survey_template": make_template([("总体满意度", "Rating 1-5")]),
				"period_type": "Quarterly",
				"start_date": "2026-01-01",
				"end_date": "2026-03-31",
				"channel_paper": 1,
				**fields,
			}
		)

	def test_handed_out_and_returned(self):
		"""R-61: forms handed out and returned are tracked with a return rate."""
		doc = self.campaign(handed_out=40, returned=30).insert()
		self.assertEqual(doc.return_rate, 75)
		doc.returned = 50
		with self.assertRaises(frappe.ValidationError):
			doc.save()

	def test_period_and_channel_required(self):
		"""R-61: a campaign has a valid period and at least one channel."""
		with self.assertRaises(frappe.ValidationError):
			self.campaign(end_date="2025-12-31").insert()
		with self.assertRaises(frappe.ValidationError):
			self.campaign(channel_paper=0, channel_portal=0).insert()
