"""Global search and link titles limited to what the user may open (R-12).

The engine's global search reads the `__global_search` index and checks only that the user can
read the DocType, so it would list customers of every unit. This replacement (registered in
`override_whitelisted_methods`) keeps the engine's ranking and drops every hit the user's
permissions (unit scoping included) do not select: one query per DocType in the results.

The engine's `get_link_title` returns the title (a customer's name) of any document named to it,
without a permission check, so archive numbers could be walked to list every unit's customers.
The replacement answers with the title only for documents the user's permissions select.
"""

from __future__ import annotations

from collections import defaultdict

import frappe


@frappe.whitelist()
def global_search(text, start=0, limit=20, doctype=""):
	from frappe.utils.global_search import search

	return filter_permitted(search(text, start, limit, doctype))


def filter_permitted(results: list) -> list:
	names = defaultdict(set)
	for row in results:
		names[row.doctype].add(row.name)
	permitted = {doctype: permitted_names(doctype, found) for doctype, found in names.items()}
	return [row for row in results if row.name in permitted[row.doctype]]


def permitted_names(doctype: str, names: set) -> set:
	try:
		return set(
			frappe.get_list(doctype, filters={"name": ("in", list(names))}, pluck="name", limit_page_length=0)
		)
	except frappe.PermissionError:
		return set()


@frappe.whitelist()
def get_link_title(doctype, docname):
	"""frappe.desk.search.get_link_title for the app's DocTypes: the title of a document the user
	may read (or select), else the bare name the caller already has."""
	from frappe.desk.search import get_link_title as engine_get_link_title

	from huifang.security.exports import is_app_doctype

	if is_app_doctype(doctype) and docname not in permitted_names(doctype, {docname}):
		return docname
	return engine_get_link_title(doctype, docname)
