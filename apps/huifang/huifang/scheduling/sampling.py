"""Sampling (R-32, R-33).

Priority sampling (R-32): an event is called back when a stable hash of (plan, event) falls under
its priority's rate (P1 80 %, P2 50 %, P3 20 %, P4 5 %, set on the plan). The hash is computed
in SQL (`priority_condition`) and in Python (`priority_selected`) identically, so the draw is
random across events, the same on every re-run, and auditable.

Weekly random sampling (R-33): each week, for every unit, N events are drawn at random from the
month's ledger (events of the plan's types from the first of the month to the week's end, not
drawn earlier that month). The seed is stored on a Callback Sample with the population's size and
digest, so `verify_sample` can redraw it for an audit. One sample per plan, unit and week
(unique key); its tasks are written like any other and re-created only if missing.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_days, get_first_day, getdate, now_datetime, today

from huifang.scheduling import plans as P
from huifang.scheduling.run_log import job_run
from huifang.scheduling.timing import Step, window
from huifang.scheduling.writer import TaskWriter
from huifang.utils.settings import get_setting

JOB = "Weekly Random Sampling"
HASH_SPACE = 2**32
PRIORITIES = ("P1", "P2", "P3", "P4")
DEFAULT_PRIORITY = "P3"  # what Service Event assumes when none is given


# ---- R-32 priority sampling ----------------------------------------------------------------


def priority_rates(plan) -> dict[str, float]:
	"""Plan rates per priority; blank plan rates fall back to Huifang Settings."""
	rates = {}
	for p in PRIORITIES:
		value = plan.get(f"{p.lower()}_rate")
		rates[p] = float(get_setting(f"{p.lower()}_rate") if value is None else value)
	return rates


def _threshold(rate: float) -> int:
	return int(min(max(rate, 0), 100) * HASH_SPACE // 100)


def draw_value(plan_name: str, event: str) -> int:
	return int(hashlib.sha256(f"{plan_name}/{event}".encode()).hexdigest()[:8], 16)


def priority_selected(plan_name: str, event: str, priority: str | None, rates: dict) -> bool:
	return draw_value(plan_name, event) < _threshold(
		rates.get(priority or DEFAULT_PRIORITY, rates[DEFAULT_PRIORITY])
	)


def priority_condition(plan, alias: str = "se") -> tuple[str, dict]:
	"""The SQL twin of `priority_selected` for candidate queries."""
	rates = priority_rates(plan)
	params = {f"hf_rate_{p}": _threshold(rates[p]) for p in PRIORITIES}
	params["hf_sample_plan"] = plan.name
	sql = (
		f"CAST(CONV(LEFT(SHA2(CONCAT(%(hf_sample_plan)s, '/', {alias}.name), 256), 8), 16, 10) AS UNSIGNED) < "
		f"CASE IFNULL(NULLIF({alias}.priority, ''), '{DEFAULT_PRIORITY}') "
		+ " ".join(f"WHEN '{p}' THEN %(hf_rate_{p})s" for p in PRIORITIES)
		+ f" ELSE %(hf_rate_{DEFAULT_PRIORITY})s END"
	)
	return sql, params


# ---- R-33 weekly random sample -------------------------------------------------------------


def draw(seed: int | str, population: list[str], size: int) -> list[str]:
	"""The reproducible draw: the same seed and population always give the same sample."""
	ordered = sorted(population)
	return random.Random(int(seed)).sample(ordered, min(int(size), len(ordered)))


def digest(population: list[str]) -> str:
	return hashlib.sha256("\n".join(sorted(population)).encode()).hexdigest()


def week_ending(day) -> tuple:
	"""The last complete Monday-Sunday week before `day`: (monday, sunday)."""
	day = getdate(day)
	sunday = day - timedelta(days=day.weekday() + 1)
	return sunday - timedelta(days=6), sunday


def run_weekly(on_date=None, commit: bool = True) -> int:
	"""Scheduler entry (Monday): draw last week's samples for every random-sampling plan."""
	day = getdate(on_date or today())
	with job_run(JOB, commit=commit, run_date=day) as run:
		for name in P.effective_plans(P.EVENTS, sampling=P.RANDOM_SAMPLE):
			try:
				sample_plan(frappe.get_doc("Callback Plan", name), day, run)
			except Exception as exc:
				run.abort()
				run.error(_("Plan {0}").format(name), exc)
		return run.created


