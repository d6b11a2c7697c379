#!/usr/bin/env bash
# Make .venv-recalc (repo root) for tools/recalc_xlsx.py; idempotent and fast when present.
#
#   bash tools/recalc-setup.sh
#   .venv-recalc/bin/python tools/recalc_xlsx.py FILE.xlsx
#
# Installs tools/requirements-recalc.txt only when the venv cannot import the engine or the
# requirements file changed since the last install (its sha256 is kept in the venv).
# Non-interactive (fine with CI=true). Prints one line on what it did; exits non-zero on failure.
# PYTHON=python3.11 picks the interpreter that creates the venv (default: python3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-recalc"
req="$root/tools/requirements-recalc.txt"
stamp="$venv/.requirements.sha256"
py="${PYTHON:-python3}"

export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

want="$(sha256sum "$req" | cut -d' ' -f1)"
have="$(cat "$stamp" 2>/dev/null || true)"

if [ "$have" = "$want" ] && "$venv/bin/python" -c 'import formulas, openpyxl' >/dev/null 2>&1; then
    echo "recalc-setup: .venv-recalc is up to date (requirements ${want:0:12})"
    exit 0
fi

start=$SECONDS
made=""
if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    rm -rf "$venv"
    "$py" -m venv "$venv"
    made="created .venv-recalc and "
fi
log="$venv/.install.log"
if ! "$venv/bin/python" -m pip install --no-input -q -r "$req" >"$log" 2>&1; then
    cat "$log" >&2
    echo "recalc-setup: FAILED to install $req into .venv-recalc (log above)" >&2
    exit 1
fi
"$venv/bin/python" -c 'import formulas, openpyxl' || {
    echo "recalc-setup: FAILED: .venv-recalc cannot import formulas/openpyxl after install" >&2
    exit 1
}
echo "$want" >"$stamp"
echo "recalc-setup: ${made}installed requirements-recalc.txt (${want:0:12}) in $((SECONDS - start))s"
