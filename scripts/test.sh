#!/usr/bin/env bash
# Runs Caseboard's whole test suite, installing whatever is missing first (scripts/setup.sh).
#   format · lint (native and wasm) · native tests (unit, property, numpy-financial oracle) ·
#   release build · size budget · wasm-bindgen-test in headless Chromium · Playwright against the
#   built dist/ served from a sub-path. The figures (benchmarks, Lighthouse) are scripts/bench.sh's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

logs=target/test-logs
mkdir -p "$logs"
step() {
  local name=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  "$@" 2>&1 | tee "$logs/$name.log"
}

step fmt cargo fmt --all -- --check
step clippy-native cargo clippy --locked --all-targets -- -D warnings
step clippy-wasm cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --test web -- -D warnings
# The layers: no import circle in app, state apart from views, pure model and formats, short functions.
step layers python3 tools/check-layers.py
# The independent spreadsheet engine that recalculates the Excel workbooks in the tests
# (tests/xlsx.rs, workbook.spec.ts): a Python venv, made once, fast when present.
step recalc-setup bash tools/recalc-setup.sh
# The loss exceedance curve's independent oracle (NumPy) agrees with its committed fixture
step lec-oracle .venv-recalc/bin/python tools/gen_lec_fixtures.py --check
step native-tests cargo test --locked
step release-build trunk build --release
# The size budgets, gzip: first load 450 KB; first load plus the chart library 590 KB (README, "Size and speed").
step size-budget node tools/size-report.mjs --dir dist --budget-kb 450 --with-charts-budget-kb 590
CHROMEDRIVER=$(command -v chromedriver) step wasm-tests \
  cargo test --locked --target wasm32-unknown-unknown --test web
step e2e-tests npx playwright test

passed() { grep -hoE 'test result: ok\. [0-9]+ passed' "$logs/$1.log" | awk '{ n += $4 } END { print n + 0 }'; }
native=$(passed native-tests)
wasm=$(passed wasm-tests)
e2e=$(grep -hoE '^ *[0-9]+ passed' "$logs/e2e-tests.log" | grep -oE '[0-9]+' | tail -n 1)
printf '\n\033[1m== summary\033[0m\n'
echo "native (cargo test): $native passed"
echo "browser (wasm-bindgen-test): $wasm passed"
echo "user flows (Playwright): $e2e passed"
echo "tests: $((native + wasm + e2e)) passed, 0 failed"
