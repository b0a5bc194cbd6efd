"""Desk in a real browser: the UI speaks the user's language (issue 3, 5).

A System User whose language is `zh` sees the Desk in Chinese: the page title, the sidebar
entries and the list's column labels of the app's DocTypes, and the `__()` translations in the
page. The same page for a user whose language is `en` stays in English, so the Chinese really
comes from the user's language and not from labels written in Chinese.

Which strings: the engine (monoframe) ships no translations of its own (no zh .po/.csv in the
wheel), so the Chinese in the Desk comes from the app's translations/zh.csv, which covers the
app's DocTypes and fields and the Desk's own everyday words (search, filters, save, actions, ...;
the list is huifang/tests/test_translations.py DESK_STRINGS).
"""

import re

from tests.browser.conftest import token

PASSWORD = "Hf-browser-Pw-2026!"
ZH = {"Customer Archive": "客户档案", "Customer Name": "客户名称", "Complaint": "投诉", "Status": "状态"}


def make_user(frappe, language: str) -> str:
	email = f"{token('browser-' + language + '-')}@huifang.test"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": f"浏览器 {language}",
			"language": language,
			"user_type": "System User",
			"send_welcome_email": 0,
			"new_password": PASSWORD,
		}
	).insert(ignore_permissions=True)
	user.add_roles("Huifang Manager", "System Manager")
	frappe.db.commit()
	return email


def open_customer_archives(desk, user: str) -> None:
	desk.login(user, PASSWORD)
	desk.goto("/desk/customer-archive")
	desk.page.locator(".list-row-head").first.wait_for(state="visible")


def test_desk_is_chinese_for_a_zh_user(desk, db):
	"""Desk (requirements: every label reads in Chinese, full zh translations): a System User
	with language zh gets the Desk in Chinese."""
	user = make_user(db, "zh")
	open_customer_archives(desk, user)
	page = desk.page

	assert desk.js("return f.boot.lang") == "zh"
	for english, chinese in ZH.items():
		assert desk.translate(english) == chinese, english
	# what the person sees: the list's title, its column labels and the sidebar
	assert page.locator(".page-head:visible .title-text").first.inner_text().strip() == "客户档案"
	head = page.locator(".list-row-head").first.inner_text()
	assert "客户名称" in head, head
	sidebar = page.locator(".body-sidebar").inner_text()
	assert re.search(r"[\u4e00-\u9fff]", sidebar) and "Customer Archive" not in sidebar, sidebar
	assert "Customer Archive" not in page.locator(".page-head:visible").inner_text()
	desk.shot("zh")
	desk.assert_no_errors()


def test_desk_stays_english_for_an_en_user(desk, db):
	"""Desk (Chinese UI): the same list for a user with language en is in English (the Chinese above
	follows the user's language)."""
	user = make_user(db, "en")
	open_customer_archives(desk, user)
	page = desk.page

	assert desk.js("return f.boot.lang") == "en"
	assert desk.translate("Customer Archive") == "Customer Archive"
	assert page.locator(".page-head:visible .title-text").first.inner_text().strip() == "Customer Archive"
	assert "Customer Name" in page.locator(".list-row-head").first.inner_text()
	desk.shot("en")
	desk.assert_no_errors()


# The Desk's own words on every page: the sidebar, the list and form toolbars.
DESK_CHROME = (
	"Search",
	"Notification",
	"Filter",
	"Saved Filters",
	"List View",
	"Save",
	"Actions",
	"Share",
	"Reports",
)


def test_desk_chrome_is_chinese_for_a_zh_user(desk, db):
	"""Desk (requirements: full zh translations): the Desk's own words (search, notifications,
	filters, save, actions) are translated for a zh user too, not only the app's labels."""
	user = make_user(db, "zh")
	open_customer_archives(desk, user)
	untranslated = [w for w in DESK_CHROME if desk.translate(w) == w]
	desk.shot("chrome")
	assert not untranslated, f"Desk words still in English for a zh user: {untranslated}"
