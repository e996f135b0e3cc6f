#!/usr/bin/env bash
# The issuing workflow end to end, run by `make test` (issue 12):
#   render seed 000 -> pyHanko signs SignerSignature -> vanban issue -> pyHanko signs AgencySeal
# then both signatures must be valid, the leader's reporting only form filling after it, the
# extracted text must show "Số: 01/SKHCN-VP" and the full date, every refusal must say why, a
# failed write must leave a voided number, and the register must export as CSV and as a PDF.
# Then allocation under concurrency on SQLite and the same on a throwaway PostgreSQL.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=${VANBAN_BIN:-$repo/.build/debug/vanban}
fail() { echo "issue-workflow: FAIL: $*" >&2; exit 1; }
venv=${VANBAN_VENV:-$repo/.build/venv}
if [ ! -x "$venv/bin/pyhanko" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet pyHanko==0.38.0 pyhanko-cli==0.6.0 pyhanko-certvalidator==0.33.0 \
        || fail "cannot install pyHanko into $venv"
fi
pyhanko=$venv/bin/pyhanko
work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-issue.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
reg=$work/register.sqlite
export VANBAN_REGISTER=$reg
unset VANBAN_REGISTER_URL

openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 7 -subj "/CN=VanBan Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" > openssl.log 2>&1
openssl req -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr -subj "/CN=VanBan Test Signer" >> openssl.log 2>&1
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,nonRepudiation" \
    "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" > signer.ext
openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 7 -out signer.pem -extfile signer.ext >> openssl.log 2>&1
sign() {
    "$pyhanko" sign addsig --field "$1" --existing-only pemder --key signer.key --cert signer.pem --no-pass "$2" "$3" \
        > "sign-$1.log" 2>&1 || { cat "sign-$1.log" >&2; fail "pyHanko could not sign '$1' of $2"; }
}
# refuse FILE EXPECTED-MESSAGE [ARGS…]: vanban issue must fail with exit 1 and that message.
refuse() {
    local file=$1 expected=$2; shift 2
    if "$bin" issue "$file" -o refused.pdf "$@" > refuse.out 2> refuse.err; then fail "issuing $file was not refused ($expected)"; fi
    grep -qF -- "$expected" refuse.err || { cat refuse.err >&2; fail "issuing $file: expected the message '$expected'"; }
    [ ! -e refused.pdf ] || fail "a refused issue wrote refused.pdf"
    echo "issue-workflow: refused $file: $(head -1 refuse.err)"
}

"$bin" render "$repo/Samples/seed-000-cung-cap-so-lieu.json" -o draft.pdf
pdftotext draft.pdf - | grep -q "^Số:" || fail "the draft's Số line is not in its text (field appearance)"
sign SignerSignature draft.pdf signed.pdf

# Dry run: shows the number, takes nothing.
"$bin" issue signed.pdf --dry-run > dry.txt
grep -q "would issue Số: 01/SKHCN-VP" dry.txt || { cat dry.txt >&2; fail "dry run"; }
"$bin" issue signed.pdf --dry-run | grep -q "01/SKHCN-VP" || fail "a dry run took a number"

today=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)
year=${today%%-*}
"$bin" issue signed.pdf -o issued.pdf --date "$today" > issue.txt
cat issue.txt
cmp -n "$(stat -c %s signed.pdf)" signed.pdf issued.pdf || fail "the issued file does not start with every signed byte"
sign AgencySeal issued.pdf sealed.pdf

validate=("$pyhanko" sign validate --trust ca.pem --trust-replace --no-revocation-check)
"${validate[@]}" sealed.pdf > summary.txt 2> validate.log || { cat summary.txt validate.log >&2; fail "pyHanko validate"; }
"${validate[@]}" --pretty-print sealed.pdf > pretty.txt 2>> validate.log || fail "pyHanko validate --pretty-print"
cat summary.txt
grep -Eq '^SignerSignature:.*:INTACT:TRUSTED,EXTENDED_WITH_FORM_FILLING,ACCEPTABLE_MODIFICATIONS$' summary.txt \
    || fail "the leader's signature is not intact and valid with form filling only after it"
grep -Eq '^AgencySeal:.*:INTACT:TRUSTED,UNTOUCHED$' summary.txt || fail "the seal is not intact and untouched"
[ "$(grep -c 'The signature is judged VALID' pretty.txt)" -eq 2 ] || { cat pretty.txt >&2; fail "not both judged VALID"; }
grep -q "All modifications relate to signing and form filling operations" pretty.txt || fail "pyHanko reports more than form filling"
qpdf --check sealed.pdf > qpdf.txt 2>&1 || { cat qpdf.txt >&2; fail "qpdf --check on the sealed file"; }

