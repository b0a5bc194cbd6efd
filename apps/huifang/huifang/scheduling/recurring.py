"""Customer-targeted callbacks (R-31): owners every quarter, old customers once a year,
contract follow-ups after signing and handover, lost customers after 6 months without a visit.

A plan with target basis "Customers" is run per step over the customer archive (unit scope,
customer type and JSON filter, do-not-call skipped for phone plans):
- a step repeating every N *months* is a calendar cycle: one task per customer per period of N
  months aligned to 1 January (3 = quarters, 12 = years), key "<plan>/<step>/<customer>/<period
  start>", so the unique task_key guarantees no customer twice in a period, and because the job
  runs daily every customer with the anchor date set is covered in every period;
- a step repeating every N *days* repeats from the customer's anchor date (key with occurrence);
- any other step is a one-off from the anchor (contract +1 week, handover +1/3/12 months). On the
  "Last Visit" anchor the key also carries the visit date: a customer who comes back and is lost
  again is detected again.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from huifang.scheduling import plans as P
from huifang.scheduling.assignees import AssigneePicker
from huifang.scheduling.run_log import job_run
from huifang.scheduling.timing import MONTHS, Step, anchor_bounds, due_occurrences, period_of, period_window
from huifang.scheduling.writer import DEFAULT_BATCH, TaskWriter

JOB = "Customer Callback Cycles"
ANCHOR_COLUMNS = {
	"Handover": "ca.handover_date",
	"Contract Signing": "ca.contract_signed_on",
	"Last Visit": "ca.last_visit_on",
}
ROW_FIELDS = (
	"customer",
	"customer_name",
	"service_unit",
	"account_manager",
	"do_not_call",
	"preferred_time_from",
	"preferred_time_to",
	"anchor_date",
)


def run_daily(on_date=None, commit: bool = True, batch_size: int = DEFAULT_BATCH) -> int:
	"""Scheduler entry (daily, long queue): every effective customer-targeted plan."""
	day = getdate(on_date or today())
	with job_run(JOB, commit=commit, run_date=day) as run:
		for name in P.effective_plans(P.CUSTOMERS):
			try:
				generate_customer_plan(frappe.get_doc("Callback Plan", name), day, run, batch_size)
			except Exception as exc:
				run.abort()
				run.error(_("Plan {0}").format(name), exc)
		return run.created


def is_period_cycle(step: Step) -> bool:
	return step.repeats and step.repeat_unit == MONTHS


def task_key(plan: str, step: Step, customer: str, anchor_date, day, occurrence: int = 0) -> str:
	base = f"{plan}/{step.step_no}/{customer}"
	if is_period_cycle(step):
		return f"{base}/{period_of(day, step.repeat_every)[0]}"
	if step.repeats:
		return f"{base}/{occurrence}" if occurrence else base
	if step.anchor == "Last Visit":
		return f"{base}/{anchor_date}"
	return base


def generate_customer_plan(
	plan, day, run, batch_size: int = DEFAULT_BATCH, progress=None, after_batch=None
) -> int:
	if not P.is_effective(plan) or plan.target_basis != P.CUSTOMERS:
		return 0
	writer = TaskWriter(run, batch_size, after_batch=after_batch)
	picker = AssigneePicker(plan, day)
	calendars = P.Calendars()
	steps = [Step.from_row(r) for r in sorted(plan.steps, key=lambda r: r.step_no)]
	total = sum(count_candidates(plan, s, day) for s in steps) if progress else 0
	done = 0
	for step in steps:
		period = period_of(day, step.repeat_every) if is_period_cycle(step) else None
		for rows in candidate_pages(plan, step, day, batch_size):
			for values in rows:
				row = dict(zip(ROW_FIELDS, values, strict=True))
				cal = calendars(row["service_unit"])
				anchor = getdate(row["anchor_date"])
				if period:
					due = [(0, *period_window(step, period, max(anchor, period[0]), cal))]
					due = [d for d in due if d[1] <= day]
				else:
					due = due_occurrences(step, anchor, cal, day, P.CATCH_UP_DAYS)
				for occurrence, earliest, latest in due:
					assignee, moved_from, reason = picker.pick(row["service_unit"], row["account_manager"])
					writer.add(
						{
							"customer": row["customer"],
							"customer_name": row["customer_name"],
							"service_unit": row["service_unit"],
							"assignee": assignee,
							"reassigned_from": moved_from,
							"reassign_reason": reason,
							"method": plan.primary_method or "Phone",
							"earliest_date": earliest,
							"latest_date": latest,
							"preferred_time_from": row["preferred_time_from"],
							"preferred_time_to": row["preferred_time_to"],
							"do_not_call": row["do_not_call"],
							"callback_plan": plan.name,
							"plan_step": step.step_no,
							"task_key": task_key(plan.name, step, row["customer"], anchor, day, occurrence),
						}
					)
			done += len(rows)
			if progress:
				progress(done, total)
	return writer.close()


def _query_parts(plan, step: Step, day):
	anchor = ANCHOR_COLUMNS.get(step.anchor)
	if not anchor:
		frappe.throw(
			_(
				"Step {0}: a customer plan counts from handover, contract signing or last visit, not {1}."
			).format(step.step_no, _(step.anchor))
		)
	params = {"plan": plan.name, "step": step.step_no}
	conditions = [f"{anchor} IS NOT NULL"]
	if is_period_cycle(step):
		# eligible once the anchor has passed; one key per period makes the anti-join exact
		conditions.append(f"{anchor} <= %(day)s")
		conditions.append(
			"""NOT EXISTS (SELECT 1 FROM `tabCallback Task` t
			WHERE t.task_key = CONCAT(%(plan)s, '/', %(step)s, '/', ca.name, '/', %(period)s))"""
		)
		params.update(day=day, period=str(period_of(day, step.repeat_every)[0]))
	else:
		low, high = anchor_bounds(step, day, P.CATCH_UP_DAYS)
		conditions.append(f"{anchor} < %(high)s")
		params["high"] = add_days(high, 1)
		if low:
			conditions.append(f"{anchor} >= %(low)s")
			params["low"] = low
		if not step.repeats:
			suffix = ", '/', ca.last_visit_on" if step.anchor == "Last Visit" else ""
			conditions.append(
				f"""NOT EXISTS (SELECT 1 FROM `tabCallback Task` t
				WHERE t.task_key = CONCAT(%(plan)s, '/', %(step)s, '/', ca.name{suffix}))"""
			)
	units = P.unit_scope(plan)
	if units:
		conditions.append("ca.service_unit IN %(units)s")
		params["units"] = units
	if (plan.primary_method or "Phone") == "Phone":
		conditions.append("ca.do_not_call = 0")
	where = " FROM `tabCustomer Archive` ca WHERE " + " AND ".join(conditions) + P.customer_conditions(plan)
	return anchor, where, params


def count_candidates(plan, step: Step, day) -> int:
	_anchor, where, params = _query_parts(plan, step, day)
	return frappe.db.sql(f"SELECT COUNT(*) {where}", params)[0][0]


def candidate_pages(plan, step: Step, day, page_size: int):
	"""Names first (filters and anti-join once), then each page's rows by primary key."""
	anchor, where, params = _query_parts(plan, step, day)
	names = sorted(frappe.db.sql_list(f"SELECT ca.name {where}", params))
	detail = (
		"SELECT ca.name, ca.customer_name, ca.service_unit, ca.account_manager, ca.do_not_call, "
		f"ca.preferred_time_from, ca.preferred_time_to, {anchor} FROM `tabCustomer Archive` ca "
		"WHERE ca.name IN %(names)s ORDER BY ca.name"
	)
	for start in range(0, len(names), page_size):
		yield frappe.db.sql(detail, {"names": tuple(names[start : start + page_size])})
