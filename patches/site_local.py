"""Per-site caches work: `frappe.local.site` is set after `init()`.

Upstream: the single-tenant engine never sets `local.site`, and its `site_cache` decorator skips
the cache whenever `local.site` is unset, so everything Frappe memoises per site for the life of
a process (hooks, Jinja hooks and environment parts, page and route lookups, ...) is computed
again on every call: each www page rebuilt the Jinja machinery per request. Frappe's `init(site)`
sets `local.site`; this patch does the same with the engine's site name after every `init()`.
"""


def apply(site: str | None = None) -> None:
	import monoframe

	original = monoframe.init
	if getattr(original, "_huifang_patched", False):
		return

	def init(*args, **kwargs):
		original(*args, **kwargs)
		if not getattr(monoframe.local, "site", None):
			monoframe.local.site = monoframe.get_site_name()

	init._huifang_patched = True
	monoframe.init = init
