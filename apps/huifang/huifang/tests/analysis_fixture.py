"""A small, hand-computed data set for the analysis reports (R-70..R-72).

Company C with windows U1, U2, U3 and, outside it, company D with window U4. March 2024 is the
analysed month, February 2024 the month before. Every figure the tests assert is worked out in
EXPECTED from the rows below (score = weighted sum x 300 / (5 x rated), thresholds 240 / 210,
evaluator weight 30 %).
"""

import frappe

from huifang.tests.factories import AGENT, make_customer, make_unit, make_user

MONTH = ("2024-03-01", "2024-03-31")
PERIOD = "2024-03"

# (unit, agent, latest_date, status, completed_on)
TASKS = [
	("U1", "a1", "2024-03-06", "Done", "2024-03-05 10:00:00"),
	("U1", "a1", "2024-03-10", "Done", "2024-03-10 23:59:00"),  # last minute of the last day: on time
	("U1", "a1", "2024-03-15", "Done", "2024-03-20 09:00:00"),  # late
	("U1", "a1", "2024-03-20", "Open", None),  # missed
	("U1", "a1", "2024-03-21", "Cancelled", None),  # not planned
	("U1", "a2", "2024-03-12", "Done", "2024-03-11 09:00:00"),
	("U1", "a2", "2024-03-25", "Unreachable", None),  # missed
	("U2", "a3", "2024-03-05", "Done", "2024-03-04 09:00:00"),
	("U2", "a3", "2024-03-29", "Done", "2024-03-28 09:00:00"),
	("U2", "a3", "2024-03-31", "Overdue", None),  # missed
	("U2", "a3", "2024-04-01", "Done", "2024-03-30 09:00:00"),  # due in April
	("U2", "a3", "2024-02-29", "Done", "2024-02-28 09:00:00"),  # due in February
]

# (unit, agent, call_time, overall_score, workflow_state[, {event label, method}])
RECORDS = [
	("U1", "a1", "2024-03-02 09:00:00", 5, "Submitted", {"event": "E1"}),
	("U1", "a1", "2024-03-05 09:00:00", 5, "Reviewed"),
	("U1", "a1", "2024-03-08 09:00:00", 4, "Archived"),
	("U1", "a1", "2024-03-09 09:00:00", 3, "Submitted"),
	("U1", "a1", "2024-03-10 09:00:00", 1, "Draft", {"event": "L1"}),  # not a result yet
	("U1", "a1", "2024-03-11 09:00:00", 1, "Returned"),  # not a result yet
	("U1", "a2", "2024-03-12 09:00:00", 4, "Submitted"),
	("U1", "a2", "2024-03-13 09:00:00", 2, "Submitted"),
	("U2", "a3", "2024-03-01 00:00:00", 5, "Submitted"),
	("U2", "a3", "2024-03-14 09:00:00", 4, "Submitted", {"event": "W1"}),
	("U2", "a3", "2024-03-15 09:00:00", 4, "Submitted", {"event": "W2", "method": "Letter"}),
	("U2", "a3", "2024-03-31 23:30:00", 3, "Submitted"),
	("U2", "a3", "2024-04-01 00:00:00", 1, "Submitted"),  # April
	("U3", "a4", "2024-03-16 09:00:00", 4, "Submitted"),
	("U3", "a4", "2024-03-17 09:00:00", 3, "Submitted"),
	("U4", "a5", "2024-03-16 09:00:00", 3, "Submitted"),
	("U4", "a5", "2024-03-17 09:00:00", 3, "Submitted"),
	("U4", "a5", "2024-03-18 09:00:00", 4, "Submitted"),
	("U4", "a5", "2024-03-19 09:00:00", 2, "Submitted"),
	("U1", "a1", "2024-02-10 09:00:00", 5, "Archived"),  # February
	("U1", "a1", "2024-02-11 09:00:00", 5, "Archived"),
]

# U3's window evaluator in March: 6 x 5, 3 x 4, 1 x 3 -> 270 points
EVALUATOR = [
	{"service_unit": "U3", "evaluation_date": "2024-03-04", "level_5": 4, "level_4": 2, "level_3": 0},
	{"service_unit": "U3", "evaluation_date": "2024-03-05", "level_5": 2, "level_4": 1, "level_3": 1},
]

