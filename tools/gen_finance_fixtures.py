#!/usr/bin/env python3
"""Generate tests/fixtures/finance_oracle.json: an independent NPV/IRR oracle.

The oracle values are computed with numpy-financial (npf.npv, npf.irr).
Requirements: numpy and numpy-financial only (everything else is stdlib).

    python3 tools/gen_finance_fixtures.py            # writes the fixture
    python3 tools/gen_finance_fixtures.py --check    # also prints diagnostics

Output is deterministic: the random series come from random.Random(SEED)
(Python's Mersenne Twister, whose random() stream is stable across
versions), not from time or numpy's RNG.

How npf.irr (numpy-financial 1.0.0) works -- the Rust side must match:
  * res = np.roots(flows[::-1]): roots of p(x) = sum_t flows[t] * x**t,
    x = 1/(1+r), via the eigenvalues of the companion matrix (LAPACK
    dgeev). No Newton step, no initial guess, no iteration.
  * Keeps only roots with imag == 0 exactly and real > 0 (so every rate is
    > -1). If none: returns nan (all-positive, all-negative, all-zero,
    single-nonzero and "sign changes but no real root" series all give nan).
  * rate = 1/x - 1 for each kept root; returns the one with the smallest
    |rate| (the root closest to 0%); ties -> first in eigenvalue order.
  * Leading zero flows give roots x = 0 (dropped); trailing zero flows are
    stripped by np.roots -- neither changes the result.

Extra fields written per case (not from npf):
  irr_polished: the root nearest npf's irr, refined by Newton's method in
                60-digit decimal arithmetic (null when irr is null).
  irr_all:      every distinct real IRR > -1, sorted, each polished the
                same way (found from np.roots candidates plus a sign-change
                scan of p(x) in high precision).
"""

import json
import math
import os
import random
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import numpy_financial as npf

SEED = 20240611
getcontext().prec = 60

STD_RATES = [0.0, -0.05, 0.1, 0.0079741404]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "finance_oracle.json")


# ---------------------------------------------------------------- cases ----

def cubic_flows(scale, r1, r2, r3):
    """Flows [v0..v3] whose NPV is zero exactly at rates r1, r2, r3.

    NPV * (1+r)^3 = v0*y^3 + v1*y^2 + v2*y + v3 with y = 1+r, so take
    v = -scale * coefficients of (y-y1)(y-y2)(y-y3).
    """
    y1, y2, y3 = 1 + r1, 1 + r2, 1 + r3
    c = [1.0, -(y1 + y2 + y3), y1 * y2 + y1 * y3 + y2 * y3, -(y1 * y2 * y3)]
    return [-scale * a for a in c]


