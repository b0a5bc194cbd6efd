"""A few hundred Customer Archives (R-10, R-11): owners and shops of the two estates, citizens
and enterprises served by the government centre, with contacts, preferences and tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import frappe

from huifang.demo import organisation as org
from huifang.demo import people

ESTATES = {
	# unit: (address, buildings, floors, individuals, shops, handover from, handover to, account managers)
	org.CUIHU: ("重庆市江北区观音桥街道建新北路168号锦华·翠湖苑", 12, 32, 114, 6, date(2019, 5, 1), date(2020, 12, 31), ("zhangting", "liuyang")),
	org.BINJIANG: ("重庆市江北区江北城街道北滨一路66号锦华·滨江花园", 18, 26, 76, 4, date(2021, 3, 1), date(2022, 6, 30), ("wangfang", "huangli")),
}  # fmt: skip
NEW_OWNERS = 20  # 滨江花园二期: signing and moving in during the demo months
GOV_INDIVIDUALS = 85
GOV_ENTERPRISES = 25
# customers with a portal login: (unit, name, gender, e-mail local part)
PORTAL = ((org.CUIHU, "王建华", "Male", "wangjianhua"), (org.CENTRE, "李秀英", "Female", "lixiuying"))

EMPLOYERS = (
	"重庆市第十八中学", "江北区人民医院", "重庆轨道交通集团", "长安汽车股份有限公司", "重庆银行江北支行",
	"个体经营", "江北区观音桥街道办事处", "重庆海尔电器有限公司", "自由职业", "重庆大学",
	"国网重庆市电力公司", "中国移动重庆公司", "重庆百货大楼股份有限公司",
)  # fmt: skip
FAMILIES = (
	"三口之家", "夫妻二人", "四口之家，与父母同住", "三代同堂", "夫妻二人，子女在外地工作",
	"单身，独自居住", "二孩家庭", "夫妻二人带一名幼儿",
)  # fmt: skip
SPECIAL = (
	("Elderly Living Alone", "独居老人", "独自居住，子女定期探望"),
	("Retired Without Children Nearby", "退休老人，子女不在身边", "夫妻二人退休，子女在外地工作"),
	("Military Family", "军属家庭", "军属家庭，配偶在部队服役"),
)
NOTES = (
	"午休时间（12:00-14:00）请勿来电。", "业主为退休教师，沟通耐心细致。", "听力不好，回访请放慢语速。",
	"工作日白天上班，晚上方便接听。", "曾参与业主议事会，意见较多但很配合。", "习惯微信沟通。",
)  # fmt: skip
DO_NOT_CALL = ("客户明确要求不接受电话回访，可短信或上门。", "客户从事特殊工作，工作时间不便接听电话。")
TIME_WINDOWS = ((None, None), ("09:00:00", "12:00:00"), ("14:00:00", "18:00:00"), ("18:30:00", "21:00:00"))
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass
class Customer:
	name: str
	customer_name: str
	unit: str
	kind: str
	do_not_call: int = 0
	special: int = 0
	account_manager: str | None = None
	phone: str = ""
	room: str | None = None
	window: tuple[time, time] | None = None
	events: list = field(default_factory=list)


def credit_code(rng) -> str:
	"""A unified social credit code (统一社会信用代码) with a valid GB 32100 check character."""
	body = "91500105" + "".join(rng.choice(USCC_CHARS) for _i in range(9))
	total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
	return body + USCC_CHARS[(31 - total % 31) % 31]


class CustomerFactory:
	def __init__(self, rng, names: people.NameBook, phones: people.PhoneBook, today: date, stamps):
		self.rng = rng
		self.names = names
		self.phones = phones
		self.today = today
		self.stamps = stamps
		self.counter = 0

	def when(self, low: date, high: date) -> datetime:
		days = max((high - low).days, 0)
		day = low + timedelta(days=self.rng.randrange(days + 1))
		return datetime.combine(day, time(9 + self.rng.randrange(8), self.rng.randrange(60)))

	def handle(self) -> str:
		self.counter += 1
		return f"kehu{self.counter:04d}"

	def preferences(self, elderly: bool) -> dict:
		rng = self.rng
		window = rng.choices(TIME_WINDOWS, weights=(40, 20, 20, 20))[0]
		method = (
			"Visit"
			if elderly and rng.random() < 0.5
			else rng.choices(("Phone", "Online", "Email"), weights=(84, 11, 5))[0]
		)
		values = {
			"preferred_method": method,
			"preferred_time_from": window[0],
			"preferred_time_to": window[1],
		}
		if rng.random() < 0.04:
			values.update(do_not_call=1, do_not_call_reason=rng.choice(DO_NOT_CALL))
		if method == "Email":
			values["email_id"] = f"{self.handle()}@example.com"
		return values

	def individual(self, unit: str, address: str, district: str, room: str | None, **extra) -> dict:
		rng = self.rng
		fixed = extra.pop("fixed", None)
		special = extra.pop("special", None)
		if fixed:
			name, gender = fixed
		else:
			name, gender = self.names.person()
		elderly = bool(special and special[0] != "Military Family")
		born = (
			people.birthday(rng, self.today, 68, 88) if elderly else people.birthday(rng, self.today, 24, 75)
		)
		phone = self.phones.mobile()
		contacts = [{"contact_name": name, "relation": "Self", "phone": phone, "is_primary": 1}]
		if rng.random() < 0.6 or elderly:
			relation = (
				rng.choice(("Son", "Daughter"))
				if elderly
				else rng.choice(("Spouse", "Spouse", "Son", "Daughter"))
			)
			rel_gender = {"Son": "Male", "Daughter": "Female"}.get(
				relation, "Female" if gender == "Male" else "Male"
			)
			contacts.append(
				{
					"contact_name": self.names.relative(
						name[0] if relation != "Spouse" else rng.choice(people.SURNAMES[:40]), rel_gender
					),
					"relation": relation,
					"phone": self.phones.mobile(),
					"note": "在外地工作" if elderly else None,
				}
			)
		values = {
			"customer_name": name,
			"customer_type": "Individual",
			"gender": gender,
			"birthday": born,
			"service_unit": unit,
			"room_no": room,
			"contacts": contacts,
			"id_number": people.id_number(rng, born, gender) if rng.random() < 0.95 else None,
			"address": f"{address}{room or ''}",
			"district": district,
			"employer": "退休" if born.year < self.today.year - 62 else rng.choice(EMPLOYERS),
			"family_structure": special[2] if special else rng.choice(FAMILIES),
			"income": rng.randrange(8, 60) * 10000 if rng.random() < 0.2 else None,
			"vehicle": people.plate(rng) if rng.random() < 0.35 else None,
			"is_confidential": int(rng.random() < 0.03),
			"notes": rng.choice(NOTES) if rng.random() < 0.15 else None,
			**self.preferences(elderly),
			**extra,
		}
		if special:
			values.update(is_special_owner=1, special_owner_category=special[0])
		return values

	def enterprise(self, unit: str, address: str, room: str | None, **extra) -> dict:
		rng = self.rng
		name = self.names.company()
		legal, g1 = self.names.person()
		clerk, _g2 = self.names.person()
		return {
			"customer_name": name,
			"customer_type": "Enterprise",
			"service_unit": unit,
			"room_no": room,
			"id_number": credit_code(rng),
			"address": f"{address}{room or ''}",
			"district": "江北区",
			"contacts": [
				{
					"contact_name": legal,
					"relation": "Other",
					"phone": self.phones.mobile(),
					"is_primary": 1,
					"note": "法定代表人",
				},
				{
					"contact_name": clerk,
					"relation": "Colleague",
					"phone": self.phones.mobile(),
					"note": "经办人",
				},
			],
			"preferred_method": "Phone",
			"preferred_time_from": "09:30:00",
			"preferred_time_to": "17:30:00",
			**extra,
		}

	def insert(self, values: dict, created: datetime, owner: str) -> Customer:
		doc = frappe.get_doc({"doctype": "Customer Archive", **values})
		doc.flags.notify_update = False  # nobody has the form open
		doc.insert(ignore_permissions=True)
		self.stamps.set(
			"Customer Archive", doc.name, creation=created, modified=created, owner=owner, modified_by=owner
		)
		window = None
		if doc.preferred_time_from and doc.preferred_time_to:
			window = (
				frappe.utils.get_time(doc.preferred_time_from),
				frappe.utils.get_time(doc.preferred_time_to),
			)
		return Customer(
			name=doc.name,
			customer_name=doc.customer_name,
			unit=doc.service_unit,
			kind=doc.customer_type,
			do_not_call=doc.do_not_call,
			special=doc.is_special_owner,
			account_manager=doc.account_manager,
			phone=doc.primary_phone,
			room=doc.room_no,
			window=window,
		)


def quality_tag(rng, reasons) -> dict:
	if rng.random() < 0.08:
		return {"is_quality_customer": 1, "quality_reason": rng.choice(reasons)}
	return {}


def make_customers(factory: CustomerFactory, horizon: date) -> dict[str, list[Customer]]:
	"""unit -> customers. `horizon` is the first day of the demo's history: archives are older."""
	rng = factory.rng
	result: dict[str, list[Customer]] = {}
	portal = {unit: (name, gender) for unit, name, gender, _key in PORTAL}
	for unit, (address, buildings, floors, count, shops, first, last, managers) in ESTATES.items():
		rooms = set()
		customers = result.setdefault(unit, [])
		for i in range(count):
			room = people.room(rng, buildings, floors)
			while room in rooms:
				room = people.room(rng, buildings, floors)
			rooms.add(room)
			handover = first + timedelta(days=rng.randrange((last - first).days))
			special = SPECIAL[rng.randrange(len(SPECIAL))] if rng.random() < 0.08 else None
			values = factory.individual(
				unit, address, "江北区", room,
				fixed=portal.pop(unit, None) if i == 0 else None,
				special=special,
				account_manager=org.email(managers[i % len(managers)]),
				contract_signed_on=handover - timedelta(days=rng.randrange(20, 200)),
				handover_date=handover,
				**quality_tag(rng, ("Bought Twice", "Referred Others", "Suggestion Adopted")),
			)  # fmt: skip
			created = factory.when(handover, min(handover + timedelta(days=30), horizon))
			customers.append(factory.insert(values, created, org.email("lixiaomei")))
		for i in range(shops):
			signed = first + timedelta(days=rng.randrange((last - first).days + 400))
			values = factory.enterprise(
				unit, address, f"{i + 1}栋{rng.randrange(1, 3)}0{rng.randrange(1, 9)}商铺",
				account_manager=org.email(managers[i % len(managers)]),
				contract_signed_on=min(signed, horizon - timedelta(days=60)),
			)  # fmt: skip
			customers.append(
				factory.insert(
					values, datetime.combine(min(signed, horizon), time(10)), org.email("lixiaomei")
				)
			)
	gov = result.setdefault(org.CENTRE, [])
	for i in range(GOV_INDIVIDUALS):
		address, district = people.street_address(rng)
		values = factory.individual(
			org.CENTRE, address, district, None,
			fixed=portal.pop(org.CENTRE, None) if i == 0 else None,
			**quality_tag(rng, ("Suggestion Adopted",)),
		)  # fmt: skip
		created = factory.when(horizon - timedelta(days=700), horizon)
		gov.append(factory.insert(values, created, org.email("gaojie")))
	for _i in range(GOV_ENTERPRISES):
		address, _district = people.street_address(rng)
		values = factory.enterprise(org.CENTRE, address, None, account_manager=org.email("liangshuang"))
		created = factory.when(horizon - timedelta(days=900), horizon)
		gov.append(factory.insert(values, created, org.email("gaojie")))
	return result


