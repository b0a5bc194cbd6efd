"""WSGI entry point for gunicorn: the engine's application for one site, with static files.

On a real bench nginx serves /assets and /files; here the WSGI app serves them itself
(the engine's own SharedDataMiddleware setup, rooted at the site folder).
"""

import os

import patches
from patches import paths

site = paths.current_site()
patches.apply(site)
os.chdir(paths.site_path(site))

import frappe  # noqa: E402
import frappe.app  # noqa: E402
from werkzeug.middleware.shared_data import SharedDataMiddleware  # noqa: E402

# the asset manifest is cached in Redis; a rebuild since the last start must not serve stale names
frappe.init()
frappe.cache.delete_value("assets_json", shared=True)
frappe.destroy()

application = SharedDataMiddleware(
	frappe.app.application,
	{
		"/assets": str(paths.SITES / "assets"),
		"/files": str(paths.site_path(site) / "public" / "files"),
	},
)
