#!/usr/bin/env bash
# Serves Caseboard for development at http://127.0.0.1:8080/, rebuilding on every change.
# Installs whatever is missing first. For the production build: trunk build --release (dist/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "[serve] http://127.0.0.1:8080/  (Ctrl+C to stop)"
exec trunk serve "$@"
