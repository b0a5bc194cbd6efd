"""Export and print control (R-12, R-73): Supervisors and up export and print archives; each
export and print is logged with who, what, filters and row count; nobody exports around it."""

import io
import json

from openpyxl import load_workbook


def export_logs(frappe, user, **filters):
	frappe.db.rollback()
	return frappe.get_all(
		"Export Log",
		filters={"user": user, **filters},
		fields=[
			"kind",
			"reference_doctype",
			"reference_name",
			"filters",
			"row_count",
			"file_format",
			"ip_address",
		],
		order_by="creation",
	)


def test_supervisor_export_is_logged_with_filters_and_rows(world, as_user, site_frappe):
	"""R-12: the supervisor's Excel export of archives is logged: who, which DocType, the filters and
	the number of rows in the file."""
	frappe = site_frappe
	user = world["u"]["supervisor_d"]
	before = len(export_logs(frappe, user, kind="Export"))
	filters = [["customer_name", "like", f"%{world['tag']}%"]]
	r = as_user("supervisor_d").post(
		"/api/method/frappe.desk.reportview.export_query",
		doctype="Customer Archive",
		file_format_type="Excel",
		title="客户档案",
		filters=json.dumps(filters),
		fields=json.dumps(["`tabCustomer Archive`.`name`", "`tabCustomer Archive`.`primary_phone`"]),
	)
	assert r.status_code == 200, r.text[-300:]
	rows = list(load_workbook(io.BytesIO(r.content), read_only=True).active.iter_rows(values_only=True))
	logs = export_logs(frappe, user, kind="Export")
	assert len(logs) == before + 1
	log = logs[-1]
	assert (log.reference_doctype, log.file_format, log.row_count) == (
		"Customer Archive",
		"Excel",
		len(rows) - 1,
	)
	assert log.row_count >= 2  # both windows below the department, the confidential one excluded
	assert world["tag"] in log.filters and log.ip_address


def test_print_is_logged(world, as_user, site_frappe):
	"""R-12: each print of an archive is logged with the document."""
	frappe = site_frappe
	user = world["u"]["supervisor_a"]
	before = len(export_logs(frappe, user, kind="Print", reference_name=world["cust_a"]))
	r = as_user("supervisor_a").get(
		"/printview", doctype="Customer Archive", name=world["cust_a"], format="Standard"
	)
	assert r.status_code == 200
	logs = export_logs(frappe, user, kind="Print", reference_name=world["cust_a"])
	assert len(logs) == before + 1
	assert (logs[-1].reference_doctype, logs[-1].row_count) == ("Customer Archive", 1)


def test_refused_export_is_not_logged_and_other_export_paths_are_closed(world, as_user, site_frappe):
	"""R-12: the agent's export of archives is refused, also through Data Import's template download
	and the Data Export tool, and no log claims it happened; the supervisor's template export is logged."""
	frappe = site_frappe
	agent = as_user("agent_a")
	for path, args in (
		(
			"frappe.desk.reportview.export_query",
			{"doctype": "Customer Archive", "file_format_type": "CSV", "fields": json.dumps(["name"])},
		),
		(
			"frappe.core.doctype.data_import.data_import.download_template",
			{"doctype": "Customer Archive", "export_records": "all", "file_type": "CSV"},
		),
		(
			"frappe.core.doctype.data_export.exporter.export_data",
			{
				"doctype": "Customer Archive",
				"with_data": 1,
				"select_columns": json.dumps({"Customer Archive": ["name"]}),
			},
		),
	):
		r = agent.method(path, _http="POST", **args)
		assert r.status_code == 403, (path, r.status_code, r.text[-300:])
		assert world["cust_a"] not in r.text
	assert export_logs(frappe, world["u"]["agent_a"], reference_doctype="Customer Archive") == []

	r = as_user("supervisor_a").method(
		"frappe.core.doctype.data_import.data_import.download_template",
		_http="POST",
		doctype="Customer Archive",
		export_records="by_filter",
		export_filters=json.dumps({"name": world["cust_a"]}),
		export_fields=json.dumps({"Customer Archive": ["name", "customer_name"]}),
		file_type="CSV",
	)
	assert r.status_code == 200, r.text[-300:]
	log = export_logs(
		frappe, world["u"]["supervisor_a"], kind="Export", reference_doctype="Customer Archive"
	)[-1]
	assert log.row_count == 1 and world["cust_a"] in log.filters


def test_script_report_export_is_logged_and_refused_without_export_permission(world, as_user, site_frappe):
	"""R-12, R-73: a supervisor's export of a Script Report is logged with the report, its filters and
	the rows in the file; an agent's export of a report on callback records is refused, unlogged."""
	frappe = site_frappe
	user = world["u"]["supervisor_d"]
	before = len(export_logs(frappe, user, kind="Export", reference_doctype="Complaint"))
	filters = {"service_unit": world["department"], "group_by": "Service Unit"}
	shown = as_user("supervisor_d").method(
		"frappe.desk.query_report.run", report_name="Complaint Analysis", filters=json.dumps(filters)
	)
	rows_shown = len(shown.json()["message"]["result"])
	r = as_user("supervisor_d").post(
		"/api/method/frappe.desk.query_report.export_query",
		report_name="Complaint Analysis",
		file_format_type="CSV",
		filters=json.dumps(filters),
		visible_idx=json.dumps(list(range(rows_shown))),  # the rows the Desk shows, as it sends them
	)
	assert r.status_code == 200, r.text[-300:]
	lines = [line for line in r.content.decode("utf-8-sig").splitlines() if line.strip()]
	assert len(lines) >= 3 and world["window_a"] in r.content.decode("utf-8-sig")
	logs = export_logs(frappe, user, kind="Export", reference_doctype="Complaint")
	assert len(logs) == before + 1
	log = frappe.get_all(
		"Export Log",
		filters={"user": user, "report_name": "Complaint Analysis"},
		fields=["row_count", "filters", "file_format"],
		order_by="creation desc",
		limit=1,
	)[0]
	assert (log.row_count, log.file_format) == (len(lines) - 1, "CSV") and log.row_count == rows_shown
	assert world["department"] in log.filters

	r = as_user("agent_a").post(
		"/api/method/frappe.desk.query_report.export_query",
		report_name="Monthly Service Analysis",
		file_format_type="CSV",
		filters=json.dumps({}),
		visible_idx=json.dumps([]),
	)
	assert r.status_code == 403, r.text[-300:]
	assert export_logs(frappe, world["u"]["agent_a"], report_name="Monthly Service Analysis") == []
