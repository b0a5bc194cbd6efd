"""`bench backup` / `bench restore` for one site: SQL dump plus public and private files.

The backup is Frappe's own (`frappe.utils.backups.new_backup`: a gzipped mariadb-dump and tar files
under sites/<site>/private/backups). Restore is what `bench restore` does: load the dump into the
site's database, unpack the files, then migrate so the schema matches the code.
"""

import glob
import gzip
import os
import shutil
import subprocess
import tarfile

from patches import paths


def backup(site: str, with_files: bool = True) -> dict:
	from patches.bench import connect

	frappe = connect(site)
	from frappe.utils.backups import new_backup

	odb = new_backup(ignore_files=not with_files, force=True)
	result = {
		"database": os.path.abspath(odb.backup_path_db),
		"files": os.path.abspath(odb.backup_path_files) if with_files else None,
		"private_files": os.path.abspath(odb.backup_path_private_files) if with_files else None,
	}
	frappe.destroy()
	return result


def _siblings(db_file: str) -> tuple[str | None, str | None]:
	"""The files archives written with a database dump share its timestamp prefix."""
	prefix = db_file.rsplit("-database", 1)[0]
	public = glob.glob(prefix + "-files.tar*")
	private = glob.glob(prefix + "-private-files.tar*")
	return (public[0] if public else None, private[0] if private else None)


def restore(site: str, db_file: str) -> None:
	from patches import services
	from patches.site_config import merged_config

	conf = merged_config(site)
	db = conf["db_name"]
	services.root_sql(
		f"DROP DATABASE IF EXISTS `{db}`; CREATE DATABASE `{db}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	)
	opener = gzip.open if db_file.endswith(".gz") else open
	with opener(db_file, "rb") as dump:
		client = subprocess.Popen(["mariadb", *services.mariadb_client_args(), db], stdin=subprocess.PIPE)
		shutil.copyfileobj(dump, client.stdin)
		client.stdin.close()
		if client.wait():
			raise RuntimeError(f"loading {db_file} failed")
	public, private = _siblings(db_file)
	site_dir = paths.site_path(site)
	for archive, target in ((public, site_dir / "public"), (private, site_dir / "private")):
		if archive:
			with tarfile.open(archive) as tar:
				members = [m for m in tar.getmembers() if "/files/" in m.name or m.name.endswith("/files")]
				for m in members:
					m.name = m.name.split("/files", 1)[1].lstrip("/")
					m.name = f"files/{m.name}" if m.name else "files"
				tar.extractall(target, members=members, filter="data")
	from patches.bench import _run_self

	_run_self(site, "migrate")
	# cached documents of the old database must not outlive it
	subprocess.run(["redis-cli", "-u", conf["redis_cache"], "flushdb"], check=False, capture_output=True)
