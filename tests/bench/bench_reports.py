"""Benchmark: Monthly Service Analysis on 1,000,000 Callback Records (issue 7, R-70).

Run: env/bin/python tests/bench/bench_reports.py [--records 1000000 --customers 100000 --units 50]
     [--months 24 --seed 42 --until 2025-10-31] [--runs 5] [--no-seed]
     (site: --site, else $HUIFANG_BENCH_SITE, else $HUIFANG_TEST_SITE, else test_huifang.localhost)

1. fills the site with tests/bench/seed.py (deterministic; batches already there are skipped, so a
   second run only checks) and makes sure the analysis indexes exist;
2. writes the monthly Service Analysis snapshots of the closed months, as the job on the 1st does
   (months that have them are skipped);
3. for one month (the last full month before --until) and for the 12 months ending with it, runs
   the report the way the Desk does (frappe.desk.query_report.run, the change against the period
   before included): as users get it (closed months from the snapshots) and with "Live Data"
   (everything aggregated from the records); and, in the same run, a hand-written SQL GROUP BY
   computing the same figures (tasks and records of the period and of the period before, rates
   and 300-point score) over the same covering indexes;
4. checks all three give the same numbers, prints the median of --runs timings of each, the ratio
   live / GROUP BY, the plan MariaDB chose and the machine's load.
   Targets: month < 0.5 s, year < 3 s, live report <= 1.5x the GROUP BY.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))

REPORT = "Monthly Service Analysis"
TARGETS = {"month": 0.5, "year": 3.0}
RATIO_TARGET = 1.5


def connect(site):
	import patches
	from patches import paths

	os.environ["HUIFANG_SITE"] = site
	patches.apply(site)
	os.chdir(paths.site_path(site))
	import frappe

	frappe.init(force=True)
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def periods(until: date):
	"""The last full month before `until`, and the 12 months ending with it."""
	month_end = until.replace(day=1) - timedelta(days=1)
	month_start = month_end.replace(day=1)
	index = month_start.year * 12 + month_start.month - 1 - 11
	return {"month": (month_start, month_end), "year": (date(index // 12, index % 12 + 1, 1), month_end)}


BASELINE_TASKS = """SELECT service_unit, COUNT(*) AS planned, SUM(status = 'Done') AS done,
	SUM(status = 'Done' AND completed_on < latest_date + INTERVAL 1 DAY) AS on_time,
	SUM(status <> 'Done' AND latest_date < CURDATE()) AS missed
FROM `tabCallback Task` USE INDEX (analysis_tasks_index)
WHERE latest_date BETWEEN %(start)s AND %(end)s AND status <> 'Cancelled'
GROUP BY service_unit"""
BASELINE_RECORDS = """SELECT service_unit, COUNT(*) AS records, SUM(overall_score > 0) AS rated,
	SUM(overall_score >= 4) AS satisfied, SUM(overall_score = 3) AS basic, SUM(overall_score IN (1, 2)) AS unsatisfied,
	SUM(overall_score) AS weighted_sum,
	ROUND(100 * SUM(overall_score >= 3) / SUM(overall_score > 0), 2) AS satisfaction_rate,
	ROUND(SUM(overall_score) * 300 / (5 * SUM(overall_score > 0)), 2) AS score
FROM `tabCallback Record` USE INDEX (analysis_records_index)
WHERE call_time >= %(start)s AND call_time < %(end_next)s AND workflow_state IN ('Submitted', 'Reviewed', 'Archived')
GROUP BY service_unit"""
BASELINE_EVALUATOR = """SELECT service_unit, SUM(level_5) AS l5, SUM(level_4) AS l4, SUM(level_3) AS l3,
	SUM(level_2) AS l2, SUM(level_1) AS l1
FROM `tabEvaluator Score` WHERE evaluation_date BETWEEN %(start)s AND %(end)s GROUP BY service_unit"""


def previous(start: date, end: date) -> tuple[date, date]:
	months = (end.year - start.year) * 12 + end.month - start.month + 1
	index = start.year * 12 + start.month - 1 - months
	return date(index // 12, index % 12 + 1, 1), start - timedelta(days=1)


def baseline(frappe, start: date, end: date) -> dict:
	"""The same figures by hand: this period and the one before, one GROUP BY per table."""
	out = {}
	for key, (s, e) in (("now", (start, end)), ("before", previous(start, end))):
		params = {"start": s, "end": e, "end_next": e + timedelta(days=1)}
		tasks = {r.service_unit: r for r in frappe.db.sql(BASELINE_TASKS, params, as_dict=True)}
		records = {r.service_unit: r for r in frappe.db.sql(BASELINE_RECORDS, params, as_dict=True)}
		frappe.db.sql(BASELINE_EVALUATOR, params)
		out[key] = {u: {**(tasks.get(u) or {}), **(records.get(u) or {})} for u in set(tasks) | set(records)}
	return out


def report(frappe, start: date, end: date, live: bool) -> dict:
	from frappe.desk.query_report import run

	filters = {"from_date": str(start), "to_date": str(end), "live_data": int(live)}
	return run(REPORT, filters, ignore_prepared_report=True)


def snapshots(frappe, until: date, months: int) -> int:
	"""The monthly job's Service Analysis documents for every closed month of the data."""
	from huifang.analysis.snapshot import take_snapshot

	written = 0
	for back in range(months, 0, -1):
		index = until.year * 12 + until.month - 1 - back
		label = f"{index // 12:04d}-{index % 12 + 1:02d}"
		if not frappe.db.exists("Service Analysis", {"period": label}):
			take_snapshot(label)
			frappe.db.commit()
			written += 1
	return written


