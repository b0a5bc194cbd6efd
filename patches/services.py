"""The bench's own MariaDB and Redis: data under .bench/, loopback only, non-default ports.

Each `run_*` function replaces the current process with the server in the foreground (what the
Procfile and honcho expect). `wait_*` functions block until a server answers. Nothing here touches
a system-wide instance: every server gets its own config, data directory, socket and port.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time

from patches import paths

MARIADB_DIR = paths.RUN / "mariadb"
MARIADB_DATA = MARIADB_DIR / "data"
MARIADB_SOCKET = MARIADB_DIR / "mariadb.sock"
ROOT_PASSWORD_FILE = paths.RUN / "db_root_password"


def common_config() -> dict:
	return json.loads((paths.SITES / "common_site_config.json").read_text())


def db_port() -> int:
	return int(common_config()["db_port"])


def redis_port(kind: str) -> int:
	url = common_config()[f"redis_{kind}"]
	return int(url.rsplit(":", 1)[1].split("/")[0])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
	with socket.socket() as s:
		s.settimeout(0.5)
		return s.connect_ex((host, port)) == 0


def wait_port(port: int, what: str, timeout: float = 120) -> None:
	deadline = time.monotonic() + timeout
	while not port_open(port):
		if time.monotonic() > deadline:
			raise SystemExit(f"{what} did not answer on 127.0.0.1:{port} within {timeout:.0f}s")
		time.sleep(0.3)


def db_root_password() -> str:
	"""Generated once per machine, kept out of git (.bench/ is ignored)."""
	if not ROOT_PASSWORD_FILE.exists():
		paths.RUN.mkdir(parents=True, exist_ok=True)
		ROOT_PASSWORD_FILE.write_text(secrets.token_urlsafe(18))
		ROOT_PASSWORD_FILE.chmod(0o600)
	return ROOT_PASSWORD_FILE.read_text().strip()


def _server_user_args() -> list[str]:
	# mariadbd refuses to run as root unless told to; as a normal user it runs as that user
	return ["--user=root"] if os.geteuid() == 0 else []


def run_mariadb() -> None:
	MARIADB_DIR.mkdir(parents=True, exist_ok=True)
	fresh = not (MARIADB_DATA / "mysql").exists()
	if fresh:
		shutil.rmtree(MARIADB_DATA, ignore_errors=True)
		subprocess.run(
			[
				"mariadb-install-db",
				f"--defaults-file={paths.CONFIG / 'mariadb.cnf'}",
				f"--datadir={MARIADB_DATA}",
				"--auth-root-authentication-method=socket",
				"--skip-test-db",
				*_server_user_args(),
			],
			check=True,
			stdout=subprocess.DEVNULL,
		)
	args = [
		shutil.which("mariadbd") or "/usr/sbin/mariadbd",
		f"--defaults-file={paths.CONFIG / 'mariadb.cnf'}",
		f"--datadir={MARIADB_DATA}",
		f"--socket={MARIADB_SOCKET}",
		f"--pid-file={MARIADB_DIR / 'mariadb.pid'}",
		f"--port={db_port()}",
		"--bind-address=127.0.0.1",
		f"--log-error={paths.LOGS / 'mariadb.log'}",
		*_server_user_args(),
	]
	paths.LOGS.mkdir(parents=True, exist_ok=True)
	os.execv(args[0], args)


def mariadb_client_args(user: str = "root", password: str | None = None) -> list[str]:
	"""Arguments for the mariadb / mariadb-dump clients against the bench's server."""
	if user == "root" and password is None:
		return [f"--socket={MARIADB_SOCKET}", "-uroot"]
	return ["-h127.0.0.1", f"-P{db_port()}", f"-u{user}", f"-p{password}"]


def ensure_root_login() -> None:
	"""Give root a password for TCP logins from 127.0.0.1 (the engine creates sites over TCP)."""
	wait_port(db_port(), "MariaDB")
	pw = db_root_password()
	sql = (
		f"CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '{pw}';"
		f"ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '{pw}';"
		"GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
		"FLUSH PRIVILEGES;"
	)
	deadline = time.monotonic() + 60
	while True:
		r = subprocess.run(["mariadb", *mariadb_client_args(), "-e", sql], capture_output=True, text=True)
		if r.returncode == 0:
			return
		if time.monotonic() > deadline:
			raise SystemExit(f"cannot set up MariaDB root login: {r.stderr.strip()}")
		time.sleep(0.5)


def root_sql(sql: str) -> str:
	r = subprocess.run(["mariadb", *mariadb_client_args(), "-N", "-e", sql], capture_output=True, text=True)
	if r.returncode:
		raise RuntimeError(f"MariaDB: {r.stderr.strip()}")
	return r.stdout


def drop_database(db_name: str) -> None:
	"""Drop a site's database and its user (both named after the site)."""
	root_sql(
		f"DROP DATABASE IF EXISTS `{db_name}`; DROP USER IF EXISTS '{db_name}'@'127.0.0.1'; DROP USER IF EXISTS '{db_name}'@'%';"
	)


def run_redis(kind: str) -> None:
	data = paths.RUN / f"redis_{kind}"
	data.mkdir(parents=True, exist_ok=True)
	args = [
		shutil.which("redis-server") or "/usr/bin/redis-server",
		str(paths.CONFIG / f"redis_{kind}.conf"),
		"--dir",
		str(data),
		"--port",
		str(redis_port(kind)),
		"--bind",
		"127.0.0.1",
	]
	os.execv(args[0], args)


def services_up() -> bool:
	return all(port_open(p) for p in (db_port(), redis_port("cache"), redis_port("queue")))


if __name__ == "__main__":
	{
		"mariadb": run_mariadb,
		"redis_cache": lambda: run_redis("cache"),
		"redis_queue": lambda: run_redis("queue"),
	}[sys.argv[1]]()
