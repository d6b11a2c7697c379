#!/usr/bin/env python3
"""Self-test of tools/recalc_xlsx.py: build a workbook, recalculate it, compare by hand.

Run with the recalc venv's python (see tools/recalc-setup.sh):

    bash tools/recalc-setup.sh && .venv-recalc/bin/python tools/recalc_selftest.py

It writes (with openpyxl, so no formula carries a cached value) a workbook that uses
every construct Caseboard's export relies on: + - * / ^ and unary minus, parentheses,
$B$3 / B3 references, cross-sheet references to quoted names with spaces and
parentheses (and one with an apostrophe), SUM over ranges, MIN, MAX, IF, AND, IFERROR, COUNTIF(range,"<0"),
INDEX(range, n), IRR(range), comparisons, text and error results, and the monthly
cash-flow layout (discount factor, PV, cumulative, last negative month, NPV, payback,
annualized IRR). It then runs `recalc_xlsx.py` on it in a subprocess and checks every
formula cell against values computed here in plain Python. It also checks that a
broken file and an unsupported function make recalc_xlsx.py exit non-zero.

Exit 0 and "N passed, 0 failed" when all match; exit 1 otherwise.
"""

import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RECALC = os.path.join(HERE, "recalc_xlsx.py")

MONTHS = 36
FIRST = 5  # first month row on a cash-flow sheet
LAST = FIRST + MONTHS  # 41


def irr(flows):
    """The rate r > -1 where sum(f / (1+r)^t) = 0, by bisection (flows with one sign change)."""

    def npv(r):
        return sum(f / (1.0 + r) ** t for t, f in enumerate(flows))

    lo, hi = -0.99, 1.0
    assert npv(lo) * npv(hi) < 0, "test flows must bracket one IRR"
    for _ in range(200):
        mid = (lo + hi) / 2
        if (npv(lo) < 0) == (npv(mid) < 0):
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def cash_flow_sheet(ws, rate_formula, rate, flow_formula, flows):
    """The monthly layout; returns {cell: expected value} of its formula cells."""
    exp = {}
    ws["A1"] = "Annual discount rate"
    ws["B1"] = rate_formula
    exp["B1"] = rate
    ws["A4"], ws["B4"], ws["C4"], ws["D4"], ws["E4"], ws["F4"] = (
        "Month", "Net flow", "Discount factor", "PV", "Cumulative", "Last month below zero")
    cum = 0.0
    last_neg = -1
    cums = []
    for m in range(MONTHS + 1):
        r = FIRST + m
        ws[f"A{r}"] = m
        ws[f"B{r}"] = flow_formula(m, r)
        exp[f"B{r}"] = flows[m]
        ws[f"C{r}"] = f"=(1+$B$1)^(-A{r}/12)"
        df = (1 + rate) ** (-m / 12)
        exp[f"C{r}"] = df
        ws[f"D{r}"] = f"=B{r}*C{r}"
        exp[f"D{r}"] = flows[m] * df
        ws[f"E{r}"] = f"=B{r}" if m == 0 else f"=E{r - 1}+B{r}"
        cum += flows[m]
        cums.append(cum)
        exp[f"E{r}"] = cum
        ws[f"F{r}"] = f"=IF(E{r}<0,A{r},-1)" if m == 0 else f"=IF(E{r}<0,A{r},F{r - 1})"
        if cum < 0:
            last_neg = m
        exp[f"F{r}"] = float(last_neg)
    ws["H1"], ws["H2"], ws["H3"], ws["H4"] = "NPV", "Payback (months)", "IRR (a year)", "IRR of factors"
    ws["I1"] = f"=SUM(D{FIRST}:D{LAST})"
    exp["I1"] = sum(flows[m] * (1 + rate) ** (-m / 12) for m in range(MONTHS + 1))
    ws["I2"] = (
        f'=IF(COUNTIF(E{FIRST}:E{LAST},"<0")=0,0,IF(F{LAST}=A{LAST},"Not within",'
        f"F{LAST}+MIN(1,MAX(0,-INDEX(E{FIRST}:E{LAST},F{LAST}+1)/INDEX(B{FIRST}:B{LAST},F{LAST}+2)))))"
    )
    if not any(c < 0 for c in cums):
        exp["I2"] = 0.0
    elif last_neg == MONTHS:
        exp["I2"] = "Not within"
    else:
        exp["I2"] = last_neg + min(1.0, max(0.0, -cums[last_neg] / flows[last_neg + 1]))
    ws["I3"] = f"=(1+IRR(B{FIRST}:B{LAST}))^12-1"
    exp["I3"] = (1 + irr(flows)) ** 12 - 1
    # All factors are positive: IRR has no root, so #NUM!, which IFERROR turns into text.
    ws["I4"] = f'=IFERROR((1+IRR(C{FIRST}:C{LAST}))^12-1,"none")'
    exp["I4"] = "none"
    return exp


