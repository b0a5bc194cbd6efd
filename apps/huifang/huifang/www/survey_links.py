"""/survey-links?campaign=<name>: staff print personal survey links with QR codes for paper and
on-site distribution (R-61). The tokens exist only in this page's response, so the printed sheet
is the only copy; a lost sheet is replaced by a new batch (the old links can be revoked)."""

import frappe
from frappe.utils import cint, format_datetime

from huifang.portal import customers, dispatch
from huifang.portal.context import csrf_ok, page_context
from huifang.portal.qr import qr_svg
from huifang.portal.survey_form import load_questions

no_cache = 1
sitemap = 0


def get_context(context):
	customers.require_login()
	campaign = frappe.form_dict.get("campaign")
	if not (campaign and frappe.db.exists("Survey Campaign", campaign)):
		raise frappe.PageDoesNotExistError
	try:
		doc = dispatch.check_staff(campaign)  # a PermissionError becomes the 403 page
	except frappe.ValidationError as e:  # e.g. the campaign is closed
		frappe.clear_messages()
		page_context(context, "打印调查链接", status=400)
		context.update(campaign=frappe._dict(campaign_name=campaign), error=str(e), blocked=True, given={})
		return context
	page_context(context, "打印调查链接", doc.service_unit)
	context.campaign = doc
	context.given = {"count": "20", "channel": "On-site", "days": ""}
	if frappe.request.method != "POST":
		return context
	form = frappe.request.form
	context.given = {k: form.get(k) or "" for k in ("count", "channel", "days", "named")}
	if not csrf_ok():
		context.error = "页面已过期，请重新提交。"
		context.http_status_code = 400
		return context
	try:
		doc, links = dispatch.create_printed_links(
			campaign,
			count=cint(form.get("count")),
			named=bool(form.get("named")),
			channel=form.get("channel"),
			days=cint(form.get("days")) or None,
		)
	except frappe.ValidationError as e:
		frappe.clear_messages()
		context.error = str(e)
		context.http_status_code = 400
		return context
	expiry = frappe.db.get_value("Survey Invitation", links[0]["name"], "expires_on")
	context.expires = format_datetime(expiry, "yyyy-MM-dd")
	context.links = [dict(link, qr=qr_svg(link["url"])) for link in links]
	context.questions = load_questions(doc.survey_template) if form.get("channel") == "Paper Form" else []
	return context
