"""Survey link tokens (R-62): 256 random bits, kept only as a SHA-256 hash; signed form nonces.

A link token is shown once (in the email, SMS or printed sheet) and never stored. The survey form
carries a nonce signed with the site's encryption key and bound to one invitation, so a form
cannot be replayed against another link and a stale page is recognised.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time

TOKEN_BYTES = 32  # 256 bits of randomness, well above the 128 required
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # token_urlsafe(32) is 43 characters
NONCE_MAX_AGE = 12 * 3600  # a form left open longer is shown again with a fresh nonce


def new_token() -> str:
	return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
	return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(value: str | None) -> bool:
	return bool(value) and bool(TOKEN_RE.match(value))


def _nonce_key() -> bytes:
	from frappe.utils.password import get_encryption_key

	# a key of its own, derived so the site key itself never signs anything visible
	return hashlib.sha256(b"huifang-survey-form:" + get_encryption_key().encode()).digest()


def _sign(subject: str, issued: int) -> str:
	return hmac.new(_nonce_key(), f"{subject}:{issued}".encode(), hashlib.sha256).hexdigest()[:32]


def make_nonce(subject: str) -> str:
	issued = int(time.time())
	return f"{issued}.{_sign(subject, issued)}"


def check_nonce(subject: str, nonce: str | None, max_age: int = NONCE_MAX_AGE) -> bool:
	"""True when the nonce was issued for `subject` by this site within `max_age` seconds."""
	issued, _sep, signature = (nonce or "").partition(".")
	if not issued.isdigit() or not signature:
		return False
	age = time.time() - int(issued)
	if age < 0 or age > max_age:
		return False
	return hmac.compare_digest(signature, _sign(subject, int(issued)))
