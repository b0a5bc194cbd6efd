"""The monthly service analysis of the demo's closed months (R-71, R-72): the snapshot job's
documents, reviewed by each unit's supervisor and published by the organisation's manager, so
the reports read snapshots and the public ranking page has months to show. The last closed
month is left reviewed but not yet published, as it would be early in a month."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import frappe

from huifang.analysis.periods import period_label
from huifang.analysis.snapshot import take_snapshot
from huifang.demo import organisation as org
from huifang.demo.clock import reset
from huifang.demo.workflow import advance
from huifang.utils.units import get_unit_head, get_unit_supervisor

MONTHS = 3


def closed_months(today: date, horizon: date) -> list[date]:
	"""First days of the last MONTHS months that ended and lie wholly inside the demo's history."""
	first = today.replace(day=1)
	months = []
	while len(months) < MONTHS:
		first = (first - timedelta(days=1)).replace(day=1)
		if first < horizon:
			break
		months.append(first)
	return sorted(months)


def manager_of(unit: str) -> str:
	return org.email("maguodong" if unit in org.GOVERNMENT_UNITS else "zhoujianguo")


def publish_months(today: date, horizon: date) -> None:
	months = closed_months(today, horizon)
	for i, first in enumerate(months):
		label = period_label(first)
		next_month = (first + timedelta(days=32)).replace(day=1)
		reset()
		take_snapshot(label)
		reviewed = datetime.combine(next_month + timedelta(days=2), time(10, 30))
		published = datetime.combine(next_month + timedelta(days=4), time(15, 0))
		for name, unit in frappe.get_all(
			"Service Analysis",
			filters={"period": label, "workflow_state": "Draft"},
			fields=["name", "service_unit"],
			as_list=True,
		):
			reviewer = get_unit_supervisor(unit) or get_unit_head(unit) or manager_of(unit)
			doc = advance(frappe.get_doc("Service Analysis", name), "Review", reviewer, reviewed)
			if i < len(months) - 1:
				advance(doc, "Publish", manager_of(unit), published)
	reset()
