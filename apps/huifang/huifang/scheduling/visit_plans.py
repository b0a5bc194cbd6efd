"""Monthly visit plans (R-34).

Daily, from the draft day in Huifang Settings (the 25th) to the month's end: every unit with
active members gets a Draft "Monthly Visit Plan" for next month (once: checked under a row lock on
the unit). Each member's quota comes from their role (unit head 5, department head 10,
supervisors and staff 30). Customers are taken oldest visit first, skipping anyone already in a
visit plan of the same quarter, so over a quarter the plans cover the unit's customers with
nobody twice. Visits are spread over the month's working days. The Supervisor approves the draft
(Callback Plan Approval workflow); approved plans' visits then become Callback Tasks (method
Visit, one per row, key "visit/<plan>/<row>").
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, get_last_day, getdate, today

from huifang.huifang.doctype.callback_plan.callback_plan import MONTHLY_VISIT, QUOTA_SETTING
from huifang.scheduling import plans as P
from huifang.scheduling.run_log import job_run
from huifang.scheduling.timing import period_of
from huifang.scheduling.writer import TaskWriter
from huifang.utils.settings import get_setting
from huifang.utils.working_days import get_unit_calendar

JOB = "Monthly Visit Plans"
ROLE_ORDER = ("Unit Head", "Department Head", "Supervisor", "Staff")


def run_daily(on_date=None, commit: bool = True) -> dict:
	day = getdate(on_date or today())
	with job_run(JOB, commit=commit, run_date=day) as run:
		drafted = draft_next_month(day, run)
		tasks = tasks_from_approved(day, run)
		return {"drafted": drafted, "tasks": tasks}


def draft_next_month(day, run) -> list[str]:
	if day.day < int(get_setting("visit_plan_draft_day")):
		return []
	month = getdate(get_first_day(add_months(day, 1)))
	units = frappe.db.sql_list(
		"""SELECT DISTINCT u.name FROM `tabService Unit` u
		JOIN `tabService Unit Member` m ON m.parent = u.name AND m.parenttype = 'Service Unit' AND m.is_active = 1
		WHERE u.disabled = 0 ORDER BY u.name"""
	)
	drafted = []
	for unit in units:
		try:
			name = draft_for_unit(unit, month)
			if name:
				drafted.append(name)
				run.created += 1
			run.checkpoint()
		except Exception as exc:
			run.abort()
			run.error(_("Unit {0}").format(unit), exc)
	return drafted


def draft_for_unit(unit: str, month) -> str | None:
	# serialise drafting per unit so two runs cannot both draft the same month
	frappe.db.sql("SELECT name FROM `tabService Unit` WHERE name = %s FOR UPDATE", unit)
	if frappe.db.exists(
		"Callback Plan", {"plan_kind": MONTHLY_VISIT, "service_unit": unit, "plan_month": month}
	):
		return None
	members = frappe.get_all(
		"Service Unit Member",
		filters={"parent": unit, "parenttype": "Service Unit", "is_active": 1},
		fields=["user", "unit_role"],
		order_by="idx asc",
	)
	members.sort(
		key=lambda m: ROLE_ORDER.index(m.unit_role) if m.unit_role in ROLE_ORDER else len(ROLE_ORDER)
	)
	quotas = {m.user: int(get_setting(QUOTA_SETTING.get(m.unit_role, "quota_staff"))) for m in members}
	customers = uncovered_customers(unit, month, sum(quotas.values()))
	if not customers:
		return None
	slots = assign_round_robin([m.user for m in members], quotas, len(customers))
	days = working_days(unit, month)
	per_visitor: dict[str, int] = {}
	totals = {u: slots.count(u) for u in quotas}
	roles = {m.user: m.unit_role for m in members}
	visits = []
	for visitor, (customer, customer_name) in zip(slots, customers, strict=False):
		i = per_visitor.get(visitor, 0)
		per_visitor[visitor] = i + 1
		visits.append(
			{
				"visitor": visitor,
				"visitor_role": roles[visitor],
				"customer": customer,
				"customer_name": customer_name,
				"planned_date": days[i * len(days) // totals[visitor]] if days else month,
				"purpose": _("Regular customer visit"),
			}
		)
	doc = frappe.get_doc(
		{
			"doctype": "Callback Plan",
			"plan_name": _("Visit plan {0} {1}").format(unit, month.strftime("%Y-%m")),
			"plan_type": "Routine",
			"plan_kind": MONTHLY_VISIT,
			"service_unit": unit,
			"plan_month": month,
			"primary_method": "Visit",
			"is_active": 1,
			"visits": visits,
		}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	return doc.name


def uncovered_customers(unit: str, month, limit: int) -> list[tuple]:
	"""The unit's customers not in any visit plan of the quarter, longest unvisited first."""
	start, end = period_of(month, 3)
	return frappe.db.sql(
		"""SELECT ca.name, ca.customer_name FROM `tabCustomer Archive` ca
		WHERE ca.service_unit = %(unit)s
			AND NOT EXISTS (SELECT 1 FROM `tabCallback Plan Visit` v
				JOIN `tabCallback Plan` p ON p.name = v.parent AND v.parenttype = 'Callback Plan'
				WHERE v.customer = ca.name AND p.plan_kind = %(kind)s
					AND p.plan_month BETWEEN %(start)s AND %(end)s)
		ORDER BY ca.last_visit_on IS NOT NULL, ca.last_visit_on, ca.name
		LIMIT %(limit)s""",
		{"unit": unit, "kind": MONTHLY_VISIT, "start": start, "end": end, "limit": int(limit)},
	)


