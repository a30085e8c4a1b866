# vouch — build, audit this machine, test, benchmark.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# Trivy (linked by the container scanner) needs the encoding/json v2 experiment;
# everything is built and tested with it so there is one configuration.
export GOEXPERIMENT := jsonv2
export GOFLAGS      := -buildvcs=false

BIN := bin/vouch

.PHONY: all build audit test test-unit deps cross bench lint fmt clean

all: build

build:
	@command -v $(GO) >/dev/null || { echo "make: Go 1.26 or newer is required (https://go.dev/dl/)"; exit 1; }
	$(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/vouch

# Audit this machine with the baseline profile. Exit code 2 means controls
# failed — that is the report doing its job, not make failing.
audit: build
	@./$(BIN) audit --profile baseline --format table; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 2 ]

# Every test: unit, Rego, golden, and integration tests against the real
# programs, which scripts/test-deps installs when missing (as root on Debian).
test: deps cross
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

# The binary builds for macOS too, to judge recorded trees, saved facts and
# endpoints away from the audited machine.
cross:
	GOOS=darwin $(GO) build -o /dev/null ./cmd/vouch

test-unit:
	$(GO) test -count=1 -short ./...

deps:
	@scripts/test-deps

# Side by side with the reference tools; prints ratios.
bench: build
	@scripts/bench

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); [ -z "$$out" ] || { echo "gofmt needed:"; echo "$$out"; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 -run 'TestRego|TestCatalog|TestProfiles' ./policies/

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
