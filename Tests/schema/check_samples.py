#!/usr/bin/env python3
"""Checks Schemas/payload.schema.json against the samples and a few hand-made payloads.

    python3 Tests/schema/check_samples.py                 # schema only (needs the `jsonschema` package)
    python3 Tests/schema/check_samples.py --decoder .build/debug/vanban
                                                         # also ask the decoder (`vanban validate -`) for
                                                         # every case and report where it disagrees

Every Samples/*.json except batch-* must be valid; every payload in INVALID must be rejected; every
payload in VALID must be accepted; and the field names the decoder allows (every `expectObject(allowed:)`
list, `topLevelFields` and `blockKinds` in Sources/VanBanModel) must match the schema's objects, so a
field added to the decoder without the schema is caught without building. Exits 1 on any failure. The Swift decoder is the truth: when a
sample fails here but `vanban validate` accepts it, the schema is wrong.
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys

import jsonschema

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCHEMA_PATH = os.path.join(ROOT, "Schemas", "payload.schema.json")


def load_json(path):
    """Parses like the decoder: duplicate keys and NaN/Infinity are errors (Python would accept them)."""
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:
            raise ValueError("duplicate field(s) " + ", ".join(dup))
        return dict(pairs)

    def no_constant(name):
        raise ValueError("not JSON: " + name)

    with open(path, encoding="utf-8-sig") as f:
        return json.load(f, object_pairs_hook=no_duplicates, parse_constant=no_constant)


BASE = {
    "kind": "cong_van",
    "issuer": {"parent": "UBND TỈNH ĐỒNG THÁP", "name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ"},
    "number": 12,
    "symbol": "SKHCN-VP",
    "place": "Đồng Tháp",
    "date": {"day": 5, "month": 6, "year": 2020},
    "subject": "cung cấp số liệu",
    "recipients": "Sở Thông tin và Truyền thông",
    "body": [{"text": "Nội dung."}],
    "signer": {"authority": "KT.", "head_title": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Huỳnh Văn Quản"},
}


def variant(*edits):
    """BASE with edits applied: (path, value) sets a value, (path, DELETE) removes the key."""
    p = copy.deepcopy(BASE)
    for path, value in edits:
        *parents, last = path
        target = p
        for key in parents:
            target = target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value
    return p


DELETE = object()

VALID = {
    "minimal công văn": variant(),
    "nulls mean absent (number, day, marks)": variant((["number"], None), (["date", "day"], None), (["marks"], None)),
    "29 February in a leap year": variant((["date"], {"day": 29, "month": 2, "year": 2024})),
    "báo cáo with type name": variant((["kind"], "bao_cao"), (["title"], "BÁO CÁO"), (["symbol"], "BC-SKHCN"),
                                      (["body"], [{"text": "Nội dung./."}])),
    "quyết định with grounds, chapters and articles": variant(
        (["kind"], "quyet_dinh"), (["symbol"], "QĐ-SKHCN"), (["recipients"], DELETE), (["body"], DELETE),
        (["subject"], "Về việc thành lập Tổ công tác"), (["authority"], "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
        (["grounds"], ["Căn cứ …;"]),
        (["articles"], [{"chapter": "QUY ĐỊNH CHUNG"}, {"id": "a1", "title": "Phạm vi", "clauses": ["Một.", {"text": "Hai:", "points": ["a;", "b."]}]},
                        {"text": "Thi hành./."}])),
    "biên bản with two signers and labelled lines": variant(
        (["kind"], "bien_ban"), (["symbol"], "BB-SKHCN"), (["recipients"], DELETE), (["signer"], DELETE),
        (["subject"], "Cuộc họp giao ban"), (["closing"], [{"text": "Kết thúc./."}]),
        (["labelled"], [{"label": l, "text": "…"} for l in ["Thời gian bắt đầu:", "Địa điểm:", "Thành phần tham dự:",
                                                            "Chủ trì (chủ tọa):", "Thư ký (người ghi biên bản):"]]),
        (["signers"], [{"title": "THƯ KÝ", "name": "A"}, {"title": "CHỦ TỌA", "name": "B"}])),
    "annex from a form with values": variant((["annexes"], [{"form": "phieu-cung-cap-so-lieu-cpdt", "values": {"1.1": 3290, "1.1.ghi_chu": "", "2.2": None}}])),
    "form-style blocks": variant((["body"], [
        {"fill": ["- Cơ quan: ", {"field": "co_quan", "width_mm": 60}]},
        {"choices": ["Có", "Không"], "field": {"id": "c1", "type": "choice"}, "selected": 1},
        {"answer": {"hint": "Ghi rõ", "lines": 3}},
        {"table": {"widths": [1, 2, 2], "formulas": [{"column": 3, "formula": "(2) x 100"}], "sum_columns": [2],
                   "rows": [{"id": "r1", "cells": ["a", {"field": "r1.v"}, None]},
                            {"kind": "total", "sum": "all", "cells": ["Tổng", "", ""]}]}}])),
    "annex_only without signer/body": {
        "kind": "annex_only", "issuer": {"name": "SỞ NỘI VỤ"}, "date": {"year": 2021},
        "annexes": [{"title": "DANH SÁCH", "blocks": [{"table": {"rows": [["1", 2.5, None, {"text": "x", "bold": True}]]}}]}],
    },
}

INVALID = {
    "unknown top-level field": variant((["subjet"], "x")),
    "number as string": variant((["number"], "12")),
    "bad signer authority": variant((["signer", "authority"], "K.T.")),
    "signer title not in capitals": variant((["signer", "title"], "Phó Giám đốc")),
    "block with two kinds": variant((["body"], [{"text": "a", "heading": "b"}])),
    "30 February": variant((["date"], {"day": 30, "month": 2, "year": 2020})),
    "29 February outside a leap year": variant((["date"], {"day": 29, "month": 2, "year": 2100})),
    "symbol with '/'": variant((["symbol"], "12/SKHCN-VP")),
    "title on a công văn": variant((["title"], "CÔNG VĂN")),
    "newline in text": variant((["body"], [{"text": "a\nb"}])),
    "required signer is null": variant((["signer"], None)),
    "annex_only without annexes": {"kind": "annex_only", "issuer": {"name": "SỞ NỘI VỤ"}, "date": {"year": 2021}},
    "annex without title or form": variant((["annexes"], [{"label": "I"}])),
    "annex value that is an array": variant((["annexes"], [{"form": "phieu-cung-cap-so-lieu-cpdt", "values": {"1.1": [1]}}])),
    "one signer in signers": variant((["signers"], [{"title": "THƯ KÝ", "name": "A"}])),
    "labelled line without text": variant((["labelled"], [{"label": "Thời gian:"}])),
    "article with an unknown field": variant((["articles"], [{"text": "a", "khoan": []}])),
    "sum on a row that is not a total": variant((["body"], [{"table": {"rows": [{"sum": "all", "cells": ["a"]}]}}])),
}


def decoder_field_lists():
    """The key lists the Swift decoder allows, read from its source."""
    lists = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Sources", "VanBanModel", "*.swift"))):
        src = open(path, encoding="utf-8").read()
        for m in re.finditer(r"(?:expectObject\(allowed:|static let (topLevelFields|blockKinds) =)\s*\[([^\]]*)\]", src):
            keys = frozenset(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
            if not keys:  # the declaration `expectObject(allowed: [String])` itself
                continue
            lists.append((os.path.basename(path), m.group(1) or "expectObject", keys))
    return lists


def schema_objects(node, out):
    """Key sets of every closed object (additionalProperties: false) in the schema."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False and "properties" in node:
            out["objects"].add(frozenset(node["properties"]))
        for v in node.values():
            schema_objects(v, out)
    elif isinstance(node, list):
        for v in node:
            schema_objects(v, out)
    return out


