"""PDFs from Debian's wkhtmltopdf.

Upstream: the fork cut `monoframe.utils.pdf.get_pdf` down to a stub that raises
NotImplementedError, so "PDF" in the print view, `frappe.get_print(..., as_pdf=True)`, emailed
prints and report PDFs all fail. Frappe renders the print HTML with wkhtmltopdf; this patch does
the same with the `wkhtmltopdf` binary (Debian package, headless through Qt's offscreen platform):
A4 (or the options' page size), the print format's margins, UTF-8, and pages appended to a
PdfWriter when the caller passes one (multi-document downloads). Not loaded on real Frappe.
"""

import io
import os
import shutil
import subprocess

# option names Frappe's get_pdf passes on to wkhtmltopdf and their defaults (Frappe: 15 mm, A4)
DEFAULTS = {
	"page-size": "A4",
	"margin-top": "15mm",
	"margin-bottom": "15mm",
	"margin-left": "15mm",
	"margin-right": "15mm",
	"encoding": "UTF-8",
}
# assets the print view links are not reachable from a file on stdin; their absence is harmless
FLAGS = [
	"--quiet",
	"--print-media-type",
	"--load-error-handling",
	"ignore",
	"--load-media-error-handling",
	"ignore",
]
PASSED = {
	"page-size",
	"page-width",
	"page-height",
	"orientation",
	"margin-top",
	"margin-bottom",
	"margin-left",
	"margin-right",
	"encoding",
}


# Frappe hides these through its print stylesheet (an /assets URL a PDF rendered from stdin cannot
# load) and drops .hidden-pdf before rendering: the print view's toolbar must not reach the PDF
HIDE = "<style>.print-hide, .hidden-pdf, .action-banner { display: none !important; }</style>"


def wkhtmltopdf(html: str, options: dict | None = None) -> bytes:
	binary = shutil.which("wkhtmltopdf")
	if not binary:
		raise RuntimeError("wkhtmltopdf is not installed (Debian package wkhtmltopdf)")
	opts = {**DEFAULTS, **{k: v for k, v in (options or {}).items() if k in PASSED and v}}
	for side in ("top", "bottom", "left", "right"):
		value = str(opts[f"margin-{side}"])
		opts[f"margin-{side}"] = value if value.endswith("mm") else f"{value}mm"
	args = [binary, *FLAGS]
	for key, value in opts.items():
		args += [f"--{key}", str(value)]
	env = {
		**os.environ,
		"QT_QPA_PLATFORM": "offscreen",
		"XDG_RUNTIME_DIR": os.environ.get("XDG_RUNTIME_DIR", "/tmp"),
	}
	html = html.replace("</head>", HIDE + "</head>", 1) if "</head>" in html else HIDE + html
	proc = subprocess.run(
		[*args, "-", "-"], input=html.encode("utf-8"), capture_output=True, timeout=300, env=env
	)
	if proc.returncode not in (0, 1) or not proc.stdout.startswith(b"%PDF"):
		raise RuntimeError(f"wkhtmltopdf failed: {proc.stderr.decode(errors='replace')[-500:]}")
	return proc.stdout


def apply(site: str | None = None) -> None:
	import monoframe.utils.pdf as pdf

	if getattr(pdf.get_pdf, "_huifang_patched", False):
		return

	def get_pdf(html: str, options: dict | None = None, output=None, **kwargs):
		from pypdf import PdfReader, PdfWriter

		content = wkhtmltopdf(html, options)
		password = (options or {}).get("password")
		if output is None and not password:
			return content
		writer = output if output is not None else PdfWriter()
		writer.append(PdfReader(io.BytesIO(content)))
		if output is not None:
			return output
		writer.encrypt(password)
		buffer = io.BytesIO()
		writer.write(buffer)
		return buffer.getvalue()

	get_pdf._huifang_patched = True
	pdf.get_pdf = get_pdf
	# modules that imported the stub by name
	import monoframe.utils.print_format as print_format
	import monoframe.utils.print_utils as print_utils

	print_utils.get_pdf = get_pdf
	print_format.get_pdf = get_pdf
