#!/usr/bin/env python3
"""Generate tests/fixtures/saved_figures.json: every figure of the comparison table for every
saved fixture (tests/fixtures/saved/*.json), computed by an independent oracle.

    python3 tools/gen_figure_fixtures.py            # writes the fixture
    python3 tools/gen_figure_fixtures.py --check    # fails if the fixture on disk differs

The oracle is this file alone: it re-implements the README's "How the figures are computed" from
the text, in Python's standard library only (no numpy), and shares no code with the app or with
tests/e2e/oracle.ts. Its IRR is its own root finding: the monthly flows' NPV is scanned on a grid
in log(1 + monthly rate) from -99.995% to +2,200,000% a month, every sign change is bisected to
the last bit, and the root closest to 0% (smallest |monthly rate|) is kept, annualized as
(1 + m)^12 - 1 (the README's rule; numpy-financial's `irr` makes the same choice).

Read by tests/persist.rs (annual value and NPV of every fixture), tests/oracle_figures.rs (every
figure), tests/example_flat.rs (the built-in example's figures) and tests/web.rs.
"""

import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAVED = os.path.join(ROOT, "tests", "fixtures", "saved")
OUT = os.path.join(ROOT, "tests", "fixtures", "saved_figures.json")

PERIODS = {"week": 52, "month": 12, "year": 1}
# The README's drivers, in the order of the comparison's rows driver-0 … driver-4.
DRIVERS = ["productivity", "availability", "risk", "cost", "revenue"]
DRIVER_OF = {
    "hours_saved": 0,
    "outage_avoided": 1,
    "risk_reduced": 2,
    "cost_avoided": 3,
    "revenue_gained": 4,
}


def likely(v):
    """An estimate is a number or {"low", "likely", "high"}; the figures use `likely`."""
    return float(v["likely"]) if isinstance(v, dict) else float(v)


def annual_value(b, s):
    """A benefit's value per year at full adoption, before the confidence adjustment."""
    k = b["kind"]
    g = lambda name: likely(b[name])  # noqa: E731
    rate = likely(b["hourly_rate"]) if b.get("hourly_rate") is not None else s["default_hourly_rate"]
    if k == "hours_saved":
        return g("hours") * PERIODS[b["per"]] * rate * g("adoption_pct") / 100 * g("recapture_pct") / 100
    if k == "outage_avoided":
        minutes = g("baseline_minutes_per_year") * g("reduction_pct") / 100
        per_minute = g("revenue_per_minute") * g("revenue_impact_pct") / 100 + g(
            "affected_staff"
        ) * rate / 60 * g("productivity_loss_pct") / 100
        return minutes * per_minute + g("incidents_avoided_per_year") * g("cost_per_incident")
    if k == "risk_reduced":
        before = g("events_per_year") * g("loss_per_event")
        after = (
            g("events_per_year")
            * (1 - g("likelihood_reduction_pct") / 100)
            * g("loss_per_event")
            * (1 - g("impact_reduction_pct") / 100)
        )
        return before - after
    if k == "cost_avoided":
        return g("amount_per_year")
    if k == "revenue_gained":
        return g("revenue_per_year") * g("margin_pct") / 100
    raise ValueError(f"unknown benefit kind {k}")


def fte(b, s):
    """Hours saved only: yearly hours × adoption ÷ working hours per FTE-year (None when 0)."""
    if b["kind"] != "hours_saved":
        return None
    if s["hours_per_fte_year"] == 0:
        return None
    yearly = likely(b["hours"]) * PERIODS[b["per"]]
    return yearly * likely(b["adoption_pct"]) / 100 / s["hours_per_fte_year"]


def monthly_flows(i, s, annual, delay=0):
    """(benefit, cost) per month 0 … horizon × 12; month 0 holds the one-time cost."""
    months = s["horizon_years"] * 12
    delivery = likely(i["delivery_months"]) + delay
    ramp = likely(i["ramp_up_months"])
    confidence = likely(i.get("confidence_pct", 100)) / 100
    running = likely(i["annual_running_cost"]) / 12
    flows = [(0.0, likely(i["one_time_cost"]))]
    for m in range(1, months + 1):
        share = min(1.0, max(0.0, (m - delivery) / max(ramp, 1.0)))
        flows.append((annual / 12 * share * confidence, running))
    return flows


def present_values(flows, annual_rate_pct):
    monthly = (1 + annual_rate_pct / 100) ** (1 / 12) - 1
    pv_b = sum(b * (1 + monthly) ** -m for m, (b, _) in enumerate(flows))
    pv_c = sum(c * (1 + monthly) ** -m if m > 0 else c for m, (_, c) in enumerate(flows))
    return pv_b, pv_c


