"""Demo data: a property-management company and a government service centre at work over the
last four months, so a newcomer opening the Desk sees a living system.

`make start` runs `huifang.demo.make_demo_data` once after creating a new site (not with
DEMO=0). Everything goes through the DocTypes' controllers and workflows, saved by the staff
member who would have done it; the data is deterministic (one seeded random.Random) relative to
today, and loading it again changes nothing (the company unit is the marker). The whole load is
one transaction: a failure leaves no half-made demo behind.
"""

from __future__ import annotations

import random
import time as clock_time
from datetime import date, datetime, time, timedelta

import frappe
from frappe.utils import getdate, now_datetime, today

from huifang.demo import analysis, holidays, people
from huifang.demo import callbacks as cb
from huifang.demo import catalogue as cat
from huifang.demo import complaints as cmp
from huifang.demo import customers as cust
from huifang.demo import events as ev
from huifang.demo import organisation as org
from huifang.demo import surveys as sv
from huifang.demo.clock import Stamps, reset
from huifang.demo.followups import FollowUps
from huifang.scheduling import complaint_deadlines, escalation, notify, visit_plans
from huifang.utils.working_days import get_unit_calendar

SEED = 20260118
HISTORY_DAYS = 120
STATUS_DOCTYPES = {
	"Callback Task": "status",
	"Callback Record": "workflow_state",
	"Complaint": "workflow_state",
	"Rectification Request": "status",
}


def make_demo_data() -> None:
	"""Entry point for `bench execute` / `make start`: load once, commit, print what is there."""
	summary = load(commit=True)
	print(format_summary(summary))


def load(commit: bool = True) -> dict:
	"""Load the demo unless it is already there; returns the counts (and `created`)."""
	if frappe.db.exists("Service Unit", org.PROPERTY):
		return {**counts(), "created": False}
	started = clock_time.monotonic()
	saved = (frappe.flags.mute_emails, getattr(frappe.local, "lang", None), frappe.session.user)
	frappe.flags.mute_emails = True
	frappe.local.lang = "zh"  # what the staff would see and type: comments, generated subjects
	try:
		build(random.Random(SEED), getdate(today()), now_datetime())
	except Exception:
		if commit:
			frappe.db.rollback()
		raise
	finally:
		reset()
		frappe.flags.mute_emails, frappe.local.lang = saved[0], saved[1]
		if saved[2] != "Administrator":
			frappe.set_user(saved[2])
	if commit:
		frappe.db.commit()
	links = frappe.flags.pop("demo_survey_links", None) or []
	return {
		**counts(),
		"created": True,
		"seconds": round(clock_time.monotonic() - started, 1),
		"survey_links": links,
	}


def build(rng: random.Random, day: date, now: datetime) -> None:
	horizon = day - timedelta(days=HISTORY_DAYS)
	marker = now - timedelta(seconds=1)
	stamps = Stamps()

	org.ensure_genders()
	calendar = holidays.ensure_calendar(day)
	phones = people.PhoneBook(rng)
	names = people.NameBook(rng, taken=[s[1] for s in org.STAFF] + [p[1] for p in cust.PORTAL])
	org.ensure_staff(phones)
	org.ensure_units(calendar, day, rng)
	cat.ensure_event_types()
	cat.ensure_templates()
	cat.ensure_plans(datetime.combine(horizon - timedelta(days=30), time(10)))
	reset()

	factory = cust.CustomerFactory(rng, names, phones, day, stamps)
	customers = cust.make_customers(factory, horizon)
	cust.make_portal_users(customers)
	maker = ev.EventMaker(rng, day, now, stamps, get_unit_calendar(org.CENTRE))
	ev.estate_events(maker, customers, horizon)
	ev.new_owner_events(maker, factory, customers, horizon)
	ev.window_events(maker, customers, horizon)
	ev.lapse_enterprises(rng, customers, day)

	cb.replay_generation(rng, horizon, day, marker)
	visit_plan_tasks(rng, day, customers, stamps)
	work = cb.CallbackWork(rng, day, now, stamps)
	sv.SurveyDesk(rng, day, now, stamps, work, customers, horizon).run()
	sv.date_follow_ups(stamps)
	reset()
	cb.work_tasks(work, cb.task_rows())

	desk = cmp.ComplaintDesk(rng, day, now, stamps, work, customers)
	cmp.file_stories(desk)
	follow = FollowUps(rng, day, now, stamps, work, desk)
	follow.handle_unsatisfied(work.unsatisfied)
	follow.progress_rectifications()
	for task in cb.task_rows(names=follow.revisit_tasks or [""]):
		source = frappe.db.get_value("Callback Task", task.name, "source_record")
		template = frappe.db.get_value("Callback Record", source, "survey_template") if source else None
		outcome = "Done" if task.earliest_date < day and rng.random() < 0.85 else "Open"
		work.work(task, outcome, rng.choice((5, 5, 4, 4, 4, 3, 2)), template)
	cb.top_up_states(work)
	reset()
	frappe.flags.demo_survey_links = sv.invite_portal_customers()
	reset()
	analysis.publish_months(day, horizon)

	# what the daily and hourly jobs would have found by now
	run = cb.demo_run()
	escalation.mark_overdue(day, run)
	escalation.escalate_overdue(run)
	complaint_deadlines.escalate_breaches(
		day,
		run,
		notify.REPLY_OVERDUE,
		"reply_by",
		"replied_on",
		complaint_deadlines.REPLY_DONE,
		"service_unit",
	)
	complaint_deadlines.escalate_breaches(
		day, run, notify.RECTIFY_OVERDUE, "rectify_by", "rectification_feedback_on",
		complaint_deadlines.RECTIFY_DONE, "responsible_unit",
	)  # fmt: skip
	stamps.flush()
	date_escalations(now)


