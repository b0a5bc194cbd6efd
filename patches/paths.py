"""Where things live in this bench-shaped repository (computed, never hard-coded)."""

import os
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
APPS = BENCH / "apps"
SITES = BENCH / "sites"
CONFIG = BENCH / "config"
LOGS = BENCH / "logs"
RUN = BENCH / ".bench"  # services' data, pids and sockets (git-ignored)
DEFAULT_SITE = "huifang.localhost"


def current_site() -> str:
	return os.environ.get("HUIFANG_SITE") or DEFAULT_SITE


def site_path(site: str | None = None) -> Path:
	return SITES / (site or current_site())


def bench_apps() -> list[str]:
	"""Apps on this bench, from sites/apps.txt, with the framework first (as bench does)."""
	names = [line.strip() for line in (SITES / "apps.txt").read_text().splitlines() if line.strip()]
	return names
