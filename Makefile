# VanBan: `make demo` renders every sample into out/, `make test` runs every test.
SWIFT ?= swift
BIN := .build/release/vanban
SAMPLES := $(wildcard Samples/*.json)

.PHONY: deps build demo test bench bench-service clean

deps:
	@bash scripts/install-deps.sh

# Release: the Swift runtime and Foundation linked in statically, so a process starts without loading
# and relocating a dozen Swift libraries (20 M instructions, a third of a cold start's linking).
RELEASE := -c release --static-swift-stdlib

build: deps
	$(SWIFT) build $(RELEASE) --product vanban

demo: build
	@mkdir -p out
	@set -e; for s in $(SAMPLES); do \
		name=$$(basename $$s .json); \
		case $$name in batch-*) continue;; esac; \
		$(BIN) render $$s -o out/$$name.pdf; \
		echo "out/$$name.pdf  $$(pdfinfo out/$$name.pdf 2>/dev/null | awk '/^Pages:/ {print $$2}') page(s)"; \
	done

# Debug build of the CLI first: the end-to-end tests run the real binary. Then the fuzz test (seeded
# mutations of the samples through the CLI, ~2 minutes), the payload schema against every sample, the
# signing interoperability check (pyHanko from PyPI, in .build/venv), and the API check: a generated
# Python client and schemathesis against a live server (.build/venv-api);
# then the issuing workflow (sign, issue, seal; refusals; register on SQLite and a throwaway PostgreSQL).
test: deps
	$(SWIFT) build --product vanban
	python3 Tests/fuzz/fuzz.py
	python3 Tests/schema/check_samples.py
	bash Tests/interop/run.sh
	bash Tests/api/run.sh
	bash Tests/interop/issue-workflow.sh
	$(SWIFT) test

bench: build
	@bash scripts/bench.sh

bench-service: build
	@bash scripts/bench-service.sh

clean:
	rm -rf .build out
