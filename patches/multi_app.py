"""More than one app on the engine.

Upstream: monoframe is single-tenant and single-app. `get_installed_apps()` and `get_all_apps()`
always answer ["monoframe"], hooks are read from `monoframe.hooks` only, the module map knows only
the framework's modules, `get_app_path()` ignores its app argument, `install_app()` refuses any app
but the framework, and `sync_all()` (run by migrate) syncs only the framework, so migrate then
deletes the app's DocTypes as orphans.

This patch restores Frappe's behaviour: the apps on the bench are those in `sites/apps.txt`
("frappe" meaning the engine); the installed ones are recorded in the database global
`installed_apps`, as Frappe does; hooks, the module map, app paths, install and sync cover them all.
"""

import inspect
import json
import types

from patches import paths

ENGINE = "monoframe"


def engine_name(app: str) -> str:
	return ENGINE if app in ("frappe", ENGINE) else app


def bench_apps() -> list[str]:
	return [engine_name(a) for a in paths.bench_apps()]


def get_all_apps(with_internal_apps: bool = True, sites_path: str | None = None) -> list[str]:
	return bench_apps()


def _stored_installed_apps() -> list[str]:
	import monoframe

	return json.loads(monoframe.db.get_global("installed_apps") or "[]")


def get_installed_apps(*, _ensure_on_bench: bool = False) -> list[str]:
	import monoframe

	if getattr(monoframe.flags, "in_install_db", True):
		return []
	if not getattr(monoframe.local, "db", None):
		return bench_apps()
	cache = monoframe.local.request_cache.setdefault("huifang_installed_apps", {})
	if "apps" not in cache:
		try:
			stored = [engine_name(a) for a in _stored_installed_apps()]
		except Exception:
			return []  # an empty database: nothing is installed yet
		installed = [a for a in bench_apps() if a in stored]
		cache["apps"] = installed
	return list(cache["apps"])


def record_installed(app: str, installed: bool = True) -> None:
	"""Keep the `installed_apps` global in Frappe's format (a JSON list, framework first)."""
	import monoframe

	apps = [a for a in _stored_installed_apps() if a != app]
	if installed:
		apps.append(app)
	if app != "frappe" and "frappe" not in apps:
		apps.insert(0, "frappe")
	monoframe.db.set_global("installed_apps", json.dumps(apps))
	monoframe.local.request_cache.pop("huifang_installed_apps", None)


def _hook_apps(app_name: str | None) -> list[str]:
	if app_name:
		return [engine_name(app_name)]
	import monoframe

	if getattr(monoframe.local, "db", None) and not getattr(monoframe.flags, "in_install_db", False):
		try:
			return get_installed_apps()
		except Exception:
			pass  # before the schema exists: the framework's hooks plus the bench's apps
	return bench_apps()


def _is_hook_value(obj) -> bool:
	return not isinstance(obj, types.ModuleType | types.FunctionType | type)


def load_app_hooks(app_name: str | None = None) -> dict:
	import monoframe

	hooks: dict = {}
	for app in _hook_apps(app_name):
		module = monoframe.get_module(f"{app}.hooks")
		for key, value in inspect.getmembers(module, predicate=_is_hook_value):
			if not key.startswith("_"):
				monoframe.append_hook(hooks, key, value)
	return hooks


_module_map: dict | None = None


def setup_module_map(include_all_apps: bool = True) -> None:
	import monoframe

	global _module_map
	if _module_map is None:
		app_modules = {
			app: [monoframe.scrub(m) for m in monoframe.get_module_list(app)] for app in bench_apps()
		}
		module_app = {m: app for app, modules in app_modules.items() for m in modules}
		_module_map = {"app_modules": app_modules, "module_app": module_app}
	monoframe.local.app_modules = _module_map["app_modules"]
	monoframe.local.module_app = _module_map["module_app"]


def get_app_path(app_name: str, *joins):
	import monoframe

	return monoframe.get_pymodule_path(engine_name(app_name or ENGINE), *joins)


def get_app_source_path(app_name: str, *joins):
	import monoframe

	return monoframe.get_pymodule_path(engine_name(app_name or ENGINE), "..", *joins)


def install_app(name, verbose=False, set_as_patched=True, force=False):
	"""Frappe's install_app for an app that is not the framework (the engine refuses those)."""
	import monoframe
	import monoframe.installer as installer

	name = engine_name(name)
	if name == ENGINE:
		return _engine_install_app(name, verbose=verbose, set_as_patched=set_as_patched, force=force)

	from monoframe.core.doctype.scheduled_job_type.scheduled_job_type import sync_jobs
	from monoframe.model.module_utils import sync_customizations
	from monoframe.model.sync import sync_for
	from monoframe.utils.dashboard import sync_dashboards
	from monoframe.utils.fixtures import sync_fixtures

	if not force and name in get_installed_apps():
		print(f"App {name} already installed")
		return
	print(f"\nInstalling {name}...")
	monoframe.flags.in_install = name
	monoframe.clear_cache()
	app_hooks = monoframe._dict(load_app_hooks(name))
	for fn in app_hooks.before_install or []:
		if monoframe.get_attr(fn)() is False:
			return
	for fn in monoframe.get_hooks("before_app_install"):
		monoframe.get_attr(fn)(name)
	installer.add_module_defs(name, ignore_if_duplicate=True)
	sync_for(name, force=force, reset_permissions=True)
	record_installed(name)
	monoframe.clear_cache()
	if set_as_patched:
		installer.set_all_patches_as_completed(name)
	for fn in app_hooks.after_install or []:
		monoframe.get_attr(fn)()
	for fn in monoframe.get_hooks("after_app_install"):
		monoframe.get_attr(fn)(name)
	sync_jobs()
	sync_fixtures(name)
	sync_customizations(name)
	sync_dashboards(name)
	for fn in app_hooks.after_sync or []:
		monoframe.get_attr(fn)()
	monoframe.db.commit()
	monoframe.clear_cache()
	monoframe.flags.in_install = False


_engine_install_app = None


def sync_all(force=0, reset_permissions=False):
	"""Sync every installed app (the engine syncs the framework only)."""
	import monoframe
	import monoframe.installer as installer
	import monoframe.model.sync as sync

	sync._patch_mode(True)
	for app in get_installed_apps():
		if app != ENGINE:
			installer.add_module_defs(app, ignore_if_duplicate=True)
		sync.sync_for(app, force, reset_permissions=reset_permissions)
	sync._patch_mode(False)
	monoframe.clear_cache()


def apply(site: str | None = None) -> None:
	global _engine_install_app
	import monoframe
	import monoframe.installer as installer
	import monoframe.model.sync as sync

	monoframe.get_all_apps = get_all_apps
	monoframe.get_installed_apps = get_installed_apps
	monoframe._load_app_hooks = load_app_hooks
	monoframe._site_cached_load_app_hooks = load_app_hooks
	monoframe._request_cached_load_app_hooks = load_app_hooks
	monoframe.setup_module_map = setup_module_map
	monoframe.get_app_path = get_app_path
	monoframe.get_app_source_path = get_app_source_path
	if installer.install_app is not install_app:
		_engine_install_app = installer.install_app
		installer.install_app = install_app
	sync.sync_all = sync_all
