"""Service Unit tree look-ups shared by deadlines, assignment and escalation (R-01)."""

from __future__ import annotations

import frappe

UNIT_FIELDS = ["name", "unit_type", "unit_head", "supervisor", "working_calendar", "lft", "rgt"]


def get_unit_chain(service_unit: str | None) -> list:
	"""The unit itself followed by its ancestors, nearest first."""
	if not service_unit:
		return []
	bounds = frappe.db.get_value("Service Unit", service_unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	if not bounds.lft:
		# tree not built yet (e.g. during import): fall back to the unit alone
		return frappe.get_all("Service Unit", filters={"name": service_unit}, fields=UNIT_FIELDS)
	return frappe.get_all(
		"Service Unit",
		filters={"lft": ("<=", bounds.lft), "rgt": (">=", bounds.rgt)},
		fields=UNIT_FIELDS,
		order_by="lft desc",
	)


def get_unit_head(service_unit: str | None) -> str | None:
	"""The head of the unit, or of the nearest ancestor that has one."""
	for unit in get_unit_chain(service_unit):
		if unit.unit_head:
			return unit.unit_head
	return None


def get_unit_supervisor(service_unit: str | None) -> str | None:
	for unit in get_unit_chain(service_unit):
		if unit.supervisor:
			return unit.supervisor
	return None


def get_descendants(service_unit: str, include_self: bool = True) -> list[str]:
	bounds = frappe.db.get_value("Service Unit", service_unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	op = ("<=", ">=") if include_self else ("<", ">")
	return frappe.get_all(
		"Service Unit",
		filters={"lft": (op[1], bounds.lft), "rgt": (op[0], bounds.rgt)},
		pluck="name",
	)


def get_member(service_unit: str | None, user: str):
	"""The Service Unit Member row of `user` in the unit or its nearest ancestor."""
	for unit in get_unit_chain(service_unit):
		rows = frappe.get_all(
			"Service Unit Member",
			filters={"parent": unit.name, "parenttype": "Service Unit", "user": user},
			fields=["user", "unit_role", "joined_on", "not_performing_months", "is_active"],
			limit=1,
		)
		if rows:
			return rows[0]
	return None


USER_UNITS_CACHE = "huifang:user_units"


def get_user_units(user: str) -> dict:
	"""The units a user belongs to (active member, unit head or supervisor) as `own`, and those
	units with every unit below them as `tree` (R-01, R-12). Cached per user; any Service Unit
	change clears the cache (clear_user_units)."""

	def compute():
		own = set(
			frappe.get_all(
				"Service Unit Member",
				filters={"parenttype": "Service Unit", "user": user, "is_active": 1},
				pluck="parent",
			)
		)
		own.update(
			frappe.get_all("Service Unit", or_filters={"unit_head": user, "supervisor": user}, pluck="name")
		)
		tree = set(own)
		if own:
			tree.update(
				r[0]
				for r in frappe.db.sql(
					"""select distinct d.name from `tabService Unit` a
					join `tabService Unit` d on d.lft >= a.lft and d.rgt <= a.rgt and a.lft > 0
					where a.name in %(units)s""",
					{"units": tuple(own)},
				)
			)
		return {"own": sorted(own), "tree": sorted(tree)}

	return frappe.cache.hget(USER_UNITS_CACHE, user, compute)


def clear_user_units(doc=None, method=None, *args, **kwargs) -> None:
	"""doc_events of Service Unit (and the clear_cache hook): membership or tree changed."""
	frappe.cache.delete_value(USER_UNITS_CACHE)
	if getattr(frappe.local, "db", None):
		# again once committed: another request may have cached the old membership meanwhile
		frappe.db.after_commit.add(lambda: frappe.cache.delete_value(USER_UNITS_CACHE))