def enqueue_weekly():
	"""Cron entry: the draw may touch a month of ledger, so it runs on the long queue."""
	frappe.enqueue(
		"huifang.scheduling.sampling.run_weekly",
		queue="long",
		timeout=3600,
		job_id="huifang-weekly-sampling",
		deduplicate=True,
	)


def week_period(sunday) -> str:
	"""The sample's period, the ISO week of its Sunday: 2026-W47."""
	year, week, _day = sunday.isocalendar()
	return f"{year}-W{week:02d}"


def sample_plan(plan, day, run) -> list[str]:
	"""Draw (once) and write the tasks of last week's sample of every unit; returns sample names."""
	monday, sunday = week_ending(day)
	period = week_period(sunday)
	# a week that spans two months draws from both, so month-end events are never skipped
	ledger_from = get_first_day(monday)
	names = []
	for unit in units_with_events(plan, ledger_from, sunday):
		name = frappe.db.get_value(
			"Callback Sample", {"callback_plan": plan.name, "service_unit": unit, "period": period}
		)
		if not name:
			name = make_sample(plan, unit, period, monday, sunday, ledger_from)
		if name:
			write_sample_tasks(plan, name, day, run)
			names.append(name)
		run.checkpoint()
	return names


def _ledger_sql(plan, unit_condition: str) -> tuple[str, dict]:
	params = {
		"types": tuple(r.event_type for r in plan.event_types) or ("",),
		"plan": plan.name,
	}
	dnc = "AND ca.do_not_call = 0" if (plan.primary_method or "Phone") == "Phone" else ""
	sql = f"""
		FROM `tabService Event` se
		JOIN `tabCustomer Archive` ca ON ca.name = se.customer
		WHERE se.event_type IN %(types)s AND se.status != 'Cancelled'
			AND se.occurred_on >= %(ledger_from)s AND se.occurred_on < %(ledger_to)s
			{unit_condition} {dnc}
			AND NOT EXISTS (
				SELECT 1 FROM `tabCallback Sample Item` i
				JOIN `tabCallback Sample` s ON s.name = i.parent
				WHERE i.service_event = se.name AND s.callback_plan = %(plan)s
					AND s.ledger_from = %(ledger_from)s AND s.drawn_on < %(before)s)
	""" + P.customer_conditions(plan)
	return sql, params


def units_with_events(plan, ledger_from, sunday) -> list[str]:
	scope = P.unit_scope(plan)
	sql, params = _ledger_sql(plan, "AND se.service_unit IN %(units)s" if scope else "")
	params.update(ledger_from=ledger_from, ledger_to=add_days(sunday, 1), before=now_datetime(), units=scope)
	return [
		r[0] for r in frappe.db.sql(f"SELECT DISTINCT se.service_unit {sql} ORDER BY se.service_unit", params)
	]


def population(plan, unit, ledger_from, ledger_to, before, created_before=None) -> list[str]:
	"""The unit's ledger for a draw; `created_before` replays the ledger as it was at the draw."""
	sql, params = _ledger_sql(plan, "AND se.service_unit = %(unit)s")
	params.update(unit=unit, ledger_from=ledger_from, ledger_to=add_days(ledger_to, 1), before=before)
	if created_before:
		sql += " AND se.creation <= %(created_before)s"
		params["created_before"] = created_before
	return [r[0] for r in frappe.db.sql(f"SELECT se.name {sql}", params)]


