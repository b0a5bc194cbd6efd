"""Handing out survey links (R-61): by email through the Email Queue, by SMS through the
configured sender, and as printed sheets with QR codes for paper and on-site distribution.

Email and SMS run in a background job that creates the links and sends them in one pass (tokens
exist only in memory and in the messages). Sending twice to a named customer is skipped; an
anonymous campaign keeps no recipients, so it can be sent once per channel.
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import format_datetime, now_datetime

from huifang.portal import sms
from huifang.portal.context import organisation_name
from huifang.portal.invitations import create_invitations, default_expiry
from huifang.utils.units import get_descendants

EMAIL_TEMPLATE = "Huifang Survey Invitation"
STAFF_ROLES = ("Huifang Supervisor", "Huifang Manager", "System Manager")
TARGET_FILTERS = {
	"Individual Customers": {"customer_type": "Individual"},
	"Enterprise Customers": {"customer_type": "Enterprise"},
	"Quality Customers": {"is_quality_customer": 1},
	"Special Owners": {"is_special_owner": 1},
}
MAX_PRINTED = 500


def check_staff(campaign: str):
	"""Only supervisors and managers hand out links, and only for campaigns they may edit."""
	if not set(STAFF_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only supervisors and managers can hand out survey links."), frappe.PermissionError)
	doc = frappe.get_doc("Survey Campaign", campaign)
	doc.check_permission("write")
	if doc.status == "Closed":
		frappe.throw(_("Survey Campaign {0} is closed.").format(campaign))
	return doc


def target_customers(campaign) -> list[str]:
	"""The campaign's target group inside its service unit (and the units below it)."""
	conditions = [
		[field, "=", value] for field, value in TARGET_FILTERS.get(campaign.target_group, {}).items()
	]
	if campaign.target_group == "Custom Filter" and campaign.target_filter:
		conditions += _as_conditions(json.loads(campaign.target_filter))
	if campaign.service_unit:
		conditions.append(["service_unit", "in", get_descendants(campaign.service_unit)])
	return frappe.get_all("Customer Archive", filters=conditions, pluck="name", order_by="name")


def _as_conditions(custom) -> list:
	"""A Custom Filter as [field, operator, value] conditions: {"field": value},
	{"field": [operator, value]} or a list of conditions."""
	if isinstance(custom, list):
		return custom
	return [
		[field, *value] if isinstance(value, list) and len(value) == 2 else [field, "=", value]
		for field, value in custom.items()
	]


@frappe.whitelist(methods=["POST"])
def send_links(campaign: str, channel: str, days: int | None = None) -> dict:
	"""Desk action on a Survey Campaign: send every target customer a personal link."""
	if channel not in ("Email", "SMS"):
		frappe.throw(_("Channel must be Email or SMS."))
	doc = check_staff(campaign)
	if channel == "Email" and not doc.channel_email:
		frappe.throw(_("Email is not a channel of this campaign."))
	if channel == "SMS" and not doc.channel_portal:
		frappe.throw(_("Portal Link is not a channel of this campaign."))
	if channel == "SMS":
		sms.validate_sender(frappe.db.get_single_value("Huifang Settings", "sms_sender"))
	frappe.enqueue(
		"huifang.portal.dispatch.dispatch",
		queue="long",
		job_id=f"huifang-survey-links-{campaign}-{channel}",
		deduplicate=True,
		campaign=campaign,
		channel=channel,
		days=days,
	)
	return {"queued": True}


def dispatch(campaign: str, channel: str, days: int | None = None) -> dict:
	"""Create and send the links of one campaign and channel; returns counts."""
	doc = frappe.get_doc("Survey Campaign", campaign)
	recipients = _recipients(doc, channel)
	if doc.is_anonymous:
		if frappe.db.exists("Survey Invitation", {"campaign": campaign, "channel": channel}):
			frappe.throw(
				_("The links of this anonymous campaign were already sent by {0}.").format(_(channel))
			)
	else:
		invited = set(
			frappe.get_all(
				"Survey Invitation",
				filters={"campaign": campaign, "customer": ("is", "set")},
				pluck="customer",
			)
		)
		recipients = [r for r in recipients if r.customer not in invited]
	if not recipients:
		return {"sent": 0, "failed": 0}
	expires_on = default_expiry(days)
	created = create_invitations(
		campaign=campaign,
		customers=[r.customer for r in recipients],
		channel=channel,
		expires_on=expires_on,
		batch=f"{channel}-{now_datetime():%Y%m%d%H%M%S}",
	)
	organisation = organisation_name(doc.service_unit)
	sent, failed = [], {}
	for link, recipient in zip(created, recipients, strict=True):
		args = {
			"customer_name": recipient.customer_name,
			"organisation": organisation,
			"campaign_name": doc.campaign_name,
			"survey_url": link["url"],
			"expires_on": format_datetime(expires_on, "yyyy-MM-dd"),
			"is_anonymous": doc.is_anonymous,
		}
		try:
			if channel == "Email":
				send_email(recipient.address, args, link["name"])
			else:
				sms.send_sms(recipient.address, sms_text(args))
			sent.append(link["name"])
		except Exception as e:
			failed[link["name"]] = str(e)[:500]
			frappe.clear_messages()
	_record_sent(sent, failed)
	_count_handed_out(doc, len(created))
	return {"sent": len(sent), "failed": len(failed)}


