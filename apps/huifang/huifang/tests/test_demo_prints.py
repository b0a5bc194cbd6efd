"""The print formats render every document of the demo data (R-73, issue 7).

The demo (huifang.demo.load) is loaded inside the test transaction and rolled back afterwards;
the monthly job writes the Service Analyses of its closed months, as it would on the 1st.
"""

import io
import re

import frappe
from frappe.tests import IntegrationTestCase
from frappe.utils import add_months, getdate, today

from huifang.analysis.periods import period_label
from huifang.analysis.scope import descendants
from huifang.analysis.snapshot import take_snapshot
from huifang.demo import load
from huifang.demo import organisation as org
from huifang.tests.factories import ensure_fixtures

# doctype, print format, its title, what every copy shows besides the document's name
FORMATS = (
	("Callback Record", "Callback Record Sheet", "回访记录表", ("回访人签字", "客户签字", "审核人签字")),
	("Complaint", "Complaint Handling Form", "投诉处理单", ("受理人", "责任部门负责人", "部门领导")),
	("Rectification Request", "Work Contact Form", "工作联系单", ("接收单位签收人", "完成确认")),
	("Service Analysis", "Monthly Analysis Report", "月度服务分析报告", ("编制", "审核", "批准")),
	("Survey Response", "Survey Response Sheet", "满意度调查答卷", ("平均分",)),
)


def text_of(html: str) -> str:
	return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class TestDemoPrints(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_fixtures()
		load(commit=False)
		cls.units = descendants([org.PROPERTY, org.CENTRE])
		# the job on the 1st, for each closed month of the demo's four months
		for back in range(1, 6):
			take_snapshot(period_label(add_months(getdate(today()), -back)))

	@classmethod
	def tearDownClass(cls):
		frappe.clear_document_cache("Huifang Settings", "Huifang Settings")
		super().tearDownClass()

	def demo_names(self, doctype: str) -> list[str]:
		return frappe.get_all(
			doctype, filters={"service_unit": ("in", self.units)}, pluck="name", order_by="name"
		)

	def test_every_demo_document_prints(self):
		"""R-73: every demo callback record, complaint, work contact form (rectification request), monthly
		analysis and survey response renders its print format in Chinese with its signature lines, without
		a template error or an unfilled value ("None")."""
		self.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		frappe.local.lang = "en"  # the formats are Chinese whatever the printing user's language
		for doctype, print_format, title, signatures in FORMATS:
			names = self.demo_names(doctype)
			self.assertTrue(names, doctype)
			for name in names:
				text = text_of(frappe.get_print(doctype, name, print_format=print_format))
				self.assertIn(title, text, name)
				self.assertIn(name, text)
				for part in signatures:
					self.assertIn(part, text, f"{print_format}: {part}")
				for wrong in ("Traceback", "None", "Error"):
					self.assertNotIn(wrong, text, f"{print_format} {name}")

	def test_demo_pdfs_are_a4(self):
		"""R-73: one PDF per print format from the demo data, A4 portrait (wkhtmltopdf or the engine's
		PDF path)."""
		from pypdf import PdfReader

		for doctype, print_format, _title, _signatures in FORMATS:
			name = self.demo_names(doctype)[-1]
			pdf = frappe.get_print(doctype, name, print_format=print_format, as_pdf=True)
			page = PdfReader(io.BytesIO(pdf)).pages[0]
			self.assertEqual([round(float(v)) for v in page.mediabox[2:]], [595, 842], print_format)
