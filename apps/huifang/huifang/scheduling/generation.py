"""Daily generation of Callback Tasks from Service Events (R-30, R-31, R-32, R-35).

For every active, approved plan that targets events: per timing step, candidates are selected
by SQL (event types, unit scope, customer targeting, anchor date range on indexed columns,
do-not-call customers skipped for phone plans, priority sampling by a stable hash, and an
anti-join on the (event, plan, step) unique key), read in keyset pages, timed in Python with the
unit's working calendar, and written by `TaskWriter` in multi-row INSERT IGNORE batches.

Repeating steps (every 6 months in warranty, prospects every 7 days) create one task per
occurrence; the first keeps the event link under the (event, plan, step) key, later ones are
kept unique by task_key "<plan>/<step>/<event>/<n>" with the event link empty, because
Callback Task has no occurrence column in that unique key.

Plans with random sampling are drawn weekly by `sampling`; customer-targeted plans are run by
`recurring`.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from huifang.scheduling import plans as P
from huifang.scheduling.assignees import AssigneePicker
from huifang.scheduling.run_log import job_run
from huifang.scheduling.sampling import priority_condition
from huifang.scheduling.timing import Step, anchor_bounds, due_occurrences
from huifang.scheduling.writer import DEFAULT_BATCH, TaskWriter

JOB = "Callback Generation"
MANUAL_JOB = "Callback Generation (Manual)"
ANCHOR_COLUMNS = {
	"Event Completed": "se.completed_on",
	"Event Occurred": "se.occurred_on",
	"Expiry Date": "se.expiry_date",
	"Handover": "ca.handover_date",
	"Contract Signing": "ca.contract_signed_on",
	"Last Visit": "ca.last_visit_on",
}
ROW_FIELDS = (
	"event",
	"customer",
	"customer_name",
	"service_unit",
	"event_type",
	"priority",
	"is_major",
	"handler",
	"sold_by",
	"account_manager",
	"do_not_call",
	"preferred_time_from",
	"preferred_time_to",
	"anchor_date",
)
_SELECT = """
	SELECT se.name, se.customer, ca.customer_name, se.service_unit, se.event_type, se.priority,
		(se.is_major = 1 OR IFNULL(et.is_major, 0) = 1), se.handler, se.sold_by, ca.account_manager,
		ca.do_not_call, ca.preferred_time_from, ca.preferred_time_to, DATE({anchor})
"""
_FROM = """
	FROM `tabService Event` se
	JOIN `tabCustomer Archive` ca ON ca.name = se.customer
	LEFT JOIN `tabService Event Type` et ON et.name = se.event_type
	WHERE se.event_type IN %(types)s
		AND se.status != 'Cancelled'
		AND {anchor} IS NOT NULL
		AND {anchor} < %(high)s
		{conditions}
"""
_DETAIL = """
	FROM `tabService Event` se
	JOIN `tabCustomer Archive` ca ON ca.name = se.customer
	LEFT JOIN `tabService Event Type` et ON et.name = se.event_type
	WHERE se.name IN %(names)s
	ORDER BY se.name
