//! The words, natively: how a figure was found, a chart's table and tip, the tornado's texts,
//! written with the plain formatter. Every expected string is worked out by hand from a scenario
//! small enough to do so: one initiative, one year at a 0% discount rate, $1,000 spent at the
//! start and $12,000 a year of avoided cost from the first month ($1,000 a month).
#![cfg(not(target_arch = "wasm32"))]

use caseboard::explain::chart_text::{chart_texts, tip};
use caseboard::explain::figures::explain;
use caseboard::explain::format::{NumberFormat, Plain};
use caseboard::explain::sim_report::tornado;
use caseboard::model::simulate::Swing;
use caseboard::model::*;
use caseboard::wire::{ChartId, Pointer, RowKey};

const USD: Plain = Plain { currency: "USD" };

fn pilot() -> Scenario {
    let mut s = Scenario {
        horizon_years: 1,
        discount_rate_pct: Estimate::point(0.0),
        ..Scenario::default()
    };
    s.initiatives.push(Initiative {
        id: "pilot".into(),
        name: "Pilot".into(),
        one_time_cost: Estimate::point(1000.0),
        annual_running_cost: Estimate::point(0.0),
        delivery_months: Estimate::point(0.0),
        ramp_up_months: Estimate::point(0.0),
        confidence_pct: Estimate::point(100.0),
        benefits: vec![Benefit {
            label: "Licences".into(),
            kind: BenefitKind::CostAvoided(CostAvoided {
                amount_per_year: Estimate::point(12_000.0),
            }),
            unknown: Default::default(),
            sources: Default::default(),
        }],
        // Every criterion scored 3.
        scores: Criterion::defaults()
            .into_iter()
            .map(|c| (c.id, 3.0))
            .collect(),
        ..Initiative::default()
    });
    s
}

fn shown(s: Scenario) -> Shown {
    let e = evaluate(&s).expect("valid");
    Shown::new(s, e)
}

#[test]
fn the_plain_format_writes_numbers_the_en_us_way() {
    assert_eq!(USD.money(144_110.4), "$144,110");
    assert_eq!(USD.money(-59.94), "-$59.94");
    assert_eq!(USD.money(65.5), "$65.50");
    assert_eq!(USD.money(99.0), "$99");
    assert_eq!(USD.money_compact(1_250_000.0), "$1.25M");
    assert_eq!(USD.money_compact(-150_000.0), "-$150K");
    assert_eq!(USD.percent(97.786), "97.8%");
    assert_eq!(USD.percent(99.8973), "99.897%");
    assert_eq!(USD.percent(0.25), "0.25%");
    assert_eq!(USD.percent(80.0), "80%");
    assert_eq!(USD.months(15.084), "15.1 months");
    assert_eq!(USD.months(1.04), "1 month");
    assert_eq!(USD.number(1234.5), "1,234.5");
    assert_eq!(USD.fixed2(1.0), "1.00");
    assert_eq!(Plain { currency: "EUR" }.money(1500.0), "EUR 1,500");
}

#[test]
fn each_figure_is_explained_in_its_own_lines() {
    let shown = shown(pilot());
    let lines = |row| explain(&shown, Figure::Npv, row, 0, &USD);
    assert_eq!(
        lines(RowKey::Figure(Figure::AnnualValue)),
        [
            "Licences: $12,000/yr",
            "Total $12,000/yr, counted at 100% confidence in the cash flows"
        ]
    );
    // The PV of benefits is the rate and the benefits' part of the NPV, the PV of costs its own.
    assert_eq!(
        lines(RowKey::Figure(Figure::PvBenefits)),
        [
            "Monthly discount rate: (1 + 0% a year)^(1 ÷ 12) − 1 = 0%",
            "PV of benefits: $12,000 year 1 PV = $12,000 (each month's risk-adjusted benefit discounted to month 0 at the monthly rate)"
        ]
    );
    assert_eq!(
        lines(RowKey::PvCosts),
        ["PV of costs: $1,000 initial + $0 year 1 PV = $1,000"]
    );
    assert_eq!(
        lines(RowKey::Figure(Figure::Npv)).last().unwrap(),
        "NPV: $12,000 PV of benefits − $1,000 PV of costs = $11,000"
    );
    assert_eq!(
        lines(RowKey::Figure(Figure::Roi)),
        ["ROI: $11,000 NPV ÷ $1,000 PV of costs = 1,100%"]
    );
    assert_eq!(lines(RowKey::Rank), ["1st of 1 by NPV (highest first)"]);
    assert_eq!(
        explain(&shown, Figure::Payback, RowKey::Rank, 0, &USD),
        ["1st of 1 by Payback (shortest first)"]
    );
    // A column that is not there, and a simulated row (its lines come with the run): none.
    assert!(explain(&shown, Figure::Npv, RowKey::Figure(Figure::Npv), 1, &USD).is_empty());
}

