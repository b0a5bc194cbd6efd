"""Installing the framework's own DocTypes on an empty database.

Upstream: `_init_database()` runs `install_app("monoframe")`, which returns at once with "already
installed" because the engine's `get_installed_apps()` always lists the framework; the database is
left without tables. When forced, module defs are inserted before the Module Def table exists,
and a `System Settings` row written by `toggle_scheduler()` earlier blocks the singles' defaults.

With `multi_app` the installed apps come from the database, so an empty database lists none and the
install runs. This patch wraps the framework's install: module defs are added after the DocTypes
are synced (as Frappe does for itself), stray `System Settings` rows from a failed attempt are
cleared first, and the framework is recorded as installed at the end, then its own `after_install` hook runs
(the engine looks that hook up among the installed apps, which do not include it yet).

The engine's bootstrap SQL (framework_mariadb.sql) also lacks `tabDocType State`, a child table of
DocType: once the first DocType row exists, loading any DocType's meta queries it and the install
stops with "Table 'tabDocType State' doesn't exist". The table is created here, with the same shape
as its siblings in that SQL file, before the sync starts.
"""

DOCTYPE_STATE_TABLE = """
CREATE TABLE IF NOT EXISTS `tabDocType State` (
	`name` varchar(140) NOT NULL,
	`creation` datetime(6) DEFAULT NULL,
	`modified` datetime(6) DEFAULT NULL,
	`modified_by` varchar(140) DEFAULT NULL,
	`owner` varchar(140) DEFAULT NULL,
	`docstatus` tinyint NOT NULL DEFAULT 0,
	`parent` varchar(140) DEFAULT NULL,
	`parentfield` varchar(140) DEFAULT NULL,
	`parenttype` varchar(140) DEFAULT NULL,
	`idx` int NOT NULL DEFAULT 0,
	`title` varchar(140) DEFAULT NULL,
	`color` varchar(140) DEFAULT NULL,
	`custom` tinyint NOT NULL DEFAULT 0,
	PRIMARY KEY (`name`),
	KEY `parent` (`parent`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC
"""

from patches import multi_app  # noqa: E402  (after the SQL it needs, for reading order)


def install_framework(engine_install_app, name, verbose=False, set_as_patched=True, force=False):
	import monoframe
	import monoframe.installer as installer

	if not force and multi_app.ENGINE in multi_app.get_installed_apps():
		print("Framework already installed")
		return
	monoframe.db.sql("delete from `tabSingles` where doctype='System Settings'")
	monoframe.db.sql_ddl(DOCTYPE_STATE_TABLE)
	add_module_defs = installer.add_module_defs
	installer.add_module_defs = lambda *args, **kwargs: None  # the Module Def table does not exist yet
	try:
		engine_install_app(name, verbose=verbose, set_as_patched=set_as_patched, force=True)
	finally:
		installer.add_module_defs = add_module_defs
	add_module_defs(multi_app.ENGINE, ignore_if_duplicate=True)
	multi_app.record_installed("frappe")
	# Frappe runs the installing app's own after_install (basic docs, languages, countries,
	# Administrator's roles); the engine looks the hook up among installed apps, finds none
	for fn in multi_app.load_app_hooks(multi_app.ENGINE).get("after_install", []):
		monoframe.get_attr(fn)()
	monoframe.db.commit()


def apply(site: str | None = None) -> None:
	engine_install_app = multi_app._engine_install_app

	def framework_install_app(name, verbose=False, set_as_patched=True, force=False):
		return install_framework(engine_install_app, name, verbose, set_as_patched, force)

	multi_app._engine_install_app = framework_install_app
