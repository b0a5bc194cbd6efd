"""Callback Coverage 回访率 (R-32, R-35): how many of the period's service events were called
back, against the target rate of their category (the highest target of the active callback plans
covering its event types) or of their priority (P1..P4 in Huifang Settings); and the share of
callbacks made by visit or letter, which should stay under the configured limit (10 %).

An event counts as called back when a counted callback record (Submitted, Reviewed, Archived)
refers to it. Events are taken by occurred_on, callback records by call_time.
"""

import frappe
from frappe import _

from huifang.analysis import report_utils as ru
from huifang.analysis.figures import rate
from huifang.analysis.metrics import COUNTED_STATES
from huifang.utils.settings import get_setting

CATEGORY, PRIORITY, UNIT = "Category", "Priority", "Service Unit"
GROUPS = {CATEGORY: "t.`category`", PRIORITY: "e.`priority`", UNIT: "e.`service_unit`"}
RECORD_GROUPS = {CATEGORY: "t.`category`", PRIORITY: "e.`priority`", UNIT: "r.`service_unit`"}
# what a record must be joined to for its group: the event only for its priority
RECORD_JOINS = {
	CATEGORY: "LEFT JOIN `tabService Event Type` t ON t.`name` = r.`event_type`",
	PRIORITY: "LEFT JOIN `tabService Event` e ON e.`name` = r.`service_event`",
	UNIT: "",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = ru.period_from(filters)
	units = ru.units_from(filters)
	group = filters.get("group_by") or CATEGORY
	if group not in GROUPS:
		frappe.throw(_("Unknown grouping {0}.").format(group), title=_("Filters"))
	targets = target_rates(group)
	limit = float(get_setting("visit_letter_share_limit"))
	rows = {}
	for r in event_counts(period, units, group):
		rows[r.group_key] = {
			"group_key": r.group_key,
			"events": int(r.events),
			"called_back": int(r.called_back or 0),
		}
	for r in method_counts(period, units, group):
		row = rows.setdefault(r.group_key, {"group_key": r.group_key, "events": 0, "called_back": 0})
		row.update({k: int(r[k] or 0) for k in ("callbacks", "visits", "letters")})
	data = sorted(rows.values(), key=lambda r: (r["group_key"] is None, str(r["group_key"] or "")))
	for row in data:
		finish(row, targets.get(row["group_key"]), limit)
		row["group_label"] = label(group, row["group_key"])
	total = None
	if data:
		total = {
			k: sum(r.get(k) or 0 for r in data)
			for k in ("events", "called_back", "callbacks", "visits", "letters")
		}
		finish(total, None, limit)
		data.append({**total, "group_label": _(ru.TOTAL), "is_total_row": 1})
	return columns(group), data, None, chart(data), summary(total, limit)


def label(group: str, key):
	if key is None:
		return _("Without Service Event") if group != UNIT else None
	return _(key) if group == CATEGORY else key


def finish(row: dict, target, limit: float) -> None:
	for field in ("callbacks", "visits", "letters"):
		row[field] = int(row.get(field) or 0)
	row["actual_rate"] = rate(row["called_back"], row["events"])
	row["target_rate"] = target
	row["gap"] = (
		round(row["actual_rate"] - target, 2)
		if target is not None and row["actual_rate"] is not None
		else None
	)
	met = None if row["gap"] is None else row["gap"] >= 0
	row["meets_target_code"] = met
	row["meets_target"] = None if met is None else (_("Yes") if met else _("No"))
	row["visit_letter_share"] = rate(row["visits"] + row["letters"], row["callbacks"])
	row["share_over_limit"] = row["visit_letter_share"] is not None and row["visit_letter_share"] > limit


def target_rates(group: str) -> dict:
	"""Target callback rate per category (plans) or priority (settings); none per unit."""
	if group == PRIORITY:
		return {p: float(get_setting(f"{p.lower()}_rate")) for p in ("P1", "P2", "P3", "P4")}
	if group != CATEGORY:
		return {}
	rows = frappe.db.sql(
		"""SELECT t.`category`, MAX(p.`target_rate`)
		FROM `tabCallback Plan` p
		JOIN `tabCallback Plan Event Type` pe ON pe.`parent` = p.`name` AND pe.`parenttype` = 'Callback Plan'
		JOIN `tabService Event Type` t ON t.`name` = pe.`event_type`
		WHERE p.`is_active` = 1 AND p.`target_rate` > 0
		GROUP BY t.`category`"""
	)
	return {category: float(target) for category, target in rows}


def conditions(units, alias: str) -> str:
	return "" if units is None else f" AND {alias}.`service_unit` IN %(units)s"


def params(period, units) -> dict:
	out = {"start": period.start, "end_next": period.end_exclusive, "states": COUNTED_STATES}
	if units is not None:
		out["units"] = tuple(units) or ("",)
	return out


def event_counts(period, units, group: str) -> list[dict]:
	return frappe.db.sql(
		f"""SELECT {GROUPS[group]} AS group_key,
			COUNT(*) AS events,
			SUM(EXISTS(SELECT 1 FROM `tabCallback Record` r
				WHERE r.`service_event` = e.`name` AND r.`workflow_state` IN %(states)s)) AS called_back
		FROM `tabService Event` e
		{"LEFT JOIN `tabService Event Type` t ON t.`name` = e.`event_type`" if group == CATEGORY else ""}
		WHERE e.`occurred_on` >= %(start)s AND e.`occurred_on` < %(end_next)s AND e.`status` <> 'Cancelled'
			{conditions(units, "e")}
		GROUP BY group_key""",
		params(period, units),
		as_dict=True,
	)


def method_counts(period, units, group: str) -> list[dict]:
	return frappe.db.sql(
		f"""SELECT {RECORD_GROUPS[group]} AS group_key,
			COUNT(*) AS callbacks,
			SUM(r.`method` = 'Visit') AS visits,
			SUM(r.`method` = 'Letter') AS letters
		FROM `tabCallback Record` r
		{RECORD_JOINS[group]}
		WHERE r.`call_time` >= %(start)s AND r.`call_time` < %(end_next)s AND r.`workflow_state` IN %(states)s
			{conditions(units, "r")}
		GROUP BY group_key""",
		params(period, units),
		as_dict=True,
	)


def columns(group: str) -> list[dict]:
	first = (
		ru.link("group_label", UNIT, "Service Unit", 180)
		if group == UNIT
		else ru.col("group_label", group, "Data", 160)
	)
	return [
		first,
		ru.col("events", "Service Events", width=100),
		ru.col("called_back", "Called Back", width=100),
		ru.percent("actual_rate", "Actual Rate"),
		ru.percent("target_rate", "Target Rate"),
		ru.score("gap", "Gap"),
		ru.col("meets_target", "Meets Target", "Data", 90),
		ru.col("callbacks", "Callback Records", width=110),
		ru.col("visits", "Visits"),
		ru.col("letters", "Letters"),
		ru.percent("visit_letter_share", "Visit and Letter Share", 130),
	]


def chart(data: list[dict]):
	rows = [r for r in data if not r.get("is_total_row") and r["events"]][:30]
	return ru.bar_chart(
		[str(r["group_label"] or "") for r in rows],
		[
			("Actual Rate", [r["actual_rate"] or 0 for r in rows]),
			("Target Rate", [r["target_rate"] or 0 for r in rows]),
		],
		colors=["#2490ef", "#ffa00a"],
	)


def summary(total: dict | None, limit: float) -> list[dict]:
	total = total or {
		"events": 0,
		"called_back": 0,
		"actual_rate": None,
		"visit_letter_share": None,
		"share_over_limit": False,
	}
	return [
		ru.card(total["events"], "Service Events"),
		ru.card(total["called_back"], "Called Back"),
		ru.card(total["actual_rate"], "Actual Rate", "Percent"),
		ru.card(
			total["visit_letter_share"],
			"Visit and Letter Share",
			"Percent",
			"Red" if total["share_over_limit"] else "Green",
		),
		ru.card(limit, "Visit and Letter Share Limit", "Percent"),
	]
