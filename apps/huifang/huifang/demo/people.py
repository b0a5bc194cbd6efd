"""Believable Chinese personal data for demo customers, from a seeded random.Random.

Pure functions (no Frappe): names, mobile numbers, resident ID numbers with a valid GB 11643
check digit, addresses in Chongqing's Jiangbei district, rooms, plates and company names.
Everything is invented; nothing is looked up or copied from real people.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

# common surnames, most frequent first (weights roughly follow their frequency)
SURNAMES = (
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
	"姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
MALE_CHARS = "伟刚勇毅俊峰强军平东文辉力明永健广志义兴良海山波宁贵福生龙元国胜学祥才发武新利清飞彬富顺信杰涛昌成康星光天达安岩中茂进林坚和博诚敬震振壮思群豪邦承乐功松善庆磊民友裕哲江超浩亮政谦奇翰朗宏鸣鹏斌梁栋维启克伦翔旭泽晨辰建家致树德泰盛雄琛钧冠策腾楠风航弘"
FEMALE_CHARS = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红玲芬芳燕彩春菊兰凤洁梅琳素云莲真雪荣爱霞香月媛艳瑞佳嘉琼勤珍莉桂璐娅琦晶妍茜秋珊莎锦青倩婷婉娴瑾颖露瑶怡蓓仪荷丹蓉君琴蕊薇菁梦岚苑婕馨韵卿澜纯悦昭冰爽琬茗羽欣滢筠柔凝晓欢芸菲寒伊亚宜可舒丽阳妮晴睿雯萱彦雨曼紫逸蝶"

MOBILE_PREFIXES = (
	"130", "131", "132", "133", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159",
	"180", "181", "182", "183", "185", "186", "187", "188", "189",
)  # fmt: skip

# birthplace codes of resident ID numbers (administrative division codes)
BIRTHPLACES = (
	("500105", 30),  # 重庆市江北区
	("500112", 12),  # 重庆市渝北区
	("500103", 8),  # 重庆市渝中区
	("500106", 6),  # 重庆市沙坪坝区
	("500108", 5),  # 重庆市南岸区
	("500101", 4),  # 重庆市万州区
	("500230", 3),  # 重庆市丰都县
	("510104", 3),  # 四川省成都市锦江区
	("510703", 2),  # 四川省绵阳市涪城区
	("520102", 2),  # 贵州省贵阳市南明区
	("430104", 2),  # 湖南省长沙市岳麓区
	("420106", 2),  # 湖北省武汉市武昌区
)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

STREETS = (
	("观音桥街道", ("建新北路", "建新东路", "北城天街", "洋河一路", "松石大道")),
	("华新街街道", ("华新街", "北滨一路", "红旗河沟")),
	("五里店街道", ("五里店路", "江北城西大街", "塔坪路")),
	("大石坝街道", ("大石坝一村", "石门大桥路", "嘉陵一村")),
	("石马河街道", ("石马河路", "南桥寺", "北城大道")),
	("寸滩街道", ("港城路", "寸滩正街", "海尔路")),
	("江北城街道", ("江北城大街", "文星门街", "汇川门路")),
	("郭家沱街道", ("郭家沱正街", "望江路")),
)
OTHER_DISTRICTS = ("渝北区", "渝中区", "沙坪坝区", "南岸区", "九龙坡区")

COMPANY_HEADS = ("重庆", "重庆江北", "重庆市")
COMPANY_WORDS = (
	"宏远", "鑫达", "华瑞", "德信", "恒通", "博雅", "锦程", "嘉禾", "盛世", "永兴", "天诚", "润泽",
	"汇丰源", "金桥", "蓝海", "凯瑞", "联创", "新城", "长江", "北滨", "鼎盛", "合众", "友邦", "明达",
)  # fmt: skip
COMPANY_TRADES = (
	"商贸", "科技", "餐饮管理", "建筑工程", "物流", "文化传媒", "医疗器械", "装饰设计", "电子商务",
	"教育咨询", "汽车服务", "食品", "房地产经纪", "广告",
)  # fmt: skip
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CAR_MODELS = (
	"大众朗逸", "丰田卡罗拉", "本田雅阁", "比亚迪秦PLUS", "长安CS75", "吉利星越", "特斯拉Model 3",
	"比亚迪宋PLUS", "日产轩逸", "别克英朗", "理想L6", "问界M7", "长安UNI-K", "奥迪A4L",
)  # fmt: skip


class NameBook:
	"""Hands out Chinese names, never the same full name twice."""

	def __init__(self, rng: random.Random, taken=()):
		self.rng = rng
		self.used = set(taken)
		self._weights = [max(1, 60 - i) for i in range(len(SURNAMES))]

	def person(self, gender: str | None = None) -> tuple[str, str]:
		"""(name, "Male"/"Female")."""
		gender = gender or self.rng.choice(("Male", "Female"))
		chars = MALE_CHARS if gender == "Male" else FEMALE_CHARS
		for _i in range(200):
			surname = self.rng.choices(SURNAMES, weights=self._weights)[0]
			given = "".join(self.rng.choice(chars) for _j in range(self.rng.choice((1, 2, 2, 2))))
			name = surname + given
			if name not in self.used:
				self.used.add(name)
				return name, gender
		raise RuntimeError("name pool exhausted")

	def relative(self, surname: str, gender: str) -> str:
		"""A family member who shares the surname (children) or not (spouse)."""
		chars = MALE_CHARS if gender == "Male" else FEMALE_CHARS
		return surname + "".join(self.rng.choice(chars) for _j in range(2))

	def company(self, suffix: str = "有限公司") -> str:
		for _i in range(200):
			name = (
				self.rng.choice(COMPANY_HEADS)
				+ self.rng.choice(COMPANY_WORDS)
				+ self.rng.choice(COMPANY_TRADES)
				+ suffix
			)
			if name not in self.used:
				self.used.add(name)
				return name
		raise RuntimeError("company name pool exhausted")


class PhoneBook:
	"""Unique mainland mobile numbers (13x / 15x / 18x)."""

	def __init__(self, rng: random.Random):
		self.rng = rng
		self.used: set[str] = set()

	def mobile(self) -> str:
		while True:
			number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
			if number not in self.used:
				self.used.add(number)
				return number


def id_check_digit(first17: str) -> str:
	"""GB 11643-1999 check character of an 18-character resident ID number."""
	total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
	return ID_CHECK[total % 11]


def is_valid_id(number: str) -> bool:
	return len(number) == 18 and number[:17].isdigit() and id_check_digit(number[:17]) == number[17].upper()


def id_number(rng: random.Random, birthday: date, gender: str) -> str:
	"""A resident ID number: birthplace, birthday, sequence (odd for men), check digit."""
	place = rng.choices([p for p, _w in BIRTHPLACES], weights=[w for _p, w in BIRTHPLACES])[0]
	sequence = rng.randrange(0, 50) * 2 + rng.randrange(0, 10) * 100
	sequence += 1 if gender == "Male" else 0
	first17 = f"{place}{birthday:%Y%m%d}{sequence % 1000:03d}"
	return first17 + id_check_digit(first17)


def birthday(rng: random.Random, today: date, min_age: int, max_age: int) -> date:
	age_days = rng.randrange(min_age * 365, max_age * 365)
	return today - timedelta(days=age_days)


def street_address(rng: random.Random) -> tuple[str, str]:
	"""(address, district) somewhere in Jiangbei district, or now and then elsewhere in the city."""
	if rng.random() < 0.15:
		district = rng.choice(OTHER_DISTRICTS)
		road = rng.choice(("金开大道", "龙湖路", "解放碑民族路", "三峡广场", "南坪西路", "杨家坪正街"))
		return (
			f"重庆市{district}{road}{rng.randrange(1, 300)}号{rng.randrange(1, 30)}-{rng.randrange(1, 6)}",
			district,
		)
	area, roads = rng.choice(STREETS)
	return (
		f"重庆市江北区{area}{rng.choice(roads)}{rng.randrange(1, 200)}号{rng.randrange(1, 25)}-{rng.randrange(1, 5)}",
		"江北区",
	)


def room(rng: random.Random, buildings: int, floors: int, units: int = 3, prefix: str = "") -> str:
	"""A flat such as 3栋2单元1201."""
	floor = rng.randrange(2, floors + 1)
	return f"{prefix}{rng.randrange(1, buildings + 1)}栋{rng.randrange(1, units + 1)}单元{floor}{rng.randrange(1, 5):02d}"


def plate(rng: random.Random) -> str:
	tail = "".join(rng.choice("0123456789" + PLATE_LETTERS) for _i in range(4))
	return f"渝{rng.choice('ABCDG')}·{rng.choice('0123456789')}{tail} {rng.choice(CAR_MODELS)}"
