#!/usr/bin/env python3
"""Structure-aware fuzz test of the payload contract (issue 15), run by `make test` on the debug CLI.

    python3 Tests/fuzz/fuzz.py [--bin .build/debug/vanban] [--seed N] [--batch-cases N] [--cli-cases N]

Mutates the samples (Samples/*.json, Tests/cases/**/*.json): drops, duplicates and retypes fields, puts
huge and negative numbers (1e17, 1e308, -0, 2^63, 1e400), long strings (up to a few hundred KB),
control, combining and odd Unicode characters, deep nesting and arrays where objects go, renames
keys, splices subtrees between samples, and (on the command-line part) damages the bytes (truncation,
UTF-16, Latin-1, NUL). Every run with the same seed makes the same cases; the seed is printed.

The contract checked, for every case:
  - no signal exit (no crash, no trap) and no hang (a time limit per process);
  - a refused payload exits 2, every stderr line carries a `$…` JSON path, and no output file is left;
  - an accepted payload exits 0 with a valid PDF (starts `%PDF-`, ends `%%EOF`), and `qpdf --check`
    passes on a sample of them.

Why two drivers: a debug CLI process costs ~0.1-0.2 s just to start (fonts, layouts), so a few thousand
separate processes would not fit the ~2 minute budget on 2 cores. The bulk of the cases therefore go
through `vanban batch` (chunks of documents, two batch processes at a time, one render thread each):
same decoder, validation and renderer, a document's error in the manifest must carry its JSON path and
a failed document must leave no PDF. A chunk whose process dies by a signal or times out is re-run
document by document through `vanban render` to name the culprit. A smaller sample goes through
`vanban render` itself, one process per case (pool of 2), which checks the exact command-line contract
(exit status, stderr lines, no output file) and is the only place byte-level damage can be tried.

Failing cases are kept in .build/fuzz/failures/ for reproduction. The last line is
`fuzz: N passed, M failed` (the plain format CI reads); the exit status is 1 on any failure.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SEED = 15_2024
STATS = {}
STATS_LOCK = threading.Lock()


def count(what):
    with STATS_LOCK:
        STATS[what] = STATS.get(what, 0) + 1


# ---------------------------------------------------------------------------------------------------
# A JSON tree that keeps what Python's json would lose: member order and duplicate keys (Obj), and
# number tokens (and deliberately odd escapes) exactly as written (Raw).

class Obj(list):
    """An object as a list of [key, value] pairs (duplicates allowed)."""


class Raw(str):
    """A token written verbatim into the JSON text (a number as written, or an escaped string)."""


def load(path):
    data = open(path, "rb").read()
    for enc in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(enc)
            return json.loads(text, object_pairs_hook=lambda pairs: Obj([list(p) for p in pairs]),
                              parse_float=Raw, parse_int=Raw, parse_constant=Raw)
        except (UnicodeDecodeError, ValueError):
            continue
    return None


def dump(value, out):
    if isinstance(value, Raw):
        out.append(str(value))
    elif isinstance(value, Obj):
        out.append("{")
        for i, (k, v) in enumerate(value):
            if i:
                out.append(",")
            dump(k, out)
            out.append(":")
            dump(v, out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(",")
            dump(v, out)
        out.append("]")
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif value is None:
        out.append("null")
    else:
        out.append(json.dumps(value))
    return out


def to_text(value):
    return "".join(dump(value, []))


def deep_copy(value):
    if isinstance(value, Obj):
        return Obj([[k, deep_copy(v)] for k, v in value])
    if isinstance(value, list):
        return [deep_copy(v) for v in value]
    return value


def get(value, key):
    for k, v in value:
        if k == key:
            return v
    return None


def merge(base, overlay):
    """The batch's deep merge: objects merge key by key, anything else replaces."""
    if not (isinstance(base, Obj) and isinstance(overlay, Obj)):
        return deep_copy(overlay)
    out = deep_copy(base)
    for k, v in overlay:
        for pair in out:
            if pair[0] == k:
                pair[1] = merge(pair[1], v)
                break
        else:
            out.append([k, deep_copy(v)])
    return out


