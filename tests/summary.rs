//! The executive summary's sentences, on scenarios whose figures are worked out by hand: a 0%
//! discount rate, one year, benefits from the first month at full adoption, so an initiative's
//! NPV is its cost avoided per year less its one-time cost.

use caseboard::explain::format::Plain;
use caseboard::explain::summary::{join, simulated, summary};
use caseboard::model::simulate::simulate;
use caseboard::model::{
    example_scenario, figures, BenefitKind, Category, CostAvoided, Criterion, Direction, Estimate,
    Initiative, Scenario,
};
use caseboard::model::{Benefit, HoursSaved, UnknownFields};
use caseboard::wire::Sentence;

const F: Plain = Plain { currency: "USD" };

fn criterion(id: &str, weight: f64) -> Criterion {
    Criterion {
        id: id.into(),
        name: id.replace('_', " "),
        weight,
        direction: Direction::HigherIsBetter,
        ..Criterion::default()
    }
}

/// An initiative avoiding `avoided` a year for `cost` once, with scores (fit, return).
fn initiative(name: &str, cost: f64, avoided: f64, scores: (f64, f64)) -> Initiative {
    Initiative {
        id: name.to_ascii_lowercase().replace(' ', "-"),
        name: name.into(),
        category: Category::Strategic,
        one_time_cost: Estimate::point(cost),
        delivery_months: Estimate::point(0.0),
        ramp_up_months: Estimate::point(0.0),
        confidence_pct: Estimate::point(90.0),
        scores: [
            ("fit".to_string(), scores.0),
            ("return".to_string(), scores.1),
        ]
        .into(),
        benefits: vec![Benefit {
            label: "Licences".into(),
            kind: BenefitKind::CostAvoided(CostAvoided {
                amount_per_year: Estimate::point(avoided),
            }),
            unknown: UnknownFields::default(),
            sources: Default::default(),
        }],
        ..Initiative::default()
    }
}

fn scenario(initiatives: Vec<Initiative>) -> Scenario {
    Scenario {
        name: "Hand-worked".into(),
        horizon_years: 1,
        discount_rate_pct: Estimate::point(0.0),
        criteria: vec![criterion("fit", 3.0), criterion("return", 1.0)],
        initiatives,
        ..Scenario::default()
    }
}

fn sentences(s: &Scenario) -> Vec<Sentence> {
    let e = figures(s).expect("a valid scenario");
    summary(s, &e, &F)
}

fn topic<'a>(all: &'a [Sentence], t: &str) -> Option<&'a Sentence> {
    all.iter().find(|x| x.topic == t)
}

