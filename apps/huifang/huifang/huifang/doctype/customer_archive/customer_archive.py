"""Customer Archive 客户档案 (R-10, R-11, R-13). Confidential fields sit at permlevel 1
(id_number, primary_phone, address, income, family_structure, contacts.phone) so that R-12
masking can rely on them; never copy them elsewhere with fetch_from."""

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_time

PHONE_RE = re.compile(r"^\+?[0-9][0-9\- ]{5,19}$")
ID_RE = re.compile(r"^[0-9A-Za-z]{15,18}$")


class CustomerArchive(Document):
	def validate(self):
		self.sync_primary_phone()
		self.validate_phones()
		self.validate_id_number()
		self.validate_time_window()
		self.clear_unused_tags()

	def sync_primary_phone(self):
		"""One primary contact at most; its phone is the archive's primary phone."""
		primaries = [c for c in self.contacts if c.is_primary]
		if len(primaries) > 1:
			frappe.throw(_("Only one contact can be primary."))
		if not primaries:
			with_phone = [c for c in self.contacts if c.phone]
			if with_phone and not self.primary_phone:
				with_phone[0].is_primary = 1
				primaries = with_phone[:1]
		if primaries and primaries[0].phone:
			self.primary_phone = primaries[0].phone

	def validate_phones(self):
		phones = [p for p in [self.primary_phone, *(c.phone for c in self.contacts)] if p]
		if not phones:
			frappe.throw(_("A customer needs at least one phone number."), title=_("Phone Missing"))
		for phone in phones:
			if not PHONE_RE.match(phone.strip()):
				frappe.throw(_("{0} is not a valid phone number.").format(frappe.bold(phone)))

	def validate_id_number(self):
		if self.id_number:
			self.id_number = self.id_number.strip().upper()
			if not ID_RE.match(self.id_number):
				frappe.throw(_("The ID number must have 15 to 18 letters or digits."))

	def validate_time_window(self):
		if self.preferred_time_from and self.preferred_time_to:
			if get_time(self.preferred_time_from) >= get_time(self.preferred_time_to):
				frappe.throw(_("Call From must be earlier than Call Until."))

	def clear_unused_tags(self):
		if not self.is_quality_customer:
			self.quality_reason = None
		if not self.is_special_owner:
			self.special_owner_category = None
		if not self.do_not_call:
			self.do_not_call_reason = None


def on_doctype_update():
	frappe.db.add_index("Customer Archive", ["service_unit", "customer_type"], index_name="unit_type_index")


def get_timeline_data(doctype: str, name: str) -> dict[int, int]:
	"""The form's heat map (R-13): the customer's events, tasks, records, complaints and surveys by day."""
	from huifang.utils.customer_history import heatmap

	return heatmap(name)
