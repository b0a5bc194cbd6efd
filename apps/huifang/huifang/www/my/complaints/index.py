"""/my/complaints: the signed-in customer's complaints with their status (R-62)."""

import frappe

from huifang.portal import complaints, customers
from huifang.portal.context import page_context

no_cache = 1
sitemap = 0


def get_context(context):
	customers.require_login()
	archives = customers.archives_of()
	page_context(context, "我的投诉", customers.unit_of(archives), None if archives else 403)
	context.has_archive = bool(archives)
	context.complaints = complaints.complaints_of(archives)
	# the name of a complaint just filed (after the redirect), shown only if it is one of theirs
	filed = frappe.form_dict.get("filed")
	context.filed = filed if any(c.name == filed for c in context.complaints) else None
	return context
