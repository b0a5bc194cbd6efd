"""/my/complaints/<name>: one of the signed-in customer's complaints, its status and the replies
sent to them (R-53, R-62). Another customer's complaint looks exactly like a missing one."""

import frappe

from huifang.portal import complaints, customers
from huifang.portal.context import page_context

no_cache = 1
sitemap = 0


def get_context(context):
	customers.require_login()
	complaint = customers.complaint_of(frappe.form_dict.get("complaint"))
	title = complaint.subject if complaint else "未找到投诉"
	page_context(context, title, customers.unit_of(customers.archives_of()), None if complaint else 404)
	context.complaint = complaints.for_customer(complaint) if complaint else None
	return context
