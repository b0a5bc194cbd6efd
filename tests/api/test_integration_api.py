"""Contract of the integration API (R-20; huifang/api/README.md): every method with good input and
with each kind of bad input — missing field, wrong type, unknown customer, duplicate reference,
oversized payload, wrong token — answered with a Chinese message naming the field."""

import base64
import datetime
import json
import secrets
import time

import pytest

from tests.api.fixtures import API_SEED, call, fresh_task, make_api_user, one

TAG = f"S{API_SEED}"


def ref() -> str:
	return f"T-{secrets.token_hex(6)}"


@pytest.fixture(scope="module")
def customer(seeded):
	return f"HF-CA-{TAG}-000001"


@pytest.fixture
def open_task(site_frappe, seeded):
	"""A fresh open phone task of a seeded customer (each test logs calls on its own task)."""
	return fresh_task(site_frappe)


def event_payload(customer: str, **extra) -> dict:
	return {
		"source_system": "工单系统",
		"external_ref": ref(),
		"customer": customer,
		"event_type": "窗口办件",
		"occurred_on": "2026-03-02 09:30:00",
		"completed_on": "2026-03-02 10:10:00",
		"amount": 120.5,
		"priority": "P2",
		**extra,
	}


def errors(response) -> dict:
	assert response.status_code == 417, response.text
	body = response.json()
	assert body["exc_type"] == "InvalidInput", body
	return body["field_errors"]


def assert_chinese(message: str, field: str) -> None:
	"""The message names the field and is written in Chinese."""
	assert f"（{field}）" in message, message
	assert any("\u4e00" <= ch <= "\u9fff" for ch in message.split(f"（{field}）")[1]), message


# ---------------------------------------------------------------- post_service_event


def test_post_event_creates_once_and_repost_returns_same(stack, site_frappe, api_user, customer):
	"""R-20: an outside system's event is stored once; re-posting the same reference returns it."""
	payload = event_payload(customer)
	first = call(stack, api_user["auth"], "post_service_event", payload)
	assert first.status_code == 200, first.text
	created = first.json()["message"]
	assert created["created"] is True and created["status"] == "Completed"
	again = call(stack, api_user["auth"], "post_service_event", {**payload, "amount": 999})
	assert again.status_code == 200, again.text
	assert again.json()["message"]["name"] == created["name"]
	assert again.json()["message"]["created"] is False
	rows = site_frappe.db.sql(
		"select name, customer, service_unit, amount, priority, source_system from `tabService Event` "
		"where external_ref=%s",
		payload["external_ref"],
		as_dict=True,
	)
	assert len(rows) == 1
	row = rows[0]
	assert (row.customer, float(row.amount), row.priority, row.source_system) == (
		customer,
		120.5,
		"P2",
		"工单系统",
	)
	assert row.service_unit == one(
		site_frappe, "select service_unit from `tabCustomer Archive` where name=%s", customer
	)


def test_post_event_missing_fields_are_named(stack, site_frappe, api_user):
	"""R-20: a request without its required fields names each of them, in Chinese, and writes nothing."""
	before = one(site_frappe, "select count(*) from `tabService Event`")
	found = errors(call(stack, api_user["auth"], "post_service_event", {"source_system": "ERP"}))
	assert set(found) == {"external_ref", "customer", "event_type", "occurred_on"}
	for field, message in found.items():
		assert_chinese(message, field)
		assert "必填" in message
	assert one(site_frappe, "select count(*) from `tabService Event`") == before


def test_post_event_wrong_types_are_named(stack, api_user, customer):
	"""R-20: values of the wrong type are refused field by field."""
	payload = event_payload(
		customer,
		occurred_on="昨天上午",
		completed_on=20260302,
		amount="一百",
		is_major="maybe",
		priority="P9",
		expiry_date="2026-13-45",
		handler={"name": "x"},
	)
	found = errors(call(stack, api_user["auth"], "post_service_event", payload))
	assert set(found) == {
		"occurred_on",
		"completed_on",
		"amount",
		"is_major",
		"priority",
		"expiry_date",
		"handler",
	}
	for field, message in found.items():
		assert_chinese(message, field)
	assert "数字" in found["amount"] and "P1" in found["priority"]


