"""Scheduled jobs of the app. Each job is small and idempotent; real work lives in its own module."""

import frappe


def heartbeat():
	"""Record that the scheduler enqueued an app job and a worker ran it (checked by ops and tests)."""
	frappe.cache.set_value("huifang:heartbeat", frappe.utils.now(), expires_in_sec=3600)
