"""The scheduler process.

Upstream: `monoframe.utils.scheduler.start_scheduler()` loops on `enqueue_events()`, but that name
is defined twice in the module and the second definition (which expects an initialised, connected
engine) shadows the first, so the `schedule` process dies at its first tick. `run()` here loops on
`enqueue_events_for_site()`, which initialises, connects, enqueues due Scheduled Job Types and
closes, honouring `scheduler_tick_interval` from the site config.
"""

import time


def run(tick: float | None = None) -> None:
	import monoframe
	from monoframe.utils import scheduler

	if tick is None:
		tick = float(monoframe.get_site_config().get("scheduler_tick_interval") or 60)
	while True:
		started = time.monotonic()
		scheduler.enqueue_events_for_site()
		time.sleep(max(0.0, tick - (time.monotonic() - started)))


def apply(site: str | None = None) -> None:
	from monoframe.utils import scheduler

	scheduler.start_scheduler = run
