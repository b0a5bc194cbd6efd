"""Schema helpers for `on_doctype_update` hooks."""

from __future__ import annotations


def ensure_unique(doctype: str, fields: list[str], constraint_name: str) -> None:
	"""Add a UNIQUE index once. Checks this schema only: the stock helper looks the name up in
	information_schema without the schema, so a second site on the same server was skipped."""
	import frappe

	table = f"tab{doctype}"
	if frappe.db.has_index(table, constraint_name):
		return
	if frappe.db.db_type != "mariadb":
		frappe.db.add_unique(doctype, fields, constraint_name=constraint_name)
		return
	frappe.db.commit()
	columns = ", ".join(f"`{f}`" for f in fields)
	frappe.db.sql_ddl(f"ALTER TABLE `{table}` ADD UNIQUE INDEX `{constraint_name}` ({columns})")


def ensure_indexes(doctype: str, indexes: dict[str, list[str]]) -> None:
	"""Composite indexes for list and report filters; single columns use search_index in JSON."""
	import frappe

	for name, fields in indexes.items():
		frappe.db.add_index(doctype, fields, index_name=name)
