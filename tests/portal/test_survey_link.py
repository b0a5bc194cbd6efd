"""Satisfaction survey by personal link, over HTTP against the running stack (R-60, R-62)."""

import threading

import pytest

from tests.portal.portal_data import client, form_fields, heading, make_links, make_survey_setup, set_settings


@pytest.fixture(scope="module")
def setup(site_frappe):
	return make_survey_setup(site_frappe)


def one_link(frappe, setup, customer=True, **kwargs) -> dict:
	return make_links(frappe, setup["campaign"], [setup["customer"] if customer else None], **kwargs)[0]


def answers(fields: list[str], rating="5", grade="Satisfied", text="服务很好") -> dict:
	q = fields
	return {q[0]: rating, q[1]: grade, q[2]: "窗口", q[3]: ["速度", "环境"], q[4]: "No", q[5]: text}


def open_form(s, url: str, token: str):
	r = s.get(f"{url}/survey/{token}", timeout=30)
	assert r.status_code == 200, r.text[:500]
	return r, form_fields(r.text)


def submit(s, url, token, data, nonce):
	return s.post(f"{url}/survey/{token}", data={**data, "nonce": nonce}, timeout=60)


def response_count(frappe, campaign: str) -> int:
	frappe.db.rollback()
	return frappe.db.count("Survey Response", {"campaign": campaign})


def test_full_round_trip(stack, site_frappe, setup):
	"""R-62, R-60: a personal link opens a Chinese, accessible form without a password; the answers
	are saved once, scored by the template's scheme, and the thank-you page lists them."""
	frappe = site_frappe
	link = one_link(frappe, setup)
	s = client()
	page, f = open_form(s, stack["url"], link["token"])
	html = page.text
	assert '<html lang="zh-CN">' in html and 'name="viewport"' in html
	assert setup["unit"] in html  # the organisation's name
	assert len(f["questions"]) == 6 and f["nonce"]
	# questions by type: radios for ratings / grades / yes-no / single, checkboxes, a labelled textarea
	assert html.count('type="radio"') == 5 + 3 + 3 + 2 and html.count('type="checkbox"') == 3
	assert (
		"<legend>1. 服务态度" in html
		and f'<label class="block" for="{f["questions"][5]}">6. 其他建议' in html
	)
	assert html.count('class="req"') >= 2 and "（必答）" in html
	assert "<script" not in html  # works with JavaScript off
	before = response_count(frappe, setup["campaign"])

	r = submit(
		s, stack["url"], link["token"], answers(f["questions"], rating="5", grade="Satisfied"), f["nonce"]
	)
	assert r.status_code == 200 and "感谢您的参与" in r.text
	assert "5 很满意" in r.text and "速度\n环境" in r.text and "服务很好" in r.text

	frappe.db.rollback()
	assert response_count(frappe, setup["campaign"]) == before + 1
	invitation = frappe.db.get_value(
		"Survey Invitation", link["name"], ["status", "survey_response", "used_on"], as_dict=True
	)
	assert invitation.status == "Used" and invitation.used_on
	doc = frappe.get_doc("Survey Response", invitation.survey_response)
	assert (doc.customer, doc.channel, doc.is_anonymous) == (setup["customer"], "Portal Link", 0)
	assert (doc.average_score, doc.grade) == (4.5, "Satisfied")  # (5 + 满意=4) / 2, Average scheme
	by_question = {a.question: a for a in doc.answers}
	assert by_question["希望改进的方面"].answer == "速度\n环境"
	assert by_question["工作人员是否索要财物"].answer == "No"