"""


def run_daily(on_date=None, commit: bool = True, batch_size: int = DEFAULT_BATCH) -> int:
	"""Scheduler entry (daily, long queue): every effective event plan; returns tasks created."""
	day = getdate(on_date or today())
	with job_run(JOB, commit=commit, run_date=day) as run:
		for name in P.effective_plans(P.EVENTS, exclude_sampling=P.RANDOM_SAMPLE):
			try:
				generate_event_plan(frappe.get_doc("Callback Plan", name), day, run, batch_size)
			except Exception as exc:
				# one broken plan (say, a bad customer filter) must not stop the others
				run.abort()
				run.error(_("Plan {0}").format(name), exc)
		return run.created


def generate_event_plan(
	plan, day, run, batch_size: int = DEFAULT_BATCH, progress=None, after_batch=None
) -> int:
	if not P.is_effective(plan) or plan.target_basis != P.EVENTS or plan.sampling == P.RANDOM_SAMPLE:
		return 0
	types = tuple(r.event_type for r in plan.event_types)
	if not types:
		return 0
	writer = TaskWriter(run, batch_size, after_batch=after_batch)
	picker = AssigneePicker(plan, day)
	calendars = P.Calendars()
	steps = [Step.from_row(r) for r in sorted(plan.steps, key=lambda r: r.step_no)]
	total = sum(count_candidates(plan, s, types, day) for s in steps) if progress else 0
	done = 0
	for step in steps:
		due_cache: dict = {}
		for rows in candidate_pages(plan, step, types, day, batch_size):
			for values in rows:
				row = dict(zip(ROW_FIELDS, values, strict=True))
				cal = calendars(row["service_unit"])
				key = (id(cal), row["anchor_date"])
				if key not in due_cache:
					due_cache[key] = due_occurrences(
						step, getdate(row["anchor_date"]), cal, day, P.CATCH_UP_DAYS
					)
				for occurrence, earliest, latest in due_cache[key]:
					writer.add(make_task(plan, step, row, occurrence, earliest, latest, picker))
			done += len(rows)
			if progress:
				progress(done, total)
	return writer.close()


def make_task(plan, step: Step, row: dict, occurrence: int, earliest, latest, picker) -> dict:
	assignee, reassigned_from, reason = picker.pick(
		row["service_unit"], row["account_manager"], (row["handler"], row["sold_by"]), bool(row["is_major"])
	)
	key = f"{plan.name}/{step.step_no}/{row['event']}"
	return {
		"customer": row["customer"],
		"customer_name": row["customer_name"],
		"service_unit": row["service_unit"],
		"assignee": assignee,
		"reassigned_from": reassigned_from,
		"reassign_reason": reason,
		"method": plan.primary_method or "Phone",
		"priority": row["priority"] or None,
		"earliest_date": earliest,
		"latest_date": latest,
		"preferred_time_from": row["preferred_time_from"],
		"preferred_time_to": row["preferred_time_to"],
		"do_not_call": row["do_not_call"],
		"service_event": None if occurrence else row["event"],
		"event_type": row["event_type"],
		"callback_plan": plan.name,
		"plan_step": step.step_no,
		"task_key": f"{key}/{occurrence}" if occurrence else key,
	}


def _query_parts(plan, step: Step, types, day):
	anchor = ANCHOR_COLUMNS.get(step.anchor)
	if not anchor:
		frappe.throw(
			_("Step {0}: anchor {1} cannot be used for service events.").format(step.step_no, _(step.anchor))
		)
	low, high = anchor_bounds(step, day, P.CATCH_UP_DAYS)
	params = {"types": types, "high": add_days(high, 1), "plan": plan.name, "step": step.step_no}
	conditions = []
	if low:
		conditions.append(f"AND {anchor} >= %(low)s")
		params["low"] = low
	units = P.unit_scope(plan)
	if units:
		conditions.append("AND se.service_unit IN %(units)s")
		params["units"] = units
	if (plan.primary_method or "Phone") == "Phone":
		conditions.append("AND ca.do_not_call = 0")
	if not step.repeats:
		conditions.append(
			"""AND NOT EXISTS (SELECT 1 FROM `tabCallback Task` t WHERE t.service_event = se.name
			AND t.callback_plan = %(plan)s AND t.plan_step = %(step)s)"""
		)
	if plan.sampling == P.BY_PRIORITY:
		sql, sample_params = priority_condition(plan, "se")
		conditions.append(f"AND {sql}")
		params.update(sample_params)
	where = _FROM.format(anchor=anchor, conditions="\n".join(conditions)) + P.customer_conditions(plan)
	return anchor, where, params


def count_candidates(plan, step: Step, types, day) -> int:
	_anchor, where, params = _query_parts(plan, step, types, day)
	return frappe.db.sql(f"SELECT COUNT(*) {where}", params)[0][0]


def candidate_pages(plan, step: Step, types, day, page_size: int):
	"""Candidate rows page by page. The candidate set is read first as names only (the filters
	and the anti-join run once, on the indexes the optimizer picks, without a sort), then each
	page's details are read by primary key: linear in the candidates, whatever the table size."""
	anchor, where, params = _query_parts(plan, step, types, day)
	names = sorted(frappe.db.sql_list(f"SELECT se.name {where}", params))
	detail = _SELECT.format(anchor=anchor) + _DETAIL
	for start in range(0, len(names), page_size):
		yield frappe.db.sql(detail, {"names": tuple(names[start : start + page_size])})


# ---- "Generate now" on the plan form -----------------------------------------------------


@frappe.whitelist()
def generate_now(plan: str) -> dict:
	"""Queue generation for one plan on the long queue; the form shows its progress."""
	doc = frappe.get_doc("Callback Plan", plan)
	doc.check_permission("write")
	if not (doc.is_active and doc.workflow_state == P.APPROVED):
		frappe.throw(_("Only an active, approved plan generates tasks."))
	job = frappe.enqueue(
		"huifang.scheduling.generation.run_plan",
		queue="long",
		timeout=3600,
		job_id=f"huifang-generate::{plan}",
		deduplicate=True,
		plan=plan,
	)
	return {"queued": bool(job)}


def run_plan(plan: str, on_date=None, commit: bool = True, batch_size: int = DEFAULT_BATCH) -> int:
	"""Background job behind "Generate now": one plan, with progress published to its form."""
	from huifang.scheduling import recurring, sampling, visit_plans

	day = getdate(on_date or today())
	doc = frappe.get_doc("Callback Plan", plan)
	title = _("Generating callback tasks")

	def progress(done, total):
		percent = min(99, int(done * 100 / total)) if total else 99
		frappe.publish_progress(
			percent,
			title=title,
			doctype="Callback Plan",
			docname=plan,
			description=_("{0} of {1} candidates checked").format(done, total),
		)

	with job_run(MANUAL_JOB, commit=commit, run_date=day, callback_plan=plan) as run:
		if doc.plan_kind == P.MONTHLY_VISIT:
			visit_plans.tasks_from_approved(day, run, plan=plan)
		elif doc.target_basis == P.CUSTOMERS:
			recurring.generate_customer_plan(doc, day, run, batch_size, progress=progress)
		elif doc.sampling == P.RANDOM_SAMPLE:
			sampling.sample_plan(doc, day, run)
		else:
			generate_event_plan(doc, day, run, batch_size, progress=progress)
		created = run.created
	frappe.publish_progress(100, title=title, doctype="Callback Plan", docname=plan)
	frappe.publish_realtime(
		"huifang_generation_done", {"plan": plan, "created": created}, doctype="Callback Plan", docname=plan
	)
	return created
