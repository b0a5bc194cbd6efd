"""Running the Procfile in the background with honcho, as `bench start` does in the foreground.

Two groups, so that the app processes can be restarted without stopping the data services:
  services: mariadb, redis_cache, redis_queue
  app:      web, worker, schedule
Each group is one honcho process in its own session; its pid is kept in .bench/<group>.pid and
`stop()` signals the whole process group.
"""

import os
import signal
import subprocess
import sys
import time

from patches import paths

GROUPS = {"services": ["mariadb", "redis_cache", "redis_queue"], "app": ["web", "worker", "schedule"]}


def _pid_file(group: str):
	return paths.RUN / f"{group}.pid"


def running(group: str) -> int | None:
	try:
		pid = int(_pid_file(group).read_text())
		os.kill(pid, 0)
		return pid
	except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
		return None


def start(group: str, env: dict | None = None) -> int:
	if pid := running(group):
		return pid
	paths.LOGS.mkdir(parents=True, exist_ok=True)
	paths.RUN.mkdir(parents=True, exist_ok=True)
	honcho = os.path.join(os.path.dirname(sys.executable), "honcho")
	log = open(paths.LOGS / f"{group}.log", "ab")
	proc = subprocess.Popen(
		[honcho, "start", "--no-colour", "-f", str(paths.BENCH / "Procfile"), *GROUPS[group]],
		cwd=paths.BENCH,
		stdin=subprocess.DEVNULL,
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
		env={**os.environ, **(env or {})},
	)
	_pid_file(group).write_text(str(proc.pid))
	return proc.pid


def stop(group: str, timeout: float = 30) -> bool:
	pid = running(group)
	if not pid:
		return False
	try:
		os.killpg(pid, signal.SIGTERM)
	except ProcessLookupError:
		pass
	deadline = time.monotonic() + timeout
	while running(group) and time.monotonic() < deadline:
		time.sleep(0.3)
	if running(group):
		os.killpg(pid, signal.SIGKILL)
	_pid_file(group).unlink(missing_ok=True)
	return True
