"""The survey on a phone, in headless Chromium with JavaScript switched off (R-62): labels work
as touch targets, the keyboard reaches every answer, nothing overflows a 390 px screen, and the
thank-you page follows. Screenshots go to test-output/portal/."""

import pytest

from tests.conftest import CHROMIUM, OUTPUT
from tests.portal.portal_data import client, make_links, make_survey_setup

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser(playwright_driver):
	b = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
	yield b
	b.close()


def test_fill_the_survey_on_a_phone(stack, site_frappe, browser):
	"""R-62: a customer answers the survey on a phone-sized screen without JavaScript, partly by
	keyboard, and gets the thank-you page; the answers are stored once."""
	frappe = site_frappe
	setup = make_survey_setup(frappe)
	link = make_links(frappe, setup["campaign"], [setup["customer"]])[0]
	out = OUTPUT / "portal"
	out.mkdir(parents=True, exist_ok=True)
	context = browser.new_context(
		viewport=PHONE,
		device_scale_factor=2,
		is_mobile=True,
		has_touch=True,
		java_script_enabled=False,
		locale="zh-CN",
		# a client address of its own, so other tests' submissions do not count against this phone
		extra_http_headers={"X-Forwarded-For": client().headers["X-Forwarded-For"]},
	)
	page = context.new_page()
	try:
		response = page.goto(f"{stack['url']}/survey/{link['token']}")
		assert response.status == 200
		assert page.locator("h1").inner_text().startswith("客户满意度调查")
		assert page.locator("main").bounding_box()["width"] <= PHONE["width"]
		page.screenshot(path=str(out / "survey-form.png"), full_page=True)

		fieldsets = page.locator("fieldset")
		fieldsets.nth(0).get_by_label("4 满意").check()  # tap on the label text
		# keyboard only: focus the first grade, arrow to the next one (radio groups move and select)
		fieldsets.nth(1).get_by_label("满意", exact=True).focus()
		page.keyboard.press("ArrowDown")
		assert fieldsets.nth(1).get_by_label("基本满意").is_checked()
		fieldsets.nth(2).get_by_label("网上").check()
		fieldsets.nth(3).get_by_label("速度").check()
		fieldsets.nth(3).get_by_label("环境").check()
		fieldsets.nth(4).get_by_label("否").check()
		page.get_by_label("6. 其他建议").fill("窗口排队时间可以再短一些。<b>谢谢</b>")
		page.get_by_label("其他意见和建议").fill("整体满意")
		page.get_by_role("button", name="提交问卷").focus()
		with page.expect_navigation():
			page.keyboard.press("Enter")
		assert page.locator("h1").inner_text() == "感谢您的参与！"
		assert "窗口排队时间可以再短一些。谢谢" in page.locator("dl.answers").inner_text()
		page.screenshot(path=str(out / "survey-thanks.png"), full_page=True)
	finally:
		context.close()
	frappe.db.rollback()
	response_name = frappe.db.get_value("Survey Invitation", link["name"], "survey_response")
	doc = frappe.get_doc("Survey Response", response_name)
	assert (doc.average_score, doc.grade) == (3.5, "Satisfied")  # (4 + 基本满意=3) / 2 rounds to 4
	assert (out / "survey-form.png").stat().st_size > 10_000
