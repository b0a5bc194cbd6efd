"""Plan-level look-ups shared by the generation jobs: which plans run, their unit scope, customer
targeting as SQL, and working calendars cached per unit."""

from __future__ import annotations

import json

import frappe
from frappe import _

from huifang.utils.units import get_descendants
from huifang.utils.working_days import Calendar, get_unit_calendar

CALLBACK_RULE = "Callback Rule"
MONTHLY_VISIT = "Monthly Visit Plan"
APPROVED = "Approved"
EVENTS, CUSTOMERS = "Service Events", "Customers"
RANDOM_SAMPLE, BY_PRIORITY = "Random Sample", "By Priority"
# a missed run still creates the tasks whose window closed at most this many days ago
CATCH_UP_DAYS = 7


def effective_plans(
	target_basis: str | None = None, sampling: str | None = None, exclude_sampling=None
) -> list[str]:
	"""Names of active, approved callback rules (plans only generate once approved, R-34)."""
	filters = {"is_active": 1, "workflow_state": APPROVED, "plan_kind": CALLBACK_RULE}
	if target_basis:
		filters["target_basis"] = target_basis
	if sampling:
		filters["sampling"] = sampling
	if exclude_sampling:
		filters["sampling"] = ("!=", exclude_sampling)
	return frappe.get_all("Callback Plan", filters=filters, pluck="name", order_by="name asc")


def is_effective(plan) -> bool:
	return bool(plan.is_active) and plan.workflow_state == APPROVED and plan.plan_kind == CALLBACK_RULE


def unit_scope(plan) -> tuple[str, ...] | None:
	"""The plan's unit and its descendants; None when the plan covers every unit."""
	if not plan.service_unit:
		return None
	return tuple(get_descendants(plan.service_unit)) or (plan.service_unit,)


def customer_conditions(plan, alias: str = "ca") -> str:
	"""SQL conditions on the customer archive from the plan's customer type and JSON filter.

	The JSON filter is turned into SQL by the framework's own query builder (values escaped)."""
	parts = []
	if plan.customer_type:
		parts.append(f"{alias}.customer_type = {frappe.db.escape(plan.customer_type)}")
	if plan.customer_filter:
		try:
			filters = json.loads(plan.customer_filter)
		except ValueError:
			frappe.throw(_("Customer Filter must be valid JSON."))
		if filters:
			query = frappe.get_all("Customer Archive", filters=filters, fields=["name"], run=0, order_by=None)
			# the SQL goes through another %-formatting pass: keep LIKE wildcards literal
			parts.append(f"{alias}.name IN ({str(query).replace('%', '%%')})")
	return "".join(f" AND {p}" for p in parts)


class Calendars:
	"""Working calendar per unit (nearest up the tree, else the default), looked up once per run."""

	def __init__(self):
		self._by_unit: dict[str, Calendar] = {}

	def __call__(self, unit: str | None) -> Calendar:
		key = unit or ""
		if key not in self._by_unit:
			self._by_unit[key] = get_unit_calendar(unit)
		return self._by_unit[key]
