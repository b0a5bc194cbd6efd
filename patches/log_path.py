"""Log files under the bench's logs/ folder.

Upstream: `monoframe.utils.logger.create_handler()` opens `../logs/<module>.log` relative to the
working directory (and `<site>/logs/` for site logs), so any process started from another folder
crashes with FileNotFoundError on its first log line. This patch writes to `<bench>/logs/`, creating
it, whatever the working directory.
"""

import logging
from logging.handlers import RotatingFileHandler

from patches import paths


def create_handler(module, site=None, max_size=100_000, file_count=20, stream_only=False):
	formatter = logging.Formatter(f"%(asctime)s %(levelname)s {module} %(message)s")
	if stream_only:
		handler = logging.StreamHandler()
	else:
		paths.LOGS.mkdir(parents=True, exist_ok=True)
		handler = RotatingFileHandler(paths.LOGS / f"{module}.log", maxBytes=max_size, backupCount=file_count)
	handler.setFormatter(formatter)
	return [handler]


def apply(site: str | None = None) -> None:
	import monoframe.utils.logger as logger

	logger.create_handler = create_handler
