"""Link fields in the Desk: "0" means no for the search flags.

Upstream: every Link control sends `ignore_user_permissions: df.ignore_user_permissions` (0 for
nearly every field) with its search and its validation (`search_link`, `validate_link_and_fetch`),
so the request carries the string "0". Frappe's whitelist turns it into False from the `bool`
annotation, but monoframe's `monoframe/desk/search.py` has `from __future__ import annotations`,
its annotations are strings, and `transform_parameter_types` skips string annotations: "0" reaches
`search_widget`, is truthy, and every link search or validation of a field without
"Ignore User Permissions" fails with 'The field X in Y does not allow ignoring user permissions'.
A staff user sees that error dialog the moment a new Complaint, Callback Record or Callback Plan
opens (their workflow_state is a Link with a default) and cannot pick a value in any Link field.

This patch reads the boolean flags of `search_widget` ("0", "false", "" are no) before the engine's
function runs, and puts the wrapper where the engine looks it up (the module, `monoframe.client`,
the whitelist). It changes nothing else: "1" still asks for ignoring user permissions and is still
refused for a field that does not allow it. Not loaded on real Frappe.
"""

import functools
import inspect

FLAGS = ("ignore_user_permissions", "as_dict", "for_link_validation")
FALSE = {"", "0", "false", "no", "off", "none", "null", "undefined"}


def _flag(value):
	if isinstance(value, str):
		return value.strip().lower() not in FALSE
	return value


def apply(site: str | None = None) -> None:
	import monoframe
	import monoframe.client
	import monoframe.desk.search as search

	original = search.search_widget
	if getattr(original, "_huifang_patched", False):
		return
	signature = inspect.signature(original)

	@functools.wraps(original)
	def search_widget(*args, **kwargs):
		bound = signature.bind_partial(*args, **kwargs)
		for name in FLAGS:
			if name in bound.arguments:
				bound.arguments[name] = _flag(bound.arguments[name])
		return original(*bound.args, **bound.kwargs)

	search_widget._huifang_patched = True
	monoframe.whitelisted.add(search_widget)
	monoframe.allowed_http_methods_for_whitelisted_func[search_widget] = (
		monoframe.allowed_http_methods_for_whitelisted_func.get(original, ["GET", "POST", "PUT", "DELETE"])
	)
	if original in monoframe.guest_methods:
		monoframe.guest_methods.add(search_widget)
	search.search_widget = search_widget
	monoframe.client.search_widget = search_widget
