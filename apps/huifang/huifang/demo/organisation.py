"""The two demo organisations as Service Unit trees (R-01) and their staff, one User per person
with the roles of R-02, each a member of the units they work in."""

from __future__ import annotations

import os
from datetime import date, timedelta

import frappe
from frappe.utils.password import update_password

AGENT = "Huifang Agent"
SUPERVISOR = "Huifang Supervisor"
MANAGER = "Huifang Manager"
HANDLER = "Complaint Handler"
AUDITOR = "Quality Auditor"
CUSTOMER = "Customer"
INTEGRATION = "Huifang Integration"

PROPERTY = "锦华物业服务有限公司"
SERVICE_DESK = "客服部"
ENGINEERING = "工程部"
SECURITY = "秩序部"
QUALITY = "品质管理部"
CUIHU = "锦华·翠湖苑"
BINJIANG = "锦华·滨江花园"
CENTRE = "江北区政务服务中心"
INSPECTION = "督查科"
WINDOWS = ("不动产登记窗口", "社保医保窗口", "税务窗口", "市场监管窗口", "公积金窗口")
PROJECTS = (CUIHU, BINJIANG)
GOVERNMENT_UNITS = (CENTRE, INSPECTION, *WINDOWS)

# the newest agent joins a few days before "today": R-04 sends her callbacks to the unit head
NEW_AGENT = "chenjing"
NEW_AGENT_DAYS_AGO = 10

# key (e-mail local part), name, job title, roles
STAFF = (
	("zhoujianguo", "周建国", "锦华物业总经理", (MANAGER,)),
	("lixiaomei", "李晓梅", "客服部经理", (SUPERVISOR,)),
	("zhaozhiqiang", "赵志强", "翠湖苑项目经理", (MANAGER, AGENT)),
	("sunlihua", "孙丽华", "滨江花园项目经理", (MANAGER, AGENT)),
	("zhangting", "张婷", "回访专员", (AGENT,)),
	("liuyang", "刘洋", "回访专员", (AGENT,)),
	("wangfang", "王芳", "回访专员", (AGENT,)),
	("huangli", "黄丽", "回访专员", (AGENT,)),
	(NEW_AGENT, "陈静", "回访专员（新入职）", (AGENT,)),
	("wugang", "吴刚", "工程部经理", (HANDLER,)),
	("zhengwei", "郑伟", "维修工程师", (HANDLER,)),
	("fenglei", "冯磊", "秩序部经理", (HANDLER,)),
	("qinyong", "秦勇", "秩序维护员", (HANDLER,)),
	("hemin", "何敏", "品质管理部主管", (AUDITOR,)),
	("maguodong", "马国栋", "政务服务中心主任", (MANAGER, AGENT)),
	("gaojie", "高洁", "效能监督科科长", (SUPERVISOR,)),
	("luojia", "罗佳", "回访专员", (AGENT,)),
	("liangshuang", "梁爽", "回访专员", (AGENT,)),
	("songyu", "宋雨", "回访专员", (AGENT,)),
	("tanglei", "唐磊", "不动产登记窗口受理员", (HANDLER,)),
	("xuna", "许娜", "社保医保窗口受理员", (HANDLER,)),
	("hanbing", "韩冰", "税务窗口受理员", (HANDLER,)),
	("caoyang", "曹阳", "市场监管窗口受理员", (HANDLER,)),
	("penghui", "彭辉", "公积金窗口受理员", (HANDLER,)),
	("denglin", "邓琳", "督查科科员", (AUDITOR,)),
	("jiekou", "一网通办接口", "业务系统对接账号", (INTEGRATION,)),
)

