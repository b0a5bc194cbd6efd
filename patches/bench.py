"""The bench commands of this repository (what `bench` does on a real Frappe bench).

Usage: python -m patches.bench <command> [options]; the Makefile and the Procfile call these.
Every command applies the compatibility layer first and works on one site (--site, default
HUIFANG_SITE or huifang.localhost).
"""

import argparse
import base64
import json
import os
import secrets
import subprocess
import sys
import time

import patches
from patches import paths, processes, services


def _site_config_path(site: str):
	return paths.site_path(site) / "site_config.json"


def site_exists(site: str) -> bool:
	return _site_config_path(site).exists()


def _db_name(site: str) -> str:
	return site.replace(".localhost", "").replace(".", "_").replace("-", "_")[:60]


def connect(site: str):
	"""Apply the layer, enter the site folder and connect as Administrator."""
	os.environ["HUIFANG_SITE"] = site
	patches.apply(site)
	os.chdir(paths.site_path(site))
	import frappe

	frappe.init(force=True)
	frappe.connect()
	return frappe


def new_site(site: str, admin_password: str, force: bool = False, extra_conf: dict | None = None) -> None:
	"""Create the database, install the framework and huifang (Frappe's `bench new-site --install-app`)."""
	site_dir = paths.site_path(site)
	if site_exists(site) and not force:
		print(f"Site {site} exists")
		return
	services.ensure_root_login()
	services.drop_database(_db_name(site))  # a half-made site's user keeps an old password
	site_dir.mkdir(parents=True, exist_ok=True)
	for sub in ("public/files", "private/files", "private/backups", "logs", "locks"):
		(site_dir / sub).mkdir(parents=True, exist_ok=True)
	assets = site_dir / "assets"
	if not assets.is_symlink() and not assets.exists():
		assets.symlink_to("../assets")
	conf = {
		"db_name": _db_name(site),
		"db_password": secrets.token_urlsafe(16),
		# a Fernet key (32 bytes, url-safe base64 with padding), or Password fields cannot be stored
		"encryption_key": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
		"secret_key": secrets.token_urlsafe(32),
		**(extra_conf or {}),
	}
	_site_config_path(site).write_text(json.dumps(conf, indent=1))
	started = time.monotonic()
	os.environ["HUIFANG_SITE"] = site
	patches.apply(site)
	os.chdir(site_dir)
	import frappe
	from frappe.installer import _init_database, install_app

	_init_database(
		db_name=conf["db_name"],
		db_root_username="root",
		db_root_password=services.db_root_password(),
		admin_password=admin_password,
		force=True,
		db_password=conf["db_password"],
		db_user=conf["db_name"],
	)
	frappe.init(force=True)
	frappe.connect()
	for app in paths.bench_apps():
		if app != "frappe":
			install_app(app, set_as_patched=True)
	from frappe.utils.password import update_password

	update_password("Administrator", admin_password)
	complete_setup(frappe)
	frappe.db.commit()
	print(f"Site {site} created in {time.monotonic() - started:.0f}s")


def complete_setup(frappe) -> None:
	"""What the setup wizard would do: mark setup complete, enable the scheduler, open the Desk."""
	settings = frappe.get_single("System Settings")
	settings.setup_complete = 1
	settings.enable_scheduler = 1
	settings.language = settings.language or "zh"
	settings.time_zone = "Asia/Shanghai"
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	frappe.db.set_default("desktop:home_page", "workspace")
	# the setup wizard gives the first users the site's language and time zone
	for user in ("Administrator", "Guest"):
		frappe.db.set_value("User", user, {"language": "zh", "time_zone": settings.time_zone})


def test_site_conf(port: int, redis_db: int) -> dict:
	"""A throw-away test site: its own Redis databases (never the development site's keys or
	queues), its own web port, tests allowed, a 2-second scheduler tick."""
	common = services.common_config()
	return {
		"redis_cache": f"{common['redis_cache'].split('/')[0]}//{common['redis_cache'].split('/')[2]}/{redis_db}",
		"redis_queue": f"{common['redis_queue'].split('/')[0]}//{common['redis_queue'].split('/')[2]}/{redis_db}",
		"allow_tests": 1,
		"webserver_port": port,
		"scheduler_tick_interval": 2,
		"throttle_user_limit": 10000,  # the suites create more users than a real site does in an hour
	}


def run_tests(site: str, module: str | None, doctype: str | None) -> None:
	"""The app's Frappe tests (IntegrationTestCase / UnitTestCase) with the engine's runner."""
	connect(site)
	from monoframe.cli_impl.testing import main as run

	run(app="huifang", module=module, doctype=doctype)