def test_post_event_unknown_customer_and_type(stack, site_frappe, api_user):
	"""R-20: an unknown customer or event type is named; no event is stored."""
	payload = event_payload("HF-CA-NO-SUCH", event_type="没有这种业务")
	found = errors(call(stack, api_user["auth"], "post_service_event", payload))
	assert set(found) == {"customer", "event_type"}
	assert "HF-CA-NO-SUCH" in found["customer"] and "不存在" in found["customer"]
	assert not one(
		site_frappe, "select count(*) from `tabService Event` where external_ref=%s", payload["external_ref"]
	)


def test_post_event_reference_reused_for_another_customer(stack, site_frappe, api_user, customer):
	"""R-20: a reference already used by another customer's event is a conflict, not a repeat."""
	payload = event_payload(customer)
	assert call(stack, api_user["auth"], "post_service_event", payload).status_code == 200
	other = f"HF-CA-{TAG}-000002"
	found = errors(call(stack, api_user["auth"], "post_service_event", {**payload, "customer": other}))
	assert list(found) == ["customer"] and payload["external_ref"] not in found["customer"]
	assert_chinese(found["customer"], "customer")
	assert (
		one(
			site_frappe,
			"select customer from `tabService Event` where external_ref=%s",
			payload["external_ref"],
		)
		== customer
	)


def test_post_event_oversized_and_inconsistent_values(stack, api_user, customer):
	"""R-20: over-long text and a completion before the occurrence are refused by name."""
	found = errors(
		call(
			stack,
			api_user["auth"],
			"post_service_event",
			event_payload(customer, description="很" * 2001, subject="题" * 141, external_ref="R" * 141),
		)
	)
	assert set(found) == {"description", "subject", "external_ref"}
	assert "2000" in found["description"] and "140" in found["subject"]
	late = event_payload(customer, occurred_on="2026-03-02 10:00:00", completed_on="2026-03-01 10:00:00")
	found = errors(call(stack, api_user["auth"], "post_service_event", late))
	assert list(found) == ["completed_on"]


