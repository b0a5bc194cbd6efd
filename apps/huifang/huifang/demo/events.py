"""Four months of Service Events (R-20): repairs and paid services in the two estates, new
owners signing and moving in, applications handled at the government windows (posted by the
一网通办 integration, so each carries its outside reference) and closed 12345 hotline tickets."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import frappe

from huifang.demo import customers as cust
from huifang.demo import organisation as org
from huifang.demo.catalogue import WINDOW_TYPES

REPAIRS = (
	("厨房水龙头漏水", "更换水龙头阀芯"), ("卫生间地漏堵塞", "疏通地漏并清理存水弯"), ("入户门锁芯损坏", "更换锁芯"),
	("客厅吊灯不亮", "更换镇流器"), ("阳台推拉门卡滞", "调整滑轮并润滑轨道"), ("空调冷凝水管渗漏", "重新接驳冷凝水管"),
	("卧室墙面开裂", "开V形槽修补并刷漆"), ("可视对讲无法开门", "更换室内分机"), ("楼道声控灯不亮", "更换感应灯"),
	("马桶水箱漏水", "更换进水阀"), ("厨房下水返味", "加装防臭地漏"), ("窗户密封条老化", "更换密封胶条"),
	("卫生间防水层渗漏到楼下", "重做防水并闭水试验"), ("入户水表漏水", "更换表前阀"), ("插座跳闸", "更换漏电保护器"),
)  # fmt: skip
REPEAT_REPAIR = ("卫生间防水层渗漏到楼下", "重做防水并闭水试验")
MAJOR_REPAIRS = (
	"5栋2号电梯困人救援及主板更换", "地下车库排水泵故障抢修", "二次供水水箱清洗消毒后恢复供水", "12栋外墙瓷砖脱落抢修",
	"小区主供水管爆裂抢修", "配电房变压器故障抢修", "3栋屋面大面积渗漏抢修", "消防喷淋管道爆裂抢修",
)  # fmt: skip
WORKS = (
	"2栋外墙防水维修工程", "地下车库地坪翻新工程", "小区雨污分流管网改造", "8栋屋面防水层翻新工程",
	"中心花园景观水池修复工程", "单元门禁系统升级工程",
)  # fmt: skip
PAID = (
	("家政保洁（4小时）", 200), ("油烟机深度清洗", 180), ("空调清洗（2台）", 240), ("下水管道疏通", 150),
	("新房开荒保洁", 680), ("搬家搬运服务", 500), ("地板打蜡养护", 320), ("窗帘拆洗", 160),
)  # fmt: skip
CAR_WASH = (("普通洗车", 35), ("精洗内饰", 120), ("打蜡抛光", 260), ("空调管路清洗", 180))
WINDOW_ITEMS = {
	"不动产登记窗口": ("二手房转移登记", "不动产抵押登记", "不动产权证书补证", "预告登记", "抵押权注销登记"),
	"社保医保窗口": (
		"城乡居民医保参保登记",
		"养老保险关系转移",
		"社保卡补换",
		"生育津贴申领",
		"退休待遇核定",
	),
	"税务窗口": ("二手房交易契税申报", "发票领用", "新办纳税人套餐", "个人所得税汇算咨询", "房产税申报"),
	"市场监管窗口": (
		"个体工商户设立登记",
		"公司变更登记",
		"食品经营许可证办理",
		"营业执照注销",
		"企业名称自主申报",
	),
	"公积金窗口": (
		"公积金提取（租房）",
		"公积金贷款申请",
		"公积金账户转移",
		"公积金缴存证明",
		"公积金提取（购房）",
	),
}
HOTLINE = (
	"反映办理不动产证等候时间过长", "反映社保卡补办进度慢", "咨询公积金提取材料未被一次性告知",
	"反映窗口工作人员态度生硬", "反映市场监管窗口要求重复提交材料", "反映税务窗口周末无法办理",
)  # fmt: skip
ENTERPRISE_WINDOWS = ("税务窗口", "市场监管窗口")


class EventMaker:
	def __init__(self, rng, today: date, now: datetime, stamps, calendar):
		self.rng = rng
		self.today = today
		self.now = now
		self.stamps = stamps
		self.calendar = calendar
		self.count = 0
		self.refs = 0

	def at(self, day: date, start: int = 8, end: int = 20) -> datetime:
		return datetime.combine(day, time(self.rng.randrange(start, end), self.rng.randrange(60)))

	def add(
		self, event_type: str, customer: cust.Customer, occurred: datetime, hours: float | None, **fields
	) -> str | None:
		"""Insert one event; `hours` until completion (None: still open). Skips the future."""
		if occurred > self.now:
			return None
		completed = occurred + timedelta(hours=hours) if hours is not None else None
		if completed and completed > self.now:
			completed = None
		doc = frappe.get_doc(
			{
				"doctype": "Service Event",
				"event_type": event_type,
				"customer": customer.name,
				"service_unit": fields.pop("unit", customer.unit),
				"occurred_on": occurred,
				"completed_on": completed,
				"status": "Completed" if completed else "Open",
				**fields,
			}
		)
		doc.flags.notify_update = False  # nobody has the form open
		doc.insert(ignore_permissions=True)
		owner = fields.get("handler") or "Administrator"
		if fields.get("source_system") == "一网通办":
			owner = org.email("jiekou")
		self.stamps.set(
			"Service Event",
			doc.name,
			creation=occurred,
			modified=completed or occurred,
			owner=owner,
			modified_by=owner,
		)
		customer.events.append(doc.name)
		self.count += 1
		return doc.name

	def ref(self, prefix: str, day: date) -> str:
		self.refs += 1
		return f"{prefix}{day:%Y%m%d}{self.refs:05d}"


def days(start: date, end: date):
	day = start
	while day <= end:
		yield day
		day += timedelta(days=1)


def estate_events(maker: EventMaker, customers: dict, start: date) -> None:
	rng = maker.rng
	for unit, rate in ((org.CUIHU, 0.55), (org.BINJIANG, 0.45)):
		owners = [c for c in customers[unit] if c.kind == "Individual"]
		with_car = owners[::3]
		for day in days(start, maker.today):
			for _i in range(sum(rng.random() < rate / 2 for _j in range(2)) + int(rng.random() < rate / 3)):
				owner = rng.choice(owners)
				issue, fix = rng.choice(REPAIRS)
				online = rng.random() < 0.6  # reported through the estate's app
				maker.add(
					"日常报修", owner, maker.at(day), rng.choice((2, 3, 5, 8, 20, 26, 44)),
					subject=f"{owner.room} {issue}", handler=org.email(rng.choice(("zhengwei", "zhengwei", "wugang"))),
					priority="P2" if "漏" in issue and rng.random() < 0.5 else None,
					description=f"业主来电报修：{issue}。处理：{fix}。",
					source_system="智慧物业平台" if online else None,
					external_ref=maker.ref("BX", day) if online else None,
				)  # fmt: skip
			if rng.random() < 0.22:
				owner = rng.choice(owners)
				service, price = rng.choice(PAID)
				maker.add(
					"有偿服务", owner, maker.at(day, 9, 17), rng.choice((3, 4, 6, 24)),
					subject=f"{owner.room} {service}", handler=org.email("zhengwei"), amount=price,
					sold_by=owner.account_manager if rng.random() < 0.3 else None,
					priority=rng.choices(("P2", "P3", "P4"), weights=(20, 60, 20))[0],
				)  # fmt: skip
			if rng.random() < 0.1:
				owner = rng.choice(with_car)
				service, price = rng.choice(CAR_WASH)
				maker.add(
					"洗车服务", owner, maker.at(day, 8, 19), 1, subject=f"{service}（地下车库）",
					handler=org.email("qinyong"), amount=price,
				)  # fmt: skip
			if rng.random() < 0.07:
				owner = rng.choice(owners)
				occurred = maker.at(day, 9, 17)
				maker.add(
					"智能门锁安装", owner, occurred, 3, subject=f"{owner.room} 智能门锁安装",
					handler=org.email("zhengwei"), sold_by=owner.account_manager, amount=rng.randrange(19, 33) * 100 - 1,
					expiry_date=(occurred + timedelta(days=365)).date(),
				)  # fmt: skip
		# one owner reports the same leak three times (R-54: the same repair three times)
		unlucky = owners[7]
		for offset in (100, 64, 21):
			day = maker.today - timedelta(days=offset)
			maker.add(
				"日常报修", unlucky, maker.at(day), 6, subject=f"{unlucky.room} {REPEAT_REPAIR[0]}",
				handler=org.email("zhengwei"), description=f"业主来电报修：{REPEAT_REPAIR[0]}。处理：{REPEAT_REPAIR[1]}。",
			)  # fmt: skip
	for i, title in enumerate(MAJOR_REPAIRS):
		unit = (org.CUIHU, org.BINJIANG)[i % 2]
		reporter = rng.choice([c for c in customers[unit] if c.kind == "Individual"])
		day = start + timedelta(days=8 + i * 14 + rng.randrange(5))
		maker.add(
			"重大维修", reporter, maker.at(day, 7, 22), rng.choice((4, 6, 10)), subject=title,
			handler=org.email("wugang"), priority="P1", description=f"{title}，工程部连夜组织抢修。",
		)  # fmt: skip
	for i, title in enumerate(WORKS):
		unit = (org.CUIHU, org.BINJIANG)[i % 2]
		reporter = rng.choice([c for c in customers[unit] if c.kind == "Individual"])
		day = start + timedelta(days=5 + i * 16)
		maker.add(
			"维修工程", reporter, maker.at(day, 9, 12), 24 * rng.randrange(5, 12), subject=title,
			handler=org.email("wugang"), amount=rng.randrange(3, 40) * 10000, description=f"{title}（业主代表联系人）。",
		)  # fmt: skip


def new_owner_events(maker: EventMaker, factory: cust.CustomerFactory, customers: dict, start: date) -> None:
	"""滨江花园二期 owners sign their property service contract and move in (R-31 contract steps)."""
	rooms: set = set()
	span = (maker.today - start).days
	for i in range(cust.NEW_OWNERS):
		signed = maker.at(start + timedelta(days=int(span * (i + 0.5) / cust.NEW_OWNERS)), 9, 17)
		values = cust.new_owner(factory, signed.date(), rooms)
		owner = factory.insert(values, signed, org.email("lixiaomei"))
		customers[org.BINJIANG].append(owner)
		maker.add(
			"物业服务合同签约", owner, signed, 1, subject=f"{owner.room} 签订物业服务合同",
			handler=owner.account_manager, description="二期新业主签约并办理入伙手续。",
		)  # fmt: skip


def window_events(maker: EventMaker, customers: dict, start: date) -> None:
	rng = maker.rng
	citizens = [c for c in customers[org.CENTRE] if c.kind == "Individual"]
	firms = [c for c in customers[org.CENTRE] if c.kind == "Enterprise"]
	regulars = citizens[:25]  # people who come back now and then
	for day in days(start, maker.today):
		if not maker.calendar.is_working_day(day):
			continue
		for window, items in WINDOW_ITEMS.items():
			for _i in range(sum(rng.random() < 0.22 for _j in range(2))):
				if window in ENTERPRISE_WINDOWS and rng.random() < 0.6:
					customer = rng.choice(firms)
				else:
					customer = rng.choice(regulars if rng.random() < 0.3 else citizens)
				maker.add(
					WINDOW_TYPES[window], customer, maker.at(day, 9, 17),
					rng.choice((0.5, 1, 2)) if window != "不动产登记窗口" else rng.choice((2, 26, 50, 74)),
					unit=window, subject=rng.choice(items), handler=org.email(org.WINDOW_CLERK[window]),
					source_system="一网通办", external_ref=maker.ref("YWTB", day),
				)  # fmt: skip
		if rng.random() < 0.2:
			window = rng.choice(org.WINDOWS)
			maker.add(
				"12345热线工单办结", rng.choice(citizens), maker.at(day, 9, 17), 24 * rng.randrange(2, 6),
				unit=window, subject=rng.choice(HOTLINE), handler=org.email(org.WINDOW_CLERK[window]),
				source_system="12345热线", external_ref=maker.ref("GD", day),
			)  # fmt: skip


def lapse_enterprises(rng, customers: dict, today: date) -> None:
	"""Enterprises that have not come for a while: the lost-customer plan (R-31) finds them."""
	for firm in customers[org.CENTRE]:
		if firm.kind == "Enterprise" and not firm.events:
			frappe.db.set_value(
				"Customer Archive",
				firm.name,
				"last_visit_on",
				today - timedelta(days=rng.randrange(150, 240)),
				update_modified=False,
			)
