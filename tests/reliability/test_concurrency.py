"""Many staff and systems at once, with real parallel requests against the running web server
(gunicorn, several workers): saves of the same document never merge silently, repeated posts
never duplicate, and the database refuses a second callback task for the same event and step."""

import json
import secrets
import threading

import MySQLdb
import pytest

from tests.api.fixtures import API_SEED, call, fresh_task, login, one
from tests.bench import seed_writer

TAG = f"S{API_SEED}"


def parallel(*jobs, timeout: float = 60):
	"""Run the callables at the same instant (a barrier), return their results in order."""
	barrier = threading.Barrier(len(jobs))
	results: list = [None] * len(jobs)

	def run(i, job):
		barrier.wait(timeout)
		try:
			results[i] = job()
		except Exception as e:  # reported to the test
			results[i] = e

	threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout)
	return results


def server_message(response) -> str:
	messages = json.loads(response.json().get("_server_messages", "[]"))
	return " ".join(json.loads(m)["message"] for m in messages)


def staff_of(frappe, task: str) -> tuple[str, str]:
	"""The task's agent and the supervisor of its unit: two people allowed to edit it."""
	frappe.db.rollback()
	assignee, unit = frappe.db.get_value("Callback Task", task, ["assignee", "service_unit"])
	return assignee, frappe.db.get_value("Service Unit", unit, "supervisor")


def race_two_saves(
	stack, site_frappe, doctype: str, name: str, users: tuple[str, str], changes: tuple[dict, dict]
):
	"""Two people opened the same version; both save at once with that version's timestamp."""
	sessions = [login(stack, user) for user in users]
	url = f"{stack['url']}/api/resource/{doctype}/{name}"
	opened = sessions[0].get(url, timeout=30).json()["data"]["modified"]
	for s in sessions:
		assert s.get(url, timeout=30).json()["data"]["modified"] == opened
	return parallel(
		*(
			lambda s=s, change=change: s.put(url, json={**change, "modified": opened}, timeout=60)
			for s, change in zip(sessions, changes, strict=True)
		)
	)


def assert_one_wins(results, site_frappe, doctype, name, field_values):
	codes = sorted(r.status_code for r in results)
	assert codes == [200, 417], [r.text[:300] for r in results]
	loser = next(r for r in results if r.status_code == 417)
	assert loser.json()["exc_type"] == "TimestampMismatchError"
	assert "您打开此文档后，它已被他人修改" in server_message(loser)
	winner = results.index(next(r for r in results if r.status_code == 200))
	site_frappe.db.rollback()
	fields = sorted(set(field_values[0]) | set(field_values[1]))
	stored = site_frappe.db.get_value(doctype, name, fields, as_dict=True)
	# the winner's change is stored, the loser's is not merged in
	assert {k: stored[k] for k in field_values[winner]} == field_values[winner]
	other = field_values[1 - winner]
	assert all(stored[k] != v for k, v in other.items())


def test_same_task_saved_by_two_staff_at_once(stack, site_frappe, seeded):
	"""R-35: the agent and the supervisor save one task at the same moment: one save wins, the
	other gets the timestamp error in Chinese, and nothing of it is merged."""
	task = fresh_task(site_frappe)
	users = staff_of(site_frappe, task)
	# different fields: a silent merge would keep both
	changes = (
		{"notes": f"专员备注 {secrets.token_hex(3)}"},
		{"reassign_reason": f"主管调整 {secrets.token_hex(3)}"},
	)
	results = race_two_saves(stack, site_frappe, "Callback Task", task, users, changes)
	assert_one_wins(results, site_frappe, "Callback Task", task, [changes[0], changes[1]])


def test_same_record_saved_by_two_staff_at_once(stack, site_frappe, seeded):
	"""R-44: two people save the same draft callback record at once: one wins, the other is told
	in Chinese, the record holds exactly the winner's version."""
	site_frappe.db.rollback()
	record = site_frappe.get_all(
		"Callback Record",
		filters={"name": ("like", f"HF-CB-{TAG}-%"), "workflow_state": ("in", ("Draft", "Submitted"))},
		pluck="name",
		limit=1,
	)[0]
	task = site_frappe.db.get_value("Callback Record", record, "callback_task")
	users = staff_of(site_frappe, task)
	changes = (
		{"comments": f"客户表示满意 {secrets.token_hex(3)}"},
		{"comments": f"主管改写 {secrets.token_hex(3)}"},
	)
	results = race_two_saves(stack, site_frappe, "Callback Record", record, users, changes)
	assert_one_wins(results, site_frappe, "Callback Record", record, list(changes))


