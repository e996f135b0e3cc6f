#!/usr/bin/env bash
# `make bench`: speed and memory of the release build on the seed 000 document (a công văn and its annex).
# Prints cold single-render wall time, batch throughput and per-document latency for 200 documents,
# and peak RSS for 200 and 5,000 documents and for CSV batches of 200 and 2,000 rows (flat memory means
# each pair stays close).
# Then, when ../shared/bench/floor/ is there (or FLOOR_DIR), the same documents against the hand-written
# pangocairo C floor: alternating runs (docs/s, CPU ms a document, peak RSS, ratios) and, with valgrind,
# instructions per document (scripts/bench-floor.sh; BENCH_N, BENCH_ROUNDS, BENCH_SKIP_SAMPLE=1).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/vanban
SAMPLE=Samples/seed-000-cung-cap-so-lieu.json
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

make_batch() {  # N → a batch of N copies of the sample with distinct ids and numbers
  python3 - "$1" "$SAMPLE" > "$WORK/batch-$1.json" <<'PY'
import json, sys
n, sample = int(sys.argv[1]), json.load(open(sys.argv[2]))
print(json.dumps({"defaults": sample, "documents": [{"id": f"doc-{i:05d}", "number": i % 999 + 1} for i in range(n)]}, ensure_ascii=False))
PY
}

if [ "${BENCH_SKIP_SAMPLE:-}" = 1 ]; then exec bash scripts/bench-floor.sh; fi

echo "== cold single render (process start, font loading, layout, PDF), 20 runs"
# Timed in Python: /usr/bin/time reports wall time in hundredths of a second.
python3 - "$BIN" "$SAMPLE" "$WORK/one.pdf" <<'PY'
import subprocess, sys, time
runs = []
for _ in range(20):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "render", sys.argv[2], "-o", sys.argv[3], "--quiet"], check=True)
    runs.append((time.perf_counter() - t) * 1000)
runs.sort()
print(f"cold render: median {runs[len(runs) // 2]:.1f} ms, best {runs[0]:.1f} ms, worst {runs[-1]:.1f} ms")
PY

for n in 200 5000; do
  make_batch "$n"
  echo "== batch of $n documents ($(nproc) cores)"
  /usr/bin/time -f "peak RSS %M KB, wall %e s, CPU %P" "$BIN" batch "$WORK/batch-$n.json" --out "$WORK/out-$n" --timings 2>"$WORK/time-$n.txt" | grep timings
  tail -1 "$WORK/time-$n.txt"
  rm -rf "$WORK/out-$n"
done

echo "== one document whose annex is a long table (memory should not grow with the rows)"
for rows in 500 5000; do
  python3 - "$rows" "$SAMPLE" > "$WORK/table-$rows.json" <<'PY'
import json, sys
n, p = int(sys.argv[1]), json.load(open(sys.argv[2]))
rows = [[str(i), f"Chỉ tiêu số {i} về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước", "%", str(i % 100), ""] for i in range(1, n + 1)]
p["annexes"] = [{"title": ["BẢNG DÀI"], "blocks": [{"table": {"widths": [10, 80, 15, 15, 20],
    "header": [["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]], "rows": rows}}]}]
print(json.dumps(p, ensure_ascii=False))
PY
  /usr/bin/time -f "$rows rows: peak RSS %M KB, wall %e s" "$BIN" render "$WORK/table-$rows.json" -o "$WORK/table.pdf"
  /usr/bin/time -f "$rows rows, validation alone (the parsed input): peak RSS %M KB" "$BIN" validate "$WORK/table-$rows.json" > /dev/null
done

echo "== a CSV batch (rows of a form, as Excel saves them): peak RSS for 200 and 2,000 rows (should stay close)"
for n in 200 2000; do
  python3 - "$n" Tests/Cases/figures/05-excel-vi-semicolon.csv > "$WORK/rows-$n.csv" <<'PY'
import sys
n, lines = int(sys.argv[1]), open(sys.argv[2], encoding="utf-8-sig").read().splitlines()
print(lines[0])
for i in range(n):
    cells = lines[1 + i % (len(lines) - 1)].split(";")
    cells[0], cells[3], cells[7] = f"dv-{i:05d}", f"ĐƠN VỊ SỐ {i}", str(1000 + i)
    print(";".join(cells))
PY
  /usr/bin/time -f "$n rows: peak RSS %M KB, wall %e s" -o "$WORK/csv-time" "$BIN" batch "$WORK/rows-$n.csv" \
    --form phieu-cung-cap-so-lieu-cpdt --defaults Tests/Cases/figures/04-excel-bom-crlf-defaults.json --number-format vi \
    --out "$WORK/csv-$n" > /dev/null 2>&1
  cat "$WORK/csv-time"
  rm -rf "$WORK/csv-$n"
done

bash scripts/bench-floor.sh