def new_owner(factory: CustomerFactory, signed: date, rooms: set) -> dict:
	"""An owner of 滨江花园二期 who signs during the demo months (archive opened at signing)."""
	address = ESTATES[org.BINJIANG][0]
	room = people.room(factory.rng, 6, 30, 2, prefix="二期")
	while room in rooms:
		room = people.room(factory.rng, 6, 30, 2, prefix="二期")
	rooms.add(room)
	return factory.individual(
		org.BINJIANG, address, "江北区", room,
		account_manager=org.email(factory.rng.choice(ESTATES[org.BINJIANG][7])),
		contract_signed_on=signed,
		handover_date=signed + timedelta(days=factory.rng.randrange(0, 8)),
	)  # fmt: skip


def make_portal_users(customers: dict[str, list[Customer]]) -> list[str]:
	"""Portal logins (role Customer) for the customers listed in PORTAL (R-62)."""
	users = []
	for unit, name, _gender, key in PORTAL:
		match = next((c for c in customers.get(unit, []) if c.customer_name == name), None)
		if not match:
			continue
		user = org.make_user(key, name, (org.CUSTOMER,), user_type="Website User")
		frappe.db.set_value(
			"Customer Archive", match.name, {"user": user, "email_id": user}, update_modified=False
		)
		users.append(user)
	return users
