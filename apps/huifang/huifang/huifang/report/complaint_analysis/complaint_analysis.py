"""Complaint Analysis 投诉分析 (R-70, R-51..R-54): complaints by category, severity, unit,
responsible unit or month, with reply and resolution times, deadline breaches (reply within 2
and rectification feedback within 3 working days, R-52), reopen rate and repeats.

Scope: complaints of the selected units, or routed to them as the responsible unit.
"""

import frappe
from frappe import _
from frappe.utils import today

from huifang.analysis import report_utils as ru
from huifang.analysis.figures import rate

GROUPS = {
	"Category": "`category`",
	"Severity": "`severity`",
	"Service Unit": "`service_unit`",
	"Responsible Unit": "COALESCE(`responsible_unit`, `service_unit`)",
	"Month": "DATE_FORMAT(`received_on`, '%%Y-%%m')",
}
TRANSLATED_GROUPS = {"Category", "Severity"}
COUNTS = (
	"complaints",
	"general",
	"important",
	"major",
	"people",
	"replied",
	"reply_minutes",
	"reply_overdue",
	"resolved",
	"resolve_minutes",
	"rectify_overdue",
	"breached",
	"closed",
	"reopened",
	"repeats",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	period = ru.period_from(filters)
	units = ru.units_from(filters)
	group = filters.get("group_by") or "Category"
	if group not in GROUPS:
		frappe.throw(_("Unknown grouping {0}.").format(group), title=_("Filters"))
	rows = query(period, units, group, filters)
	for row in rows:
		finish(row)
		row["group_label"] = (
			_(row["group_key"]) if group in TRANSLATED_GROUPS and row["group_key"] else row["group_key"]
		)
	rows.sort(key=lambda r: (-r["complaints"], str(r["group_key"] or "")))
	data = list(rows)
	total = None
	if rows:
		total = finish({f: sum(r[f] for r in rows) for f in COUNTS})
		data.append({**total, "group_label": _(ru.TOTAL), "is_total_row": 1})
	return columns(group), data, None, chart(rows), summary(total)


def query(period, units, group: str, filters) -> list[dict]:
	conditions = ["`received_on` >= %(start)s", "`received_on` < %(end_next)s"]
	params = {"start": period.start, "end_next": period.end_exclusive, "today": today()}
	if units is not None:
		conditions.append("(`service_unit` IN %(units)s OR `responsible_unit` IN %(units)s)")
		params["units"] = tuple(units) or ("",)
	for field in ("category", "severity"):
		if filters.get(field):
			conditions.append(f"`{field}` = %({field})s")
			params[field] = filters.get(field)
	# breached: replied after the reply-by day (or not replied and past it); same for the
	# rectification feedback against rectify-by (the resolution counts as feedback)
	reply_late = (
		"(`replied_on` >= `reply_by` + INTERVAL 1 DAY OR (`replied_on` IS NULL AND `reply_by` < %(today)s))"
	)
	feedback = "COALESCE(`rectification_feedback_on`, `resolved_on`)"
	rectify_late = (
		f"({feedback} >= `rectify_by` + INTERVAL 1 DAY OR ({feedback} IS NULL AND `rectify_by` < %(today)s))"
	)
	rows = frappe.db.sql(
		f"""SELECT {GROUPS[group]} AS group_key,
			COUNT(*) AS complaints,
			SUM(`severity` = 'General') AS general,
			SUM(`severity` = 'Important') AS important,
			SUM(`severity` = 'Major') AS major,
			SUM(GREATEST(COALESCE(`people_count`, 1), 1)) AS people,
			SUM(`replied_on` IS NOT NULL) AS replied,
			SUM(TIMESTAMPDIFF(MINUTE, `received_on`, `replied_on`)) AS reply_minutes,
			SUM(COALESCE({reply_late}, 0)) AS reply_overdue,
			SUM(`resolved_on` IS NOT NULL) AS resolved,
			SUM(TIMESTAMPDIFF(MINUTE, `received_on`, `resolved_on`)) AS resolve_minutes,
			SUM(COALESCE({rectify_late}, 0)) AS rectify_overdue,
			SUM(COALESCE({reply_late} OR {rectify_late}, 0)) AS breached,
			SUM(`workflow_state` = 'Closed') AS closed,
			SUM(`reopen_count` > 0) AS reopened,
			SUM(`is_repeat` = 1) AS repeats
		FROM `tabComplaint`
		WHERE {" AND ".join(conditions)}
		GROUP BY group_key""",
		params,
		as_dict=True,
	)
	for row in rows:
		for field in COUNTS:
			row[field] = int(row.get(field) or 0)
	return rows


def finish(row: dict) -> dict:
	row["avg_reply_hours"] = round(row["reply_minutes"] / 60 / row["replied"], 1) if row["replied"] else None
	row["avg_resolve_days"] = (
		round(row["resolve_minutes"] / 1440 / row["resolved"], 2) if row["resolved"] else None
	)
	row["breach_rate"] = rate(row["breached"], row["complaints"])
	row["reopen_rate"] = rate(row["reopened"], row["complaints"])
	row["closed_rate"] = rate(row["closed"], row["complaints"])
	return row


def columns(group: str) -> list[dict]:
	first = ru.col("group_label", group, "Data", 180)
	if group in ("Service Unit", "Responsible Unit"):
		first = ru.link("group_label", group, "Service Unit", 180)
	return [
		first,
		ru.col("complaints", "Complaints"),
		ru.col("general", "General"),
		ru.col("important", "Important"),
		ru.col("major", "Major"),
		ru.col("people", "People"),
		ru.col("replied", "Replied"),
		ru.score("avg_reply_hours", "Average Reply Time (Hours)", 150),
		ru.col("reply_overdue", "Reply Overdue", width=100),
		ru.col("resolved", "Resolved"),
		ru.score("avg_resolve_days", "Average Resolution Time (Days)", 160),
		ru.col("rectify_overdue", "Rectification Overdue", width=120),
		ru.col("breached", "Deadline Breaches", width=110),
		ru.percent("breach_rate", "Breach Rate"),
		ru.col("closed", "Closed"),
		ru.percent("closed_rate", "Closed Rate"),
		ru.col("reopened", "Reopened"),
		ru.percent("reopen_rate", "Reopen Rate"),
		ru.col("repeats", "Repeat Complaints", width=110),
	]


def chart(rows: list[dict]):
	rows = rows[:30]
	return ru.bar_chart(
		[str(r["group_label"] or "") for r in rows],
		[
			("General", [r["general"] for r in rows]),
			("Important", [r["important"] for r in rows]),
			("Major", [r["major"] for r in rows]),
		],
		barOptions={"stacked": 1},
		colors=["#5e64ff", "#ffa00a", "#e24c4c"],
	)


def summary(total: dict | None) -> list[dict]:
	total = total or {f: 0 for f in COUNTS} | {
		"avg_reply_hours": None,
		"avg_resolve_days": None,
		"reopen_rate": None,
		"breach_rate": None,
	}
	return [
		ru.card(total["complaints"], "Complaints"),
		ru.card(total["major"], "Major", indicator="Red" if total["major"] else "Green"),
		ru.card(total["avg_reply_hours"], "Average Reply Time (Hours)", "Float"),
		ru.card(total["avg_resolve_days"], "Average Resolution Time (Days)", "Float"),
		ru.card(total["breached"], "Deadline Breaches", indicator="Red" if total["breached"] else "Green"),
		ru.card(total["reopen_rate"], "Reopen Rate", "Percent"),
		ru.card(total["repeats"], "Repeat Complaints"),
	]
