"""Which Service Units a user may analyse, and the units a report's filters select (R-01, R-12).

Reports aggregate with SQL, so the row scoping of list views (permission_query_conditions) does
not reach them: every analysis query is limited to the units returned here, following the same
policy as huifang.security.scoping — Administrators, System Managers and Quality Auditors read
every unit; Supervisors and Managers their units and all units below them; other staff their own
units (Complaint Handlers also see what is routed to them, which the complaint queries add).
"""

from __future__ import annotations

import frappe

from huifang.security.scoping import get_access


def user_units(user: str | None = None) -> list[str] | None:
	"""Units the user may see in analysis; None means every unit."""
	access = get_access(user or frappe.session.user)
	if access.unrestricted or access.reads_all:
		return None
	if not access.staff:
		return []
	return sorted(set(access.units) | set(access.own_units))


def descendants(units: list[str]) -> list[str]:
	"""The units and every unit below them (nested set)."""
	if not units:
		return []
	rows = frappe.db.sql(
		"""SELECT DISTINCT d.name FROM `tabService Unit` a
		JOIN `tabService Unit` d ON d.lft >= a.lft AND d.rgt <= a.rgt AND a.lft > 0
		WHERE a.name IN %(units)s""",
		{"units": tuple(units)},
	)
	# a unit whose tree is not built yet (lft = 0) still counts as itself
	return sorted({r[0] for r in rows} | set(units))


def selected_units(filters, user: str | None = None) -> list[str] | None:
	"""Units chosen by the `company` and `service_unit` filters (each with its subtree), limited
	to what the user may see. None means no limit; an empty list selects nothing."""
	chosen = None
	for field in ("company", "service_unit"):
		value = filters.get(field)
		if not value:
			continue
		subtree = set(descendants([value]))
		chosen = subtree if chosen is None else chosen & subtree
	allowed = user_units(user)
	if allowed is not None:
		chosen = set(allowed) if chosen is None else chosen & set(allowed)
	return None if chosen is None else sorted(chosen)
