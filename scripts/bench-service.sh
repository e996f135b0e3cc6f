#!/usr/bin/env bash
# `make bench-service`: seed 000 rendered over HTTP at concurrency 8 for a bounded time against a
# local release server; prints throughput, p50/p99 latency, errors and the server's peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/vanban
DURATION=${DURATION:-15}
LOG=$(mktemp)
"$BIN" serve --host 127.0.0.1 --port 0 > "$LOG" 2>/dev/null &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 100); do grep -q listening "$LOG" && break; sleep 0.1; done
PORT=$(grep -o '127.0.0.1:[0-9]*' "$LOG" | cut -d: -f2)
python3 - "$PORT" "$DURATION" "$PID" Samples/seed-000-cung-cap-so-lieu.json <<'PY'
import http.client, sys, threading, time
port, duration, pid, sample = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
body = open(sample, 'rb').read()
latencies, errors, lock = [], [0], threading.Lock()
rss = [0]
def peak():
    for line in open(f'/proc/{pid}/status'):
        if line.startswith('VmHWM'): return int(line.split()[1])
    return 0
def worker(deadline):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    while time.monotonic() < deadline:
        t = time.monotonic()
        try:
            conn.request('POST', '/v1/render', body, {'Content-Type': 'application/json'})
            r = conn.getresponse(); data = r.read()
            ok = r.status == 200 and data.startswith(b'%PDF')
        except Exception:
            ok = False; conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
        with lock:
            if ok: latencies.append(time.monotonic() - t)
            else: errors[0] += 1
# Warm up (fonts, caches), then measure.
deadline = time.monotonic() + 1.0
ts = [threading.Thread(target=worker, args=(deadline,)) for _ in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
latencies.clear(); errors[0] = 0
start = time.monotonic(); deadline = start + duration
ts = [threading.Thread(target=worker, args=(deadline,)) for _ in range(8)]
[t.start() for t in ts]
samples = []
while any(t.is_alive() for t in ts):
    samples.append(peak()); time.sleep(0.5)
[t.join() for t in ts]
wall = time.monotonic() - start
l = sorted(latencies)
pct = lambda p: l[min(len(l) - 1, int(len(l) * p))] * 1000 if l else 0
print(f"renders: {len(l)} in {wall:.1f} s = {len(l)/wall:.1f}/s at concurrency 8; errors {errors[0]}")
print(f"latency p50 {pct(0.5):.1f} ms, p99 {pct(0.99):.1f} ms")
print(f"server peak RSS {max(samples) if samples else peak()} KB (first sample {samples[0] if samples else 0} KB, last {samples[-1] if samples else 0} KB)")
PY
