"""The Desk quality bar of every huifang DocType (issue 4, "Quality bar").

Every DocType a supervisor works with has list view columns and standard filters, a title, a
search on the fields people type, a sort order on an indexed column, and an index in the database
on each column its lists and reports filter by: the unit, the status, the dates, the assignee or
handler, and the customer. Small configuration DocTypes (a few dozen rows) need no indexes.
"""

import frappe
from frappe.tests import IntegrationTestCase

# a few rows each: indexes would not be used
CONFIGURATION = {"Service Unit", "Service Event Type", "Survey Template", "Working Calendar"}
# the kinds of column lists and reports filter by
FILTERED_LINKS = {"Service Unit", "User", "Customer Archive"}
STATUS_FIELDS = {"status", "workflow_state"}
DATES = {"Date", "Datetime"}


def huifang_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType", filters={"module": "Huifang", "istable": 0, "issingle": 0}, pluck="name", order_by="name"
	)


def leading_index_columns(doctype: str) -> set[str]:
	"""Columns that start an index of the table (an index helps a filter on its first column)."""
	rows = frappe.db.sql(f"SHOW INDEX FROM `tab{doctype}`", as_dict=True)
	return {row.Column_name for row in rows if row.Seq_in_index == 1}


def filtered_columns(meta) -> list[str]:
	"""Standard filters and the sort column that are a unit, user, customer, status or date."""
	columns = []
	for df in meta.fields:
		if not (df.in_standard_filter or df.fieldname == meta.sort_field):
			continue
		if (
			(df.fieldtype == "Link" and df.options in FILTERED_LINKS)
			or df.fieldtype in DATES
			or df.fieldname in STATUS_FIELDS
		):
			columns.append(df.fieldname)
	return columns


class TestDocTypeQuality(IntegrationTestCase):
	def test_lists_have_columns_filters_title_and_sort(self):
		"""Issue 4 quality bar: every DocType's list has columns and standard filters, a title
		(title field or a name made from a field) and a sort column that exists."""
		problems = []
		doctypes = huifang_doctypes()
		self.assertGreater(len(doctypes), 15)
		for doctype in doctypes:
			meta = frappe.get_meta(doctype)
			columns = [df.fieldname for df in meta.fields if df.in_list_view]
			filters = [df.fieldname for df in meta.fields if df.in_standard_filter]
			least = 1 if doctype in CONFIGURATION else 3
			if len(columns) < least:
				problems.append(f"{doctype}: {len(columns)} list columns ({columns})")
			if not filters and doctype != "Working Calendar":
				problems.append(f"{doctype}: no standard filter")
			named_by_field = (meta.autoname or "").startswith(("field:", "format:"))
			if not (meta.title_field or named_by_field):
				problems.append(f"{doctype}: no title field")
			if meta.title_field and not meta.has_field(meta.title_field):
				problems.append(f"{doctype}: title field {meta.title_field} does not exist")
			sort = meta.sort_field or "modified"
			if sort not in ("modified", "creation", "name") and not meta.has_field(sort):
				problems.append(f"{doctype}: sort field {sort} does not exist")
			for field in (meta.search_fields or "").split(","):
				if field.strip() and not meta.has_field(field.strip()):
					problems.append(f"{doctype}: search field {field} does not exist")
		self.assertFalse(problems, "\n".join(problems))

	def test_linked_doctypes_are_searchable_by_what_people_type(self):
		"""Issue 4 quality bar: a DocType other DocTypes link to is found in a Link field by more
		than its generated ID: by search fields, or a name made from a field."""
		targets = set(
			frappe.get_all(
				"DocField",
				filters={"fieldtype": "Link", "parent": ("in", huifang_doctypes())},
				pluck="options",
			)
		)
		problems = []
		for doctype in sorted(targets & set(huifang_doctypes())):
			meta = frappe.get_meta(doctype)
			if not (meta.search_fields or (meta.autoname or "").startswith(("field:", "format:"))):
				problems.append(doctype)
		self.assertFalse(problems, f"Linked to but only searchable by ID: {problems}")

	def test_columns_lists_filter_by_are_indexed(self):
		"""Issue 4 quality bar: the unit, status, date, assignee and customer columns that lists
		filter and sort by have an index in the database (search_index or on_doctype_update)."""
		problems = []
		checked = 0
		for doctype in huifang_doctypes():
			if doctype in CONFIGURATION:
				continue
			meta = frappe.get_meta(doctype)
			indexed = leading_index_columns(doctype)
			for column in filtered_columns(meta):
				checked += 1
				if column not in indexed:
					problems.append(f"{doctype}.{column}")
		self.assertGreater(checked, 40)
		self.assertFalse(problems, f"filtered or sorted without an index: {problems}")
