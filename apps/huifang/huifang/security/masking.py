"""The one masking module (R-12).

Confidential fields sit at permlevel 1. Beside each one a read-only permlevel-0 "masked" field
holds the masked form (138****1234, 3701**********1234, address cut at the district), computed
here on every save. Users without permlevel 1 get the masked field and never the raw one in the
Desk form, REST get/list, list and report views and exports, because the engine strips
permlevel-1 values for them. Print formats render from the document itself, so `mask_document`
overwrites the raw values in memory before printing (see exports.before_print).
"""

from __future__ import annotations

import json
import re

import frappe

# doctype -> {raw field: (masked field, kind)}; kinds: phone, id, address, email, hide
MASKED_FIELDS: dict[str, dict[str, tuple[str | None, str]]] = {
	"Customer Archive": {
		"primary_phone": ("primary_phone_masked", "phone"),
		"id_number": ("id_number_masked", "id"),
		"address": ("address_masked", "address"),
		"email_id": (None, "email"),
		"income": (None, "hide"),
		"family_structure": (None, "hide"),
	},
	"Customer Contact": {"phone": ("phone_masked", "phone")},
	"Complaint": {"complainant_phone": ("complainant_phone_masked", "phone")},
	"Callback Record": {"callee_phone": ("callee_phone_masked", "phone")},
}

# the first administrative level below the city: 区 / 县 / 旗 (but not 小区, a housing estate)
DISTRICT_RE = re.compile(r"^(.{1,24}?(?<!小)(?:区|县|旗))")
MASK = "*"


def mask_phone(value: str | None) -> str | None:
	"""138****1234: keep the first 3 and last 4 characters; short numbers keep the last 2."""
	if not value:
		return value
	value = str(value).strip()
	if len(value) >= 8:
		return value[:3] + MASK * (len(value) - 7) + value[-4:]
	return MASK * max(len(value) - 2, 1) + value[-2:]


def mask_id(value: str | None) -> str | None:
	"""3701**********1234: keep the region code (4) and the last 4 characters."""
	if not value:
		return value
	value = str(value).strip()
	if len(value) > 8:
		return value[:4] + MASK * (len(value) - 8) + value[-4:]
	return MASK * len(value)


def mask_address(value: str | None, district: str | None = None) -> str | None:
	"""The address up to its district (山东省济南市历下区****); else the district field."""
	if not value:
		return value
	value = str(value).strip()
	match = DISTRICT_RE.match(value)
	prefix = match.group(1) if match else (district or "").strip()
	return f"{prefix}{MASK * 4}"


def mask_email(value: str | None) -> str | None:
	if not value:
		return value
	local, _, domain = str(value).partition("@")
	return f"{local[:1]}{MASK * 3}@{domain}" if domain else MASK * 3


def mask_value(kind: str, value, row=None):
	if kind == "phone":
		return mask_phone(value)
	if kind == "id":
		return mask_id(value)
	if kind == "address":
		return mask_address(value, row.get("district") if row else None)
	if kind == "email":
		return mask_email(value)
	return None


def set_masked_fields(doc, method=None):
	"""doc_events validate: refresh the masked copies of the document and of its child rows."""
	for row in [doc, *doc.get_all_children()]:
		for raw, (masked, kind) in MASKED_FIELDS.get(row.doctype, {}).items():
			if masked:
				row.set(masked, mask_value(kind, row.get(raw), doc))


def mask_document(doc, user: str | None = None) -> None:
	"""Before printing, in memory only: a user who may not read a confidential value gets its
	masked form in the raw field too (custom print formats read doc.<field> directly); a user who
	may read it gets the clear value alone (the masked copy is blanked, so prints show one phone)."""
	readable = set(frappe.get_meta(doc.doctype).get_permlevel_access("read", user=user))
	for row in [doc, *doc.get_all_children()]:
		rules = MASKED_FIELDS.get(row.doctype)
		if not rules:
			continue
		meta = frappe.get_meta(row.doctype)
		for raw, (masked, kind) in rules.items():
			df = meta.get_field(raw)
			if not (df and df.permlevel):
				continue
			if df.permlevel in readable:
				if masked:
					row.set(masked, None)
			else:
				row.set(raw, mask_value(kind, row.get(raw), doc))


def backfill(doctypes: list[str] | None = None, batch: int = 500) -> int:
	"""Fill masked fields for rows saved before they existed (after_migrate); returns rows updated."""
	updated = 0
	for doctype in doctypes or list(MASKED_FIELDS):
		rules = {raw: spec for raw, spec in MASKED_FIELDS[doctype].items() if spec[0]}
		if not rules or not frappe.db.table_exists(doctype):
			continue
		columns = frappe.db.get_table_columns(doctype)
		if not all(masked in columns for masked, _kind in rules.values()):
			continue
		fields = ["name", *rules, *(m for m, _k in rules.values())]
		if "district" in columns:
			fields.append("district")
		missing = " or ".join(
			f"(ifnull(`{raw}`, '') != '' and ifnull(`{masked}`, '') = '')"
			for raw, (masked, _k) in rules.items()
		)
		last = ""
		while True:
			rows = frappe.db.sql(
				f"select {', '.join(f'`{f}`' for f in fields)} from `tab{doctype}`"
				f" where name > %s and ({missing}) order by name limit {batch}",
				last,
				as_dict=True,
			)
			if not rows:
				break
			for row in rows:
				values = {
					masked: mask_value(kind, row.get(raw), row) for raw, (masked, kind) in rules.items()
				}
				frappe.db.set_value(doctype, row.name, values, update_modified=False)
			updated += len(rows)
			last = rows[-1].name
	return updated


def mask_version(doc, method=None) -> None:
	"""doc_events before_insert of Version: the change history of an archive, complaint or record
	never keeps a confidential value in clear (the timeline is shown to everyone who can open the
	form, whatever their permlevel)."""
	if doc.ref_doctype not in MASKED_FIELDS or not doc.data:
		return
	data = json.loads(doc.data)
	parent_rules = MASKED_FIELDS[doc.ref_doctype]
	child_rules = {
		df.fieldname: MASKED_FIELDS.get(df.options, {})
		for df in frappe.get_meta(doc.ref_doctype).get_table_fields()
	}

	def masked(rules, field, value):
		kind = rules[field][1]
		return mask_value(kind, value) if kind != "hide" else (MASK * 3 if value else value)

	for change in data.get("changed") or []:
		if change[0] in parent_rules:
			change[1], change[2] = (
				masked(parent_rules, change[0], change[1]),
				masked(parent_rules, change[0], change[2]),
			)
	for row in data.get("row_changed") or []:
		rules = child_rules.get(row[0], {})
		for change in row[3]:
			if change[0] in rules:
				change[1], change[2] = (
					masked(rules, change[0], change[1]),
					masked(rules, change[0], change[2]),
				)
	for key in ("added", "removed"):
		for table, values in data.get(key) or []:
			rules = child_rules.get(table, {})
			for field in rules:
				if values.get(field):
					values[field] = masked(rules, field, values[field])
	doc.data = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def strip_after_save(doc, method=None) -> None:
	"""doc_events on_change: after a user's save over HTTP, drop the values they may not read from
	the document, as loading it does. Several engine endpoints (REST PUT/POST, frappe.client.save,
	set_value, insert, apply_workflow) answer with the saved document as it stands, which would
	otherwise carry the confidential values restored from the database."""
	if getattr(frappe.local, "request", None) is None or doc.flags.ignore_permissions:
		return
	doc.apply_fieldlevel_read_permissions()