def visit_plan_tasks(rng, day: date, customers: dict, stamps) -> None:
	"""This month's approved visit plan of 锦华·翠湖苑 (R-34) and its visit tasks."""
	month = day.replace(day=1)
	calendar = get_unit_calendar(org.CUIHU)
	working = [
		month + timedelta(days=i) for i in range(28) if calendar.is_working_day(month + timedelta(days=i))
	]
	owners = [c for c in customers[org.CUIHU] if c.kind == "Individual"]
	chosen = rng.sample(owners, 17)
	visitors = [("zhaozhiqiang", "Unit Head")] * 5 + [("zhangting", "Staff")] * 6 + [("liuyang", "Staff")] * 6
	visits = [
		{
			"visitor": org.email(key),
			"visitor_role": role,
			"customer": c.name,
			"planned_date": working[(i * 3) % len(working)],
			"purpose": "特殊业主关怀走访" if c.special else "了解居住体验，征求意见建议",
		}
		for i, ((key, role), c) in enumerate(zip(visitors, chosen, strict=True))
	]
	drafted = datetime.combine(month - timedelta(days=6), time(16))
	plan = cat.visit_plan(org.CUIHU, month, visits, approve=True, when=drafted)
	stamps.set("Callback Plan", plan, creation=drafted, modified=drafted + timedelta(days=2))
	reset()
	visit_plans.tasks_from_approved(day, cb.demo_run(), plan)
	frappe.db.sql(
		"""UPDATE `tabCallback Task` SET creation = %(at)s, modified = %(at)s WHERE callback_plan = %(plan)s""",
		{"at": drafted + timedelta(days=2), "plan": plan},
	)


def date_escalations(now: datetime) -> None:
	"""Escalations happen the morning after a deadline (or at once for a major complaint)."""
	frappe.db.sql(
		"""UPDATE `tabHuifang Escalation` e
		LEFT JOIN `tabComplaint` c ON e.reference_doctype = 'Complaint' AND c.name = e.reference_name
		SET e.escalated_on = LEAST(%(now)s, IF(e.breach = 'Major Complaint', c.received_on + INTERVAL 10 MINUTE,
			TIMESTAMP(DATE_ADD(e.deadline, INTERVAL 1 DAY), '06:05:00')))""",
		{"now": now},
	)
	frappe.db.sql("UPDATE `tabHuifang Escalation` SET creation = escalated_on, modified = escalated_on")
	frappe.db.sql(
		"""UPDATE `tabNotification Log` n JOIN `tabHuifang Escalation` e ON e.notification_log = n.name
		SET n.creation = e.escalated_on, n.modified = e.escalated_on"""
	)
	frappe.db.sql(
		"""UPDATE `tabToDo` t JOIN `tabHuifang Escalation` e ON e.todo = t.name
		SET t.creation = e.escalated_on, t.modified = e.escalated_on, t.date = DATE(e.escalated_on)"""
	)
	frappe.db.sql(
		"""UPDATE `tabCallback Task` t JOIN `tabHuifang Escalation` e ON e.reference_doctype = 'Callback Task'
			AND e.reference_name = t.name
		SET t.escalated_on = e.escalated_on, t.modified = GREATEST(t.modified, e.escalated_on)"""
	)


def counts() -> dict:
	result = {
		"units": frappe.db.count("Service Unit"),
		"users": frappe.db.count("User", {"email": ("like", "%@example.com")}),
		"customers": frappe.db.count("Customer Archive"),
		"events": frappe.db.count("Service Event"),
		"plans": frappe.db.count("Callback Plan"),
		"samples": frappe.db.count("Callback Sample"),
		"survey_responses": frappe.db.count("Survey Response"),
		"analyses": frappe.db.count("Service Analysis"),
	}
	for doctype, field in (*STATUS_DOCTYPES.items(), ("Complaint", "severity")):
		key = "Complaint Severity" if field == "severity" else doctype
		result[key] = dict(
			frappe.db.sql(f"SELECT `{field}`, COUNT(*) FROM `tab{doctype}` GROUP BY `{field}`")
		)
	return result


def format_summary(summary: dict) -> str:
	lines = [
		"演示数据已存在，未重复加载："
		if not summary.get("created")
		else f"演示数据已加载（{summary.get('seconds')} 秒）："
	]
	lines.append(
		f"  服务单元 {summary['units']}，员工及门户用户 {summary['users']}，客户档案 {summary['customers']}，"
		f"业务台账 {summary['events']}，回访计划 {summary['plans']}，随机抽样 {summary['samples']}，调查答卷 {summary['survey_responses']}"
	)
	links = summary.get("survey_links") or []
	if links:
		lines.append(
			f"  问卷个人链接 {len(links)} 个（门户客户登录后在 /my/surveys 可见），例如：{links[0]['url']}"
		)
	for doctype in (*STATUS_DOCTYPES, "Complaint Severity"):
		parts = "，".join(
			f"{k or '-'} {v}" for k, v in sorted(summary[doctype].items(), key=lambda kv: str(kv[0]))
		)
		lines.append(f"  {doctype}: {sum(summary[doctype].values())}（{parts}）")
	return "\n".join(lines)