def build(path):
    """Write the test workbook to `path`; return {sheet: {cell: expected}}."""
    from openpyxl import Workbook

    wb = Workbook()
    expected = {}

    # --- Inputs: values, arithmetic, logic, text, errors ------------------------------
    ws = wb.active
    ws.title = "Inputs"
    e = {}
    rate, outlay, benefit, growth = 0.08, 1200.0, 60.0, 1.5
    ws["A1"], ws["B1"] = "Annual discount rate", rate
    ws["A2"], ws["B2"] = "Up-front cost", outlay
    ws["A3"], ws["B3"] = "Monthly benefit", benefit
    ws["A4"], ws["B4"] = "Growth per month", growth
    cases = [
        ("=B2+B3*2-B4/3", outlay + benefit * 2 - growth / 3),
        ("=(B2+B3)*(B4-1)/2", (outlay + benefit) * (growth - 1) / 2),
        ("=-B4", -growth),
        ("=-(B2-B3)", -(outlay - benefit)),
        ("=0-B4^2", -(growth ** 2)),
        ("=-B4^2", growth ** 2),  # Excel: unary minus binds tighter than ^
        ("=2^3^2", 64.0),  # Excel: ^ is left-associative
        ("=B3^(1/2)", benefit ** 0.5),
        ("=$B$2-B2+$B3*B$4", benefit * growth),
        ("=B3/0", "#DIV/0!"),
        ('=IFERROR(B3/0,"div")', "div"),
        ("=IFERROR(B3/4,-1)", benefit / 4),
        ('=IF(B2>=1200,"big","small")', "big"),
        ('=IF(B2>1200,"big","small")', "small"),
        ("=IF(B2<>B3,1,2)", 1.0),
        ("=IF(B2<=B3,1,2)", 2.0),
        ("=A1", "Annual discount rate"),
        ('="abc"', "abc"),
        ("=AND(B2>0,B3>0)", True),
        ("=AND(B2>0,B3<0)", False),
        ("=IF(AND(B2>0,B3>0,B4>1),10,20)", 10.0),
        ("=0", 0.0),
        ("=MIN(B2,B3,B4)", growth),
        ("=MAX(B2:B4)", outlay),
        ("=MIN(1,MAX(0,B4-1))", 0.5),
        ("=SUM(B1:B4)", rate + outlay + benefit + growth),
        ("=SUM(B2,B3,5)", outlay + benefit + 5),
        ("=B2*0.5%", outlay * 0.005),
    ]
    for n, (formula, value) in enumerate(cases):
        r = 6 + n
        ws[f"A{r}"] = formula[1:]  # the formula as text, for a reader
        ws[f"B{r}"] = formula
        e[f"B{r}"] = value
    expected["Inputs"] = e

    # --- Cash flow 1: pays back within the horizon ------------------------------------
    flows1 = [-outlay] + [benefit + growth * m for m in range(1, MONTHS + 1)]
    ws = wb.create_sheet("Cash flow 1")
    expected["Cash flow 1"] = cash_flow_sheet(
        ws,
        "=Inputs!$B$1",
        rate,
        lambda m, r: "=-Inputs!$B$2" if m == 0 else f"=Inputs!$B$3+Inputs!$B$4*A{r}",
        flows1,
    )

    # --- Cash flow (scenario 2): never pays back; reads Cash flow 1 -------------------
    big = 5000.0
    flows2 = [-big] + flows1[1:]
    ws = wb.create_sheet("Cash flow (scenario 2)")
    ws["K1"], ws["L1"] = "Outlay", big
    expected["Cash flow (scenario 2)"] = cash_flow_sheet(
        ws,
        "='Cash flow 1'!B1+0.02",
        rate + 0.02,
        lambda m, r: "=-$L$1" if m == 0 else f"='Cash flow 1'!B{r}",
        flows2,
    )

    # --- Summary (all): cross-sheet reads ---------------------------------------------
    ws = wb.create_sheet("Summary (all)")
    c1, c2 = expected["Cash flow 1"], expected["Cash flow (scenario 2)"]
    cum1 = [c1[f"E{r}"] for r in range(FIRST, LAST + 1)]
    rows = [
        ("NPV 1", "='Cash flow 1'!I1", c1["I1"]),
        ("Payback 2", "='Cash flow (scenario 2)'!I2", "Not within"),
        ("Payback 1", "='Cash flow 1'!$I$2", c1["I2"]),
        ("Max flow", f"=MAX('Cash flow 1'!B{FIRST}:B{LAST})", max(flows1)),
        ("Min flow", f"=MIN('Cash flow 1'!B{FIRST}:B{LAST})", min(flows1)),
        ("Both sums", f"=SUM('Cash flow 1'!B{FIRST}:B{LAST},'Cash flow (scenario 2)'!B{FIRST}:B{LAST})",
         sum(flows1) + sum(flows2)),
        ("Negative months", f"=COUNTIF('Cash flow 1'!E{FIRST}:E{LAST},\"<0\")",
         float(sum(1 for c in cum1 if c < 0))),
        ("Third month", f"=INDEX('Cash flow 1'!A{FIRST}:A{LAST},3)", 2.0),
        ("Outlay x2", "='Cash flow 1'!$B$5*2", -outlay * 2),
        ("Label", "='Cash flow 1'!A1", "Annual discount rate"),
        ("Both pay back", "=AND(ISNUMBER(B3),ISNUMBER(B4))", False),
        ("IRR 2", "='Cash flow (scenario 2)'!I3", c2["I3"]),
        ("Spread", "=B2-'Cash flow (scenario 2)'!I1", c1["I1"] - c2["I1"]),
        ("IRR error", f"=IRR('Cash flow 1'!C{FIRST}:C{LAST})", "#NUM!"),
        ("Quote sheet", "='4 Bob''s plan (v2)'!A1+1", c1["I1"] * 2 + 1),
    ]
    e = {}
    for n, (label, formula, value) in enumerate(rows):
        r = 2 + n
        ws[f"A{r}"] = label
        ws[f"B{r}"] = formula
        e[f"B{r}"] = value
    expected["Summary (all)"] = e

    # --- A sheet name with an apostrophe (Excel doubles it inside quotes) ---------------
    ws = wb.create_sheet("4 Bob's plan (v2)")
    ws["A1"] = "='Cash flow 1'!I1*2"
    ws["A2"] = "='Summary (all)'!B9/2"
    expected["4 Bob's plan (v2)"] = {"A1": c1["I1"] * 2, "A2": float(e["B9"]) / 2}

    wb.save(path)
    return expected


