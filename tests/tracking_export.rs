//! The results dashboard in the CSV export (`formats::csv`, its "Results dashboard" section):
//! every expected value is worked by hand in the comments beside it, never copied from output.

use caseboard::formats::csv::{calendar_month, comparison, CsvOptions};
use caseboard::model::scenario::{Stage, Tracking};
use caseboard::model::{evaluate, example_scenario, Estimate, Initiative, Scenario};

mod tracked;

/// As in tests/dashboard.rs: one live initiative, "Alpha", approved on 2027-01-05 with a
/// baseline NPV of $4,800: $6,000 once in month 0, $1,200 a year to run ($100 a month from month
/// 1), $12,000 a year of cost avoided from month 1 (no delivery, no ramp-up, 100% confidence):
/// $1,000 a month. One year, no discounting; actuals up to month 3; month 1 is January 2027.
/// Actuals: month 0 the $6,000; month 1 $800 avoided and $100 running; month 2 $110 running and
/// no reading (a gap); month 3 $900 and $100. A proposed initiative beside it is not tracked.
/// One goal with a KPI (cost index 100 → 80 by month 10, lower better) read at 97 in month 2.
fn scenario() -> Scenario {
    let alpha = Initiative {
        status_note: "Renewal slipped, month 2 not measured".into(),
        ..tracked::alpha()
    };
    let beta = Initiative {
        id: "b".into(),
        name: "Beta".into(),
        ..Initiative::default()
    };
    // Every initiative scored 3 on every criterion, so the scenario is valid.
    let mut initiatives = vec![alpha, beta];
    for i in &mut initiatives {
        for c in Scenario::default().criteria {
            i.scores.insert(c.id, 3.0);
        }
    }
    Scenario {
        horizon_years: 1,
        discount_rate_pct: Estimate::point(0.0),
        initiatives,
        tracking: Tracking {
            as_of_month: Some(3.0),
            start: "2027-01".into(),
            ..Tracking::default()
        },
        goals: vec![tracked::cost_index("index", &[(2.0, 97.0)])],
        ..Scenario::default()
    }
}

/// The CSV's rows, read back by a small RFC 4180 reader (quoted fields, doubled quotes, CRLF).
fn rows(s: &Scenario) -> Vec<Vec<String>> {
    let e = evaluate(s).expect("valid");
    let text = comparison(s, &e, CsvOptions::default());
    let mut rows: Vec<Vec<String>> = vec![vec![String::new()]];
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        let field = rows.last_mut().unwrap().last_mut().unwrap();
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => rows.last_mut().unwrap().push(String::new()),
            (false, '\r') => {}
            (false, '\n') => rows.push(vec![String::new()]),
            (false, c) => field.push(c),
        }
    }
    rows.pop(); // after the last CRLF
    rows
}

/// The results dashboard section: from its title row to the next empty row (or the end).
fn section(rows: &[Vec<String>]) -> Option<Vec<Vec<String>>> {
    let start = rows.iter().position(|r| r == &["Results dashboard"])?;
    let body = rows[start..]
        .iter()
        .take_while(|r| !(r.len() == 1 && r[0].is_empty()))
        .cloned()
        .collect();
    Some(body)
}

fn row<'a>(section: &'a [Vec<String>], first: &str) -> &'a Vec<String> {
    section
        .iter()
        .find(|r| r[0] == first)
        .unwrap_or_else(|| panic!("no row {first:?}"))
}

