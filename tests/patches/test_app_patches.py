"""patches/app_patches.py: `migrate` runs the patches listed in the app's patches.txt, so a fix
shipped with an update reaches sites that already exist (R-80: the system keeps running through
updates)."""

from tests.patches.test_engine_patches import last_json, run

LIST = """
import importlib, json, patches
for name in patches.MODULES:
	if name != "app_patches" or {with_patch}:
		importlib.import_module("patches." + name).apply()
import monoframe, monoframe.patches
monoframe.init(); monoframe.connect()
print(json.dumps([p for p in monoframe.patches.get_all_patches() if p.startswith("huifang.")]))
"""


def app_patch_list() -> list[str]:
	from tests.conftest import BENCH

	lines = (BENCH / "apps/huifang/huifang/patches.txt").read_text().splitlines()
	return [line.strip() for line in lines if line.strip().startswith("huifang.")]


def test_migrate_collects_the_apps_patches():
	"""patches/app_patches.py: without it migrate sees none of huifang's patches; with it, all of them in order."""
	assert app_patch_list(), "huifang ships patches in patches.txt"
	without = last_json(run(LIST.format(with_patch=False), patched=False))
	assert without == [], "upstream reads apps' patches.txt now: drop the patch"
	assert last_json(run(LIST.format(with_patch=True), patched=False)) == app_patch_list()
