"""Callback Tasks and Records over the demo months (R-33, R-35, R-36, R-40..R-44).

Tasks are not invented here: the scheduler's own generators are replayed week by week over the
history (event plans, customer cycles, the weekly random sample with a stored seed), so every
task obeys its plan's timing, sampling and assignee rules. The agents then work the tasks: calls
that are not answered, customers who cannot be reached, and callback records whose ratings lean
to satisfied, reviewed and archived by the supervisor, or returned for correction.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import frappe
from frappe.utils import get_first_day

from huifang.demo import catalogue as cat
from huifang.demo import organisation as org
from huifang.demo.clock import act
from huifang.demo.workflow import advance
from huifang.scheduling import plans as P
from huifang.scheduling import sampling
from huifang.scheduling.generation import generate_event_plan
from huifang.scheduling.recurring import generate_customer_plan
from huifang.scheduling.run_log import Run
from huifang.utils import scoring
from huifang.utils.units import get_unit_head, get_unit_supervisor
from huifang.utils.working_days import add_working_days_for_unit

LEVELS = (5, 4, 3, 2, 1)
BASE_WEIGHTS = (42, 35, 13, 7, 3)
# some units and agents do better than others, so rankings have something to show
BIAS = {"税务窗口": -2, "不动产登记窗口": -1, "公积金窗口": 1, org.CUIHU: 1, "songyu": -1, "zhangting": 1}
COMMENTS = {
	"repair": (
		"师傅很准时，修得也干净。",
		"维修很及时，态度很好。",
		"问题已经解决了，谢谢物业。",
		"师傅还提醒了注意事项，很专业。",
	),
	"gov": (
		"窗口工作人员很耐心，一次就办好了。",
		"材料一次性告知，很方便。",
		"等候时间不长，效率很高。",
		"网上预约后到窗口很快就办完了。",
	),
	"service": (
		"服务很周到。",
		"价格合理，做得很仔细。",
		"管家很负责，经常来看望。",
		"第二天就回访，很重视客户。",
	),
	"complaint": ("问题处理好了，感谢跟进。", "处理结果可以接受。", "负责人亲自来看过，态度很诚恳。"),
}
BASIC = (
	"总体还行，就是等的时间有点长。",
	"修好了，但上门比约定晚了半小时。",
	"办理还算顺利，就是排队的人多。",
	"还可以，希望以后更主动一些。",
)
# domain -> [(problem found, complaint category, responsible unit or None for the task's own unit)]
PROBLEMS = {
	"repair": (
		("维修后仍然漏水，问题没有解决。", "Engineering Quality", org.ENGINEERING),
		("维修人员上门迟到两个小时且未提前告知。", "Customer Service", org.ENGINEERING),
		("维修后墙面和地面没有清理，留下很多灰尘。", "Engineering Quality", org.ENGINEERING),
		("同一个问题已经报修多次仍未修好。", "Engineering Quality", org.ENGINEERING),
	),
	"gov": (
		("取号后排队等候了一个半小时。", "Efficiency", None),
		("窗口人员态度冷淡，问多了就不耐烦。", "Service Attitude", None),
		("没有一次性告知所需材料，跑了两趟。", "Procedure Violation", None),
	),
	"service": (
		("保洁人员做得不仔细，边角没有清理。", "Property Management", org.SERVICE_DESK),
		("洗车后发现车身有划痕，要求处理。", "Property Management", org.SECURITY),
		("服务人员比约定时间晚到一小时。", "Customer Service", org.SERVICE_DESK),
	),
	"complaint": (("问题只是临时处理，没有从根本上解决。", "Engineering Quality", org.ENGINEERING),),
}
# domain -> (verification question dimension answered "No", problem found)
PROBLEM_CASES = {
	"repair": (
		("廉洁", "维修人员额外收取了50元材料费，未开收据。"),
		("守时", "维修人员未按约定时间上门，也未提前告知。"),
	),
	"gov": (
		("厅外办理", "有人在大厅外引导到代办点办理并收取费用。"),
		("廉洁(吃拿卡要)", "工作人员暗示“加急”需要另外表示。"),
	),
}
PROMISES = ("已记录，三个工作日内安排相关部门复查并回复。", "已转相关负责人，两个工作日内给您答复。")
RELATIVES = ("Spouse", "Son", "Daughter", "Tenant")
UNREACHED_NOTES = ("电话无人接听", "占线", "提示已关机", "家人代接，本人不在")
CANCEL_REASONS = (
	"客户已出售房屋，不再回访。",
	"客户明确拒绝接受回访。",
	"与同一客户的另一回访任务合并处理。",
)
REVIEW_NOTES = ("记录完整，同意。", "已抽听录音，与记录一致。", "回访规范，同意归档。", "")
RETURN_NOTES = (
	"未记录客户提出的问题和承诺事项，请补充。",
	"通话时长与记录不符，请核实后重新提交。",
	"受访人关系填写有误，请更正。",
)
TASK_FIELDS = (
	"name", "customer", "customer_name", "service_unit", "assignee", "method", "earliest_date", "latest_date",
	"service_event", "callback_plan", "source_complaint", "source_rectification", "is_revisit", "do_not_call",
	"preferred_time_from", "preferred_time_to", "task_key",
)  # fmt: skip


def demo_run() -> Run:
	"""The generators report into a Run; the demo's never commits (savepoints only)."""
	return Run("Demo Data", commit=False)


