"""Who does a generated callback: the plan's assignee rule, applied per row from cached look-ups.

Rules (R-30): unit pool round-robin (least loaded first), the customer's account manager, the
unit head, or a specific user; major events go to the unit head when the plan says so (R-53).
R-03: nobody who handled or sold the event is chosen. R-04: new or non-performing agents'
callbacks go to the unit head (huifang.utils.assignment). Every look-up is cached per run, so a
batch of thousands of rows costs a handful of queries.
"""

from __future__ import annotations

import frappe
from frappe import _

from huifang.utils.assignment import NEW_AGENT, reassign_if_needed
from huifang.utils.units import get_unit_chain, get_unit_head

POOL, ACCOUNT_MANAGER, UNIT_HEAD, SPECIFIC = (
	"Unit Pool Round Robin",
	"Account Manager",
	"Unit Head",
	"Specific User",
)
OPEN_STATES = ("Open", "In Progress", "Overdue")


class AssigneePicker:
	def __init__(self, plan, on_date):
		self.rule = plan.get("assignee_rule") or POOL
		self.specific = plan.get("assignee")
		self.major_to_head = bool(plan.get("major_to_unit_head"))
		self.on_date = on_date
		self._pools: dict[str, list[str]] = {}
		self._turn: dict[str, int] = {}
		self._heads: dict[str, str | None] = {}
		self._r04: dict[tuple, tuple] = {}

	def pick(self, unit: str, account_manager=None, involved=(), is_major=False) -> tuple:
		"""(assignee, reassigned_from, reassign_reason) for one callback."""
		excluded = {p for p in involved if p}
		if is_major and self.major_to_head:
			return self.head(unit), None, None
		user = None
		if self.rule == SPECIFIC:
			user = self.specific
		elif self.rule == ACCOUNT_MANAGER:
			user = account_manager
		elif self.rule == UNIT_HEAD:
			user = self.head(unit)
		if not user or user in excluded:
			user = self.from_pool(unit, excluded)
		return self.apply_r04(unit, user)

	def head(self, unit: str) -> str | None:
		if unit not in self._heads:
			self._heads[unit] = get_unit_head(unit)
		return self._heads[unit]

	def from_pool(self, unit: str, excluded: set) -> str | None:
		pool = self.pool(unit)
		if not pool:
			return None
		turn = self._turn.get(unit, 0)
		for i in range(len(pool)):
			user = pool[(turn + i) % len(pool)]
			if user not in excluded:
				self._turn[unit] = (turn + i + 1) % len(pool)
				return user
		return None

	def pool(self, unit: str) -> list[str]:
		"""Active callback agents of the unit, or of its nearest ancestor that has some,
		least loaded first so round-robin evens out the open work."""
		if unit in self._pools:
			return self._pools[unit]
		agents: list[str] = []
		for row in get_unit_chain(unit):
			agents = frappe.get_all(
				"Service Unit Member",
				filters={
					"parent": row.name,
					"parenttype": "Service Unit",
					"is_active": 1,
					"is_callback_agent": 1,
				},
				pluck="user",
				order_by="idx asc",
			)
			if agents:
				break
		if agents:
			load = dict(
				frappe.db.sql(
					"""SELECT `assignee`, COUNT(*) FROM `tabCallback Task`
					WHERE `assignee` IN %(agents)s AND `status` IN %(states)s GROUP BY `assignee`""",
					{"agents": tuple(agents), "states": OPEN_STATES},
				)
			)
			agents.sort(key=lambda u: load.get(u, 0))
		self._pools[unit] = agents
		return agents

	def apply_r04(self, unit: str, user: str | None) -> tuple:
		if not user:
			return None, None, None
		key = (unit, user)
		if key not in self._r04:
			new_user, reason = reassign_if_needed(unit, user, self.on_date)
			if reason:
				text = _("New agent in the first month") if reason == NEW_AGENT else _("Agent not performing")
				self._r04[key] = (new_user, user, text)
			else:
				self._r04[key] = (user, None, None)
		return self._r04[key]
