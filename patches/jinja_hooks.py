"""App Jinja methods and filters on every page.

Upstream: `monoframe.utils.jinja.get_jinja_hooks()` returns (None, None) when `frappe.local.site` is
unset, which it always is in the single-tenant engine; `get_jenv()` then fails and every HTML page
(login, desk, www) answers 500. This patch runs the original with `local.site` set to the site
name for the duration of the call only.
"""


def apply(site: str | None = None) -> None:
	import monoframe
	import monoframe.utils.jinja as jinja

	original = jinja.get_jinja_hooks
	if getattr(original, "_huifang_patched", False):
		return

	def get_jinja_hooks():
		if getattr(monoframe.local, "site", None):
			return original()
		monoframe.local.site = monoframe.get_site_name()
		try:
			return original()
		finally:
			del monoframe.local.site

	get_jinja_hooks._huifang_patched = True
	jinja.get_jinja_hooks = get_jinja_hooks