def test_second_submission_and_concurrent_double_submit(stack, site_frappe, setup):
	"""R-62: one response per link — a replayed form, and two submissions racing each other,
	store exactly one response; the loser gets the "already submitted" page."""
	frappe = site_frappe
	link = one_link(frappe, setup)
	s = client()
	_page, f = open_form(s, stack["url"], link["token"])
	data = answers(f["questions"])
	before = response_count(frappe, setup["campaign"])
	results = []

	def post():
		results.append(submit(client(), stack["url"], link["token"], data, f["nonce"]))

	threads = [threading.Thread(target=post) for _ in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	assert sorted(r.status_code for r in results) == [200, 410]
	again = submit(s, stack["url"], link["token"], data, f["nonce"])
	assert again.status_code == 410 and heading(again.text) == "此问卷已提交"
	assert s.get(f"{stack['url']}/survey/{link['token']}", timeout=30).status_code == 410
	assert response_count(frappe, setup["campaign"]) == before + 1


def test_expired_revoked_unknown_and_changed_tokens(stack, site_frappe, setup):
	"""R-62: expired, revoked, unknown, altered and malformed links get a clear page, never a
	traceback, and accept nothing."""
	frappe = site_frappe
	expired, revoked, good = (one_link(frappe, setup) for _ in range(3))
	frappe.db.set_value("Survey Invitation", expired["name"], "expires_on", "2020-01-01 00:00:00")
	frappe.db.set_value("Survey Invitation", revoked["name"], "status", "Revoked")
	frappe.db.commit()
	token = good["token"]
	changed = token[:-1] + ("A" if token[-1] != "A" else "B")
	cases = {
		expired["token"]: (410, "链接已过期"),
		revoked["token"]: (410, "链接已停用"),
		changed: (404, "链接无效"),
		"x" * 43: (404, "链接无效"),
		"short": (404, "链接无效"),
		"%3Cscript%3E": (404, "链接无效"),
	}
	s = client()
	before = response_count(frappe, setup["campaign"])
	for t, (status, title) in cases.items():
		for method in (s.get, s.post):
			r = method(f"{stack['url']}/survey/{t}", timeout=30)
			assert (r.status_code, heading(r.text)) == (status, title), t
			assert "Traceback" not in r.text and "<form" not in r.text
	assert response_count(frappe, setup["campaign"]) == before


def test_tampered_forms_are_refused(stack, site_frappe, setup):
	"""R-62: foreign question ids, out-of-range ratings, options not offered, oversized text and a
	missing or forged nonce are refused; nothing is saved and the link stays usable."""
	frappe = site_frappe
	previous = set_settings(frappe, survey_token_attempts=100)  # many attempts on one link here
	try:
		_tampered_forms_are_refused(stack, frappe, setup)
	finally:
		set_settings(frappe, **previous)


def _tampered_forms_are_refused(stack, frappe, setup):
	link = one_link(frappe, setup)
	other = make_survey_setup(frappe, company=setup["unit"])
	s = client()
	_page, f = open_form(s, stack["url"], link["token"])
	_other_page, other_f = open_form(s, stack["url"], one_link(frappe, other)["token"])
	q = f["questions"]
	good = answers(q)
	url, token = stack["url"], link["token"]
	before = response_count(frappe, setup["campaign"])

	for data in ({**good, "q_notaquestion": "5"}, {**good, other_f["questions"][0]: "5"}):
		r = submit(s, url, token, data, f["nonce"])
		assert (r.status_code, heading(r.text)) == (400, "问卷内容不一致")
	for rating in ("6", "0", "-1", "4.5", "五"):
		r = submit(s, url, token, {**good, q[0]: rating}, f["nonce"])
		assert r.status_code == 400 and "请选择 1 到 5 分" in r.text and f'href="#{q[0]}"' in r.text
	for field, value in ((q[1], "Excellent"), (q[2], "邮寄"), (q[3], ["速度", "价格"]), (q[4], "Maybe")):
		r = submit(s, url, token, {**good, field: value}, f["nonce"])
		assert r.status_code == 400 and "请从给出的选项中选择" in r.text
	r = submit(s, url, token, {**good, q[5]: "长" * 2001}, f["nonce"])
	assert r.status_code == 400 and "最多 2000 个字" in r.text
	r = submit(s, url, token, {**good, "comments": "评" * 2001}, f["nonce"])
	assert r.status_code == 400 and "最多 2000 个字" in r.text
	r = submit(s, url, token, {k: v for k, v in good.items() if k != q[0]}, f["nonce"])
	assert r.status_code == 400 and "请回答此题" in r.text
	for nonce in ("", "1700000000.0123456789abcdef0123456789abcdef", other_f["nonce"]):
		r = submit(s, url, token, good, nonce)
		assert r.status_code == 400 and "页面已停留过久或来源无效" in r.text
		assert 'value="5" checked' in r.text  # the answers are kept for the second try
	assert response_count(frappe, setup["campaign"]) == before
	assert frappe.db.get_value("Survey Invitation", link["name"], "status") == "Open"
	r = submit(s, url, token, {**good, q[5]: "长" * 2000}, f["nonce"])
	assert r.status_code == 200 and "感谢您的参与" in r.text


def test_html_in_answers_is_escaped_everywhere(stack, site_frappe, setup):
	"""R-62: HTML or script typed into a survey loses its tags and shows as plain text on the
	thank-you page, in the Desk form API and in the print format."""
	frappe = site_frappe
	link = one_link(frappe, setup)
	s = client()
	_page, f = open_form(s, stack["url"], link["token"])
	typed = '他说"<i>很好</i>" & 1<2 <script>alert("xss")</script><img src=x onerror=alert(1)>'
	comment = "<svg onload=alert(2)>意见</svg> a<b"
	r = submit(
		s,
		stack["url"],
		link["token"],
		{**answers(f["questions"], text=typed), "comments": comment},
		f["nonce"],
	)
	assert r.status_code == 200
	for html in (r.text,):
		assert "他说&#34;很好&#34; &amp; 1&lt;2" in html and "意见 a&lt;b" in html
		assert "<script>alert" not in html and "onerror" not in html and "<svg onload" not in html

	frappe.db.rollback()
	name = frappe.db.get_value("Survey Invitation", link["name"], "survey_response")
	stored = frappe.db.get_value("Survey Answer", {"parent": name, "question": "其他建议"}, "answer")
	assert stored == '他说"很好" & 1<2'

	staff = client()
	assert staff.post(
		f"{stack['url']}/api/method/login",
		data={"usr": "Administrator", "pwd": _admin_password()},
		timeout=30,
	).ok
	desk = staff.get(
		f"{stack['url']}/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Survey Response", "name": name},
		timeout=30,
	).json()
	texts = [a.get("answer") or "" for a in desk["docs"][0]["answers"]] + [
		desk["docs"][0].get("comments") or ""
	]
	assert '他说"很好" & 1<2' in texts and "意见 a<b" in texts
	assert not any(t in "".join(texts) for t in ("<script", "<img", "<svg", "<i>"))
	printed = staff.get(
		f"{stack['url']}/printview",
		params={
			"doctype": "Survey Response",
			"name": name,
			"format": "Survey Response Sheet",
			"no_letterhead": 1,
		},
		timeout=60,
	)
	assert printed.status_code == 200 and "满意度调查答卷" in printed.text
	assert "他说&#34;很好&#34; &amp; 1&lt;2" in printed.text and "意见 a&lt;b" in printed.text
	assert "alert(" not in printed.text


