#!/usr/bin/env bash
# Installs the outside tools the tests drive, where they are missing:
# feedparser and icalendar (PyPI) to read the feeds and calendars,
# Debian's Chromium, a Java runtime, xmllint (apt; xmllint validates the
# sitemap against its XSD) and faketime (builds with the clock moved), and the W3C Nu HTML checker (npm package
# vnu-jar), playwright-core (drives Debian's Chromium; it never downloads a
# browser), axe-core and Knight Lab's TimelineJS (it loads /timeline.json),
# pinned in package-lock.json.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
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
if ! python3 -c "import feedparser, icalendar, pyoembed" >/dev/null 2>&1; then
  echo "installing feedparser, icalendar and pyoembed (pip), the feed, calendar and oEmbed consumers the tests use"
  python3 -m pip install --quiet --disable-pip-version-check "feedparser==6.0.*" "icalendar==7.*" "pyoembed==0.1.*"
fi
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] \
  || [ ! -f node_modules/@knight-lab/timelinejs/dist/js/timeline.js ] || [ ! -f node_modules/pym.js/dist/pym.v1.min.js ]; then
  echo "installing the Nu HTML checker, playwright-core, axe-core and TimelineJS (npm)"
  npm ci --no-audit --no-fund --loglevel=error
fi
