"""make backup / make restore: a restore gives back exactly the rows and files that were backed up."""

import json

from tests.conftest import SITE, bench, paths


def _rows(frappe):
	frappe.db.rollback()
	return frappe.get_all("ToDo", fields=["name", "description"], order_by="name")


def test_backup_then_restore_gives_back_same_rows(site_frappe):
	"""Foundation (R-44 retention relies on it): rows and files after restore equal those at backup time."""
	frappe = site_frappe
	frappe.get_doc({"doctype": "ToDo", "description": "备份前的待办"}).insert()
	frappe.db.commit()
	public = paths.site_path(SITE) / "public" / "files" / "backup-probe.txt"
	public.parent.mkdir(parents=True, exist_ok=True)
	public.write_text("回访附件")
	before = _rows(frappe)

	out = json.loads(_json_tail(bench("backup").stdout))
	# changes after the backup must disappear on restore
	frappe.get_doc({"doctype": "ToDo", "description": "备份后的待办"}).insert()
	frappe.db.sql("delete from tabToDo where description='备份前的待办'")
	frappe.db.commit()
	public.unlink()

	bench("restore", out["database"])
	frappe.db.close()
	frappe.connect()
	assert _rows(frappe) == before
	assert public.read_text() == "回访附件"


def _json_tail(stdout: str) -> str:
	"""The command prints progress first and the JSON result last."""
	return stdout[stdout.rindex("{\n") :]
