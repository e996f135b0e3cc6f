#!/usr/bin/env bash
# VanBan against the pangocairo C floor (../shared/bench/floor/: a công văn page and a 26-row annex,
# the same words in both), on this machine, in the same run:
#   1. N documents (distinct variants) rendered by the floor and by `vanban batch --jobs 1`, alternating,
#      BENCH_ROUNDS times each: docs/s, CPU ms a document, peak RSS, and VanBan / floor ratios (medians);
#   2. cold: one document, whole process, alternating: wall time;
#   3. with valgrind: instructions per warm document ((I21 - I1) / 20, one job; VanBan through the
#      synchronous `vanban-bench` driver) and for a whole one-document process;
#   4. batch memory: peak RSS of `vanban batch` for 200 and 2,000 distinct documents, and the time to
#      the first PDF of the 2,000.
set -euo pipefail
cd "$(dirname "$0")/.."
FLOOR_DIR=${FLOOR_DIR:-../shared/bench/floor}
N=${BENCH_N:-100}
ROUNDS=${BENCH_ROUNDS:-3}
if [ ! -f "$FLOOR_DIR/eng_pangocairo.c" ]; then
  echo "== floor: $FLOOR_DIR not found, comparison skipped"; exit 0
fi
# What the comparison needs, installed when missing: a C compiler for the floor, valgrind for the
# instruction counts, and Liberation Serif as a system font for the floor (VanBan draws only its own
# Fonts/; without it the floor falls back to DejaVu Serif and the two would not embed the same faces).
need=()
command -v gcc >/dev/null || need+=(gcc)
command -v valgrind >/dev/null || need+=(valgrind)
fc-list 2>/dev/null | grep -q "LiberationSerif-Regular" || need+=(fonts-liberation2)
if [ "${#need[@]}" -gt 0 ]; then
  echo "== installing for the floor comparison: ${need[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }
fi
swift build -c release --static-swift-stdlib --product vanban-bench >/dev/null 2>&1  # as `make build`
BIN=.build/release/vanban
BENCH=.build/release/vanban-bench
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p .build/floor
python3 "$FLOOR_DIR/content.py" c-header .build/floor/content.h
# shellcheck disable=SC2046
gcc -O2 -o .build/floor/floor "$FLOOR_DIR/eng_pangocairo.c" -I.build/floor $(pkg-config --cflags --libs pangocairo cairo-pdf)
FLOOR=.build/floor/floor
eqv() { python3 "$FLOOR_DIR/vanban_equivalent.py" "$@"; }
eqv batch "$N" "$W/b$N.json"; eqv batch 1 "$W/b1.json"; eqv batch 21 "$W/b21.json"

# time -f: wall user sys maxrss
run_floor() { rm -rf "$W/f"; mkdir -p "$W/f"; /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$FLOOR" "$1" "$W/f" 2>/dev/null; cat "$W/t"; }
run_vanban() { rm -rf "$W/v"; /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$BIN" batch "$1" --out "$W/v" --jobs 1 >/dev/null 2>&1; cat "$W/t"; }

echo "== $N documents, one thread each, alternating, $ROUNDS rounds ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
: > "$W/floor.txt"; : > "$W/vanban.txt"
for r in $(seq "$ROUNDS"); do
  run_floor "$N" >> "$W/floor.txt"
  run_vanban "$W/b$N.json" >> "$W/vanban.txt"
done
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report() {  # name file → prints the medians; writes "docs/s cpu_ms rss_kb" to $W/name.num
  local w c m
  w=$(cut -d' ' -f1 "$2" | med); c=$(awk '{print $2+$3}' "$2" | med); m=$(cut -d' ' -f4 "$2" | med)
  awk -v n="$N" -v name="$1" -v w="$w" -v c="$c" -v m="$m" -v out="$W/$1.num" 'BEGIN {
    printf "%-7s %7.1f docs/s   CPU %6.2f ms/doc   peak RSS %6.1f MiB\n", name, n/w, c*1000/n, m/1024;
    printf "%f %f %f\n", n/w, c*1000/n, m > out }'
}
report floor "$W/floor.txt"; report vanban "$W/vanban.txt"
read -r fd fc fm < "$W/floor.num"; read -r vd vc vm < "$W/vanban.num"
awk -v fd="$fd" -v fc="$fc" -v fm="$fm" -v vd="$vd" -v vc="$vc" -v vm="$vm" 'BEGIN {
  printf "ratio   VanBan/floor: docs/s %.2fx, CPU per document %.2fx, peak RSS %.2fx\n", vd/fd, vc/fc, vm/fm }'

echo "== cold: one document, whole process, alternating, 30 rounds (medians, ms resolution)"
eqv one "$W/one.json"
rm -rf "$W/f"; mkdir -p "$W/f"
# /usr/bin/time reports wall time in hundredths of a second: too coarse for 20-40 ms runs.
python3 - "$FLOOR" "$W/f" "$BIN" "$W/one.json" "$W/one.pdf" <<'PY'
import statistics, subprocess, sys, time
floor, fdir, vanban, payload, out = sys.argv[1:]
runs = {"floor": [floor, "1", fdir], "vanban": [vanban, "render", payload, "-o", out, "--quiet"]}
times = {k: [] for k in runs}
for _ in range(30):
    for k, cmd in runs.items():
        t = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[k].append((time.perf_counter() - t) * 1000)