EXPECTED = {
	"U1": dict(
		planned=6,
		done=4,
		on_time=3,
		missed=2,
		completion_rate=66.67,
		on_time_rate=50.0,
		rated=6,
		satisfied=4,
		basic=1,
		unsatisfied=1,
		satisfaction_rate=83.33,
		weighted_sum=23,
		callback_score=230.0,
		score=230.0,
		grade="Basically Satisfied",
		rank=2,
		previous_score=300.0,
		score_change=-70.0,
		satisfaction_rate_change=-16.67,
	),
	"U2": dict(
		planned=3,
		done=2,
		on_time=2,
		missed=1,
		completion_rate=66.67,
		on_time_rate=66.67,
		rated=4,
		satisfied=3,
		basic=1,
		unsatisfied=0,
		satisfaction_rate=100.0,
		weighted_sum=16,
		callback_score=240.0,
		score=240.0,
		grade="Satisfied",
		rank=1,
		previous_score=None,
		score_change=None,
	),
	"U3": dict(
		planned=0,
		done=0,
		rated=2,
		satisfied=1,
		basic=1,
		unsatisfied=0,
		satisfaction_rate=100.0,
		weighted_sum=7,
		callback_score=210.0,
		evaluator_count=10,
		evaluator_score=270.0,
		score=228.0,
		grade="Basically Satisfied",
		rank=3,
	),
	"U4": dict(rated=4, weighted_sum=12, callback_score=180.0, score=180.0, grade="Unsatisfied"),
}
EXPECTED_AGENTS = {
	("U1", "a1"): dict(
		planned=4,
		done=3,
		on_time=2,
		missed=1,
		completion_rate=75.0,
		rated=4,
		weighted_sum=17,
		score=255.0,
		grade="Satisfied",
		rank=1,
	),
	("U1", "a2"): dict(
		planned=2,
		done=1,
		on_time=1,
		missed=1,
		completion_rate=50.0,
		rated=2,
		weighted_sum=6,
		score=180.0,
		grade="Unsatisfied",
		rank=2,
	),
	("U2", "a3"): dict(
		planned=3, done=2, on_time=2, missed=1, rated=4, score=240.0, grade="Satisfied", rank=1
	),
}
# company C as a whole: levels 5:3 4:5 3:3 2:1 -> 230 points; with the evaluator 0.7 x 230 + 0.3 x 270
EXPECTED_TOTAL = dict(
	planned=9,
	done=6,
	on_time=5,
	missed=3,
	completion_rate=66.67,
	on_time_rate=55.56,
	rated=12,
	satisfied=8,
	basic=3,
	unsatisfied=1,
	satisfaction_rate=91.67,
	weighted_sum=46,
	callback_score=230.0,
	evaluator_count=10,
	evaluator_score=270.0,
	score=242.0,
	grade="Satisfied",
)


def build() -> frappe._dict:
	"""Insert the data set; returns the names behind the labels (units, agents, customers)."""
	from huifang.analysis.evaluator import import_rows

	names = frappe._dict(units={}, agents={}, customers={})
	agents = {key: make_user(f"analysis-{key}", AGENT) for key in ("a1", "a2", "a3", "a4", "a5")}
	names.agents = agents
	company_c = make_unit(unit_type="Company", is_group=1)
	company_d = make_unit(unit_type="Company", is_group=1)
	members = {"U1": ("a1", "a2"), "U2": ("a3",), "U3": ("a4",), "U4": ("a5",)}
	for unit, parent in (("U1", company_c), ("U2", company_c), ("U3", company_c), ("U4", company_d)):
		names.units[unit] = make_unit(
			parent=parent,
			members=[agents[a] for a in members[unit]],
			unit_code=f"{unit}-{frappe.generate_hash(length=4)}",
		)
		names.customers[unit] = make_customer(names.units[unit])
	names.company, names.other_company = company_c, company_d

	for unit, agent, latest, status, completed in TASKS:
		frappe.get_doc(
			{
				"doctype": "Callback Task",
				"customer": names.customers[unit],
				"service_unit": names.units[unit],
				"assignee": agents[agent],
				"method": "Phone",
				"earliest_date": "2024-02-01",
				"latest_date": latest,
				"status": status,
				"completed_on": completed,
				"cancel_reason": "测试" if status == "Cancelled" else None,
			}
		).insert(ignore_permissions=True)
	names.events = build_events(names)
	for unit, agent, call_time, score, state, *extra in RECORDS:
		extra = extra[0] if extra else {}
		record = frappe.get_doc(
			{
				"doctype": "Callback Record",
				"customer": names.customers[unit],
				"service_unit": names.units[unit],
				"agent": agents[agent],
				"method": extra.get("method", "Phone"),
				"call_time": call_time,
				"overall_score": score,
				"service_event": names.events.get(extra.get("event")),
			}
		).insert(ignore_permissions=True)
		# the review workflow is not under test here: put the record straight into its state
		record.db_set("workflow_state", state)
	rows = [{**row, "service_unit": names.units[row["service_unit"]]} for row in EVALUATOR]
	result = import_rows(rows)
	assert not result["errors"], result
	names.complaints = build_complaints(names)
	names.surveys = build_surveys(names)
	return names


