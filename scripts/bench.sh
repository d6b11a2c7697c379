#!/usr/bin/env bash
# Runs Caseboard's measurements and writes them, with the date, the machine, the commit and each
# command beside its output, to docs/benchmarks.md: the one home of the project's figures (the
# README links to it and quotes none). Installs what is missing first (scripts/setup.sh) and
# builds the release (trunk build --release) unless --no-build is given.
#   bash scripts/bench.sh [--no-build]
#   size report · Lighthouse, three runs · native benchmarks (evaluation, simulation, portfolio)
#   · keystroke, simulation and portfolio timings in Chromium (tests/e2e/perf.spec.ts) · Squiggle
#   comparison
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

started=$(date -u '+%Y-%m-%d %H:%M UTC')
load=$(cut -d' ' -f1-3 /proc/loadavg)
[ "${1:-}" = "--no-build" ] || trunk build --release
logs=target/bench-logs
mkdir -p "$logs" docs
out=docs/benchmarks.md
body=$logs/body.md
: >"$body"

# section TITLE NOTE CMD...: runs CMD, shows its output, and adds the command and its output.
section() {
  local title=$1 note=$2; shift 2
  printf '\n\033[1m== %s\033[0m\n' "$title"
  local log=$logs/$(echo "$title" | tr -c 'a-zA-Z0-9\n' '-').log
  "$@" 2>&1 | tee "$log"
  {
    printf '\n## %s\n\n' "$title"
    [ -z "$note" ] || printf '%s\n\n' "$note"
    printf 'Command: `%s`\n\n```\n' "$*"
    # Colour codes, Debian chromium's harmless wrapper warning and the set-up's notes are not figures.
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/unexpected operator/d' -e '/^echarts bundle up to date/d' "$log"
    printf '```\n'
  } >>"$body"
}

section "Size of the build" \
  "gzip -9 and brotli 11 of every file of dist/; the first load is what the page needs to show its figures." \
  node tools/size-report.mjs --dir dist --budget-kb 450 --with-charts-budget-kb 590

for run in 1 2 3; do
  section "Lighthouse, mobile preset, run $run" \
    "The release build served with gzip/brotli under /tools/caseboard/ by tools/serve-dist.mjs, as a static host would. Lighthouse simulates a mid-range phone (4× CPU slowdown, slow 4G)." \
    bash scripts/lighthouse.sh --no-build
done

section "Evaluation, native" "20 initiatives × 5 years, the engine alone (examples/bench_evaluate.rs)." \
  cargo run --locked --quiet --profile bench --example bench_evaluate
section "Simulation, native" "Monte Carlo of simulate::benchmark_scenario (examples/bench_simulate.rs)." \
  cargo run --locked --quiet --profile bench --example bench_simulate
section "Portfolio, native" "Exact selection on random instances of 100 initiatives (tests/portfolio.rs, ignored measurement) and the roadmap of 100 jobs over 120 months (tests/schedule.rs)." \
  cargo test --locked --quiet --profile bench --test portfolio --test schedule -- --ignored --nocapture
section "Keystroke, simulation and portfolio in Chromium" \
  "Headless Chromium against the built dist/ (tests/e2e/perf.spec.ts): main-thread work per keystroke from a trace, the simulation in its worker, and the portfolio in its worker (100 random selections of 100 initiatives, the frontier, the portfolio under 10,000 trials)." \
  env BENCH=1 E2E_PORT="${E2E_PORT:-4191}" npx playwright test tests/e2e/perf.spec.ts --reporter=list
section "Large scenarios in Chromium" \
  "100 initiatives × 10 benefits imported and edited (the longest main-thread task, from PerformanceObserver longtask entries), and the most initiatives a scenario holds (200) opened by link (tests/e2e/large.spec.ts)." \
  env E2E_PORT="${E2E_PORT:-4191}" npx playwright test tests/e2e/large.spec.ts --reporter=list
section "Limits, native" "The largest scenario within model::limits as a link and a file, and the hostile link of 300,000 empty initiatives (examples/bench_limits.rs)." \
  cargo run --locked --quiet --profile bench --example bench_limits
section "Link length, native" "The built-in example's share link as the c6. form new links use, and without its portfolio as the frozen c2. form and as c6. (tests/link_frozen.rs)." \
  cargo test --locked --quiet --test link_frozen the_example_link -- --nocapture
section "Link length of the example one year later, native" "The example with twelve months of actuals and KPI readings (model::example::one_year_later) as a c6. link (tests/one_year_later.rs)." \
  cargo test --locked --quiet --test one_year_later its_link_length -- --nocapture
section "Simulation memory, native" "Peak heap of a run asked for 1,000,000 trials of 60 initiatives × 20 ranged benefits, counted by the test's own allocator (tests/sim_memory.rs)." \
  cargo test --locked --quiet --test sim_memory -- --nocapture