def migrate(site: str) -> None:
	frappe = connect(site)
	from frappe.migrate import SiteMigration

	SiteMigration().run(site=site)
	frappe.destroy()


def wait_for_site(site: str, timeout: float = 1800) -> None:
	deadline = time.monotonic() + timeout
	while not (site_exists(site) and services.services_up() and (paths.site_path(site) / ".ready").exists()):
		if time.monotonic() > deadline:
			raise SystemExit(f"site {site} not ready after {timeout:.0f}s")
		time.sleep(1)


def serve(site: str, port: int, workers: int) -> None:
	"""Production-style web server: gunicorn on 127.0.0.1 serving the WSGI app."""
	wait_for_site(site)
	env = dict(os.environ, HUIFANG_SITE=site)
	gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
	args = [
		gunicorn,
		"--chdir",
		str(paths.BENCH),
		"-b",
		f"127.0.0.1:{port}",
		"-w",
		str(workers),
		"-t",
		"120",
		"--graceful-timeout",
		"10",
		"--access-logfile",
		str(paths.LOGS / f"web.{site}.access.log"),
		"patches.wsgi:application",
	]
	os.execve(gunicorn, args, env)


def worker(site: str, queues: str, burst: bool = False) -> None:
	wait_for_site(site)
	os.environ["HUIFANG_SITE"] = site
	patches.apply(site)
	os.chdir(paths.site_path(site))
	from frappe.utils.background_jobs import start_worker

	start_worker(queues, quiet=True, burst=burst)


def schedule(site: str, tick: float | None) -> None:
	wait_for_site(site)
	os.environ["HUIFANG_SITE"] = site
	patches.apply(site)
	os.chdir(paths.site_path(site))
	from patches import scheduler_loop

	scheduler_loop.run(tick)


def services_up() -> None:
	"""MariaDB and both Redis servers, started from the Procfile unless already answering."""
	if not services.services_up():
		processes.start("services")
	services.wait_port(services.db_port(), "MariaDB")
	services.wait_port(services.redis_port("cache"), "Redis cache")
	services.wait_port(services.redis_port("queue"), "Redis queue")
	services.ensure_root_login()


def app_fingerprint() -> str:
	"""Changes when anything migrate would sync changes (DocTypes, fixtures, patches, hooks)."""
	import hashlib

	digest = hashlib.sha256()
	app = paths.APPS / "huifang" / "huifang"
	for path in sorted(app.rglob("*")):
		if path.suffix in (".json", ".txt") or path.name == "hooks.py":
			digest.update(str(path.relative_to(app)).encode())
			digest.update(path.read_bytes())
	return digest.hexdigest()[:16]


def ensure_site(site: str, admin_password: str, demo: bool) -> None:
	"""Create the site once (with demo data); later runs migrate only when the app changed."""
	stamp = paths.site_path(site) / ".migrated"
	if not site_exists(site) or not (paths.site_path(site) / ".ready").exists():
		_run_self(site, "new-site", "--force", "--admin-password", admin_password)
		# links in e-mails, SMS and printed survey lists point at the address the web server uses
		conf = json.loads(_site_config_path(site).read_text())
		conf["host_name"] = f"http://127.0.0.1:{services.common_config()['webserver_port']}"
		_site_config_path(site).write_text(json.dumps(conf, indent=1))
		if demo:
			_run_self(site, "execute", "huifang.demo.make_demo_data")
	elif stamp.exists() and stamp.read_text() == app_fingerprint():
		return
	else:
		_run_self(site, "migrate")
	stamp.write_text(app_fingerprint())
	(paths.site_path(site) / ".ready").touch()


def _run_self(site: str, *args: str) -> None:
	"""Each step in its own process: the engine keeps per-process state between installs."""

	subprocess.run(
		[sys.executable, "-m", "patches.bench", "--site", site, *args], cwd=paths.BENCH, check=True
	)


def start(site: str, admin_password: str, demo: bool) -> None:
	services_up()
	ensure_site(site, admin_password, demo)
	processes.start("app", env={"HUIFANG_SITE": site})
	port = services.common_config()["webserver_port"]
	services.wait_port(port, "web server", timeout=120)
	import urllib.request

	deadline = time.monotonic() + 60
	while True:
		try:
			urllib.request.urlopen(f"http://127.0.0.1:{port}/api/method/ping", timeout=5)
			break
		except Exception:
			if time.monotonic() > deadline:
				raise SystemExit("web server does not answer /api/method/ping; see logs/app.log") from None
			time.sleep(0.5)
	print(f"\nhuifang is running: http://127.0.0.1:{port}/login")
	print(f"  login: Administrator / {admin_password}   (set ADMIN_PASSWORD to choose another)")
	if demo:
		print(
			f"  demo staff (password {admin_password}): agent zhangting@example.com, supervisor lixiaomei@example.com,"
		)
		print(
			"    manager zhoujianguo@example.com, complaint handler wugang@example.com, auditor hemin@example.com"
		)
		print(f"  customer portal: lixiuying@example.com / {admin_password} -> /my/surveys, /my/complaints")
		print(f"  public ranking: http://127.0.0.1:{port}/ranking")
	print("  logs:  logs/app.log, logs/services.log   stop: make stop")


