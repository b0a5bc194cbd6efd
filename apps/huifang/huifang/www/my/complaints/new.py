"""/my/complaints/new: a customer files a complaint (R-50, R-62). Works without JavaScript;
after filing, the browser is sent to the list (post/redirect/get) so a reload files nothing twice."""

import frappe

from huifang.portal import complaints, customers
from huifang.portal.context import csrf_ok, page_context

STALE = "页面已过期，请检查内容后重新提交。"

no_cache = 1
sitemap = 0


def get_context(context):
	customers.require_login()
	archives = customers.archives_of()
	page_context(context, "提交投诉", customers.unit_of(archives), None if archives else 403)
	context.has_archive = bool(archives)
	context.archives = frappe.get_all(
		"Customer Archive", filters={"name": ("in", archives)}, fields=["name", "customer_name"]
	) if archives else []  # fmt: skip
	context.categories = complaints.categories()
	context.given, context.errors = {"people_count": "1"}, {}
	if archives and frappe.request.method == "POST":
		if not csrf_ok():
			context.given, context.errors = dict(frappe.request.form), {"form": STALE}
			context.http_status_code = 400
			return context
		name, errors, values = complaints.file_complaint(archives, frappe.request.form)
		if name:
			frappe.local.flags.redirect_location = f"/my/complaints?filed={name}"
			raise frappe.Redirect(303)
		context.given, context.errors = values, errors
		context.http_status_code = 400
	return context
