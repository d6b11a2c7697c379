//! Whole distributions and the loss exceedance curve in words (issue 18): the S-curve's and the
//! histogram's tables, the chance of exceeding an amount, the correlations' report, the presets,
//! and the loss curve's words against a risk tolerance. Expected values by hand.

use caseboard::explain::format::Plain;
use caseboard::explain::loss;
use caseboard::explain::sim_report::{correlations, exceed_tip, npv_curve};
use caseboard::model::loss::{scenario_curve, tolerance_of};
use caseboard::model::simulate::{
    count_above, histogram, preset, simulate, sorted_percentile, Preset,
};
use caseboard::model::*;

const USD: Plain = Plain { currency: "USD" };

/// 1, 2, …, 100.
fn hundred() -> Vec<f64> {
    (1..=100).map(f64::from).collect()
}

#[test]
fn percentiles_counts_and_bins_by_hand() {
    let v = hundred();
    // numpy: position q·(n − 1) = 0.1·99 = 9.9 → 10 + 0.9·(11 − 10) = 10.9
    assert!((sorted_percentile(&v, 0.1) - 10.9).abs() < 1e-12);
    assert_eq!(sorted_percentile(&v, 0.5), 50.5);
    assert_eq!(count_above(&v, 90.0), 10);
    assert_eq!(count_above(&v, 90.5), 10);
    assert_eq!(count_above(&v, 0.0), 100);
    assert_eq!(count_above(&v, 100.0), 0);
    // 10 bins from P0.5 = 1.495 to P99.5 = 99.505: each 9.801 wide; 1 falls below the first
    // edge and is counted in it, 100 above the last and counted in it.
    let bins = histogram(&v, 10);
    assert_eq!(bins.len(), 10);
    assert_eq!(bins.iter().map(|b| b.2).sum::<usize>(), 100);
    assert!((bins[0].0 - 1.495).abs() < 1e-9 && (bins[9].1 - 99.505).abs() < 1e-9);
    // the first bin holds 1..=11 (11 < 1.495 + 9.801 = 11.296); the last starts at
    // 1.495 + 9 · 9.801 = 89.704 and holds 90..=100
    assert_eq!(bins[0].2, 11);
    assert_eq!(bins[9].2, 11);
    // every value the same: one bin
    assert_eq!(histogram(&[5.0; 7], 10), vec![(5.0, 5.0, 7)]);
    assert!(histogram(&[], 10).is_empty());
}

#[test]
fn the_s_curve_says_its_percentiles_and_the_chance_of_exceeding_an_amount() {
    let v: Vec<f64> = (1..=100)
        .map(|x| f64::from(x) * 1_000.0 - 20_000.0)
        .collect();
    let t = npv_curve("Pilot", &v, false, &USD);
    // 20 of 100 trials are at or below 0 (−19,000 … 0): 19 below, so a 19% chance of a loss
    assert!(
        t.summary.contains("19% chance of a loss") || t.summary.contains("chance of a loss 19%"),
        "{}",
        t.summary
    );
    assert!(t.summary.contains("P50 $30,500"), "{}", t.summary);
    // the table: every 5% of chance, 50% at the median
    assert_eq!(t.table.rows.len(), 19);
    assert_eq!(
        t.table.rows[9],
        vec!["50%".to_string(), "$30,500".to_string()]
    );
    let tip = exceed_tip("Pilot", &v, 50_000.0, &USD).unwrap();
    // above 50,000: 51,000 … 80,000, 30 trials
    assert_eq!(
        tip.lines[0],
        "Chance NPV exceeds $50,000: 30% (30 of 100 trials)"
    );
    assert_eq!(tip.lines[1], "Chance it is at most $50,000: 70%");
    assert!(exceed_tip("Pilot", &v, f64::NAN, &USD).is_none());
    let h = npv_curve("Pilot", &v, true, &USD);
    assert_eq!(h.table.rows.len(), 30);
    let total: usize = h
        .table
        .rows
        .iter()
        .map(|r| r[2].replace(',', "").parse::<usize>().unwrap())
        .sum();
    assert_eq!(total, 100);
}

#[test]
fn presets_group_the_ranged_estimates_they_name() {
    let mut s = example_scenario();
    // nothing ranged yet: no group
    assert!(preset(&s, Preset::CostsOverrun).is_empty());
    s.initiatives[0].one_time_cost = Estimate::range(70_000.0, 85_000.0, 120_000.0);
    s.initiatives[1].annual_running_cost = Estimate::range(60_000.0, 72_000.0, 90_000.0);
    s.initiatives[2].delivery_months = Estimate::range(3.0, 4.0, 8.0);
    let costs = preset(&s, Preset::CostsOverrun);
    assert_eq!(costs.len(), 1);
    assert_eq!(
        costs[0].inputs,
        vec![
            "workflow/one_time_cost".to_string(),
            "portal-ha/annual_running_cost".to_string()
        ]
    );
    assert_eq!(costs[0].rank_correlation, 0.5);
    // one ranged delivery time is no pair
    assert!(preset(&s, Preset::DeliverySlips).is_empty());
    if let BenefitKind::HoursSaved(h) = &mut s.initiatives[0].benefits[0].kind {
        h.hours = Estimate::range(150.0, 200.0, 260.0);
        h.adoption_pct = Estimate::range(60.0, 80.0, 90.0);
    }
    let both = preset(&s, Preset::AdoptionWithHours);
    assert_eq!(both.len(), 1);
    assert_eq!(
        both[0].inputs,
        vec![
            "workflow/b0/adoption_pct".to_string(),
            "workflow/b0/hours".to_string()
        ]
    );
}

