"""Install and migrate hooks: site defaults a Chinese service organisation expects."""

import frappe

from huifang.utils.settings import ensure_defaults

APP_TITLE = "回访管理"

SYSTEM_DEFAULTS = {
	"language": "zh",
	"time_zone": "Asia/Shanghai",
	"country": "China",
	"date_format": "yyyy-mm-dd",
	"time_format": "HH:mm:ss",
	"number_format": "#,###.##",
	"currency": "CNY",
	"first_day_of_the_week": "Monday",
}


def after_install():
	set_site_defaults()
	set_app_title()
	ensure_defaults()


def after_migrate():
	set_site_defaults()
	set_app_title()
	ensure_defaults()


def set_site_defaults():
	"""Chinese as the system language, China time and formats; only fills empty settings."""
	settings = frappe.get_single("System Settings")
	changed = False
	for field, value in SYSTEM_DEFAULTS.items():
		if not settings.meta.has_field(field) or settings.get(field):
			continue
		link = settings.meta.get_field(field)
		if link.fieldtype == "Link" and not frappe.db.exists(link.options, value):
			continue  # the framework has not loaded that master (language, country, currency) yet
		settings.set(field, value)
		changed = True
	if changed:
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)


def set_app_title():
	"""The login page and browser title say 回访管理, not the framework's name (unless renamed on the site)."""
	for doctype in ("Website Settings", "System Settings"):
		if frappe.db.get_single_value(doctype, "app_name") in (None, "", "Frappe", "Monoframe"):
			frappe.db.set_single_value(doctype, "app_name", APP_TITLE)
