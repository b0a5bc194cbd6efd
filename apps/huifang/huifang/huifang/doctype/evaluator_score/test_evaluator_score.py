import frappe
from frappe.tests import IntegrationTestCase

from huifang.analysis.evaluator import import_csv, import_rows
from huifang.tests.factories import AGENT, ensure_fixtures, make_unit, make_user

HEADER = "窗口,日期,评价器编号,非常满意,满意,基本满意,不满意,非常不满意\n"


class TestEvaluatorScore(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.code = f"W-{frappe.generate_hash(length=5)}"
		cls.unit = make_unit(unit_code=cls.code)

	def scores(self):
		return frappe.get_all(
			"Evaluator Score",
			filters={"service_unit": self.unit},
			fields=[
				"evaluation_date",
				"device",
				"level_5",
				"level_4",
				"level_3",
				"total",
				"score",
				"grade",
				"source",
			],
			order_by="evaluation_date",
		)

	def test_csv_rows_checked_one_by_one(self):
		"""R-71: an evaluator CSV imports its valid rows; each bad row comes back with its row number and a
		message naming the field; the score uses the 300-point scale (6x5 + 3x4 + 1x3 -> 270, satisfied)."""
		content = HEADER + "\n".join(
			[
				f"{self.code},2024-03-04,1,6,3,1,0,0",
				"没有这个窗口,2024-03-04,1,1,0,0,0,0",
				f"{self.unit},2024/03/32,1,1,0,0,0,0",
				f"{self.unit},2024-03-05,1,1,-2,0,0,0",
				f"{self.unit},2024-03-06,1,1.5,0,0,0,0",
				f"{self.unit},2024-03-07,1,0,0,0,0,0",
				f"{self.code},2024-03-04,1,1,0,0,0,0",
				f"{self.unit},2024.03.08,,0,0,2,0,0",
			]
		)
		result = import_csv(content=content)
		self.assertEqual((result["inserted"], result["updated"]), (2, 0))
		self.assertEqual([e["row"] for e in result["errors"]], [3, 4, 5, 6, 7, 8])
		messages = [e["error"] for e in result["errors"]]
		self.assertIn("没有这个窗口", messages[0])
		self.assertIn("2024-03-32", messages[1])
		self.assertIn("-2", messages[2])
		self.assertIn("1.5", messages[3])
		rows = self.scores()
		self.assertEqual(
			[(str(r.evaluation_date), r.total, r.score, r.grade, r.source) for r in rows],
			[
				("2024-03-04", 10, 270.0, "Satisfied", "CSV Import"),
				("2024-03-08", 2, 180.0, "Unsatisfied", "CSV Import"),
			],
		)

	def test_reimport_replaces_gbk_and_permissions(self):
		"""R-71: importing a day again replaces its counts instead of adding a row; GBK files from Excel
		read as well; dry runs write nothing; agents may not import."""
		content = HEADER + f"{self.code},2024-04-01,A,1,0,0,0,0\n"
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "evaluator.csv",
				"is_private": 1,
				"content": content.encode("gbk"),
			}
		).insert(ignore_permissions=True)
		self.assertEqual(import_csv(file_url=file.file_url)["inserted"], 1)
		again = HEADER + f"{self.code},2024-04-01,A,0,2,0,0,0\n"
		self.assertEqual(
			import_csv(content=again, dry_run=1), {"valid": 1, "inserted": 0, "updated": 0, "errors": []}
		)
		self.assertEqual(import_csv(content=again)["updated"], 1)
		rows = [r for r in self.scores() if str(r.evaluation_date) == "2024-04-01"]
		self.assertEqual([(r.device, r.level_5, r.level_4, r.score) for r in rows], [("A", 0, 2, 240.0)])
		result = import_rows([{"service_unit": self.unit, "evaluation_date": "2024-04-02", "level_3": 4}])
		self.assertEqual(result["inserted"], 1)
		with self.set_user(make_user("ev-agent", AGENT)):
			self.assertRaises(frappe.PermissionError, import_csv, content=again)

	def test_missing_columns(self):
		"""R-71: a file without the window and date columns is refused as a whole with a clear message."""
		self.assertRaises(frappe.ValidationError, import_csv, content="name,count\nx,1\n")
