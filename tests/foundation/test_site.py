"""The site `make test` creates: framework and huifang installed; migrate is safe to repeat."""

from tests.conftest import bench


def _schema_snapshot(frappe):
	frappe.db.rollback()  # see what other processes committed
	doctypes = dict(frappe.db.sql("select name, modified from tabDocType"))
	tables = {row[0] for row in frappe.db.sql("show tables")}
	return doctypes, tables


def test_site_has_framework_and_app_installed(site_frappe):
	"""Foundation: huifang is an installed app next to the framework, with its module def (R-01 needs the module)."""
	frappe = site_frappe
	apps = frappe.get_installed_apps()
	assert apps[0] == "monoframe" and "huifang" in apps
	assert frappe.db.get_value("Module Def", "Huifang", "app_name") == "huifang"
	assert frappe.get_hooks("app_name")[-1] == "huifang"
	assert "huifang.tasks.heartbeat" in frappe.get_hooks("scheduler_events")["cron"]["* * * * *"]


def test_site_language_is_chinese(site_frappe):
	"""Users are Chinese service staff: the site language is zh by default."""
	frappe = site_frappe
	assert frappe.db.get_single_value("System Settings", "language") == "zh"
	assert frappe.db.get_single_value("System Settings", "time_zone") == "Asia/Shanghai"


def test_migrate_twice_changes_and_deletes_nothing(site_frappe):
	"""Foundation: migrate keeps the app's DocTypes (the engine alone deletes them as orphans) and is idempotent."""
	frappe = site_frappe
	before = _schema_snapshot(frappe)
	bench("migrate")
	after_first = _schema_snapshot(frappe)
	bench("migrate")
	after_second = _schema_snapshot(frappe)
	assert set(after_first[0]) == set(before[0]), "migrate added or deleted DocTypes"
	assert after_first[1] >= before[1], "migrate dropped tables"
	assert after_second == after_first, "a second migrate changed the schema"
	app_doctypes = frappe.get_all("DocType", filters={"module": ("in", ["Huifang"])}, pluck="name")
	assert set(app_doctypes) <= set(after_second[0])
