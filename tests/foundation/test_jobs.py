"""Background jobs: an app job runs in the rq worker; the scheduler enqueues app scheduler_events."""

import time


def _wait(predicate, timeout=60, step=0.5):
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		if predicate():
			return True
		time.sleep(step)
	return False


def test_enqueued_app_job_runs_in_worker(stack, site_frappe):
	"""Foundation (R-80 needs it): frappe.enqueue from the app is executed by the worker process."""
	frappe = site_frappe
	frappe.cache.delete_value("huifang:heartbeat")
	frappe.enqueue("huifang.tasks.heartbeat", queue="short")
	assert _wait(lambda: frappe.cache.get_value("huifang:heartbeat", expires=True)), (
		"worker did not run the job"
	)


def test_scheduler_enqueues_app_scheduler_event(stack, site_frappe):
	"""Foundation (R-80): the scheduler process enqueues the app's cron job when it is due; the worker runs it."""
	frappe = site_frappe
	job = frappe.db.get_value("Scheduled Job Type", {"method": "huifang.tasks.heartbeat"}, "name")
	assert job, "the app's scheduler_events were not synced into Scheduled Job Type"
	frappe.cache.delete_value("huifang:heartbeat")
	# make the job due now instead of at the next minute boundary
	frappe.db.set_value("Scheduled Job Type", job, {"last_execution": "2000-01-01 00:00:00", "stopped": 0})
	frappe.db.commit()
	assert _wait(lambda: frappe.cache.get_value("huifang:heartbeat", expires=True), timeout=90), (
		"scheduler did not enqueue the job"
	)
	frappe.db.rollback()
	last = frappe.db.get_value("Scheduled Job Type", job, "last_execution")
	assert str(last) > "2000-01-01"