def close(a, b):
    if isinstance(b, bool) or isinstance(a, bool):
        return a is b
    if isinstance(b, float) and isinstance(a, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def run(path):
    return subprocess.run([sys.executable, RECALC, path], capture_output=True, text=True)


def main():
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "selftest.xlsx")
        expected = build(path)
        p = run(path)
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            check(False, f"recalc_xlsx.py exited {p.returncode}")
        else:
            got = json.loads(p.stdout)
            check(set(got) == set(expected), f"sheets {sorted(got)} != {sorted(expected)}")
            for sheet, cells in expected.items():
                have = got.get(sheet, {})
                check(set(have) == set(cells),
                      f"{sheet}: formula cells differ: extra {sorted(set(have) - set(cells))}, "
                      f"missing {sorted(set(cells) - set(have))}")
                for ref, want in cells.items():
                    v = have.get(ref, "<missing>")
                    check(close(v, want), f"'{sheet}'!{ref}: got {v!r}, want {want!r}")

        # A file that is not a workbook must fail loudly.
        bad = os.path.join(tmp, "bad.xlsx")
        with open(bad, "wb") as fh:
            fh.write(b"not a zip file")
        p = run(bad)
        check(p.returncode != 0 and p.stderr.strip(), "a broken file did not fail")
        check(run(os.path.join(tmp, "missing.xlsx")).returncode != 0, "a missing file did not fail")

        # An unsupported function must fail, not give 0.
        from openpyxl import Workbook

        wb = Workbook()
        wb.active["A1"] = 2
        wb.active["B1"] = "=NOSUCHFUNCTION(A1)+1"
        odd = os.path.join(tmp, "unsupported.xlsx")
        wb.save(odd)
        p = run(odd)
        check(p.returncode != 0 and "NOSUCHFUNCTION" in p.stderr.upper(),
              f"an unsupported function did not fail (rc {p.returncode}, out {p.stdout[:200]!r})")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
