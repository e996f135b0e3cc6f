#!/usr/bin/env bash
# Installs the Debian packages VanBan needs, only those missing: the C libraries it links
# (through pkg-config) and the PDF tools its tests read output with.
set -euo pipefail
need=()
pkg-config --exists pangocairo 2>/dev/null || need+=(libpango1.0-dev libcairo2-dev)
pkg-config --exists fontconfig 2>/dev/null || need+=(libfontconfig-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v openssl >/dev/null || need+=(openssl)
command -v curl >/dev/null || need+=(curl)
# The register tests start a throwaway PostgreSQL (Tests/register/postgres.sh).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
python3 -c "import jsonschema" 2>/dev/null || need+=(python3-jsonschema)
# The OpenAPI check of the service's document uses openapi-spec-validator (PyPI).
python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install --quiet openapi-spec-validator || true
if [ "${#need[@]}" -eq 0 ]; then exit 0; fi
echo "installing: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