section "Squiggle comparison" \
  "The same NPV model in Squiggle (npm @quri/squiggle-lang, under Node) and in Caseboard's engine (tools/squiggle-bench.mjs)." \
  node tools/squiggle-bench.mjs 10000
# The anchor of the speed table: the 20-initiative benchmark model in Squiggle, against this run's
# median in the browser's worker (read from the Chromium section's log).
perf_log=$logs/Keystroke--simulation-and-portfolio-in-Chromium.log
sim10k=$(sed -n 's/.*20 initiatives × 10,000 trials: median \([0-9]*\) ms.*/\1/p' "$perf_log" | head -n 1)
section "Squiggle anchor, 20 initiatives" \
  "simulate::benchmark_scenario(20) (87 ranged estimates) generated as Squiggle code and run by npm @quri/squiggle-lang under Node at 10,000 samples (best of 3), against Caseboard's median in the worker in headless Chromium from this run (which also computes ROI, payback, the chances of ranking first and the value of information); the 20 NPV means must agree within sampling error (tools/squiggle-portfolio.mjs, examples/squiggle_portfolio.rs)." \
  node tools/squiggle-portfolio.mjs 10000 ${sim10k:+--caseboard-ms "$sim10k"}

# The speed table (issue 18): this run's figures beside the targets, from the sections' logs.
sim100k=$(sed -n 's/.*20 initiatives × 100,000 trials: median \([0-9]*\) ms.*/\1/p' "$perf_log" | head -n 1)
keystroke=$(sed -n 's/.*main-thread work [0-9.]* ms (p95 \([0-9.]*\)).*/\1/p' "$perf_log" | head -n 1)
first_load=$(awk '/^total first load/ { print $(NF-1) }' "$logs/Size-of-the-build.log" | head -n 1)
ratio=$(sed -n 's/.*Caseboard.* is \([0-9]*×\) faster than Squiggle.*/\1/p' "$logs/Squiggle-anchor--20-initiatives.log" | head -n 1)
squiggle_ms=$(sed -n 's/.*Squiggle (@quri\/squiggle-lang, Node, best of 3): \([0-9.]*\) ms.*/\1/p' "$logs/Squiggle-anchor--20-initiatives.log" | head -n 1)
commit=$(git rev-parse --short HEAD)
changed=$(git status --porcelain | awk '{ print $2 }' | grep -v "^$out$" | paste -sd, - | sed 's/,/, /g' || true)
lighthouse=$(grep -hoE 'performance [0-9]+' "$logs"/Lighthouse-*.log | awk '{ print $2 }' | paste -sd, - | sed 's/,/, /g')
{
  echo '# Benchmarks'
  echo
  echo "Written by \`bash scripts/bench.sh\` (do not edit: run it again). Every figure below is the"
  echo "output of the command shown beside it, from one run on the machine described here; a"
  echo "shared or slower machine gives other figures."
  echo
  echo "- date: $started"
  echo "- commit: $commit${changed:+, with uncommitted changes to $changed}"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) memory; load average at the start $load"
  echo "- tools: $(rustc --version), $(trunk --version), node $(node --version), $(chromium --version 2>/dev/null | grep -v 'unexpected operator' | head -n 1)"
  echo "- Lighthouse mobile performance over the three runs: $lighthouse"
  echo
  echo '## Speed table (issue 18)'
  echo
  echo 'This run against the targets; "at filing" is what the issue measured. Each figure comes from the section below named in the last column.'
  echo
  echo '| figure | at filing | this run | target | from |'
  echo '| --- | --- | --- | --- | --- |'
  echo "| 20 initiatives × 10,000 trials, 87 ranged estimates, with value of information, in the worker in headless Chromium (median) | 88 ms | ${sim10k:-?} ms | ≤ 25 ms | Keystroke, simulation and portfolio in Chromium |"
  echo "| 100,000 trials of the same (median of 3) | 461 ms | ${sim100k:-?} ms | ≤ 200 ms | the same |"
  echo "| first load, gzip | 394.6 KB | ${first_load:-?} KB | ≤ 300 KB | Size of the build |"
  echo "| Lighthouse mobile performance, three runs | 93–95 | $lighthouse | ≥ 98 every run | Lighthouse, mobile preset |"
  echo "| main-thread work per keystroke, 20 initiatives, p95 | 22.5 ms | ${keystroke:-?} ms | ≤ 16 ms | Keystroke, simulation and portfolio in Chromium |"
  echo "| anchor: the same 20-initiative model in Squiggle, 10,000 samples | — | ${squiggle_ms:-?} ms; Caseboard in the worker ${ratio:-?} faster | — | Squiggle anchor, 20 initiatives |"
  cat "$body"
} >"$out"
printf '\nwrote %s\n' "$out"
