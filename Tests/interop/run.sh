#!/usr/bin/env bash
# Interoperability check run by `make test`: render seed 000 with the real CLI, then sign its
# SignerSignature and AgencySeal fields, in order, with pyHanko and a throwaway CA, and require
# both signatures valid and the file qpdf-clean (Tests/interop/sign-and-validate.sh).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VANBAN_BIN:-$repo/.build/debug/vanban}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" render "$repo/Samples/seed-000-cung-cap-so-lieu.json" -o "$work/seed-000.pdf"
bash "$repo/Tests/interop/sign-and-validate.sh" "$work/seed-000.pdf" SignerSignature AgencySeal
# The separate-annex file carries its own agency field at the top right (R60).
"$bin" render "$repo/Samples/seed-000-cung-cap-so-lieu.json" -o "$work/cv.pdf" --annexes separate
qpdf --check "$work/cv-phu-luc-1.pdf" >/dev/null
echo "interop: seed 000 signed twice and validated; separate annex file clean"
