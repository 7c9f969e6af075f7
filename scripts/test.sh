#!/usr/bin/env bash
# Runs every test: unit tests, fixture-site tests, the tests that check
# the built site with outside tools (W3C Nu HTML checker, headless Chromium),
# the README's quick start as a new user runs it, then the browser tests (playwright-core driving Debian's Chromium, axe-core).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
cargo test --locked -- --include-ignored
bash scripts/quickstart.sh   # the README's "Getting started", installed with cargo install
node --test tests/browser/
