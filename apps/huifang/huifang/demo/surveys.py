"""Satisfaction survey campaigns and their responses (R-60, R-61): the government centre's
quarterly 300-point assessment (last quarter closed, this one running, paper forms typed in by
staff and on-site forms, some without a name) and the estates' anonymous yearly owner survey."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import frappe

from huifang.demo import catalogue as cat
from huifang.demo import organisation as org
from huifang.demo.clock import act
from huifang.utils import scoring
from huifang.utils.working_days import add_working_days_for_unit

SUGGESTIONS = (
	"希望增加周末办理时间。", "叫号屏信息不够清楚，建议增加语音提示。", "停车位太少，希望协调周边停车。",
	"工作人员很专业，点赞。", "建议网上能办的业务都放到网上。", "希望小区多安排几次消杀。", "地下车库灯光太暗。",
	"快递柜不够用。", "保安巡逻很到位，感谢。", "希望公示物业费收支情况。",
)  # fmt: skip
IMPROVE = ("保洁", "安保", "维修响应", "停车管理", "绿化", "公共设施")


def quarter(day: date, back: int = 0) -> tuple[date, date, int, int]:
	index = (day.year * 12 + day.month - 1) // 3 - back
	year, q = divmod(index, 4)
	start = date(year, q * 3 + 1, 1)
	end = date(year + (q == 3), (q * 3 + 3) % 12 + 1, 1) - timedelta(days=1)
	return start, end, year, q + 1


def campaigns(today: date, horizon: date) -> list[dict]:
	last_start, last_end, last_year, last_q = quarter(today, 1)
	this_start, this_end, this_year, this_q = quarter(today)
	gov = {
		"survey_template": cat.T_GOV_SURVEY,
		"period_type": "Quarterly",
		"service_unit": org.CENTRE,
		"target_group": "All Customers",
	}
	return [
		dict(gov, campaign_name=f"{org.CENTRE}{last_year}年第{last_q}季度满意度测评", status="Closed",
			start_date=last_start, end_date=last_end, channel_portal=0, channel_paper=1, channel_onsite=1,
			handed_out=80, returned=62, responses=50, channels=("Paper Form", "On-site"), anonymous_share=0.2,
			description="现场发放纸质测评表，每周在大厅发放5份，回收后由工作人员录入。"),
		dict(gov, campaign_name=f"{org.CENTRE}{this_year}年第{this_q}季度满意度测评", status="Running",
			start_date=this_start, end_date=this_end, channel_portal=1, channel_onsite=1,
			handed_out=60, returned=20, responses=25, channels=("Portal Link", "On-site"), anonymous_share=0.2,
			description="办事群众扫码或通过短信链接填写，大厅同步发放现场测评表。"),
		dict(campaign_name=f"锦华物业{today.year}年度业主满意度调查", survey_template=cat.T_OWNER_SURVEY,
			period_type="Yearly", status="Running", service_unit=org.PROPERTY, target_group="Individual Customers",
			is_anonymous=1, start_date=today - timedelta(days=22), end_date=today + timedelta(days=21),
			channel_portal=1, channel_paper=1, handed_out=150, returned=38, responses=40,
			channels=("Paper Form", "Portal Link"), anonymous_share=1,
			description="匿名调查，问卷由管家入户发放并回收，业主也可扫码在线填写。"),
	]  # fmt: skip


class SurveyDesk:
	def __init__(self, rng, today: date, now: datetime, stamps, work, customers: dict, horizon: date):
		self.rng = rng
		self.today = today
		self.now = now
		self.stamps = stamps
		self.work = work
		self.customers = customers
		self.horizon = horizon
		self.count = 0

	def run(self) -> None:
		for spec in campaigns(self.today, self.horizon):
			spec = dict(spec)
			responses, channels, anonymous = (
				spec.pop("responses"),
				spec.pop("channels"),
				spec.pop("anonymous_share"),
			)
			name = frappe.db.get_value("Survey Campaign", {"campaign_name": spec["campaign_name"]})
			if name:
				continue
			supervisor = frappe.db.get_value("Service Unit", spec["service_unit"], "supervisor")
			opened = datetime.combine(max(spec["start_date"], self.horizon - timedelta(days=30)), time(9))
			act(supervisor, min(opened, self.now))
			campaign = frappe.get_doc({"doctype": "Survey Campaign", **spec}).insert()
			self.stamps.set("Survey Campaign", campaign.name, creation=opened, modified=opened)
			first = max(spec["start_date"], self.horizon)
			last = min(spec["end_date"], self.today)
			for i in range(responses):
				when = self.moment(first, last, i, responses)
				self.respond(campaign, when, channels, anonymous)

	def moment(self, first: date, last: date, i: int, total: int) -> datetime:
		span = (last - first).days
		day = first + timedelta(days=int(span * (i + self.rng.random()) / total))
		moment = datetime.combine(day, time(self.rng.randrange(9, 18), self.rng.randrange(60)))
		return min(moment, self.now - timedelta(minutes=15))

	def respond(self, campaign, when: datetime, channels, anonymous_share: float) -> None:
		rng = self.rng
		template = frappe.get_cached_doc("Survey Template", campaign.survey_template)
		anonymous = campaign.is_anonymous or rng.random() < anonymous_share
		unit = campaign.service_unit
		pool_units = [org.CENTRE] if unit == org.CENTRE else list(org.PROJECTS)
		people = [c for u in pool_units for c in self.customers[u] if c.kind == "Individual"]
		customer = None if anonymous else rng.choice(people)
		level = self.work.level(unit, None)
		answers = []
		for q in template.questions:
			row = {
				"question": q.question,
				"question_type": q.question_type,
				"dimension": q.dimension,
				"weight": q.weight,
			}
			if q.question_type == "Rating 1-5":
				row["rating"] = min(5, max(1, level + rng.choice((-1, 0, 0, 1))))
			elif q.question_type == "Three Grades":
				row["grade"] = scoring.level_to_grade(level)
			elif q.question_type == "Yes/No":
				row["answer"] = "No" if rng.random() < 0.04 else "Yes"
			elif q.question_type == "Multiple Choice" and rng.random() < 0.5:
				row["answer"] = "\n".join(rng.sample(IMPROVE, rng.choice((1, 2))))
			elif q.question_type == "Free Text" and rng.random() < 0.3:
				row["answer"] = rng.choice(SUGGESTIONS)
			answers.append(row)
		channel = rng.choice(channels)
		clerk = org.email(
			rng.choice(
				("luojia", "liangshuang", "songyu") if unit == org.CENTRE else ("zhangting", "wangfang")
			)
		)
		act(clerk if channel in ("Paper Form", "On-site") else "Administrator", when)
		doc = frappe.get_doc(
			{
				"doctype": "Survey Response",
				"campaign": campaign.name,
				"channel": channel,
				"submitted_on": when,
				"is_anonymous": int(anonymous),
				"customer": customer.name if customer else None,
				"answers": answers,
				"comments": rng.choice(SUGGESTIONS) if rng.random() < 0.2 else None,
			}
		).insert(ignore_permissions=True)
		self.stamps.set("Survey Response", doc.name, creation=when, modified=when)
		self.count += 1


def date_follow_ups(stamps) -> list[str]:
	"""A low score opens a follow-up task "today" (doc event, R-43); date it to its survey."""
	names = []
	for name, key in frappe.get_all(
		"Callback Task", filters={"task_key": ("like", "survey:%")}, fields=["name", "task_key"], as_list=True
	):
		submitted, unit = frappe.db.get_value(
			"Survey Response", key.split(":", 1)[1], ["submitted_on", "service_unit"]
		)
		start = submitted.date()
		frappe.db.set_value(
			"Callback Task",
			name,
			{"earliest_date": start, "latest_date": add_working_days_for_unit(start, 2, unit)},
			update_modified=False,
		)
		stamps.set("Callback Task", name, creation=submitted, modified=submitted)
		names.append(name)
	return names


def invite_portal_customers() -> list[dict]:
	"""R-60/R-62: personal links to this quarter's running survey for the centre's customers with a
	portal login (shown under /my/surveys) and a few walk-in citizens, so the survey page can be
	tried at once. Tokens exist only now (the database keeps their hash): the caller prints one."""
	from huifang.portal.invitations import create_invitations

	campaign = frappe.db.get_value(
		"Survey Campaign", {"service_unit": org.CENTRE, "status": "Running", "is_anonymous": 0}
	)
	if not campaign:
		return []
	portal = frappe.get_all(
		"Customer Archive",
		filters={"service_unit": org.CENTRE, "user": ("is", "set")},
		pluck="name",
	)
	walk_ins = frappe.get_all(
		"Customer Archive",
		filters={"service_unit": org.CENTRE, "customer_type": "Individual", "user": ("is", "not set")},
		pluck="name",
		order_by="name asc",
		limit=5,
	)
	act(org.email("luojia"))
	return create_invitations(campaign=campaign, customers=[*portal, *walk_ins], channel="SMS")