def test_rate_limit_per_link_and_per_ip(stack, site_frappe, setup):
	"""R-62: submissions are limited per link and per IP address (attempts per 10 minutes)."""
	frappe = site_frappe
	previous = set_settings(frappe, survey_token_attempts=3, survey_ip_attempts=5)
	try:
		link = one_link(frappe, setup)
		s = client()
		_page, f = open_form(s, stack["url"], link["token"])
		for _ in range(3):
			assert submit(s, stack["url"], link["token"], {}, f["nonce"]).status_code == 400
		other_ip = client()  # the link's own counter is full whatever the address
		r = submit(other_ip, stack["url"], link["token"], answers(f["questions"]), f["nonce"])
		assert (r.status_code, heading(r.text)) == (429, "提交过于频繁")
		assert frappe.db.get_value("Survey Invitation", link["name"], "status") == "Open"

		ip = client()
		fresh = [one_link(frappe, setup) for _ in range(3)]
		for lnk in fresh[:2]:  # 2 links x 2 attempts + 1 = 5 attempts from this address
			_p, ff = open_form(ip, stack["url"], lnk["token"])
			assert submit(ip, stack["url"], lnk["token"], {}, ff["nonce"]).status_code == 400
			assert submit(ip, stack["url"], lnk["token"], {}, ff["nonce"]).status_code == 400
		assert (
			ip.post(f"{stack['url']}/survey/{'y' * 43}", timeout=30).status_code == 404
		)  # unknown links count too
		_p, ff = open_form(ip, stack["url"], fresh[2]["token"])
		r = submit(ip, stack["url"], fresh[2]["token"], answers(ff["questions"]), ff["nonce"])
		assert (r.status_code, heading(r.text)) == (429, "提交过于频繁")
		r = submit(client(), stack["url"], fresh[2]["token"], answers(ff["questions"]), ff["nonce"])
		assert r.status_code == 200  # another address is not affected
	finally:
		set_settings(frappe, **previous)


