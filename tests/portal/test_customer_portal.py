"""Signed-in customers: their own complaints and surveys, never anyone else's (R-50, R-53, R-62)."""

import re

import pytest

from tests.portal.portal_data import (
	client,
	form_fields,
	heading,
	login,
	make_links,
	make_portal_user,
	make_survey_setup,
)


@pytest.fixture(scope="module")
def people(site_frappe):
	setup = make_survey_setup(site_frappe)
	return {
		**setup,
		"a": make_portal_user(site_frappe, setup["unit"], "a"),
		"b": make_portal_user(site_frappe, setup["unit"], "b"),
	}


def file_complaint(s, url, subject, **fields):
	page = s.get(f"{url}/my/complaints/new", timeout=30)
	assert page.status_code == 200
	csrf = form_fields(page.text)["csrf_token"]
	data = {
		"csrf_token": csrf,
		"subject": subject,
		"category": "Property Management",
		"description": "电梯停运三天",
		**fields,
	}
	return s.post(f"{url}/my/complaints/new", data=data, allow_redirects=False, timeout=60)


def test_customer_files_and_follows_a_complaint(stack, site_frappe, people):
	"""R-50, R-53, R-62: a customer files a complaint on the portal (no JavaScript needed), sees it
	in their list with its status, and reads the replies sent to them; their text shows escaped."""
	frappe = site_frappe
	url = stack["url"]
	a = login(url, people["a"]["user"])
	r = file_complaint(
		a, url, "电梯故障 <b>无人修</b>", description='第一行\n<script>alert(1)</script>"第二行" 1<2'
	)
	assert r.status_code == 303 and r.headers["Location"].startswith("/my/complaints?filed=")
	name = r.headers["Location"].split("=", 1)[1]
	listing = a.get(url + r.headers["Location"], timeout=30)
	assert listing.status_code == 200 and f"投诉已提交，编号 {name}" in listing.text
	assert f'href="/my/complaints/{name}"' in listing.text and "已提交，待受理" in listing.text
	assert people["unit"] in listing.text  # the customer's own organisation heads the page

	frappe.db.rollback()
	doc = frappe.get_doc("Complaint", name)
	assert (doc.customer, doc.channel, doc.workflow_state) == (people["a"]["customer"], "Website", "New")
	assert doc.subject == "电梯故障 无人修" and "<script" not in doc.description
	frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Sent",
			"subject": "答复",
			"content": "<p>您好，维修人员今天下午上门。</p>",
			"reference_doctype": "Complaint",
			"reference_name": name,
		}
	).insert(ignore_permissions=True)
	frappe.get_doc(
		{"doctype": "Comment", "comment_type": "Comment", "reference_doctype": "Complaint",
			"reference_name": name, "content": "内部备注：该客户曾多次投诉"}
	).insert(ignore_permissions=True)  # fmt: skip
	frappe.db.commit()

	detail = a.get(f"{url}/my/complaints/{name}", timeout=30)
	assert detail.status_code == 200 and heading(detail.text) == "电梯故障 无人修"
	assert "已提交，待受理" in detail.text and "维修人员今天下午上门" in detail.text
	assert "第一行\n&#34;第二行&#34; 1&lt;2" in detail.text and "<script>alert" not in detail.text
	assert "内部备注" not in detail.text  # staff comments are not replies


def test_customer_cannot_reach_another_customers_complaint(stack, site_frappe, people):
	"""R-62: customer A cannot open B's complaint by id — not on the portal, not through the REST
	API, frappe.client or the print view — and never sees it listed."""
	url = stack["url"]
	b = login(url, people["b"]["user"])
	r = file_complaint(b, url, "B 的私人投诉")
	name = r.headers["Location"].split("=", 1)[1]
	a = login(url, people["a"]["user"])
	page = a.get(f"{url}/my/complaints/{name}", timeout=30)
	assert page.status_code == 404 and "B 的私人投诉" not in page.text and heading(page.text) == "未找到投诉"
	for path, params in (
		(f"/api/resource/Complaint/{name}", None),
		("/api/method/frappe.client.get", {"doctype": "Complaint", "name": name}),
		("/api/method/frappe.client.get_list", {"doctype": "Complaint", "fields": '["name","subject"]'}),
		("/api/resource/Complaint", {"fields": '["name","subject"]'}),
		("/printview", {"doctype": "Complaint", "name": name}),
	):
		r = a.get(url + path, params=params, timeout=30)
		assert r.status_code == 403 and "B 的私人投诉" not in r.text, path
	assert "B 的私人投诉" not in a.get(f"{url}/my/complaints", timeout=30).text
	assert "B 的私人投诉" in b.get(f"{url}/my/complaints/{name}", timeout=30).text


def test_visitors_sign_in_and_forms_need_the_csrf_token(stack, site_frappe, people):
	"""R-62: the customer pages need a signed-in customer; posting a complaint without the session's
	CSRF token is refused."""
	url = stack["url"]
	for path in ("/my/complaints", "/my/complaints/new", "/my/surveys"):
		r = client().get(url + path, allow_redirects=False, timeout=30)
		assert r.status_code == 302 and r.headers["Location"] == f"/login?redirect-to={path}"
	a = login(url, people["a"]["user"])
	forged = f"伪造 {people['a']['customer']}"
	r = a.post(
		f"{url}/my/complaints/new",
		data={"subject": forged, "category": "Sales", "description": "x"},
		timeout=30,
	)
	assert r.status_code == 400 and "页面已过期" in r.text
	site_frappe.db.rollback()
	assert not site_frappe.db.exists("Complaint", {"subject": forged})
	r = file_complaint(a, url, "", category="Nonsense", phone="abc")
	assert r.status_code == 400
	assert "请填写投诉事项" in r.text and "请选择投诉类别" in r.text and "请输入有效的电话号码" in r.text


def test_my_surveys_pending_and_answered(stack, site_frappe, people):
	"""R-62: a customer sees their own open survey links and answered surveys, answers one without
	the token, and cannot open another customer's."""
	frappe = site_frappe
	url = stack["url"]
	link = make_links(frappe, people["campaign"], [people["a"]["customer"]], channel="Portal")[0]
	a, b = login(url, people["a"]["user"]), login(url, people["b"]["user"])
	mine = a.get(f"{url}/my/surveys", timeout=30)
	assert mine.status_code == 200 and f'href="/my/surveys/{link["name"]}"' in mine.text
	assert f"/my/surveys/{link['name']}" not in b.get(f"{url}/my/surveys", timeout=30).text
	stranger = b.get(f"{url}/my/surveys/{link['name']}", timeout=30)
	assert stranger.status_code == 404 and "<form" not in stranger.text

	page = a.get(f"{url}/my/surveys/{link['name']}", timeout=30)
	f = form_fields(page.text)
	assert page.status_code == 200 and f["nonce"] and f["csrf_token"]
	q = f["questions"]
	data = {"nonce": f["nonce"], "csrf_token": f["csrf_token"], q[0]: "4", q[1]: "Satisfied"}
	r = a.post(f"{url}/my/surveys/{link['name']}", data=data, timeout=60)
	assert r.status_code == 200 and "感谢您的参与" in r.text
	after = a.get(f"{url}/my/surveys", timeout=30).text
	assert f"/my/surveys/{link['name']}" not in after and "目前没有需要您填写的问卷" in after
	assert re.search(r"<td>客户满意度调查 \w+</td><td>\d{4}-\d{2}-\d{2}</td><td>满意</td>", after)