def test_oversized_request_body_is_refused(stack, site_frappe, api_user, customer):
	"""R-20: a request body above the site's limit (site config max_file_size, default 25 MB) is
	refused with 413 before any field is read, and nothing is stored."""
	limit = int(site_frappe.conf.get("max_file_size") or 25 * 1024 * 1024)
	payload = event_payload(customer, description="长" * (limit // 3 + 1))  # 3 bytes each in UTF-8
	r = call(stack, api_user["auth"], "post_service_event", payload, timeout=120)
	assert r.status_code == 413, r.text[:300]
	assert not one(
		site_frappe, "select count(*) from `tabService Event` where external_ref=%s", payload["external_ref"]
	)
	# just under the limit the request is read and the field itself is named
	payload = event_payload(customer, description="长" * 2001)
	found = errors(call(stack, api_user["auth"], "post_service_event", payload))
	assert list(found) == ["description"] and "2000" in found["description"]


def test_wrong_token_and_missing_role(stack, site_frappe, api_user, customer):
	"""R-20: a wrong API secret is refused (401) and a user without the integration role too (403);
	neither writes anything."""
	payload = event_payload(customer)
	key = api_user["auth"].split()[1].split(":")[0]
	for method, http in (
		("post_service_event", "POST"),
		("post_call_log", "POST"),
		("get_customer_history", "GET"),
	):
		body = payload if method == "post_service_event" else {"customer": customer}
		assert call(stack, f"token {key}:wrong-secret", method, body, http=http).status_code == 401
		assert call(stack, None, method, body, http=http).status_code in (401, 403)
	plain = make_api_user(site_frappe)
	refused = call(stack, plain["auth"], "post_service_event", payload)
	assert refused.status_code == 403, refused.text
	assert "回访集成" in json.loads(json.loads(refused.json()["_server_messages"])[0])["message"]
	assert not one(
		site_frappe, "select count(*) from `tabService Event` where external_ref=%s", payload["external_ref"]
	)


# ---------------------------------------------------------------- post_call_log


def attempts(frappe, task):
	frappe.db.rollback()
	return frappe.db.sql(
		"select outcome, call_id, duration, recording, agent from `tabCallback Attempt` where parent=%s order by idx",
		task,
		as_dict=True,
	)


def test_call_log_adds_attempt_with_recording_once(stack, site_frappe, api_user, open_task):
	"""R-35, R-40: a telephony call log becomes an attempt of the task, its recording a private file
	attached to the task; the same call posted again is not logged twice."""
	audio = secrets.token_bytes(3000)
	payload = {
		"task": open_task,
		"outcome": "No Answer",
		"call_time": "2026-03-03T09:15:00+08:00",
		"call_id": ref(),
		"duration": 0,
		"recording": base64.b64encode(audio).decode(),
		"recording_name": "call-1.mp3",
	}
	first = call(stack, api_user["auth"], "post_call_log", payload)
	assert first.status_code == 200, first.text
	reply = first.json()["message"]
	assert reply["created"] is True and reply["attempt_count"] == 1 and reply["task_status"] == "In Progress"
	again = call(stack, api_user["auth"], "post_call_log", payload)
	assert (
		again.json()["message"]["attempt"] == reply["attempt"] and again.json()["message"]["created"] is False
	)
	rows = attempts(site_frappe, open_task)
	assert (
		len(rows) == 1 and rows[0].call_id == payload["call_id"] and rows[0].recording == reply["recording"]
	)
	assignee = one(site_frappe, "select assignee from `tabCallback Task` where name=%s", open_task)
	assert rows[0].agent == assignee
	file = site_frappe.get_doc("File", {"file_url": reply["recording"]})
	assert file.is_private and file.attached_to_name == open_task and file.get_content() == audio


def test_call_log_multipart_upload_and_method_switch(stack, site_frappe, api_user, open_task):
	"""R-35: recordings may come as a multipart file; after the plan's number of unanswered calls
	the task switches from phone to its fallback method."""
	limit = one(
		site_frappe,
		"select p.switch_after_attempts from `tabCallback Plan` p join `tabCallback Task` t on t.callback_plan=p.name"
		" where t.name=%s",
		open_task,
	)
	assert limit == 3
	for n in range(limit):
		fields = {
			"task": open_task,
			"outcome": "Busy",
			"call_time": f"2026-03-0{n + 3} 10:00:00",
			"call_id": ref(),
		}
		r = call(
			stack,
			api_user["auth"],
			"post_call_log",
			fields,
			files={"recording": (f"c{n}.wav", b"RIFF" + secrets.token_bytes(500))},
		)
		assert r.status_code == 200, r.text
	reply = r.json()["message"]
	assert reply["attempt_count"] == 3 and reply["task_method"] == "Visit"
	assert reply["recording"].startswith("/private/files/c2")


def test_call_log_bad_input_is_named(stack, site_frappe, api_user, open_task):
	"""R-35: each bad call-log field is named in Chinese and nothing is logged."""
	found = errors(
		call(
			stack,
			api_user["auth"],
			"post_call_log",
			{
				"task": "HF-CT-NO-SUCH",
				"outcome": "Maybe",
				"call_time": "明天",
				"duration": -5,
				"note": "注" * 141,
			},
		)
	)
	assert set(found) == {"task", "outcome", "call_time", "duration", "note"}
	for field, message in found.items():
		assert_chinese(message, field)
	good = {"task": open_task, "outcome": "Answered", "call_time": "2026-03-03 10:00:00"}
	for extra, field in (
		({"recording": "不是base64!!"}, "recording"),
		({"recording": base64.b64encode(b"abc").decode()}, "recording_name"),
		({"recording": base64.b64encode(b"abc").decode(), "recording_name": "virus.exe"}, "recording_name"),
	):
		assert list(errors(call(stack, api_user["auth"], "post_call_log", {**good, **extra}))) == [field]
	assert attempts(site_frappe, open_task) == []


def test_call_log_and_history_missing_fields_are_named(stack, site_frappe, api_user, open_task):
	"""R-35, R-13: a call log or history request without its required fields names each of them in
	Chinese, and no attempt is logged."""
	found = errors(call(stack, api_user["auth"], "post_call_log", {"duration": 30}))
	assert set(found) == {"task", "outcome", "call_time"}
	for field, message in found.items():
		assert_chinese(message, field)
		assert "必填" in message
	found = errors(call(stack, api_user["auth"], "post_call_log", {"task": open_task, "outcome": "Busy"}))
	assert list(found) == ["call_time"]
	assert attempts(site_frappe, open_task) == []
	found = errors(call(stack, api_user["auth"], "get_customer_history", {"limit": 5}, http="GET"))
	assert list(found) == ["customer"] and "必填" in found["customer"]


def test_call_log_oversized_recording(stack, site_frappe, api_user, open_task):
	"""R-35: a recording above the site's file size limit is refused by name, nothing is stored."""
	settings = site_frappe.get_single("System Settings")
	previous = settings.max_file_size
	settings.max_file_size = 1  # MB
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	site_frappe.db.commit()
	try:
		payload = {
			"task": open_task,
			"outcome": "Answered",
			"call_time": "2026-03-03 10:00:00",
			"recording_name": "long.mp3",
			"recording": base64.b64encode(bytes(1024 * 1024 + 1)).decode(),
		}
		found = errors(call(stack, api_user["auth"], "post_call_log", payload))
		assert list(found) == ["recording"] and "MB" in found["recording"]
	finally:
		settings.reload()
		settings.max_file_size = previous
		settings.save(ignore_permissions=True)
		site_frappe.db.commit()
	assert attempts(site_frappe, open_task) == []
	assert not one(site_frappe, "select count(*) from tabFile where attached_to_name=%s", open_task)


def test_call_log_conflicts(stack, site_frappe, api_user, open_task):
	"""R-35: a call id already logged on another task, and a cancelled task, are refused."""
	call_id = ref()
	base = {"outcome": "Answered", "call_time": "2026-03-03 10:00:00", "call_id": call_id}
	assert call(stack, api_user["auth"], "post_call_log", {**base, "task": open_task}).status_code == 200
	other = site_frappe.get_all(
		"Callback Task",
		filters={"name": ("like", f"HF-CT-{TAG}-%"), "status": "Cancelled"},
		pluck="name",
		limit=1,
	)[0]
	found = errors(call(stack, api_user["auth"], "post_call_log", {**base, "task": other}))
	assert list(found) == ["call_id"] and open_task in found["call_id"]
	found = errors(call(stack, api_user["auth"], "post_call_log", {**base, "task": other, "call_id": ref()}))
	assert list(found) == ["task"] and "取消" in found["task"]


# ---------------------------------------------------------------- get_customer_history


def test_history_lists_newest_first_without_confidential_fields(stack, site_frappe, api_user, customer):
	"""R-13, R-12: the history holds the customer's events, tasks, records and complaints, newest
	first, with counts; no confidential field leaves the system."""
	# later than any event an earlier run of this test posted
	latest = datetime.datetime(2030, 1, 1) + datetime.timedelta(seconds=int(time.time()) - 1_700_000_000)
	posted = call(
		stack,
		api_user["auth"],
		"post_service_event",
		event_payload(customer, occurred_on=latest.strftime("%Y-%m-%d %H:%M:%S"), completed_on=None),
	)
	assert posted.status_code == 200
	r = call(stack, api_user["auth"], "get_customer_history", {"customer": customer, "limit": 3}, http="GET")
	assert r.status_code == 200, r.text
	history = r.json()["message"]
	assert history["customer"]["name"] == customer
	assert not {"primary_phone", "id_number", "address", "income"} & set(history["customer"])
	assert history["events"][0]["name"] == posted.json()["message"]["name"]
	site_frappe.db.rollback()
	for key, doctype in (
		("events", "Service Event"),
		("tasks", "Callback Task"),
		("records", "Callback Record"),
	):
		total = site_frappe.db.count(doctype, {"customer": customer})
		assert history["counts"][key] == total and len(history[key]) == min(3, total)
	dates = [row["call_time"] for row in history["records"]]
	assert dates == sorted(dates, reverse=True)
	since = call(
		stack,
		api_user["auth"],
		"get_customer_history",
		{"customer": customer, "since": latest.date().isoformat()},
		http="GET",
	)
	events = since.json()["message"]["events"]
	assert [e["name"] for e in events][:1] == [posted.json()["message"]["name"]]
	assert all(e["occurred_on"] >= latest.date().isoformat() for e in events)


def test_history_bad_input_is_named(stack, api_user):
	"""R-13: unknown customer, wrong limit and wrong date are named in Chinese."""
	found = errors(
		call(
			stack,
			api_user["auth"],
			"get_customer_history",
			{"customer": "HF-CA-NOBODY", "limit": "十", "since": "x"},
			http="GET",
		)
	)
	assert set(found) == {"customer", "limit", "since"}
	found = errors(
		call(
			stack,
			api_user["auth"],
			"get_customer_history",
			{"customer": "HF-CA-NOBODY", "limit": 501},
			http="GET",
		)
	)
	assert "500" in found["limit"]
