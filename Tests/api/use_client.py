"""Calls the service through the client openapi-python-client generated from its /openapi.json, as an
integrator would: no hand edits, only the generated modules and models. Exits non-zero on any surprise."""
import importlib
import io
import json
import pathlib
import sys
import zipfile

base, samples = sys.argv[1], pathlib.Path(sys.argv[2])
pkg = importlib.import_module("client")  # --meta none: the package is the output folder itself
Client = pkg.Client
api = "client.api.default."
models = importlib.import_module("client.models")


def op(name):
    return importlib.import_module(api + name)


def check(cond, what):
    if not cond:
        print("api client: FAILED:", what)
        sys.exit(1)


client = Client(base_url=base, raise_on_unexpected_status=True, timeout=60)
payload = json.loads((samples / "seed-000-cung-cap-so-lieu.json").read_text(encoding="utf-8"))
body = models.Payload.from_dict(payload)

r = op("validate").sync_detailed(client=client, body=body)
check(r.status_code == 200 and isinstance(r.parsed, models.Validation) and r.parsed.valid, f"validate: {r.status_code} {r.content[:200]!r}")

r = op("render").sync_detailed(client=client, body=body)
check(r.status_code == 200 and r.content.startswith(b"%PDF-"), f"render: {r.status_code}")
check("filename=" in r.headers.get("content-disposition", ""), "render: Content-Disposition")

r = op("render_with_slots").sync_detailed(client=client, body=body)
check(r.status_code == 200 and isinstance(r.parsed, models.RenderWithSlots), f"renderWithSlots: {r.status_code}")
names = {s.name for s in r.parsed.slots.slots}
check({"SignerSignature", "AgencySeal"} <= names, f"renderWithSlots: slots {names}")

r = op("preview").sync_detailed(client=client, body=body, page=1, dpi=30)
check(r.status_code == 200 and r.content.startswith(b"\x89PNG"), f"preview: {r.status_code}")

doc = dict(payload)
batch = models.Batch.from_dict({"defaults": doc, "documents": [{"id": "a-1"}, {"id": "a-2", "number": 12}]})
r = op("batch").sync_detailed(client=client, body=batch)
check(r.status_code == 200, f"batch: {r.status_code}")
with zipfile.ZipFile(io.BytesIO(r.content)) as z:
    manifest = json.loads(z.read("manifest.json"))
    check([d["status"] for d in manifest["documents"]] == ["ok", "ok"], f"batch manifest: {manifest}")

r = op("batch_merged").sync_detailed(client=client, body=batch)
check(r.status_code == 200 and r.content.startswith(b"%PDF-"), f"batchMerged: {r.status_code}")

r = op("forms").sync_detailed(client=client)
check(r.status_code == 200 and isinstance(r.parsed, models.FormList) and r.parsed.forms, f"forms: {r.status_code}")
first = r.parsed.forms[0]
r = op("form").sync_detailed(first.name, client=client)
check(r.status_code == 200 and r.parsed.fields and r.parsed.fields[0].id, f"form: {r.status_code}")

r = op("version").sync_detailed(client=client)
check(r.status_code == 200 and isinstance(r.parsed, models.VersionInfo) and r.parsed.layouts, f"version: {r.status_code}")
check(all(len(l.sha256) == 64 for l in r.parsed.layouts), "version: hashes")

r = op("layouts").sync_detailed(client=client)
check(r.status_code == 200 and "cong-van" in r.parsed.layouts, f"layouts: {r.status_code}")
print("api client: validate, render, renderWithSlots, preview, batch, batchMerged, forms, form, version, layouts through the generated client")
