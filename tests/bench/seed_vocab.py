"""Word lists for the data generator (tests/bench/seed.py): Chinese names, places, units,
service types, callback comments and complaint issues. Plain data, no logic."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = (
	"伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕丹玉兰萍红鹏飞浩然子涵欣怡梓轩雨桐"
	"一诺宇航思远晨曦佳怡俊杰婷婷文博嘉怡雅琪浩宇梓萱欣妍子墨若汐奕辰一鸣国庆春梅秋菊冬梅玉珍德华志刚建军桂芳淑珍"
)
COMPANY_WORDS = (
	"华兴",
	"恒泰",
	"鼎盛",
	"安达",
	"瑞丰",
	"中建",
	"宏图",
	"新元",
	"金桥",
	"永信",
	"博远",
	"嘉禾",
	"润通",
	"天合",
)
COMPANY_KINDS = ("科技", "贸易", "建设", "物流", "餐饮", "医药", "电子", "文化传媒", "机械", "食品")
CITIES = (
	"北京",
	"上海",
	"广州",
	"深圳",
	"杭州",
	"南京",
	"成都",
	"武汉",
	"西安",
	"苏州",
	"天津",
	"重庆",
	"长沙",
	"郑州",
)
DISTRICTS = (
	"朝阳区",
	"海淀区",
	"浦东新区",
	"天河区",
	"南山区",
	"西湖区",
	"鼓楼区",
	"武侯区",
	"江汉区",
	"雁塔区",
)
STREETS = ("建设路", "人民路", "解放路", "中山路", "长江路", "和平路", "新华路", "光明街", "文化路", "青年路")
EMPLOYERS = (
	"市第一医院",
	"区教育局",
	"华兴科技有限公司",
	"市政工程公司",
	"个体经营",
	"退休",
	"中学",
	"银行支行",
	"物流公司",
)
VEHICLES = ("京A·12345 大众朗逸", "沪B·6K789 丰田凯美瑞", "粤B·D8866 比亚迪汉", "浙A·3L520 本田雅阁", "")
FAMILY = ("夫妻二人", "三口之家", "与父母同住", "独居", "四口之家，两个孩子", "老两口，子女在外地")
SPECIAL_OWNER = ("Elderly Living Alone", "Retired Without Children Nearby", "Military Family", "Other")
QUALITY_REASON = ("Bought Twice", "Referred Others", "Suggestion Adopted")
RELATIONS = ("Self", "Spouse", "Father", "Mother", "Son", "Daughter", "Other Relative", "Tenant")

# department kinds: what a department does decides its units, service types and questions
GOV, PROPERTY, INSURANCE, AUTO = "gov", "property", "insurance", "auto"
KINDS = (GOV, PROPERTY, INSURANCE, AUTO)
DEPARTMENT_NAMES = {
	GOV: "政务服务中心",
	PROPERTY: "物业服务部",
	INSURANCE: "保险客户服务部",
	AUTO: "汽车售后服务部",
}
LEAF_TYPE = {GOV: "Window", PROPERTY: "Project", INSURANCE: "Window", AUTO: "Project"}
LEAF_NAMES = {
	GOV: (
		"不动产登记",
		"社保医保",
		"公积金",
		"企业开办",
		"户籍办理",
		"税务申报",
		"婚姻登记",
		"出入境",
		"民政救助",
	),
	PROPERTY: (
		"翠湖花园",
		"滨江壹号",
		"锦绣华庭",
		"金色家园",
		"阳光城",
		"御景湾",
		"紫荆苑",
		"书香门第",
		"凤凰城",
	),
	INSURANCE: CITIES,
	AUTO: CITIES,
}

# (event type name, category, default priority, is_major, requires_policyholder, plan type,
#  callback window in days, weight within its kind)
EVENT_TYPES = {
	GOV: (("窗口办件", "Window Application", "P3", 0, 0, "Sampling", 3, 1.0),),
	PROPERTY: (
		("日常报修", "Repair Order", "P3", 0, 0, "Repair", 2, 0.6),
		("重大维修", "Repair Order", "P1", 1, 0, "Repair", 1, 0.08),
		("有偿服务", "Paid Service", "P3", 0, 0, "Special Topic", 3, 0.2),
		("收楼验收", "Handover", "P2", 0, 0, "New Contract", 7, 0.12),
	),
	INSURANCE: (
		("新契约保单", "Insurance Policy", "P2", 0, 1, "New Contract", 7, 0.6),
		("理赔结案", "Insurance Claim", "P2", 0, 1, "After-sales", 3, 0.4),
	),
	AUTO: (
		("维修保养", "Car Service", "P3", 0, 0, "After-sales", 1, 0.7),
		("购车签约", "Contract Signing", "P2", 0, 0, "New Contract", 7, 0.15),
		("销售咨询", "Sales Inquiry", "P4", 0, 0, "Routine", 7, 0.15),
	),
}

# survey template per kind: (template name, scoring scheme, [(question, type, dimension, weight, verification)])
TEMPLATES = {
	GOV: (
		"政务窗口服务评价",
		"Average",
		(
			("工作人员服务态度如何？", "Rating 1-5", "服务态度", 1, 0),
			("办事效率如何？", "Rating 1-5", "办事效率", 1, 0),
			("是否按规定程序办理？", "Three Grades", "按程序办事", 1, 0),
			("是否有厅外办理现象？", "Yes/No", "无厅外办理", 1, 1),
			("是否存在吃拿卡要？", "Three Grades", "廉洁自律", 1, 0),
			("您的意见和建议", "Free Text", "意见建议", 0, 0),
		),
	),
	PROPERTY: (
		"物业报修回访",
		"Weighted Sum",
		(
			("维修人员是否按约定时间上门？", "Yes/No", "响应及时", 1, 1),
			("维修质量是否满意？", "Rating 1-5", "维修质量", 2, 0),
			("维修人员服务态度如何？", "Rating 1-5", "服务态度", 1, 0),
			("现场是否清理干净？", "Three Grades", "现场清洁", 1, 0),
		),
	),
	INSURANCE: (
		"保险新契约回访",
		"Average",
		(
			("投保单是否为您本人签名？", "Yes/No", "本人签名", 1, 1),
			("是否了解犹豫期及退保规定？", "Yes/No", "犹豫期告知", 1, 1),
			("业务员讲解是否清楚？", "Rating 1-5", "讲解清楚", 1, 0),
		),
	),
	AUTO: (
		"汽车售后回访",
		"Average",
		(
			("维修保养质量是否满意？", "Rating 1-5", "维修质量", 1, 0),
			("交车是否准时？", "Three Grades", "交车准时", 1, 0),
			("服务顾问态度如何？", "Rating 1-5", "服务态度", 1, 0),
		),
	),
}

COMMENTS = {
	5: ("非常满意，工作人员很热情", "服务很好，谢谢", "办得又快又好", "很专业，点赞", ""),
	4: ("挺好的", "总体满意", "服务不错", "比以前快多了", ""),
	3: ("还行吧", "一般，等的时间有点长", "基本解决了问题", "希望再快一点"),
	2: ("不太满意，问题没有彻底解决", "等了很久才有人处理", "态度一般", "来回跑了好几趟"),
	1: ("非常不满意", "问题至今没解决", "工作人员推诿", "要投诉"),
}
PROBLEMS = (
	"维修后仍然漏水",
	"办理时间超过承诺时限",
	"工作人员态度生硬",
	"收费标准不清楚",
	"多次上门未解决",
	"资料被要求重复提交",
)
PROMISES = ("三日内安排复查", "本周内给予答复", "已转责任部门整改", "安排主管上门致歉")
SUGGESTIONS = ("希望增加周末办理时间", "停车位太少", "希望能网上预约", "等候区座位不够", "")

# complaint categories and their recurring issues (issue_key groups repeats, R-54)
COMPLAINT_ISSUES = {
	GOV: {
		"Service Attitude": ("窗口人员态度生硬", "咨询时不耐烦"),
		"Efficiency": ("排队时间过长", "超时未办结"),
		"Procedure Violation": ("要求提交规定外材料", "未一次性告知"),
		"Handling Outside Hall": ("引导到厅外代办",),
		"Integrity": ("暗示收取好处费",),
	},
	PROPERTY: {
		"Engineering Quality": ("外墙渗水", "地下室漏水", "电梯频繁故障", "墙面开裂"),
		"Property Management": ("小区卫生差", "停车管理混乱", "夜间噪音", "绿化无人养护"),
		"Customer Service": ("报修无人响应", "投诉无回复"),
	},
	INSURANCE: {
		"Sales": ("销售误导", "未告知免责条款"),
		"Customer Service": ("理赔进度慢", "热线难打通"),
		"Other": ("保单信息错误",),
	},
	AUTO: {
		"Sales": ("加价提车", "赠品未兑现"),
		"Engineering Quality": ("保养后异响", "同一故障多次维修"),
		"Customer Service": ("交车延误", "费用解释不清"),
	},
}
COMPLAINT_CHANNELS = (
	"Phone",
	"Hotline",
	"Walk-in",
	"Letter",
	"Email",
	"Website",
	"WeChat",
	"During Callback",
)
ROOT_CAUSES = ("人员培训不到位", "流程衔接不畅", "材料质量问题", "施工工艺不规范", "人手不足")
ACTIONS = ("已对责任人进行批评教育", "已返工修复", "已优化办理流程", "已增加人手", "已向客户解释并致歉")
PREVENTIONS = ("每月开展服务培训", "增加巡检频次", "纳入绩效考核", "建立回访复核机制")
