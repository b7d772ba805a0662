# trustgraph — build, demo, tests and benchmarks.
#
#   make demo    install what is missing, build, and run the main job on samples/eu-cloud
#   make test    install what is missing and run every test
#   make bench   package-benchmark suite (Benchmarks/, its own package)
#   make peers   side-by-side run against polars and igraph on the same generated files

SWIFT   ?= swift
DATE    ?= 2026-06-30
SAMPLE  ?= samples/eu-cloud
OUT     ?= out
BIN      = .build/debug/trustgraph
SUDO     = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup build demo test bench peers clean

# Graphviz's C library (libgvc) and pkg-config, from the system's packages.
setup:
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
		echo "Installing libgraphviz-dev and pkg-config…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libgraphviz-dev pkg-config >/dev/null; \
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

test: setup
	$(SWIFT) test

# Benchmarks live in their own package; the peers need polars, igraph and networkx from PyPI.
bench: setup
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --target TrustGraphBenchmarks

peers: setup
	python3 -m pip install -q polars igraph networkx
	Benchmarks/peers/compare.sh

clean:
	rm -rf .build Benchmarks/.build $(OUT)