#[test]
fn join_reads_as_a_sentence() {
    let s = |v: &[&str]| join(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
    assert_eq!(s(&[]), "");
    assert_eq!(s(&["A"]), "A");
    assert_eq!(s(&["A", "B"]), "A and B");
    assert_eq!(s(&["A", "B", "C"]), "A, B and C");
}

#[test]
fn the_highest_npv_is_recommended_then_the_others_that_pay() {
    // NPV at 90% confidence: 0.9 × avoided − cost.
    // A: 0.9 × 100,000 − 50,000 = 40,000; B: 0.9 × 200,000 − 100,000 = 80,000;
    // C: 0.9 × 50,000 − 60,000 = −15,000.
    let s = scenario(vec![
        initiative("Alpha", 50_000.0, 100_000.0, (3.0, 3.0)),
        initiative("Beta", 100_000.0, 200_000.0, (3.0, 3.0)),
        initiative("Gamma", 60_000.0, 50_000.0, (3.0, 3.0)),
    ]);
    let all = sentences(&s);
    let rec = topic(&all, "recommend").expect("a recommendation");
    assert!(
        rec.text.starts_with("Fund Beta first: the highest NPV of the 3 initiatives, $80,000 over 1 years at a 0% discount rate"),
        "{}",
        rec.text
    );
    assert!(rec.text.ends_with(" Then Alpha ($40,000)."), "{}", rec.text);
    let lose = topic(&all, "losing").expect("the losing one named");
    assert!(
        lose.text.starts_with("Gamma (NPV -$15,000) loses money"),
        "{}",
        lose.text
    );
    // Same scores: no disagreement to reconcile; no mandatory item.
    assert!(topic(&all, "scores").is_none());
    assert!(topic(&all, "mandatory").is_none());
}

#[test]
fn a_mandatory_item_is_called_out_not_ranked() {
    let mut must = initiative("Compliance", 100_000.0, 10_000.0, (3.0, 3.0));
    must.category = Category::Mandatory;
    let s = scenario(vec![
        must,
        initiative("Alpha", 50_000.0, 100_000.0, (3.0, 3.0)),
    ]);
    let all = sentences(&s);
    let m = topic(&all, "mandatory").expect("mandatory sentence");
    // 0.9 × 10,000 − 100,000 = −91,000
    assert!(
        m.text
            .starts_with("Fund Compliance in any case: marked mandatory, it is funded before the others and not ranked against them (NPV -$91,000)."),
        "{}",
        m.text
    );
    let rec = topic(&all, "recommend").unwrap();
    assert!(
        rec.text.starts_with(
            "Fund Alpha first: the highest NPV of the initiatives not mandatory, $40,000"
        ),
        "{}",
        rec.text
    );
    // The mandatory item's loss is not reported as a discretionary one.
    assert!(topic(&all, "losing").is_none());
}

#[test]
fn when_score_and_npv_disagree_the_criteria_that_cause_it_are_named() {
    // Weights fit 3, return 1 (of 4). Alpha: fit 1, return 5 → 0 × 75 + 1 × 25 = 25 points.
    // Beta: fit 5, return 1 → 75 + 0 = 75 points. Alpha has the higher NPV (40,000 vs 8,000).
    let s = scenario(vec![
        initiative("Alpha", 50_000.0, 100_000.0, (1.0, 5.0)),
        initiative("Beta", 10_000.0, 20_000.0, (5.0, 1.0)),
    ]);
    let all = sentences(&s);
    let sc = topic(&all, "scores").expect("the disagreement is reconciled");
    assert!(
        sc.text.starts_with(
            "By weighted score, Beta ranks first (75 against 25 for Alpha, which has the highest NPV): it scores higher on fit (5 against 1, weight 75%); Alpha leads on return."
        ),
        "{}",
        sc.text
    );
    assert!(sc.lines.contains(
        &"fit (weight 75%): Beta scores 5 → 75 points, Alpha scores 1 → 0 points".to_string()
    ));
}

#[test]
fn a_shared_first_place_by_score_is_said() {
    // Beta and Gamma both score 75 (fit 5, return 1: 3/4 × 100); Alpha, with the highest NPV,
    // 25 (fit 1, return 5).
    let s = scenario(vec![
        initiative("Alpha", 50_000.0, 100_000.0, (1.0, 5.0)),
        initiative("Beta", 10_000.0, 20_000.0, (5.0, 1.0)),
        initiative("Gamma", 10_000.0, 15_000.0, (5.0, 1.0)),
    ]);
    let all = sentences(&s);
    let sc = topic(&all, "scores").expect("the disagreement is reconciled");
    assert!(
        sc.text.starts_with(
            "By weighted score, Beta ranks first (75, level with Gamma, against 25 for Alpha, which has the highest NPV)"
        ),
        "{}",
        sc.text
    );
}

#[test]
fn inputs_at_their_defaults_and_100_percent_assumptions_are_named() {
    let mut a = initiative("Alpha", 50_000.0, 100_000.0, (3.0, 3.0));
    a.confidence_pct = Estimate::point(100.0);
    a.benefits.push(Benefit {
        label: "Triage".into(),
        kind: BenefitKind::HoursSaved(HoursSaved {
            hours: Estimate::point(40.0),
            ..HoursSaved::default()
        }),
        unknown: UnknownFields::default(),
        sources: Default::default(),
    });
    // A second benefit whose 100% adoption and recapture were typed (not defaults).
    a.benefits.push(Benefit {
        label: "Desk".into(),
        kind: BenefitKind::HoursSaved(HoursSaved {
            hours: Estimate::point(10.0),
            adoption_pct: Estimate::point(100.0),
            recapture_pct: Estimate::point(100.0),
            ..HoursSaved::default()
        }),
        unknown: UnknownFields::default(),
        sources: Default::default(),
    });
    let s = scenario(vec![a]);
    let all = sentences(&s);
    let d = topic(&all, "defaults").expect("defaults named");
    // Alpha's running cost 0 and the new benefit's adoption 80 and recapture 50 are defaults;
    // so is the confidence of 100 set above. Delivery and ramp-up (0) are not (defaults 3), nor
    // Desk's typed 100% adoption and recapture.
    for want in [
        "Alpha: Running cost per year 0 /yr",
        "Alpha: Confidence in benefits 100%",
        "Alpha, Triage: Adoption 80%",
        "Alpha, Triage: Recapture 50%",
    ] {
        assert!(d.lines.iter().any(|l| l == want), "{want} in {:?}", d.lines);
    }
    assert!(!d.lines.iter().any(|l| l.contains("Months until")));
    assert!(!d.lines.iter().any(|l| l.contains("Desk")));
    let o = topic(&all, "optimistic").expect("100% named");
    assert!(
        o.text.starts_with(
            "The figures of Alpha (100% confidence in benefits, adoption and recapture) rest on 100%"
        ),
        "{}",
        o.text
    );
}

#[test]
fn no_initiatives_says_what_to_do() {
    let all = sentences(&scenario(Vec::new()));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].topic, "none");
}

