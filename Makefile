# MessageBox Lab. `make serve` runs the app, `make test` runs every check; both install what is missing.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.tools/node_modules/.bin:$(PATH)

.PHONY: serve test setup setup-test build e2e bench bench-ui bench-serve fmt lint clean help

## serve: install what is missing, then serve the app on http://127.0.0.1:8080 (no autoreload: its inline
##        script would break the page's Content-Security-Policy). It builds the `serve` profile of
##        Cargo.toml: the engine and dependencies optimised, the app's own crate lightly, so the page runs at
##        about release speed and a change in src/ rebuilds in seconds.
serve: setup
	trunk serve --offline --no-autoreload --cargo-profile serve

## test: install what is missing, then run every suite (ends with "N passed, M failed")
test: setup-test
	scripts/test.sh

## setup: install the build tools only (wasm target, trunk, wasm-bindgen-cli, wasm-opt)
setup:
	scripts/setup.sh serve

## setup-test: the build tools plus Chromium, ChromeDriver and the e2e packages
setup-test:
	scripts/setup.sh test

## build: a release build of the app into dist/
build: setup
	trunk build --release

## e2e: the Playwright tests alone, against a fresh release build
e2e: setup-test
	trunk build --release && scripts/test.sh --e2e-only

## bench: criterion benchmarks of the matcher and publish, then mbx bench at 100, 1,000 and 10,000, then
##        mbx bench-world at 500, 5,000 and 50,000 orders, one group and split
bench:
	cargo bench -p messagebox-engine --bench matcher --bench explain
	cargo build --release -p messagebox-engine --bin mbx
	for n in 100 1000 10000; do target/release/mbx bench --subscriptions $$n --messages 20000 --seed 1; done
	scripts/bench-world.sh 500 5000 50000

## bench-ui: scripted browser measurements of a fresh release build: first render, frame intervals with
##           500 tokens in flight, compressed wasm size, then Run to end of 500 and 5,000 orders against
##           mbx bench-burst (events/s, frames while computing, Cancel, renderer memory), then binding
##           files of about 60 MB imported and reloaded
bench-ui: setup-test
	trunk build --release
	scripts/bench-ui.sh

## bench-serve: the same browser measurements of what `make serve` serves (trunk serve, serve profile)
bench-serve: setup-test
	scripts/bench-ui.sh --serve

## fmt: format the code
fmt:
	cargo fmt --all

## lint: clippy with warnings as errors, native and wasm
lint: setup
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p messagebox-lab --target wasm32-unknown-unknown --all-targets -- -D warnings

## clean: remove build output (keeps the installed tools)
clean:
	cargo clean
	rm -rf dist e2e/test-results

## help: list the targets
help:
	@grep -E '^## ' Makefile | sed 's/^## //'
