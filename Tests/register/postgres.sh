#!/usr/bin/env bash
# The register on PostgreSQL: installs the server from Debian's packages when missing, starts a
# throwaway cluster on 127.0.0.1 (as an unprivileged user: initdb refuses root), runs the
# allocation test (8 processes x 50, rollover) and one issue through it, then stops and removes it.
# Skips, saying why, only when no server can be started here.
#
# Usage: Tests/register/postgres.sh [SIGNED.pdf]   (a leader-signed VanBan PDF to issue once)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VANBAN_BIN:-$repo/.build/debug/vanban}
skip() { echo "postgres: SKIPPED: $*"; exit 0; }
fail() { echo "postgres: FAIL: $*" >&2; exit 1; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
pgbin=$(find_bin)
if [ -z "$pgbin" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    echo "postgres: installing postgresql from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends postgresql; } >/dev/null 2>&1 \
        || skip "postgresql is not installed and apt-get install postgresql failed (no root/sudo or no network)"
    pgbin=$(find_bin)
    [ -n "$pgbin" ] || skip "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-pg.XXXXXX")
as=()
if [ "$(id -u)" -eq 0 ]; then
    # initdb and postgres refuse to run as root: run them as 'nobody', in a folder it owns.
    chown nobody "$work" 2>/dev/null || skip "cannot hand $work to the user nobody"
    as=(runuser -u nobody --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
    "${as[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
"${as[@]}" "$pgbin/initdb" -D "$work/data" -U vanban -A trust -E UTF8 --no-locale > "$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; skip "initdb could not create a cluster"; }
"${as[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $port -k $work -c fsync=off -c max_connections=50" start > /dev/null 2>&1 \
    || { cat "$work/server.log" >&2; skip "the server did not start on 127.0.0.1:$port"; }
url="postgres://vanban@127.0.0.1:$port/postgres"
echo "postgres: throwaway cluster ($("$pgbin/postgres" --version)) on 127.0.0.1:$port"

bash "$repo/Tests/register/allocation.sh" "$url" postgresql

if [ $# -ge 1 ]; then
    # The same issue path through PostgreSQL: first number of the year, recorded with its hash.
    out="$work/issued.pdf"
    VANBAN_REGISTER_URL=$url "$bin" issue "$1" -o "$out" > "$work/issue.txt" || fail "vanban issue on PostgreSQL failed"
    grep -q "issued Số: 01/SKHCN-VP" "$work/issue.txt" || { cat "$work/issue.txt" >&2; fail "the first issue of the year is not 01"; }
    hash=$(sha256sum "$out" | cut -d' ' -f1)
    VANBAN_REGISTER_URL=$url "$bin" register show 1 --year "$(TZ=Asia/Ho_Chi_Minh date +%Y)" | grep -q "SHA-256: $hash" \
        || fail "the register does not record the issued file's SHA-256"
    echo "postgres: vanban issue with VANBAN_REGISTER_URL took 01/SKHCN-VP and recorded the file's SHA-256"
fi
echo "postgres: OK"