def build_cases():
    rng = random.Random(SEED)
    cases = []

    def add(name, flows, extra_rates=()):
        flows = [float(v) for v in flows]
        rates = list(STD_RATES) + [float(r) for r in extra_rates]
        cases.append((name, flows, rates))

    # Conventional, annual-length (4..11 flows).
    add("conventional_npf_doc_5", [-100, 39, 59, 55, 20], [0.28])
    add("conventional_annuity_4", [-1000, 400, 400, 400])
    add("conventional_uneven_7", [-25000, 3000, 5000, 7000, 9000, 6000, 4000], [0.08])
    add("conventional_11", [-50000] + [6500 + 500 * t for t in range(10)], [0.12])
    add("conventional_terminal_value_6", [-80000, 5000, 6000, 7000, 8000, 95000])

    # Monthly-length timelines: big outflow at t=0.
    add("monthly_37_conventional", [-120000] + [3000 + 50 * t for t in range(36)],
        [0.01, 0.02])
    add("monthly_121_conventional",
        [-500000] + [round(5200 * 1.004 ** t, 2) for t in range(120)], [0.005])
    seasonal = [-90000] + [round(2800 + 900 * math.sin(2 * math.pi * t / 12), 2)
                           for t in range(1, 37)]
    add("monthly_37_seasonal", seasonal)
    low = [-1000000] + [9000.0] * 119 + [9000.0 + 150000]
    add("monthly_121_low_return", low, [0.001])

    # No IRR.
    add("all_negative", [-100, -50, -25, -10])
    add("all_positive", [100, 50, 25, 10])
    add("single_nonzero_middle", [0, 0, 0, 500, 0, 0])
    add("single_nonzero_first_negative", [-1000, 0, 0, 0])
    add("two_sign_changes_no_real_irr", [-100, 150, -60])

    # Zeros at the start / end.
    add("zeros_at_start", [0, 0, -1000, 300, 400, 500])
    add("zeros_at_end", [-1000, 300, 400, 500, 0, 0])

    # Multiple sign changes.
    add("two_irrs_10_20", [-100, 230, -132], [0.15])
    add("two_irrs_mine_reclamation", [-1600, 10000, -10000], [0.5, 2.0])
    add("three_irrs_5_15_30", cubic_flows(1000.0, 0.05, 0.15, 0.30), [0.2])
    add("three_sign_changes_one_irr", [-100, 150, -60, 30])
    add("npf_doc_three_sign_changes", [-5, 10.5, 1, -8, 1])

    # Special IRR values.
    add("negative_irr", [-1000, 200, 300, 250], [-0.1])
    add("negative_irr_npf_doc", [-100, 0, 0, 74])
    add("very_high_irr", [-100, 250, 300, 50], [1.5])
    add("extreme_irr_1900pct", [-1, 20], [5.0])
    add("borrowing_positive_first", [1000, -300, -400, -500])
    add("borrowing_monthly_37", [250000] + [-7800.0] * 36)

    # Magnitudes.
    add("large_magnitude_1e7", [-2.5e7, 6e6, 7e6, 8e6, 9e6, 1e7])
    add("tiny_magnitude_1e-3", [-5e-3, 1e-3, 2e-3, 1.5e-3, 2.5e-3])

    # Seeded random series (values rounded to cents).
    def cents(x):
        return round(x, 2)

    for i in range(3):
        n = rng.randint(4, 11)
        out = -rng.uniform(1e4, 1e6)
        flows = [cents(out)] + [cents(rng.uniform(0.05, 0.45) * -out) for _ in range(n - 1)]
        add(f"random_annual_conventional_{i}", flows)
    for i, n in enumerate((37, 121)):
        out = -rng.uniform(5e4, 2e6)
        flows = [cents(out)] + [cents(rng.uniform(-0.01, 0.05) * -out) for _ in range(n - 1)]
        add(f"random_monthly_{n}_{i}", flows)
    for i in range(3):
        n = rng.randint(5, 11)
        flows = [cents(-rng.uniform(100, 10000))] + \
                [cents(rng.uniform(-6000, 6000)) for _ in range(n - 1)]
        add(f"random_mixed_signs_{i}", flows)
    return cases


# ------------------------------------------------------- high precision ----

def dec_poly(flows, x):
    """p(x) = sum flows[t] x^t and p'(x), Horner, in Decimal."""
    p = Decimal(0)
    dp = Decimal(0)
    for v in reversed(flows):
        dp = dp * x + p
        p = p * x + Decimal(v)
    return p, dp


def dec_scale(flows, x):
    s = Decimal(0)
    xt = Decimal(1)
    for v in flows:
        s += abs(Decimal(v)) * xt
        xt *= x
    return s


def newton_x(flows, x0, steps=200):
    """Newton on p(x) in Decimal from x0 > 0. Returns x or None."""
    x = Decimal(x0)
    if x <= 0:
        return None
    tol = Decimal(10) ** -50
    for _ in range(steps):
        p, dp = dec_poly(flows, x)
        if dp == 0:
            break
        nx = x - p / dp
        if nx <= 0:
            nx = x / 2
        if abs(nx - x) <= tol * abs(nx):
            x = nx
            break
        x = nx
    p, _ = dec_poly(flows, x)
    if x > 0 and abs(p) <= dec_scale(flows, x) * Decimal(10) ** -25:
        return x
    return None


def bisect_x(flows, a, b):
    pa, _ = dec_poly(flows, a)
    for _ in range(400):
        m = (a + b) / 2
        pm, _ = dec_poly(flows, m)
        if pm == 0:
            return m
        if (pm > 0) == (pa > 0):
            a, pa = m, pm
        else:
            b = m
        if b - a <= abs(m) * Decimal(10) ** -55:
            break
    return (a + b) / 2


def all_real_roots_x(flows):
    """Distinct positive real roots of p(x) (i.e. IRRs > -1), polished."""
    found = []
    if not any(flows):
        return found
    # 1) candidates from np.roots, including near-real complex ones
    for z in np.roots(np.array(flows[::-1])):
        if z.real > 0 and abs(z.imag) <= 1e-4 * abs(z):
            x = newton_x(flows, repr(float(z.real)))
            if x is not None:
                found.append(x)
    # 2) sign-change scan over x in [1e-4, 1e4] (rates -0.9999 .. 9999)
    grid = [Decimal(10) ** (Decimal(k) / 500 - 4) for k in range(0, 4001)]
    prev = None
    for x in grid:
        p, _ = dec_poly(flows, x)
        if prev is not None and p != 0 and prev[1] != 0 and (p > 0) != (prev[1] > 0):
            r = bisect_x(flows, prev[0], x)
            x2 = newton_x(flows, r) or r
            found.append(x2)
        prev = (x, p)
    uniq = []
    for x in sorted(found):
        if not uniq or abs(x - uniq[-1]) > abs(x) * Decimal(10) ** -12:
            uniq.append(x)
    return uniq


