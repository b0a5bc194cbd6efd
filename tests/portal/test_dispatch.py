"""Handing out survey links: email through the Email Queue, SMS through the configured sender,
printed QR-code sheets for paper and on-site distribution (R-61)."""

import email
import hashlib
import re
import time

import pytest

from tests.conftest import ADMIN_PASSWORD, BENCH, SITE
from tests.portal.portal_data import client, form_fields, make_survey_setup, set_settings

TOKEN_IN_URL = re.compile(r"/survey/([A-Za-z0-9_-]{43})")


def token_hash(token: str) -> str:
	return hashlib.sha256(token.encode()).hexdigest()


def decoded(mime: str) -> str:
	"""The text of every part of a queued email (its parts are quoted-printable)."""
	message = email.message_from_string(mime)
	parts = message.walk() if message.is_multipart() else [message]
	return "".join(
		p.get_payload(decode=True).decode(p.get_content_charset() or "utf-8")
		for p in parts
		if not p.is_multipart()
	)


@pytest.fixture(scope="module")
def email_account(site_frappe):
	"""An outgoing account that is never reachable: mail stays in the Email Queue, which is what
	these tests look at. Removed afterwards so other tests see the site as it was."""
	frappe = site_frappe
	existing = frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1})
	if not existing:
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "回访测试发件",
				"email_id": "noreply@huifang.test",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 9,
				"no_smtp_authentication": 1,
				"awaiting_password": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
	yield
	if not existing:
		frappe.db.rollback()
		frappe.delete_doc("Email Account", "回访测试发件", ignore_permissions=True, force=True)
		frappe.db.commit()


@pytest.fixture
def campaign(site_frappe):
	"""A fresh campaign whose target group is its own unit: three customers, two with an email
	address (a customer is invited once per campaign, whatever the channel)."""
	from huifang.tests.factories import make_customer

	frappe = site_frappe
	setup = make_survey_setup(frappe)
	extra = [make_customer(setup["unit"], phone=f"1390000{i:04d}") for i in range(2)]
	frappe.db.set_value("Customer Archive", setup["customer"], "email_id", "first@huifang.test")
	frappe.db.set_value("Customer Archive", extra[0], "email_id", "second@huifang.test")
	frappe.db.commit()
	return {**setup, "customers": [setup["customer"], *extra]}


def test_email_goes_through_the_email_queue_in_chinese(site_frappe, email_account, campaign):
	"""R-61: each target customer with an email address gets a personal link through the Email
	Queue, with the Chinese template; sending again does not invite them twice."""
	frappe = site_frappe
	from huifang.portal.dispatch import dispatch

	assert dispatch(campaign["campaign"], "Email") == {"sent": 2, "failed": 0}
	frappe.db.commit()
	invitations = frappe.get_all(
		"Survey Invitation",
		filters={"campaign": campaign["campaign"], "channel": "Email"},
		fields=["name", "customer", "token_hash", "sent_on", "status"],
	)
	assert sorted(i.customer for i in invitations) == sorted(campaign["customers"][:2])
	assert all(i.sent_on and i.status == "Open" for i in invitations)
	queue = frappe.get_all(
		"Email Queue",
		filters={
			"reference_doctype": "Survey Invitation",
			"reference_name": ("in", [i.name for i in invitations]),
		},
		fields=["name", "reference_name", "message"],
	)
	assert len(queue) == 2
	for row in queue:
		message = decoded(row.message)
		recipients = frappe.get_all("Email Queue Recipient", filters={"parent": row.name}, pluck="recipient")
		invitation = next(i for i in invitations if i.name == row.reference_name)
		expected = (
			"first@huifang.test" if invitation.customer == campaign["customer"] else "second@huifang.test"
		)
		assert recipients == [expected]
		tokens = set(TOKEN_IN_URL.findall(message))
		assert [token_hash(t) for t in tokens] == [invitation.token_hash]  # the link is this invitation's
		assert "诚邀您参加" in message and "仅可提交一次" in message
	assert dispatch(campaign["campaign"], "Email") == {"sent": 0, "failed": 0}


