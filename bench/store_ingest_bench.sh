#!/bin/sh
# Ingest throughput of the real command on one core: store_ingest_bench.sh BUILD_DIR [N]
# Generates N synthetic documents (store_corpus_gen), then times `dondoc ingest` into a new
# SQLite store pinned to CPU 0 (extraction, SHA-256, one transaction per document, FTS5 index).
# Prints documents per second of wall time and of CPU time (the machine may be shared).
set -eu
build=${1:?usage: store_ingest_bench.sh BUILD_DIR [N]}
n=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/store_corpus_gen" --out "$work/docs" --count "$n"
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$work/cpu" taskset -c 0 "$build/dondoc" ingest --db "$work/bench.db" "$work/docs" 2>"$work/log"
end=$(date +%s.%N)
tail -n 1 "$work/log"
awk -v n="$n" -v s="$start" -v e="$end" '{ cpu = $1 + $2; wall = e - s;
  printf "ingest %d documents: %.1f s wall (%.0f docs/s), %.1f s CPU (%.0f docs/s)\n", n, wall, n / wall, cpu, n / cpu }' "$work/cpu"
echo "store size: $(du -sh "$work/bench.db" | cut -f1)"