# ---- task generation: the scheduler's jobs replayed over the history ----------------------


def replay_generation(rng, start: date, today: date, stamps_marker: datetime) -> dict:
	"""Run the daily generators on every Monday from `start` to today (their 7-day catch-up
	covers the days between), draw the weekly samples, and date each task to its run."""
	run = demo_run()
	join_day = today - timedelta(days=org.NEW_AGENT_DAYS_AGO)
	joined = False
	day = start + timedelta(days=(7 - start.weekday()) % 7)
	event_plans = P.effective_plans(P.EVENTS, exclude_sampling=P.RANDOM_SAMPLE)
	customer_plans = P.effective_plans(P.CUSTOMERS)
	sample_plans = P.effective_plans(P.EVENTS, sampling=P.RANDOM_SAMPLE)
	samples = 0
	while True:
		if not joined and day >= join_day:
			org.join_new_agent(join_day)
			joined = True
		for name in event_plans:
			generate_event_plan(frappe.get_doc("Callback Plan", name), day, run)
		for name in customer_plans:
			generate_customer_plan(frappe.get_doc("Callback Plan", name), day, run)
		if day.weekday() == 0:
			for name in sample_plans:
				samples += draw_samples(rng, frappe.get_doc("Callback Plan", name), day, run)
		# the nightly job made these tasks: date them to the run
		frappe.db.sql(
			"""UPDATE `tabCallback Task` SET creation = %(at)s, modified = %(at)s WHERE creation >= %(marker)s""",
			{"at": datetime.combine(day, time(2, 0)), "marker": stamps_marker},
		)
		if day >= today:
			break
		day = min(day + timedelta(days=7), today)
	return {"tasks": run.created, "samples": samples}


def draw_samples(rng, plan, day: date, run) -> int:
	"""R-33 as the Monday job does it (huifang.scheduling.sampling), with the seed taken from the
	demo's generator and the draw dated Monday 01:30, so the sample is reproducible and verifies."""
	monday, sunday = sampling.week_ending(day)
	period = sampling.week_period(sunday)
	ledger_from = get_first_day(monday)
	drawn_on = datetime.combine(day, time(1, 30))
	count = 0
	for unit in sampling.units_with_events(plan, ledger_from, sunday):
		if frappe.db.exists(
			"Callback Sample", {"callback_plan": plan.name, "service_unit": unit, "period": period}
		):
			continue
		name = sampling.make_sample(
			plan, unit, period, monday, sunday, ledger_from, drawn_on, lambda: rng.getrandbits(48)
		)
		if not name:
			continue
		frappe.db.set_value(
			"Callback Sample", name, {"creation": drawn_on, "modified": drawn_on}, update_modified=False
		)
		sampling.write_sample_tasks(plan, name, day, run)
		count += 1
	return count


# ---- agents working the tasks ---------------------------------------------------------------


