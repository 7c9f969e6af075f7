#!/usr/bin/env bash
# Builds synthetic timelines of N events with annals and, side by side, two
# Hugo sites made by the same generator from the same records: "hugo", the
# minimal equivalent (a page per event and source, a date-sorted list of all
# events, tag pages) and "matched", the Hugo site that shows what annals
# shows (bench/hugo-matched/). Prints wall time, user+sys CPU, peak RSS and
# output size of each, with the annals/Hugo ratios from this run. Each build runs REPEAT times (default 3) and the median by wall
# time is reported: file-system time on shared machines varies a lot.
# Then, for each size, what `annals serve` does after one event edit
# (examples/incremental.rs).
# Usage: bench/run.sh [N ...]   (default: 1000 10000 100000)
# BENCH_DIR=/dev/shm bench/run.sh builds in that folder (e.g. a tmpfs, to
# measure the generators rather than a shared machine's disk); default:
# the system's temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
command -v hugo >/dev/null || { echo "needs hugo (Debian: apt-get install hugo)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (Debian: apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --bin annals --example gen_corpus --example incremental
work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/annals-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

repeat=${REPEAT:-3}
measure() { # label, output folder, command...; prints "wall cpu rss_mb", the median run by wall time
  local out="$work/time.txt"
  : > "$work/runs.txt"
  for _ in $(seq "$repeat"); do
    # Every run is a full build into an empty folder: annals would
    # otherwise also remove the previous output (it swaps the new one in
    # whole), while Hugo writes over it and leaves stale files.
    rm -rf "$2"
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$out" "${@:3}" >/dev/null 2>"$work/$1.log" || {
      echo "$1 failed:" >&2; tail -20 "$work/$1.log" >&2; exit 1; }
    cat "$out" >> "$work/runs.txt"
  done
  sort -n "$work/runs.txt" | awk -v m=$(( (repeat + 1) / 2 )) 'NR == m { printf "%.2f %.2f %.1f\n", $1, $2 + $3, $4 / 1024 }'
}

printf 'Built in %s (%s), %s cores, %s run(s) each, median by wall time.\n\n' "$work" \
  "$(df --output=fstype "$work" | tail -1 | tr -d ' ')" "$(nproc)" "$repeat"
ratio() { awk -v a="$1" -v h="$2" 'BEGIN { printf "%.2f", a / h }'; }
# HTML pages, files, MB of output (the bytes of its files, not the
# blocks) and the largest file in MB: what static hosts limit (GitHub
# Pages 1 GB a site, Cloudflare Pages 25 MiB a file and 20,000 files).
size() {
  printf '%s | %s' "$(find "$1" -name '*.html' | wc -l)" \
    "$(find "$1" -type f -printf '%s\n' | awk '{ s += $1; n++; if ($1 > m) m = $1 } END { printf "%d | %.0f | %.1f", n, s / 1e6, m / 1e6 }')"
}
printf '| events | site | HTML pages | files | MB written | largest file MB | wall s | cpu s | peak RSS MB | annals/this wall | annals/this RSS |\n'
printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  site="$work/$n"
  ./target/release/examples/gen_corpus "$n" "$site" 2>/dev/null
  cp -r bench/hugo-matched/. "$site/hugo-matched/"
  read -r aw ac am < <(measure "annals-$n" "$site/annals-out" ./target/release/annals build --root "$site/annals" --output "$site/annals-out")
  printf '| %s | annals | %s | %s | %s | %s | | |\n' "$n" "$(size "$site/annals-out")" "$aw" "$ac" "$am"
  for peer in hugo hugo-matched; do
    read -r hw hc hm < <(measure "$peer-$n" "$site/$peer-out" hugo --source "$site/$peer" --destination "$site/$peer-out" --quiet)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$peer" \
      "$(size "$site/$peer-out")" "$hw" "$hc" "$hm" "$(ratio "$aw" "$hw")" "$(ratio "$am" "$hm")"
    rm -rf "$site/$peer-out"
  done
  # What `annals serve` does after one event file changes (20 edits),
  # once the builds above are on disk: their write-back would otherwise
  # compete with the edits for the disk and the CPU.
  rm -rf "$site/annals-out"
  sync
  ./target/release/examples/incremental "$site/annals" 20 | sed "s/^/$n events: /" >> "$work/incremental.txt"
  rm -rf "$site"
done
printf '\nIncremental rebuilds (serve), from the changed file to the updated pages, and to every file:\n'
cat "$work/incremental.txt"