#[test]
fn the_report_shows_each_correlation_asked_used_and_reached_and_what_was_left_out() {
    let mut s = example_scenario();
    s.initiatives[0].one_time_cost = Estimate::range(70_000.0, 85_000.0, 120_000.0);
    s.initiatives[1].one_time_cost = Estimate::range(200_000.0, 260_000.0, 400_000.0);
    s.correlations = vec![Correlation {
        name: "Costs overrun together".into(),
        rank_correlation: 0.8,
        inputs: vec![
            "workflow/one_time_cost".into(),
            "portal-ha/one_time_cost".into(),
            "monitoring/one_time_cost".into(),
        ],
    }];
    let sim = simulate(&s, 10_000, 4);
    let (table, notices) = correlations(&s, &sim, &USD);
    assert_eq!(table.rows.len(), 1);
    let row = &table.rows[0];
    assert_eq!(row[0], "Costs overrun together");
    assert_eq!(row[1], "2 ranged");
    assert_eq!(row[2], "0.80");
    assert_eq!(row[3], "0.80");
    let reached: f64 = row[4].parse().unwrap();
    assert!((reached - 0.8).abs() <= 0.02, "{reached}");
    assert_eq!(notices.len(), 1);
    assert!(
        notices[0].contains("Consolidate monitoring tools: one-time cost is a single number"),
        "{}",
        notices[0]
    );
}

#[test]
fn the_loss_curve_of_the_example_against_a_tolerance() {
    // The example's MFA initiative: 0.08 breaches a year of $4.4M each, 60% less likely and 40%
    // smaller after. A year has a loss with chance 1 − e^−0.08 = 7.69% before and
    // 1 − e^−0.032 = 3.15% after; the mean yearly loss is 0.08 × 4.4M = $352,000 before.
    let mut s = example_scenario();
    s.simulation.trials = 100_000;
    let funded = vec![true; s.initiatives.len()];
    let (name, c) = scenario_curve(&s, 2, &funded);
    assert_eq!(name, "MFA and immutable backups");
    let c = c.unwrap();
    let p = |v: &[f64]| caseboard::model::loss::exceedance(v, 0.0);
    let se = |p: f64| (p * (1.0 - p) / 100_000f64).sqrt();
    let before = 1.0 - (-0.08f64).exp();
    let after = 1.0 - (-0.032f64).exp();
    assert!(
        (p(&c.before) - before).abs() < 4.0 * se(before),
        "{}",
        p(&c.before)
    );
    assert!(
        (p(&c.after) - after).abs() < 4.0 * se(after),
        "{}",
        p(&c.after)
    );
    // mean: sd of a year's loss 4.4M·√0.08, over √100,000 years
    let se_mean = 4.4e6 * 0.08f64.sqrt() / 100_000f64.sqrt();
    assert!(
        (c.mean_before - 352_000.0).abs() < 4.0 * se_mean,
        "{}",
        c.mean_before
    );
    // every initiative's risks: the MFA one is the example's only risk, so the same curve
    let (_, all) = scenario_curve(&s, s.initiatives.len(), &funded);
    assert_eq!(all.unwrap().before, c.before);
    // not funded: nothing reduced after
    let (_, unfunded) = scenario_curve(&s, s.initiatives.len(), &[false; 4]);
    let unfunded = unfunded.unwrap();
    assert_eq!(unfunded.after, unfunded.before);

    // At most 5% chance of a yearly loss above $1M: before (7.7%) is above, after (3.2%) within.
    s.risk_tolerance = vec![TolerancePoint {
        loss: 1_000_000.0,
        chance_pct: 5.0,
    }];
    let t = tolerance_of(&s);
    let w = loss::words(&name, &Ok(c.clone()), t.as_ref(), &USD);
    assert!(
        w.summary
            .contains("Before: above the risk tolerance, most at $1,000,000")
            && w.summary.contains("against at most 5%")
            && w.summary
                .contains("After: within the risk tolerance at every loss."),
        "{}",
        w.summary
    );
    assert_eq!(w.table.heads.len(), 4);
    // a tolerance that cannot be used says why
    s.risk_tolerance[0].loss = 0.0;
    let w = loss::words(&name, &Ok(c), tolerance_of(&s).as_ref(), &USD);
    assert!(
        w.summary.contains(
            "The risk tolerance cannot be used: risk tolerance: a loss is not a number above 0."
        ),
        "{}",
        w.summary
    );
}
