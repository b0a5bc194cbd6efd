"""Print formats render their body.

Upstream: the `pdf_body_html` hook names `monoframe.utils.pdf.pdf_body_html`, which the fork reduced
to `return ""`, so /printview, frappe.get_print and PDFs show every print format with an empty
body. Frappe's function renders the print template with the print arguments; this patch restores
exactly that.
"""


def apply(site: str | None = None) -> None:
	import monoframe.utils.pdf as pdf

	if getattr(pdf.pdf_body_html, "_huifang_patched", False):
		return

	def pdf_body_html(template, args, **kwargs):
		return template.render(args, filters={"len": len})

	pdf_body_html._huifang_patched = True
	pdf.pdf_body_html = pdf_body_html
