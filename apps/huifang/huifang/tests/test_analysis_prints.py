"""Print formats 回访记录表, 投诉处理单, 工作联系单 and 月度服务分析报告 (R-73)."""

import io
import re
import unicodedata

import frappe
from frappe.tests import IntegrationTestCase

from huifang.analysis.snapshot import take_snapshot
from huifang.huifang.doctype.callback_record.callback_record import make_rectification
from huifang.tests import analysis_fixture as fx
from huifang.tests.factories import ensure_fixtures


def text_of(html: str) -> str:
	return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class TestAnalysisPrints(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		cls.names = fx.build()
		take_snapshot(fx.PERIOD)
		cls.record = frappe.get_all(
			"Callback Record",
			filters={"service_unit": cls.names.units["U1"], "call_time": "2024-03-02 09:00:00"},
			pluck="name",
		)[0]
		frappe.db.set_value("Callback Record", cls.record, {"comments": "办事很快", "review_comment": "同意"})
		cls.rectification = make_rectification(
			frappe.get_doc("Callback Record", cls.record), "窗口排队时间过长"
		)
		cls.analysis = frappe.db.get_value(
			"Service Analysis", {"service_unit": cls.names.units["U1"], "period": fx.PERIOD}
		)

	def render(self, doctype, name, print_format):
		return text_of(frappe.get_print(doctype, name, print_format=print_format))

	def test_every_format_renders_in_chinese_with_signatures(self):
		"""R-73: each print format renders its document in Chinese with signature lines, whatever the
		language of the user printing it."""
		self.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		frappe.local.lang = "en"
		cases = [
			(
				"Callback Record",
				self.record,
				"Callback Record Sheet",
				["回访记录表", "总体评价 满意（5 分，很满意）", "办事很快", "同意", "回访人签字", "客户签字"],
			),
			(
				"Complaint",
				self.names.complaints["k2"],
				"Complaint Handling Form",
				["投诉处理单", "服务态度", "重要（重复投诉）", "态度差", "责任部门负责人", "重开次数 1"],
			),
			(
				"Rectification Request",
				self.rectification,
				"Work Contact Form",
				["工作联系单", "窗口排队时间过长", "接收单位签收人", "完成确认"],
			),
			(
				"Service Analysis",
				self.analysis,
				"Monthly Analysis Report",
				["月度服务分析报告", "2024-03", "230.00", "基本满意", "66.67%", "83.33%", "批准"],
			),
		]
		for doctype, name, print_format, expected in cases:
			text = self.render(doctype, name, print_format)
			for part in expected:
				self.assertIn(part, text, f"{print_format}: {part}")
			self.assertNotIn("Traceback", text)

	def test_monthly_report_tables(self):
		"""R-70/R-73: the monthly analysis report prints its agent table in rank order."""
		text = self.render("Service Analysis", self.analysis, "Monthly Analysis Report")
		a1 = frappe.utils.get_fullname(self.names.agents["a1"])
		a2 = frappe.utils.get_fullname(self.names.agents["a2"])
		self.assertRegex(
			text, rf"1 {re.escape(a1)} 4 3 75.00% 4 .* 255.00 满意 2 {re.escape(a2)} 2 1 50.00% 2"
		)

	def test_pdf(self):
		"""R-73: the engine produces an A4 PDF of a print format (frappe.get_print as_pdf)."""
		from pypdf import PdfReader

		pdf = frappe.get_print(
			"Service Analysis", self.analysis, print_format="Monthly Analysis Report", as_pdf=True
		)
		reader = PdfReader(io.BytesIO(pdf))
		self.assertEqual([round(float(v)) for v in reader.pages[0].mediabox[2:]], [595, 842])
		# CJK fonts map some characters to their radical code points; NFKC folds them back
		text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
		self.assertIn("月度服务分析报告", text)
		self.assertIn("83.33%", text)
		self.assertNotIn("Get PDF", text)  # the print view's toolbar stays out
