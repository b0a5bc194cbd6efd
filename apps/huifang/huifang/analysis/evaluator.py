"""Import of electronic evaluator results (评价器, R-71): CSV files exported by the devices or
rows posted by another system, checked row by row; valid rows go in, invalid rows come back with
a Chinese message naming the field. Re-importing a day replaces that day's counts.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from huifang.analysis.figures import Scale, level_counts, scaled_score
from huifang.utils.scoring import LEVELS

# accepted column headers (as exported by common devices, in Chinese or English) -> field
HEADERS = {
	"service_unit": ("service_unit", "unit", "window", "服务单元", "窗口", "窗口名称", "单位"),
	"evaluation_date": ("evaluation_date", "date", "日期", "评价日期"),
	"device": ("device", "evaluator", "评价器", "评价器编号", "设备编号"),
	"level_5": ("level_5", "very_satisfied", "非常满意", "很满意"),
	"level_4": ("level_4", "satisfied", "满意"),
	"level_3": ("level_3", "basically_satisfied", "基本满意"),
	"level_2": ("level_2", "unsatisfied", "不满意"),
	"level_1": ("level_1", "very_unsatisfied", "非常不满意", "很不满意"),
}
LEVEL_FIELDS = tuple(f"level_{lv}" for lv in LEVELS)
FIELD_LABELS = {
	"service_unit": "Service Unit",
	"evaluation_date": "Evaluation Date",
	**{
		f"level_{lv}": label
		for lv, label in zip(
			LEVELS,
			(
				"Very Satisfied (5)",
				"Satisfied (4)",
				"Basically Satisfied (3)",
				"Unsatisfied (2)",
				"Very Unsatisfied (1)",
			),
			strict=True,
		)
	},
}
MAX_ROWS = 20000


class RowError(Exception):
	pass


@frappe.whitelist(methods=["POST"])
def import_csv(file_url: str | None = None, content: str | None = None, dry_run: int = 0) -> dict:
	"""Import a CSV file (an uploaded File's URL, or its text). UTF-8 or GBK, as Excel saves it."""
	frappe.has_permission("Evaluator Score", "create", throw=True)
	if file_url:
		file = frappe.get_doc("File", {"file_url": file_url})
		file.check_permission("read")
		# raw bytes: the File's own decoding guesses Western code pages before GBK
		with open(file.get_full_path(), "rb") as handle:
			raw = handle.read()
	elif content:
		raw = content
	else:
		frappe.throw(_("Choose the CSV file to import."), title=_("Evaluator Import"))
	text = decode(raw)
	reader = csv.reader(io.StringIO(text))
	try:
		header = next(reader)
	except StopIteration:
		frappe.throw(_("The file is empty."), title=_("Evaluator Import"))
	columns = map_header(header)
	rows = []
	for line_no, values in enumerate(reader, start=2):
		if not any((v or "").strip() for v in values):
			continue
		rows.append((line_no, {field: values[i] if i < len(values) else "" for field, i in columns.items()}))
	return import_rows_checked(rows, "CSV Import", int(dry_run))


@frappe.whitelist(methods=["POST"])
def import_rows(rows: str | list, dry_run: int = 0) -> dict:
	"""REST entry for other systems: a JSON list of objects with the CSV's English field names."""
	frappe.has_permission("Evaluator Score", "create", throw=True)
	if isinstance(rows, str):
		try:
			rows = json.loads(rows)
		except ValueError:
			frappe.throw(_("rows must be a JSON list."), title=_("Evaluator Import"))
	if not isinstance(rows, list):
		frappe.throw(_("rows must be a JSON list."), title=_("Evaluator Import"))
	return import_rows_checked(list(enumerate(rows, start=1)), "API", int(dry_run))


def decode(raw) -> str:
	if isinstance(raw, str):
		return raw.lstrip("\ufeff")
	for encoding in ("utf-8-sig", "gb18030"):
		try:
			return raw.decode(encoding)
		except UnicodeDecodeError:
			continue
	frappe.throw(_("The file is neither UTF-8 nor GBK text."), title=_("Evaluator Import"))


def map_header(header: list[str]) -> dict[str, int]:
	aliases = {alias.lower(): field for field, names in HEADERS.items() for alias in names}
	columns = {}
	for i, name in enumerate(header):
		field = aliases.get((name or "").strip().lower())
		if field and field not in columns:
			columns[field] = i
	missing = [f for f in ("service_unit", "evaluation_date") if f not in columns]
	if missing or not any(f in columns for f in LEVEL_FIELDS):
		frappe.throw(
			_(
				"The file needs the columns 窗口 (window), 日期 (date) and at least one of 非常满意, 满意, 基本满意, 不满意, 非常不满意."
			),
			title=_("Evaluator Import"),
		)
	return columns


def import_rows_checked(rows: list[tuple[int, dict]], source: str, dry_run: int) -> dict:
	if len(rows) > MAX_ROWS:
		frappe.throw(_("At most {0} rows per import.").format(MAX_ROWS), title=_("Evaluator Import"))
	units = unit_lookup()
	scale = Scale()
	valid, errors, seen = [], [], set()
	for row_no, raw in rows:
		try:
			row = clean_row(raw, units)
			key = (row["service_unit"], row["evaluation_date"], row["device"])
			if key in seen:
				raise RowError(_("The same window, date and evaluator appear twice in the file."))
			seen.add(key)
			valid.append(row)
		except RowError as e:
			errors.append({"row": row_no, "error": str(e)})
	result = {"valid": len(valid), "inserted": 0, "updated": 0, "errors": errors}
	if dry_run or not valid:
		return result
	batch = frappe.generate_hash(length=10)
	existing = existing_names(valid)
	now, user = now_datetime(), frappe.session.user
	inserts = []
	for row in valid:
		counts = level_counts(row)
		score = scaled_score(counts, scale)
		values = {
			**row,
			"total": sum(counts.values()),
			"score": score,
			"grade": scale.grade(score),
			"source": source,
			"import_batch": batch,
		}
		name = existing.get((row["service_unit"], row["evaluation_date"], row["device"]))
		if name:
			frappe.db.set_value("Evaluator Score", name, values, update_modified=True)
			result["updated"] += 1
		else:
			inserts.append(
				{
					"name": frappe.generate_hash(length=10),
					"creation": now,
					"modified": now,
					"owner": user,
					"modified_by": user,
					"docstatus": 0,
					**values,
				}
			)
	if inserts:
		fields = list(inserts[0])
		frappe.db.bulk_insert("Evaluator Score", fields, [[r[f] for f in fields] for r in inserts])
		result["inserted"] = len(inserts)
	return result


def unit_lookup() -> dict[str, str]:
	"""Unit names and unit codes -> unit name."""
	lookup = {}
	for unit in frappe.get_all("Service Unit", fields=["name", "unit_code"]):
		lookup[unit.name] = unit.name
		if unit.unit_code:
			lookup.setdefault(unit.unit_code, unit.name)
	return lookup


def clean_row(raw: dict, units: dict[str, str]) -> dict:
	if not isinstance(raw, dict):
		raise RowError(_("Each row must be an object."))
	unit_text = str(raw.get("service_unit") or "").strip()
	if not unit_text:
		raise RowError(_("{0} is empty.").format(_("Service Unit")))
	if unit_text not in units:
		raise RowError(_("{0}: no service unit or unit code {1}.").format(_("Service Unit"), unit_text))
	date_text = str(raw.get("evaluation_date") or "").strip().replace("/", "-").replace(".", "-")
	day = parse_date(date_text)
	if not day:
		raise RowError(
			_("{0}: {1} is not a date like 2025-03-01.").format(_("Evaluation Date"), date_text or "—")
		)
	row = {
		"service_unit": units[unit_text],
		"evaluation_date": day,
		"device": str(raw.get("device") or "").strip() or None,
	}
	for field in LEVEL_FIELDS:
		text = str(raw.get(field) if raw.get(field) is not None else "").strip()
		try:
			value = int(float(text)) if text else 0
			if value < 0 or (text and float(text) != value):
				raise ValueError
		except ValueError:
			raise RowError(
				_("{0}: {1} is not a whole number of 0 or more.").format(_(FIELD_LABELS[field]), text)
			) from None
		row[field] = value
	if not sum(row[f] for f in LEVEL_FIELDS):
		raise RowError(_("The row has no evaluations."))
	return row


def parse_date(text: str):
	"""YYYY-MM-DD (also with / or .) or YYYYMMDD; None for anything else. Not getdate: it
	reports bad input as a message of its own."""
	for fmt in ("%Y-%m-%d", "%Y%m%d"):
		try:
			return datetime.strptime(text, fmt).date()
		except ValueError:
			continue
	return None


def existing_names(rows: list[dict]) -> dict[tuple, str]:
	found = frappe.get_all(
		"Evaluator Score",
		filters={
			"service_unit": ("in", sorted({r["service_unit"] for r in rows})),
			"evaluation_date": (
				"between",
				[min(r["evaluation_date"] for r in rows), max(r["evaluation_date"] for r in rows)],
			),
		},
		fields=["name", "service_unit", "evaluation_date", "device"],
	)
	return {(r.service_unit, getdate(r.evaluation_date), r.device or None): r.name for r in found}
