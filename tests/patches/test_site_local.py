"""patches/site_local.py: after `init()` the site is known, so what Frappe caches per site for the
life of a process is computed once, not on every call (portal and Desk pages, R-62: the survey
page answers quickly on a phone)."""

from tests.patches.test_engine_patches import last_json, run

CALLS = """
import importlib, json, patches
for name in patches.MODULES:
	if name != "site_local" or {with_patch}:
		importlib.import_module("patches." + name).apply()
import monoframe
from monoframe.utils.caching import site_cache
monoframe.init(); monoframe.connect()
calls = []

@site_cache()
def expensive():
	calls.append(1)
	return len(calls)

expensive(); expensive(); expensive()
print(json.dumps([getattr(monoframe.local, "site", None), len(calls)]))
"""


def test_site_cache_computes_once():
	"""patches/site_local.py: three calls of a site-cached function run it once, with local.site set."""
	without = last_json(run(CALLS.format(with_patch=False), patched=False))
	assert without == [None, 3], "upstream sets local.site now: drop the patch"
	assert last_json(run(CALLS.format(with_patch=True), patched=False)) == ["monoframe", 1]
