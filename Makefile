# pco: the two quick-start commands are `make demo` and `make test`.
# Both install the Debian dependencies first (scripts/install-deps.sh; needs root or sudo).

BUILD       ?= build/release
ASAN_BUILD  ?= build/asan
FUZZ_BUILD  ?= build/fuzz
BENCH_BUILD ?= build/bench
JOBS        ?= $(shell nproc)
FUZZ_SECONDS ?= 15
SOURCES := $(shell git ls-files '*.cpp' '*.hpp' 2>/dev/null)

.PHONY: all deps build demo test test-asan test-browser test-reliability fuzz-smoke bench format format-check clean \
        install install-test deb docs-run check-deps

all: build

deps:
	./scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the embedded synthetic economy.
demo: build
	./$(BUILD)/pco demo --out out/demo

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Installs pco, pco-serve, libpco.a with its headers and CMake package, the Python module, man
# pages, completions and docs under PREFIX (docs/install.md); sudo for a system prefix.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# Installs into a temporary prefix and checks what a user gets there (scripts/install-test.sh).
install-test: build
	./scripts/install-test.sh $(BUILD)

# Runs every example of README.md and docs/*.md and compares its output with the page
# (scripts/docs-run.py; real-data examples against ../shared/data when present).
# `make docs-run DOCS_RUN_FLAGS=--update` rewrites the outputs that changed.
docs-run: build
	./scripts/docs-run.py --pco $(BUILD) $(DOCS_RUN_FLAGS)

# The direction of dependencies between src/ folders (src/dependencies.txt): fails on a new
# back-edge.
check-deps:
	./scripts/check-deps.py

# Debian packages pco, libpco-dev and python3-pco in $(BUILD)/packages (docs/install.md).
deb: build
	cd $(BUILD) && cpack -G DEB

# Debug build with AddressSanitizer and UndefinedBehaviorSanitizer running the same tests.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPCO_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Headless Chromium tests of the dashboard and the HTML report (playwright-core from npm).
# Screenshots of every dashboard view at 390 and 1280 px: build/browser-test/screenshots.
test-browser: build
	cd tests/browser && npm ci --no-audit --no-fund
	cd tests/browser && node browser_test.mjs ../../$(BUILD)/pco ../../build/browser-test

# Crash safety and load (docs/reliability.md): 50 random kill -9 trials of `pco run`, then
# 200 busy connections for 30 s beside 300 idle ones against `pco serve`.
KILL_TRIALS ?= 50
LOAD_SECONDS ?= 30
test-reliability: build
	./scripts/kill_test.sh $(BUILD)/pco $(KILL_TRIALS)
	./scripts/load_test.sh $(BUILD)/pco $(LOAD_SECONDS)

# Builds the libFuzzer targets with clang and runs each for FUZZ_SECONDS.
fuzz-smoke: deps
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPCO_BUILD_FUZZ=ON -DPCO_BUILD_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	./fuzz/run_all.sh $(FUZZ_BUILD)/fuzz $(FUZZ_SECONDS)

bench: deps
	cmake -S . -B $(BENCH_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DPCO_BUILD_BENCH=ON \
	  -DPCO_BUILD_TESTS=OFF
	cmake --build $(BENCH_BUILD) -j $(JOBS)

format:
	clang-format -i $(SOURCES)

format-check:
	clang-format --dry-run --Werror $(SOURCES)

# The browser tests, also writing the first screen of each dashboard view to docs/img.
.PHONY: docs-img
docs-img: build
	cd tests/browser && npm ci --no-audit --no-fund
	cd tests/browser && PCO_DOCS_IMG=../../docs/img node browser_test.mjs ../../$(BUILD)/pco ../../build/browser-test

clean:
	rm -rf build out
