"""Desk in a real browser: logging in, the home page, a list, a form and saving it (issue 3, 1-2)."""

import re

from tests.browser.conftest import token


def test_login_desk_home_has_no_js_errors(desk):
	"""Desk: a person logs in at /login and lands on the Desk home, fully booted, with no console
	error and no uncaught exception (every JS error in the page fails the test)."""
	desk.login()
	page = desk.page

	assert re.search(r"/(desk|app)(/|$)", page.url), page.url
	assert desk.js("return f.boot.user.name") == "Administrator"
	assert desk.js("return f.session.user") == "Administrator"
	# app scripts written for Frappe use the `frappe` global (the engine's is `monoframe`)
	assert page.evaluate(
		"() => !!(window.frappe && window.frappe.ui && window.frappe.ui.form && window.frappe.boot)"
	)
	# the Desk really rendered: the sidebar with its workspaces and the current page's title
	assert page.locator(".body-sidebar").is_visible()
	assert page.locator(".body-sidebar .sidebar-item-container").count() > 0
	current = page.locator("#body .page-container:visible").first
	assert current.locator(".page-head").inner_text().strip()  # its title or breadcrumb
	# and a body with content (the workspace's cards come in after the page), not a blank page
	page.wait_for_function(
		"() => [...document.querySelectorAll('#body .page-container')].some("
		"(p) => p.offsetParent !== null && p.querySelector('.layout-main-section') "
		"&& p.querySelector('.layout-main-section').innerText.trim().length > 20)"
	)
	# the app's own Desk assets came in with the boot (app_include_js)
	assert page.locator("script[src*='/assets/huifang/']").count() >= 1 or page.evaluate(
		"() => !!window.huifang"
	), "huifang's app_include_js was not loaded"

	desk.settle()
	desk.shot("home")
	desk.assert_no_errors()


def test_list_filter_form_edit_save(desk, db):
	"""R-10 / Desk: the Customer Archive list is filtered by ID in its filter bar, a row opens its form,
	a field is edited and saved with Ctrl+S, and the change is in the database."""
	from huifang.tests import factories as fx

	unit = fx.make_unit(unit_type="Window")
	names = [fx.make_customer(unit) for _ in range(3)]
	db.db.commit()
	target = names[1]
	customer_name = db.db.get_value("Customer Archive", target, "customer_name")

	desk.login()
	page = desk.page
	desk.goto("/desk/customer-archive")
	page.locator(".list-row-container").first.wait_for()

	# filter: type the archive's ID into the list's standard filter, as a person would
	id_filter = page.locator(".standard-filter-section [data-fieldname='name'] input")
	id_filter.fill(target)
	rows = page.locator(".result .list-row-container:has(.list-row-col a[data-name])")
	page.wait_for_function(
		"""(name) => {
			const rows = [...document.querySelectorAll('.result .list-row-container')]
				.filter((row) => row.querySelector('.list-row-col a[data-name]'));
			return rows.length === 1 && rows[0].querySelector(`a[data-name="${name}"]`);
		}""",
		arg=target,
	)
	assert rows.count() == 1
	assert customer_name in rows.first.inner_text()
	desk.shot("list-filtered")

	# open the form from the list
	rows.first.locator(f"a[data-name='{target}']").first.click()
	page.wait_for_url(re.compile(rf"/customer-archive/{re.escape(target)}$"))
	desk.wait_ready()
	assert desk.js("return cur_frm && cur_frm.doc.name") == target

	# edit a field and save with the keyboard shortcut
	room = token("房号-")
	field = page.locator(".form-layout input[data-fieldname='room_no']")
	field.fill(room)
	page.wait_for_function("() => cur_frm.is_dirty()")
	with page.expect_response(lambda r: "savedocs" in r.url) as saved:
		page.keyboard.press("Control+s")
	assert saved.value.ok, saved.value.text()
	page.wait_for_function("(v) => !cur_frm.is_dirty() && cur_frm.doc.room_no === v", arg=room)
	desk.wait_ready()
	desk.shot("form-saved")

	db.db.rollback()  # a fresh snapshot: see what the browser committed
	assert db.db.get_value("Customer Archive", target, "room_no") == room
	for other in names:
		if other != target:
			assert db.db.get_value("Customer Archive", other, "room_no") != room
	desk.assert_no_errors()