# The page reads as if typeset: the number and the full date, once each.
pdftotext sealed.pdf text.txt
y=$((10#${today:0:4})) m=$((10#${today:5:2})) d=$((10#${today:8:2}))
dd=$(printf %02d "$d"); mm=$m; [ "$m" -le 2 ] && mm=$(printf %02d "$m")
grep -qx "Số: 01/SKHCN-VP" text.txt || { head -12 text.txt >&2; fail "extracted text lacks 'Số: 01/SKHCN-VP'"; }
grep -qx "Đồng Tháp, ngày $dd tháng $mm năm $y" text.txt || { head -12 text.txt >&2; fail "extracted text lacks 'Đồng Tháp, ngày $dd tháng $mm năm $y'"; }
[ "$(grep -c '^Số:' text.txt)" -eq 1 ] || fail "the Số line appears more than once in the text (the draft's blank line still drawn?)"
echo "issue-workflow: both signatures valid (leader: form filling only); text shows 'Số: 01/SKHCN-VP' and 'Đồng Tháp, ngày $dd tháng $mm năm $y'"

# Refusals, each with its reason.
refuse signed.pdf "already issued: this signed file was registered as 01/SKHCN-VP"
refuse issued.pdf "already issued: DocumentNumber is filled (Số: 01/SKHCN-VP"
refuse sealed.pdf "already issued: DocumentNumber is filled"
refuse draft.pdf "not signed: the leader's SignerSignature field is empty"
cp signed.pdf changed.pdf && printf '%% edited after signing\n' >> changed.pdf
refuse changed.pdf "changed after signing: the leader's signature covers bytes up to $(stat -c %s signed.pdf)"
qpdf --empty foreign.pdf
refuse foreign.pdf "not made by VanBan: the PDF's Info /Creator is missing"
printf 'hello' > notpdf.pdf
refuse notpdf.pdf "not a PDF VanBan can issue: not a PDF"
"$bin" render "$repo/Samples/seed-000-cung-cap-so-lieu.json" --no-fields -o nofields.pdf
refuse nofields.pdf "not an issuable VanBan PDF: it has no DocumentNumber and IssueDate fields"
# The draft signed again (a new signed file): sealed before issuing; issued with a date before its signing.
sign SignerSignature draft.pdf signed2.pdf
sign AgencySeal signed2.pdf sealed-first.pdf
refuse sealed-first.pdf "the agency seal (AgencySeal) is already signed"
refuse signed2.pdf "the issue date 2020-01-01 is before the leader signed ($today)" --date 2020-01-01
refuse signed2.pdf 'invalid date "2026-02-30"' --date 2026-02-30

# A failure after allocation: the number is voided, never reused.
if "$bin" issue signed2.pdf -o "$work/missing/out.pdf" 2> void.err; then fail "writing into a missing folder succeeded"; fi
"$bin" register list --year "$year" | grep -P "^02/\S+\t$today\tvoided\t" > /dev/null || { "$bin" register list >&2; fail "number 02 is not recorded as voided"; }
"$bin" issue signed2.pdf -o issued2.pdf > issue2.txt
grep -q "issued Số: 03/" issue2.txt || { cat issue2.txt >&2; fail "the number after a voided one is not 03"; }
echo "issue-workflow: a failed write voided 02; the next issue took 03"
"$bin" register show 3 --year "$year" | grep -q "SHA-256: $(sha256sum issued2.pdf | cut -d' ' -f1)" || fail "register show 3: SHA-256 of the issued file"

# Export: CSV and the register book as a landscape PDF typeset by VanBan.
"$bin" register export --year "$year" --format csv -o book.csv
[ "$(grep -c "^$year," book.csv)" -eq 3 ] || { cat book.csv >&2; fail "the CSV export does not hold the 3 entries"; }
grep -q '01/SKHCN-VP' book.csv && grep -q ',voided,' book.csv || fail "CSV export content"
"$bin" register export --year "$year" --format pdf -o book.pdf
pdfinfo book.pdf | grep -Eq "Page size: +841.89 x 595.27" || fail "the register book is not landscape A4"
pdftotext -layout book.pdf book.txt
grep -q "SỔ ĐĂNG KÝ VĂN BẢN ĐI" book.txt && grep -q "01/SKHCN-VP" book.txt && grep -q "Số hủy" book.txt \
    || { cat book.txt >&2; fail "register book text"; }
echo "issue-workflow: register exported as CSV and as a landscape PDF"

# The service: GET /v1/register and POST /v1/issue (refusal) on the same register.
"$bin" serve --port 0 > serve.log 2>&1 &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" serve.log && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' serve.log)
[ -n "$port" ] || { kill "$server"; cat serve.log >&2; fail "the service did not start"; }
curl -sf "http://127.0.0.1:$port/v1/register?year=$year" > register.json || { kill "$server"; fail "GET /v1/register"; }
code=$(curl -s -o problem.json -w '%{http_code}' -H 'Content-Type: application/pdf' --data-binary @issued.pdf "http://127.0.0.1:$port/v1/issue")
kill "$server"; wait "$server" 2>/dev/null || true
python3 -c "import json,sys; e=json.load(open('register.json'))['entries']; assert [x['number'] for x in e]==[1,2,3], e" \
    || fail "GET /v1/register entries"
[ "$code" = 409 ] && grep -q "already issued" problem.json || { cat problem.json >&2; fail "POST /v1/issue of an issued file: $code"; }
echo "issue-workflow: GET /v1/register lists 3 entries; POST /v1/issue refuses an issued file with 409"

bash "$repo/Tests/register/allocation.sh" "$work/concurrency.sqlite" sqlite
bash "$repo/Tests/register/postgres.sh" "$work/signed.pdf"
echo "issue-workflow: OK"