def payback(net):
    """After the last month whose cumulative flow is negative, interpolated within the next."""
    cum, last_neg, cum_at = 0.0, -1, 0.0
    for t, f in enumerate(net):
        cum += f
        if cum < 0:
            last_neg, cum_at = t, cum
    if last_neg < 0:
        return 0.0
    if last_neg == len(net) - 1:
        return None
    return last_neg + min(1.0, max(0.0, -cum_at / net[last_neg + 1]))


def npv_at(net, m):
    return math.fsum(f * (1 + m) ** -t for t, f in enumerate(net))


def irr(net):
    """Annual IRR in percent, or None when the flows never change sign or no root is found."""
    signs = [f > 0 for f in net if f != 0]
    if all(signs) or not any(signs):
        return None
    lo, hi = math.log(1 - 0.99995), math.log(1 + 22000.0)
    steps = 20000
    grid = [lo + (hi - lo) * k / steps for k in range(steps + 1)]
    roots = []
    prev_y, prev_v = grid[0], npv_at(net, math.expm1(grid[0]))
    for y in grid[1:]:
        v = npv_at(net, math.expm1(y))
        if v == 0:
            roots.append(math.expm1(y))
        elif (prev_v < 0) != (v < 0) and prev_v != 0:
            a, b, fa = prev_y, y, prev_v
            for _ in range(200):
                mid = (a + b) / 2
                if mid in (a, b):
                    break
                fm = npv_at(net, math.expm1(mid))
                if (fm < 0) == (fa < 0):
                    a, fa = mid, fm
                else:
                    b = mid
            roots.append(math.expm1((a + b) / 2))
        prev_y, prev_v = y, v
    if not roots:
        return None
    m = min(roots, key=abs)
    return ((1 + m) ** 12 - 1) * 100


def score(i, criteria):
    """Weighted mean of (s − 1) ÷ 4, or (5 − s) ÷ 4 when lower is better, × 100."""
    total, weight = 0.0, 0.0
    for c in criteria:
        s = i.get("scores", {}).get(c["id"])
        if s is None:
            continue
        n = (5 - s) / 4 if c["direction"] == "lower_is_better" else (s - 1) / 4
        total += n * c["weight"]
        weight += c["weight"]
    return total / weight * 100 if weight > 0 else None


def ranks(values):
    """1 = highest, ties share a rank."""
    return [1 + sum(o > v for o in values) for v in values]


def initiative(i, s, criteria):
    annual_by_driver = [0.0] * 5
    for b in i["benefits"]:
        annual_by_driver[DRIVER_OF[b["kind"]]] += annual_value(b, s)
    annual = sum(annual_value(b, s) for b in i["benefits"])
    flows = monthly_flows(i, s, annual)
    pv_b, pv_c = present_values(flows, s["discount_rate_pct"])
    npv = pv_b - pv_c
    net = [b - c for b, c in flows]
    late_b, late_c = present_values(monthly_flows(i, s, annual, delay=1), s["discount_rate_pct"])
    defined = pv_c >= 0.005
    return {
        "id": i["id"],
        "name": i["name"],
        "annual_by_driver": annual_by_driver,
        "drivers_present": sorted({DRIVER_OF[b["kind"]] for b in i["benefits"]}),
        "annual_value": annual,
        "fte": [fte(b, s) for b in i["benefits"]],
        "pv_benefits": pv_b,
        "pv_costs": pv_c,
        "npv": npv,
        "roi_pct": npv / pv_c * 100 if defined else None,
        "benefit_cost_ratio": pv_b / pv_c if defined else None,
        "irr_pct": irr(net),
        "payback_months": payback(net),
        "cost_of_delay": npv - (late_b - late_c),
        "score": score(i, criteria),
        "net_total": math.fsum(net),
    }


def settings(data):
    return {
        "horizon_years": data.get("horizon_years", 3),
        "discount_rate_pct": likely(data.get("discount_rate_pct", 10)),
        "default_hourly_rate": likely(data.get("default_hourly_rate", 65)),
        "hours_per_fte_year": likely(data.get("hours_per_fte_year", 1800)),
    }


def fixture(name):
    with open(os.path.join(SAVED, name), encoding="utf-8") as f:
        doc = json.load(f)
    data = doc["data"] if "format" in doc else doc
    s = settings(data)
    rows = [initiative(i, s, data["criteria"]) for i in data["initiatives"]]
    for r, k in zip(rows, ranks([r["npv"] for r in rows])):
        r["rank_by_npv"] = k
    return {"file": name, "initiatives": rows}


def build():
    names = sorted(n for n in os.listdir(SAVED) if n.endswith(".json"))
    return {
        "generator": "tools/gen_figure_fixtures.py (Python standard library only)",
        "fixtures": [fixture(n) for n in names],
    }


def main():
    text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} is out of date: run python3 tools/gen_figure_fixtures.py")
        print("up to date")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
