#!/usr/bin/env bash
# Lighthouse report (mobile preset) of the release build, served with gzip/brotli as a static host
# would, under a sub-path. Prints the category scores and the main metrics. A report, not a gate.
#   bash scripts/lighthouse.sh [--no-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
[ "${1:-}" = "--no-build" ] || trunk build --release
port=4190
node tools/serve-dist.mjs --dir dist --port "$port" --base /tools/caseboard/ --compress >/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/tools/caseboard/" && break; sleep 0.1; done
mkdir -p target
CHROME_PATH=/usr/bin/chromium npx lighthouse "http://127.0.0.1:$port/tools/caseboard/" \
  --chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run" \
  --output=json --output-path=target/lighthouse.json --quiet
node -e '
const r = require("./target/lighthouse.json");
const c = r.categories, a = r.audits;
const s = (k) => Math.round(c[k].score * 100);
console.log(`lighthouse (mobile): performance ${s("performance")}, accessibility ${s("accessibility")}, best practices ${s("best-practices")}, SEO ${s("seo")}`);
for (const k of ["first-contentful-paint","largest-contentful-paint","total-blocking-time","cumulative-layout-shift","speed-index"])
  console.log(`  ${a[k].title}: ${a[k].displayValue}`);
for (const k of Object.keys(c)) for (const ref of c[k].auditRefs)
  { const x = a[ref.id]; if (ref.weight > 0 && x.score !== null && x.score < 1) console.log(`  [${k}] ${x.title}: ${x.displayValue ?? ""} (score ${x.score})`); }
'
