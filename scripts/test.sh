#!/usr/bin/env bash
# Runs every test: unit tests, fixture-site tests, and the tests that check
# the built site with outside tools (W3C Nu HTML checker, headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
cargo test --locked -- --include-ignored