def timed(fn, runs: int) -> tuple[float, object]:
	result = fn()  # warm-up: caches and buffer pool, not timed
	times = []
	for _ in range(runs):
		started = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - started)
	return statistics.median(times), result


def check_same(frappe, rep: dict, base: dict) -> int:
	"""The report's unit rows equal the hand-written figures; returns the number of units compared."""
	rows = {r["service_unit"]: r for r in rep["result"] if not r.get("is_total_row")}
	now = base["now"]
	assert set(rows) == set(now), (len(rows), len(now))
	for unit, b in now.items():
		r = rows[unit]
		for field in (
			"planned",
			"done",
			"on_time",
			"missed",
			"rated",
			"satisfied",
			"basic",
			"unsatisfied",
			"weighted_sum",
		):
			assert int(r[field] or 0) == int(b.get(field) or 0), (unit, field, r[field], b.get(field))
		for field in ("satisfaction_rate", "score"):
			if b.get(field) is not None:
				assert abs(float(r[field]) - float(b[field])) < 0.011, (unit, field, r[field], b[field])
		before = base["before"].get(unit, {}).get("score")
		if before is not None and r.get("score") is not None:
			assert abs(float(r["score_change"]) - (float(b["score"]) - float(before))) < 0.021, (
				unit,
				"score_change",
			)
	return len(now)


def explain(frappe, start: date, end: date) -> str:
	plan = frappe.db.sql(
		"EXPLAIN " + BASELINE_RECORDS,
		{"start": start, "end": end, "end_next": end + timedelta(days=1)},
		as_dict=True,
	)[0]
	task_plan = frappe.db.sql("EXPLAIN " + BASELINE_TASKS, {"start": start, "end": end}, as_dict=True)[0]
	return f"records: key={plan.key} rows~{plan.rows} {plan.Extra}; tasks: key={task_plan.key} rows~{task_plan.rows} {task_plan.Extra}"


def main(argv=None) -> int:
	from tests.bench.seed import add_benchmark_data_arguments

	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	add_benchmark_data_arguments(parser)
	parser.add_argument("--runs", type=int, default=5)
	args = parser.parse_args(argv)

	frappe = connect(args.site)
	until = date.fromisoformat(args.until)
	if not args.no_seed:
		from tests.bench.seed import seed

		started = time.monotonic()
		counts = seed(
			args.customers, args.records, args.units, args.months, args.seed, until=until, quiet=True
		)
		frappe.db.rollback()
		print(
			f"data: {counts['Callback Record']:,} records, {counts['Callback Task']:,} tasks, "
			f"{counts['Customer Archive']:,} customers, {counts['Service Unit']} units "
			f"(seed {args.seed}, checked/filled in {time.monotonic() - started:.0f}s)"
		)
	from huifang.patches.v1_0.analysis_indexes import execute as ensure_indexes

	ensure_indexes()
	total = frappe.db.sql("SELECT COUNT(*) FROM `tabCallback Record`")[0][0]
	print(
		f"site {args.site}: {total:,} Callback Records in all; median of {args.runs} runs after one warm-up"
	)

	started = time.monotonic()
	written = snapshots(frappe, until, args.months)
	print(f"snapshots: {written} months written in {time.monotonic() - started:.0f}s")
	failed = False
	for label, (start, end) in periods(until).items():
		t_report, rep = timed(lambda s=start, e=end: report(frappe, s, e, live=False), args.runs)
		t_live, live = timed(lambda s=start, e=end: report(frappe, s, e, live=True), args.runs)
		t_base, base = timed(lambda s=start, e=end: baseline(frappe, s, e), args.runs)
		units = check_same(frappe, live, base)
		check_same(frappe, rep, base)
		ratio = t_live / t_base if t_base else float("inf")
		ok = t_report < TARGETS[label] and ratio <= RATIO_TARGET
		failed |= not ok
		rated = sum(r["rated"] or 0 for r in live["result"] if not r.get("is_total_row"))
		print(
			f"{label:>5} {start}..{end} ({units} units, {rated:,} rated records): report {t_report:.3f}s "
			f"[{rep['report_summary'][-1]['value']}], live {t_live:.3f}s, GROUP BY {t_base:.3f}s, "
			f"live/GROUP BY {ratio:.2f}x, report/GROUP BY {t_report / t_base if t_base else 0:.2f}x "
			f"-> {'OK' if ok else 'MISSED'} "
			f"(targets < {TARGETS[label]}s, <= {RATIO_TARGET}x)"
		)
		print(f"       plan: {explain(frappe, start, end)}")
	print(
		"load average (1, 5, 15 min): "
		+ ", ".join(f"{x:.1f}" for x in os.getloadavg())
		+ f" on {os.cpu_count()} CPUs"
	)
	frappe.destroy()
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
