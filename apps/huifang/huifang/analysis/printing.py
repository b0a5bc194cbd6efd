"""Jinja helpers for the print formats (hooks `jinja`): available in templates on Frappe and on
the engine alike, where the `frappe` global itself may be named differently."""

from __future__ import annotations

import frappe


def hf_full_name(user: str | None) -> str:
	"""A user's full name for signature lines and tables; empty for no user."""
	if not user:
		return ""
	return frappe.utils.get_fullname(user) or user
