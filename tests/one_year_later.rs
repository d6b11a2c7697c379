//! The "one year later" example: its dashboard, with the figures worked by hand from the
//! example's inputs (the plan's formulas written out in the comments).

use caseboard::formats::link;
use caseboard::model::dashboard::dashboard;
use caseboard::model::example::one_year_later;
use caseboard::model::tracking::Status;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn the_service_desk_automation_is_short_of_plan_on_adoption() {
    let d = dashboard(&one_year_later());
    assert_eq!(d.as_of, 12);
    let t = &d.initiatives[0];
    // Routine tickets: 200 h a month planned at $65, 80% adoption, 75% recaptured, 90%
    // confidence: 7,020 a month at full, × the ramp's shares of months 4–12 (0.25, 0.5, 0.75,
    // then 1 × 6: 7.5) = 52,650. Access requests: 40 h a week (173.33 a month) at $55, 90%
    // adoption, 50% recaptured, 90% confidence: 3,861 a month × 7.5 = 28,957.5. Planned: 81,607.5.
    assert!(close(t.forecast.planned_to_date, 81_607.5));
    // Measured hours 48, 95, 143, 190 × 6 (1,426) at 70% adoption: 1,426 × 65 × 0.7 × 0.75 =
    // 48,662.25; and 43, 87, 130, 173 × 6 (1,298) × 55 × 0.7 × 0.5 = 24,986.5. Realised 73,648.75.
    assert!(close(t.forecast.realised_to_date, 73_648.75));
    // 9.75% short: yellow.
    assert_eq!(t.value_status, Some(Status::Yellow));
}

#[test]
fn spend_to_date_is_set_against_the_plans_spend_due() {
    let d = dashboard(&one_year_later());
    let by_name = |n: &str| {
        d.initiatives
            .iter()
            .find(|t| t.name.starts_with(n))
            .unwrap()
    };
    // Portal: one-time 120,000 + 7 × 25,000 = 295,000, running 12 × 6,000 = 72,000: 367,000,
    // against the plan's 260,000 + 72,000 = 332,000: 10.5% over, yellow.
    let p = by_name("Sales portal");
    assert!(close(p.forecast.spent_to_date, 367_000.0));
    assert!(close(p.forecast.planned_spend_to_date, 332_000.0));
    assert_eq!(p.spend_status, Some(Status::Yellow));
    // MFA, started in month 2: 5 × 30,000 + 10 × 3,750 = 187,500, as planned (150,000 once in
    // month 2, 45,000 a year from month 3): green.
    let m = by_name("MFA");
    assert!(close(m.forecast.spent_to_date, 187_500.0));
    assert!(close(m.forecast.planned_spend_to_date, 187_500.0));
    assert_eq!(m.status, Some(Status::Green));
    // Monitoring: 38,500 + 12 × 1,250 = 53,500 against 40,000 + 15,000 = 55,000: under, green.
    let o = by_name("Consolidate");
    assert!(close(o.forecast.spent_to_date, 53_500.0));
    assert_eq!(o.spend_status, Some(Status::Green));
}

#[test]
fn the_goals_follow_their_kpis() {
    let d = dashboard(&one_year_later());
    // Operating cost: 782 in month 12 against 779 planned, a cut of 38 of the 41 planned: 7.3%
    // short, yellow. P1 incidents: 4 against 3, a cut of 2 of 3: 33% short, red.
    assert_eq!(d.goals[0].status, Some(Status::Yellow));
    assert_eq!(d.goals[1].status, Some(Status::Red));
}

#[test]
fn its_link_length() {
    let s = one_year_later();
    let c = link::encode(&s);
    println!("one-year-later example link: {} characters", c.len());
    assert!(c.starts_with("c6."));
    assert_eq!(link::decode(&c).unwrap(), s);
}
