"""What the demo organisations call back on and how: Service Event Types (R-20), question
templates (R-41, R-60) and approved Callback Plans whose timing steps express the rules of
R-31 (none of them is hard-coded anywhere)."""

from __future__ import annotations

import json
from datetime import date

import frappe
from frappe.model.workflow import apply_workflow

from huifang.demo import organisation as org
from huifang.demo.clock import act

# name, category, default priority, major, handled by units of
EVENT_TYPES = (
	("日常报修", "Repair Order", "P3", 0, "住户报修：水电、门窗、管道等，维修完成后回访。"),
	("重大维修", "Repair Order", "P1", 0, "停水停电、电梯困人、大面积渗漏等重大维修，项目负责人亲自回访。"),
	("维修工程", "Maintenance", "P2", 0, "外墙、屋面防水、管网改造等维修工程。"),
	("智能门锁安装", "Paid Service", "P3", 0, "有偿安装，保修一年。"),
	("有偿服务", "Paid Service", "P3", 0, "家政保洁、家电清洗、管道疏通等有偿服务。"),
	("洗车服务", "Car Service", "P4", 0, "地下车库洗车美容服务。"),
	("物业服务合同签约", "Contract Signing", "P2", 0, "新业主签订物业服务合同并办理入伙。"),
	("不动产登记业务", "Window Application", "P3", 0, "不动产登记窗口办件。"),
	("社保医保业务", "Window Application", "P3", 0, "社保医保窗口办件。"),
	("涉税业务", "Window Application", "P3", 0, "税务窗口办件。"),
	("市场主体登记", "Window Application", "P3", 0, "市场监管窗口办件。"),
	("公积金业务", "Window Application", "P3", 0, "公积金窗口办件。"),
	("12345热线工单办结", "Complaint Closed", "P2", 0, "12345政务服务便民热线转办工单办结。"),
)
MAJOR_TYPES = {"重大维修"}
WINDOW_TYPES = dict(
	zip(
		org.WINDOWS, ("不动产登记业务", "社保医保业务", "涉税业务", "市场主体登记", "公积金业务"), strict=True
	)
)

T_REPAIR = "维修回访问卷"
T_SERVICE = "物业服务回访问卷"
T_GOV = "政务服务回访问卷"
T_GOV_SURVEY = "政务服务满意度测评表（300分制）"
T_OWNER_SURVEY = "业主满意度调查问卷"
T_COMPLAINT = "投诉回访问卷"

