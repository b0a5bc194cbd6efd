"""The survey page: /survey/<token> for anyone holding the link, /my/surveys/<invitation> for the
signed-in customer it was sent to (R-60, R-62).

GET shows the form, or a clear page for an unknown, used, expired or revoked link. POST checks
the rate limits, the form nonce and every answer, then saves the response once and shows the
thank-you page. Nothing here ever shows a traceback: each outcome is a page of its own.
"""

from __future__ import annotations

import frappe
from frappe.utils import format_datetime

from huifang.portal import customers, rate_limit, survey_form
from huifang.portal.context import page_context
from huifang.portal.invitations import OPEN, UNKNOWN, LinkStateError, find_by_name, find_by_token, state_of
from huifang.portal.responses import save_response
from huifang.portal.tokens import check_nonce, make_nonce

# HTTP status of each page that is not the form
STATUS = {UNKNOWN: 404, "Used": 410, "Expired": 410, "Revoked": 410, "limited": 429, "tampered": 400}


def build(context):
	invitation = _resolve()
	state = state_of(invitation)
	posted = frappe.request.method == "POST"
	if posted and not rate_limit.allow_submission(invitation.name if invitation else None):
		state = "limited"
	survey = _survey(invitation) if invitation else frappe._dict()
	page_context(context, survey.title or "满意度调查", survey.service_unit, STATUS.get(state))
	context.survey = survey
	context.state = state
	if state != OPEN:
		return context
	context.questions = survey_form.load_questions(invitation.survey_template)
	context.given, context.errors = {}, {}
	if posted:
		_submit(context, invitation)
	if context.state == OPEN:
		context.nonce = make_nonce(invitation.name)
	return context


def _resolve():
	"""The invitation this URL names: by token, or by name for its own signed-in customer."""
	if frappe.form_dict.get("invitation"):
		customers.require_login()
		return find_by_name(customers.invitation_of(frappe.form_dict.invitation))
	return find_by_token(frappe.form_dict.get("token"))


def _survey(invitation):
	campaign = (
		frappe.db.get_value(
			"Survey Campaign",
			invitation.campaign,
			["campaign_name", "service_unit", "description"],
			as_dict=True,
		)
		if invitation.campaign
		else None
	) or frappe._dict()
	template = frappe.get_cached_doc("Survey Template", invitation.survey_template)
	service_unit = campaign.service_unit
	if not service_unit and invitation.customer:
		service_unit = frappe.db.get_value("Customer Archive", invitation.customer, "service_unit")
	return frappe._dict(
		title=campaign.campaign_name or template.template_name,
		introduction=template.description or campaign.description,
		service_unit=service_unit,
		is_anonymous=invitation.is_anonymous,
		expires_on=format_datetime(invitation.expires_on, "yyyy-MM-dd HH:mm"),
	)


def _submit(context, invitation):
	form = frappe.request.form
	if not check_nonce(invitation.name, form.get("nonce")):
		# a page kept open too long or a form from elsewhere: show it again, answers kept
		context.given = {k: form.getlist(k) for k in form.keys() if k.startswith(survey_form.FIELD_PREFIX)}
		context.given[survey_form.COMMENTS] = form.get(survey_form.COMMENTS) or ""
		context.form_error = "页面已停留过久或来源无效，请检查您的回答后重新提交。"
		context.http_status_code = 400
		return
	try:
		rows, comments, errors, values = survey_form.parse(context.questions, form)
	except survey_form.TamperedForm:
		context.state = "tampered"
		context.http_status_code = STATUS["tampered"]
		return
	context.given, context.errors = values, errors
	if errors:
		context.form_error = f"有 {len(errors)} 处需要修改，请查看下方标出的题目。"
		context.http_status_code = 400
		return
	try:
		save_response(invitation.name, rows, comments)
	except LinkStateError as e:
		context.state = e.state
		context.http_status_code = STATUS.get(e.state, 410)
		return
	except frappe.ValidationError:
		frappe.clear_messages()
		context.form_error = "提交未能保存，请检查您的回答后重试。"
		context.http_status_code = 400
		return
	context.state = "thanks"
	context.http_status_code = 200
	context.answers = [
		frappe._dict(question=q.question, label=survey_form.answer_label(row))
		for q, row in zip(context.questions, rows, strict=True)
	]
	context.comments = comments