CENTRE_AGENTS = (("luojia", "Staff", 1), ("liangshuang", "Staff", 1), ("songyu", "Staff", 1))
# unit, type, parent, code, head, supervisor, members: (key, role in unit, in callback pool)
UNITS = (
	(PROPERTY, "Company", None, "JH", "zhoujianguo", "lixiaomei",
		(("zhoujianguo", "Unit Head", 0), ("lixiaomei", "Supervisor", 0))),
	(SERVICE_DESK, "Department", PROPERTY, "JH-KF", "lixiaomei", None,
		(("lixiaomei", "Department Head", 0), ("zhangting", "Staff", 1), ("liuyang", "Staff", 1),
		("wangfang", "Staff", 1), ("huangli", "Staff", 1))),
	(ENGINEERING, "Department", PROPERTY, "JH-GC", "wugang", None,
		(("wugang", "Department Head", 0), ("zhengwei", "Staff", 0))),
	(SECURITY, "Department", PROPERTY, "JH-ZX", "fenglei", None,
		(("fenglei", "Department Head", 0), ("qinyong", "Staff", 0))),
	(QUALITY, "Department", PROPERTY, "JH-PZ", "hemin", None, (("hemin", "Department Head", 0),)),
	(CUIHU, "Project", PROPERTY, "JH-CHY", "zhaozhiqiang", None,
		(("zhaozhiqiang", "Unit Head", 0), ("zhangting", "Staff", 1), ("liuyang", "Staff", 1))),
	(BINJIANG, "Project", PROPERTY, "JH-BJ", "sunlihua", None,
		# wugang (engineering) handles the project's rectifications: a member, outside the callback pool
		(("sunlihua", "Unit Head", 0), ("wangfang", "Staff", 1), ("huangli", "Staff", 1), ("wugang", "Staff", 0))),
	(CENTRE, "Company", None, "JB", "maguodong", "gaojie",
		(("maguodong", "Unit Head", 0), ("gaojie", "Supervisor", 0), *CENTRE_AGENTS)),
	# the centre's agents call back on every window: members of each, in its callback pool
	("不动产登记窗口", "Window", CENTRE, "JB-BDC", None, None, (("tanglei", "Staff", 0), *CENTRE_AGENTS)),
	("社保医保窗口", "Window", CENTRE, "JB-SB", None, None, (("xuna", "Staff", 0), *CENTRE_AGENTS)),
	("税务窗口", "Window", CENTRE, "JB-SW", None, None, (("hanbing", "Staff", 0), *CENTRE_AGENTS)),
	("市场监管窗口", "Window", CENTRE, "JB-SJ", None, None, (("caoyang", "Staff", 0), *CENTRE_AGENTS)),
	("公积金窗口", "Window", CENTRE, "JB-GJJ", None, None, (("penghui", "Staff", 0), *CENTRE_AGENTS)),
	(INSPECTION, "Department", CENTRE, "JB-DC", "denglin", None, (("denglin", "Department Head", 0),)),
)  # fmt: skip

# window -> the clerk who handles its applications
WINDOW_CLERK = dict(zip(WINDOWS, ("tanglei", "xuna", "hanbing", "caoyang", "penghui"), strict=True))


def email(key: str) -> str:
	return f"{key}@example.com"


def password() -> str:
	return os.environ.get("ADMIN_PASSWORD") or "admin"


def ensure_genders() -> None:
	"""The setup wizard creates these on a real bench; a site that skipped it has none."""
	for gender in ("Male", "Female"):
		if not frappe.db.exists("Gender", gender):
			frappe.get_doc({"doctype": "Gender", "gender": gender}).insert(ignore_permissions=True)


def make_user(key: str, full_name: str, roles, phones=None, user_type: str = "System User") -> str:
	user = email(key)
	if frappe.db.exists("User", user):
		return user
	frappe.get_doc(
		{
			"doctype": "User",
			"email": user,
			"first_name": full_name,
			"language": "zh",
			"user_type": user_type,
			"send_welcome_email": 0,
			"mobile_no": phones.mobile() if phones else None,
			"roles": [{"role": r} for r in roles],
		}
	).insert(ignore_permissions=True)
	# like the site's Administrator: the chosen password, without the strength test of the form
	update_password(user, password())
	return user


def ensure_staff(phones) -> dict[str, str]:
	"""Every staff member's User; returns key -> user id."""
	users = {}
	for key, name, _title, roles in STAFF:
		desk = any(r not in (CUSTOMER, INTEGRATION) for r in roles)
		users[key] = make_user(key, name, roles, phones, "System User" if desk else "Website User")
	return users


def ensure_units(calendar: str, today: date, rng) -> None:
	for name, unit_type, parent, code, head, supervisor, members in UNITS:
		if frappe.db.exists("Service Unit", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Service Unit",
				"unit_name": name,
				"unit_type": unit_type,
				"parent_service_unit": parent,
				"is_group": int(unit_type == "Company"),
				"unit_code": code,
				"unit_head": email(head) if head else None,
				"supervisor": email(supervisor) if supervisor else None,
				"working_calendar": calendar if unit_type == "Company" else None,
				"members": [
					{
						"user": email(key),
						"unit_role": role,
						"is_callback_agent": pool,
						"joined_on": today - timedelta(days=rng.randrange(400, 2500)),
					}
					for key, role, pool in members
				],
			}
		).insert(ignore_permissions=True)


def join_new_agent(day: date) -> None:
	"""The new agent starts at the service desk and in 锦华·翠湖苑's callback pool on `day`."""
	for unit in (SERVICE_DESK, CUIHU):
		doc = frappe.get_doc("Service Unit", unit)
		if any(m.user == email(NEW_AGENT) for m in doc.members):
			continue
		doc.append(
			"members",
			{"user": email(NEW_AGENT), "unit_role": "Staff", "is_callback_agent": 1, "joined_on": day},
		)
		doc.save(ignore_permissions=True)
