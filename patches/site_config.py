"""Bench-style site configuration.

Upstream: monoframe reads its whole configuration from environment variables / a `.env` file in the
working directory; Frappe reads `sites/common_site_config.json` merged with
`sites/<site>/site_config.json`. This patch keeps the Frappe layout: it points the engine's
`MONOFRAME_EXTRA_CONFIG` hook at `extra_config()` below, which returns the merged JSON, and sets the
bench root so the scheduler lock and backups land inside this repository.
"""

import json
import os

from patches import paths


def read_json(path) -> dict:
	return json.loads(path.read_text()) if path.exists() else {}


def merged_config(site: str | None = None) -> dict:
	conf = read_json(paths.SITES / "common_site_config.json")
	conf.update(read_json(paths.site_path(site) / "site_config.json"))
	if conf.get("db_name") and not conf.get("db_user"):
		conf["db_user"] = conf["db_name"]
	return conf


def extra_config() -> dict:
	"""Called by the engine's config loader (MONOFRAME_EXTRA_CONFIG)."""
	return merged_config()


def apply(site: str | None = None) -> None:
	if site:
		os.environ["HUIFANG_SITE"] = site
	os.environ["MONOFRAME_EXTRA_CONFIG"] = "patches.site_config.extra_config"
	os.environ.setdefault("MONOFRAME_BENCH_ROOT", str(paths.BENCH))
	import monoframe.config

	monoframe.config.clear_site_config_cache()
