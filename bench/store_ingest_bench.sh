#!/bin/sh
# Ingest throughput of the real command: store_ingest_bench.sh BUILD_DIR [N] [--synthetic]
# N documents (default 2000) into a new SQLite store with `dondoc ingest` on every core:
# reading, SHA-256, extraction (restoration and OCR repair included), one transaction per
# document, the FTS5 index. By default the documents are the real training corpus
# (../shared/corpus/train) repeated: copy k of a file ends with k extra newlines, so that its
# bytes are new (a file stored already is skipped unread) and it is stored as a new version of
# the same document, as when a folder is ingested again after edits. --synthetic: N documents of
# store_corpus_gen instead, each a different document. Best of 3 runs, wall and CPU time.
set -eu
build=$(cd "${1:?usage: store_ingest_bench.sh BUILD_DIR [N] [--synthetic]}" && pwd)
n=${2:-2000}
mode=${3:-real}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/docs"
if [ "$mode" = "--synthetic" ]; then
  "$build/bench/store_corpus_gen" --out "$work/docs" --count "$n" > /dev/null
  what="synthetic documents"
else
  corpus="$root/../shared/corpus/train"
  ls "$corpus"/*.txt > "$work/distinct"
  python3 - "$work/distinct" "$work/docs" "$n" <<'PY'
import os, sys
files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
out, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    k, f = divmod(i, len(files))
    data = open(files[f], "rb").read() + b"\n" * k
    with open(os.path.join(out, f"{i:05d}-{os.path.basename(files[f])}"), "wb") as w:
        w.write(data)
PY
  what="real documents (training corpus, $(wc -l < "$work/distinct") files repeated)"
fi
: > "$work/times"
for r in 1 2 3; do
  rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$build/dondoc" ingest --db "$work/bench.db" "$work/docs" 2> "$work/log"
  cat "$work/t" >> "$work/times"
done
echo "ingest of $n $what: $(tail -n 2 "$work/log" | head -n 1)"
awk -v n="$n" '{ cpu = $2 + $3; if (NR == 1 || $1 < w) w = $1; if (NR == 1 || cpu < c) c = cpu }
  END { printf "%-36s %7.2f s wall %7.0f documents/s   %7.2f s CPU %7.0f documents/s of CPU\n", "ingest into SQLite, all cores", w, n / w, c, n / c }' "$work/times"
echo "store size: $(du -sh "$work/bench.db" | cut -f1)"
