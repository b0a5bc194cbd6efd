"""QR codes for printed survey links (R-61), as inline SVG: crisp on paper, no image files.
PyQRCode ships with the framework (it draws the two-factor QR codes), so no new dependency."""

from __future__ import annotations

import io

import pyqrcode


def qr_svg(url: str, scale: int = 4) -> str:
	"""The SVG markup of a QR code for `url` (error correction M survives a crease or smudge)."""
	buffer = io.BytesIO()
	pyqrcode.create(url, error="M").svg(buffer, scale=scale, xmldecl=False, svgns=True, omithw=False)
	return buffer.getvalue().decode()