def bases():
    """Every sample payload as a tree (a batch contributes its documents merged with its defaults)."""
    paths = sorted(glob.glob(os.path.join(ROOT, "Samples", "*.json")))
    paths += sorted(glob.glob(os.path.join(ROOT, "Tests", "cases", "**", "*.json"), recursive=True))
    out = []
    for path in paths:
        tree = load(path)
        if not isinstance(tree, Obj):
            continue
        docs = get(tree, "documents")
        if isinstance(docs, list):
            defaults = get(tree, "defaults") or Obj()
            for d in docs[:3]:
                if isinstance(d, Obj):
                    out.append((os.path.relpath(path, ROOT), merge(defaults, Obj([p for p in d if p[0] not in ("id", "group")]))))
        elif get(tree, "defaults") is None:
            out.append((os.path.relpath(path, ROOT), tree))
    return out


# ---------------------------------------------------------------------------------------------------
# Mutations

NUMBERS = ["1e17", "1E+17", "123456789012345678", "1e308", "-1e308", "1e400", "-0", "-0.0", "0", "-1",
           "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
           "18446744073709551616", "1e-320", "4.9e-324", "0.000000000000000000001", "99999999999999999999.99",
           "123456789012345678901234567890", "1.5", "-2.5", "1e19", "3e18", "2147483648", "4294967296",
           "100000000000000000000000000000000000000", "0.1", "1e2", "-1e17", "17", "12", "31", "0.5e1"]
VI_WORDS = ("Thực hiện Công văn số 406 của Sở Thông tin và Truyền thông về việc cung cấp số liệu, "
            "kinh tế - xã hội tỉnh Đồng Tháp năm 2020 đề nghị các cơ quan, đơn vị phối hợp báo cáo").split()