def test_anonymous_response_keeps_no_link_to_the_customer(stack, site_frappe):
	"""R-62: an anonymous survey stores no identity — the response has no customer, the link
	has no customer, no answer time and no response, and nothing else in the database joins them."""
	frappe = site_frappe
	setup = make_survey_setup(frappe, anonymous=True)
	customer = frappe.db.get_value(
		"Customer Archive", setup["customer"], ["name", "customer_name"], as_dict=True
	)
	link = one_link(frappe, setup, channel="Email")
	s = client()
	_page, f = open_form(s, stack["url"], link["token"])
	r = submit(
		s, stack["url"], link["token"], answers(f["questions"], rating="1", grade="Unsatisfied"), f["nonce"]
	)
	assert r.status_code == 200

	frappe.db.rollback()
	responses = frappe.db.sql(
		"select * from `tabSurvey Response` where campaign=%s", setup["campaign"], as_dict=True
	)
	assert len(responses) == 1
	response = responses[0]
	assert (response.customer, response.customer_name, response.owner, response.modified_by, response.is_anonymous) == (
		None, None, "Guest", "Guest", 1,
	)  # fmt: skip
	invitation = frappe.db.sql(
		"select * from `tabSurvey Invitation` where name=%s", link["name"], as_dict=True
	)[0]
	assert invitation.status == "Used"
	assert (
		invitation.customer,
		invitation.customer_name,
		invitation.survey_response,
		invitation.used_on,
	) == (None,) * 4
	assert invitation.modified == invitation.creation  # answering did not stamp a time on the link
	identity = {customer.name, customer.customer_name}
	rows = [
		response,
		*frappe.db.sql("select * from `tabSurvey Answer` where parent=%s", response.name, as_dict=True),
	]
	for row in rows:
		assert not identity & {str(v) for v in row.values()}, row
		assert link["name"] not in {str(v) for v in row.values()}
	for table, field in (
		("tabVersion", "docname"),
		("tabComment", "reference_name"),
		("tabCallback Task", "notes"),
	):
		assert not frappe.db.sql(f"select name from `{table}` where `{field}` like %s", f"%{response.name}%")


def test_low_score_creates_exactly_one_follow_up_task(stack, site_frappe, setup):
	"""R-43, R-60: a named response below the threshold opens exactly one follow-up callback task
	for that customer; saving it again adds none, and a good score opens none."""
	frappe = site_frappe
	low, high = one_link(frappe, setup), one_link(frappe, setup)
	s = client()
	for link, rating, grade in ((low, "1", "Unsatisfied"), (high, "5", "Satisfied")):
		_page, f = open_form(s, stack["url"], link["token"])
		assert (
			submit(
				s, stack["url"], link["token"], answers(f["questions"], rating, grade), f["nonce"]
			).status_code
			== 200
		)
	frappe.db.rollback()
	low_response = frappe.db.get_value("Survey Invitation", low["name"], "survey_response")
	high_response = frappe.db.get_value("Survey Invitation", high["name"], "survey_response")
	tasks = frappe.get_all(
		"Callback Task", filters={"task_key": f"survey:{low_response}"}, fields=["customer", "status"]
	)
	assert tasks == [{"customer": setup["customer"], "status": "Open"}]
	assert not frappe.db.exists("Callback Task", {"task_key": f"survey:{high_response}"})
	doc = frappe.get_doc("Survey Response", low_response)
	doc.comments = "回访前补充"
	doc.save(ignore_permissions=True)
	frappe.db.commit()
	assert frappe.db.count("Callback Task", {"task_key": f"survey:{low_response}"}) == 1


def test_staff_enter_a_paper_form(stack, site_frappe, setup):
	"""R-61: staff type a paper form into the Desk (channel Paper Form); it is scored like any
	other response and a low score is followed up."""
	frappe = site_frappe
	from huifang.tests.factories import make_user

	agent = make_user("paper-agent", "Huifang Agent")
	frappe.get_doc("User", agent).update({"new_password": "Agent-Pass-2026!"}).save(ignore_permissions=True)
	unit = frappe.get_doc("Service Unit", setup["unit"])  # agents work on their own unit's surveys
	unit.append("members", {"user": agent, "unit_role": "Staff"})
	unit.save(ignore_permissions=True)
	frappe.db.commit()
	s = client()
	assert s.post(
		f"{stack['url']}/api/method/login", data={"usr": agent, "pwd": "Agent-Pass-2026!"}, timeout=30
	).ok
	questions = frappe.get_doc("Survey Template", setup["template"]).questions
	rows = [{"question": q.question, "question_type": q.question_type, "weight": q.weight} for q in questions]
	rows[0]["rating"], rows[1]["grade"] = 2, "Unsatisfied"
	r = s.post(
		f"{stack['url']}/api/resource/Survey Response",
		json={"campaign": setup["campaign"], "survey_template": setup["template"], "channel": "Paper Form",
			"customer": setup["customer"], "answers": rows},
		timeout=60,
	)  # fmt: skip
	assert r.status_code == 200, r.text[:1000]
	data = r.json()["data"]
	assert (data["channel"], data["average_score"], data["grade"]) == ("Paper Form", 2.0, "Unsatisfied")
	frappe.db.rollback()
	assert frappe.db.count("Callback Task", {"task_key": f"survey:{data['name']}"}) == 1


def _admin_password() -> str:
	from tests.conftest import ADMIN_PASSWORD

	return ADMIN_PASSWORD