def test_sms_through_the_configured_sender(stack, site_frappe, campaign):
	"""R-61: SMS goes through the sender named in Huifang Settings (the logging sender here),
	started from the Desk action and sent by the background worker."""
	frappe = site_frappe
	previous = set_settings(frappe, sms_sender="log")
	try:
		s = client()
		assert s.post(
			f"{stack['url']}/api/method/login",
			data={"usr": "Administrator", "pwd": ADMIN_PASSWORD},
			timeout=30,
		).ok
		r = s.post(
			f"{stack['url']}/api/method/huifang.portal.dispatch.send_links",
			data={"campaign": campaign["campaign"], "channel": "SMS"},
			timeout=30,
		)
		assert r.status_code == 200 and r.json()["message"] == {"queued": True}
		deadline = time.monotonic() + 60
		while time.monotonic() < deadline:
			frappe.db.rollback()
			sent = frappe.get_all(
				"Survey Invitation",
				filters={"campaign": campaign["campaign"], "channel": "SMS", "sent_on": ("is", "set")},
				fields=["customer", "token_hash"],
			)
			if len(sent) == 3:
				break
			time.sleep(1)
		assert sorted(i.customer for i in sent) == sorted(campaign["customers"])
		logs = [
			*(BENCH / "logs").glob("huifang_sms.log*"),
			*(BENCH / "sites" / SITE / "logs").glob("huifang_sms.log*"),
		]
		log = "".join(p.read_text() for p in logs)
		logged = {token_hash(t) for t in TOKEN_IN_URL.findall(log)}
		assert {i.token_hash for i in sent} <= logged
		assert "13900000000" in log and "诚邀您参加" in log
	finally:
		set_settings(frappe, **previous)


def test_an_unregistered_sms_sender_is_refused(site_frappe):
	"""R-61: Huifang Settings accepts only SMS senders registered in the huifang_sms_senders hook."""
	frappe = site_frappe
	settings = frappe.get_single("Huifang Settings")
	settings.sms_sender = "os.system"
	with pytest.raises(frappe.ValidationError):
		settings.save(ignore_permissions=True)
	frappe.db.rollback()


def test_printed_links_with_qr_codes(stack, site_frappe, campaign):
	"""R-61: supervisors print a sheet of single-use links with QR codes (plus the paper
	questionnaire); each printed link is a stored invitation; other staff and visitors cannot."""
	frappe = site_frappe
	url = f"{stack['url']}/survey-links?campaign={campaign['campaign']}"
	s = client()
	assert s.post(
		f"{stack['url']}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}, timeout=30
	).ok
	page = s.get(url, timeout=30)
	assert page.status_code == 200 and "打印调查链接" in page.text
	csrf = form_fields(page.text)["csrf_token"]
	r = s.post(
		url, data={"csrf_token": csrf, "channel": "Paper Form", "count": "3", "days": "14"}, timeout=60
	)
	assert r.status_code == 200
	assert r.text.count("<svg") == 3 and r.text.count('class="paper"') == 3 and "请用手机扫码填写" in r.text
	tokens = TOKEN_IN_URL.findall(r.text)
	assert len(set(tokens)) == 3
	frappe.db.rollback()
	rows = frappe.get_all(
		"Survey Invitation",
		filters={"token_hash": ("in", [token_hash(t) for t in tokens])},
		fields=["channel", "customer"],
	)
	assert [(x.channel, x.customer) for x in rows] == [("Paper Form", None)] * 3
	assert s.get(f"{stack['url']}/survey/{tokens[0]}", timeout=30).status_code == 200
	bad = s.post(url, data={"csrf_token": csrf, "channel": "On-site", "count": "501"}, timeout=30)
	assert bad.status_code == 400 and "链接份数必须在 1 到 500 之间" in bad.text

	from huifang.tests.factories import make_user

	agent = make_user("print-agent", "Huifang Agent")
	frappe.get_doc("User", agent).update({"new_password": "Agent-Pass-2026!"}).save(ignore_permissions=True)
	frappe.db.commit()
	other = client()
	assert other.post(
		f"{stack['url']}/api/method/login", data={"usr": agent, "pwd": "Agent-Pass-2026!"}, timeout=30
	).ok
	assert other.get(url, timeout=30).status_code == 403
	visitor = client().get(url, allow_redirects=False, timeout=30)
	assert visitor.status_code == 302 and visitor.headers["Location"].startswith(
		"/login?redirect-to=/survey-links"
	)
	frappe.db.set_value("Survey Campaign", campaign["campaign"], "status", "Closed")
	frappe.db.commit()
	closed = s.get(url, timeout=30)
	assert closed.status_code == 400 and "已结束" in closed.text and "<form" not in closed.text
	assert s.get(f"{stack['url']}/survey/{tokens[1]}", timeout=30).status_code == 410  # its links close too
