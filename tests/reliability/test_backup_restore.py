"""The scheduled daily backup, restored into a fresh site: the same rows (counts and a checksum of
every column of the key tables) and the same files come back."""

import json
import shutil

from patches import services
from patches.site_config import merged_config
from tests.bench.seed import fingerprint
from tests.bench.seed import seed as seed_data
from tests.conftest import SITE, bench, paths, site_conf

BACKUP_SEED = 904
KEY_TABLES = (
	"tabService Unit",
	"tabCustomer Archive",
	"tabCustomer Contact",
	"tabService Event",
	"tabCallback Task",
	"tabCallback Attempt",
	"tabCallback Record",
	"tabCallback Answer",
	"tabComplaint",
	"tabSurvey Response",
	"tabFile",
)


def restore_site_name() -> str:
	return f"{SITE.split('.')[0]}_restore.localhost"


def table_counts(frappe, conf=None) -> dict[str, int]:
	"""Row counts of the key tables (all rows, not only the seeded ones)."""
	from tests.bench import seed_writer

	conn = seed_writer.connect(conf or frappe.conf)
	try:
		return {t: int(seed_writer.scalar(conn, f"SELECT COUNT(*) FROM `{t}`")) for t in KEY_TABLES}
	finally:
		conn.close()


def snapshot(frappe) -> tuple:
	return table_counts(frappe), fingerprint(BACKUP_SEED)


def json_tail(stdout: str) -> dict:
	return json.loads(stdout[stdout.rindex("{") :])


def test_daily_backup_is_scheduled(site_frappe):
	"""R-44: the backup job is registered as a daily (long) scheduled job on the site."""
	frappe = site_frappe
	assert "huifang.backups.daily_backup" in frappe.get_hooks("scheduler_events")["daily_long"]
	job = frappe.db.get_value(
		"Scheduled Job Type",
		{"method": "huifang.backups.daily_backup"},
		["frequency", "stopped"],
		as_dict=True,
	)
	assert job and job.frequency == "Daily Long" and not job.stopped


def test_backup_restores_into_fresh_site_with_same_rows_and_files(site_frappe):
	"""R-44: records are kept: the daily backup restored into a new site gives back every row of
	the key tables (counts and a checksum over all columns) and the private files."""
	frappe = site_frappe
	seed_data(n_customers=60, n_records=400, n_units=5, seed=BACKUP_SEED)
	frappe.db.rollback()
	record = frappe.db.get_value("Callback Record", {"name": ("like", f"HF-CB-S{BACKUP_SEED}-%")})
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"backup-check-{BACKUP_SEED}.mp3",
			"attached_to_doctype": "Callback Record",
			"attached_to_name": record,
			"is_private": 1,
			"content": b"ID3 recording kept by the backup",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()

	# the scheduler keeps running: take the backup again if any key table moved meanwhile
	for _attempt in range(3):
		before = snapshot(frappe)
		result = json_tail(bench("execute", "huifang.backups.daily_backup").stdout)
		frappe.db.rollback()
		if snapshot(frappe) == before:
			break
	else:
		raise AssertionError("the key tables kept changing during every backup")
	counts, seeded = before
	assert seeded["tabCallback Record"][0] == 400

	target = restore_site_name()
	target_conf = site_conf()
	redis_db = (int(target_conf["redis_cache"].rsplit("/", 1)[1]) + 8) % 16
	try:
		bench_for(
			target,
			"new-site",
			"--force",
			"--test",
			"--port",
			str(target_conf["webserver_port"] + 1),
			"--redis-db",
			str(redis_db),
		)
		bench_for(target, "restore", result["database"])
		conf = merged_config(target)
		assert table_counts(frappe, conf) == counts
		assert fingerprint(BACKUP_SEED, conf) == seeded
		restored = paths.site_path(target) / "private" / "files" / file.file_name
		assert restored.read_bytes() == b"ID3 recording kept by the backup"
	finally:
		conf = merged_config(target)
		services.drop_database(conf.get("db_name", target.replace(".localhost", "")))
		shutil.rmtree(paths.site_path(target), ignore_errors=True)


def bench_for(site: str, *args: str):
	import subprocess
	import sys

	from tests.conftest import BENCH

	r = subprocess.run(
		[sys.executable, "-m", "patches.bench", "--site", site, *args],
		cwd=BENCH,
		capture_output=True,
		text=True,
	)
	assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
	return r