SUGGESTION = ("您还有什么意见或建议？", "Free Text", "意见建议", 1, 0, 0)
GOV_QUESTIONS = (
	("您对窗口工作人员的服务态度是否满意？", "Rating 1-5", "服务态度"),
	("您对办事效率（等候时间、办结时间）是否满意？", "Rating 1-5", "办事效率"),
	("工作人员是否按规定程序办理、一次性告知所需材料？", "Rating 1-5", "按章办事"),
	("业务是否全部在大厅窗口内办理，没有人引导您到厅外办理？", "Yes/No", "厅外办理"),
	("工作人员是否廉洁办事，没有吃拿卡要行为？", "Yes/No", "廉洁(吃拿卡要)"),
)
# template -> (scheme, extra fields, [(question, type, dimension, weight, required, verification, options)])
TEMPLATES = {
	T_REPAIR: ("Average", {"description": "报修、维修工程完成后的电话回访。"}, (
		("维修人员是否按约定时间上门？", "Yes/No", "守时", 1, 1, 1),
		("您对本次维修质量是否满意？", "Rating 1-5", "维修质量", 1, 1, 0),
		("您对维修人员的服务态度是否满意？", "Rating 1-5", "服务态度", 1, 1, 0),
		("维修人员是否按标准收费、没有额外索要费用？", "Yes/No", "廉洁", 1, 1, 1),
		SUGGESTION,
	)),
	T_SERVICE: ("Average", {"description": "有偿服务、售后、入伙和走访的回访。"}, (
		("您对工作人员的服务态度是否满意？", "Rating 1-5", "服务态度", 1, 1, 0),
		("服务是否及时、按约定完成？", "Rating 1-5", "服务及时性", 1, 1, 0),
		("您对本次服务的总体评价", "Three Grades", "总体评价", 1, 1, 0),
		SUGGESTION,
	)),
	T_GOV: ("Average", {"description": "窗口办件回访，政务服务六个维度。"}, (
		*((q, t, d, 1, 1, int(t == "Yes/No")) for q, t, d in GOV_QUESTIONS),
		("您对我们的工作有什么意见和建议？", "Free Text", "意见建议", 1, 0, 0),
	)),
	T_GOV_SURVEY: (
		"Total Score",
		{"max_score": 300, "satisfied_threshold": 240, "basic_threshold": 210,
		"description": "三项评分每项满分100分（5级×20），总分300分：240分及以上为满意，210至240分为基本满意，低于210分为不满意。"},
		(
			*((q, t, d, 20 if t == "Rating 1-5" else 0, 1, 0) for q, t, d in GOV_QUESTIONS),
			("您对我们的工作有什么意见和建议？", "Free Text", "意见建议", 0, 0, 0),
		),
	),
	T_OWNER_SURVEY: ("Weighted Sum", {"description": "锦华物业年度业主满意度调查（匿名）。"}, (
		("您对客服中心的服务是否满意？", "Rating 1-5", "客户服务", 1.5, 1, 0),
		("您对报修响应和维修质量是否满意？", "Rating 1-5", "工程维修", 1.5, 1, 0),
		("您对小区安保和车辆管理是否满意？", "Rating 1-5", "秩序维护", 1, 1, 0),
		("您对公共区域清洁卫生是否满意？", "Rating 1-5", "环境卫生", 1, 1, 0),
		("您对小区绿化养护是否满意？", "Rating 1-5", "绿化养护", 1, 1, 0),
		("您对锦华物业的总体评价", "Three Grades", "总体评价", 2, 1, 0),
		("您最希望我们改进哪些方面？", "Multiple Choice", "改进方向", 0, 0, 0, "保洁\n安保\n维修响应\n停车管理\n绿化\n公共设施"),
		SUGGESTION,
	)),
	T_COMPLAINT: ("Average", {"description": "投诉处理完毕后的回访。"}, (
		("您反映的问题是否已经解决？", "Yes/No", "问题解决", 1, 1, 1),
		("您对投诉处理结果是否满意？", "Three Grades", "处理结果", 1, 1, 0),
		("您对处理的及时性是否满意？", "Rating 1-5", "处理及时性", 1, 1, 0),
		SUGGESTION,
	)),
}  # fmt: skip


def step(no, label, anchor="Event Completed", offset=0, unit="Days", window=0, window_unit="Days", **repeat):
	return {
		"step_no": no,
		"step_label": label,
		"anchor": anchor,
		"offset_value": offset,
		"offset_unit": unit,
		"window_length": window,
		"window_unit": window_unit,
		**repeat,
	}


