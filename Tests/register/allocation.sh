#!/usr/bin/env bash
# Allocation under concurrency and year rollover, on the register given (an SQLite file or a
# postgres:// URL): 8 processes each take 50 numbers at once with `vanban register reserve`; the
# register must then hold exactly 01…400, each once, and the next year must start again at 01.
#
# Usage: Tests/register/allocation.sh REGISTER [LABEL]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VANBAN_BIN:-$repo/.build/debug/vanban}
register=$1 label=${2:-$1}
fail() { echo "allocation ($label): FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

processes=8 each=50 total=$((8 * 50))
start=$(date +%s.%N)
pids=()
for p in $(seq 1 $processes); do
    "$bin" register reserve --register "$register" --symbol "SKHCN-VP" --date 2031-06-01 --count $each --subject "p$p" \
        > "$work/p$p.txt" 2> "$work/p$p.err" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || { cat "$work"/*.err >&2; fail "a reserving process failed"; }; done
end=$(date +%s.%N)
cat "$work"/p*.txt | sort > "$work/all.txt"
[ "$(wc -l < "$work/all.txt")" -eq $total ] || fail "expected $total numbers, got $(wc -l < "$work/all.txt")"
[ "$(sort -u "$work/all.txt" | wc -l)" -eq $total ] || fail "a number was handed out twice: $(uniq -d "$work/all.txt" | head -3 | tr '\n' ' ')"
seq -f "%02g/SKHCN-VP" 1 $total | sort > "$work/expected.txt"
diff -q "$work/all.txt" "$work/expected.txt" >/dev/null || fail "the numbers are not exactly 01…$total: $(diff "$work/all.txt" "$work/expected.txt" | head -4 | tr '\n' ' ')"
# The register agrees: 400 reserved entries of 2031 in series SKHCN.
listed=$("$bin" register list --register "$register" --year 2031 | awk -F'\t' '$3 == "reserved" && $4 == "SKHCN"' | wc -l)
[ "$listed" -eq $total ] || fail "register list shows $listed reserved entries of 2031, expected $total"
rate=$(awk -v n=$total -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "allocation ($label): $processes processes x $each -> 01…$total, each once ($rate allocations/s including process start-up)"

# Year rollover: the last day of one year, then the first of the next starts again at 01.
last=$("$bin" register reserve --register "$register" --symbol "SKHCN-VP" --date 2031-12-31)
first=$("$bin" register reserve --register "$register" --symbol "SKHCN-VP" --date 2032-01-01)
[ "$last" = "401/SKHCN-VP" ] || fail "31 December took $last, expected 401/SKHCN-VP"
[ "$first" = "01/SKHCN-VP" ] || fail "1 January took $first, expected 01/SKHCN-VP"
# Another agency has its own series; numbers 1–9 are zero-padded (R20), 10 and up are not.
other=$("$bin" register reserve --register "$register" --symbol "STTTT-CNTT" --date 2031-06-01 --count 10 | tr '\n' ' ')
[ "$other" = "01/STTTT-CNTT 02/STTTT-CNTT 03/STTTT-CNTT 04/STTTT-CNTT 05/STTTT-CNTT 06/STTTT-CNTT 07/STTTT-CNTT 08/STTTT-CNTT 09/STTTT-CNTT 10/STTTT-CNTT " ] \
    || fail "a second agency's series: $other"
echo "allocation ($label): year rollover 401 -> 01; a second agency numbered from 01, zero-padded below 10"