def main(argv=None) -> None:
	parser = argparse.ArgumentParser(prog="bench")
	parser.add_argument("--site", default=paths.current_site())
	sub = parser.add_subparsers(dest="cmd", required=True)
	p = sub.add_parser("new-site")
	p.add_argument("--admin-password", default=os.environ.get("ADMIN_PASSWORD", "admin"))
	p.add_argument("--force", action="store_true")
	p.add_argument(
		"--test", action="store_true", help="a throw-away test site: own Redis databases, tests allowed"
	)
	p.add_argument("--port", type=int, default=int(os.environ.get("TEST_PORT", 8100)))
	p.add_argument("--redis-db", type=int, default=int(os.environ.get("TEST_REDIS_DB", 1)))
	sub.add_parser("migrate")
	p = sub.add_parser("run-tests")
	p.add_argument("--module", default=None)
	p.add_argument("--doctype", default=None)
	p = sub.add_parser("serve")
	p.add_argument("--port", type=int, default=None)
	p.add_argument("--workers", type=int, default=None)
	p = sub.add_parser("worker")
	p.add_argument("--queue", default="default,short,long")
	p.add_argument("--burst", action="store_true")
	p = sub.add_parser("schedule")
	p.add_argument("--tick", type=float, default=None)
	sub.add_parser("wait-site")
	p = sub.add_parser("start")
	p.add_argument("--admin-password", default=os.environ.get("ADMIN_PASSWORD", "admin"))
	p.add_argument("--no-demo", action="store_true", default=os.environ.get("DEMO", "1") == "0")
	sub.add_parser("services")
	sub.add_parser("stop")
	sub.add_parser("mark-ready")
	p = sub.add_parser("backup")
	p.add_argument("--no-files", action="store_true")
	p = sub.add_parser("restore")
	p.add_argument("file")
	sub.add_parser("console")
	p = sub.add_parser("execute")
	p.add_argument("method")
	args = parser.parse_args(argv)

	from patches.site_config import merged_config

	conf = merged_config(args.site)
	if args.cmd == "new-site":
		extra = test_site_conf(args.port, args.redis_db) if args.test else None
		new_site(args.site, args.admin_password, args.force, extra)
		if args.test:
			(paths.site_path(args.site) / ".ready").touch()
	elif args.cmd == "run-tests":
		run_tests(args.site, args.module, args.doctype)
	elif args.cmd == "migrate":
		migrate(args.site)
	elif args.cmd == "serve":
		serve(args.site, args.port or conf["webserver_port"], args.workers or conf.get("gunicorn_workers", 4))
	elif args.cmd == "worker":
		worker(args.site, args.queue, args.burst)
	elif args.cmd == "schedule":
		schedule(args.site, args.tick)
	elif args.cmd == "start":
		start(args.site, args.admin_password, not args.no_demo)
	elif args.cmd == "services":
		services_up()
	elif args.cmd == "stop":
		for group in ("app", "services"):
			print(f"{group}: {'stopped' if processes.stop(group) else 'not running'}")
	elif args.cmd == "wait-site":
		wait_for_site(args.site)
	elif args.cmd == "mark-ready":
		(paths.site_path(args.site) / ".ready").touch()
	elif args.cmd == "backup":
		from patches import backup

		print(json.dumps(backup.backup(args.site, with_files=not args.no_files), indent=1))
	elif args.cmd == "restore":
		from patches import backup

		backup.restore(args.site, os.path.abspath(args.file))
		print(f"Restored {args.file} into {args.site}")
	elif args.cmd == "console":
		frappe = connect(args.site)
		import code

		code.interact(local={"frappe": frappe}, banner=f"frappe console for {args.site}")
	elif args.cmd == "execute":
		frappe = connect(args.site)
		result = frappe.get_attr(args.method)()
		frappe.db.commit()
		if result is not None:
			print(json.dumps(result, default=str, ensure_ascii=False))


if __name__ == "__main__":
	main()
