"""Daily backup with rotation.

Frappe's own backup (gzipped database dump plus public and private files, under
sites/<site>/private/backups), then only the newest `huifang_backup_keep` sets stay (site
config, default 7). A set is the files sharing one timestamp prefix; other files are left alone.
Restore with `bench --site <site> restore <...-database.sql.gz>` (files archives beside it).
"""

import os
import re

import frappe
from frappe.utils import cint

DEFAULT_KEEP = 7
# <YYYYMMDD_HHMMSS>-<site>-database.sql.gz | -files.tar | -private-files.tar | -site_config_backup.json
BACKUP_FILE = re.compile(
	r"^(\d{8}_\d{6})-.+-(database\.sql(\.gz)?|files\.tar(\.gz)?|private-files\.tar(\.gz)?|site_config_backup\.json)(\.gpg)?$"
)


def daily_backup() -> dict:
	"""Scheduled daily (hooks: daily_long): a full backup, then rotation."""
	from frappe.utils.backups import new_backup

	odb = new_backup(ignore_files=False, force=True)
	removed = rotate(os.path.dirname(os.path.abspath(odb.backup_path_db)), keep_count())
	return {"database": odb.backup_path_db, "removed": removed}


def keep_count() -> int:
	return max(1, cint(frappe.conf.get("huifang_backup_keep")) or DEFAULT_KEEP)


def rotate(folder: str, keep: int) -> list[str]:
	"""Delete every backup set but the newest `keep`; returns the deleted file names."""
	sets: dict[str, list[str]] = {}
	for name in os.listdir(folder):
		if match := BACKUP_FILE.match(name):
			sets.setdefault(match.group(1), []).append(name)
	removed = []
	for stamp in sorted(sets, reverse=True)[keep:]:
		for name in sets[stamp]:
			os.remove(os.path.join(folder, name))
			removed.append(name)
	return sorted(removed)