fn cells(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_csv_carries_the_results_dashboard_worked_by_hand() {
    let all = rows(&scenario());
    let d = section(&all).expect("a Results dashboard section");
    // After an empty row, and the last section of the file.
    let at = all
        .iter()
        .position(|r| r == &["Results dashboard"])
        .unwrap();
    assert_eq!(all[at - 1], vec![String::new()]);
    assert_eq!(at + d.len(), all.len());
    // Actuals up to month 3: month 1 is 2027-01, so month 3 is 2027-03.
    assert_eq!(
        row(&d, "Actuals up to"),
        &cells(&["Actuals up to", "month", "3", "2027-03"])
    );
    assert_eq!(row(&d, "Tolerance: on track within")[2], "5");
    assert_eq!(
        row(&d, "Tolerance: at risk within (off track beyond)")[2],
        "15"
    );

    // The portfolio line, the one tracked initiative's: months 1 and 3 read, $800 + $900 =
    // $1,700 against $1,000 + $1,000 = $2,000 planned: −$300, −15% of plan: at risk (15% is the
    // yellow band's edge, which belongs to it). Spend: 6,000 + 100 + 110 + 100 = 6,310 against
    // 6,000 + 3 × 100 = 6,300: +10. NPV of the plan: −6,000 + 12 × (1,000 − 100) = 4,800. NPV
    // now (as tests/dashboard.rs works it): benefits at 0.85 of plan and running at 310/300 of
    // plan after month 3: −6,000 + 700 + (850 − 110) + 800 + 9 × (850 − 310/3) = 2,960; so
    // 2,960 − 4,800 = −1,840.
    let value = |label: &str, unit: &str| {
        let r = d
            .iter()
            .find(|r| r[0] == format!("Portfolio: {label}") && r[1] == unit);
        r.unwrap_or_else(|| panic!("no row {label:?} in {unit:?}"))[2].clone()
    };
    assert_eq!(value("value realised to date", "USD"), "1700");
    assert_eq!(value("value planned to date", "USD"), "2000");
    assert_eq!(value("value variance", "USD"), "-300");
    assert_eq!(value("value variance", "%"), "-15");
    assert_eq!(value("value status", ""), "At risk");
    assert_eq!(value("spend to date", "USD"), "6310");
    assert_eq!(value("planned spend to date", "USD"), "6300");
    assert_eq!(value("spend variance", "USD"), "10");
    assert_eq!(value("NPV of the plans", "USD"), "4800");
    assert_eq!(value("NPV now (actuals, then forecast)", "USD"), "2960");
    assert_eq!(value("NPV difference", "USD"), "-1840");

    // A row per tracked initiative: Alpha only (Beta is proposed, with no actuals). Value at
    // risk, spend on track (10 over 6,300 is 0.16%): at risk, the worse. NPV at approval is the
    // baseline's 4,800. The note holds a comma: quoted in the file, whole when read back.
    assert_eq!(row(&d, "Initiative")[1..3], cells(&["Stage", "Status"]));
    assert!(d.iter().all(|r| r[0] != "Beta"));
    assert_eq!(
        row(&d, "Alpha"),
        &cells(&[
            "Alpha",
            "Live",
            "At risk",
            "1700",
            "2000",
            "-300",
            "-15",
            "6310",
            "6300",
            "4800",
            "2960",
            "-1840",
            "the baseline approved 2027-01-05",
            "Renewal slipped, month 2 not measured",
        ])
    );

    // The KPI: its latest reading up to month 3 is month 2's 97. Planned at month 2:
    // 100 + (80 − 100) × 2/10 = 96, a cut of 4; 97 is a cut of 3, 25% short: off track.
    assert_eq!(
        row(&d, "Cut cost"),
        &cells(&[
            "Cut cost",
            "Cost index",
            "index",
            "100",
            "80",
            "10",
            "2",
            "97",
            "96",
            "Off track"
        ])
    );
}

#[test]
fn the_csv_has_alpha_month_by_month_with_a_gap_left_empty() {
    let d = section(&rows(&scenario())).expect("a Results dashboard section");
    let title = d
        .iter()
        .position(|r| r == &["Month by month: Alpha"])
        .expect("Alpha's months");
    assert_eq!(
        d[title + 1],
        cells(&[
            "Month",
            "Calendar month",
            "Planned value (USD)",
            "Actual value (USD)",
            "Value variance (USD)",
            "Planned spend (USD)",
            "Actual spend (USD)",
            "Spend variance (USD)",
        ])
    );
    // Months 0 to 3 ("actuals up to"), month 0 the month before January 2027. Planned value:
    // 0 in month 0, then $1,000; planned spend: the $6,000 in month 0, then $100 running.
    // Month 0: no value read (empty, not 0), $6,000 spent: 0 variance.
    // Month 1: 800 − 1,000 = −200; 100 spent against 100.
    // Month 2: no reading — the actual value and its variance are empty cells, never 0 —
    //          and 110 spent against 100: +10.
    // Month 3: 900 − 1,000 = −100; 100 against 100.
    let want = [
        ["0", "2026-12", "0", "", "", "6000", "6000", "0"],
        ["1", "2027-01", "1000", "800", "-200", "100", "100", "0"],
        ["2", "2027-02", "1000", "", "", "100", "110", "10"],
        ["3", "2027-03", "1000", "900", "-100", "100", "100", "0"],
    ];
    for (k, w) in want.iter().enumerate() {
        assert_eq!(d[title + 2 + k], cells(w), "month {k}");
    }
    // Nothing after month 3 (month 4 would be after "actuals up to").
    assert_eq!(title + 2 + want.len(), d.len());
}

#[test]
fn without_a_start_month_the_months_are_numbered_only() {
    let mut s = scenario();
    s.tracking.start = String::new();
    let d = section(&rows(&s)).unwrap();
    assert_eq!(
        row(&d, "Actuals up to"),
        &cells(&["Actuals up to", "month", "3"])
    );
    let title = d
        .iter()
        .position(|r| r == &["Month by month: Alpha"])
        .unwrap();
    assert_eq!(d[title + 1][..2], cells(&["Month", "Planned value (USD)"]));
    // Month 2: planned 1,000, no reading, no variance; planned spend 100, spent 110: +10.
    assert_eq!(
        d[title + 4],
        cells(&["2", "1000", "", "", "100", "110", "10"])
    );
}

#[test]
fn only_kpi_readings_give_the_section_without_initiatives() {
    // Alpha proposed again with its actuals gone: nothing tracked but the KPI's reading.
    let mut s = scenario();
    s.initiatives[0].stage = Stage::Proposed;
    s.initiatives[0].actuals.clear();
    let d = section(&rows(&s)).expect("the KPI's reading gives the section");
    assert!(d.iter().all(|r| !r[0].starts_with("Portfolio:")));
    assert!(d.iter().all(|r| r[0] != "Initiative" && r[0] != "Alpha"));
    assert_eq!(row(&d, "Cut cost")[9], "Off track");
}

#[test]
fn nothing_tracked_means_no_results_section() {
    // The example: every initiative proposed, no actuals, no KPI readings.
    let all = rows(&example_scenario());
    assert!(section(&all).is_none());
    assert!(all.iter().all(|r| !r[0].starts_with("Portfolio: value")));
    // A KPI without readings does not make a section either.
    let mut s = scenario();
    s.initiatives[0].stage = Stage::Proposed;
    s.initiatives[0].actuals.clear();
    s.goals[0].kpis[0].readings.clear();
    assert!(section(&rows(&s)).is_none());
}

#[test]
fn calendar_months_count_from_month_one() {
    // Month 1 is the start; month 0 the month before; month 12 a year after month 0.
    assert_eq!(calendar_month("2027-01", 1).as_deref(), Some("2027-01"));
    assert_eq!(calendar_month("2027-01", 0).as_deref(), Some("2026-12"));
    assert_eq!(calendar_month("2026-11", 3).as_deref(), Some("2027-01"));
    assert_eq!(calendar_month("2026-12", 13).as_deref(), Some("2027-12"));
    for bad in [
        "", "2027", "2027-13", "2027-00", "27-01", "2027-1", "abcd-ef",
    ] {
        assert_eq!(calendar_month(bad, 1), None, "{bad:?}");
    }
}
