#!/usr/bin/env bash
# The README's "Getting started", run as written on this checkout: the
# command installed with `cargo install --locked --path .`, then every
# command of the README's block in a new folder (all but `annals serve`,
# which runs until stopped). The install is a debug one into the test
# build's target folder, so that it reuses what `cargo test` compiled
# instead of compiling the crate again.
set -euo pipefail
cd "$(dirname "$0")/.."
readme=$PWD/README.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}" \
  cargo install --quiet --locked --debug --path . --root "$work/cargo"
export PATH="$work/cargo/bin:$PATH"
# The second ```sh block under "## Getting started" (the first installs).
awk '/^## Getting started/ { g = 1 }
     g && /^```sh/ { n++; if (n == 2) { b = 1; next } }
     b && /^```/ { exit }
     b' "$readme" > "$work/steps"
grep -q '^annals init' "$work/steps" || { echo "README: no quick start block found" >&2; exit 1; }
grep -v '^annals serve' "$work/steps" | sed 's/ *#.*//' > "$work/steps.sh"
cd "$work"
bash -euo pipefail -x steps.sh
test -f my-timeline/public/index.html
test -f my-timeline/public/events/what-happened/index.html
echo "quick start: ok ($(grep -c . steps.sh) commands)"
