"""Desk in a real browser: Script Reports with their charts, Report Builder export (issue 3, 4).

Script Reports: the app's own Script Reports (found on disk under apps/huifang/**/report/) each
render without JS errors, with their chart when the report returns one; the engine's
"Website Analytics" Script Report is always checked with seeded page views, so the chart path
(frappe-charts in the Desk build) is proven even before the app has reports of its own.

Report Builder: /desk/todo/view/report filtered to a few known ToDo rows, exported through
Menu → Export as Excel and as CSV; the downloaded files open with openpyxl / csv and hold
exactly the rows the view shows.
"""

import csv
import io
import json
import re
import time
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest

from tests.browser.conftest import token
from tests.conftest import BENCH

APP = BENCH / "apps" / "huifang" / "huifang"


def huifang_script_reports() -> list[str]:
	names = []
	for path in sorted(APP.glob("*/report/*/*.json")):
		try:
			doc = json.loads(path.read_text())
		except ValueError:
			continue
		if doc.get("doctype") == "Report" and doc.get("report_type") == "Script Report":
			names.append(doc["name"])
	return names


def open_query_report(desk, report: str) -> dict:
	"""Open /desk/query-report/<report> and wait until its runs are answered; return what the
	last run sent: the number of rows and whether it carries a chart with data."""
	page = desk.page
	runs = []

	def on_response(response):
		if "desk.query_report.run" in response.url:
			runs.append(response)

	page.on("response", on_response)
	try:
		desk.goto(f"/desk/query-report/{quote(report)}")
		deadline = time.monotonic() + 30
		while not runs and time.monotonic() < deadline:
			page.wait_for_timeout(200)
		assert runs, f"the report page of {report!r} never ran the report"
		desk.wait_ready()  # later runs (filters settling) are answered too
	finally:
		page.remove_listener("response", on_response)
	last = runs[-1]
	assert last.ok, f"{report}: {last.status} {last.text()[:2000]}"
	message = last.json().get("message") or {}
	chart = message.get("chart") or {}
	datasets = (chart.get("data") or {}).get("datasets") or []
	return {
		"rows": len(message.get("result") or []),
		"chart": any(d.get("values") for d in datasets),
	}


def assert_chart_rendered(desk) -> None:
	"""A visible chart SVG of a real size with something drawn in it (lines, bars or slices).
	Waited for as a whole: the report may redraw its chart once its filters settle."""
	desk.page.wait_for_function(
		"""() => [...document.querySelectorAll('.chart-wrapper svg')].some((svg) => {
			const box = svg.getBoundingClientRect();
			return box.width > 100 && box.height > 50 && svg.querySelector('path, rect, circle');
		})"""
	)


def test_engine_script_report_renders_chart(desk, db):
	"""R-73 (reports are charted) / Desk: the Script Report "Website Analytics" renders its table and its chart (the chart
	library and the report bundle work in the Desk build)."""
	marker = token("/hf-browser-")
	for i, suffix in enumerate(("a", "a", "b")):
		db.get_doc(
			{
				"doctype": "Web Page View",
				"path": f"{marker}-{suffix}",
				"is_unique": int(i != 1),
				"browser": "Chrome",
			}
		).insert(ignore_permissions=True)
	db.db.commit()

	desk.login()
	got = open_query_report(desk, "Website Analytics")
	assert got["rows"] >= 2 and got["chart"], got
	assert_chart_rendered(desk)
	table = desk.page.locator(".report-wrapper .dt-scrollable")
	table.wait_for(state="visible")
	text = table.inner_text()
	assert f"{marker}-a" in text and f"{marker}-b" in text
	desk.shot("website-analytics")
	desk.assert_no_errors()


@pytest.mark.parametrize(
	"report", huifang_script_reports() or [pytest.param(None, marks=pytest.mark.skip("no script report yet"))]
)
def test_huifang_script_report_renders(desk, report):
	"""R-73 / Desk: each of the app's Script Reports renders without JS errors, and draws its
	chart whenever the report returns one."""
	desk.login()
	got = open_query_report(desk, report)
	if got["chart"] and got["rows"]:  # the Desk draws a report's chart only next to rows
		assert_chart_rendered(desk)
	desk.shot("report")
	desk.assert_no_errors()