# ---- service events (Callback Coverage R-32, Repeated Issues R-54) --------------------------
# (label, unit, type, occurred_on, priority, subject, status)
EVENTS = [
	("E1", "U1", "repair", "2024-03-02 08:00:00", "P2", "水管漏水", "Completed"),
	("E2", "U1", "repair", "2024-03-12 08:00:00", "P2", "水管漏水", "Completed"),
	("E3", "U1", "repair", "2024-03-22 08:00:00", "P2", "水管漏水", "Completed"),
	("E4", "U1", "repair", "2024-03-23 08:00:00", "P2", "水管漏水", "Cancelled"),  # not counted
	("L1", "U1", "repair", "2024-03-05 08:00:00", "P1", "门锁损坏", "Completed"),
	("L2", "U1", "repair", "2024-03-06 08:00:00", "P1", "门锁损坏", "Completed"),
	("W1", "U2", "window", "2024-03-07 08:00:00", "P3", "办理居住证", "Completed"),
	("W2", "U2", "window", "2024-03-08 08:00:00", "P3", "办理居住证", "Completed"),
	("W3", "U2", "window", "2024-03-09 08:00:00", "P3", "办理居住证", "Completed"),
	("X1", "U4", "repair", "2024-03-09 08:00:00", "P1", "水管漏水", "Completed"),  # company D
]
PLAN_TARGETS = {"repair": 95, "window": 100}
# by category: Repair Order 5 events (E1-E3, L1, L2), E1 called back; Window Application 3, W1 and W2
EXPECTED_COVERAGE_CATEGORY = {
	"Repair Order": dict(
		events=5,
		called_back=1,
		actual_rate=20.0,
		target_rate=95.0,
		gap=-75.0,
		callbacks=1,
		letters=0,
		visit_letter_share=0.0,
	),
	"Window Application": dict(
		events=3,
		called_back=2,
		actual_rate=66.67,
		target_rate=100.0,
		gap=-33.33,
		callbacks=2,
		letters=1,
		visit_letter_share=50.0,
	),
	None: dict(events=0, called_back=0, actual_rate=None, callbacks=9, visit_letter_share=0.0),
}
EXPECTED_COVERAGE_PRIORITY = {
	"P1": dict(events=2, called_back=0, actual_rate=0.0, target_rate=80.0, gap=-80.0),
	"P2": dict(events=3, called_back=1, actual_rate=33.33, target_rate=50.0, gap=-16.67),
	"P3": dict(events=3, called_back=2, actual_rate=66.67, target_rate=20.0, gap=46.67),
}
EXPECTED_COVERAGE_TOTAL = dict(
	events=8, called_back=3, actual_rate=37.5, callbacks=12, letters=1, visit_letter_share=8.33
)


