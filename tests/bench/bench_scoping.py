#!/usr/bin/env python
"""Cost of unit scoping (R-12): the list, count and open-one-document calls of an agent and of a
department head (permission_query_conditions / has_permission of huifang.security.scoping)
against the same calls by Administrator, who is not scoped, on the same seeded data.

	env/bin/python tests/bench/bench_scoping.py [--site test_huifang.localhost] [--customers 20000]

Seeds with tests/bench/seed.py (seed 77; a second run reuses the rows) and fills the masked
fields (huifang.security.masking.backfill). Prints the median of each call per user and the
ratio to Administrator's median. Use a throw-away site.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))

from tests.bench.bench_survey_load import connect  # noqa: E402

SEED = 77


def median_ms(fn, repeat: int) -> float:
	fn()  # warm caches (meta, roles, units)
	times = []
	for _ in range(repeat):
		started = time.perf_counter()
		fn()
		times.append((time.perf_counter() - started) * 1000)
	return statistics.median(times)


def pick_users(frappe) -> dict[str, str]:
	"""An agent of a leaf unit and the Manager of a department (its subtree), from the seed."""
	tag = f"s{SEED}@seed.huifang.test"

	def with_role(role):
		return frappe.db.sql(
			"""select u.name from tabUser u join `tabHas Role` r on r.parent = u.name
			where r.role = %s and u.name like %s order by u.name limit 1""",
			(role, f"%.{tag}"),
		)[0][0]

	return {"agent": with_role("Huifang Agent"), "department head": with_role("Huifang Manager")}


def calls(frappe, doc_name: str, get_count) -> dict:
	fields = ["name", "customer_name", "service_unit", "primary_phone_masked"]
	return {
		"list archives (20)": lambda: frappe.get_list(
			"Customer Archive", fields=fields, order_by="modified desc", limit_page_length=20
		),
		"count archives": lambda: get_count("Customer Archive"),
		"search archives by name": lambda: frappe.get_list(
			"Customer Archive", filters={"customer_name": ("like", "%王%")}, limit_page_length=20
		),
		"list records (20)": lambda: frappe.get_list(
			"Callback Record",
			fields=["name", "customer_name", "agent"],
			order_by="modified desc",
			limit_page_length=20,
		),
		"open one archive (has_permission)": lambda: frappe.has_permission(
			"Customer Archive", "read", doc_name
		),
	}


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--site", default="test_huifang.localhost")
	parser.add_argument("--customers", type=int, default=20000)
	parser.add_argument("--repeat", type=int, default=30)
	args = parser.parse_args(argv)

	frappe = connect(args.site)
	from frappe.client import get_count
	from huifang.security.masking import backfill

	from tests.bench.seed import seed

	started = time.perf_counter()
	counts = seed(n_customers=args.customers, n_records=args.customers // 2, n_units=20, seed=SEED)
	frappe.db.rollback()
	filled = backfill()
	frappe.db.commit()
	print(
		f"data: {counts.get('Customer Archive', args.customers)} customers, "
		f"{counts.get('Callback Record', 0)} records, masked fields filled on {filled} rows "
		f"({time.perf_counter() - started:.0f} s)"
	)
	users = pick_users(frappe)
	doc_name = frappe.get_all(
		"Customer Archive", filters={"name": ("like", f"HF-CA-S{SEED}-%")}, pluck="name", limit=1
	)[0]

	results: dict[str, dict[str, float]] = {}
	for label, user in {"Administrator (baseline)": "Administrator", **users}.items():
		frappe.set_user(user)
		seen = get_count("Customer Archive")
		results[label] = {
			name: median_ms(fn, args.repeat) for name, fn in calls(frappe, doc_name, get_count).items()
		}
		results[label]["archives visible"] = seen
		frappe.set_user("Administrator")

	base = results["Administrator (baseline)"]
	print(f"{'call':36} " + " ".join(f"{label:>26}" for label in results))
	for name in base:
		if name == "archives visible":
			print(f"{name:36} " + " ".join(f"{int(r[name]):>26}" for r in results.values()))
			continue
		cells = [f"{r[name]:8.2f} ms (x{r[name] / base[name]:5.2f})" for r in results.values()]
		print(f"{name:36} " + " ".join(f"{c:>26}" for c in cells))
	return 0


if __name__ == "__main__":
	sys.exit(main())
