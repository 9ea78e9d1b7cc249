#!/bin/sh
# The measurements of issue 13, through the dondoc binary, on the real training corpus:
#
#   bench/user_path.sh [BUILD_DIR] [N]        (default: build, 2000 documents)
#
#   1. dondoc extract --json over N documents: ../shared/corpus/train repeated, its OCR copies
#      included, on every core            [target >= 800 documents/s on this 2-core machine]
#   2. the same on one core (taskset, --jobs 1) over N documents that need no restoration
#                                         [target >= 1,000 documents/s per core]
#   3. OCR repair: dondoc restore --ocr over the corpus' OCR copies, one process a file (start-up
#      and model loading each time), and dondoc extract --json over them 20 times in one process
#                                         [target >= 1 MB/s]
#   4. dondoc ingest of N documents into a new SQLite store (bench/store_ingest_bench.sh)
#                                         [target >= 500 documents/s]
#
# Each is run 3 times; the best is kept. Wall time is what a user waits for; CPU time (user +
# system) is what the run cost, and stays meaningful when other work shares the machine (the
# load average is printed). build/bench/extract_bench measures the same path inside one process.
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-2000}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/../shared/corpus/train"
dondoc="$build/dondoc"
[ -x "$dondoc" ] || { echo "user_path.sh: no $dondoc (build first)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "user_path.sh: no corpus at $corpus" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)
echo "machine: $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The documents, in a fixed order; which of them the binary restores or repairs.
ls "$corpus"/*.txt > "$work/distinct"
"$dondoc" extract --json $(cat "$work/distinct") > "$work/first.jsonl"
python3 - "$work" <<'EOF'
import json, sys
work = sys.argv[1]
plain, restored = [], []
for line in open(f"{work}/first.jsonl", encoding="utf-8"):
    d = json.loads(line)
    t = d.get("text") or {}
    (restored if t.get("ocr") or t.get("diacritics") == "restored" else plain).append(d["file"])
open(f"{work}/plain", "w").write("\n".join(plain) + "\n")
open(f"{work}/restored", "w").write("\n".join(restored) + "\n")
EOF
repeat() {  # repeat LIST N > FILE: the list's lines cycled to N lines
  awk -v n="$2" '{ a[NR] = $0 } END { for (i = 0; i < n; ++i) print a[i % NR + 1] }' "$1"
}
repeat "$work/distinct" "$n" > "$work/all"
repeat "$work/plain" "$n" > "$work/all_plain"
echo "corpus: $(wc -l < "$work/distinct") documents, $(wc -l < "$work/restored") of them restored or repaired: $(tr '\n' ' ' < "$work/restored")"

# best RUNS LABEL COUNT CMD...: runs CMD, prints the best wall and CPU times and the rates.
best() {
  runs=$1 label=$2 count=$3
  shift 3
  : > "$work/times"
  i=0
  while [ $i -lt "$runs" ]; do
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/t" >> "$work/times"
    i=$((i + 1))
  done
  awk -v l="$label" -v n="$count" '{ cpu = $2 + $3; if (NR == 1 || $1 < w) w = $1; if (NR == 1 || cpu < c) c = cpu }
    END { printf "%-36s %7.2f s wall %7.0f documents/s   %7.2f s CPU %7.0f documents/s of CPU\n", l, w, n / w, c, n / c }' "$work/times"
}

echo
best 3 "extract --json, all cores" "$n" "$dondoc" extract --json $(cat "$work/all")
best 3 "extract --json, 1 core, no restore" "$n" taskset -c 0 "$dondoc" extract --json --jobs 1 $(cat "$work/all_plain")

# OCR repair: each OCR copy through `dondoc restore --ocr`, the model loaded each time.
bytes=$(cat $(cat "$work/restored") | wc -c)
: > "$work/times"
for k in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o "$work/t" sh -c 'for f in $(cat "$1"); do "$2" restore --ocr "$f" > /dev/null; done' \
    sh "$work/restored" "$dondoc"
  cat "$work/t" >> "$work/times"
done
awk -v b="$bytes" '{ cpu = $2 + $3; if (NR == 1 || $1 < w) w = $1; if (NR == 1 || cpu < c) c = cpu }
  END { printf "%-36s %7.2f s wall %7.2f MB/s          %7.2f s CPU %7.2f MB/s of CPU\n", "restore --ocr, the OCR copies", w, b / 1e6 / w, c, b / 1e6 / c }' "$work/times"

# The same OCR copies as `dondoc ingest` and `dondoc extract` meet them in a batch: repaired and
# extracted in one process (start-up and model loading once), 20 times over.
repeat "$work/restored" "$(( $(wc -l < "$work/restored") * 20 ))" > "$work/ocr20"
best 3 "extract --json, the OCR copies x20" "$(wc -l < "$work/ocr20")" taskset -c 0 "$dondoc" extract --json --jobs 1 $(cat "$work/ocr20")
awk -v b="$((bytes * 20))" '{ cpu = $2 + $3; if (NR == 1 || cpu < c) c = cpu } END { printf "%-36s %7.2f MB/s of CPU (repair and extraction)\n", "  OCR copies", b / 1e6 / c }' "$work/times"

"$root/bench/store_ingest_bench.sh" "$build" "$n"