class CallbackWork:
	def __init__(self, rng, today: date, now: datetime, stamps):
		self.rng = rng
		self.today = today
		self.now = now
		self.stamps = stamps
		self.questions: dict[str, list] = {}
		self.plan_templates = dict(
			frappe.get_all("Callback Plan", fields=["name", "survey_template"], as_list=True)
		)
		self.unsatisfied: list = []  # (record doc, domain, problem row)
		self.records = 0

	# -- look-ups

	def template_questions(self, template: str | None) -> list:
		if not template:
			return []
		if template not in self.questions:
			self.questions[template] = frappe.get_doc("Survey Template", template).questions
		return self.questions[template]

	def reviewer(self, unit: str) -> str:
		return get_unit_supervisor(unit) or get_unit_head(unit)

	@staticmethod
	def domain(template: str | None) -> str:
		return {cat.T_REPAIR: "repair", cat.T_GOV: "gov", cat.T_COMPLAINT: "complaint"}.get(
			template, "service"
		)

	def level(self, unit: str, agent: str | None) -> int:
		bias = BIAS.get(unit, 0) + BIAS.get((agent or "").split("@")[0], 0)
		weights = [
			max(1, w + b) for w, b in zip(BASE_WEIGHTS, (2 * bias, bias, -bias, -bias, -bias), strict=True)
		]
		return self.rng.choices(LEVELS, weights=weights)[0]

	def call_time(self, task, earliest: date, latest: date) -> datetime:
		rng = self.rng
		last = min(latest, self.today)
		span = max((last - earliest).days, 0)
		day = earliest + timedelta(days=min(int(rng.expovariate(1.2)), span))
		start, end = task.preferred_time_from, task.preferred_time_to
		if start and end:
			low = frappe.utils.get_time(start).hour
			high = max(frappe.utils.get_time(end).hour, low + 1)
		else:
			low, high = rng.choice(((9, 12), (14, 18)))
		moment = datetime.combine(day, time(rng.randrange(low, high), rng.randrange(60)))
		if moment > self.now - timedelta(minutes=20):
			moment = self.now - timedelta(minutes=rng.randrange(20, 90))
		return moment

	# -- planning

	def plan_outcome(self, task) -> str:
		rng = self.rng
		if task.earliest_date > self.today:
			return "Open"
		if task.latest_date < self.today:
			if (self.today - task.latest_date).days <= 20 and rng.random() < 0.12:
				return "Overdue"
			return rng.choices(("Done", "Unreachable", "Cancelled"), weights=(90, 6, 4))[0]
		return rng.choices(("Done", "In Progress", "Open"), weights=(40, 25, 35))[0]

	def plan_all(self, tasks) -> list[tuple]:
		"""Outcome per task, making sure every status shows up at least twice (R-35)."""
		planned = [(t, self.plan_outcome(t)) for t in tasks]
		for status, window in (
			("Unreachable", "past"), ("Cancelled", "past"), ("Overdue", "past"), ("In Progress", "open"), ("Open", "open"),
		):  # fmt: skip
			have = sum(1 for _t, o in planned if o == status)
			candidates = [
				i for i, (t, o) in enumerate(planned)
				if o == "Done" and (t.latest_date < self.today if window == "past" else t.earliest_date <= self.today <= t.latest_date)
			]  # fmt: skip
			for i in candidates[-max(0, 2 - have) :] if have < 2 else []:
				planned[i] = (planned[i][0], status)
		return planned

	# -- doing

	def work(self, task, outcome: str, level: int | None = None, template: str | None = None):
		"""Play one task to `outcome`; returns the callback record, if one was made."""
		rng = self.rng
		if outcome == "Open":
			return None
		agent = task.assignee or self.reviewer(task.service_unit)
		when = self.call_time(task, task.earliest_date, task.latest_date)
		doc = frappe.get_doc("Callback Task", task.name)
		failures = 0
		if outcome in ("In Progress", "Overdue") or (outcome == "Done" and rng.random() < 0.25):
			failures = rng.choice((1, 1, 2))
		elif outcome == "Unreachable":
			failures = 3
		gap = timedelta(hours=rng.choice((2, 3, 20, 24)))
		first = max(when - gap * failures, datetime.combine(task.earliest_date, time(9)))
		for i in range(failures):
			doc.append(
				"attempts",
				{
					"attempt_time": first + gap * i,
					"method": doc.method,
					"outcome": rng.choice(
						("No Answer", "No Answer", "Busy", "Wrong Number" if i == 2 else "No Answer")
					),
					"agent": agent,
					"note": rng.choice(UNREACHED_NOTES),
				},
			)
		if failures:
			# the answered call (or the last try) comes after the unanswered ones
			when = min(
				max(when, first + gap * (failures - 1) + timedelta(minutes=40)),
				self.now - timedelta(minutes=10),
			)
		if outcome == "Unreachable":
			if doc.method == "Phone":
				doc.method = "Visit"  # the plan's fallback after three unanswered calls
			doc.append(
				"attempts",
				{
					"attempt_time": when,
					"method": doc.method,
					"outcome": "No Answer",
					"agent": agent,
					"note": "上门两次未遇",
				},
			)
			doc.status = "Unreachable"
			doc.notes = "三次电话未接通，上门走访也未遇到客户。"
		elif outcome == "Cancelled":
			doc.append(
				"attempts",
				{
					"attempt_time": when,
					"method": doc.method,
					"outcome": "Refused",
					"agent": agent,
					"note": "客户拒绝",
				},
			)
			doc.status = "Cancelled"
			doc.cancel_reason = rng.choice(CANCEL_REASONS)
		if doc.attempts or doc.status != "Open":
			act(agent, when)
			doc.save()
			last = max([a.attempt_time for a in doc.attempts] or [when])
			self.stamps.set("Callback Task", doc.name, modified=last, modified_by=agent)
		if outcome != "Done":
			return None
		return self.record(task, agent, when, level, template)

	def record(
		self,
		task,
		agent: str,
		when: datetime,
		level: int | None = None,
		template: str | None = None,
		target: str | None = None,
	):
		rng = self.rng
		template = template or self.plan_templates.get(task.callback_plan)
		domain = self.domain(template)
		level = level or self.level(task.service_unit, agent)
		problem_case = None
		if domain in PROBLEM_CASES and rng.random() < 0.03:
			problem_case = rng.choice(PROBLEM_CASES[domain])
			level = min(level, 3)
		answers = []
		for q in self.template_questions(template):
			row = {
				"question": q.question,
				"dimension": q.dimension,
				"question_type": q.question_type,
				"is_verification": q.is_verification,
				"weight": q.weight,
			}
			if q.question_type == "Rating 1-5":
				row["rating"] = min(
					5, max(1, level + rng.choice((-1, 0, 0, 0, 1)) if level not in (1, 5) else level)
				)
			elif q.question_type == "Three Grades":
				row["grade"] = scoring.level_to_grade(level)
			elif q.question_type == "Yes/No":
				unsolved = level <= 2 and domain == "complaint"
				row["verified"] = (
					"No" if unsolved or (problem_case and q.dimension == problem_case[0]) else "Yes"
				)
			elif q.question_type == "Free Text" and rng.random() < 0.3:
				row["answer"] = rng.choice(COMMENTS[domain]) if level >= 4 else rng.choice(BASIC)
			answers.append(row)
		method = task.method
		duration = rng.randrange(900, 2400) if method != "Phone" else rng.randrange(60, 420)
		relation = "Self" if rng.random() < 0.85 else rng.choice(RELATIVES)
		if task.customer_name.endswith("公司"):
			relation = "Colleague"
		values = {
			"doctype": "Callback Record",
			"callback_task": task.name,
			"customer": task.customer,
			"service_unit": task.service_unit,
			"service_event": task.service_event,
			"callback_plan": task.callback_plan,
			"survey_template": template,
			"agent": agent,
			"method": method,
			"call_time": when,
			"duration": duration,
			"callee_relation": relation,
			"callee_name": callee_name(task.customer_name, relation),
			"answers": answers,
			"overall_score": level,
			"customer_confirmed": int(method != "Phone"),
		}
		if level >= 4:
			values["comments"] = rng.choice(COMMENTS[domain]) if rng.random() < 0.6 else None
		elif level == 3:
			values["comments"] = rng.choice(BASIC)
		problem = None
		if problem_case:
			values.update(problems_found=problem_case[1], promise=PROMISES[0])
		elif level <= 2:
			problem = rng.choice(PROBLEMS[domain])
			values.update(
				problems_found=problem[0],
				promise=rng.choice(PROMISES),
				reply_by=add_working_days_for_unit(when.date(), 2, task.service_unit),
				comments="客户情绪较大，需尽快处理。" if level == 1 else "客户表示不满意。",
			)
		if rng.random() < 0.05 and level >= 4:
			values["next_callback_date"] = when.date() + timedelta(days=rng.choice((30, 60, 90)))
		act(agent, when)
		doc = frappe.get_doc(values)
		doc.flags.notify_update = False  # nobody is watching the form in a browser
		doc.insert()
		end = when + timedelta(seconds=duration)
		self.stamps.set("Callback Record", doc.name, creation=end, modified=end)
		self.records += 1
		self.review(doc, task, end, target)
		if problem and domain != "complaint" and doc.workflow_state in ("Submitted", "Reviewed", "Archived"):
			self.unsatisfied.append((doc, domain, problem))
		return doc

	def target_state(self, age: int) -> str:
		rng = self.rng
		if age <= 3:
			return rng.choices(("Draft", "Submitted", "Reviewed", "Returned"), weights=(20, 50, 20, 10))[0]
		if age <= 10:
			return rng.choices(("Draft", "Submitted", "Reviewed", "Returned"), weights=(5, 50, 37, 8))[0]
		if age <= 60:
			return rng.choices(("Submitted", "Reviewed", "Returned", "Revised"), weights=(8, 82, 4, 6))[0]
		return rng.choices(("Reviewed", "Archived", "Revised"), weights=(65, 30, 5))[0]

	def review(self, doc, task, end: datetime, target: str | None = None) -> None:
		"""Submit, then the supervisor reviews, returns or archives (R-44); never in the future."""
		rng = self.rng
		target = target or self.target_state((self.today - end.date()).days)
		if target == "Draft":
			# the agent is still on it: the task stays in progress until the record is submitted
			frappe.db.set_value("Callback Task", task.name, "status", "In Progress", update_modified=False)
			self.stamps.set("Callback Task", task.name, modified=end)
			return
		agent, supervisor = doc.agent, self.reviewer(doc.service_unit)
		if supervisor == doc.owner:
			supervisor = get_unit_head(doc.service_unit)  # nobody reviews their own record
		steps = [("Submit", agent, end + timedelta(minutes=rng.randrange(3, 60)), {})]

		def office(at, days):
			return datetime.combine(
				at.date() + timedelta(days=days), time(rng.randrange(9, 17), rng.randrange(60))
			)

		if target in ("Returned", "Revised"):
			back = office(steps[-1][2], rng.choice((0, 1)))
			steps.append(("Return", supervisor, back, {"review_comment": rng.choice(RETURN_NOTES)}))
		if target == "Revised":
			fixed = back + timedelta(hours=rng.choice((1, 3, 20)))
			steps += [
				("Revise", agent, fixed, {}),
				(
					"Submit",
					agent,
					fixed + timedelta(minutes=10),
					{"comments": (doc.comments or "") + "（已补充）"},
				),
			]
		if target in ("Reviewed", "Archived", "Revised"):
			steps.append(
				(
					"Review",
					supervisor,
					office(steps[-1][2], rng.choice((1, 1, 2, 3))),
					{"review_comment": rng.choice(REVIEW_NOTES)},
				)
			)
		if target == "Archived":
			steps.append(("Archive", supervisor, office(steps[-1][2], rng.randrange(10, 25)), {}))
		last = end
		for action, user, at, fields in steps:
			if at > self.now:
				break
			advance(doc, action, user, at, **fields)
			last = at
			if action == "Submit":
				self.stamps.set("Callback Task", task.name, completed_on=at, modified=at)
			if action == "Review":
				self.stamps.set("Callback Record", doc.name, reviewed_on=at)
		self.stamps.set("Callback Record", doc.name, modified=last, modified_by=frappe.session.user)


