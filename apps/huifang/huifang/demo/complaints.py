"""Complaints over the demo months (R-50..R-54), each walked through the Complaint Handling
workflow by the people allowed to: accepted and assigned by the supervisor, processed and
resolved by the responsible unit, called back by an agent (the unit head for the major one),
closed, or reopened when the customer is still unsatisfied.

The stories cover every state and severity: one major complaint (collective and reported in
the media), the same problem from three neighbours within a month and a second complaint after
the first was closed (both important by rule), a collective complaint of four people, and a
severity raised by hand.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import frappe

from huifang.demo import catalogue as cat
from huifang.demo import organisation as org
from huifang.demo.clock import act
from huifang.demo.workflow import advance
from huifang.utils.units import get_unit_head, get_unit_supervisor
from huifang.utils.working_days import add_working_days_for_unit

# category -> (result, root cause, corrective action, preventive action)
RESOLUTION = {
	"Engineering Quality": ("已维修完毕并经业主确认。", "施工质量不达标，材料老化。", "返工维修并延长保修期一年。", "建立维修质量抽检制度，完工后二十四小时内回访。"),
	"Property Management": ("已整改，现场恢复正常。", "日常巡查不到位。", "增加巡查频次并明确责任人。", "纳入月度品质检查项目。"),
	"Customer Service": ("已向业主致歉并更正。", "服务流程执行不到位。", "对相关人员进行批评教育。", "开展服务规范培训，每月考核。"),
	"Service Attitude": ("已当面致歉，群众表示接受。", "工作人员沟通方式不当。", "对当事人进行约谈和通报批评。", "开展文明服务培训，纳入窗口考核。"),
	"Efficiency": ("已优化叫号和弹性窗口安排。", "高峰期开放窗口不足。", "增设高峰期弹性窗口。", "每周分析等候时长数据，动态调整窗口。"),
	"Procedure Violation": ("已重新梳理办事指南并一次性告知。", "一次性告知制度落实不到位。", "对当事人进行提醒谈话。", "窗口统一使用一次性告知单。"),
	"Handling Outside Hall": ("已联合公安清理厅外招揽人员。", "厅外秩序管理存在漏洞。", "加强大厅出入口巡查。", "在大厅醒目位置公示举报电话。"),
	"Integrity": ("经督查科调查，未发现工作人员参与，已向群众反馈。", "中介冒用窗口名义招揽业务。", "向市场监管部门移交中介线索。", "开展廉政警示教育，公开监督电话。"),
	"Other": ("已调整广告屏音量和播放时段。", "设备设置不合理。", "调低音量，夜间关闭声音。", "设备安装前征求业主意见。"),
}  # fmt: skip
MAJOR_RESOLUTION = (
	"已更换5栋2号电梯主板和门机系统，经特种设备检验机构检测合格；向业主公开维保记录。",
	"电梯主板老化，维保单位保养不到位。",
	"更换主板并对全小区电梯开展专项排查，更换维保单位。",
	"每月公示电梯维保记录，困人故障项目负责人第一时间到场。",
)
# the order a complaint moves through the workflow; the last step is the story's target
PATHS = {
	"New": (),
	"Accepted": ("Accept",),
	"Assigned": ("Accept", "Assign"),
	"Processing": ("Accept", "Assign", "Start Processing"),
	"Resolved": ("Accept", "Assign", "Start Processing", "Resolve"),
	"Callback": ("Accept", "Assign", "Start Processing", "Resolve", "Call Back"),
	"Closed": ("Accept", "Assign", "Start Processing", "Resolve", "Call Back", "record", "Close"),
	"Reopened": ("Accept", "Assign", "Start Processing", "Resolve", "Call Back", "record", "Reopen"),
	"Reprocessing": (
		"Accept",
		"Assign",
		"Start Processing",
		"Resolve",
		"Call Back",
		"record",
		"Reopen",
		"Start Processing",
	),
	"Manager Closed": (
		"Accept",
		"Assign",
		"Start Processing",
		"Resolve",
		"Call Back",
		"record",
		"Reopen",
		"Manager Close",
	),
}
HOURS = {
	"Accept": (0.5, 3), "Assign": (1, 5), "Start Processing": (2, 20), "Resolve": (24, 96), "Call Back": (4, 40),
	"record": (1, 4), "Close": (2, 8), "Reopen": (0.3, 1), "Manager Close": (24, 72),
}  # fmt: skip
HANDLERS = {
	org.ENGINEERING: "zhengwei",
	org.SECURITY: "fenglei",
	org.SERVICE_DESK: "lixiaomei",
	org.BINJIANG: "wugang",
}
HANDLERS.update(org.WINDOW_CLERK)


def story(unit, responsible, category, channel, subject, days, target, **extra) -> dict:
	return dict(
		unit=unit,
		responsible=responsible,
		category=category,
		channel=channel,
		subject=subject,
		days=days,
		target=target,
		**extra,
	)


STORIES = (
	story(org.BINJIANG, org.BINJIANG, "Engineering Quality", "Media", "5栋电梯一周内三次困人，业主联名投诉", 52, "Closed",
		people=12, media=1, issue="5栋电梯困人", major=True,
		description="5栋2号电梯一周内三次发生困人，12户业主联名投诉，本地媒体进行了报道。业主要求彻底检修并公开维保记录。"),
	story(org.CUIHU, org.ENGINEERING, "Engineering Quality", "Phone", "地下车库B区顶板渗水滴到车上", 41, "Closed", issue="地下车库B区顶板渗水"),
	story(org.CUIHU, org.ENGINEERING, "Engineering Quality", "WeChat", "车库B区渗水，车辆被污水弄脏", 36, "Closed", issue="地下车库B区顶板渗水"),
	story(org.CUIHU, org.ENGINEERING, "Engineering Quality", "Hotline", "B区车位上方一直滴水，多次反映未解决", 29, "Processing", issue="地下车库B区顶板渗水"),
	story(org.CUIHU, org.SERVICE_DESK, "Property Management", "Phone", "楼上装修噪音扰民，周末早上七点就开工", 95, "Closed",
		issue="楼上装修噪音扰民", same_customer="noise"),
	story(org.CUIHU, org.SERVICE_DESK, "Property Management", "Phone", "楼上装修又在周末施工，噪音问题没有解决", 24, "Resolved",
		issue="楼上装修噪音扰民", same_customer="noise"),
	story(org.BINJIANG, org.SECURITY, "Property Management", "Walk-in", "夜间外来车辆随意停放占用消防通道", 6, "Assigned", people=4),
	story(org.CUIHU, org.SERVICE_DESK, "Property Management", "Phone", "保洁不及时，楼道垃圾过夜", 70, "Closed"),
	story(org.BINJIANG, org.ENGINEERING, "Customer Service", "Hotline", "维修人员未按约定时间上门", 58, "Closed"),
	story(org.CUIHU, org.SERVICE_DESK, "Customer Service", "Walk-in", "物业费账单金额有误", 33, "Closed"),
	story(org.BINJIANG, org.SECURITY, "Property Management", "WeChat", "快递柜占用消防通道", 15, "Callback"),
	story(org.CUIHU, org.SERVICE_DESK, "Property Management", "WeChat", "小区宠物粪便无人清理", 12, "Processing"),
	story(org.BINJIANG, org.SERVICE_DESK, "Property Management", "Phone", "绿化带修剪不及时，遮挡一楼采光", 9, "Resolved"),
	story(org.CUIHU, org.SERVICE_DESK, "Customer Service", "Walk-in", "门禁卡补办收费不合理", 2, "Accepted"),
	story(org.BINJIANG, org.SERVICE_DESK, "Service Attitude", "WeChat", "管家回复消息不及时", 0.2, "New"),
	story(org.CUIHU, org.ENGINEERING, "Engineering Quality", "Phone", "热水管维修后墙面一直没有修复", 27, "Reopened"),
	story(org.BINJIANG, org.ENGINEERING, "Engineering Quality", "Phone", "地下车库照明长期损坏", 45, "Manager Closed"),
	story(org.CUIHU, org.SERVICE_DESK, "Other", "Email", "电梯广告屏声音太大", 20, "Reprocessing"),
	story("社保医保窗口", "社保医保窗口", "Service Attitude", "Walk-in", "社保医保窗口工作人员态度生硬", 64, "Closed"),
	story("不动产登记窗口", "不动产登记窗口", "Efficiency", "Hotline", "办理不动产登记等候超过两小时", 48, "Closed"),
	story("公积金窗口", "公积金窗口", "Procedure Violation", "Hotline", "公积金提取未一次性告知所需材料，往返三次", 38, "Closed"),
	story("不动产登记窗口", "不动产登记窗口", "Handling Outside Hall", "Letter", "大厅外有人招揽代办不动产登记", 22, "Resolved"),
	story("市场监管窗口", "市场监管窗口", "Integrity", "Email", "有中介称可加急办理营业执照并收取费用", 17, "Processing", raise_to="Important"),
	story("税务窗口", "税务窗口", "Efficiency", "Phone", "税务窗口中午暂停办件，白跑一趟", 26, "Closed", issue="税务窗口午间暂停办件"),
	story("税务窗口", "税务窗口", "Efficiency", "Hotline", "中午到税务窗口没人办理", 19, "Callback", issue="税务窗口午间暂停办件"),
	story("税务窗口", "税务窗口", "Efficiency", "Website", "税务窗口午休不办件，要求错时服务", 11, "Assigned", issue="税务窗口午间暂停办件"),
	story("公积金窗口", "公积金窗口", "Efficiency", "Hotline", "12345转办：公积金贷款审批进度慢", 4, "Accepted"),
	story("税务窗口", "税务窗口", "Efficiency", "Website", "网上预约后到现场仍需重新取号", 0.1, "New"),
)  # fmt: skip


class ComplaintDesk:
	def __init__(self, rng, today, now: datetime, stamps, work, customers: dict):
		self.rng = rng
		self.today = today
		self.now = now
		self.stamps = stamps
		self.work = work
		self.customers = customers
		self.same: dict[str, object] = {}
		self.used: set[str] = set()
		self.count = 0

	def customer_for(self, unit: str, key: str | None):
		pool_unit = org.CENTRE if unit in org.WINDOWS else unit
		if key and key in self.same:
			return self.same[key]
		people = [
			c for c in self.customers[pool_unit] if c.kind == "Individual" and not c.do_not_call and c.name not in self.used
		]  # fmt: skip
		chosen = self.rng.choice(people)
		self.used.add(chosen.name)
		if key:
			self.same[key] = chosen
		return chosen

	def supervisor(self, unit: str) -> str:
		return get_unit_supervisor(unit) or get_unit_head(unit)

	def callback_agent(self, spec: dict, customer) -> str:
		if spec.get("major"):
			return get_unit_head(spec["responsible"])
		if spec["unit"] in org.GOVERNMENT_UNITS:
			return org.email(self.rng.choice(("luojia", "liangshuang", "songyu")))
		return customer.account_manager

	def timeline(self, received: datetime, path) -> list[datetime]:
		"""When each step happened; squeezed to end before now if the story is recent."""
		offsets, total = [], 0.0
		for step in path:
			low, high = HOURS[step]
			total += self.rng.uniform(low, high)
			offsets.append(total)
		latest = (self.now - timedelta(minutes=30) - received).total_seconds() / 3600
		factor = min(1.0, latest / total) if total else 1.0
		return [received + timedelta(hours=o * factor) for o in offsets]

	def file(self, spec: dict) -> None:
		"""Receive one story's complaint and take it to its target state."""
		rng = self.rng
		customer = self.customer_for(spec["unit"], spec.get("same_customer"))
		received = self.now - timedelta(days=spec["days"], hours=rng.uniform(0, 3))
		supervisor = self.supervisor(spec["unit"])
		act(supervisor, received)
		doc = frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": spec["subject"],
				"channel": spec["channel"],
				"received_on": received,
				"customer": customer.name,
				"complainant_name": customer.customer_name
				+ (f"等{spec['people']}人" if spec.get("people") else ""),
				"complainant_phone": customer.phone,
				"people_count": spec.get("people", 1),
				"media_exposure": spec.get("media", 0),
				"category": spec["category"],
				"issue_key": spec.get("issue"),
				"service_unit": spec["unit"],
				"responsible_unit": spec["responsible"],
				"description": spec.get("description")
				or f"{customer.customer_name}反映：{spec['subject']}。",
			}
		).insert()
		self.stamps.set("Complaint", doc.name, creation=received, modified=received)
		self.count += 1
		self.walk(doc, spec, customer, received)

	def walk(self, doc, spec: dict, customer, received: datetime) -> None:
		rng = self.rng
		path = PATHS[spec["target"]]
		times = self.timeline(received, path)
		supervisor = self.supervisor(doc.service_unit)
		handler = org.email(spec.get("handler") or HANDLERS.get(spec["responsible"], "lixiaomei"))
		agent = self.callback_agent(spec, customer)
		resolution = MAJOR_RESOLUTION if spec.get("major") else RESOLUTION[doc.category]
		unsatisfied = spec["target"] in ("Reopened", "Reprocessing", "Manager Closed")
		stamps = {}
		for step, at in zip(path, times, strict=True):
			if step == "Accept":
				fields = (
					{"replied_on": at + timedelta(hours=rng.uniform(1, 20))} if rng.random() < 0.9 else {}
				)
				if fields and fields["replied_on"] > self.now:
					fields = {}
				if spec.get("raise_to"):
					fields["severity"] = spec["raise_to"]
				advance(doc, "Accept", supervisor, at, **fields)
				stamps["accepted_on"] = at
			elif step == "Assign":
				advance(doc, "Assign", supervisor, at, assigned_to=handler)
			elif step == "Start Processing":
				advance(doc, "Start Processing", handler, at)
			elif step == "Resolve":
				result, cause, corrective, preventive = resolution
				advance(
					doc, "Resolve", handler, at, result=result, root_cause=cause, corrective_action=corrective,
					preventive_action=preventive, rectification_feedback_on=at,
				)  # fmt: skip
				stamps["resolved_on"] = at
			elif step == "Call Back":
				advance(doc, "Call Back", agent, at)
				self.callback_task(doc, customer, agent, at)
			elif step == "record":
				task = self.callback_task(doc, customer, agent, at)
				level = 2 if unsatisfied else rng.choice((3, 4, 4, 5))
				target = "Reviewed" if (self.today - at.date()).days > 10 else "Submitted"
				self.work.record(task, agent, at, level, cat.T_COMPLAINT, target)
				doc.reload()
			elif step == "Close":
				advance(doc, "Close", supervisor, at)
				stamps["closed_on"] = at
			elif step == "Reopen":
				advance(doc, "Reopen", agent, at)
			elif step == "Manager Close":
				manager = get_unit_head(doc.service_unit)
				advance(
					doc,
					"Close",
					manager,
					at,
					close_reason="业主对处理结果仍有异议，经项目负责人上门协调达成一致，同意关闭。",
				)
				stamps["closed_on"] = at
		last = times[-1] if times else received
		self.stamps.set("Complaint", doc.name, modified=last, modified_by=frappe.session.user, **stamps)

	def callback_task(self, doc, customer, agent: str, at: datetime):
		"""The complaint's callback (R-53): one task per complaint, opened when it is resolved."""
		key = f"complaint:{doc.name}"
		name = frappe.db.get_value("Callback Task", {"task_key": key})
		if not name:
			act(self.supervisor(doc.service_unit), at)
			task = frappe.get_doc(
				{
					"doctype": "Callback Task",
					"task_key": key,
					"customer": customer.name,
					"service_unit": doc.service_unit,
					"assignee": agent,
					"method": "Visit" if customer.do_not_call else "Phone",
					"earliest_date": at.date(),
					"latest_date": add_working_days_for_unit(at.date(), 3, doc.service_unit),
					"source_complaint": doc.name,
					"notes": doc.subject,
				}
			).insert()
			name = task.name
			self.stamps.set("Callback Task", name, creation=at, modified=at)
		return frappe._dict(
			frappe.db.get_value(
				"Callback Task", name,
				["name", "customer", "customer_name", "service_unit", "assignee", "method", "earliest_date",
				"latest_date", "service_event", "callback_plan", "source_complaint"],
				as_dict=True,
			)
		)  # fmt: skip


def file_stories(desk: ComplaintDesk) -> None:
	for spec in sorted(STORIES, key=lambda s: -s["days"]):
		desk.file(spec)
