#!/usr/bin/env python3
"""Generate tests/fixtures/lec_oracle.json: loss exceedance curves of a few fixed risk cases,
simulated by an independent oracle, for tests/loss.rs.

    bash tools/recalc-setup.sh                                  # once: the venv with numpy
    .venv-recalc/bin/python tools/gen_lec_fixtures.py           # writes the fixture
    .venv-recalc/bin/python tools/gen_lec_fixtures.py --check   # fails if the fixture differs

The oracle is this file alone: it re-implements the model described in src/model/loss.rs's module
documentation from the text, with NumPy's own generator (`np.random.default_rng`), and shares no
code with the app. One trial is one year:

* events per year λ: PERT(low, likely, high) when a range (low + width * Beta), else the point;
  the count N ~ Poisson(λ);
* each event's loss: lognormal with the range's low and high as its 5th and 95th percentiles;
  PERT when the range's low is 0; the likely value when a point;
* the year's loss before: the sum of the N losses;
* after: likelihood and impact reductions drawn per trial (PERT or point); K ~ Binomial(N, 1 - rl)
  of the same N events survive (the first K: the losses are independent of K, so any K of them
  are as good as a random K), each multiplied by (1 - ri);
* several risks: their yearly losses summed in the same trial, each drawn independently.

Each case is run at TRIALS trials; per case the fixture holds the inputs, P(loss > x) before and
after at chosen x, and the mean and standard deviation of the yearly loss before and after. The
Rust test compares its own run with these within sampling error, so `--check` allows for a NumPy
that draws differently in the last bits (TOLERANCE) but catches any change of model or case.
"""

import json
import math
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "lec_oracle.json")

TRIALS = 200_000
SEED = 20_240_601
# z of the normal's 95th percentile: low and high are the 5th and 95th percentiles
Z95 = 1.6448536269514722
# --check: largest difference allowed in a probability, and relative in a mean or deviation
TOLERANCE = 1e-9
RUN = ".venv-recalc/bin/python tools/gen_lec_fixtures.py"


def pt(v):
    return {"likely": v}


def rg(low, likely, high):
    return {"low": low, "likely": likely, "high": high}


def risk(events, loss, likelihood, impact):
    return {
        "events_per_year": events,
        "loss_per_event": loss,
        "likelihood_reduction_pct": likelihood,
        "impact_reduction_pct": impact,
    }


# Each case: a name, its risks (summed), and the x at which P(yearly loss > x) is recorded.
CASES = [
    {
        "name": "rare, lognormal loss, point reductions",
        "risks": [risk(pt(0.3), rg(50_000, 200_000, 2_000_000), pt(50), pt(20))],
        "x": [0, 50_000, 200_000, 500_000, 1_000_000, 3_000_000],
    },
    {
        "name": "frequent, every input a range",
        "risks": [risk(rg(2, 4, 8), rg(5_000, 20_000, 150_000), rg(20, 40, 60), rg(10, 25, 50))],
        "x": [0, 20_000, 60_000, 150_000, 400_000, 1_000_000],
    },
    {
        "name": "many events, point loss",
        "risks": [risk(rg(8, 12, 20), pt(10_000), pt(30), rg(0, 10, 30))],
        "x": [0, 60_000, 100_000, 140_000, 180_000, 230_000],
    },
    {
        "name": "above one a year, point loss, likelihood range",
        "risks": [risk(pt(1.5), pt(250_000), rg(30, 50, 70), pt(0))],
        "x": [0, 250_000, 500_000, 750_000, 1_000_000, 1_250_000],
    },
    {
        "name": "two risks summed, one with a PERT loss (low 0)",
        "risks": [
            risk(pt(0.3), rg(50_000, 200_000, 2_000_000), pt(50), pt(20)),
            risk(pt(4), rg(0, 40_000, 100_000), rg(10, 20, 40), pt(50)),
        ],
        "x": [0, 50_000, 150_000, 300_000, 600_000, 1_500_000],
    },
]


