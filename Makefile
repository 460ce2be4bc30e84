# After-sales service suite for Odoo 11 — the two commands are `make run` and `make test`.
# Every target is idempotent; the heavy lifting lives in scripts/ (bash, readable).
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help setup run test test-shifted test-addons test-browser lint bench load update stop clean-db clean

help:
	@echo "make run    - set everything up and serve the demo database on http://127.0.0.1:8069 (admin/admin)"
	@echo "make test   - set everything up, build a fresh test database, run lint and every test suite"
	@echo "make bench  - run the benchmarks in tests/benchmarks (not part of make test)"
	@echo "make test-shifted DATE=2027-01-01 - make test with the clock (Odoo and PostgreSQL) moved to DATE"
	@echo "make load   - two servers, concurrent clients, a killed worker and a PostgreSQL restart, integrity checks (not part of make test)"
	@echo "make update - upgrade the four addons in the demo database after pulling new code"
	@echo "make lint   - flake8 over addons/ and tests/"
	@echo "make stop   - stop the project-local PostgreSQL"

setup:
	@scripts/setup.sh

run: setup
	@scripts/run.sh

update: setup
	@scripts/run.sh --update

test: setup
	@scripts/test.sh

# The whole suite on another day (libfaketime; its own PostgreSQL cluster): not part of make test.
test-shifted: setup
	@test -n "$(DATE)" || { echo 'usage: make test-shifted DATE=YYYY-MM-DD'; exit 2; }
	@scripts/test_shifted.sh "$(DATE)"

lint: setup
	@scripts/lint.sh

bench: setup
	@scripts/bench.sh

load: setup
	@scripts/load.sh

stop:
	@scripts/pg.sh stop

clean-db:
	@scripts/pg.sh stop; rm -rf .run/pgdata

clean:
	@scripts/pg.sh stop; rm -rf .venv .venv-browser .run