def test_parallel_posts_of_one_event_store_one(stack, site_frappe, api_user, seeded):
	"""R-20: an outside system retrying the same event in parallel gets one event back, every time."""
	payload = {
		"source_system": "并发测试",
		"external_ref": f"P-{secrets.token_hex(6)}",
		"customer": f"HF-CA-{TAG}-000003",
		"event_type": "窗口办件",
		"occurred_on": "2026-04-01 09:00:00",
	}
	results = parallel(*[lambda: call(stack, api_user["auth"], "post_service_event", payload)] * 6)
	assert all(not isinstance(r, Exception) and r.status_code == 200 for r in results), results
	names = {r.json()["message"]["name"] for r in results}
	assert len(names) == 1
	assert sum(r.json()["message"]["created"] for r in results) == 1
	assert (
		one(
			site_frappe,
			"select count(*) from `tabService Event` where external_ref=%s",
			payload["external_ref"],
		)
		== 1
	)


def test_parallel_call_logs_neither_duplicate_nor_lose(stack, site_frappe, api_user, seeded):
	"""R-35: the same call posted in parallel is logged once; different calls posted in parallel
	are all kept (no lost update of the task's attempts)."""
	tasks = [fresh_task(site_frappe), fresh_task(site_frappe)]
	same = {
		"task": tasks[0],
		"outcome": "No Answer",
		"call_time": "2026-04-01 10:00:00",
		"call_id": secrets.token_hex(6),
	}
	results = parallel(*[lambda: call(stack, api_user["auth"], "post_call_log", same)] * 4)
	assert all(r.status_code == 200 for r in results), [r.text[:200] for r in results]
	assert len({r.json()["message"]["attempt"] for r in results}) == 1
	count = "select count(*) from `tabCallback Attempt` where parent=%s"
	assert one(site_frappe, count, tasks[0]) == 1

	before = one(site_frappe, count, tasks[1])
	jobs = [
		lambda n=n: call(
			stack,
			api_user["auth"],
			"post_call_log",
			{
				"task": tasks[1],
				"outcome": "Busy",
				"call_time": f"2026-04-01 1{n}:00:00",
				"call_id": secrets.token_hex(6),
			},
		)
		for n in range(4)
	]
	results = parallel(*jobs)
	assert all(r.status_code == 200 for r in results), [r.text[:200] for r in results]
	assert one(site_frappe, count, tasks[1]) == before + 4
	assert (
		one(site_frappe, "select attempt_count from `tabCallback Task` where name=%s", tasks[1]) == before + 4
	)


@pytest.mark.parametrize("key", ["event_plan_step", "task_key"])
def test_parallel_task_generation_inserts_one_task(site_frappe, seeded, key):
	"""R-35, R-80: workers generating the same callback task at the same moment (same event, plan
	and step, or same task key) end with exactly one task: the database refuses the others."""
	frappe = site_frappe
	frappe.db.rollback()
	event, customer, unit = frappe.db.get_value(
		"Service Event", {"name": ("like", f"HF-EV-{TAG}-%")}, ["name", "customer", "service_unit"]
	)
	plan = frappe.get_all(
		"Callback Plan", filters={"name": ("like", f"HF-CP-{TAG}-%")}, pluck="name", limit=1
	)[0]
	step = 1000 + secrets.randbelow(10**6)  # a step no task has yet
	task_key = f"race:{secrets.token_hex(6)}"
	workers = 6
	conf = dict(frappe.conf)  # frappe.local is per thread

	def insert(n: int):
		conn = seed_writer.connect(conf)
		try:
			cur = conn.cursor()
			cur.execute(
				"INSERT INTO `tabCallback Task` (name, creation, modified, owner, modified_by, customer,"
				" service_unit, status, method, earliest_date, latest_date, service_event, callback_plan,"
				" plan_step, task_key) VALUES (%s, NOW(), NOW(), 'Administrator', 'Administrator', %s, %s,"
				" 'Open', 'Phone', CURDATE(), CURDATE(), %s, %s, %s, %s)",
				(
					f"RACE-{secrets.token_hex(6)}",
					customer,
					unit,
					event if key == "event_plan_step" else None,
					plan,
					step if key == "event_plan_step" else 0,
					task_key if key == "task_key" else f"race:{secrets.token_hex(6)}",
				),
			)
			conn.commit()
			return "inserted"
		except MySQLdb.IntegrityError as e:
			conn.rollback()
			return e.args[0]
		finally:
			conn.close()

	results = parallel(*[lambda n=n: insert(n) for n in range(workers)])
	assert results.count("inserted") == 1, results
	assert results.count(1062) == workers - 1, results  # ER_DUP_ENTRY
	where = (
		"service_event=%s and callback_plan=%s and plan_step=%s"
		if key == "event_plan_step"
		else "task_key=%s"
	)
	args = (event, plan, step) if key == "event_plan_step" else (task_key,)
	assert one(frappe, f"select count(*) from `tabCallback Task` where {where}", *args) == 1
	frappe.db.sql("delete from `tabCallback Task` where name like 'RACE-%%'")
	frappe.db.commit()
