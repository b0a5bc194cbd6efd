"""Job locks (R-80): one worker at a time per job key, across processes and hosts.

A named database lock (MariaDB `GET_LOCK`, PostgreSQL session advisory lock) taken on the job's
own connection. Such a lock belongs to the connection, not to the transaction: the job may commit
batch after batch while holding it, and a worker that is killed releases it the moment its
connection drops, so the re-run is never blocked by a crash (a flag in a table or a lock file
would stay behind). The database's unique keys remain the guarantee against duplicates; the lock
keeps a second worker from doing the same work at the same time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

import frappe


def lock_name(key: str) -> str:
	"""A lock name for `key` on this site: MariaDB locks are server-wide and at most 64 chars."""
	digest = hashlib.sha1(f"{frappe.conf.db_name}:{key}".encode()).hexdigest()
	return f"huifang:{digest}"


@contextmanager
def job_lock(key: str, timeout: int = 0) -> Iterator[bool]:
	"""Hold the lock for `key` while the block runs; yields False (and holds nothing) when another
	connection has it and it was not freed within `timeout` seconds (PostgreSQL: never waits)."""
	name = lock_name(key)
	if frappe.db.db_type == "postgres":
		acquired = frappe.db.sql("select pg_try_advisory_lock(hashtext(%s))", (name,))[0][0]
		release = "select pg_advisory_unlock(hashtext(%s))"
	else:
		acquired = frappe.db.sql("select get_lock(%s, %s)", (name, timeout))[0][0]
		release = "select release_lock(%s)"
	if not acquired:
		yield False
		return
	try:
		yield True
	finally:
		frappe.db.sql(release, (name,))