#[test]
fn the_cumulative_chart_has_its_table_and_tips() {
    let shown = shown(pilot());
    let text = chart_texts(ChartId::Cumulative, &shown, &USD).unwrap();
    assert_eq!(
        text.summary,
        "Lines of cumulative cash flow by month over 12 months; the first to pay back is Pilot."
    );
    assert_eq!(
        text.table.heads,
        ["Initiative", "Month 0", "End of year 1", "Payback"]
    );
    // −$1,000 at the start; +$1,000 a month for twelve months; back to 0 after the first.
    assert_eq!(
        text.table.rows,
        [["Pilot", "-$1,000", "$11,000", "1 month"]]
    );
    let at = |x: f64, y: f64| Pointer { x, y, item: None };
    let t = tip(ChartId::Cumulative, &shown, &at(6.2, 0.0), &USD).unwrap();
    assert_eq!(t.title, "Month 6: cumulative cash flow");
    assert_eq!(t.lines, ["Pilot: $5,000"]);
    assert_eq!(tip(ChartId::Cumulative, &shown, &at(13.0, 0.0), &USD), None);
    // The simulation's charts have their words from the run (`sim_report`), not from here.
    assert_eq!(chart_texts(ChartId::Distribution, &shown, &USD), None);
}

#[test]
fn the_tornado_says_what_moves_the_npv_most() {
    let swings = [
        Swing {
            label: "Licences".into(),
            npv_low: 5_000.0,
            npv_high: 17_000.0,
            moves_with: Vec::new(),
        },
        Swing {
            label: "One-time cost".into(),
            npv_low: 11_500.0,
            npv_high: 10_500.0,
            moves_with: Vec::new(),
        },
    ];
    let (text, tips) = tornado("Pilot", 11_000.0, &swings, &USD);
    assert_eq!(
        text.summary,
        "Tornado of Pilot: bars of how far its NPV moves from $11,000 as each estimate goes to its low and its high value, the others at likely; widest: Licences."
    );
    assert_eq!(
        text.table.rows,
        [
            ["Licences", "$5,000", "$17,000", "$12,000"],
            ["One-time cost", "$11,500", "$10,500", "$1,000"]
        ]
    );
    assert_eq!(
        tips[1].lines,
        [
            "At its low value: NPV $11,500",
            "At its high value: NPV $10,500",
            "At likely values: NPV $11,000"
        ]
    );
}

/// The numbers of a derivation line "a × b = c" (money, minutes, hours, percentages), or `None`
/// when the line is not one product of two quantities.
fn product(line: &str) -> Option<(f64, f64, f64)> {
    let (lhs, rhs) = line.rsplit_once(" = ")?;
    let factors: Vec<&str> = lhs.split(" × ").collect();
    if factors.len() != 2 {
        return None;
    }
    let num = |t: &str| -> Option<f64> {
        let t = t.rsplit_once(": ").map_or(t, |(_, v)| v);
        let digits: String = t
            .chars()
            .skip_while(|c| !c.is_ascii_digit() && *c != '-')
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
            .filter(|c| *c != ',')
            .collect();
        let v: f64 = digits.parse().ok()?;
        Some(if t.contains('%') { v / 100.0 } else { v })
    };
    Some((num(factors[0])?, num(factors[1])?, num(rhs)?))
}

#[test]
fn a_derivations_shown_arithmetic_gives_its_shown_result() {
    // 600 outage minutes avoided a year at $383.33 a minute ($230,000 / 600): shown as $383/min the
    // product would be $229,800, not the $230,000 shown.
    let mut s = pilot();
    s.initiatives[0].benefits = vec![Benefit {
        label: "Portal outages".into(),
        kind: BenefitKind::OutageAvoided(OutageAvoided {
            baseline_minutes_per_year: Estimate::point(600.0),
            reduction_pct: Estimate::point(100.0),
            revenue_per_minute: Estimate::point(230_000.0 / 600.0),
            revenue_impact_pct: Estimate::point(100.0),
            ..OutageAvoided::default()
        }),
        unknown: UnknownFields::default(),
        sources: Default::default(),
    }];
    let e = evaluate(&s).expect("valid");
    let lines = caseboard::explain::format::lines(&USD, &e.initiatives[0].benefits[0].derivation);
    assert!(
        lines.iter().any(|l| l.contains("$383.33/min")),
        "{lines:#?}"
    );
    // Every product the derivations of the example and of this case show holds to 0.01% (what
    // rounding the factors to their shown digits leaves).
    let example = evaluate(&example_scenario()).expect("valid");
    let mut checked = 0;
    for r in example.initiatives.iter().chain(&e.initiatives) {
        for b in &r.benefits {
            for line in caseboard::explain::format::lines(&USD, &b.derivation) {
                if let Some((a, x, c)) = product(&line) {
                    checked += 1;
                    assert!(
                        (a * x - c).abs() <= (1e-4 * c.abs()).max(1.0),
                        "{line}: {a} × {x} = {}",
                        a * x
                    );
                }
            }
        }
    }
    assert!(checked >= 3, "only {checked} products found");
}
