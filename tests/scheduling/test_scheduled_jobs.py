"""The scheduling jobs are registered with the real scheduler and run in the worker (R-80)."""

import time

import pytest
import requests

from tests.conftest import ADMIN_PASSWORD

JOBS = {
	"huifang.scheduling.generation.run_daily": ("Daily Long", "Callback Generation"),
	"huifang.scheduling.recurring.run_daily": ("Daily Long", "Customer Callback Cycles"),
	"huifang.scheduling.revisits.run_daily": ("Daily Long", "Re-visits"),
	"huifang.scheduling.visit_plans.run_daily": ("Daily Long", "Monthly Visit Plans"),
	"huifang.scheduling.escalation.run_daily": ("Daily", "Overdue and Escalation"),
	"huifang.scheduling.reassignment.run_daily": ("Daily", "Reassignment (R-04)"),
	"huifang.scheduling.complaint_deadlines.run_hourly": ("Hourly", "Complaint Deadlines"),
}


def test_jobs_registered_and_run_by_the_worker(stack, site_frappe):
	"""R-80: every scheduling job is a Scheduled Job Type of the site; forced through the real
	scheduler path (Scheduled Job Type.enqueue), each runs in the worker and leaves a successful
	Scheduler Run Log."""
	frappe = site_frappe
	frappe.db.rollback()
	registered = {
		r.method: r
		for r in frappe.get_all(
			"Scheduled Job Type",
			filters={"method": ("like", "huifang.scheduling.%")},
			fields=["name", "method", "frequency", "cron_format", "stopped"],
		)
	}
	for method, (frequency, _job) in JOBS.items():
		assert registered[method].frequency == frequency and not registered[method].stopped
	weekly = registered["huifang.scheduling.sampling.enqueue_weekly"]
	assert (weekly.frequency, weekly.cron_format) == ("Cron", "30 1 * * 1")

	started = frappe.utils.now_datetime()
	for method in [*JOBS, "huifang.scheduling.sampling.enqueue_weekly"]:
		frappe.get_doc("Scheduled Job Type", registered[method].name).enqueue(force=True)
	expected = {job for _f, job in JOBS.values()} | {"Weekly Random Sampling"}
	deadline = time.monotonic() + 120
	while True:
		frappe.db.rollback()
		logs = frappe.get_all(
			"Scheduler Run Log",
			filters={"started": (">=", started), "status": ("!=", "Running")},
			fields=["job", "status", "errors"],
		)
		done = {r.job: r for r in logs}
		if expected <= set(done) or time.monotonic() > deadline:
			break
		time.sleep(1)
	missing = expected - set(done)
	if missing:
		pytest.fail(f"jobs that did not run in the worker within 120 s: {sorted(missing)}")
	failed = {j: r.errors for j, r in done.items() if j in expected and r.status != "Success"}
	assert not failed, failed


def test_generate_now_button_runs_in_the_background(stack, site_frappe):
	"""R-30/R-80: "Generate now" on an approved plan queues the plan's generation on the long
	queue; the worker creates its due tasks and logs the run against the plan."""
	frappe = site_frappe
	frappe.db.rollback()
	tag = frappe.generate_hash(length=6)
	unit = frappe.get_doc(
		{"doctype": "Service Unit", "unit_name": f"_T Sched {tag}", "unit_type": "Window"}
	).insert()
	customer = frappe.get_doc(
		{
			"doctype": "Customer Archive",
			"customer_name": f"_T 客户 {tag}",
			"service_unit": unit.name,
			"contacts": [
				{"contact_name": "本人", "relation": "Self", "phone": "13800138000", "is_primary": 1}
			],
		}
	).insert()
	event_type = frappe.get_doc(
		{"doctype": "Service Event Type", "event_type_name": f"_T Type {tag}", "category": "Repair Order"}
	).insert()
	now = frappe.utils.now_datetime()
	frappe.get_doc(
		{
			"doctype": "Service Event",
			"event_type": event_type.name,
			"customer": customer.name,
			"occurred_on": now,
			"completed_on": now,
			"status": "Completed",
		}
	).insert()
	plan = frappe.get_doc(
		{
			"doctype": "Callback Plan",
			"plan_name": f"_T Plan {tag}",
			"plan_type": "Repair",
			"event_types": [{"event_type": event_type.name}],
			"steps": [{"step_no": 1, "anchor": "Event Completed", "window_length": 2}],
		}
	).insert()
	frappe.db.set_value("Callback Plan", plan.name, "workflow_state", "Approved")
	frappe.db.commit()

	session = requests.Session()
	login = session.post(
		f"{stack['url']}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}, timeout=30
	)
	assert login.ok, login.text
	reply = session.post(
		f"{stack['url']}/api/method/huifang.scheduling.generation.generate_now",
		data={"plan": plan.name},
		timeout=30,
	)
	assert reply.ok and reply.json()["message"] == {"queued": True}, reply.text
	deadline = time.monotonic() + 90
	log = None
	while time.monotonic() < deadline:
		frappe.db.rollback()
		logs = frappe.get_all(
			"Scheduler Run Log",
			filters={"callback_plan": plan.name, "status": ("!=", "Running")},
			fields=["job", "status", "rows_created"],
		)
		if logs:
			log = logs[0]
			break
		time.sleep(1)
	assert log and (log.job, log.status, log.rows_created) == (
		"Callback Generation (Manual)",
		"Success",
		1,
	), log
	assert frappe.db.count("Callback Task", {"callback_plan": plan.name}) == 1