# plan name -> fields; every plan is drafted by the unit's supervisor and approved by its manager
PLANS = {
	"日常报修2日内回访": dict(
		plan_type="Repair", service_unit=org.PROPERTY, event_types=["日常报修"], target_rate=95,
		survey_template=T_REPAIR, steps=[step(1, "维修完成后2天内", window=2)],
		description="写字楼及住宅日常报修：维修完成后2天内电话回访，回访率不低于95%。",
	),
	"重大维修1个工作日内回访": dict(
		plan_type="Repair", service_unit=org.PROPERTY, event_types=["重大维修"], assignee_rule="Unit Head",
		survey_template=T_REPAIR, steps=[step(1, "完成后1个工作日内", window=1, window_unit="Working Days")],
		description="重大维修完成后1个工作日内由项目负责人亲自回访。",
	),
	"维修工程完工回访": dict(
		plan_type="Repair", service_unit=org.PROPERTY, event_types=["维修工程"], survey_template=T_REPAIR,
		steps=[step(1, "完工后1周至1个月", offset=1, unit="Weeks", window=3, window_unit="Weeks")],
		description="维修工程完工后1周至1个月之间回访使用情况。",
	),
	"智能门锁售后回访（保修期）": dict(
		plan_type="After-sales", service_unit=org.PROPERTY, event_types=["智能门锁安装"], survey_template=T_SERVICE,
		steps=[
			step(1, "验收后首月", window=1, window_unit="Months"),
			step(2, "保修期内每半年", offset=6, unit="Months", window=1, window_unit="Months",
				repeat_every=6, repeat_unit="Months", max_repeats=1),
			step(3, "保修到期前提醒", anchor="Expiry Date", offset=-15, window=10),
		],
		description="售后：验收后第一个月内首次回访，保修期内至少每6个月回访一次，保修到期前15天提醒。",
	),
	"有偿服务按优先级抽样回访": dict(
		plan_type="Sampling", service_unit=org.PROPERTY, event_types=["有偿服务"], sampling="By Priority",
		target_rate=20, survey_template=T_SERVICE, steps=[step(1, "服务完成后3天内", window=3)],
		description="按优先级随机抽样回访：P1 80%、P2 50%、P3 20%、P4 5%。",
	),
	"洗车服务次日回访": dict(
		plan_type="After-sales", service_unit=org.PROPERTY, event_types=["洗车服务"], target_rate=95,
		survey_template=T_SERVICE, steps=[step(1, "服务次日", offset=1)],
		description="车辆服务完成后第二天回访。",
	),
	"新业主签约及入伙回访": dict(
		plan_type="New Contract", service_unit=org.PROPERTY, event_types=["物业服务合同签约"], survey_template=T_SERVICE,
		steps=[
			step(1, "签约后1周内", anchor="Event Occurred", window=1, window_unit="Weeks"),
			step(2, "入伙满1个月", anchor="Handover", offset=1, unit="Months", window=1, window_unit="Weeks"),
			step(3, "入伙满3个月", anchor="Handover", offset=3, unit="Months", window=1, window_unit="Weeks"),
			step(4, "入伙满1年", anchor="Handover", offset=12, unit="Months", window=1, window_unit="Months"),
		],
		description="新契约：签约后1周内，入伙后1个月、3个月和1年各回访一次。",
	),
	"特殊业主季度走访": dict(
		plan_type="Routine", service_unit=org.PROPERTY, target_basis="Customers",
		customer_filter=json.dumps({"is_special_owner": 1}), primary_method="Visit", fallback_method="",
		assignee_rule="Account Manager", survey_template=T_SERVICE,
		steps=[step(1, "每季度上门走访", anchor="Handover", repeat_every=3, repeat_unit="Months")],
		description="独居老人、子女不在身边的退休业主和军属家庭，每季度由管家上门走访一次，同一季度不重复。",
	),
	"商户年度回访": dict(
		plan_type="Routine", service_unit=org.PROPERTY, target_basis="Customers", customer_type="Enterprise",
		assignee_rule="Account Manager", survey_template=T_SERVICE,
		steps=[step(1, "每年一次", anchor="Contract Signing", repeat_every=12, repeat_unit="Months")],
		description="底商等老客户每年回访一次。",
	),
	"窗口办件每周随机抽样回访": dict(
		plan_type="Sampling", service_unit=org.CENTRE, event_types=list(WINDOW_TYPES.values()),
		sampling="Random Sample", sample_size=2, sample_period="Week", survey_template=T_GOV,
		steps=[step(1, "抽样后3个工作日内", window=3, window_unit="Working Days")],
		description="每周一从本月办件台账中为每个窗口随机抽取办事群众回访，随机种子留存备查。"
		"演示数据每窗口每周抽2名，正式运行可按回访设置抽20名。",
	),
	"12345热线工单办结回访": dict(
		plan_type="Complaint", service_unit=org.CENTRE, event_types=["12345热线工单办结"],
		survey_template=T_COMPLAINT, steps=[step(1, "办结后3天内", window=3)],
		description="投诉类工单办结后3天内回访，回访率100%。",
	),
	"企业流失回访（半年未办件）": dict(
		plan_type="Lost Customer", service_unit=org.CENTRE, target_basis="Customers", customer_type="Enterprise",
		steps=[step(1, "最后一次办件满6个月", anchor="Last Visit", offset=6, unit="Months", window=1, window_unit="Months")],
		description="企业客户超过6个月未到中心办件，回访了解经营情况和办事需求。",
	),
}  # fmt: skip
PLAN_OWNERS = {org.PROPERTY: ("lixiaomei", "zhoujianguo"), org.CENTRE: ("gaojie", "maguodong")}


