"""Service Unit 服务单元 (R-01): the organisation tree every customer, event, task, record,
complaint and score belongs to. Members feed the callback pool, quotas (R-34) and R-04."""

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet


class ServiceUnit(NestedSet):
	nsm_parent_field = "parent_service_unit"

	def validate(self):
		if self.parent_service_unit == self.name:
			frappe.throw(_("A unit cannot be its own parent."))
		self.validate_members()

	def validate_members(self):
		seen = set()
		for row in self.members:
			if row.user in seen:
				frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, frappe.bold(row.user)))
			seen.add(row.user)


def on_doctype_update():
	frappe.db.add_index("Service Unit", ["lft", "rgt"], index_name="lft_rgt_index")
