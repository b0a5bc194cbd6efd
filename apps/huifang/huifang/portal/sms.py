"""Sending text messages through a pluggable sender (R-61).

Apps register senders in the `huifang_sms_senders` hook ({"name": "dotted.path"}); Huifang
Settings > SMS Sender picks one by name. A sender is called as send(phone, message) and raises
on failure. Built in: "log" writes the message to the huifang_sms log only (tests, demo sites),
"frappe" uses the framework's SMS Settings gateway.
"""

from __future__ import annotations

import logging

import frappe
from frappe import _

from huifang.utils.settings import get_setting


def senders() -> dict[str, str]:
	hooks = frappe.get_hooks("huifang_sms_senders") or {}
	# dict hooks collect a list per key across apps; the app installed last wins
	return {name: (paths[-1] if isinstance(paths, list) else paths) for name, paths in hooks.items()}


def validate_sender(name: str | None) -> None:
	if name and name not in senders():
		frappe.throw(
			_("SMS Sender {0} is not registered; choose one of: {1}").format(
				frappe.bold(name), ", ".join(sorted(senders()))
			)
		)


def send_sms(phone: str, message: str) -> None:
	name = get_setting("sms_sender")
	if not name:
		frappe.throw(_("No SMS Sender is configured in Huifang Settings."))
	validate_sender(name)
	frappe.get_attr(senders()[name])(phone, message)


def log_sender(phone: str, message: str) -> None:
	logger = frappe.logger("huifang_sms", allow_site=True)
	logger.setLevel(logging.INFO)  # the framework logs warnings and up by default; this sender is its log
	logger.info({"phone": phone, "message": message})


def frappe_sender(phone: str, message: str) -> None:
	from frappe.core.doctype.sms_settings.sms_settings import send_sms as gateway

	gateway([phone], message, success_msg=False)