def ensure_event_types() -> None:
	for name, category, priority, _major, description in EVENT_TYPES:
		if frappe.db.exists("Service Event Type", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Service Event Type",
				"event_type_name": name,
				"category": category,
				"default_priority": priority,
				"is_major": int(name in MAJOR_TYPES),
				"description": description,
			}
		).insert(ignore_permissions=True)


def ensure_templates() -> None:
	for name, (scheme, extra, questions) in TEMPLATES.items():
		if frappe.db.exists("Survey Template", name):
			continue
		rows = []
		for q in questions:
			question, qtype, dimension, weight, required, verification = q[:6]
			rows.append(
				{
					"question": question,
					"question_type": qtype,
					"dimension": dimension,
					"weight": weight,
					"is_required": required,
					"is_verification": verification,
					"options": q[6] if len(q) > 6 else None,
				}
			)
		frappe.get_doc(
			{
				"doctype": "Survey Template",
				"template_name": name,
				"scoring_scheme": scheme,
				"questions": rows,
				**extra,
			}
		).insert(ignore_permissions=True)


def ensure_plans(when) -> dict[str, str]:
	"""Plan name -> document name; drafted by the supervisor, approved by the manager (R-34)."""
	names = {}
	for title, fields in PLANS.items():
		existing = frappe.db.get_value("Callback Plan", {"plan_name": title})
		if existing:
			names[title] = existing
			continue
		fields = dict(fields)
		event_types = fields.pop("event_types", [])
		author, approver = PLAN_OWNERS[fields["service_unit"]]
		act(org.email(author), when)
		doc = frappe.get_doc(
			{
				"doctype": "Callback Plan",
				"plan_name": title,
				"plan_kind": "Callback Rule",
				"primary_method": "Phone",
				"fallback_method": "Visit",
				"switch_after_attempts": 3,
				"assignee_rule": "Unit Pool Round Robin",
				"major_to_unit_head": 1,
				**fields,
				"event_types": [{"event_type": t} for t in event_types],
			}
		).insert()
		act(org.email(approver), when)
		apply_workflow(doc, "Approve")
		names[title] = doc.name
	return names


def visit_plan(unit: str, month: date, visits: list[dict], approve: bool, when) -> str:
	"""A Monthly Visit Plan (R-34): drafted by the supervisor, approved by the unit head."""
	title = f"{unit}{month.year}年{month.month}月客户拜访计划"
	existing = frappe.db.get_value("Callback Plan", {"plan_name": title})
	if existing:
		return existing
	act(org.email("lixiaomei"), when)
	doc = frappe.get_doc(
		{
			"doctype": "Callback Plan",
			"plan_name": title,
			"plan_kind": "Monthly Visit Plan",
			"plan_type": "Routine",
			"service_unit": unit,
			"plan_month": month,
			"primary_method": "Visit",
			"visits": visits,
			"description": "项目负责人每月拜访5户，客服人员按计划上门拜访，了解业主需求。",
		}
	).insert()
	if approve:
		act(org.email("zhoujianguo"), when)
		apply_workflow(doc, "Approve")
	return doc.name