#[test]
fn the_simulated_sentences_name_the_recommended_initiative_and_its_range() {
    let mut s = example_scenario();
    s.simulation.trials = 2_000;
    let e = figures(&s).unwrap();
    let sim = simulate(&s, 2_000, 7);
    let got = simulated(&e, &sim, &F);
    let rec = topic(&summary(&s, &e, &F), "recommend").unwrap().clone();
    let range = topic(&got, "range").expect("range sentence");
    // The range sentence is about the recommended initiative, its P10 below its P90.
    let k = range.cells[0].1;
    assert!(rec
        .text
        .starts_with(&format!("Fund {} first", e.initiatives[k].name)));
    assert!(sim.initiatives[k].npv.p10 <= sim.initiatives[k].npv.p90);
    assert!(range.text.contains(&F_money(sim.initiatives[k].npv.p10)));
    assert!(topic(&got, "refine").is_some());
}

#[allow(non_snake_case)]
fn F_money(v: f64) -> String {
    use caseboard::explain::format::NumberFormat;
    F.money(v)
}

/// The built-in example's summary, printed for the README and the closing note
/// (`cargo test --test summary print_the_example -- --nocapture`); asserts only that each
/// sentence has something behind it.
#[test]
fn print_the_example() {
    let s = example_scenario();
    let e = figures(&s).unwrap();
    let sim = simulate(&s, s.simulation.trials as usize, s.simulation.seed.into());
    for x in summary(&s, &e, &F).iter().chain(&simulated(&e, &sim, &F)) {
        println!("[{}] {}", x.topic, x.text);
        assert!(!x.lines.is_empty() || !x.cells.is_empty(), "{}", x.text);
    }
}

/// An IRR above 1,000% a year says why it is so large: $100 spent in month 0, then (at 0%
/// discount, full adoption from the first month) 1,200,000 × 90% ÷ 12 = $90,000 a month.
#[test]
fn a_very_large_irr_says_why() {
    use caseboard::explain::format::lines;
    use caseboard::model::evaluate;
    let s = scenario(vec![initiative("Tiny", 100.0, 1_200_000.0, (3.0, 3.0))]);
    let e = evaluate(&s).unwrap();
    let r = &e.initiatives[0];
    assert!(r.irr.value.unwrap() > 1000.0);
    let text = lines(&F, &r.irr.derivation).join("\n");
    assert!(text.contains("Why so large"), "{text}");
    assert!(text.contains("$100"), "{text}");
    assert!(text.contains("$90,000"), "{text}");
    // An ordinary IRR says nothing of the kind: $50,000 spent, $7,500 a month.
    let s = scenario(vec![initiative("Plain", 50_000.0, 100_000.0, (3.0, 3.0))]);
    let e = evaluate(&s).unwrap();
    let text = lines(&F, &e.initiatives[0].irr.derivation).join("\n");
    assert!(!text.contains("Why so large"), "{text}");
}

#[test]
fn decisions_so_far_and_a_plan_changed_since_approval_are_said() {
    use caseboard::model::{Baseline, Stage};
    let mut s = scenario(vec![
        initiative("Alpha", 1000.0, 3000.0, (3.0, 3.0)),
        initiative("Beta", 500.0, 800.0, (3.0, 3.0)),
        initiative("Gamma", 200.0, 300.0, (3.0, 3.0)),
    ]);
    // All proposed: nothing to say.
    assert!(topic(&sentences(&s), "governance").is_none());
    // Alpha approved with a one-time cost of 1,000, then edited to 1,200; Beta live; Gamma still
    // proposed.
    s.initiatives[0].stage = Stage::Approved;
    let benefits = s.initiatives[0].benefits.clone();
    s.initiatives[0].baselines.push(Baseline {
        date: "2027-01-15".into(),
        one_time_cost: 1000.0,
        delivery_months: 0.0,
        ramp_up_months: 0.0,
        confidence_pct: 90.0,
        benefits,
        ..Baseline::default()
    });
    s.initiatives[0].one_time_cost = Estimate::point(1200.0);
    s.initiatives[1].stage = Stage::Live;
    let all = sentences(&s);
    let g = topic(&all, "governance").expect("a governance sentence");
    assert_eq!(
        g.text,
        "Decisions so far — proposed: Gamma; approved: Alpha; live: Beta. The plan of one \
         initiative changed since approval: the figures on screen are no longer the ones approved."
    );
    assert_eq!(
        g.lines,
        vec!["Alpha: one-time cost changed since its approval on 2027-01-15".to_string()]
    );
}
