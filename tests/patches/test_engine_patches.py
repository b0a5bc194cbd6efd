"""Each compatibility patch: the engine defect is still there without it, and gone with it.

Every test runs a short program in a fresh interpreter twice: on the bare engine, where it must show
the defect (so a patch that is no longer needed is noticed), and with `patches.apply()`, where it
must work. See patches/<name>.py for each defect.
"""

import json
import os
import subprocess
import sys
import textwrap

from tests.conftest import BENCH, SITE


def run(code: str, patched: bool, cwd=None) -> subprocess.CompletedProcess:
	prologue = f"import sys, os\nsys.path.insert(0, {str(BENCH)!r})\nos.environ['HUIFANG_SITE'] = {SITE!r}\n"
	if patched:
		prologue += "import patches; patches.apply()\n"
	# the bare engine must not inherit the configuration this test process applied to itself
	env = {k: v for k, v in os.environ.items() if not k.startswith(("MONOFRAME_", "HUIFANG_"))}
	return subprocess.run(
		[sys.executable, "-c", prologue + textwrap.dedent(code)],
		capture_output=True,
		text=True,
		cwd=cwd or BENCH,
		timeout=120,
		env=env,
	)


def last_json(proc: subprocess.CompletedProcess):
	assert proc.returncode == 0, proc.stderr[-3000:]
	return json.loads(proc.stdout.strip().splitlines()[-1])


def test_frappe_alias():
	"""patches/frappe_alias.py: app code imports `frappe` and Frappe's class names."""
	code = """
	import frappe.model.document, monoframe.model.document
	from frappe.tests import IntegrationTestCase, UnitTestCase
	from frappe.tests import FrappeTestCase
	print(frappe.model.document is monoframe.model.document)
	"""
	assert run(code, patched=False).returncode != 0
	assert run(code, patched=True).stdout.strip() == "True"


def test_multi_app_installed_apps_hooks_and_paths():
	"""patches/multi_app.py: huifang is installed, its hooks load and its path resolves to apps/huifang."""
	code = """
	import monoframe, json
	monoframe.init(); monoframe.connect()
	print(json.dumps([monoframe.get_installed_apps(), monoframe.get_app_path("huifang"),
		"huifang.tasks.heartbeat" in str(monoframe.get_hooks("scheduler_events"))]))
	"""
	bare = run(code, patched=False)
	if bare.returncode == 0:  # without the site config the bare engine may not even connect
		apps, path, hooked = last_json(bare)
		assert "huifang" not in apps and not hooked
	apps, path, hooked = last_json(run(code, patched=True))
	assert apps == ["monoframe", "huifang"]
	assert path == str(BENCH / "apps" / "huifang" / "huifang")
	assert hooked


def test_framework_install_creates_missing_core_table(site_frappe):
	"""patches/framework_install.py: the engine's bootstrap SQL lacks `tabDocType State`; the site has it and the full framework."""
	import monoframe.database.mariadb as mariadb_pkg

	sql = open(mariadb_pkg.__path__[0] + "/framework_mariadb.sql").read()
	assert "CREATE TABLE `tabDocType State`" not in sql, "upstream fixed it: drop the table creation"
	frappe = site_frappe
	assert frappe.db.table_exists("DocType State")
	assert frappe.db.count("DocType") > 200
	assert frappe.db.count("Language") > 50, "the framework's after_install did not run"
	assert "System Manager" in frappe.get_roles("Administrator")


def test_jinja_hooks_without_local_site():
	"""patches/jinja_hooks.py: the Jinja environment loads app hooks although local.site is unset."""
	code = """
	import monoframe, json
	monoframe.init()
	from monoframe.utils.jinja import get_jinja_hooks
	methods, filters = get_jinja_hooks()
	print(json.dumps(methods is not None))
	"""
	assert last_json(run(code, patched=False)) is False
	assert last_json(run(code, patched=True)) is True


def test_log_path_independent_of_cwd(tmp_path):
	"""patches/log_path.py: logging works from any working directory and lands in <bench>/logs."""
	code = """
	import monoframe
	monoframe.init()
	monoframe.logger("huifang-log-probe").info("probe")
	print("ok")
	"""
	assert run(code, patched=False, cwd=tmp_path).returncode != 0
	assert run(code, patched=True, cwd=tmp_path).stdout.strip() == "ok"
	assert (BENCH / "logs" / "huifang-log-probe.log").exists()


def test_missing_test_helpers_module():
	"""patches/test_helpers.py: the module the engine's installer and test runner import exists."""
	code = "from monoframe.tests.utils.generators import _clear_test_log; _clear_test_log(); print('ok')"
	assert run(code, patched=False).returncode != 0
	assert run(code, patched=True).stdout.strip() == "ok"


def test_scheduler_loop_replaces_broken_start():
	"""patches/scheduler_loop.py: upstream's loop calls a shadowed enqueue_events that needs a connection."""
	code = """
	import monoframe
	from monoframe.utils import scheduler
	print(scheduler.start_scheduler.__module__)
	scheduler.enqueue_events()  # what upstream's start_scheduler calls each tick
	"""
	bare = run(code, patched=False)
	assert bare.returncode != 0, "upstream's loop target works again: drop the patch"
	patched = run(code.replace("scheduler.enqueue_events()  #", "#"), patched=True)
	assert patched.stdout.strip() == "patches.scheduler_loop"


def test_site_config_from_sites_folder():
	"""patches/site_config.py: the engine reads sites/common_site_config.json + sites/<site>/site_config.json."""
	code = """
	import monoframe, json
	monoframe.init()
	print(json.dumps([monoframe.conf.db_name, monoframe.conf.db_port]))
	"""
	db_name, _ = last_json(run(code, patched=False))
	assert not db_name
	db_name, port = last_json(run(code, patched=True))
	assert db_name == SITE.replace(".localhost", "").replace(".", "_")
	assert port == json.loads((BENCH / "sites" / "common_site_config.json").read_text())["db_port"]


def test_test_runner_warnings_attribute():
	"""patches/test_runner_warnings.py: the engine's test result class can be imported and used."""
	code = """
	import warnings
	from monoframe.testing import result
	warnings.filterwarnings("module", category=warnings.DeprecationWarning)
	print("ok")
	"""
	assert run(code, patched=False).returncode != 0
	assert run(code, patched=True).stdout.strip() == "ok"


def test_setup_complete_read_from_singles():
	"""patches/setup_complete.py: a set-up site is seen as set up, so the Desk does not open the setup wizard."""
	code = """
	import monoframe, json
	monoframe.init(); monoframe.connect()
	print(json.dumps(bool(monoframe.is_setup_complete())))
	"""
	assert last_json(run(code, patched=True)) is True
	bare = run(code, patched=False)
	assert bare.returncode != 0 or last_json(bare) is False
