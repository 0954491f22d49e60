# Grannlabb: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
LANGS := sv en ar so fa ti
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: run test test-browser bench bench-http translations compile-translations migrate lint format clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,browser]'
	touch $@

## compile the gettext catalogues (.mo files are built, never committed)
compile-translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations -D messages --statistics 2>&1 | tail -n 6

## extract strings, update every catalogue, compile
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --no-location --sort-output -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d translations -D messages --no-fuzzy-matching --ignore-obsolete
	rm -f messages.pot
	$(MAKE) compile-translations

migrate: compile-translations
	$(FLASK) db upgrade

run: migrate
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port 5000

test: compile-translations
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

## only the browser tests, in Debian's Chromium (apt-get install chromium; skipped without it)
test-browser: compile-translations
	$(BIN)/pytest -n auto -m browser $(PYTEST_ARGS)

## time the list, idea page and vote on 100 000 residents / 1 000 000 votes (instance/bench.sqlite),
## then results and activities in a municipality of 30 areas and 5 years (bench-municipality.sqlite),
## then a budget round's count: 5 000 ballots over 60 costed ideas under both rules
bench: compile-translations
	$(BIN)/python -m app.bench $(BENCH_ARGS)
	$(BIN)/python -m app.bench_municipality $(MUNICIPALITY_ARGS)
	$(BIN)/python -m app.bench_rounds

## requests/s and p50/p95/p99 of the idea list and a vote over HTTP: gunicorn (2 and 4 workers)
## on PostgreSQL (BENCH_DATABASE_URL) with Redis, loopback only, bounded; needs redis-server
bench-http: compile-translations
	$(BIN)/python -m app.bench_http $(BENCH_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) instance/grannlabb.sqlite* translations/*/LC_MESSAGES/*.mo
