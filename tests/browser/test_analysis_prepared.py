"""Desk in a real browser: a long date range of an analysis report runs as a Prepared Report
(issue 7, R-73), a month runs at once, and the filters switch between the two."""

from urllib.parse import quote

REPORT = "Monthly Service Analysis"


def last_run(desk, action) -> dict:
	"""Do `action` and return the message of the report run it causes."""
	with desk.page.expect_response(lambda r: "desk.query_report.run" in r.url) as response:
		action()
	desk.wait_ready()
	return response.value.json().get("message") or {}


def test_long_range_goes_to_prepared_report(desk, db):
	"""R-73: Monthly Service Analysis over two years is not computed in the request: the Desk offers
	"Generate New Report" (Frappe's Prepared Report); back to one month, the report runs at once and
	the prepared-report button goes away."""
	desk.login()
	generate = desk.translate("Generate New Report")
	message = last_run(
		desk,
		lambda: desk.goto(f"/desk/query-report/{quote(REPORT)}?from_date=2023-01-01&to_date=2024-12-31"),
	)
	assert message.get("prepared_report") is True and "result" not in message, message
	button = desk.page.locator(".page-head:visible .primary-action", has_text=generate)
	button.wait_for(state="visible")

	message = last_run(desk, lambda: desk.js("f.query_report.set_filter_value('from_date', '2024-12-01');"))
	assert not message.get("prepared_report"), message
	assert "result" in message
	assert not button.is_visible()
	desk.shot("month")
	desk.settle()
	desk.assert_no_errors()
