"""Export and print control (R-12, R-73).

Role permissions say who may export or print (archives and records: Supervisor and above); this
module makes them hold on every path of the engine and logs each use in the Export Log:
- prints (print view, preview, PDF, multi-PDF, e-mail attachments) through `before_print`, which
  also masks confidential values the user may not read, for custom print formats too;
- exports through the whitelisted methods below, registered in `override_whitelisted_methods`
  in place of the engine's: report view, query reports, the Data Export tool and Data Import's
  "download template with data" (which the engine lets anyone with read access use).
"""

from __future__ import annotations

import csv
import io

import frappe
from frappe import _

from huifang.security import masking
from huifang.security.logs import log_export
from huifang.security.scoping import STAFF_ROLES

MODULE = "Huifang"


def is_app_doctype(doctype: str | None) -> bool:
	return bool(doctype) and frappe.db.get_value("DocType", doctype, "module", cache=True) == MODULE


def before_print(doc, method=None, *args, **kwargs) -> None:
	"""doc_events before_print ("*"): staff print only what their role may print; confidential
	values are masked; the print is logged."""
	if not is_app_doctype(doc.doctype):
		return
	is_staff = bool(set(frappe.get_roles()) & STAFF_ROLES)
	if is_staff and not frappe.flags.ignore_print_permissions:
		if not frappe.has_permission(doc.doctype, "print", doc):
			frappe.throw(
				_("You are not allowed to print {0}.").format(_(doc.doctype)), frappe.PermissionError
			)
	masking.mask_document(doc)
	log_export(
		"Print",
		doctype=doc.doctype,
		name=doc.name,
		method=frappe.form_dict.get("cmd") or getattr(frappe.local, "request", None) and frappe.request.path,
		file_format=frappe.form_dict.get("format") or frappe.form_dict.get("print_format") or "Standard",
		row_count=1,
	)


@frappe.whitelist()
def export_query():
	"""Report view / list view "Export" (frappe.desk.reportview.export_query)."""
	from frappe.desk import reportview

	form = frappe._dict(frappe.local.form_dict)
	result = reportview.export_query()
	if is_app_doctype(form.doctype):
		rows = count_response_rows(header_rows=1)
		if rows is not None and form.get("add_totals_row") == "1":
			rows -= 1
		log_export(
			"Export",
			doctype=form.doctype,
			method="reportview.export_query",
			file_format=form.file_format_type,
			filters={
				"filters": form.filters,
				"or_filters": form.or_filters,
				"selected_items": form.selected_items,
			},
			row_count=rows if rows is not None else count_rows(form.doctype, form.filters),
		)
	return result


@frappe.whitelist()
def report_export_query():
	"""Query / script report export (frappe.desk.query_report.export_query)."""
	from frappe.desk import query_report

	form = frappe._dict(frappe.local.form_dict)
	doctype = frappe.get_cached_value("Report", form.report_name, "ref_doctype") if form.report_name else None
	result = query_report.export_query()
	if is_app_doctype(doctype):
		visible = frappe.parse_json(form.visible_idx) if form.visible_idx else None
		log_export(
			"Export",
			doctype=doctype,
			report_name=form.report_name,
			method="query_report.export_query",
			file_format=form.file_format_type,
			filters=form.filters,
			row_count=len(visible) if isinstance(visible, list) else count_response_rows(header_rows=1),
		)
	return result


@frappe.whitelist()
def data_export(
	doctype=None,
	parent_doctype=None,
	all_doctypes=True,
	with_data=False,
	select_columns=None,
	file_type="CSV",
	template=False,
	filters=None,
	export_without_column_meta=False,
):
	"""The Data Export tool (frappe.core.doctype.data_export.exporter.export_data)."""
	from frappe.core.doctype.data_export.exporter import export_data

	result = export_data(
		doctype=doctype,
		parent_doctype=parent_doctype,
		all_doctypes=all_doctypes,
		with_data=with_data,
		select_columns=select_columns,
		file_type=file_type,
		template=template,
		filters=filters,
		export_without_column_meta=export_without_column_meta,
	)
	name = doctype[0] if isinstance(doctype, list) else doctype
	if str(with_data).lower() in ("1", "true") and is_app_doctype(name):
		log_export(
			"Export",
			doctype=name,
			method="data_export.export_data",
			file_format=file_type,
			filters=filters,
			row_count=count_rows(name, filters),
		)
	return result


@frappe.whitelist()
def import_template(doctype, export_fields=None, export_records=None, export_filters=None, file_type="CSV"):
	"""Data Import's template download (frappe.core.doctype.data_import.data_import.download_template):
	with records it is an export, so it needs export permission and is logged."""
	from frappe.core.doctype.data_import.data_import import download_template

	with_records = export_records not in (None, "", "blank_template")
	if with_records:
		frappe.permissions.can_export(doctype, raise_exception=True)
	result = download_template(doctype, export_fields, export_records, export_filters, file_type)
	if with_records and is_app_doctype(doctype):
		log_export(
			"Export",
			doctype=doctype,
			method="data_import.download_template",
			file_format=file_type,
			filters=export_filters,
			row_count=min(count_rows(doctype, export_filters), 5)
			if export_records == "5_records"
			else count_rows(doctype, export_filters),
		)
	return result


def count_rows(doctype: str, filters=None) -> int:
	"""Rows the user's permissions and the export's filters select."""
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	return len(frappe.get_list(doctype, filters=filters or None, pluck="name", limit_page_length=0))


def count_response_rows(header_rows: int = 1) -> int | None:
	"""Data rows in the file the engine just put in the response (CSV or Excel)."""
	response = frappe.local.response
	content = response.get("filecontent") or response.get("result")
	filename = response.get("filename") or ""
	if not content:
		return None
	if filename.endswith(".xlsx"):
		from openpyxl import load_workbook

		sheet = load_workbook(io.BytesIO(content), read_only=True).active
		total = sum(1 for row in sheet.iter_rows(values_only=True) if any(v not in (None, "") for v in row))
	else:
		text = content.decode("utf-8-sig") if isinstance(content, bytes) else str(content)
		total = sum(1 for row in csv.reader(io.StringIO(text)) if any(row))
	return max(total - header_rows, 0)
