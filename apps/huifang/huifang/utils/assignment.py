"""R-04: callbacks of new agents (first month) and of agents flagged as not performing for
two consecutive months go to the unit head instead."""

from __future__ import annotations

from datetime import date, timedelta

NEW_AGENT = "new_agent"
NOT_PERFORMING = "not_performing"


def needs_reassignment(
	joined_on: date | None,
	not_performing_months: int | None,
	on_date: date,
	new_agent_days: int = 30,
	months_limit: int = 2,
) -> str | None:
	"""The reason code when the agent may not do callbacks alone, else None."""
	if joined_on and on_date < joined_on + timedelta(days=int(new_agent_days)):
		return NEW_AGENT
	if int(not_performing_months or 0) >= int(months_limit):
		return NOT_PERFORMING
	return None


def reassign_if_needed(service_unit: str | None, assignee: str | None, on_date=None):
	"""Return (assignee, reason code or None) after applying R-04 for the unit."""
	from frappe.utils import getdate, today

	from huifang.utils.settings import get_setting
	from huifang.utils.units import get_member, get_unit_head

	if not assignee or not service_unit:
		return assignee, None
	member = get_member(service_unit, assignee)
	if not member:
		return assignee, None
	reason = needs_reassignment(
		getdate(member.joined_on) if member.joined_on else None,
		member.not_performing_months,
		getdate(on_date or today()),
		get_setting("new_agent_days"),
		get_setting("not_performing_months_limit"),
	)
	if not reason:
		return assignee, None
	head = get_unit_head(service_unit)
	if not head or head == assignee:
		return assignee, None
	return head, reason
