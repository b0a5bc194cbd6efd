#!/usr/bin/env python
"""Deterministic data generator for benchmarks and scale tests (issue 9).

	env/bin/python tests/bench/seed.py --site S --records 1000000 --customers 100000 --units 50

	from tests.bench.seed import seed          # in a process connected to the site
	counts = seed(n_customers=2000, n_records=20000, n_units=20, months=24, seed=42)

What it writes (every name carries the tag "S<seed>", so runs with other seeds sit side by side):
- a Service Unit tree: one company, departments (政务 / 物业 / 保险 / 汽车售后, in turn) and their
  windows or projects, with nested-set lft/rgt placed after any tree already on the site;
- staff Users with roles and a password (default "huifang-seed"): per leaf unit a supervisor,
  2-6 agents (Huifang Agent) and 2 handlers (Complaint Handler); per department a head (Huifang
  Manager); a manager and a quality auditor for the company; all listed as unit members;
- Service Event Types, one Callback Plan per type and one Survey Template per department kind;
- customers (+ 1-3 contacts), skewed over the units, 60% older than the period, the rest
  joining over it; a few do-not-call, special owners and quality customers;
- per Callback Task its Service Event (source_system + external_ref set), attempts, and for done
  tasks its Callback Record with answers: `n_records` records exactly, plus 6% tasks not done
  (Open, In Progress, Overdue, Unreachable, Cancelled) and 15% more events without a task;
- complaints (records // 50) from a small pool of complainers, so some customers complain
  again and again (is_repeat / repeat_of), with severity, deadlines and the workflow filled in;
- quarterly Survey Campaigns per department and responses (customers * 0.3) scored with
  huifang.utils.scoring.

Distributions: volume grows ~60% over the period and drops at weekends; satisfaction is skewed
towards 满意 and shifted per unit, per agent, per service type and slowly improving over time;
~92% of callbacks are made within their window.

Rows go in with multi-row INSERTs (seed_writer), one transaction per batch, committed by two
connections in parallel while the next batches are built, names derived from the seed instead
of naming series. A batch whose first row exists is skipped, so a killed run
re-run with the same arguments (and the same --until) completes exactly, without duplicates.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import itertools
import json
import math
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

BENCH_ROOT = Path(__file__).resolve().parents[2]
if str(BENCH_ROOT) not in sys.path:
	sys.path.insert(0, str(BENCH_ROOT))

from tests.bench import seed_vocab as V  # noqa: E402
from tests.bench import seed_writer  # noqa: E402
from tests.bench.seed_writer import Batch  # noqa: E402

DEFAULT_PASSWORD = "huifang-seed"
BATCH = 5000  # rows of the main DocType per transaction
WRITERS = 2  # connections committing batches in parallel (the server's work on both cores)
BLOCK = 250  # rows drawn from one random stream; batches hold whole blocks, so the data does not
# depend on the batch size
OPEN_SHARE = 0.06  # tasks not (yet) done, on top of n_records
UNTASKED_SHARE = 0.15  # events nobody calls back (sampling), on top of the tasks
ANSWERED_SHARE = 0.6  # records with per-question answers; the rest only an overall rating
ADMIN = "Administrator"
SHARED = ("tabService Event Type", "tabGender")  # masters other data may hold already

STD = ("name", "creation", "modified", "owner", "modified_by")
CHILD = (*STD, "parent", "parentfield", "parenttype", "idx")


def add_months(day: date, months: int) -> date:
	month = day.month - 1 + months
	year = day.year + month // 12
	month = month % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Shape:
	"""Sizes and period derived from the parameters."""

	n_customers: int
	n_records: int
	n_units: int
	months: int
	seed: int
	until: date

	@property
	def tag(self) -> str:
		return f"S{self.seed}"

	@property
	def start(self) -> date:
		return add_months(self.until, -self.months)

	@property
	def days(self) -> int:
		return (self.until - self.start).days

	@property
	def n_tasks(self) -> int:
		return self.n_records + math.ceil(self.n_records * OPEN_SHARE)

	@property
	def n_events(self) -> int:
		return self.n_tasks + math.ceil(self.n_tasks * UNTASKED_SHARE)

	@property
	def n_complaints(self) -> int:
		return max(1, self.n_records // 50)

	@property
	def n_responses(self) -> int:
		return max(1, self.n_customers * 3 // 10)

	@property
	def n_departments(self) -> int:
		return max(1, round((self.n_units - 1) / 10))


@dataclass
class Unit:
	name: str
	code: str
	unit_type: str
	parent: str | None
	kind: str | None
	is_group: int
	quality: float = 0.0
	weight: float = 1.0
	head: str | None = None
	supervisor: str | None = None
	agents: list = field(default_factory=list)
	handlers: list = field(default_factory=list)
	members: list = field(default_factory=list)  # (user, unit_role, is_callback_agent)
	lft: int = 0
	rgt: int = 0


class Clock:
	"""Day indexes (0 = first day of the period, `days` = the `until` day) to SQL literals."""

	BEFORE = 2000  # customers may be older than the period

	def __init__(self, start: date, days: int):
		self.days = days
		first = start - timedelta(days=self.BEFORE)
		self._day = [(first + timedelta(days=i)).isoformat() for i in range(self.BEFORE + days + 800)]
		self._weekday = [(first + timedelta(days=i)).weekday() for i in range(len(self._day))]

	def day(self, d: int) -> str:
		return self._day[d + self.BEFORE]

	def weekday(self, d: int) -> int:
		return self._weekday[d + self.BEFORE]

	def ts(self, d: int, sec: int) -> str:
		d += sec // 86400
		sec %= 86400
		return f"{self._day[d + self.BEFORE]} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}"


def growth_day(
	rng: random.Random, lo: int, hi: int, clock: Clock, growth: float = 0.6, u: float | None = None
) -> int:
	"""A day in [lo, hi] with volume rising linearly by `growth` and fewer at weekends; `u` in
	[0, 1) picks the quantile (random when not given)."""
	u = rng.random() if u is None else u
	x = (-1 + math.sqrt(1 + growth * (2 + growth) * u)) / growth
	d = lo + int(x * (hi - lo + 1))
	d = min(d, hi)
	wd = clock.weekday(d)
	if wd >= 5 and rng.random() < 0.7:
		d = min(hi, d + 7 - wd + rng.randrange(5))  # most weekend work moves to the next week
	return d


def office_seconds(rng: random.Random) -> int:
	"""A time of day in office hours, with a lunch dip."""
	hour = rng.choices((8, 9, 10, 11, 13, 14, 15, 16, 17), (3, 10, 12, 10, 6, 11, 12, 10, 4))[0]
	return hour * 3600 + rng.randrange(3600)


def level_weights(shift: float) -> list[float]:
	"""P(level 5..1): skewed to satisfied; a positive shift moves mass up."""
	base = (0.40, 0.37, 0.13, 0.06, 0.04)
	return [b * math.exp(shift * (lvl - 3)) for b, lvl in zip(base, (5, 4, 3, 2, 1), strict=True)]


LEVELS = (5, 4, 3, 2, 1)


def grade_of(level: int) -> str:
	from huifang.utils.scoring import level_to_grade

	return level_to_grade(level)


class Generator:
	def __init__(
		self,
		shape: Shape,
		conn,
		password: str = DEFAULT_PASSWORD,
		log=print,
		batch: int = BATCH,
		writer_conns: list | None = None,
	):
		self.s = shape
		self.batch = max(BLOCK, batch // BLOCK * BLOCK)
		self.conn = conn  # reads and the set-based updates
		self.writer_conns = writer_conns or [conn]  # batches (none of them is `conn` when given)
		self.password = password
		self.log = log
		self.clock = Clock(shape.start, shape.days)
		self.counts: dict[str, int] = {}
		self.written = 0
		self.skipped = 0
		self._plan()

	# ---------------------------------------------------------------- plan (in memory, cheap)

	def _plan(self) -> None:
		"""Everything later batches refer to: units, staff, types, customers' unit and age."""
		s = self.s
		rng = random.Random(f"{s.seed}:plan")
		self.units = self._plan_units(rng)
		self.leaves = [u for u in self.units if not u.is_group]
		self._plan_staff(rng)
		self._plan_types()
		self._plan_customers(rng)

	def _plan_units(self, rng) -> list[Unit]:
		s = self.s
		if s.n_units < 3:
			raise ValueError("n_units must be at least 3 (company, department, window)")
		n_dept = s.n_departments
		n_leaf = s.n_units - 1 - n_dept
		company = Unit(f"华方服务集团-{s.seed}", f"{s.tag}-C", "Company", None, None, 1)
		depts = []
		for d in range(n_dept):
			kind = V.KINDS[d % len(V.KINDS)]
			ordinal = d // len(V.KINDS) + 1
			label = V.DEPARTMENT_NAMES[kind] + ("" if ordinal == 1 else f"{ordinal}")
			depts.append(Unit(f"{label}-{s.seed}", f"{s.tag}-D{d:02d}", "Department", company.name, kind, 1))
		children: dict[str, list[Unit]] = {d.name: [] for d in depts}
		per_kind = dict.fromkeys(V.KINDS, 0)  # leaf names run on per kind, unique across departments
		for i in range(n_leaf):
			dept = depts[i % n_dept]
			names = V.LEAF_NAMES[dept.kind]
			j = per_kind[dept.kind]
			per_kind[dept.kind] += 1
			base = names[j % len(names)] + ("" if j < len(names) else f"{j // len(names) + 1}期")
			if dept.kind == V.GOV:
				label = f"{j + 1}号窗口·{base}"
			elif dept.kind == V.PROPERTY:
				label = f"{base}项目"
			elif dept.kind == V.INSURANCE:
				label = f"{base}营业部"
			else:
				label = f"{base}服务站"
			leaf = Unit(
				f"{label}-{s.seed}",
				f"{s.tag}-W{i:03d}",
				V.LEAF_TYPE[dept.kind],
				dept.name,
				dept.kind,
				0,
				quality=rng.gauss(0, 0.35),
				weight=rng.lognormvariate(0, 0.6),
			)
			children[dept.name].append(leaf)
		ordered = [company]
		for d in depts:
			ordered.append(d)
			ordered.extend(children[d.name])
		return ordered

	def _plan_staff(self, rng) -> None:
		s = self.s
		self.users: list[tuple[str, str, tuple[str, ...], date]] = []  # (email, full name, roles, joined)
		serial = itertools.count(1)
		start = s.start

		def person(role_slug: str, roles: tuple[str, ...], joined: date | None = None) -> str:
			email = f"{role_slug}{next(serial):04d}.s{s.seed}@seed.huifang.test"
			name = rng.choice(V.SURNAMES) + "".join(rng.choice(V.GIVEN) for _ in range(rng.choice((1, 2))))
			self.users.append((email, name, roles, joined or start - timedelta(days=rng.randrange(60, 2000))))
			return email

		company = self.units[0]
		company.head = person("manager", ("Huifang Manager", "Huifang Supervisor"))
		company.members.append((company.head, "Unit Head", 0))
		self.auditor = person("auditor", ("Quality Auditor",))
		company.members.append((self.auditor, "Staff", 0))
		top = max(u.weight for u in self.leaves) if self.leaves else 1
		for unit in self.units[1:]:
			if unit.is_group:
				unit.head = person("head", ("Huifang Manager",))
				unit.members.append((unit.head, "Department Head", 0))
				continue
			unit.supervisor = person("supervisor", ("Huifang Supervisor", "Huifang Agent"))
			unit.members.append((unit.supervisor, "Supervisor", 1))
			for _ in range(2 + round(4 * unit.weight / top)):
				agent = person("agent", ("Huifang Agent",))
				unit.agents.append(agent)
				unit.members.append((agent, "Staff", 1))
			for _ in range(2):
				handler = person("handler", ("Complaint Handler",))
				unit.handlers.append(handler)
				unit.members.append((handler, "Staff", 0))
		self.agent_quality = {u[0]: rng.gauss(0, 0.3) for u in self.users}
		by_name = {u.name: u for u in self.units}
		for leaf in self.leaves:
			leaf.head = by_name[leaf.parent].head

	def _plan_types(self) -> None:
		s = self.s
		self.types: dict[str, list[tuple]] = {}
		self.type_weights: dict[str, list[float]] = {}
		self.plans: dict[str, str] = {}
		self.templates: dict[str, str] = {}
		for kind, rows in V.EVENT_TYPES.items():
			self.types[kind] = list(rows)
			self.type_weights[kind] = [r[7] for r in rows]
			self.templates[kind] = f"{V.TEMPLATES[kind][0]}-{s.seed}"
		for k, row in enumerate(itertools.chain.from_iterable(V.EVENT_TYPES.values())):
			self.plans[row[0]] = f"HF-CP-{s.tag}-{k + 1:02d}"

	def _plan_customers(self, rng) -> None:
		"""Each customer's unit, first day (sorted), activity weight, name, phone, do-not-call."""
		s = self.s
		n = s.n_customers
		old = int(n * 0.6)
		days = sorted(-rng.randrange(1, Clock.BEFORE - 10) for _ in range(old))
		days += [int((c - old) * s.days / max(1, n - old)) for c in range(old, n)]
		self.cust_day = days
		leaf_w = [u.weight for u in self.leaves]
		self.cust_leaf = rng.choices(range(len(self.leaves)), leaf_w, k=n)
		activity = [rng.paretovariate(1.8) for _ in range(n)]
		self.cust_cum = list(itertools.accumulate(activity))
		self.cust_name, self.cust_phone, self.cust_dnc, self.cust_kind = [], [], [], []
		for _c in range(n):
			enterprise = rng.random() < 0.12
			if enterprise:
				name = (
					rng.choice(V.CITIES)
					+ rng.choice(V.COMPANY_WORDS)
					+ rng.choice(V.COMPANY_KINDS)
					+ "有限公司"
				)
			else:
				name = rng.choice(V.SURNAMES) + "".join(
					rng.choice(V.GIVEN) for _ in range(rng.choice((1, 2, 2)))
				)
			self.cust_name.append(name)
			self.cust_kind.append("Enterprise" if enterprise else "Individual")
			self.cust_phone.append(f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}")
			self.cust_dnc.append(rng.random() < 0.01)

	# ---------------------------------------------------------------- names

	def customer(self, c: int) -> str:
		return f"HF-CA-{self.s.tag}-{c:06d}"

	def event(self, i: int) -> str:
		return f"HF-EV-{self.s.tag}-{i:07d}"

	def task(self, t: int) -> str:
		return f"HF-CT-{self.s.tag}-{t:07d}"

	def record(self, t: int) -> str:
		return f"HF-CB-{self.s.tag}-{t:07d}"

	def complaint(self, i: int) -> str:
		return f"HF-CMP-{self.s.tag}-{i:06d}"

	def response(self, i: int) -> str:
		return f"HF-SR-{self.s.tag}-{i:06d}"

	def campaign(self, dept: int, quarter: int) -> str:
		return f"HF-SC-{self.s.tag}-{dept:02d}{quarter:02d}"

	def rows(self, i: int, total: int) -> range:
		"""Row numbers of batch i."""
		return range(i * self.batch, min((i + 1) * self.batch, total))

	def stream(self, kind: str, n: int, rng):
		"""The random stream for row n: a new one where each block starts."""
		if rng is None or n % BLOCK == 0:
			return random.Random(f"{self.s.seed}:{kind}:{n // BLOCK}")
		return rng

	def pick_customer(self, rng, day: int) -> int:
		"""A customer who already existed on `day`, busy customers more often."""
		k = bisect.bisect_right(self.cust_day, day)
		if k == 0:
			k = 1
		return min(bisect.bisect_left(self.cust_cum, rng.random() * self.cust_cum[k - 1]), k - 1)

	# ---------------------------------------------------------------- running

	def run(self) -> dict:
		started = time.monotonic()
		self.phase("organisation", 1, lambda _i: self.unit_name(0), self.org_batch, "tabService Unit")
		n = self.s.n_customers
		self.phase(
			"customers",
			math.ceil(n / self.batch),
			lambda i: self.customer(i * self.batch),
			self.customer_batch,
			"tabCustomer Archive",
		)
		self.phase(
			"tasks, events, records",
			math.ceil(self.s.n_tasks / self.batch),
			lambda i: self.task(i * self.batch),
			self.task_batch,
			"tabCallback Task",
		)
		extra = self.s.n_events - self.s.n_tasks
		self.phase(
			"events without task",
			math.ceil(extra / self.batch),
			lambda i: self.event(self.s.n_tasks + i * self.batch),
			self.untasked_batch,
			"tabService Event",
		)
		self.plan_complaints()
		self.phase(
			"complaints",
			math.ceil(self.s.n_complaints / self.batch),
			lambda i: self.complaint(i * self.batch),
			self.complaint_batch,
			"tabComplaint",
		)
		self.phase(
			"survey responses",
			math.ceil(self.s.n_responses / self.batch),
			lambda i: self.response(i * self.batch),
			self.response_batch,
			"tabSurvey Response",
		)
		self.finalize()
		self.counts = self.count_rows()
		self.log(
			f"seed {self.s.seed}: {self.written:,} rows written, {self.skipped} batches already there, "
			f"{time.monotonic() - started:.1f}s"
		)
		return self.counts

	def phase(self, label: str, batches: int, first_name, build, table: str) -> None:
		"""Build the batches not yet committed while a writer thread commits the previous one."""
		started = time.monotonic()
		done = seed_writer.existing(self.conn, table, [first_name(i) for i in range(batches)])
		self.skipped += len(done)

		def committed(i: int, rows: int) -> None:
			self.log(
				f"{label}: batch {i + 1}/{batches} committed ({rows:,} rows, {time.monotonic() - started:.1f}s)"
			)

		with seed_writer.Writer(self.writer_conns, SHARED, committed) as writer:
			for i in range(batches):
				if first_name(i) not in done:
					writer.put(i, build(i))
		self.written += writer.rows

	def unit_name(self, i: int) -> str:
		return self.units[i].name

	# ---------------------------------------------------------------- organisation

	def org_batch(self, _i: int) -> Batch:
		clock = self.clock
		b = Batch()
		created = clock.ts(-400, 8 * 3600)
		std = (created, created, ADMIN, ADMIN)
		for gender in ("Male", "Female"):
			b.add("tabGender", ("name", "gender", *STD[1:]), (gender, gender, *std))
		self._nested_set()
		unit_cols = (*STD, "unit_name", "unit_type", "parent_service_unit", "is_group", "unit_code")
		unit_cols += ("unit_head", "supervisor", "lft", "rgt", "old_parent")
		member_cols = (
			*CHILD,
			"user",
			"full_name",
			"unit_role",
			"is_callback_agent",
			"joined_on",
			"is_active",
		)
		full_names = {u[0]: u[1] for u in self.users}
		joined = {u[0]: u[3] for u in self.users}
		for unit in self.units:
			b.add(
				"tabService Unit",
				unit_cols,
				(unit.name, *std, unit.name, unit.unit_type, unit.parent, unit.is_group, unit.code)
				+ (unit.head if unit.is_group else None, unit.supervisor, unit.lft, unit.rgt, unit.parent),
			)
			for idx, (user, role, agent) in enumerate(unit.members, 1):
				row = (f"{unit.code}-m{idx}", *std, unit.name, "members", "Service Unit", idx)
				b.add(
					"tabService Unit Member",
					member_cols,
					(*row, user, full_names[user], role, agent, joined[user].isoformat(), 1),
				)
		self._users(b, std)
		self._masters(b, std)
		return b

	def _nested_set(self) -> None:
		"""lft/rgt by depth-first walk, after the right edge of any tree already on the site."""
		offset = seed_writer.scalar(self.conn, "SELECT COALESCE(MAX(rgt), 0) FROM `tabService Unit`") or 0
		counter = itertools.count(int(offset) + 1)
		kids: dict[str | None, list[Unit]] = {}
		for u in self.units:
			kids.setdefault(u.parent, []).append(u)

		def walk(unit: Unit) -> None:
			unit.lft = next(counter)
			for child in kids.get(unit.name, []):
				walk(child)
			unit.rgt = next(counter)

		walk(self.units[0])

	def _users(self, b: Batch, std: tuple) -> None:
		from frappe.utils.password import passlibctx

		hashed = passlibctx.hash(self.password)
		cols = (*STD, "email", "first_name", "full_name", "enabled", "user_type", "language")
		cols += ("send_welcome_email", "time_zone")
		role_cols = (*CHILD, "role")
		for email, name, roles, _joined in self.users:
			b.add(
				"tabUser", cols, (email, *std, email, name, name, 1, "System User", "zh", 0, "Asia/Shanghai")
			)
			for idx, role in enumerate(roles, 1):
				b.add("tabHas Role", role_cols, (f"{email}-r{idx}", *std, email, "roles", "User", idx, role))
			b.add(
				"__Auth",
				("doctype", "name", "fieldname", "password", "encrypted"),
				("User", email, "password", hashed, 0),
			)

	def _masters(self, b: Batch, std: tuple) -> None:
		s = self.s
		type_cols = (
			*STD,
			"event_type_name",
			"category",
			"default_priority",
			"is_major",
			"requires_policyholder",
		)
		plan_cols = (
			*STD,
			"naming_series",
			"plan_name",
			"plan_type",
			"plan_kind",
			"is_active",
			"workflow_state",
		)
		plan_cols += ("target_basis", "sampling", "target_rate", "primary_method", "fallback_method")
		plan_cols += ("switch_after_attempts", "assignee_rule", "survey_template")
		step_cols = (
			*CHILD,
			"step_no",
			"step_label",
			"anchor",
			"offset_value",
			"offset_unit",
			"window_length",
			"window_unit",
		)
		for kind, rows in V.EVENT_TYPES.items():
			for name, category, priority, major, holder, plan_type, window, _w in rows:
				b.add(
					"tabService Event Type", type_cols, (name, *std, name, category, priority, major, holder)
				)
				plan = self.plans[name]
				sampling = "Random Sample" if plan_type == "Sampling" else "All"
				target = 100 if plan_type in ("New Contract", "Complaint") else 95
				b.add(
					"tabCallback Plan",
					plan_cols,
					(
						plan,
						*std,
						"HF-CP-.#####",
						f"{name}回访-{s.seed}",
						plan_type,
						"Callback Rule",
						1,
						"Approved",
					)
					+ ("Service Events", sampling, target, "Phone", "Visit", 3, "Unit Pool Round Robin")
					+ (self.templates[kind],),
				)
				b.add(
					"tabCallback Plan Event Type",
					(*CHILD, "event_type"),
					(f"{plan}-t1", *std, plan, "event_types", "Callback Plan", 1, name),
				)
				b.add(
					"tabCallback Plan Step",
					step_cols,
					(
						f"{plan}-s1",
						*std,
						plan,
						"steps",
						"Callback Plan",
						1,
						1,
						"首次回访",
						"Event Completed",
						0,
						"Days",
					)
					+ (window, "Days"),
				)
		tpl_cols = (*STD, "template_name", "scoring_scheme", "is_active", "max_score", "satisfied_threshold")
		tpl_cols += ("basic_threshold",)
		q_cols = (
			*CHILD,
			"question",
			"question_type",
			"dimension",
			"weight",
			"is_required",
			"is_verification",
		)
		for kind, (_label, scheme, questions) in V.TEMPLATES.items():
			name = self.templates[kind]
			b.add("tabSurvey Template", tpl_cols, (name, *std, name, scheme, 1, 300, 240, 210))
			for idx, (question, qtype, dim, weight, verify) in enumerate(questions, 1):
				required = int(qtype != "Free Text")
				b.add(
					"tabSurvey Question",
					q_cols,
					(f"{name}-q{idx}", *std, name, "questions", "Survey Template", idx)
					+ (question, qtype, dim, weight, required, verify),
				)
		self._campaigns(b, std)

	def quarters(self) -> list[tuple[date, date]]:
		"""Calendar quarters overlapping the period."""
		s = self.s
		first = date(s.start.year, 3 * ((s.start.month - 1) // 3) + 1, 1)
		out = []
		while first <= s.until:
			nxt = add_months(first, 3)
			out.append((first, nxt - timedelta(days=1)))
			first = nxt
		return out

	def _campaigns(self, b: Batch, std: tuple) -> None:
		s = self.s
		cols = (
			*STD,
			"naming_series",
			"campaign_name",
			"survey_template",
			"period_type",
			"status",
			"start_date",
		)
		cols += (
			"end_date",
			"service_unit",
			"target_group",
			"channel_portal",
			"channel_paper",
			"channel_onsite",
		)
		for d, dept in enumerate(u for u in self.units if u.unit_type == "Department"):
			for q, (qs, qe) in enumerate(self.quarters()):
				status = "Closed" if qe < s.until else "Running"
				label = f"{dept.name} {qs.year}年第{(qs.month - 1) // 3 + 1}季度满意度调查"
				b.add(
					"tabSurvey Campaign",
					cols,
					(
						self.campaign(d, q),
						*std,
						"HF-SC-.YYYY.-",
						label,
						self.templates[dept.kind],
						"Quarterly",
					)
					+ (status, qs.isoformat(), qe.isoformat(), dept.name, "All Customers", 1, 1, 1),
				)

	# ---------------------------------------------------------------- customers

	def customer_batch(self, i: int) -> Batch:
		s, clock = self.s, self.clock
		b = Batch()
		cols = (*STD, "naming_series", "customer_name", "customer_type", "gender", "birthday", "service_unit")
		cols += ("account_manager", "room_no", "primary_phone", "preferred_method", "preferred_time_from")
		cols += ("preferred_time_to", "do_not_call", "do_not_call_reason", "id_number", "address", "district")
		cols += ("employer", "family_structure", "income", "vehicle", "contract_signed_on", "handover_date")
		cols += ("is_quality_customer", "quality_reason", "is_special_owner", "special_owner_category")
		contact_cols = (*CHILD, "contact_name", "relation", "phone", "is_primary")
		windows = (("09:00:00", "11:30:00"), ("14:00:00", "17:00:00"), ("18:30:00", "20:30:00"))
		rng = None
		for c in self.rows(i, s.n_customers):
			rng = self.stream("customers", c, rng)
			name = self.customer(c)
			unit = self.leaves[self.cust_leaf[c]]
			created = clock.ts(self.cust_day[c], office_seconds(rng))
			owner = unit.supervisor
			person = self.cust_kind[c] == "Individual"
			born = date(rng.randrange(1940, 2003), rng.randrange(1, 13), rng.randrange(1, 29))
			gender = rng.choice(("Male", "Female")) if person else None
			room = None
			signed = handover = vehicle = None
			signed_day = self.cust_day[c] - rng.randrange(0, 30)
			if unit.kind == V.PROPERTY:
				room = f"{rng.randrange(1, 30)}栋{rng.randrange(1, 5)}单元{rng.randrange(1, 33)}{rng.randrange(1, 5):02d}"
				signed = clock.day(signed_day)
				handover = clock.day(signed_day + rng.randrange(60, 400))
			elif unit.kind == V.AUTO:
				vehicle = rng.choice(V.VEHICLES) or None
				signed = clock.day(signed_day)
			elif unit.kind == V.INSURANCE:
				signed = clock.day(signed_day)
			dnc = self.cust_dnc[c]
			preferred = rng.choices(("Phone", "Visit", "Online", "Email"), (90, 4, 4, 2))[0]
			window = rng.choice(windows) if rng.random() < 0.3 else (None, None)
			special = person and born.year < 1955 and rng.random() < 0.3
			quality = rng.random() < 0.05
			id_number = f"{rng.randrange(110000, 660000)}{born:%Y%m%d}{rng.randrange(1000):03d}{rng.choice('0123456789X')}"
			address = f"{rng.choice(V.CITIES)}市{rng.choice(V.DISTRICTS)}{rng.choice(V.STREETS)}{rng.randrange(1, 999)}号"
			b.add(
				"tabCustomer Archive",
				cols,
				(name, created, created, owner, owner, "HF-CA-.#####", self.cust_name[c], self.cust_kind[c])
				+ (gender, born.isoformat() if person else None, unit.name)
				+ (
					rng.choice(unit.agents) if rng.random() < 0.5 else None,
					room,
					self.cust_phone[c],
					preferred,
				)
				+ window
				+ (int(dnc), "客户要求不再电话回访" if dnc else None, id_number if person else None, address)
				+ (rng.choice(V.DISTRICTS), rng.choice(V.EMPLOYERS) if person else None)
				+ (rng.choice(V.FAMILY) if person else None, rng.randrange(3, 60) * 1000 if person else 0)
				+ (vehicle, signed, handover, int(quality), rng.choice(V.QUALITY_REASON) if quality else None)
				+ (int(special), rng.choice(V.SPECIAL_OWNER) if special else None),
			)
			contacts = [
				(
					self.cust_name[c] if person else "联系人",
					"Self" if person else "Colleague",
					self.cust_phone[c],
				)
			]
			for _ in range(rng.choices((0, 1, 2), (55, 30, 15))[0]):
				relation = rng.choice(V.RELATIONS[1:])
				contacts.append(
					(
						rng.choice(V.SURNAMES) + rng.choice(V.GIVEN),
						relation,
						f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
					)
				)
			for idx, (who, relation, phone) in enumerate(contacts, 1):
				b.add(
					"tabCustomer Contact",
					contact_cols,
					(
						f"{name}-{idx}",
						created,
						created,
						owner,
						owner,
						name,
						"contacts",
						"Customer Archive",
						idx,
					)
					+ (who, relation, phone, int(idx == 1)),
				)
		return b

	# ---------------------------------------------------------------- tasks, events, records

	EVENT_COLS = (
		*STD,
		"naming_series",
		"subject",
		"event_type",
		"event_category",
		"customer",
		"customer_name",
	)
	EVENT_COLS += ("service_unit", "handler", "sold_by", "priority", "status", "occurred_on", "completed_on")
	EVENT_COLS += ("expiry_date", "amount", "is_major", "source_system", "external_ref")

	def make_event(self, b: Batch, rng, i: int, c: int, day: int) -> dict:
		"""One Service Event of customer `c` occurring on `day`; returns what the task needs."""
		clock = self.clock
		unit = self.leaves[self.cust_leaf[c]]
		kind = unit.kind
		etype = rng.choices(self.types[kind], self.type_weights[kind])[0]
		type_name, category, priority, major = etype[0], etype[1], etype[2], etype[3]
		sec = office_seconds(rng)
		if category == "Repair Order":
			done_after = rng.randrange(1800, 3 * 86400)
		elif category == "Window Application":
			done_after = rng.randrange(600, 3600)
		else:
			done_after = rng.randrange(600, 2 * 86400)
		done_sec = min(sec + done_after, (clock.days - day) * 86400 + 8 * 3600)
		handler = rng.choice(unit.handlers)
		if rng.random() < 0.35:
			priority = rng.choices(("P1", "P2", "P3", "P4"), (10, 25, 45, 20))[0]
		amount = 0
		expiry = None
		if category in ("Paid Service", "Car Service"):
			amount = rng.randrange(50, 3000)
		elif category in ("Insurance Policy", "Insurance Claim", "Contract Signing"):
			amount = rng.randrange(2000, 200000)
		if category == "Insurance Policy":
			expiry = clock.day(day + 365)
		elif category == "Car Service":
			expiry = clock.day(day + 182)
		system = {
			V.GOV: "政务办件系统",
			V.PROPERTY: "物业工单系统",
			V.INSURANCE: "核心业务系统",
			V.AUTO: "DMS",
		}[kind]
		occurred = clock.ts(day, sec)
		completed = clock.ts(day, done_sec)
		name = self.event(i)
		sold_by = handler if category in ("Insurance Policy", "Contract Signing") else None
		b.add(
			"tabService Event",
			self.EVENT_COLS,
			(
				name,
				occurred,
				completed,
				handler,
				handler,
				"HF-EV-.YYYY.-",
				f"{type_name} · {self.cust_name[c]}",
			)
			+ (
				type_name,
				category,
				self.customer(c),
				self.cust_name[c],
				unit.name,
				handler,
				sold_by,
				priority,
			)
			+ ("Completed", occurred, completed, expiry, amount, major, system, f"{self.s.tag}-{i}"),
		)
		return {
			"name": name,
			"unit": unit,
			"type": etype,
			"priority": priority,
			"done_day": day + done_sec // 86400,
			"done_sec": done_sec % 86400,
			"completed": completed,
		}

	TASK_COLS = (*STD, "naming_series", "customer", "customer_name", "service_unit", "assignee", "status")
	TASK_COLS += ("method", "priority", "earliest_date", "latest_date", "preferred_time_from", "do_not_call")
	TASK_COLS += (
		"service_event",
		"event_type",
		"callback_plan",
		"plan_step",
		"attempt_count",
		"callback_record",
	)
	TASK_COLS += ("completed_on", "cancel_reason", "escalated", "escalated_to", "escalated_on")
	ATTEMPT_COLS = (*CHILD, "attempt_time", "method", "outcome", "agent", "note")
	RECORD_COLS = (
		*STD,
		"naming_series",
		"callback_task",
		"customer",
		"customer_name",
		"service_unit",
		"agent",
	)
	RECORD_COLS += ("method", "call_time", "duration", "workflow_state", "callee_name", "callee_relation")
	RECORD_COLS += (
		"service_event",
		"event_type",
		"callback_plan",
		"requires_policyholder",
		"policyholder_verified",
	)
	RECORD_COLS += ("survey_template", "overall_grade", "overall_score", "is_problem_case", "needs_revisit")
	RECORD_COLS += (
		"comments",
		"problems_found",
		"promise",
		"reply_by",
		"customer_confirmed",
		"review_comment",
	)
	RECORD_COLS += ("reviewed_by", "reviewed_on")
	ANSWER_COLS = (*CHILD, "question", "dimension", "question_type", "rating", "grade", "answer")
	ANSWER_COLS += ("is_verification", "verified", "weight")
	NOT_DONE = (("Open", 45), ("In Progress", 15), ("Overdue", 15), ("Unreachable", 15), ("Cancelled", 10))

	def task_batch(self, i: int) -> Batch:
		s, clock = self.s, self.clock
		b = Batch()
		last = clock.days - 1
		statuses = [x[0] for x in self.NOT_DONE]
		status_w = [x[1] for x in self.NOT_DONE]
		rng = None
		for t in self.rows(i, s.n_tasks):
			rng = self.stream("tasks", t, rng)
			status = "Done" if t < s.n_records else rng.choices(statuses, status_w)[0]
			if status in ("Open", "In Progress"):
				day = rng.randrange(max(0, last - 6), last + 1)
			elif status == "Overdue":
				day = rng.randrange(max(0, last - 30), max(1, last - 8))
			elif status == "Done":
				# stratified: done tasks are numbered in time order, as a naming series would be,
				# which also keeps the date indexes append-mostly while loading
				u = (t + rng.random()) / s.n_records
				day = growth_day(rng, 0, max(0, last - 4), clock, u=u)
			else:
				day = growth_day(rng, 0, max(0, last - 4), clock)
			c = self.pick_customer(rng, day)
			ev = self.make_event(b, rng, t, c, day)
			self.make_task(b, rng, t, c, ev, status)
		return b

	def make_task(self, b: Batch, rng, t: int, c: int, ev: dict, status: str) -> None:
		clock = self.clock
		unit, etype = ev["unit"], ev["type"]
		window = etype[6]
		earliest = ev["done_day"] + (1 if ev["done_sec"] > 16 * 3600 else 0)
		latest = earliest + window
		if status in ("Open", "In Progress"):
			latest = max(latest, clock.days + rng.randrange(0, 3))
		elif status == "Overdue":
			latest = min(latest, clock.days - 1)
		agent = rng.choice(unit.agents)
		dnc = self.cust_dnc[c]
		method = rng.choices(("Phone", "Visit", "Letter", "Online", "Email"), (92, 4, 1, 2, 1))[0]
		if dnc and method == "Phone":
			method = "Visit"
		name = self.task(t)
		attempts: list[tuple[int, int, str]] = []  # (day, sec, outcome)
		call_day = earliest + (
			rng.randrange(0, window + 1) if rng.random() < 0.92 else window + rng.randrange(1, 10)
		)
		if clock.weekday(call_day) >= 5 and rng.random() < 0.8:
			call_day += 7 - clock.weekday(call_day) + rng.randrange(3)  # few callbacks at weekends
		call_day = min(call_day, clock.days)
		call_sec = office_seconds(rng)
		if status == "Done":
			fails = rng.choices((0, 1, 2), (78, 17, 5))[0]
			for k in range(fails):
				attempts.append(
					(
						call_day,
						max(8 * 3600, call_sec - (fails - k) * 5400),
						rng.choice(("No Answer", "Busy")),
					)
				)
			attempts.append((call_day, call_sec, "Answered"))
		elif status == "Unreachable":
			for k in range(3):
				attempts.append(
					(
						min(earliest + k, clock.days),
						call_sec,
						rng.choice(("No Answer", "Busy", "Wrong Number")),
					)
				)
		elif status in ("In Progress", "Overdue"):
			for k in range(1 if status == "In Progress" else rng.randrange(0, 3)):
				attempts.append((min(earliest + k, clock.days), call_sec, "No Answer"))
		created = ev["completed"]
		last_touch = clock.ts(*attempts[-1][:2]) if attempts else created
		record = self.record(t) if status == "Done" else None
		completed_on = clock.ts(call_day, call_sec + 600) if status == "Done" else None
		escalated = status == "Overdue" and rng.random() < 0.6
		b.add(
			"tabCallback Task",
			self.TASK_COLS,
			(name, created, completed_on or last_touch, ADMIN, agent, "HF-CT-.YYYY.-", self.customer(c))
			+ (self.cust_name[c], unit.name, agent, status, method, ev["priority"], clock.day(earliest))
			+ (
				clock.day(latest),
				None,
				int(dnc),
				ev["name"],
				etype[0],
				self.plans[etype[0]],
				1,
				len(attempts),
			)
			+ (
				record,
				completed_on,
				"客户已通过其他渠道反馈" if status == "Cancelled" else None,
				int(escalated),
			)
			+ (unit.supervisor if escalated else None, clock.ts(latest + 1, 9 * 3600) if escalated else None),
		)
		for idx, (day, sec, outcome) in enumerate(attempts, 1):
			at = clock.ts(day, sec)
			b.add(
				"tabCallback Attempt",
				self.ATTEMPT_COLS,
				(f"{name}-a{idx}", at, at, agent, agent, name, "attempts", "Callback Task", idx)
				+ (at, method, outcome, agent, None),
			)
		if record:
			self.make_record(b, rng, t, c, ev, agent, method, call_day, call_sec)

	def make_record(
		self, b: Batch, rng, t: int, c: int, ev: dict, agent: str, method: str, day: int, sec: int
	):
		clock = self.clock
		unit, etype = ev["unit"], ev["type"]
		kind = unit.kind
		age = clock.days - day
		trend = 0.3 * day / max(1, clock.days)
		penalty = -0.35 if etype[1] == "Repair Order" else 0.0
		shift = unit.quality + self.agent_quality[agent] + trend + penalty
		level = rng.choices(LEVELS, level_weights(shift))[0]
		grade = grade_of(level)
		if age > 45:
			state = "Archived" if rng.random() < 0.9 else "Reviewed"
		elif age > 7:
			state = rng.choices(("Reviewed", "Submitted", "Returned"), (70, 25, 5))[0]
		else:
			state = rng.choices(("Submitted", "Draft"), (60, 40))[0]
		relation = "Self" if etype[4] or rng.random() < 0.85 else rng.choice(V.RELATIONS[1:])
		callee = self.cust_name[c] if relation == "Self" else rng.choice(V.SURNAMES) + rng.choice(V.GIVEN)
		name = self.record(t)
		at = clock.ts(day, sec)
		reviewed = state in ("Reviewed", "Archived")
		reviewed_on = clock.ts(min(day + rng.randrange(1, 5), clock.days), 10 * 3600) if reviewed else None
		problem = 0
		template = None
		answers = []
		if rng.random() < ANSWERED_SHARE:
			template = self.templates[kind]
			for q_idx, (question, qtype, dim, weight, verify) in enumerate(V.TEMPLATES[kind][2], 1):
				rating = q_grade = answer = verified = None
				if qtype in ("Rating 1-5", "Three Grades"):
					rating = max(1, min(5, level + rng.choices((-1, 0, 1), (15, 70, 15))[0]))
					q_grade = grade_of(rating)
					if qtype == "Three Grades":
						rating = {"Satisfied": 4, "Basically Satisfied": 3, "Unsatisfied": 2}[q_grade]
				elif qtype == "Yes/No":
					verified = "Yes" if rng.random() < 0.985 else "No"
					answer = "是" if verified == "Yes" else "否"
					problem |= verify and verified == "No"
				elif rng.random() < 0.2:
					answer = rng.choice(V.SUGGESTIONS) or None
				answers.append(
					(f"{name}-{q_idx}", at, at, agent, agent, name, "answers", "Callback Record", q_idx)
					+ (
						question,
						dim,
						qtype,
						rating or 0,
						q_grade,
						answer,
						verify,
						verified if verify else None,
						weight,
					)
				)
		unhappy = level <= 2
		b.add(
			"tabCallback Record",
			self.RECORD_COLS,
			(name, at, reviewed_on or at, agent, agent, "HF-CB-.YYYY.-", self.task(t), self.customer(c))
			+ (
				self.cust_name[c],
				unit.name,
				agent,
				method,
				at,
				rng.randrange(45, 900),
				state,
				callee,
				relation,
			)
			+ (
				ev["name"],
				etype[0],
				self.plans[etype[0]],
				etype[4],
				etype[4],
				template,
				grade,
				level,
				problem,
			)
			+ (
				int(unhappy),
				rng.choice(V.COMMENTS[level]) or None,
				rng.choice(V.PROBLEMS) if unhappy else None,
			)
			+ (rng.choice(V.PROMISES) if unhappy else None, clock.day(day + 3) if unhappy else None)
			+ (int(method != "Phone"), "同意" if reviewed else None, unit.supervisor if reviewed else None)
			+ (reviewed_on,),
		)
		for row in answers:
			b.add("tabCallback Answer", self.ANSWER_COLS, row)

	def untasked_batch(self, i: int) -> Batch:
		"""Events nobody was asked to call back (P3/P4 not sampled, R-32)."""
		s, clock = self.s, self.clock
		b = Batch()
		rng = None
		for k in self.rows(i, s.n_events - s.n_tasks):
			rng = self.stream("untasked", k, rng)
			e = s.n_tasks + k
			day = growth_day(rng, 0, clock.days - 1, clock)
			self.make_event(b, rng, e, self.pick_customer(rng, day), day)
		return b

	# ---------------------------------------------------------------- complaints

	def plan_complaints(self) -> None:
		"""All complaints' who / when / what up front (one RNG, cheap), so repeats can point to the
		earlier complaint across batches and a resumed run computes the same links."""
		s, clock = self.s, self.clock
		rng = random.Random(f"{s.seed}:complaints")
		# 15% come from a few habitual complainers (~15 each), the rest from anyone
		repeaters = rng.sample(range(s.n_customers), min(max(1, s.n_complaints // 100), s.n_customers))
		weights = [1 / (r + 1) ** 0.3 for r in range(len(repeaters))]
		habit: dict[int, tuple[str, str]] = {}
		rows = []
		for _ in range(s.n_complaints):
			if rng.random() < 0.15:
				c = rng.choices(repeaters, weights)[0]
			else:
				c = self.pick_customer(rng, s.days - 1)
			kind = self.leaves[self.cust_leaf[c]].kind
			lo = max(0, self.cust_day[c])
			day = growth_day(rng, lo, max(lo, clock.days - 1), clock)
			if c in habit and rng.random() < 0.5:
				category, issue = habit[c]
			else:
				category = rng.choice(list(V.COMPLAINT_ISSUES[kind]))
				issue = rng.choice(V.COMPLAINT_ISSUES[kind][category])
				habit.setdefault(c, (category, issue))
			resolve_days = rng.randrange(1, 15)
			rows.append(
				(
					day,
					office_seconds(rng),
					c,
					category,
					issue,
					resolve_days,
					resolve_days + rng.randrange(1, 5),
				)
			)
		rows.sort()
		last_seen: dict[tuple, int] = {}
		self.complaint_plan = []
		for n, (day, sec, c, category, issue, resolve_days, close_days) in enumerate(rows):
			key = (c, category, issue)
			earlier = last_seen.get(key)
			# a complaint after the earlier one was closed is at least Important
			after_closure = earlier is not None and rows[earlier][0] + rows[earlier][6] < day
			self.complaint_plan.append(
				(day, sec, c, category, issue, resolve_days, close_days, earlier, after_closure)
			)
			last_seen[key] = n

	def complaint_batch(self, i: int) -> Batch:
		from huifang.utils import severity as sev

		s, clock = self.s, self.clock
		b = Batch()
		cols = (
			*STD,
			"naming_series",
			"subject",
			"channel",
			"received_on",
			"severity",
			"workflow_state",
			"is_repeat",
		)
		cols += ("customer", "complainant_name", "complainant_phone", "people_count", "involves_lawsuit")
		cols += ("media_exposure", "category", "issue_key", "service_unit", "responsible_unit", "assigned_to")
		cols += (
			"description",
			"auto_severity",
			"reply_by",
			"replied_on",
			"rectify_by",
			"accepted_on",
			"result",
		)
		cols += ("root_cause", "corrective_action", "preventive_action", "resolved_on", "callback_by")
		cols += ("callback_result", "reopen_count", "closed_on", "repeat_of")
		rng = None
		for n in self.rows(i, s.n_complaints):
			rng = self.stream("complaint-rows", n, rng)
			day, sec, c, category, issue, resolve_days, close_days, earlier, after_closure = (
				self.complaint_plan[n]
			)
			unit = self.leaves[self.cust_leaf[c]]
			age = clock.days - day
			people = rng.choices((1, 2, rng.randrange(3, 10), rng.randrange(10, 40)), (92, 5, 2.5, 0.5))[0]
			lawsuit, media = rng.random() < 0.003, rng.random() < 0.004
			closed_day = day + close_days
			severity, _reasons = sev.classify(people, lawsuit, media, 1, after_closure)
			if age > 30:
				state = rng.choices(("Closed", "Callback", "Resolved", "Reopened"), (93, 3, 3, 1))[0]
			elif age > 7:
				state = rng.choices(
					("Closed", "Resolved", "Callback", "Processing", "Assigned"), (60, 15, 10, 10, 5)
				)[0]
			else:
				state = rng.choices(
					("New", "Accepted", "Assigned", "Processing", "Resolved"), (30, 20, 20, 20, 10)
				)[0]
			received = clock.ts(day, sec)
			resolved = state in ("Resolved", "Callback", "Closed", "Reopened")
			closed = state == "Closed"
			accepted = state != "New"
			reply_by = self._working_days(day, 2)
			reply_late = rng.random() < 0.1
			replied = clock.ts(day + (rng.randrange(3, 6) if reply_late else rng.randrange(0, 2)), sec + 3600)
			callback = (
				rng.choices(("Satisfied", "Basically Satisfied", "Unsatisfied"), (75, 17, 8))[0]
				if closed
				else None
			)
			handler = rng.choice(unit.handlers)
			b.add(
				"tabComplaint",
				cols,
				(
					self.complaint(n),
					received,
					received,
					unit.supervisor,
					handler,
					"HF-CMP-.YYYY.-",
					f"{issue}（{self.cust_name[c]}）",
				)
				+ (
					rng.choice(V.COMPLAINT_CHANNELS),
					received,
					severity,
					state,
					int(earlier is not None),
					self.customer(c),
				)
				+ (
					self.cust_name[c],
					self.cust_phone[c],
					people,
					int(lawsuit),
					int(media),
					category,
					issue,
					unit.name,
				)
				+ (unit.name, handler if accepted else None, f"<p>{issue}，客户要求尽快处理。</p>", severity)
				+ (clock.day(reply_by), replied if accepted else None, clock.day(self._working_days(day, 3)))
				+ (clock.ts(day, sec + 3 * 3600) if accepted else None, "已处理完毕" if resolved else None)
				+ (
					rng.choice(V.ROOT_CAUSES) if resolved else None,
					rng.choice(V.ACTIONS) if resolved else None,
				)
				+ (rng.choice(V.PREVENTIONS) if resolved else None,)
				+ (clock.ts(min(day + resolve_days, clock.days), 15 * 3600) if resolved else None,)
				+ (rng.choice(unit.agents) if closed else None, callback, int(state == "Reopened"))
				+ (clock.ts(min(closed_day, clock.days), 16 * 3600) if closed else None,)
				+ (self.complaint(earlier) if earlier is not None else None,),
			)
		return b

	def _working_days(self, day: int, n: int) -> int:
		while n:
			day += 1
			if self.clock.weekday(day) < 5:
				n -= 1
		return day

	# ---------------------------------------------------------------- surveys

	def response_batch(self, i: int) -> Batch:
		from huifang.utils.scoring import level_to_grade, score_answers

		s, clock = self.s, self.clock
		b = Batch()
		cols = (
			*STD,
			"naming_series",
			"campaign",
			"survey_template",
			"channel",
			"submitted_on",
			"is_anonymous",
		)
		cols += (
			"customer",
			"customer_name",
			"service_unit",
			"comments",
			"total_score",
			"average_score",
			"grade",
		)
		a_cols = (
			*CHILD,
			"question",
			"question_type",
			"dimension",
			"rating",
			"grade",
			"answer",
			"weight",
			"score",
		)
		quarters = self.quarters()
		depts = [u for u in self.units if u.unit_type == "Department"]
		dept_index = {u.name: n for n, u in enumerate(depts)}
		schemes = {kind: V.TEMPLATES[kind][1] for kind in V.TEMPLATES}
		rng = None
		for n in self.rows(i, s.n_responses):
			rng = self.stream("responses", n, rng)
			day = growth_day(rng, 0, clock.days - 1, clock)
			c = self.pick_customer(rng, day)
			unit = self.leaves[self.cust_leaf[c]]
			the_day = s.start + timedelta(days=day)
			q = next(k for k, (qs, qe) in enumerate(quarters) if qs <= the_day <= qe)
			anonymous = rng.random() < 0.1
			channel = rng.choices(("Portal Link", "Paper Form", "Email", "On-site"), (45, 30, 10, 15))[0]
			owner = "Guest" if anonymous else ADMIN
			at = clock.ts(day, office_seconds(rng))
			name = self.response(n)
			shift = unit.quality + 0.3 * day / max(1, clock.days)
			base = rng.choices(LEVELS, level_weights(shift))[0]
			pairs, answers = [], []
			for q_idx, (question, qtype, dim, weight, _verify) in enumerate(V.TEMPLATES[unit.kind][2], 1):
				rating = grade = answer = None
				if qtype in ("Rating 1-5", "Three Grades"):
					rating = max(1, min(5, base + rng.choices((-1, 0, 1), (15, 70, 15))[0]))
					grade = level_to_grade(rating)
					if qtype == "Three Grades":
						rating = {"Satisfied": 4, "Basically Satisfied": 3, "Unsatisfied": 2}[grade]
					pairs.append((rating, weight))
				elif qtype == "Yes/No":
					answer = "是" if rng.random() < 0.97 else "否"
				else:
					answer = rng.choice(V.SUGGESTIONS) or None
				answers.append(
					(f"{name}-{q_idx}", at, at, owner, owner, name, "answers", "Survey Response", q_idx)
					+ (question, qtype, dim, rating or 0, grade, answer, weight, (rating or 0) * weight)
				)
			score = score_answers(pairs, schemes[unit.kind], 240, 210)
			b.add(
				"tabSurvey Response",
				cols,
				(name, at, at, owner, owner, "HF-SR-.YYYY.-", self.campaign(dept_index[unit.parent], q))
				+ (
					self.templates[unit.kind],
					channel,
					at,
					int(anonymous),
					None if anonymous else self.customer(c),
				)
				+ (None if anonymous else self.cust_name[c], unit.name, rng.choice(V.SUGGESTIONS) or None)
				+ (score["total"], score["average"] or 0, score["grade"]),
			)
			for row in answers:
				b.add("tabSurvey Answer", a_cols, row)
		return b

	# ---------------------------------------------------------------- derived values, counts

	def finalize(self) -> None:
		"""Values derived from the rows, set-based and idempotent."""
		tag = self.s.tag
		seed_writer.execute(
			self.conn,
			"""UPDATE `tabCustomer Archive` c
			JOIN (SELECT customer, DATE(MAX(occurred_on)) AS last_day FROM `tabService Event`
				WHERE name LIKE %s GROUP BY customer) e ON e.customer = c.name
			SET c.last_visit_on = e.last_day
			WHERE c.name LIKE %s""",
			(f"HF-EV-{tag}-%", f"HF-CA-{tag}-%"),
		)
		seed_writer.execute(
			self.conn,
			"""UPDATE `tabSurvey Campaign` sc
			JOIN (SELECT campaign, COUNT(*) AS n FROM `tabSurvey Response` WHERE name LIKE %s
				GROUP BY campaign) r ON r.campaign = sc.name
			SET sc.responses_received = r.n, sc.returned = r.n, sc.handed_out = CEIL(r.n * 1.6),
				sc.return_rate = ROUND(100 * r.n / CEIL(r.n * 1.6), 2)
			WHERE sc.name LIKE %s""",
			(f"HF-SR-{tag}-%", f"HF-SC-{tag}-%"),
		)

	def count_rows(self) -> dict[str, int]:
		tag, seed = self.s.tag, self.s.seed
		prefixes = {
			"Service Unit": ("tabService Unit", "unit_code", f"{tag}-%"),
			"User": ("tabUser", "name", f"%.s{seed}@seed.huifang.test"),
			"Customer Archive": ("tabCustomer Archive", "name", f"HF-CA-{tag}-%"),
			"Customer Contact": ("tabCustomer Contact", "parent", f"HF-CA-{tag}-%"),
			"Service Event": ("tabService Event", "name", f"HF-EV-{tag}-%"),
			"Callback Task": ("tabCallback Task", "name", f"HF-CT-{tag}-%"),
			"Callback Attempt": ("tabCallback Attempt", "parent", f"HF-CT-{tag}-%"),
			"Callback Record": ("tabCallback Record", "name", f"HF-CB-{tag}-%"),
			"Callback Answer": ("tabCallback Answer", "parent", f"HF-CB-{tag}-%"),
			"Complaint": ("tabComplaint", "name", f"HF-CMP-{tag}-%"),
			"Survey Campaign": ("tabSurvey Campaign", "name", f"HF-SC-{tag}-%"),
			"Survey Response": ("tabSurvey Response", "name", f"HF-SR-{tag}-%"),
			"Survey Answer": ("tabSurvey Answer", "parent", f"HF-SR-{tag}-%"),
		}
		return {
			label: int(
				seed_writer.scalar(self.conn, f"SELECT COUNT(*) FROM `{table}` WHERE `{col}` LIKE %s", (pat,))
			)
			for label, (table, col, pat) in prefixes.items()
		}


def seed(
	n_customers: int = 1000,
	n_records: int = 10000,
	n_units: int = 10,
	months: int = 24,
	seed: int = 42,
	until: date | str | None = None,
	password: str = DEFAULT_PASSWORD,
	quiet: bool = True,
	batch: int = BATCH,
	writers: int = WRITERS,
) -> dict[str, int]:
	"""Fill the connected site (frappe.init + frappe.connect done) and return row counts per
	DocType for this seed. Writes over its own connection and commits per batch: call
	frappe.db.rollback() before reading the rows in the calling process. `until` (default today)
	is the last day of the period; pass it to reproduce or resume a run on another day."""
	import frappe
	from frappe.utils import getdate

	shape = Shape(n_customers, n_records, n_units, months, seed, getdate(until) if until else date.today())
	conns = [seed_writer.connect(frappe.conf) for _ in range(1 + max(1, writers))]
	try:
		log = (lambda *_a: None) if quiet else _print
		gen = Generator(shape, conns[0], password, log=log, batch=batch, writer_conns=conns[1:])
		counts = gen.run()
	finally:
		for conn in conns:
			conn.close()
	frappe.clear_cache()
	return counts


# what `purge` deletes: (table, column, LIKE pattern); {tag} is S<seed>, {seed} the number
SEED_ROWS = (
	("tabCallback Answer", "parent", "HF-CB-{tag}-%"),
	("tabCallback Record", "name", "HF-CB-{tag}-%"),
	("tabCallback Attempt", "parent", "HF-CT-{tag}-%"),
	("tabCallback Task", "name", "HF-CT-{tag}-%"),
	("tabService Event", "name", "HF-EV-{tag}-%"),
	("tabCustomer Contact", "parent", "HF-CA-{tag}-%"),
	("tabCustomer Archive", "name", "HF-CA-{tag}-%"),
	("tabComplaint", "name", "HF-CMP-{tag}-%"),
	("tabSurvey Answer", "parent", "HF-SR-{tag}-%"),
	("tabSurvey Response", "name", "HF-SR-{tag}-%"),
	("tabSurvey Campaign", "name", "HF-SC-{tag}-%"),
	("tabCallback Plan Step", "parent", "HF-CP-{tag}-%"),
	("tabCallback Plan Event Type", "parent", "HF-CP-{tag}-%"),
	("tabCallback Plan", "name", "HF-CP-{tag}-%"),
	("tabSurvey Question", "parent", "%-{seed}"),
	("tabSurvey Template", "name", "%-{seed}"),
	("tabService Unit Member", "name", "{tag}-%"),
	("tabService Unit", "unit_code", "{tag}-%"),
	("tabHas Role", "parent", "%.s{seed}@seed.huifang.test"),
	("__Auth", "name", "%.s{seed}@seed.huifang.test"),
	("tabUser", "name", "%.s{seed}@seed.huifang.test"),
)


def purge(seed: int) -> dict[str, int]:
	"""Delete every row `seed(seed=...)` wrote (shared masters stay); returns rows per table."""
	import frappe

	conn = seed_writer.connect(frappe.conf)
	deleted = {}
	try:
		for table, column, pattern in SEED_ROWS:
			like = pattern.format(tag=f"S{seed}", seed=seed)
			deleted[table] = seed_writer.execute(
				conn, f"DELETE FROM `{table}` WHERE `{column}` LIKE %s", (like,)
			)
	finally:
		conn.close()
	frappe.clear_cache()
	return deleted


def fingerprint(seed: int, conf=None) -> dict[str, tuple[int, int]]:
	"""(rows, checksum over every column) per table of this seed's rows: equal fingerprints mean
	equal data. The tree position (lft, rgt) is left out: it depends on the units already on the
	site. `conf` selects another site's database (default: the connected site)."""
	import frappe

	conn = seed_writer.connect(conf or frappe.conf)
	result = {}
	try:
		for table, column, pattern in SEED_ROWS:
			if table == "__Auth":
				continue  # password hashes are salted per run
			columns = [
				row[0]
				for row in seed_writer.rows(
					conn,
					"SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
					" AND table_name = %s AND column_name NOT IN ('lft', 'rgt') ORDER BY column_name",
					(table,),
				)
			]
			row_text = "CONCAT_WS('|', " + ", ".join(f"IFNULL(`{c}`, '~')" for c in columns) + ")"
			count, total = seed_writer.rows(
				conn,
				f"SELECT COUNT(*), COALESCE(SUM(CRC32({row_text})), 0) FROM `{table}` WHERE `{column}` LIKE %s",
				(pattern.format(tag=f"S{seed}", seed=seed),),
			)[0]
			result[table] = (int(count), int(total))
	finally:
		conn.close()
	return result


def add_benchmark_data_arguments(parser: argparse.ArgumentParser) -> None:
	"""The data set the load and report benchmarks share (1M records, 100k customers, 50 units,
	seed 42, up to 2025-10-31): the same arguments give the same rows, so one seeding serves both."""
	default_site = (
		os.environ.get("HUIFANG_BENCH_SITE")
		or os.environ.get("HUIFANG_TEST_SITE")
		or "test_huifang.localhost"
	)
	parser.add_argument("--site", default=default_site)
	parser.add_argument("--records", type=int, default=1_000_000)
	parser.add_argument("--customers", type=int, default=100_000)
	parser.add_argument("--units", type=int, default=50)
	parser.add_argument("--months", type=int, default=24)
	parser.add_argument("--seed", type=int, default=42, help="the seed the data was generated with")
	parser.add_argument("--until", default="2025-10-31", help="last day of the seeded period")
	parser.add_argument("--no-seed", action="store_true", help="use the data already on the site")


def _print(*args) -> None:
	print(*args, flush=True)


def main(argv=None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--site", default=os.environ.get("HUIFANG_SITE", "huifang.localhost"))
	parser.add_argument("--records", type=int, default=10000)
	parser.add_argument("--customers", type=int, default=1000)
	parser.add_argument("--units", type=int, default=10)
	parser.add_argument("--months", type=int, default=24)
	parser.add_argument("--seed", type=int, default=42)
	parser.add_argument("--until", default=None, help="last day of the period (YYYY-MM-DD), default today")
	parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of the generated staff")
	parser.add_argument("--batch", type=int, default=BATCH, help="rows per transaction (multiple of 250)")
	parser.add_argument("--writers", type=int, default=WRITERS, help="connections committing in parallel")
	parser.add_argument("--purge", action="store_true", help="delete this seed's rows instead")
	args = parser.parse_args(argv)

	from patches.bench import connect

	started = time.monotonic()
	frappe = connect(args.site)
	if args.purge:
		print(json.dumps(purge(args.seed), ensure_ascii=False), flush=True)
		frappe.destroy()
		return
	counts = seed(
		n_customers=args.customers,
		n_records=args.records,
		n_units=args.units,
		months=args.months,
		seed=args.seed,
		until=args.until,
		password=args.password,
		quiet=False,
		batch=args.batch,
		writers=args.writers,
	)
	elapsed = time.monotonic() - started
	for label, n in counts.items():
		print(f"  {label:<18} {n:>10,}")
	load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
	print(
		f"done in {elapsed:.1f}s ({counts['Callback Record'] / max(elapsed, 1e-9):,.0f} records/s); "
		f"machine load average at the end (1/5/15 min): {load}",
		flush=True,
	)
	frappe.destroy()


if __name__ == "__main__":
	main()