CONTROL = [chr(c) for c in list(range(0, 32)) + [0x7F, 0x85, 0x9B]] + ["\u2028", "\u2029", "\u200b", "\ufeff", "\u202e", "\u00ad"]
COMBINING = ["\u0301", "\u0300", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b", "\u20dd", "\u0489"]
ODD = ["😀", "👨‍👩‍👧", "中文", "العربية", "\uffff", "\ufffd", "\ue000", "\U0010FFFF", "𝕍", "Ⅻ", "ﬁ", "İ", "ß",
       "\u0110", "☐", "✓", "…", "–", "—", "“”", "\u00a0", "\u3000", "x\u0308\u0301\u0323", "ạ" * 3]
ESCAPES = ['"\\ud800"', '"\\udfff x"', '"a\\u0000b"', '"\\ud83d\\ude00"', '"\\u001b[31mred"']
FORMULAS = ["(1)+(2)", "(6)/(3) x 100", "(1)/0", "(" * 40 + "(1)" + ")" * 40, "(1)+", "(1) x 1e400", "(1)+9.9.9",
            "(1)+1e17", "(99)", "(0)", "(-1)", "((1)", "(1))", "1/0", "(1)-(1)/(1)*(1)", "(1) + 1234567890123456789012"]


def random_string(rng):
    choice = rng.random()
    if choice < 0.25:
        return "".join(rng.choice(CONTROL) if rng.random() < 0.3 else rng.choice(VI_WORDS) + " " for _ in range(rng.randint(1, 12)))
    if choice < 0.45:
        base = rng.choice(VI_WORDS)
        return base + "".join(rng.choice(COMBINING) for _ in range(rng.choice([1, 5, 50, 2000])))
    if choice < 0.7:
        return " ".join(rng.choice(ODD + VI_WORDS) for _ in range(rng.randint(1, 8)))
    if choice < 0.8:
        return ""
    return rng.choice(["1e17", "NaN", "-0", "true", "null", "$.issuer", "../../etc/passwd", "%s%n", "<script>", "Lưu", "- a", "KT."])


def long_string(rng, limit):
    size = rng.choice([2_000, 9_000, 40_000, 120_000, 300_000])
    size = min(size, limit)
    kind = rng.random()
    if kind < 0.5:
        words, total = [], 0
        while total < size:
            w = rng.choice(VI_WORDS)
            words.append(w)
            total += len(w.encode()) + 1
        return " ".join(words)
    if kind < 0.75:
        return "x" * (size // 2)                      # one word longer than any line
    if kind < 0.9:
        return ("Dòng một\n" * (size // 12))          # many forced breaks
    return "".join(rng.choice(VI_WORDS[:5]) + rng.choice(COMBINING) + " " for _ in range(size // 16))


def random_value(rng, avoid=None, depth=0):
    kinds = ["string", "number", "bool", "null", "array", "object"]
    if avoid:
        kinds = [k for k in kinds if k != avoid]
    kind = rng.choice(kinds)
    if kind == "string":
        return random_string(rng)
    if kind == "number":
        return Raw(rng.choice(NUMBERS))
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "array":
        return [] if depth > 1 or rng.random() < 0.4 else [random_value(rng, depth=depth + 1) for _ in range(rng.randint(1, 3))]
    return Obj() if depth > 1 or rng.random() < 0.4 else Obj([[random_string(rng)[:12] or "text", random_value(rng, depth=depth + 1)]])


def type_of(value):
    if isinstance(value, Obj):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Raw):
        return "number"
    if isinstance(value, bool):
        return "bool"
    if value is None:
        return "null"
    return "string"


def slots(tree):
    """Every place a value sits: (container, index) with container an Obj's pair or a list."""
    out = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Obj):
            for pair in node:
                out.append((pair, 1))
                stack.append(pair[1])
        elif isinstance(node, list):
            for i in range(len(node)):
                out.append((node, i))
                stack.append(node[i])
    return out


def containers(tree):
    out = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (Obj, list)):
            out.append(node)
            stack.extend(v for _, v in node) if isinstance(node, Obj) else stack.extend(node)
    return out


def nested(rng, depth):
    if rng.random() < 0.5:
        return Raw("[" * depth + "1" + "]" * depth)
    return Raw('{"text":' * depth + '"x"' + "}" * depth)


OPTIONAL_FIELDS = ["start", "style", "marker", "lines", "level", "indent", "decimals", "colspan", "rowspan", "width_mm",
                   "copies", "day", "month", "year", "number", "column", "sum_columns", "column_numbers", "selected",
                   "repeat_header", "split_rows", "align", "orientation", "kind", "sum", "sublist", "bold", "field",
                   "hint", "label", "code", "date_style", "formulas", "notes", "caption", "values", "form"]
EDGE_VALUES = [Raw(n) for n in ["3999", "4000", "60", "61", "99999", "999999", "1000000", "300", "2", "0.1", "10", "11",
                                 "1e17", "-1", "0", "2.5", "9223372036854775807"]] + ["roman", "alpha", "outline", "none",
                                 "section", "all", "total", "landscape", "x", "", True, None]
DRAWABLE = ["…", "–", "—", "“trích”", "\u00a0", "%", "&", "<b>", "\\", "\"", "Ư", "ỹ", "Đ", "½", "°C", "№", "§"]


def gentle(rng, value, long_limit):
    """A change that keeps the value's type, so the payload often stays valid and reaches the renderer."""
    if isinstance(value, Raw):
        return Raw(rng.choice(NUMBERS))
    if isinstance(value, str):
        r = rng.random()
        if r < 0.3:
            return long_string(rng, long_limit) if rng.random() < 0.3 else value * rng.choice([2, 10, 100])
        if r < 0.55:   # Vietnamese tone marks as separate combining characters (NFC folds them)
            return "".join(c + (rng.choice(COMBINING[:5]) if c.isalpha() and rng.random() < 0.3 else "") for c in value)
        if r < 0.8:
            at = rng.randint(0, len(value))
            return value[:at] + "".join(rng.choice(DRAWABLE) for _ in range(rng.randint(1, 4))) + value[at:]
        if r < 0.9:
            return rng.choice(NUMBERS) if rng.random() < 0.5 else ""
        return value.replace(" ", rng.choice(["  ", "\t", "\n", " \n ", "\u00a0"]))
    if isinstance(value, list) and value:
        if rng.random() < 0.5:
            del value[rng.randrange(len(value))]
        else:
            i = rng.randrange(len(value))
            for _ in range(rng.choice([1, 3, 40, 120])):
                value.insert(i, deep_copy(value[i]))
        return value
    if isinstance(value, Obj) and value:
        del value[rng.randrange(len(value))]
        return value
    return value


def mutate(rng, tree, corpus, long_limit, max_depth, only_gentle=False):
    """One structure-aware mutation of `tree` in place; returns its name (or the new root)."""
    all_slots = slots(tree)
    if not all_slots:
        return "empty", tree
    container, index = rng.choice(all_slots)
    value = container[index]
    if only_gentle or rng.random() < 0.5:
        numbers = [sl for sl in all_slots if isinstance(sl[0][sl[1]], Raw)]
        if numbers and rng.random() < 0.3:
            container, index = rng.choice(numbers)
        container[index] = gentle(rng, container[index], long_limit)
        return "gentle-" + type_of(container[index]), tree
    op = rng.choices(["drop", "duplicate", "retype", "number", "string", "long", "control", "nest", "wrap",
                      "splice", "key", "empty", "formula", "escape", "field"],
                     weights=[10, 8, 12, 14, 10, 3, 8, 3, 8, 8, 6, 5, 4, 3, 10])[0]
    if op == "drop":
        parents = [c for c in containers(tree) if len(c) > 0]
        parent = rng.choice(parents)
        del parent[rng.randrange(len(parent))]
    elif op == "duplicate":
        parents = [c for c in containers(tree) if len(c) > 0]
        parent = rng.choice(parents)
        i = rng.randrange(len(parent))
        item = deep_copy(parent[i])
        if isinstance(parent, Obj) and rng.random() < 0.3:
            item = [item[0], random_value(rng)]          # same key, another value
        for _ in range(rng.choice([1, 1, 1, 5, 200])):
            parent.insert(i + 1, deep_copy(item))
    elif op == "retype":
        container[index] = random_value(rng, avoid=type_of(value))
    elif op == "number":
        container[index] = Raw(rng.choice(NUMBERS)) if rng.random() < 0.85 else rng.choice(NUMBERS)
    elif op == "string":
        container[index] = random_string(rng)
    elif op == "long":
        container[index] = long_string(rng, long_limit)
    elif op == "control":
        s = value if isinstance(value, str) and not isinstance(value, Raw) else random_string(rng)
        at = rng.randint(0, len(s))
        container[index] = s[:at] + "".join(rng.choice(CONTROL + COMBINING) for _ in range(rng.randint(1, 6))) + s[at:]
    elif op == "nest":
        container[index] = nested(rng, rng.choice([20, 60, max_depth]))
    elif op == "wrap":
        if isinstance(value, Obj) and rng.random() < 0.5:
            container[index] = [v for _, v in value]          # the object's values as an array
        elif isinstance(value, list) and value and rng.random() < 0.5:
            container[index] = Obj([[str(i), v] for i, v in enumerate(value)])
        else:
            container[index] = [value] if rng.random() < 0.7 else [value, deep_copy(value)]
    elif op == "splice":
        _, other = rng.choice(corpus)
        donors = slots(other)
        if donors:
            c, i = rng.choice(donors)
            container[index] = deep_copy(c[i])
    elif op == "key":
        parents = [c for c in containers(tree) if isinstance(c, Obj) and len(c) > 0]
        if parents:
            pair = rng.choice(rng.choice(parents))
            k = pair[0]
            pair[0] = rng.choice([k.upper(), k + "s", k[:-1], "", k + "\n$.x: forged", "ké" + k, k + "\u0000",
                                  " " + k, "\u202e" + k, k.replace("_", "-"), random_string(rng)[:20]])
    elif op == "empty":
        container[index] = rng.choice(["", [], Obj(), None, " ", "\n"])
    elif op == "formula":
        container[index] = rng.choice(FORMULAS) if rng.random() < 0.8 else "(" * rng.choice([33, 1000]) + "1"
    elif op == "field":
        # An optional field the samples rarely use, at the edges of its range or past them.
        parents = [c for c in containers(tree) if isinstance(c, Obj)]
        rng.choice(parents).append([rng.choice(OPTIONAL_FIELDS), rng.choice(EDGE_VALUES) if rng.random() < 0.8 else random_value(rng)])
    elif op == "escape":
        container[index] = Raw(rng.choice(ESCAPES))
    return op, tree


def byte_damage(rng, data):
    """Byte-level damage, for the command-line part only."""
    op = rng.choice(["truncate", "flip", "utf16le", "utf16be", "bom", "latin1", "nul", "garbage"])
    if op == "truncate" and data:
        return op, data[:rng.randrange(len(data))]
    if op == "flip" and data:
        i = rng.randrange(len(data))
        return op, data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    if op == "utf16le":
        return op, b"\xff\xfe" + data.decode("utf-8", "replace").encode("utf-16-le", "surrogatepass")
    if op == "utf16be":
        return op, b"\xfe\xff" + data.decode("utf-8", "replace").encode("utf-16-be", "surrogatepass")
    if op == "bom":
        return op, b"\xef\xbb\xbf" + data
    if op == "latin1":
        return op, data.decode("utf-8", "replace").encode("latin-1", "replace")
    if op == "nul":
        i = rng.randint(0, len(data))
        return op, data[:i] + b"\x00" + data[i:]
    return "garbage", data + rng.choice([b"}", b"\n,", b"{}", b"\x80"])


def make_case(rng, corpus, long_limit, max_depth):
    name, base = rng.choice(corpus)
    tree = deep_copy(base)
    ops = []
    # Two cases in five change values but keep their types, so that they often stay valid and
    # reach the typesetter and the renderer; the others also break the structure.
    only_gentle = rng.random() < 0.4
    for _ in range(rng.choices([1, 2, 3, 5], weights=[5, 3, 2, 1])[0]):
        before = deep_copy(tree)
        op, tree = mutate(rng, tree, corpus, long_limit, max_depth, only_gentle)
        # A payload stays under a few hundred KB (the time budget; the service's body limit is 2 MB).
        if len(to_text(tree)) > 2 * long_limit + 200_000:
            tree, op = before, op + "(undone: too large)"
        ops.append(op)
    return name, ops, tree


# ---------------------------------------------------------------------------------------------------
# Checks

def pdf_problem(path):
    try:
        data = open(path, "rb").read()
    except OSError as e:
        return f"no PDF written ({e.strerror})"
    if not data.startswith(b"%PDF-"):
        return "the output does not start with %PDF-"
    if not data.rstrip().endswith(b"%%EOF"):
        return "the output does not end with %%EOF"
    return None


def qpdf_problem(path):
    if not shutil.which("qpdf"):
        return None
    r = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    # 0 = fine, 3 = warnings only (qpdf repaired nothing the reader would miss); 2 = errors.
    if r.returncode not in (0, 3):
        return "qpdf --check: " + (r.stdout + r.stderr).strip().splitlines()[-1][:200]
    return None


def stderr_problem(stderr):
    for line in stderr.splitlines():
        if not line.strip():
            continue
        text = line[len("warning: "):] if line.startswith("warning: ") else line
        if not text.startswith("$"):
            return f"stderr line without a JSON path: {line[:200]!r}"
    return None


def describe_exit(code):
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    if code in (128 + 4, 128 + 5, 128 + 6, 128 + 11):
        return f"exit {code} (a trap or crash)"
    return f"exit {code}"


MODES = [([], 60), (["--strict"], 8), (["--no-fields"], 5), (["--slots"], 10), (["--annexes", "separate"], 10), (["preview"], 7)]


def run_cli(binary, workdir, key, data, timeout, check_qpdf, mode=()):
    """One `vanban render` (or `preview`) process; returns a list of problems (empty when the contract held).

    `mode` adds the command's options: `--strict`, `--no-fields`, `--slots` (a slot map beside the PDF),
    `--annexes separate` (one PDF per annex beside it), or `preview` (a PNG of page 1)."""
    src = os.path.join(workdir, key + ".json")
    out = os.path.join(workdir, key + (".png" if "preview" in mode else ".pdf"))
    slots = os.path.join(workdir, key + ".slots")
    with open(src, "wb") as f:
        f.write(data)
    if "preview" in mode:
        command = [binary, "preview", src, "-o", out]
    else:
        command = [binary, "render", src, "-o", out] + [m for m in mode if m != "--slots"]
        if "--slots" in mode:
            command += ["--slots", slots]
    try:
        r = subprocess.run(command, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [f"no answer within {timeout} s (a hang)"]
    stderr = r.stderr.decode("utf-8", "replace")
    outputs = sorted(p for p in glob.glob(os.path.join(workdir, key + "*")) if p != src)
    problems = []
    if r.returncode == 0:
        count("accepted")
        if "preview" in mode:
            if not open(out, "rb").read(8).startswith(b"\x89PNG"):
                problems.append("the preview is not a PNG")
        else:
            for pdf in [p for p in outputs if p.endswith(".pdf")] or [out]:
                p = pdf_problem(pdf)
                if p:
                    problems.append(f"{os.path.basename(pdf)}: {p}")
                elif check_qpdf:
                    count("qpdf-checked")
                    p = qpdf_problem(pdf)
                    if p:
                        problems.append(f"{os.path.basename(pdf)}: {p}")
            if "--annexes" in mode and len(outputs) < 1:
                problems.append("no PDF written")
            if "--slots" in mode:
                try:
                    json.load(open(slots, encoding="utf-8"))
                except (OSError, ValueError) as e:
                    problems.append(f"the slot map is not JSON: {e}")
    elif r.returncode == 2:
        count("refused")
        p = stderr_problem(stderr)
        if p:
            problems.append(p)
        if not stderr.strip():
            problems.append("exit 2 with nothing on stderr")
        if outputs:
            problems.append("refused, yet output was left: " + ", ".join(os.path.basename(p) for p in outputs))
    else:
        problems.append(describe_exit(r.returncode) + ": " + stderr.strip()[-300:])
    if not problems:
        for p in outputs + [src]:
            if os.path.exists(p):
                os.remove(p)
    return problems


def run_batch(binary, workdir, key, docs, timeout, qpdf_every):
    """One `vanban batch` over `docs` [(id, tree)]; returns ({id: problems}, crash or None).

    Documents are written one per line: when the batch file as a whole is refused at parse time
    (a duplicate key, a lone surrogate: the batch parser stops at the first), the document on the
    line named is taken out and checked on its own through `vanban render`, and the batch runs again.
    """
    results = {}
    docs = list(docs)
    while True:
        src = os.path.join(workdir, key + ".json")
        outdir = os.path.join(workdir, key)
        lines = [to_text(Obj([["id", i]] + list(t))) for i, t in docs]
        with open(src, "wb") as f:
            f.write(('{"defaults":{},"documents":[\n' + ",\n".join(lines) + "\n]}").encode("utf-8", "surrogatepass"))
        try:
            r = subprocess.run([binary, "batch", src, "--out", outdir, "--jobs", "1"], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return results, "timeout"
        if r.returncode < 0 or r.returncode > 2:
            return results, describe_exit(r.returncode)
        stderr = r.stderr.decode("utf-8", "replace")
        if not os.path.exists(os.path.join(outdir, "manifest.json")):
            m = re.search(r"line (\d+)", stderr)
            n = int(m.group(1)) - 2 if m else -1
            if r.returncode != 2 or not 0 <= n < len(docs):
                return results, f"exit {r.returncode} without a manifest: " + stderr.strip()[-200:]
            doc_id, tree = docs.pop(n)
            data = to_text(tree).encode("utf-8", "surrogatepass")
            problems = run_cli(binary, workdir, doc_id, data, 120, False)
            results[doc_id] = problems
            os.remove(src)
            if not docs:
                return results, None
            continue
        break
    manifest = json.load(open(os.path.join(outdir, "manifest.json"), encoding="utf-8"))
    entries = {e["id"]: e for e in manifest.get("documents", [])}
    for n, (doc_id, _) in enumerate(docs):
        e = entries.get(doc_id)
        problems = []
        if e is None:
            problems.append("missing from the manifest")
        elif e["status"] == "ok":
            count("accepted")
            path = os.path.join(outdir, e["file"])
            p = pdf_problem(path)
            if p:
                problems.append(p)
            elif qpdf_every and n % qpdf_every == 0:
                count("qpdf-checked")
                p = qpdf_problem(path)
                if p:
                    problems.append(p)
        else:
            count("refused")
            message = e.get("error") or ""
            # "<path>: <message>; <path>: <message>…" (messages may hold "; " themselves).
            if not message.startswith("$"):
                problems.append(f"manifest error without a JSON path: {message[:200]!r}")
            if os.path.exists(os.path.join(outdir, doc_id + ".pdf")):
                problems.append("failed, yet its PDF was left")
        results[doc_id] = problems
    shutil.rmtree(outdir, ignore_errors=True)
    os.remove(src)
    return results, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "vanban"))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", DEFAULT_SEED)))
    ap.add_argument("--batch-cases", type=int, default=int(os.environ.get("FUZZ_BATCH_CASES", 2400)))
    ap.add_argument("--cli-cases", type=int, default=int(os.environ.get("FUZZ_CLI_CASES", 300)))
    ap.add_argument("--chunk", type=int, default=60)
    ap.add_argument("--pool", type=int, default=2)
    ap.add_argument("--work", default=os.path.join(ROOT, ".build", "fuzz"))
    # A guard, not the plan: the default counts take about 1-2 minutes on 2 cores; on a machine so loaded
    # that they would take over 4, the cases not started by then are skipped (and counted as skipped).
    ap.add_argument("--budget", type=float, default=float(os.environ.get("FUZZ_BUDGET", 240)))
    args = ap.parse_args()

    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        print(f"fuzz: {binary} not found; build it with `swift build --product vanban`", file=sys.stderr)
        print("fuzz: 0 passed, 1 failed")
        return 1
    shutil.rmtree(args.work, ignore_errors=True)
    workdir = os.path.join(args.work, "run")
    faildir = os.path.join(args.work, "failures")
    os.makedirs(workdir)
    os.makedirs(faildir)
    print(f"fuzz: seed {args.seed} ({args.batch_cases} batch documents + {args.cli_cases} command-line cases; "
          f"FUZZ_SEED=N to change)", flush=True)
    rng = random.Random(args.seed)
    corpus = bases()
    started = time.monotonic()

    # The cases, all drawn before anything runs so the seed alone fixes them.
    batch_cases = []
    for n in range(args.batch_cases):
        name, ops, tree = make_case(rng, corpus, long_limit=120_000, max_depth=120)
        batch_cases.append((f"b{n:05d}", name, ops, tree))
    cli_cases = []
    for n in range(args.cli_cases):
        name, ops, tree = make_case(rng, corpus, long_limit=300_000, max_depth=rng.choice([150, 250, 30_000]))
        data = to_text(tree).encode("utf-8", "surrogatepass")
        if rng.random() < 0.25:
            op, data = byte_damage(rng, data)
            ops = ops + [op]
        mode = rng.choices([m for m, _ in MODES], weights=[w for _, w in MODES])[0]
        cli_cases.append((f"c{n:05d}", name, ops + [" ".join(mode)] if mode else ops, data, mode))

    passed, failures, skipped = 0, [], 0
    deadline = started + args.budget

    def in_time(function, *a):
        return None if time.monotonic() > deadline else function(*a)

    def fail(key, name, ops, problems, data):
        path = os.path.join(faildir, key + ".json")
        with open(path, "wb") as f:
            f.write(data)
        failures.append(f"{key} (from {name}, {'+'.join(ops)}): {'; '.join(problems)} [{os.path.relpath(path, ROOT)}]")

    # Batch part: chunks, two processes at a time.
    chunks = [batch_cases[i:i + args.chunk] for i in range(0, len(batch_cases), args.chunk)]
    with concurrent.futures.ThreadPoolExecutor(args.pool) as pool:
        futures = {pool.submit(in_time, run_batch, binary, workdir, f"batch{k:03d}", [(c[0], c[3]) for c in chunk], 300, 8): chunk
                   for k, chunk in enumerate(chunks)}
        for future in concurrent.futures.as_completed(futures):
            chunk = futures[future]
            if future.result() is None:
                skipped += len(chunk)
                continue
            results, crash = future.result()
            if crash is not None:
                # Name the culprit(s): every document of the chunk on its own through `vanban render`.
                print(f"fuzz: a batch chunk failed ({crash}); re-running its {len(chunk)} documents one by one", flush=True)
                for key, name, ops, tree in chunk:
                    if key in results:
                        if results[key]:
                            fail(key, name, ops, results[key], to_text(tree).encode("utf-8", "surrogatepass"))
                        else:
                            passed += 1
                        continue
                    data = to_text(tree).encode("utf-8", "surrogatepass")
                    problems = run_cli(binary, workdir, key, data, 120, False)
                    if problems:
                        fail(key, name, ops, problems, data)
                    else:
                        passed += 1
                continue
            for key, name, ops, tree in chunk:
                if results[key]:
                    fail(key, name, ops, results[key], to_text(tree).encode("utf-8", "surrogatepass"))
                else:
                    passed += 1
    batch_seconds = time.monotonic() - started
    print(f"fuzz: batch part {len(batch_cases)} documents in {batch_seconds:.0f} s", flush=True)

    # Command-line part: one process per case, pool of 2.
    with concurrent.futures.ThreadPoolExecutor(args.pool) as pool:
        futures = {pool.submit(in_time, run_cli, binary, workdir, key, data, 120, n % 4 == 0, mode): (key, name, ops, data)
                   for n, (key, name, ops, data, mode) in enumerate(cli_cases)}
        for future in concurrent.futures.as_completed(futures):
            key, name, ops, data = futures[future]
            problems = future.result()
            if problems is None:
                skipped += 1
                continue
            if problems:
                fail(key, name, ops, problems, data)
            else:
                passed += 1
    print(f"fuzz: command-line part {len(cli_cases)} cases in {time.monotonic() - started - batch_seconds:.0f} s", flush=True)

    print("fuzz: " + ", ".join(f"{v} {k}" for k, v in sorted(STATS.items())), flush=True)
    if skipped:
        print(f"fuzz: {skipped} cases skipped: the {args.budget:.0f} s budget passed (a loaded machine?)", flush=True)
    for f in sorted(failures):
        print("FAIL " + f)
    if not failures:
        shutil.rmtree(args.work, ignore_errors=True)
    print(f"fuzz: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
