# Two commands do all set-up on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
# Both create .venv, install chalkgrad with its extras, and make sure Graphviz's `dot` exists.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup dot browser test test-fast demo lint bench notebooks clean
.PHONY: torch wheelhouse course assignments answer-keys handouts node mathjax

setup: $(STAMP) dot

# Re-install only when the project's metadata changes, so the second run is fast.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "chalkgrad needs Python 3.10 or newer"'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Python's venv module is missing: run  sudo apt-get install -y python3-venv"; exit 1; fi; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,notebooks]'
	@touch $(STAMP)

# Graphviz's dot draws the pictures; install it with apt-get when we can, otherwise say how.
dot:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Graphviz (dot) with apt-get ..."; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends graphviz >/dev/null; \
	  else echo "Graphviz's dot is missing; pictures need it. Install it with:  sudo apt-get install -y graphviz"; fi; }

# The browser tests drive Debian's Chromium through chromedriver; install them like dot.
browser:
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium and chromedriver with apt-get ..."; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; \
	  else echo "Chromium or chromedriver is missing; the browser tests need them. Install them with:  sudo apt-get install -y chromium chromium-driver"; fi; }

# torch and the wheelhouse: `make test` runs the PyTorch reference tests and the install tests too.
test: setup browser torch wheelhouse course mathjax
	$(PY) -m pytest tests $(wildcard notebooks/*.ipynb) --nbmake -q

# The quick loop while working: everything but the tests marked slow (site build, assignment grading,
# JupyterLab runs, notebooks); `make test` (and CI) runs them all.
test-fast: setup dot
	$(PY) -m pytest tests -q -m "not slow"

# The PyTorch reference tests need torch. Only ever this exact release, the CPU build that pip finds
# among this machine's local wheels (an unpinned `pip install torch` would fetch gigabytes of CUDA
# libraries).
TORCH_STAMP := $(VENV)/.torch-stamp
torch: $(TORCH_STAMP)
$(TORCH_STAMP): $(STAMP)
	$(PY) -m pip install -q --only-binary torch torch==2.13.0
	@touch $@

# Wheels the install and coexistence tests install offline into fresh virtual environments: HIPS
# autograd (the other package named `autograd`) with numpy, chalkgrad's own dependencies, and the
# setuptools that builds chalkgrad. Fetched once from PyPI here, so the tests never download.
WHEELHOUSE := .wheelhouse
wheelhouse: $(WHEELHOUSE)/.stamp
$(WHEELHOUSE)/.stamp: pyproject.toml | $(STAMP)
	$(PY) -m pip download -q --only-binary=:all: -d $(WHEELHOUSE) autograd==1.9.1 'graphviz>=0.20' 'tqdm>=4.60' 'setuptools>=77'
	@touch $@

# The course kit: otter-grader for the graded assignments, nbconvert for the handouts.
COURSE_STAMP := $(VENV)/.course-stamp
course: $(COURSE_STAMP)
$(COURSE_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[course]'
	@touch $@

# Student copies (solutions stripped) and autograder bundles, one folder per assignment:
# build/assignments/NAME/student/ is what students get; NAME/autograder/*.zip grades with `otter run`.
ASSIGNMENTS_DIR ?= build/assignments
assignments: course
	@for master in notebooks/assignments/*.ipynb; do \
	  name=$$(basename $$master .ipynb); rm -rf $(ASSIGNMENTS_DIR)/$$name; \
	  echo "otter assign $$master -> $(ASSIGNMENTS_DIR)/$$name"; \
	  $(VENV)/bin/otter assign --no-run-tests --no-pdfs $$master $(ASSIGNMENTS_DIR)/$$name >/dev/null || exit 1; \
	done

# Answer keys for the lecturer: each assignment's expected answers for the seeds given (build/answer_keys/).
SEEDS ?= 0 1 2 3
answer-keys: setup
	$(PY) notebooks/tools/answer_keys.py --seeds $(SEEDS)

# node and npm bring MathJax for the handouts (npm packages are fetched at build time only).
node:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing node and npm with apt-get ..."; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	  else echo "npm is missing; the handouts need it. Install it with:  sudo apt-get install -y nodejs npm"; exit 1; fi; }

NPM_DIR := build/npm
MATHJAX_JS := $(NPM_DIR)/node_modules/mathjax/es5/tex-svg.js
mathjax: $(MATHJAX_JS)
$(MATHJAX_JS): | node
	npm install --silent --prefix $(NPM_DIR) --no-audit --no-fund mathjax@3.2.2

# Every notebook run top to bottom and exported as static HTML and PDF (build/handouts/).
HANDOUTS_DIR ?= build/handouts
handouts: course browser mathjax
	$(PY) notebooks/tools/handouts.py --out $(HANDOUTS_DIR)

demo: setup
	$(PY) -m nn.examples.han_kamber

lint: setup
	$(PY) -m ruff check .

bench: setup
	$(PY) bench/run.py $(if $(TORCH),--torch,)

notebooks: setup
	$(VENV)/bin/jupyter lab notebooks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
	rm -rf $(WHEELHOUSE) dist
