#!/usr/bin/env bash
# Installs the outside tools the tests drive, where they are missing:
# feedparser and icalendar (PyPI) to read the feeds and calendars,
# Debian's Chromium and a Java runtime (apt), and the W3C Nu HTML checker
# (npm package vnu-jar), playwright-core (drives Debian's Chromium; it
# never downloads a browser) and axe-core, pinned in package-lock.json.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "error: the tests need: ${missing[*]}; install them (Debian: sudo apt-get install ${missing[*]})" >&2
    exit 2
  fi
fi
if ! python3 -c "import feedparser, icalendar" >/dev/null 2>&1; then
  echo "installing feedparser and icalendar (pip), the feed and calendar readers the tests use"
  python3 -m pip install --quiet --disable-pip-version-check "feedparser==6.0.*" "icalendar==7.*"
fi
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  echo "installing the Nu HTML checker, playwright-core and axe-core (npm)"
  npm ci --no-audit --no-fund --loglevel=error
fi
