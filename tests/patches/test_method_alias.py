"""patches/method_alias.py: an app's override of a `frappe.*` whitelisted method also replaces the
method the Desk calls as `monoframe.*` (R-12: exports logged, global search scoped)."""

from tests.patches.test_engine_patches import last_json, run

RESOLVE = """
import importlib, json, patches
for name in patches.MODULES:
	if name != "method_alias" or {with_patch}:
		importlib.import_module("patches." + name).apply()
import monoframe
monoframe.init(); monoframe.connect()
print(json.dumps(monoframe.override_whitelisted_method("monoframe.desk.reportview.export_query")))
"""


def test_frappe_keyed_override_catches_monoframe_call():
	"""patches/method_alias.py: `monoframe.desk.reportview.export_query` resolves to huifang's override."""
	without = last_json(run(RESOLVE.format(with_patch=False), patched=False))
	assert without == "monoframe.desk.reportview.export_query", (
		"upstream matches frappe.* keys: drop the patch"
	)
	assert (
		last_json(run(RESOLVE.format(with_patch=True), patched=False))
		== "huifang.security.exports.export_query"
	)
