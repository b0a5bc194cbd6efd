"""patches/pdf.py: print formats become PDFs through Debian's wkhtmltopdf (R-73 printing)."""

from tests.patches.test_engine_patches import last_json, run


def test_get_pdf_renders_chinese_a4():
	"""patches/pdf.py: get_pdf returns an A4 PDF whose text is the (Chinese) HTML; the stub raised."""
	code = """
	import io, json, monoframe
	monoframe.init()
	from monoframe.utils.pdf import get_pdf
	try:
		pdf = get_pdf("<html><body><h1>回访记录表</h1><p>满意率 91.67%</p></body></html>")
	except NotImplementedError:
		print(json.dumps("stub")); raise SystemExit
	from pypdf import PdfReader
	page = PdfReader(io.BytesIO(pdf)).pages[0]
	print(json.dumps([round(float(page.mediabox.width)), round(float(page.mediabox.height)), page.extract_text()]))
	"""
	assert last_json(run(code, patched=False)) == "stub", "upstream renders PDFs again: drop the patch"
	width, height, text = last_json(run(code, patched=True))
	assert (width, height) == (595, 842)  # A4 in points
	assert "回访记录表" in text and "91.67" in text
