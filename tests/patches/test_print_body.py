"""patches/print_body.py: the engine's print view renders print format bodies (R-73 printing,
R-62 escaped survey answers in print)."""

from tests.patches.test_engine_patches import last_json, run


def test_print_body_renders_template():
	"""patches/print_body.py: the pdf_body_html hook renders the template instead of returning ""."""
	code = """
	import json, monoframe
	monoframe.init()
	from jinja2 import Environment
	template = Environment().from_string("<p>{{ doc.title }} {{ doc.rows|length }}</p>")
	hook = monoframe.get_attr("monoframe.utils.pdf.pdf_body_html")
	print(json.dumps(hook(jenv=None, template=template, print_format=None, args={"doc": {"title": "回访", "rows": [1, 2]}})))
	"""
	assert last_json(run(code, patched=False)) == "", "upstream renders print bodies again: drop the patch"
	assert last_json(run(code, patched=True)) == "<p>回访 2</p>"