def build_events(names) -> dict:
	from huifang.tests.factories import make_event_type, make_plan

	types = {
		"repair": make_event_type(category="Repair Order"),
		"window": make_event_type(category="Window Application"),
	}
	names.event_types = types
	for kind, target in PLAN_TARGETS.items():
		plan = make_plan(types[kind], target_rate=target, is_active=1)
		frappe.db.set_value("Callback Plan", plan, "workflow_state", "Approved")
	events = {}
	for label, unit, kind, occurred, priority, subject, status in EVENTS:
		events[label] = (
			frappe.get_doc(
				{
					"doctype": "Service Event",
					"event_type": types[kind],
					"customer": names.customers[unit],
					"service_unit": names.units[unit],
					"occurred_on": occurred,
					"completed_on": occurred if status == "Completed" else None,
					"status": status,
					"priority": priority,
					"subject": subject,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return events


# ---- complaints (Complaint Analysis R-51..R-54) --------------------------------------------
# (label, unit, category, issue, received_on, reply_by, replied_on, rectify_by, resolved_on,
#  severity, state, reopen_count)
COMPLAINTS = [
	(
		"k1",
		"U1",
		"Service Attitude",
		"态度差",
		"2024-03-01 09:00:00",
		"2024-03-04",
		"2024-03-01 15:00:00",
		"2024-03-06",
		"2024-03-03 09:00:00",
		"General",
		"Closed",
		0,
	),
	(
		"k2",
		"U1",
		"Service Attitude",
		"态度差",
		"2024-03-10 09:00:00",
		"2024-03-11",
		"2024-03-12 09:00:00",
		"2024-03-13",
		"2024-03-15 09:00:00",
		"Important",
		"Closed",
		1,
	),
	(
		"k3",
		"U2",
		"Efficiency",
		"排队久",
		"2024-03-20 09:00:00",
		"2024-03-22",
		None,
		"2024-03-25",
		None,
		"Major",
		"Processing",
		0,
	),
	(
		"k4",
		"U4",
		"Efficiency",
		"排队久",
		"2024-03-05 09:00:00",
		"2024-03-07",
		None,
		"2024-03-08",
		None,
		"General",
		"New",
		0,
	),
	(
		"k5",
		"U1",
		"Service Attitude",
		"态度差",
		"2024-04-02 09:00:00",
		"2024-04-04",
		None,
		"2024-04-05",
		None,
		"General",
		"New",
		0,
	),
]
EXPECTED_COMPLAINTS_CATEGORY = {
	"Service Attitude": dict(
		complaints=2,
		general=1,
		important=1,
		major=0,
		replied=2,
		avg_reply_hours=27.0,
		reply_overdue=1,
		resolved=2,
		avg_resolve_days=3.5,
		rectify_overdue=1,
		breached=1,
		breach_rate=50.0,
		closed=2,
		reopened=1,
		reopen_rate=50.0,
		repeats=1,
	),
	"Efficiency": dict(
		complaints=1,
		major=1,
		replied=0,
		avg_reply_hours=None,
		reply_overdue=1,
		resolved=0,
		rectify_overdue=1,
		breached=1,
		breach_rate=100.0,
		closed=0,
		reopen_rate=0.0,
		repeats=0,
	),
}
EXPECTED_COMPLAINTS_TOTAL = dict(
	complaints=3,
	major=1,
	people=3,
	replied=2,
	avg_reply_hours=27.0,
	resolved=2,
	avg_resolve_days=3.5,
	breached=2,
	breach_rate=66.67,
	reopen_rate=33.33,
	repeats=1,
)


def build_complaints(names) -> dict:
	out = {}
	for (
		label,
		unit,
		category,
		issue,
		received,
		reply_by,
		replied,
		rectify_by,
		resolved,
		severity,
		state,
		reopens,
	) in COMPLAINTS:
		doc = frappe.get_doc(
			{
				"doctype": "Complaint",
				"subject": f"{issue} {label}",
				"channel": "Phone",
				"received_on": received,
				"customer": names.customers[unit],
				"category": category,
				"issue_key": issue,
				"service_unit": names.units[unit],
				"description": issue,
			}
		).insert(ignore_permissions=True)
		# deadlines and handling as they stood at the end of the month, set directly
		doc.db_set(
			{
				"reply_by": reply_by,
				"replied_on": replied,
				"rectify_by": rectify_by,
				"resolved_on": resolved,
				"severity": severity,
				"workflow_state": state,
				"reopen_count": reopens,
			}
		)
		out[label] = doc.name
	return out


# ---- surveys (Survey Results R-60) ---------------------------------------------------------
# (label, campaign, unit, submitted_on, answers as (question, rating or grade))
SURVEYS = [
	("rA1", "KA", "U1", "2024-03-05 10:00:00", [("服务态度", 5), ("办事效率", "Satisfied")]),
	("rA2", "KA", "U1", "2024-03-06 10:00:00", [("服务态度", 4), ("办事效率", "Basically Satisfied")]),
	("rA3", "KA", "U2", "2024-03-07 10:00:00", [("服务态度", 2), ("办事效率", "Unsatisfied")]),
	("rA4", "KA", "U1", "2024-04-05 10:00:00", [("服务态度", 1), ("办事效率", "Unsatisfied")]),  # April
	("rB1", "KB", "U2", "2024-03-08 10:00:00", [("环境", 5), ("秩序", 4)]),
	("rB2", "KB", "U2", "2024-03-09 10:00:00", [("环境", 3), ("秩序", 3)]),
	("rB3", "KB", "U3", "2024-03-10 10:00:00", [("环境", 4), ("秩序", 4)]),
]
EXPECTED_SURVEY_QUESTIONS = {
	"服务态度": dict(
		responses=3,
		rated=3,
		level_5=1,
		level_4=1,
		level_3=0,
		level_2=1,
		level_1=0,
		average=3.67,
		weighted_sum=11,
		satisfaction_rate=66.67,
		grade="Satisfied",
	),
	"办事效率": dict(
		rated=3,
		level_4=1,
		level_3=1,
		level_2=1,
		average=3.0,
		weighted_sum=9,
		satisfaction_rate=66.67,
		grade="Basically Satisfied",
	),
}
# Total Score template KB: 7.67 of 10 is basic (>= 6, < 8) although its 5-point average 3.83 rounds to 4
EXPECTED_SURVEY_CAMPAIGNS = {
	"KA": dict(
		responses=3,
		avg_total=6.67,
		average=3.33,
		satisfied=2,
		basic=0,
		unsatisfied=1,
		satisfaction_rate=66.67,
		grade="Basically Satisfied",
	),
	"KB": dict(
		responses=3,
		avg_total=7.67,
		average=3.83,
		satisfied=2,
		basic=1,
		unsatisfied=0,
		satisfaction_rate=100.0,
		grade="Basically Satisfied",
	),
}
EXPECTED_SURVEY_CAMPAIGN_TOTAL = dict(
	responses=6, satisfied=4, basic=1, unsatisfied=1, satisfaction_rate=83.33, average=3.58, grade="Satisfied"
)


def build_surveys(names) -> dict:
	from huifang.tests.factories import make_template

	templates = {
		"KA": make_template(
			[("服务态度", "Rating 1-5"), ("办事效率", "Three Grades"), ("建议", "Free Text")]
		),
		"KB": make_template(
			[("环境", "Rating 1-5"), ("秩序", "Rating 1-5")],
			scheme="Total Score",
			max_score=10,
			satisfied_threshold=8,
			basic_threshold=6,
		),
	}
	campaigns = {}
	for key, template in templates.items():
		campaigns[key] = (
			frappe.get_doc(
				{
					"doctype": "Survey Campaign",
					"campaign_name": f"_T 调查 {key} {frappe.generate_hash(length=4)}",
					"survey_template": template,
					"period_type": "Quarterly",
					"start_date": "2024-03-01",
					"end_date": "2024-04-30",
					"channel_paper": 1,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	names.campaigns, names.templates = campaigns, templates
	out = {}
	for label, campaign, unit, submitted, answers in SURVEYS:
		rows = []
		for question, value in answers:
			qtype = "Three Grades" if isinstance(value, str) else "Rating 1-5"
			rows.append(
				{
					"question": question,
					"question_type": qtype,
					"rating": value if qtype == "Rating 1-5" else None,
					"grade": value if qtype == "Three Grades" else None,
				}
			)
		out[label] = (
			frappe.get_doc(
				{
					"doctype": "Survey Response",
					"campaign": campaigns[campaign],
					"channel": "Paper Form",
					"submitted_on": submitted,
					"customer": names.customers[unit],
					"service_unit": names.units[unit],
					"answers": rows,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	return out