def assign_round_robin(visitors: list[str], quotas: dict[str, int], count: int) -> list[str]:
	"""Visitor per slot, taking turns until each quota is used (pure; R-34 quotas)."""
	left = dict(quotas)
	slots: list[str] = []
	while len(slots) < count and any(left.values()):
		for v in visitors:
			if left[v] and len(slots) < count:
				slots.append(v)
				left[v] -= 1
	return slots


def working_days(unit: str, month) -> list:
	cal = get_unit_calendar(unit)
	last = getdate(get_last_day(month))
	days = []
	day = month
	while day <= last:
		if cal.is_working_day(day):
			days.append(day)
		day = frappe.utils.add_days(day, 1)
	return days


def tasks_from_approved(day, run, plan: str | None = None) -> int:
	"""Visit tasks for approved plans of this and next month (or one plan); fills only what is
	missing and links each visit row to its task."""
	this_month = getdate(get_first_day(day))
	params = {
		"kind": MONTHLY_VISIT,
		"from": this_month,
		"to": getdate(add_months(this_month, 1)),
		"plan": plan,
	}
	rows = frappe.db.sql(
		f"""SELECT v.name AS row_name, v.parent AS plan, v.visitor, v.customer, ca.customer_name,
			IFNULL(NULLIF(p.service_unit, ''), ca.service_unit) AS unit, v.planned_date, p.plan_month,
			ca.preferred_time_from, ca.preferred_time_to, ca.do_not_call
		FROM `tabCallback Plan Visit` v
		JOIN `tabCallback Plan` p ON p.name = v.parent AND v.parenttype = 'Callback Plan'
		JOIN `tabCustomer Archive` ca ON ca.name = v.customer
		WHERE p.plan_kind = %(kind)s AND p.workflow_state = '{P.APPROVED}' AND p.is_active = 1
			AND p.plan_month BETWEEN %(from)s AND %(to)s
			{"AND p.name = %(plan)s" if plan else ""}
			AND IFNULL(v.callback_task, '') = ''
			AND NOT EXISTS (SELECT 1 FROM `tabCallback Task` t WHERE t.task_key = CONCAT('visit/', v.parent, '/', v.name))
		ORDER BY v.parent, v.idx""",
		params,
		as_dict=True,
	)
	writer = TaskWriter(run)
	for r in rows:
		month_end = getdate(get_last_day(r.plan_month))
		earliest = getdate(r.planned_date or r.plan_month)
		writer.add(
			{
				"customer": r.customer,
				"customer_name": r.customer_name,
				"service_unit": r.unit,
				"assignee": r.visitor,
				"method": "Visit",
				"earliest_date": earliest,
				"latest_date": max(month_end, earliest),
				"preferred_time_from": r.preferred_time_from,
				"preferred_time_to": r.preferred_time_to,
				"do_not_call": r.do_not_call,
				"callback_plan": r.plan,
				"task_key": f"visit/{r.plan}/{r.row_name}",
			}
		)
	created = writer.close()
	frappe.db.sql(
		f"""UPDATE `tabCallback Plan Visit` v
		JOIN `tabCallback Task` t ON t.task_key = CONCAT('visit/', v.parent, '/', v.name)
		JOIN `tabCallback Plan` p ON p.name = v.parent
		SET v.callback_task = t.name
		WHERE v.parenttype = 'Callback Plan' AND IFNULL(v.callback_task, '') = ''
			AND p.plan_kind = %(kind)s AND p.plan_month BETWEEN %(from)s AND %(to)s
			{"AND p.name = %(plan)s" if plan else ""}""",
		params,
	)
	run.checkpoint()
	return created
