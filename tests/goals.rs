//! The alignment of initiatives with business goals (`explain::goals`), on the v5 fixture: every
//! expected value read off its JSON by hand.

use caseboard::explain::format::{NumberFormat, Plain};
use caseboard::explain::goals::alignment;
use caseboard::formats::saved;
use caseboard::model::{figures, Serves};

const F: Plain = Plain { currency: "USD" };

#[test]
fn each_goal_lists_what_each_initiative_expects_and_what_no_funded_one_serves() {
    let mut s = saved::from_json(include_str!("fixtures/saved/v5-example-with-tracking.json"))
        .unwrap()
        .scenario;
    let e = figures(&s).unwrap();
    // The fixture: the workflow (the first initiative) serves "cost" through its KPI "opex"
    // (IT operating cost, $k a month), expecting −25; no initiative serves "resilience".
    let a = alignment(&s, &e, &[], &F).unwrap();
    assert_eq!(a.table.heads[0], "Goal");
    assert_eq!(a.table.heads[2], "Service desk workflow automation");
    let cost = &a.table.rows[0];
    assert_eq!(cost[0], "Cut IT operating cost 5% this year");
    assert_eq!(cost[1], "2");
    assert_eq!(cost[2], "IT operating cost -25 $k a month");
    assert_eq!(cost[3], "—");
    // One initiative serves it; its NPV is the workflow's, as the independent oracle has it
    // (tests/fixtures/saved_figures.json).
    assert_eq!(cost[6], "1");
    let oracle: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/saved_figures.json")).unwrap();
    let npv = oracle["fixtures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "v5-example-with-tracking.json")
        .unwrap()["initiatives"][0]["npv"]
        .as_f64()
        .unwrap();
    assert_eq!(cost[7], F.money(npv));
    assert_eq!(a.unserved, vec!["Lower breach and outage risk".to_string()]);
    assert_eq!(
        a.serving_none,
        vec![
            "Sales portal high availability".to_string(),
            "MFA and immutable backups".to_string(),
            "Consolidate monitoring tools".to_string(),
        ]
    );
    // MFA serves resilience as a whole; but if it is not funded, the goal is still unserved, and
    // the cost goal's NPV counts only funded initiatives.
    s.initiatives[2].serves.push(Serves {
        goal: "resilience".into(),
        ..Serves::default()
    });
    let a = alignment(&s, &e, &[true, true, false, true], &F).unwrap();
    assert_eq!(a.table.rows[1][4], "serves it");
    assert_eq!(a.unserved, vec!["Lower breach and outage risk".to_string()]);
    let a = alignment(&s, &e, &[false, true, true, true], &F).unwrap();
    assert!(a
        .unserved
        .contains(&"Cut IT operating cost 5% this year".to_string()));
    assert_eq!(a.table.rows[0][7], F.money(0.0));
    // No goals: nothing to show.
    s.goals.clear();
    assert!(alignment(&s, &e, &[], &F).is_none());
}

#[test]
fn strategic_fit_can_be_derived_from_the_goals_served() {
    use caseboard::model::scoring::{apply_fit_from_goals, FIT};
    use caseboard::model::Goal;
    let mut s = saved::from_json(include_str!("fixtures/saved/v5-example-with-tracking.json"))
        .unwrap()
        .scenario;
    // The fixture's goals: "cost" of weight 2 and "resilience" of weight 1 (3 in all). The
    // workflow (first) serves "cost": 1 + 4 × 2/3 = 3.67, to the nearest whole score 4. The
    // portal (second) serves nothing: 1. Serving both: 1 + 4 × 3/3 = 5.
    assert_eq!(s.goals.iter().map(|g| g.weight).sum::<f64>(), 3.0);
    s.initiatives[2].serves = vec![
        Serves {
            goal: "cost".into(),
            ..Serves::default()
        },
        Serves {
            goal: "resilience".into(),
            ..Serves::default()
        },
    ];
    let entered: Vec<f64> = s.initiatives.iter().map(|i| i.scores[FIT]).collect();
    // Off: the entered scores stay.
    apply_fit_from_goals(&mut s);
    assert_eq!(
        s.initiatives
            .iter()
            .map(|i| i.scores[FIT])
            .collect::<Vec<_>>(),
        entered
    );
    s.fit_from_goals = true;
    apply_fit_from_goals(&mut s);
    assert_eq!(s.initiatives[0].scores[FIT], 4.0);
    assert_eq!(s.initiatives[1].scores[FIT], 1.0);
    assert_eq!(s.initiatives[2].scores[FIT], 5.0);
    // Goals of no weight derive nothing: the scores stay as they were.
    s.goals = vec![Goal {
        id: "cost".into(),
        weight: 0.0,
        ..Goal::default()
    }];
    s.initiatives[0].scores.insert(FIT.into(), 2.0);
    apply_fit_from_goals(&mut s);
    assert_eq!(s.initiatives[0].scores[FIT], 2.0);
}
