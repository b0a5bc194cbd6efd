"""Method overrides keyed by `frappe.*` paths also catch the Desk's `monoframe.*` calls.

Upstream: a Frappe app replaces an engine method with
`override_whitelisted_methods = {"frappe.desk.reportview.export_query": "app.module.fn"}`, and the
Desk calls exactly that path. monoframe's Desk sends the same methods as
`monoframe.desk.reportview.export_query` (and `monoframe.utils.global_search.search`, ...), so the
`frappe.` key, the only one a Frappe app can write, never matches and the engine's own method runs
instead. This patch looks the override up under the `frappe.` name too.
"""

PREFIX = "monoframe."


def apply(site: str | None = None) -> None:
	import monoframe

	original = monoframe.override_whitelisted_method
	if getattr(original, "_huifang_patched", False):
		return

	def override_whitelisted_method(original_method: str) -> str:
		resolved = original(original_method)
		if resolved == original_method and original_method.startswith(PREFIX):
			alias = "frappe." + original_method[len(PREFIX) :]
			aliased = original(alias)
			if aliased != alias:
				return aliased
		return resolved

	override_whitelisted_method._huifang_patched = True
	monoframe.override_whitelisted_method = override_whitelisted_method
