"""Submission limits for the survey page, per link and per IP address (R-62).

Fixed 10-minute windows counted in Redis (frappe.cache), shared by every web worker. The engine's
own rate_limit decorator keys on the whitelisted method, which a www page does not have.
"""

from __future__ import annotations

import time

import frappe

from huifang.utils.settings import get_setting

WINDOW = 600


def _hit(scope: str, ident: str, limit: int) -> bool:
	"""Count one attempt; False once `limit` attempts were made in the current window."""
	if limit <= 0:
		return True
	window = int(time.time() // WINDOW)
	key = frappe.cache.make_key(f"huifang:survey-limit:{scope}:{ident}:{window}")
	count = frappe.cache.incr(key)
	if count == 1:
		frappe.cache.expire(key, WINDOW)
	return count <= limit


def allow_submission(link: str | None) -> bool:
	"""Count one submission attempt against its link (when the link is known) and the client's
	IP address; both are counted on every attempt, accepted or not."""
	per_ip = _hit("ip", frappe.local.request_ip or "-", int(get_setting("survey_ip_attempts")))
	per_link = _hit("link", link, int(get_setting("survey_token_attempts"))) if link else True
	return per_link and per_ip


def allow(scope: str, ident: str, limit: int) -> bool:
	"""Any other portal action (e.g. filing complaints), counted per window like submissions."""
	return _hit(scope, ident, limit)
