# Two commands on a fresh machine with Python 3.11 and make: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails point at the address served (`make run PORT=8102`), unless SITE_URL is set.
SITE_URL ?= http://$(HOST):$(PORT)
export SITE_URL

.PHONY: run test install messages translations migrate seed lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(BIN)/python manage.py compilepo

# Extract every gettext string into locale/kk and locale/ru (needs GNU gettext; translators then fill
# the new msgstr in both catalogues, and tests/enbek/test_i18n.py fails until none is empty).
translations: install
	$(BIN)/python manage.py makemessages -l kk -l ru --no-location --no-obsolete \
		-i '.venv/*' -i 'var/*' -i 'bench/*' -i 'tests/*' -i 'node_modules/*'
	$(BIN)/python manage.py makemessages -d djangojs -l kk -l ru --no-location --no-obsolete \
		-i '.venv/*' -i 'var/*' -i 'bench/*' -i 'tests/*' -i 'node_modules/*' -i 'static/vendor/*' \
		-i 'var/static/*'

migrate: messages
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo --size small

run: seed
	$(BIN)/python manage.py demo_admin --url http://$(HOST):$(PORT)
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, SQLite otherwise.
test: messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: messages
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache
	find . -name '*.mo' -path '*/locale/*' -delete
