"""Bulk writer for the data generator: multi-row INSERTs over a dedicated mysqlclient connection.

Why not frappe.db.bulk_insert: it builds every chunk with pypika and escapes each value in
Python, which costs more than the database work at millions of rows. mysqlclient's executemany
escapes in C and sends one multi-row INSERT per ~4 MB. One `Batch` is one transaction, so a
killed run leaves whole batches only and a re-run can skip exactly the committed ones.
"""

from __future__ import annotations

import queue
import threading
import time

import MySQLdb


def connect(conf) -> MySQLdb.Connection:
	"""A connection to the site's database from its frappe.conf (host, port, name, password)."""
	conn = MySQLdb.connect(
		host=conf.get("db_host") or "127.0.0.1",
		port=int(conf.get("db_port") or 3306),
		user=conf.get("db_user") or conf["db_name"],
		passwd=conf["db_password"],
		db=conf["db_name"],
		charset="utf8mb4",
		autocommit=False,
	)
	return conn


class Batch:
	"""Rows for several tables, written in one transaction by `flush`."""

	def __init__(self):
		self.tables: dict[str, tuple[tuple[str, ...], list]] = {}

	def add(self, table: str, columns: tuple[str, ...], row: tuple) -> None:
		entry = self.tables.get(table)
		if entry is None:
			entry = self.tables[table] = (columns, [])
		if len(row) != len(columns):
			raise ValueError(f"{table}: {len(row)} values for {len(columns)} columns")
		entry[1].append(row)

	def rows(self) -> int:
		return sum(len(rows) for _cols, rows in self.tables.values())

	def flush(self, conn, shared: tuple[str, ...] = ()) -> int:
		"""Insert everything and commit; roll back and re-raise on any error. Rows of `shared`
		tables (masters other data may already hold) are skipped when their name exists."""
		cur = conn.cursor()
		cur.max_stmt_length = 4 * 1024 * 1024
		try:
			for table, (columns, rows) in self.tables.items():
				if not rows:
					continue
				verb = "INSERT IGNORE" if table in shared else "INSERT"
				cols = ", ".join(f"`{c}`" for c in columns)
				marks = ", ".join(["%s"] * len(columns))
				cur.executemany(f"{verb} INTO `{table}` ({cols}) VALUES ({marks})", rows)
			conn.commit()
		except BaseException:
			conn.rollback()
			raise
		finally:
			cur.close()
		return self.rows()


RETRY_ERRORS = (1205, 1213)  # lock wait timeout, deadlock: the batch was rolled back whole
RETRIES = 5


def flush_retrying(batch: Batch, conn, shared: tuple[str, ...] = ()) -> int:
	"""`batch.flush`, tried again when InnoDB rolled it back as a deadlock victim (two writers
	inserting next to each other in a unique index) or after a lock wait timeout."""
	for attempt in range(RETRIES):
		try:
			return batch.flush(conn, shared)
		except MySQLdb.OperationalError as e:
			if e.args[0] not in RETRY_ERRORS or attempt == RETRIES - 1:
				raise
			time.sleep(0.2 * (attempt + 1))
	raise AssertionError("unreachable")


class Writer:
	"""Commits batches on background threads, one per connection, while the caller builds the
	next one: building is Python work, writing is mostly the server's (index maintenance), so
	with two connections the server's work spreads over both cores and overlaps the building.
	Each batch is still one transaction; batches may commit out of order, which a resumed run
	handles (it skips every batch already there, whatever its place). Holds at most one batch
	per connection in hand; an error in a thread is raised in the caller."""

	def __init__(self, conns, shared: tuple[str, ...] = (), on_commit=None):
		self.conns = list(conns) if isinstance(conns, list | tuple) else [conns]
		self.shared = shared
		self.on_commit = on_commit
		self.rows = 0
		self.error: BaseException | None = None
		self.lock = threading.Lock()
		self.queue: queue.Queue = queue.Queue(maxsize=len(self.conns))
		self.threads = [
			threading.Thread(target=self._run, args=(conn,), name=f"seed-writer-{n}", daemon=True)
			for n, conn in enumerate(self.conns)
		]

	def __enter__(self):
		for thread in self.threads:
			thread.start()
		return self

	def __exit__(self, exc_type, exc, tb):
		for _thread in self.threads:
			self.queue.put(None)
		for thread in self.threads:
			thread.join()
		if self.error and not exc:
			raise self.error

	def put(self, key, batch: Batch) -> None:
		if self.error:
			raise self.error
		self.queue.put((key, batch))

	def _run(self, conn) -> None:
		while (item := self.queue.get()) is not None:
			if self.error:
				continue
			key, batch = item
			try:
				rows = flush_retrying(batch, conn, self.shared)
				with self.lock:
					self.rows += rows
					if self.on_commit:
						self.on_commit(key, self.rows)
			except BaseException as e:  # handed to the caller
				self.error = e


def existing(conn, table: str, names: list[str]) -> set[str]:
	"""Which of `names` are in `table`."""
	found: set[str] = set()
	cur = conn.cursor()
	try:
		for start in range(0, len(names), 1000):
			chunk = names[start : start + 1000]
			if not chunk:
				continue
			cur.execute(f"SELECT name FROM `{table}` WHERE name IN ({', '.join(['%s'] * len(chunk))})", chunk)
			found.update(row[0] for row in cur.fetchall())
	finally:
		cur.close()
	return found


def scalar(conn, sql: str, args=None):
	cur = conn.cursor()
	try:
		cur.execute(sql, args)
		row = cur.fetchone()
		return row[0] if row else None
	finally:
		cur.close()


def rows(conn, sql: str, args=None) -> list[tuple]:
	cur = conn.cursor()
	try:
		cur.execute(sql, args)
		return list(cur.fetchall())
	finally:
		cur.close()


def execute(conn, sql: str, args=None) -> int:
	cur = conn.cursor()
	try:
		count = cur.execute(sql, args)
		conn.commit()
		return count
	finally:
		cur.close()
