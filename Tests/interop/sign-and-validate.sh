#!/usr/bin/env bash
# Signs the two empty signature fields of a prepared PDF with pyHanko and validates the result.
#
# Why: VanBanSign's unit tests check the incremental update byte by byte, but only a real
# signer proves that the fields it adds are signable and that signing them keeps the earlier
# signature INTACT (pyHanko's difference analysis must judge the second revision acceptable form
# filling). qpdf --check then confirms the twice-signed file is still structurally sound.
#
# Usage: Tests/interop/sign-and-validate.sh PDF FIELD1 FIELD2
#   PDF     a PDF prepared by SigningPreparation.appendUpdate with (at least) the two fields
#   FIELD1  name of the first field to sign (e.g. SignerSignature)
#   FIELD2  name of the second field to sign (e.g. AgencySeal)
# Environment:
#   VANBAN_VENV        virtualenv for pyHanko (default: <repo>/.build/venv); created once, then reused
#   VANBAN_KEEP_OUTPUT directory to copy the signed files into (optional; default: discard them)
# Needs python3 (with venv), openssl and qpdf (Debian: python3-venv openssl qpdf).
set -euo pipefail

fail() { echo "sign-and-validate: FAIL: $*" >&2; exit 1; }

[ $# -eq 3 ] || { echo "usage: $0 PDF FIELD1 FIELD2" >&2; exit 2; }
input=$1 field1=$2 field2=$3
[ -f "$input" ] || fail "no such file: $input"
[ "$field1" != "$field2" ] || fail "FIELD1 and FIELD2 must differ"
for tool in python3 openssl qpdf; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed (apt-get install -y python3-venv openssl qpdf)"
done

repo=$(cd "$(dirname "$0")/../.." && pwd)
venv=${VANBAN_VENV:-$repo/.build/venv}
# Pinned: the CLI flags and output format parsed below are those of these versions.
pyhanko_packages=(pyHanko==0.38.0 pyhanko-cli==0.6.0 pyhanko-certvalidator==0.33.0)
if [ ! -x "$venv/bin/pyhanko" ]; then
    echo "sign-and-validate: creating virtualenv $venv with ${pyhanko_packages[*]}"
    python3 -m venv "$venv" || fail "cannot create a virtualenv at $venv (apt-get install -y python3-venv)"
    "$venv/bin/pip" install --quiet "${pyhanko_packages[@]}" || fail "pip install of pyHanko failed"
fi
pyhanko=$venv/bin/pyhanko
"$pyhanko" --version >/dev/null 2>&1 || fail "$pyhanko does not run; delete $venv and retry"

work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-sign.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$input" "$work/in.pdf"
cd "$work"

echo "sign-and-validate: qpdf --check on the prepared input"
qpdf --check in.pdf > qpdf-in.txt 2>&1 || { cat qpdf-in.txt >&2; fail "qpdf --check reports problems in $input"; }

# A throwaway CA and signer (RSA 2048); the signer may only sign (digitalSignature, nonRepudiation).
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 7 -subj "/CN=VanBan Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    > openssl.log 2>&1 || { cat openssl.log >&2; fail "openssl could not create the test CA"; }
openssl req -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr -subj "/CN=VanBan Test Signer" \
    >> openssl.log 2>&1 || { cat openssl.log >&2; fail "openssl could not create the signer key"; }
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,nonRepudiation" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" > signer.ext
openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 7 -out signer.pem \
    -extfile signer.ext >> openssl.log 2>&1 || { cat openssl.log >&2; fail "openssl could not issue the signer certificate"; }

# --existing-only: sign the fields the update created; never let pyHanko invent one.
sign() {
    "$pyhanko" sign addsig --field "$1" --existing-only pemder --key signer.key --cert signer.pem --no-pass "$2" "$3" \
        > "sign-$1.log" 2>&1 || { cat "sign-$1.log" >&2; fail "pyHanko could not sign field '$1'"; }
    echo "sign-and-validate: signed field '$1' -> $3"
}
sign "$field1" in.pdf s1.pdf
sign "$field2" s1.pdf s2.pdf

validate=("$pyhanko" sign validate --trust ca.pem --trust-replace --no-revocation-check)
"${validate[@]}" s2.pdf > summary.txt 2> validate.log || { cat summary.txt validate.log >&2; fail "pyHanko validate failed"; }
"${validate[@]}" --pretty-print s2.pdf > pretty.txt 2>> validate.log || { cat pretty.txt validate.log >&2; fail "pyHanko validate --pretty-print failed"; }

# Summary lines read NAME:SHA256:INTACT:TRUSTED,<modification level>; the pretty report has one
# "Bottom line" per signature. Both signatures must be intact, trusted and judged VALID.
for field in "$field1" "$field2"; do
    line=$(grep -E "^${field}:" summary.txt || true)
    [ -n "$line" ] || { cat summary.txt >&2; fail "no signature found in field '$field'"; }
    echo "sign-and-validate: $line"
    [[ $line =~ :INTACT:TRUSTED,(UNTOUCHED|EXTENDED_WITH_FORM_FILLING,ACCEPTABLE_MODIFICATIONS|ACCEPTABLE_MODIFICATIONS)$ ]] \
        || fail "field '$field' is not INTACT, TRUSTED and acceptably modified: $line"
done
valid=$(grep -c "The signature is judged VALID" pretty.txt || true)
[ "$valid" -eq 2 ] && ! grep -q "judged INVALID" pretty.txt \
    || { cat pretty.txt >&2; fail "pyHanko did not judge both signatures VALID"; }
echo "sign-and-validate: pyHanko --pretty-print: $valid of 2 signatures judged VALID"

qpdf --check s2.pdf > qpdf-out.txt 2>&1 || { cat qpdf-out.txt >&2; fail "qpdf --check reports problems in the signed file"; }
grep -q "No syntax or stream encoding errors found" qpdf-out.txt || { cat qpdf-out.txt >&2; fail "qpdf --check is not clean"; }
echo "sign-and-validate: qpdf --check on the signed file: No syntax or stream encoding errors found"

if [ -n "${VANBAN_KEEP_OUTPUT:-}" ]; then
    mkdir -p "$VANBAN_KEEP_OUTPUT"
    cp s1.pdf s2.pdf ca.pem "$VANBAN_KEEP_OUTPUT/"
fi
echo "sign-and-validate: OK ($input: '$field1' and '$field2' signed and validated)"
