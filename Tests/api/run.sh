#!/usr/bin/env bash
# Client-generator and fuzzing check run by `make test`, against a live `vanban serve` on 127.0.0.1:
#  1. openapi-python-client generates a Python client from the served /openapi.json, and
#     Tests/api/use_client.py calls render, renderWithSlots, validate, preview, batch, batchMerged,
#     forms and version through it, checking the answers (no hand edits to the client);
#  2. schemathesis runs against the same server (bounded examples, fixed seed, at most a few minutes):
#     no 5xx, and no status, content type, header or body that contradicts the document.
# Both tools come from PyPI into .build/venv-api (made here when missing).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VANBAN_BIN:-$repo/.build/debug/vanban}
venv=$repo/.build/venv-api
if [ ! -x "$venv/bin/st" ] || [ ! -x "$venv/bin/openapi-python-client" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "openapi-python-client>=0.29,<0.30" "schemathesis>=4.3,<5"
fi
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The server runs from a copy of the resources without Schemas/: the contract it serves is built in.
mkdir -p "$work/res"
cp -r "$repo/Fonts" "$repo/Layouts" "$work/res/"
"$bin" serve --host 127.0.0.1 --port 0 --resources "$work/res" --timeout 20 --register "$work/register.sqlite" >"$work/serve.out" 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$work/serve.out" | head -1)
[ -n "$base" ] || { echo "api: the server did not start"; cat "$work/serve.log"; exit 1; }
curl -fsS "$base/openapi.json" -o "$work/openapi.json"

# 1. The generated client, used as an integrator would.
(cd "$work" && "$venv/bin/openapi-python-client" generate --path openapi.json --output-path client --meta none --config "$repo/Tests/api/openapi-python-client.yaml" >"$work/generate.log" 2>&1) \
    || { cat "$work/generate.log"; exit 1; }
if grep -qi "warning\|could not\|unable\|skipp" "$work/generate.log"; then
    echo "api: openapi-python-client warned:"; cat "$work/generate.log"; exit 1
fi
PYTHONPATH="$work" "$venv/bin/python" "$repo/Tests/api/use_client.py" "$base" "$repo/Samples"

# 2. schemathesis: every documented operation, bounded and repeatable; `issue` takes a signed PDF body
#    (application/pdf), which schemathesis cannot generate: Tests/interop/issue-workflow.sh covers it.
(cd "$work" && "$venv/bin/st" run "$base/openapi.json" --url "$base" --checks all \
    --exclude-checks ignored_auth,positive_data_acceptance,use_after_free,ensure_resource_availability \
    --exclude-operation-id issue \
    --max-examples "${VANBAN_ST_EXAMPLES:-25}" --seed 20250113 --max-time 90 \
    --workers 1 --suppress-health-check all --warnings off --no-color) >"$work/st.log" 2>&1 \
    || { cat "$work/st.log"; echo "api: schemathesis found problems (above)"; exit 1; }
tail -5 "$work/st.log"
echo "api: generated Python client integrated; schemathesis found nothing"