def top_up_states(work: CallbackWork) -> None:
	"""Make sure a few records wait for correction (Returned) and a few are back with the agent
	(Returned, then revised to Draft), whatever day the demo is loaded on (R-44)."""
	for state, actions in (("Returned", ("Return",)), ("Draft", ("Return", "Revise"))):
		missing = 2 - frappe.db.count("Callback Record", {"workflow_state": state})
		if missing <= 0:
			continue
		names = frappe.get_all(
			"Callback Record",
			filters={"workflow_state": "Submitted"},
			pluck="name",
			order_by="call_time desc",
			limit=missing,
		)
		for name in names:
			doc = frappe.get_doc("Callback Record", name)
			at = min(doc.call_time + timedelta(hours=2), work.now - timedelta(minutes=10))
			for action in actions:
				if action == "Return":
					supervisor = work.reviewer(doc.service_unit)
					if supervisor == doc.owner:
						supervisor = get_unit_head(doc.service_unit)
					advance(doc, action, supervisor, at, review_comment=work.rng.choice(RETURN_NOTES))
				else:
					advance(doc, action, doc.agent, at)
			work.stamps.set("Callback Record", name, modified=at, modified_by=frappe.session.user)


def callee_name(customer_name: str, relation: str) -> str | None:
	surname = customer_name[0]
	return {
		"Self": None,
		"Spouse": "配偶",
		"Son": f"{surname}先生",
		"Daughter": f"{surname}女士",
		"Tenant": "租户",
		"Colleague": "经办人",
	}.get(relation)


def task_rows(filters=None, names=None) -> list:
	conditions = {"name": ("in", names)} if names else filters or {}
	return frappe.get_all(
		"Callback Task", filters=conditions, fields=list(TASK_FIELDS), order_by="earliest_date asc, name asc"
	)


def work_tasks(work: CallbackWork, tasks) -> dict:
	counts: dict[str, int] = {}
	for task, outcome in work.plan_all(tasks):
		work.work(task, outcome)
		counts[outcome] = counts.get(outcome, 0) + 1
	return counts
