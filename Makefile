# Maillage developer commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails and the address printed by `make run` follow HOST and PORT.
export MAILLAGE_SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run serve test bench lint messages chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $@

# Runs a background worker beside the web server given as $(1); one Ctrl-C stops both.
define with_worker
	@$(MANAGE) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(1)
endef

## run: install, migrate when needed, load demo data once, serve on http://127.0.0.1:8000
## (SQLite) with a background worker (emails, reminders): one command, one Ctrl-C;
## demo_server does the first three in the server's process, so a warm start is quick
run: export MAILLAGE_DEBUG = 1
run: $(STAMP)
	$(call with_worker,$(MANAGE) demo_server $(HOST):$(PORT))

## serve: production mode, gunicorn and a background worker (set MAILLAGE_HTTPS=0 to try
## it without TLS); in production run them as services instead (docs/decisions/background-jobs.md)
serve: $(STAMP)
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(call with_worker,$(BIN)/gunicorn maillage.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -)

## test: install what the tests need and run the whole suite
test: $(DEV_STAMP) chromium
	$(BIN)/ruff check .
	MAILLAGE_DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --dist loadfile -q

## bench: latency and query counts at 1,000 and 100,000 requests, measured interleaved
## (databases seeded once, then reused); figures in docs/performance.md
bench: $(DEV_STAMP)
	$(BIN)/python -m maillage.benchmark

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## messages: refresh and compile the FR, NL and EN catalogues
messages: $(DEV_STAMP)
	MAILLAGE_DEBUG=1 $(MANAGE) makemessages --locale fr --locale nl --locale en --no-obsolete \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'static/*'
	MAILLAGE_DEBUG=1 $(MANAGE) compilemessages --ignore '.venv/*'

# Browser tests drive Debian's Chromium, PDF checks read text with poppler's pdftotext,
# the catalogue check runs GNU gettext's xgettext; install them when we are root and
# they are missing (else those tests report skipped).
chromium:
	@if { [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null \
		|| ! command -v xgettext >/dev/null; } \
		&& [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium, poppler-utils and gettext for the tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils gettext >/dev/null) \
		|| echo "chromium, poppler-utils or gettext could not be installed: their tests will report skipped"; \
	fi

clean:
	rm -rf $(VENV) var maillage.sqlite3* bench*.sqlite3*
