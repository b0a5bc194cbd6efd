import os
import tempfile

from frappe.tests import UnitTestCase

from huifang import backups


class TestBackupRotation(UnitTestCase):
	def make(self, folder: str, names: list[str]) -> None:
		for name in names:
			with open(os.path.join(folder, name), "w") as f:
				f.write(name)

	def test_keeps_the_newest_sets_only(self):
		"""R-44: rotation keeps the newest N backup sets (database, files, config together) and
		never touches other files in the folder."""
		site = "test_site"
		stamps = ["20260101_020000", "20260102_020000", "20260103_020000", "20260104_020000"]
		names = []
		for stamp in stamps:
			names += [
				f"{stamp}-{site}-database.sql.gz",
				f"{stamp}-{site}-files.tar",
				f"{stamp}-{site}-private-files.tar",
				f"{stamp}-{site}-site_config_backup.json",
			]
		with tempfile.TemporaryDirectory() as folder:
			self.make(folder, [*names, "notes.txt", "20260101-manual.sql.gz"])
			removed = backups.rotate(folder, keep=2)
			left = sorted(os.listdir(folder))
		self.assertEqual(removed, sorted(n for n in names if n.startswith(("20260101_", "20260102_"))))
		self.assertEqual(
			left,
			sorted(
				[n for n in names if n.startswith(("20260103_", "20260104_"))]
				+ ["notes.txt", "20260101-manual.sql.gz"]
			),
		)

	def test_keep_count_from_site_config(self):
		"""R-44: the number of sets kept comes from site config (huifang_backup_keep), default 7."""
		import frappe

		previous = frappe.conf.get("huifang_backup_keep")
		try:
			frappe.conf.huifang_backup_keep = None
			self.assertEqual(backups.keep_count(), 7)
			frappe.conf.huifang_backup_keep = 3
			self.assertEqual(backups.keep_count(), 3)
		finally:
			frappe.conf.huifang_backup_keep = previous