@pytest.mark.skipif("Complaint Analysis" not in huifang_script_reports(), reason="no script report yet")
def test_complaint_analysis_renders_chart(desk, db):
	"""R-73 / R-70: the app's Script Report "Complaint Analysis" shows this month's complaints
	by category with its chart drawn."""
	from tests.browser.test_workflow import make_complaint

	make_complaint(db, token("报表 "))
	desk.login()
	got = open_query_report(desk, "Complaint Analysis")
	assert got["rows"] >= 1 and got["chart"], got
	assert_chart_rendered(desk)
	table = desk.page.locator(".report-wrapper .dt-scrollable")
	assert desk.translate("Customer Service") in table.inner_text()
	desk.shot("complaint-analysis")
	desk.assert_no_errors()


def _export(desk, file_format: str) -> Path:
	"""Menu → Export → File Format → Download, as a person would; return the downloaded file."""
	page = desk.page
	page.locator(
		".page-head:visible .menu-btn-group button, .page-head:visible button.menu-more-button"
	).first.click()
	export = desk.translate("Export")
	page.locator(
		".dropdown-menu:visible .dropdown-item", has_text=re.compile(rf"^\s*{re.escape(export)}\s*$")
	).first.click()
	dialog = page.locator(".modal.show")
	dialog.locator("select[data-fieldname='file_format']").select_option(file_format)
	desk.shot(f"export-{file_format.lower()}")
	with page.expect_download() as download:
		dialog.locator(".btn-modal-primary").click()
	target = desk.downloads / f"export-{file_format.lower()}-{download.value.suggested_filename}"
	download.value.save_as(str(target))
	assert download.value.failure() is None
	return target


def test_report_builder_exports_excel_and_csv(desk, db):
	"""R-73 / Desk: the Report Builder (ToDo report view) filtered to known rows exports them
	through Menu → Export as Excel and as CSV; both files hold exactly the rows shown."""
	marker = token("导出测试-")
	expected = {}
	for i in range(3):
		doc = db.get_doc(
			{"doctype": "ToDo", "description": f"{marker} 第{i + 1}行", "priority": "Medium"}
		).insert()
		expected[doc.name] = doc.description
	db.db.commit()

	desk.login()
	page = desk.page
	desk.goto("/desk/todo/view/report")
	page.locator(".standard-filter-section [data-fieldname='description'] input").fill(marker)
	# the view may open with the filters saved from an earlier visit: wait for exactly our rows
	page.wait_for_function(
		"""(names) => window.cur_list && cur_list.data && cur_list.data.length === names.length
			&& names.every((n) => cur_list.data.some((r) => r.name === n))
			&& document.querySelectorAll('.report-view .dt-scrollable .dt-row').length === names.length""",
		arg=sorted(expected),
	)
	desk.wait_ready()
	shown = {
		r["name"]: r.get("description")
		for r in desk.js("return cur_list.data.map(r => ({name: r.name, description: r.description}))")
	}
	assert set(shown) == set(expected)
	grid = page.locator(".report-view .dt-scrollable").inner_text()
	for name, description in expected.items():
		assert name in grid and description in grid
	desk.shot("report-builder")

	xlsx = _export(desk, "Excel")
	assert xlsx.suffix == ".xlsx", xlsx.name
	sheet = openpyxl.load_workbook(xlsx, read_only=True).active
	xrows = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
	assert_rows(xrows, expected, "Excel")

	page.wait_for_timeout(500)
	csv_file = _export(desk, "CSV")
	assert csv_file.suffix == ".csv", csv_file.name
	crows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
	assert_rows(crows, expected, "CSV")
	desk.assert_no_errors()


def assert_rows(rows: list[list[str]], expected: dict, kind: str) -> None:
	"""The file has a header row, then one row per ToDo shown, each with its ID and description."""
	data = [r for r in rows if any(cell.strip() for cell in r)]
	found = {name: r for r in data for name in expected if name in r}
	assert set(found) == set(expected), f"{kind} export: rows {data!r}"
	for name, description in expected.items():
		assert description in found[name], f"{kind} export row for {name}: {found[name]!r}"
	others = [r for r in data if not any(name in r for name in expected)]
	assert len(others) <= 1, f"{kind} export has rows not shown in the view: {others!r}"  # the header only
