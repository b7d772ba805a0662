# trustgraph — build, demo, tests and benchmarks.
#
#   make demo    install what is missing, build, and run the main job on samples/eu-cloud
#   make test    install what is missing and run every test (the report's in headless Chromium too)
#   make bench   package-benchmark suite (Benchmarks/, its own package)
#   make peers   side-by-side run against polars and igraph on the same generated files
#   make fuzz    each fuzz target (Fuzz/, libFuzzer + AddressSanitizer) for FUZZ_SECONDS
#   make sanitize  the tests under AddressSanitizer, the solver's under ThreadSanitizer

SHELL   := /bin/bash
SWIFT   ?= swift
DATE    ?= 2026-06-30
SAMPLE  ?= samples/eu-cloud
OUT     ?= out
BIN      = .build/debug/trustgraph
CHROMIUM     ?= /usr/lib/chromium/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
SUDO     = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup setup-browser build demo test bench peers fuzz sanitize clean

# Graphviz's C library (libgvc), zlib (import reads ZIP packages) and pkg-config, from the system's packages.
setup:
	@if ! pkg-config --exists libgvc zlib 2>/dev/null; then \
		echo "Installing libgraphviz-dev, zlib1g-dev and pkg-config…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libgraphviz-dev zlib1g-dev pkg-config >/dev/null; \
	fi

# For the report's browser test: Debian's Chromium and its driver, and Selenium to drive them.
setup-browser:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
		echo "Installing chromium and chromium-driver…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@if ! python3 -c 'import selenium' 2>/dev/null; then \
		echo "Installing selenium…"; \
		python3 -m pip install --break-system-packages --root-user-action=ignore -q selenium; \
	fi

build: setup
	$(SWIFT) build

demo: build
	@mkdir -p $(OUT)
	$(BIN) validate $(SAMPLE)
	$(BIN) render $(SAMPLE) --date $(DATE) -o $(OUT)/eu-cloud.svg
	$(BIN) solve $(SAMPLE) --date $(DATE) --top 12
	$(BIN) explain $(SAMPLE) shopfront-saas --date $(DATE)
	@echo
	@echo "Trust map written to $(OUT)/eu-cloud.svg"

# The Swift suites, the report opened in a real browser (headless Chromium), then every
# console example of the docs run and compared with what it shows.
test: setup setup-browser
	$(SWIFT) test
	python3 Tests/Browser/test_report.py --binary $(BIN) --chromium $(CHROMIUM) --chromedriver $(CHROMEDRIVER)
	@echo "Running the console examples of the README and docs/ and comparing what they print…"
	TRUSTGRAPH=$(BIN) python3 Tests/Docs/check_examples.py
	@echo "Building the example program and the benchmarks (their own packages), so API changes cannot break them unseen…"
	$(SWIFT) build --package-path Examples/NightlySweep
	$(SWIFT) build --package-path Benchmarks

# Benchmarks live in their own package; the peers need polars, igraph and networkx from PyPI.
bench: setup
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --target TrustGraphBenchmarks

peers: setup
	python3 -m pip install -q polars igraph networkx
	Benchmarks/peers/compare.sh

# libFuzzer without its main: each target keeps its Swift main and calls LLVMFuzzerRunDriver.
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 16384
FUZZ_TARGETS ?= suppliers dependencies scenarios policy import dot
FUZZ_RUNTIME  = $(firstword $(wildcard $(dir $(realpath $(shell command -v $(SWIFT))))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-$(shell uname -m).a))
FUZZ_FLAGS    = -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
                -Xlinker $(FUZZ_RUNTIME) -Xlinker -lstdc++

fuzz: setup
	@test -n "$(FUZZ_RUNTIME)" || { echo "libFuzzer's runtime (libclang_rt.fuzzer_no_main) is not in this Swift toolchain"; exit 1; }
	cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS) 2>&1 | grep -v 'Cannot export local symbol'; test $${PIPESTATUS[0]} -eq 0
	@mkdir -p Fuzz/findings
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p Fuzz/.corpus/$$t; \
		echo "== fuzz-$$t for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=0 Fuzz/.build/debug/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=Fuzz/findings/$$t- \
			Fuzz/.corpus/$$t Fuzz/seeds/$$t 2>&1 | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Test unit written)' ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# The whole suite under AddressSanitizer, then the solver and analysis suites under ThreadSanitizer.
# Reports inside Graphviz itself are suppressed (see Tests/Sanitizers); leak checking is off:
# the leaks found are process-lifetime caches of fontconfig, Graphviz and XCTest, and a
# leak report would turn every command's exit status into 1.
sanitize: setup
	ASAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/asan.supp:detect_leaks=0 \
		$(SWIFT) test --scratch-path .build/asan -Xswiftc -sanitize=address
	TSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/tsan.supp $(SWIFT) test --scratch-path .build/tsan -Xswiftc -sanitize=thread \
		--filter 'TrustSolverTests|SolverPropertyTests|AnalysisTests|ImpactShortcutTests|SupplyGraphTests|InternTableTests|InvariantTests|ScenarioTests|OutputTests|SnapshotDiffTests'

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build Fuzz/.corpus $(OUT)
