# Two commands matter: `make demo` (set up + generate the sample reports) and `make test`.
# Both create .venv/ at the repository root and install what the machine lacks.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint bench clean system-fonts system-browser

setup: $(STAMP) system-fonts

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -c 'from kit.zygote import install_kernel_spec; install_kernel_spec()'  # kit-zygote, into .venv
	@touch $(STAMP)

# A Traditional Chinese font for the charts (Noto Sans CJK TC on Debian/Ubuntu).
system-fonts: $(STAMP)
	@$(PY) -m kit.fonts >/dev/null 2>&1 || scripts/system-deps.sh fonts
	@$(PY) -m kit.fonts

# Debian's Chromium, for the phone-width browser tests (Playwright drives it; no download).
system-browser:
	@test -x /usr/bin/chromium || scripts/system-deps.sh browser

demo: setup
	$(VENV)/bin/kit demo

# the fast suite (no kernel, browser or whole batch) with the package's coverage, then the slow one
test: setup system-browser
	$(PY) -m pytest -q -n 2 -m "not slow" --cov=kit --cov-report=term:skip-covered --cov-fail-under=89
	$(PY) -m pytest -q -m slow

lint: $(STAMP)
	$(VENV)/bin/ruff check kit tests benchmarks scripts

bench: setup
	$(PY) benchmarks/bench_batch.py

clean:
	rm -rf $(VENV) workbooks/*/
