"""R-03 independence (独立性原则): whoever handled or sold the service must not call back on it."""

from __future__ import annotations

from collections.abc import Iterable


def violates(agent: str | None, involved: Iterable[str | None]) -> bool:
	return bool(agent) and agent in {p for p in involved if p}


def involved_people(service_event: str | None) -> set[str]:
	"""Users who handled or sold the event."""
	import frappe

	if not service_event:
		return set()
	row = frappe.db.get_value("Service Event", service_event, ["handler", "sold_by"], as_dict=True)
	return {p for p in (row or {}).values() if p}


def is_independent(agent: str | None, service_event: str | None) -> bool:
	return not violates(agent, involved_people(service_event))
