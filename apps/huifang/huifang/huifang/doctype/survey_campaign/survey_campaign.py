"""Survey Campaign (R-61): a template sent to a target group for a period, through the portal,
email, paper forms or on-site, with forms handed out and returned tracked (文件签收单)."""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate


class SurveyCampaign(Document):
	def validate(self):
		if getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("End Date cannot be earlier than Start Date."))
		if not any(
			self.get(f) for f in ("channel_portal", "channel_email", "channel_paper", "channel_onsite")
		):
			frappe.throw(_("Choose at least one channel."))
		if self.target_group == "Custom Filter":
			try:
				json.loads(self.target_filter or "")
			except ValueError:
				frappe.throw(_("Target Filter must be valid JSON."))
		if (self.returned or 0) > (self.handed_out or 0) and self.handed_out:
			frappe.throw(_("More forms returned than handed out."))
		self.set_return_rate()

	def set_return_rate(self):
		received = max(self.returned or 0, self.responses_received or 0)
		self.return_rate = flt(100 * received / self.handed_out, 2) if self.handed_out else 0

	def update_responses(self):
		"""Called when a response arrives; counts are recomputed, never incremented blindly."""
		count = frappe.db.count("Survey Response", {"campaign": self.name})
		self.db_set("responses_received", count, update_modified=False)
		self.set_return_rate()
		self.db_set("return_rate", self.return_rate, update_modified=False)