f, v = statistics.median(times["floor"]), statistics.median(times["vanban"])
print(f"cold    floor {f:.1f} ms, VanBan {v:.1f} ms (medians): {v / f:.2f}x")
PY

if command -v valgrind >/dev/null; then
  echo "== instructions (valgrind --tool=callgrind, one job)"
  # valgrind 3.19 cannot read the Swift toolchain's debug info: count a copy without it.
  strip --strip-debug -o "$W/bench" "$BENCH"
  count() { valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$@" >/dev/null 2>"$W/vg.err" || true
            grep -o 'Collected : [0-9]*' "$W/vg.err" | awk '{print $3}'; }
  rm -rf "$W/f1" "$W/f21"; mkdir -p "$W/f1" "$W/f21"
  f1=$(count "$FLOOR" 1 "$W/f1"); f21=$(count "$FLOOR" 21 "$W/f21")
  v1=$(count "$W/bench" "$W/b1.json" "$W/v1" 1); v21=$(count "$W/bench" "$W/b21.json" "$W/v21" 1)
  strip --strip-debug -o "$W/vanban" "$BIN"
  rm -f "$W/one.pdf"
  vo=$(count "$W/vanban" render "$W/one.json" -o "$W/one.pdf" --resources "$PWD")
  [ -s "$W/one.pdf" ] || { echo "bench: vanban render under valgrind wrote no PDF: $(tail -3 "$W/vg.err")"; exit 1; }
  awk -v f1="$f1" -v f21="$f21" -v v1="$v1" -v v21="$v21" -v vo="$vo" 'BEGIN {
    fw=(f21-f1)/20; vw=(v21-v1)/20
    printf "warm    per document: floor %.1f M, VanBan %.1f M: %.2fx\n", fw/1e6, vw/1e6, vw/fw
    printf "process one document: floor %.1f M, vanban render %.1f M: %.2fx (the batch driver vanban-bench: %.1f M, %.2fx)\n", f1/1e6, vo/1e6, vo/f1, v1/1e6, v1/f1 }'
else
  echo "== valgrind not installed: instruction counts skipped"
fi

echo "== a 5,000-row annex: one document, whole process, alternating, 3 rounds"
# The floor built again with its 26 rows cycled to 5,000, as vanban_equivalent.py's `table 5000` does.
python3 - "$FLOOR_DIR" .build/floor/content-5000.h <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import content
make = content.make_doc
def cycled(i):
    d = make(i)
    d["rows"] = [d["rows"][k % len(d["rows"])] for k in range(5000)]
    return d
content.make_doc = cycled
content.dump_c_header(sys.argv[2])
PY
mkdir -p .build/floor/rows5000 && cp .build/floor/content-5000.h .build/floor/rows5000/content.h
# shellcheck disable=SC2046
gcc -O2 -o .build/floor/floor-5000 "$FLOOR_DIR/eng_pangocairo.c" -I.build/floor/rows5000 $(pkg-config --cflags --libs pangocairo cairo-pdf)
eqv table 5000 "$W/t5000.json"
: > "$W/tf.txt"; : > "$W/tv.txt"
for r in 1 2 3; do
  rm -rf "$W/f"; mkdir -p "$W/f"; /usr/bin/time -f "%e %M" -a -o "$W/tf.txt" .build/floor/floor-5000 1 "$W/f" >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -a -o "$W/tv.txt" "$BIN" render "$W/t5000.json" -o "$W/t.pdf" --quiet 2>/dev/null
done
tf=$(sort -n "$W/tf.txt" | sed -n 2p); tv=$(sort -n "$W/tv.txt" | sed -n 2p)
fpages=$(pdfinfo "$W"/f/*.pdf 2>/dev/null | awk '/^Pages:/ {print $2}'); vpages=$(pdfinfo "$W/t.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "$tf $tv" | awk -v fp="$fpages" -v vp="$vpages" '{ printf "5000 rows: floor %.2f s, %.1f MiB (%s pages); VanBan %.2f s, %.1f MiB (%s pages): time %.2fx\n", $1, $2/1024, fp, $3, $4/1024, vp, $3/$1 }'

echo "== batch memory and first PDF (vanban batch, all cores)"
for n in 200 2000; do
  eqv batch "$n" "$W/m$n.json"
  rm -rf "$W/m"
  start=$(date +%s.%N)
  "$BIN" batch "$W/m$n.json" --out "$W/m" >/dev/null 2>&1 &
  pid=$!
  first=""
  while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$first" ] && compgen -G "$W/m/*.pdf" >/dev/null; then first=$(date +%s.%N); fi
    sleep 0.02
  done
  wait "$pid"
  [ -z "$first" ] && first=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$W/rss" "$BIN" batch "$W/m$n.json" --out "$W/m2" >/dev/null 2>&1
  awk -v n="$n" -v r="$(cat "$W/rss")" -v s="$start" -v f="$first" 'BEGIN {
    printf "%5d documents: peak RSS %.1f MiB, first PDF after %.2f s\n", n, r/1024, f-s }'
  rm -rf "$W/m" "$W/m2"
done
