# huifang bench. The two commands: `make start` and `make test` (see README.md).
SHELL := /bin/bash
PY := env/bin/python
BENCH := $(PY) -m patches.bench
SITE ?= huifang.localhost
TEST_SITE ?= test_huifang.localhost
TEST_PORT ?= 8100
TEST_REDIS_DB ?= 1
export PYTHONUNBUFFERED := 1

.PHONY: start stop restart test test-app test-stack setup build migrate console backup restore reset bench lint

## start: services, site with demo data, web + worker + scheduler on 127.0.0.1; prints URL and login
start: setup build
	$(BENCH) --site $(SITE) start

## stop: stop everything `make start` or `make test` started
stop:
	@[ -x $(PY) ] && $(BENCH) stop || true

restart: stop start

## test: the whole suite on a fresh test site: the app's Frappe tests, then pytest tests/
test: setup build
	@$(BENCH) services
	@$(BENCH) --site $(TEST_SITE) new-site --force --test --port $(TEST_PORT) --redis-db $(TEST_REDIS_DB) | tr '\r' '\n' | grep -v '^Updating'; exit $${PIPESTATUS[0]}
	@rc=0; \
	$(PY) -m ruff check apps/huifang patches tests && $(PY) -m ruff format --check -q apps/huifang patches tests || rc=1; \
	$(BENCH) --site $(TEST_SITE) run-tests || rc=1; \
	HUIFANG_TEST_SITE=$(TEST_SITE) $(PY) -m pytest tests -p no:cacheprovider -q -rfE || rc=1; \
	exit $$rc

setup:
	@patches/bootstrap.sh

build: setup
	@patches/desk_assets/build.sh $(PY)

migrate: setup
	$(BENCH) --site $(SITE) migrate

console: setup
	$(BENCH) --site $(SITE) console

backup: setup
	$(BENCH) --site $(SITE) backup

restore: setup
	@[ -n "$(FILE)" ] || { echo "usage: make restore FILE=sites/$(SITE)/private/backups/<name>-database.sql.gz"; exit 2; }
	$(BENCH) --site $(SITE) restore "$(FILE)"

## reset: drop the site and create it again on the next `make start`
reset: stop
	rm -rf sites/$(SITE)

## bench: every benchmark under tests/bench (each prints its figures); BENCH=name runs one
bench: setup build
	@$(BENCH) services
	@for b in tests/bench/bench_$(or $(BENCH_ONLY),*).py; do echo "== $$b"; $(PY) $$b || exit 1; done

lint: setup
	$(PY) -m ruff check apps/huifang patches tests && $(PY) -m ruff format --check apps/huifang patches tests
