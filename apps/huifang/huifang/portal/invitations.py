"""Survey invitations: one personal, single-use, expiring link per row (R-61, R-62).

Only the SHA-256 hash of a token is stored. Anonymous campaigns never record the customer on
the invitation, and answering one records only the status "Used": no answer time and no response
link, so nothing joins an anonymous response to a person.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, get_datetime, get_url, now_datetime

from huifang.portal.tokens import hash_token, looks_like_token, new_token
from huifang.utils.settings import get_setting

OPEN, USED, EXPIRED, REVOKED = "Open", "Used", "Expired", "Revoked"
UNKNOWN = "Unknown"
FIELDS = [
	"name",
	"campaign",
	"survey_template",
	"customer",
	"is_anonymous",
	"channel",
	"status",
	"expires_on",
]
# the response's channel for each invitation channel
RESPONSE_CHANNEL = {"Email": "Email", "On-site": "On-site"}


class LinkStateError(frappe.ValidationError):
	"""The link cannot be answered: `state` says why (Used, Expired, Revoked, Unknown)."""

	def __init__(self, state: str):
		super().__init__(state)
		self.state = state


def survey_url(token: str) -> str:
	return get_url(f"/survey/{token}")


def default_expiry(days: int | None = None):
	return add_days(now_datetime(), int(days or get_setting("survey_link_days")))


def create_invitations(
	*,
	campaign: str | None = None,
	survey_template: str | None = None,
	customers: list[str | None],
	channel: str,
	expires_on=None,
	batch: str | None = None,
) -> list[dict]:
	"""Insert one invitation per entry of `customers` (None: a link without a name) in one bulk
	insert. Returns [{name, token, url, customer}]: the only time the tokens exist."""
	is_anonymous = 0
	if campaign:
		values = frappe.db.get_value(
			"Survey Campaign", campaign, ["survey_template", "is_anonymous", "status"], as_dict=True
		)
		if not values:
			frappe.throw(_("Survey Campaign {0} does not exist.").format(campaign))
		if values.status == "Closed":
			frappe.throw(_("Survey Campaign {0} is closed.").format(campaign))
		survey_template = values.survey_template
		is_anonymous = values.is_anonymous
	if not survey_template:
		frappe.throw(_("Choose a survey template or a survey campaign."))
	if is_anonymous:
		customers = [None] * len(customers)
	names = dict(
		frappe.get_all(
			"Customer Archive",
			filters={"name": ("in", [c for c in customers if c])},
			fields=["name", "customer_name"],
			as_list=True,
		)
	)
	now = now_datetime()
	expires_on = get_datetime(expires_on) if expires_on else default_expiry()
	if expires_on <= now:
		frappe.throw(_("Expires On must be in the future."))
	user = frappe.session.user
	rows, created = [], []
	for customer in customers:
		token, name = new_token(), frappe.generate_hash(length=12)
		rows.append(
			(
				name, now, now, user, user, 0, 0,
				hash_token(token), campaign, survey_template, customer, names.get(customer),
				OPEN, channel, is_anonymous, batch, expires_on,
			)
		)  # fmt: skip
		created.append({"name": name, "token": token, "url": survey_url(token), "customer": customer})
	frappe.db.bulk_insert(
		"Survey Invitation",
		[
			"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx",
			"token_hash", "campaign", "survey_template", "customer", "customer_name",
			"status", "channel", "is_anonymous", "batch", "expires_on",
		],
		rows,
	)  # fmt: skip
	return created


def state_of(invitation) -> str:
	if not invitation:
		return UNKNOWN
	if invitation.status in (USED, REVOKED):
		return invitation.status
	if invitation.status == EXPIRED or get_datetime(invitation.expires_on) <= now_datetime():
		return EXPIRED
	if (
		invitation.campaign
		and frappe.db.get_value("Survey Campaign", invitation.campaign, "status") == "Closed"
	):
		return EXPIRED  # a closed campaign takes no more answers, whatever its links say
	return OPEN


def find_by_token(token: str | None):
	"""The invitation of a token, or None: malformed and unknown tokens look the same."""
	if not looks_like_token(token):
		return None
	return frappe.db.get_value("Survey Invitation", {"token_hash": hash_token(token)}, FIELDS, as_dict=True)


def find_by_name(name: str | None):
	if not name:
		return None
	return frappe.db.get_value("Survey Invitation", name, FIELDS, as_dict=True)


def claim(name: str):
	"""Lock the invitation row for this transaction and check that it can still be answered.
	A second, concurrent submission waits on the lock and then sees "Used"."""
	invitation = frappe.db.get_value("Survey Invitation", name, FIELDS, as_dict=True, for_update=True)
	state = state_of(invitation)
	if state != OPEN:
		raise LinkStateError(state)
	return invitation


def mark_used(invitation, response: str) -> None:
	if invitation.is_anonymous:
		# only "used": no time, no response, and `modified` untouched, so nothing can be matched
		frappe.db.set_value("Survey Invitation", invitation.name, "status", USED, update_modified=False)
		return
	frappe.db.set_value(
		"Survey Invitation",
		invitation.name,
		{"status": USED, "used_on": now_datetime(), "survey_response": response},
	)


def response_channel(invitation) -> str:
	return RESPONSE_CHANNEL.get(invitation.channel, "Portal Link")


def expire_overdue() -> None:
	"""Daily: open links past their expiry become Expired (one set-based update)."""
	table = frappe.qb.DocType("Survey Invitation")
	(
		frappe.qb.update(table)
		.set(table.status, EXPIRED)
		.where((table.status == OPEN) & (table.expires_on <= now_datetime()))
	).run()