def bounds(e):
    likely = float(e["likely"])
    return float(e.get("low", likely)), likely, float(e.get("high", likely))


def draw(rng, e, n):
    """n draws of an estimate: PERT for a range with width, else its likely value."""
    low, likely, high = bounds(e)
    width = high - low
    if width <= 0:
        return np.full(n, likely)
    a = 1 + 4 * (likely - low) / width
    b = 1 + 4 * (high - likely) / width
    return low + width * rng.beta(a, b, n)


def draw_losses(rng, e, n):
    """n event losses: lognormal from the 5th and 95th percentiles when low > 0."""
    low, _, high = bounds(e)
    if high > low and low > 0:
        mu = (math.log(low) + math.log(high)) / 2
        sigma = (math.log(high) - math.log(low)) / (2 * Z95)
        return rng.lognormal(mu, sigma, n)
    return draw(rng, e, n)


def simulate(rng, r, trials):
    """Yearly losses before and after of one risk over `trials` years."""
    lam = draw(rng, r["events_per_year"], trials)
    n = rng.poisson(lam)
    rl = draw(rng, r["likelihood_reduction_pct"], trials) / 100
    ri = draw(rng, r["impact_reduction_pct"], trials) / 100
    k = rng.binomial(n, 1 - rl)
    total = int(n.sum())
    losses = draw_losses(rng, r["loss_per_event"], total)
    year = np.repeat(np.arange(trials), n)
    # each event's place within its year; the first k of the year survive
    place = np.arange(total) - np.repeat(np.cumsum(n) - n, n)
    survives = place < np.repeat(k, n)
    before = np.bincount(year, weights=losses, minlength=trials)
    after = np.bincount(year, weights=losses * survives, minlength=trials) * (1 - ri)
    return before, after


def case(rng, c):
    before = np.zeros(TRIALS)
    after = np.zeros(TRIALS)
    for r in c["risks"]:
        b, a = simulate(rng, r, TRIALS)
        before += b
        after += a
    assert np.all(after <= before * (1 + 1e-12)), "after exceeds before in a trial"
    return {
        "name": c["name"],
        "risks": c["risks"],
        "x": c["x"],
        "p_before": [float(np.mean(before > x)) for x in c["x"]],
        "p_after": [float(np.mean(after > x)) for x in c["x"]],
        "mean_before": float(before.mean()),
        "mean_after": float(after.mean()),
        "sd_before": float(before.std(ddof=1)),
        "sd_after": float(after.std(ddof=1)),
    }


def build():
    rng = np.random.default_rng(SEED)
    return {
        "generator": f"tools/gen_lec_fixtures.py (NumPy {np.__version__}, default_rng({SEED}))",
        "trials": TRIALS,
        "cases": [case(rng, c) for c in CASES],
    }


def differs(want, have, path="fixture"):
    """Where two fixtures differ beyond TOLERANCE (None when they agree)."""
    if isinstance(want, dict) and isinstance(have, dict):
        if want.keys() != have.keys():
            return f"{path}: keys {sorted(have)} != {sorted(want)}"
        for key in want:
            if key == "generator":
                continue
            d = differs(want[key], have[key], f"{path}.{key}")
            if d:
                return d
        return None
    if isinstance(want, list) and isinstance(have, list):
        if len(want) != len(have):
            return f"{path}: {len(have)} items, {len(want)} expected"
        for i, (w, h) in enumerate(zip(want, have)):
            d = differs(w, h, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(want, float) or isinstance(have, float):
        scale = max(1.0, abs(want)) if isinstance(want, (int, float)) else 1.0
        if not isinstance(have, (int, float)) or abs(want - have) > TOLERANCE * scale:
            return f"{path}: {have} on disk, {want} computed"
        return None
    return None if want == have else f"{path}: {have!r} on disk, {want!r} computed"


def main():
    data = build()
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            d = differs(data, json.load(f))
        if d:
            sys.exit(f"{OUT} is out of date ({d}): run {RUN}")
        print("up to date")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
