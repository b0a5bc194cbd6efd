"""Desk in a real browser: new forms open cleanly and their Link fields search (issue 3, 2), and a
customer's archive shows the customer's whole history (R-13)."""

from tests.browser.conftest import token

NEW_FORMS = ("complaint", "callback-record", "callback-plan")


def error_dialogs(page) -> list[str]:
	return [t.strip() for t in page.locator(".modal.show .modal-body").all_inner_texts() if t.strip()]


def test_new_forms_open_and_link_fields_search(desk, db):
	"""Desk (staff work in forms): a new Complaint, Callback Record and Callback Plan open with no
	error dialog (their workflow_state Link is validated on open), and typing in a Link field
	offers the matching record."""
	from huifang.tests import factories as fx

	unit_name = f"_T Unit {token('link-')}"
	fx.make_unit(unit_name=unit_name)
	db.db.commit()
	desk.login()
	page = desk.page
	for route in NEW_FORMS:
		desk.goto(f"/desk/{route}/new")
		desk.settle(1)
		assert not error_dialogs(page), (route, error_dialogs(page))

	desk.goto("/desk/complaint/new")
	field = page.locator(".form-layout input[data-fieldname='service_unit']")
	field.click()
	field.fill(unit_name[-10:])
	suggestion = page.locator(f".awesomplete [role='option']:visible:has-text('{unit_name}')")
	suggestion.first.wait_for(state="visible")
	suggestion.first.click()
	page.wait_for_function("(v) => cur_frm.doc.service_unit === v", arg=unit_name)
	desk.settle(1)
	assert not error_dialogs(page), error_dialogs(page)
	desk.shot("link-search")
	desk.assert_no_errors()


def test_customer_archive_shows_its_history(desk, db):
	"""R-13: the archive's form shows the customer's service event, callback task and record,
	complaint, rectification and survey on its timeline, with the connections counting them."""
	from huifang.huifang.doctype.customer_archive.test_customer_archive import TestCustomerHistory
	from huifang.tests import factories as fx

	history = TestCustomerHistory.__new__(TestCustomerHistory)
	history.agent = fx.make_user("agent", fx.AGENT)
	history.unit = fx.make_unit(members=[history.agent])
	customer = fx.make_customer(history.unit)
	names = history.make_history(customer)
	db.db.commit()

	desk.login()
	page = desk.page
	desk.goto(f"/desk/customer-archive/{customer}")
	timeline = page.locator(".new-timeline").first
	for name in names.values():
		timeline.locator(f"a:has-text('{name}')").first.wait_for(state="attached")
	text = timeline.inner_text()
	assert "电梯又坏了" in text and "电梯整改" in text, text
	# the connections: one document of each kind, each with its count
	for doctype in names:
		badge = page.locator(f".form-dashboard .document-link[data-doctype='{doctype}'] .count")
		badge.first.wait_for(state="visible")
		assert badge.first.inner_text().strip() == "1", doctype
	timeline.scroll_into_view_if_needed()
	desk.shot("timeline")
	desk.assert_no_errors()
