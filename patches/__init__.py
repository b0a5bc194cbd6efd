"""Engine compatibility layer.

The app in apps/huifang is a genuine Frappe app. On this project's machines genuine Frappe cannot be
installed, so it runs on `monoframe` (a Frappe v16 fork from PyPI). Each module here fixes one engine
defect at run time; none edits site-packages and none is loaded on real Frappe (`apply()` returns at
once when the engine is not monoframe).

Order matters: the alias must exist before any app code imports `frappe`, and the site config must be
in the environment before the engine reads it.
"""

import importlib.util

from patches import paths

_applied = False

# one module per defect; each exposes apply()
MODULES = (
	"site_config",  # bench-style sites/ JSON config instead of a .env file
	"frappe_alias",  # `import frappe` and renamed Frappe* classes
	"multi_app",  # installed apps, hooks, module map, app paths, install_app, sync_all
	"framework_install",  # installing the framework's own DocTypes on an empty database
	"jinja_hooks",  # app jinja methods ignored when local.site is unset (every page 500s)
	"site_local",  # local.site never set: every per-site cache (site_cache) is skipped
	"log_path",  # logs written to ../logs relative to the working directory
	"test_helpers",  # test utilities missing from the wheel
	"test_runner_warnings",  # the test runner reads warnings.DeprecationWarning, which does not exist
	"setup_complete",  # is_setup_complete() looks for a System Settings table that never exists
	"scheduler_loop",  # `schedule` loop calls a shadowed enqueue_events that never connects
	"app_patches",  # migrate runs only the framework's patches.txt, never an app's
	"print_body",  # print formats render an empty body (pdf_body_html stubbed out)
	"pdf",  # get_pdf stubbed out: PDFs through Debian's wkhtmltopdf
	"timestamp_message",  # the timestamp-mismatch error cannot be translated
	"method_alias",  # override_whitelisted_methods keyed by frappe.* miss the Desk's monoframe.* calls
	"link_search_flags",  # Link fields send ignore_user_permissions="0", read as yes: every link search fails
	"website_home",  # website users are sent to /desk (403) after login instead of their portal home
)


def engine_is_monoframe() -> bool:
	return importlib.util.find_spec("monoframe") is not None


def apply(site: str | None = None) -> None:
	"""Apply every patch once. `site` selects sites/<site>/site_config.json (default: HUIFANG_SITE)."""
	global _applied
	if _applied or not engine_is_monoframe():
		return
	for name in MODULES:
		importlib.import_module(f"patches.{name}").apply(site=site)
	_applied = True


__all__ = ["apply", "engine_is_monoframe", "paths"]