def x_to_rate(x):
    return 1 / x - 1


def exact_npv(rate, flows):
    g = 1 + Fraction(rate)
    return sum(Fraction(v) / g ** t for t, v in enumerate(flows))


# ----------------------------------------------------------------- main ----

def main():
    check = "--check" in sys.argv
    out_cases = []
    notes = []
    for name, flows, rates in build_cases():
        npv_entries = []
        for r in rates:
            v = float(npf.npv(r, flows))
            ex = exact_npv(r, flows)
            terms = sum(abs(Fraction(f)) / (1 + Fraction(r)) ** t for t, f in enumerate(flows))
            # A rate that is (numerically) an IRR of the series has NPV ~ 0,
            # which no relative tolerance can test: leave it out.
            if ex == 0 or terms / abs(ex) > 10 ** 8:
                notes.append(f"NPV {name} rate={r}: skipped, rate is an IRR "
                             f"(exact NPV {float(ex):.1e}, npf {v!r})")
                continue
            npv_entries.append({"rate": r, "value": v})
            rel = abs(Fraction(v) - ex) / abs(ex)
            cond = terms / abs(ex)
            if rel > Fraction(1, 10 ** 12) or cond > 10 ** 4:
                notes.append(f"NPV {name} rate={r}: rel err vs exact {float(rel):.2e}, "
                             f"cancellation factor {float(cond):.2e}")

        irr = float(npf.irr(flows))
        roots = all_real_roots_x(flows)
        irr_all = sorted(float(x_to_rate(x)) for x in roots)
        irr_polished = None
        if math.isnan(irr):
            irr_out = None
            if roots:
                notes.append(f"IRR {name}: npf gives nan but real IRRs exist {irr_all}")
        else:
            irr_out = irr
            if roots:
                target = Decimal(repr(irr))
                best = min(roots, key=lambda x: abs(x_to_rate(x) - target))
                pr = x_to_rate(best)
                irr_polished = float(pr)
                x = 1 / (1 + Decimal(repr(irr)))
                p, dp = dec_poly(flows, x)
                resid = float(abs(p) / dec_scale(flows, x))
                diff = abs(Decimal(repr(irr)) - pr)
                rel = float(diff / abs(pr)) if pr != 0 else float("inf")
                # relative condition number of the rate w.r.t. relative
                # perturbations of the flows: sum|v_t x^t| / |r * x * p'(x)|
                xb = best
                _, dpb = dec_poly(flows, xb)
                cond = float(dec_scale(flows, xb) / abs(pr * xb * dpb)) if pr != 0 and dpb != 0 \
                    else float("inf")
                line = (f"IRR {name}: npf={irr!r} polished={irr_polished!r} rel_diff={rel:.1e} "
                        f"|NPV(irr)|/sum|flows_disc|={resid:.1e} cond={cond:.1e}")
                if check:
                    print(line)
                if rel > 1e-11 or cond > 1e6:
                    notes.append(line)
                # Is npf's choice the root closest to zero among all real IRRs?
                closest = min(irr_all, key=abs)
                if abs(closest - irr_polished) > 1e-9 * max(1.0, abs(closest)):
                    notes.append(f"IRR {name}: npf root {irr!r} is not the closest-to-zero "
                                 f"real IRR {closest!r}")
            else:
                notes.append(f"IRR {name}: npf gives {irr!r} but no real root was found")
        out_cases.append({
            "name": name,
            "flows": flows,
            "npv": npv_entries,
            "irr": irr_out,
            "irr_polished": irr_polished,
            "irr_all": irr_all,
        })

    doc = {
        "generator": (f"tools/gen_finance_fixtures.py (seed {SEED}) with numpy-financial "
                      f"{npf.__version__}, numpy {np.__version__}"),
        "cases": out_cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {len(out_cases)} cases to {os.path.relpath(OUT, ROOT)}")
    for n in notes:
        print("NOTE:", n)


if __name__ == "__main__":
    main()