def decoder_accepts(decoder, payload):
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    run = subprocess.run([decoder, "validate", "-"], input=data, capture_output=True, cwd=ROOT)
    return run.returncode == 0, (run.stdout + run.stderr).decode("utf-8", "replace").strip()


def main(argv):
    decoder = None
    if "--decoder" in argv:
        decoder = os.path.abspath(argv[argv.index("--decoder") + 1])

    schema = load_json(SCHEMA_PATH)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0

    found = schema_objects(schema, {"objects": set()})["objects"]
    block_kinds = {b["required"][0] for b in schema["$defs"]["block"]["oneOf"]}
    lists = decoder_field_lists()
    if not lists:
        print("FAIL no expectObject(allowed:) lists found in Sources/VanBanModel")
        failures += 1
    for file, what, keys in lists:
        ok = keys == block_kinds if what == "blockKinds" else keys in found
        if not ok:
            failures += 1
            print(f"FAIL {file}: {what} allows {sorted(keys)}, which no schema object matches")
    print(f"{'ok  ' if failures == 0 else 'FAIL'} decoder field lists: {len(lists)} compared with the schema")

    def check(name, payload, want_valid):
        nonlocal failures
        errors = sorted(validator.iter_errors(payload), key=lambda e: list(e.absolute_path))
        ok = (not errors) == want_valid
        status = "ok  " if ok else "FAIL"
        verdict = "valid" if not errors else "rejected"
        print(f"{status} {name}: {verdict}")
        if not ok:
            failures += 1
            for e in errors[:10]:
                where = "/".join(str(p) for p in e.absolute_path) or "(root)"
                print(f"       at {where}: {e.message[:300]}")
        if decoder:
            accepted, output = decoder_accepts(decoder, payload)
            if accepted != want_valid:
                failures += 1
                print(f"FAIL {name}: the decoder {'accepts' if accepted else 'rejects'} it\n       {output[:500]}")

    samples = sorted(p for p in glob.glob(os.path.join(ROOT, "Samples", "*.json"))
                     if not os.path.basename(p).startswith("batch-"))
    if not samples:
        print("FAIL no samples found in Samples/")
        failures += 1
    for path in samples:
        name = "Samples/" + os.path.basename(path)
        try:
            payload = load_json(path)
        except ValueError as e:
            print(f"FAIL {name}: {e}")
            failures += 1
            continue
        check(name, payload, True)
    for name, payload in VALID.items():
        check("valid: " + name, payload, True)
    for name, payload in INVALID.items():
        check("invalid: " + name, payload, False)

    print(f"{failures} failure(s)" if failures else "all schema checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