def _recipients(doc, channel: str) -> list:
	"""Target customers with an address for the channel (email: the archive's, else the
	portal user's; SMS: the primary phone)."""
	names = target_customers(doc)
	if not names:
		return []
	archive = frappe.qb.DocType("Customer Archive")
	user = frappe.qb.DocType("User")
	query = (
		frappe.qb.from_(archive)
		.left_join(user)
		.on(user.name == archive.user)
		.select(
			archive.name.as_("customer"),
			archive.customer_name,
			archive.email_id,
			user.email,
			archive.primary_phone,
		)
		.where(archive.name.isin(names))
		.orderby(archive.name)
	)
	rows = []
	for row in query.run(as_dict=True):
		row.address = (row.email_id or row.email) if channel == "Email" else row.primary_phone
		if row.address:
			rows.append(row)
	return rows


def send_email(recipient: str, args: dict, invitation: str) -> None:
	template = frappe.get_cached_doc("Email Template", EMAIL_TEMPLATE)
	frappe.sendmail(
		recipients=[recipient],
		subject=frappe.render_template(template.subject, args),
		message=frappe.render_template(
			template.response_html if template.use_html else template.response, args
		),
		reference_doctype="Survey Invitation",
		reference_name=invitation,
	)


def sms_text(args: dict) -> str:
	return "【{organisation}】{customer}诚邀您参加“{campaign}”，点击填写：{url} （{expires}前有效，仅可提交一次）".format(
		organisation=args["organisation"],
		customer=f"{args['customer_name']}，" if args.get("customer_name") else "",
		campaign=args["campaign_name"],
		url=args["survey_url"],
		expires=args["expires_on"],
	)


def _record_sent(sent: list[str], failed: dict[str, str]) -> None:
	if sent:
		table = frappe.qb.DocType("Survey Invitation")
		frappe.qb.update(table).set(table.sent_on, now_datetime()).where(table.name.isin(sent)).run()
	for name, error in failed.items():  # rare: one update per failed address
		frappe.db.set_value("Survey Invitation", name, "send_error", error, update_modified=False)


def _count_handed_out(doc, count: int) -> None:
	"""Links handed out count as forms handed out (文件签收单), so the return rate covers them."""
	if not count:
		return
	doc.reload()
	doc.handed_out = (doc.handed_out or 0) + count
	doc.set_return_rate()
	doc.db_set({"handed_out": doc.handed_out, "return_rate": doc.return_rate}, update_modified=False)


def create_printed_links(campaign: str, count: int, named: bool, channel: str, days: int | None = None):
	"""Links for printing (paper forms or on-site): `count` unnamed links, or one per target
	customer when `named`. Returns the created links with the customer names."""
	doc = check_staff(campaign)
	if channel not in ("Paper Form", "On-site"):
		frappe.throw(_("Channel must be Paper Form or On-site."))
	if named and not doc.is_anonymous:
		customers = target_customers(doc)
	else:
		customers = [None] * count
	if not 1 <= len(customers) <= MAX_PRINTED:
		frappe.throw(_("Number of Links must be between 1 and {0}.").format(MAX_PRINTED))
	created = create_invitations(
		campaign=campaign,
		customers=customers,
		channel=channel,
		expires_on=default_expiry(days),
		batch=f"{channel}-{now_datetime():%Y%m%d%H%M%S}",
	)
	names = dict(
		frappe.get_all(
			"Customer Archive",
			filters={"name": ("in", [c for c in customers if c])},
			fields=["name", "customer_name"],
			as_list=True,
		)
	)
	for link in created:
		link["customer_name"] = names.get(link["customer"])
	_count_handed_out(doc, len(created))
	return doc, created
