"""Setup-complete check.

Upstream: `monoframe.is_setup_complete()` returns False unless `db.table_exists("System Settings")`;
System Settings is a Single (stored in tabSingles, no table of its own), so the answer is always
False: every Desk page redirects to the setup wizard and desk notifications are switched off. This
patch checks for tabSingles instead and reads the same `setup_complete` flag.
"""


def apply(site: str | None = None) -> None:
	import monoframe
	from monoframe.utils.caching import request_cache

	@request_cache
	def is_setup_complete() -> bool:
		if not monoframe.db.table_exists("Singles"):
			return False
		return bool(monoframe.db.get_single_value("System Settings", "setup_complete"))

	monoframe.is_setup_complete = is_setup_complete
