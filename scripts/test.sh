#!/usr/bin/env bash
# Runs every test: unit tests, fixture-site tests, the tests that check
# the built site with outside tools (W3C Nu HTML checker, headless Chromium),
# then the browser tests (playwright-core driving Debian's Chromium, axe-core).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
cargo test --locked -- --include-ignored
node --test tests/browser/