def make_sample(plan, unit, period, monday, sunday, ledger_from, drawn_on=None, new_seed=None) -> str | None:
	"""One unit's Callback Sample of the week. `drawn_on` and `new_seed` (a function returning the
	seed) let the demo replay past Mondays reproducibly; the job uses now and a random seed."""
	drawn_on = drawn_on or now_datetime()
	pool = population(plan, unit, ledger_from, sunday, drawn_on)
	if not pool:
		return None
	size = int(plan.sample_size or get_setting("sample_size"))
	seed = (new_seed or (lambda: secrets.randbits(48)))()
	chosen = draw(seed, pool, size)
	details = {
		r.name: r
		for r in frappe.get_all(
			"Service Event",
			filters={"name": ("in", chosen)},
			fields=["name", "customer", "customer_name", "event_type", "occurred_on"],
		)
	}
	doc = frappe.get_doc(
		{
			"doctype": "Callback Sample",
			"callback_plan": plan.name,
			"service_unit": unit,
			"period": period,
			"week_start": monday,
			"week_end": sunday,
			"ledger_from": ledger_from,
			"ledger_to": sunday,
			"seed": str(seed),
			"sample_size": size,
			"population_size": len(pool),
			"population_digest": digest(pool),
			"drawn_on": drawn_on,
			"items": [
				{
					"service_event": name,
					"customer": details[name].customer,
					"customer_name": details[name].customer_name,
					"event_type": details[name].event_type,
					"occurred_on": details[name].occurred_on,
				}
				for name in chosen
			],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def write_sample_tasks(plan, sample: str, day, run) -> int:
	"""Tasks for a sample's events (first step's window, counted from the draw day); re-runs only
	fill what is missing, then link each item to its task."""
	steps = sorted(plan.steps, key=lambda r: r.step_no)
	step = Step.from_row(steps[0]) if steps else Step(step_no=1, window_length=7)
	rows = frappe.db.sql(
		"""SELECT i.service_event, se.customer, ca.customer_name, se.service_unit, se.event_type,
			se.priority, ca.do_not_call, ca.preferred_time_from, ca.preferred_time_to
		FROM `tabCallback Sample Item` i
		JOIN `tabService Event` se ON se.name = i.service_event
		JOIN `tabCustomer Archive` ca ON ca.name = se.customer
		WHERE i.parent = %(sample)s AND i.parenttype = 'Callback Sample'
			AND NOT EXISTS (SELECT 1 FROM `tabCallback Task` t WHERE t.service_event = i.service_event
				AND t.callback_plan = %(plan)s AND t.plan_step = %(step)s)""",
		{"sample": sample, "plan": plan.name, "step": step.step_no},
		as_dict=True,
	)
	from huifang.scheduling.assignees import AssigneePicker

	picker = AssigneePicker(plan, day)
	calendars = P.Calendars()
	writer = TaskWriter(run)
	involved = {
		r.name: (r.handler, r.sold_by)
		for r in frappe.get_all(
			"Service Event",
			filters={"name": ("in", [r.service_event for r in rows] or [""])},
			fields=["name", "handler", "sold_by"],
		)
	}
	for r in rows:
		earliest, latest = window(step, day, calendars(r.service_unit))
		assignee, moved_from, reason = picker.pick(r.service_unit, None, involved.get(r.service_event, ()))
		writer.add(
			{
				"customer": r.customer,
				"customer_name": r.customer_name,
				"service_unit": r.service_unit,
				"assignee": assignee,
				"reassigned_from": moved_from,
				"reassign_reason": reason,
				"method": plan.primary_method or "Phone",
				"priority": r.priority or None,
				"earliest_date": earliest,
				"latest_date": latest,
				"preferred_time_from": r.preferred_time_from,
				"preferred_time_to": r.preferred_time_to,
				"do_not_call": r.do_not_call,
				"service_event": r.service_event,
				"event_type": r.event_type,
				"callback_plan": plan.name,
				"plan_step": step.step_no,
				"task_key": f"{plan.name}/{step.step_no}/{r.service_event}",
			}
		)
	created = writer.close()
	frappe.db.sql(
		"""UPDATE `tabCallback Sample Item` i
		JOIN `tabCallback Task` t ON t.service_event = i.service_event
			AND t.callback_plan = %(plan)s AND t.plan_step = %(step)s
		SET i.callback_task = t.name
		WHERE i.parent = %(sample)s AND i.parenttype = 'Callback Sample' AND i.callback_task IS NULL""",
		{"sample": sample, "plan": plan.name, "step": step.step_no},
	)
	return created


@frappe.whitelist()
def verify_sample(name: str) -> dict:
	"""Audit (R-33): replay the ledger as it was at the draw, check its digest, redraw from the
	stored seed and compare with the stored sample."""
	doc = frappe.get_doc("Callback Sample", name)
	doc.check_permission("read")
	plan = frappe.get_doc("Callback Plan", doc.callback_plan)
	pool = population(
		plan, doc.service_unit, doc.ledger_from, doc.ledger_to, doc.drawn_on, created_before=doc.drawn_on
	)
	stored = [r.service_event for r in doc.items]
	redrawn = draw(doc.seed, pool, doc.sample_size)
	return {
		"population_matches": digest(pool) == doc.population_digest and len(pool) == doc.population_size,
		"sample_matches": sorted(redrawn) == sorted(stored),
		"population_size": len(pool),
	}
