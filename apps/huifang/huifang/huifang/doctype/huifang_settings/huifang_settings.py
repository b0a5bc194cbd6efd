"""Huifang Settings: deadlines, severity thresholds, sampling, quotas, scoring and retention.
Code reads values through huifang.utils.settings.get_setting, which supplies the defaults."""

import frappe
from frappe import _
from frappe.model.document import Document

from huifang.portal.sms import validate_sender as validate_sms_sender


class HuifangSettings(Document):
	def validate(self):
		if (
			self.basic_threshold
			and self.satisfied_threshold
			and self.basic_threshold > self.satisfied_threshold
		):
			frappe.throw(_("Basically Satisfied From must not exceed Satisfied From."))
		if (
			self.satisfied_threshold
			and self.total_score_max
			and self.satisfied_threshold > self.total_score_max
		):
			frappe.throw(_("Satisfied From must not exceed the Total Score Maximum."))
		for field in (
			"p1_rate",
			"p2_rate",
			"p3_rate",
			"p4_rate",
			"visit_letter_share_limit",
			"evaluator_weight",
		):
			if not 0 <= (self.get(field) or 0) <= 100:
				frappe.throw(_("{0} must be between 0 and 100.").format(_(self.meta.get_label(field))))
		validate_sms_sender(self.sms_sender)
