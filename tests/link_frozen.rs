//! Share links kept forever: `c1.` and `c2.` links (the frozen positional reader) and the `c3.`
//! form, each a link written by hand from the form its module documents and the scenario it
//! must open to, spelled out here. A change that makes any of them read differently breaks
//! links people have already sent.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use caseboard::formats::{link, saved};
use caseboard::model::*;
use std::collections::BTreeMap;

/// `["Desk",[["desk","Desk automation",[8000,10000,15000],1200,2,3,90,[4,null,null,null,2],
/// [[0,"Tickets",[150,200,260],1,null,80,75]],1,"note",["x"]]],"EUR",5,8,70,1700]`, deflated
/// (zlib, level 9) and base64url by hand (Python's zlib and base64 modules).
const C1: &str = "c1.eNpNTbsOwjAQ-xV0s4draEjY4QeqMkUZKshQtSRDU4nPxw0Li2Xf-RHklrZFEIK8Gmn6NO21vKc6l8yXV1V02tASIzpDbnDGVRF65H1d_8BE1ilknJ9LqhsbGEOLXI7wz-UVzsZDSi410SUfiTzI_TEILDwcBx33viAXLQQ";

/// `["Ops",[["ha","Portal HA",50000,0,6,1,85,[5,1,{"legacy":3}],[[1,"Outages",540,80,800,60,
/// 120,55,50,8,5000],[3,"Licences",[null,9000,12000]]],0]],"USD",3,10,65,1800,
/// [["fit","Fit",2,0],["cost","Cost",1,1]],[20000,42,1]]`, made the same way.
const C2: &str = "c2.eNodjsEKwjAQRH9F9jyHJG2kehNFPAgVxFPoIYSqhdCKbQ8i_ruzDWGXTWbeTpD6NQpCkGcUyGV4TzGvTjuBNzwwWMOi8gie_Su5fcT0kW3xa2iykHqe4qMlwpcGlV5aDKwz8J4QVAuJ6gJy7lLbJ1WHfs4ZG11BKf-bBiyQ2_UgKGBJ4UalMdu9mxjuqNVBWZKGUZ_2S7OwtAa3JC6dTn-70Ddg";

fn hours(
    label: &str,
    hours: Estimate,
    per: Period,
    rate: Option<f64>,
    adoption: f64,
    recapture: f64,
) -> Benefit {
    Benefit {
        label: label.into(),
        kind: BenefitKind::HoursSaved(HoursSaved {
            hours,
            per,
            hourly_rate: rate.map(Estimate::point),
            adoption_pct: adoption.into(),
            recapture_pct: recapture.into(),
        }),
        unknown: UnknownFields::default(),
        sources: Default::default(),
    }
}

/// The scenario of `C1`, field by field from the positional form.
fn desk() -> Scenario {
    Scenario {
        name: "Desk".into(),
        currency: "EUR".into(),
        horizon_years: 5,
        discount_rate_pct: 8.0.into(),
        default_hourly_rate: 70.0.into(),
        hours_per_fte_year: 1700.0,
        initiatives: vec![Initiative {
            id: "desk".into(),
            name: "Desk automation".into(),
            category: Category::Strategic,
            notes: "note".into(),
            one_time_cost: Estimate::range(8000.0, 10000.0, 15000.0),
            annual_running_cost: 1200.0.into(),
            delivery_months: 2.0.into(),
            ramp_up_months: 3.0.into(),
            confidence_pct: 90.0.into(),
            scores: BTreeMap::from([("strategic_fit".into(), 4.0), ("effort".into(), 2.0)]),
            depends_on: vec!["x".into()],
            benefits: vec![hours(
                "Tickets",
                Estimate::range(150.0, 200.0, 260.0),
                Period::Month,
                None,
                80.0,
                75.0,
            )],
            unknown: UnknownFields::default(),
            sources: Default::default(),
            ..Initiative::default()
        }],
        ..Scenario::default()
    }
}

#[test]
fn a_c1_link_opens_to_the_scenario_it_spells() {
    assert_eq!(link::decode(C1).unwrap(), desk());
}

#[test]
fn a_c2_link_opens_to_the_scenario_it_spells_with_its_simulation_settings() {
    let criterion = |id: &str, name: &str, weight: f64, direction| Criterion {
        weight,
        ..Criterion::new(id, name, direction)
    };
    let want = Scenario {
        name: "Ops".into(),
        criteria: vec![
            criterion("fit", "Fit", 2.0, Direction::HigherIsBetter),
            criterion("cost", "Cost", 1.0, Direction::LowerIsBetter),
        ],
        simulation: SimSettings {
            trials: 20_000,
            seed: 42,
            distribution: Distribution::Lognormal,
            unknown: UnknownFields::default(),
        },
        initiatives: vec![Initiative {
            id: "ha".into(),
            name: "Portal HA".into(),
            category: Category::Mandatory,
            one_time_cost: 50_000.0.into(),
            annual_running_cost: 0.0.into(),
            delivery_months: 6.0.into(),
            ramp_up_months: 1.0.into(),
            confidence_pct: 85.0.into(),
            scores: BTreeMap::from([
                ("fit".into(), 5.0),
                ("cost".into(), 1.0),
                ("legacy".into(), 3.0),
            ]),
            benefits: vec![
                Benefit {
                    label: "Outages".into(),
                    kind: BenefitKind::OutageAvoided(OutageAvoided {
                        baseline_minutes_per_year: 540.0.into(),
                        reduction_pct: 80.0.into(),
                        revenue_per_minute: 800.0.into(),
                        revenue_impact_pct: 60.0.into(),
                        affected_staff: 120.0.into(),
                        hourly_rate: Some(55.0.into()),
                        productivity_loss_pct: 50.0.into(),
                        incidents_avoided_per_year: 8.0.into(),
                        cost_per_incident: 5000.0.into(),
                    }),
                    unknown: UnknownFields::default(),
                    sources: Default::default(),
                },
                Benefit {
                    label: "Licences".into(),
                    kind: BenefitKind::CostAvoided(CostAvoided {
                        amount_per_year: Estimate {
                            likely: 9000.0,
                            low: None,
                            high: Some(12_000.0),
                        },
                    }),
                    unknown: UnknownFields::default(),
                    sources: Default::default(),
                },
            ],
            ..Initiative::default()
        }],
        ..Scenario::default()
    };
    assert_eq!(link::decode(C2).unwrap(), want);
}

/// The compact form of `c3.` (src/formats/link_c3.rs): each record a list in serde's field
/// order, defaults as `null` or left off the end, enumerations by position, scores in criterion
/// order, unknown fields in an object after the known ones. Written by hand (the ramp-up of 3
/// months is the default, so `null`).
const C3_FORM: &str = concat!(
    r#"["Desk","EUR",5,8,70,1700,null,"#,
    r#"[["desk","Desk automation",1,"note",[8000,10000,15000],1200,2,null,90,[4,null,null,null,2],["x"],"#,
    r#"[["Tickets",0,[150,200,260],null,null,80,75]],{"owner":{"name":"Ana","since":2024}}]],"#,
    r#"[20000,42,1],{"portfolio":{"quarter":"Q3"}}]"#
);

fn desk_with_unknown_fields() -> Scenario {
    let mut s = desk();
    s.simulation = SimSettings {
        trials: 20_000,
        seed: 42,
        distribution: Distribution::Lognormal,
        unknown: UnknownFields::default(),
    };
    // Written when `portfolio` was a field Caseboard did not know; version 4 knows it, so the
    // field it does not know is now the portfolio's `quarter` (written back the same).
    s.portfolio
        .unknown
        .0
        .insert("quarter".into(), r#""Q3""#.into());
    s.initiatives[0]
        .unknown
        .0
        .insert("owner".into(), r#"{"name":"Ana","since":2024}"#.into());
    s
}

/// The same scenario as `c4.` writes it (saved-format version 3): the benefit's adoption of 80%
/// is now the default of a new benefit, so `null`.
const C4_FORM: &str = concat!(
    r#"["Desk","EUR",5,8,70,1700,null,"#,
    r#"[["desk","Desk automation",1,"note",[8000,10000,15000],1200,2,null,90,[4,null,null,null,2],["x"],"#,
    r#"[["Tickets",0,[150,200,260],null,null,null,75]],{"owner":{"name":"Ana","since":2024}}]],"#,
    r#"[20000,42,1],{"portfolio":{"quarter":"Q3"}}]"#
);

/// The same scenario as `c5.` writes it (saved-format version 4): the initiative's six new
/// fields after its confidence (all at their defaults, `null`), the portfolio after the
/// simulation settings (its fields at their defaults, then the field it does not know).
const C5_FORM: &str = concat!(
    r#"["Desk","EUR",5,8,70,1700,null,"#,
    r#"[["desk","Desk automation",1,"note",[8000,10000,15000],1200,2,null,90,null,null,null,null,null,null,[4,null,null,null,2],["x"],"#,
    r#"[["Tickets",0,[150,200,260],null,null,null,75]],{"owner":{"name":"Ana","since":2024}}]],"#,
    r#"[20000,42,1],[null,null,null,null,null,null,null,null,{"quarter":"Q3"}]]"#
);

/// The same scenario as `c6.` writes it (saved-format version 5): the initiative's status after
/// its fixed start (at its default, `null`), its four new lists after its benefits (none, so
/// `null`) before the field it does not know; the scenario's goals and tracking at their
/// defaults, left off its end.
const C6_FORM: &str = concat!(
    r#"["Desk","EUR",5,8,70,1700,null,"#,
    r#"[["desk","Desk automation",1,"note",[8000,10000,15000],1200,2,null,90,null,null,null,null,null,null,null,[4,null,null,null,2],["x"],"#,
    r#"[["Tickets",0,[150,200,260],null,null,null,75]],null,null,null,null,{"owner":{"name":"Ana","since":2024}}]],"#,
    r#"[20000,42,1],[null,null,null,null,null,null,null,null,{"quarter":"Q3"}]]"#
);

fn fragment(version: u32, form: &str) -> String {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(form.as_bytes(), 6);
    format!("c{version}.{}", URL_SAFE_NO_PAD.encode(z))
}

#[test]
fn c3_to_c5_links_open_to_the_scenario_they_spell_and_c6_is_what_the_app_writes() {
    assert_eq!(
        link::decode(&fragment(3, C3_FORM)).unwrap(),
        desk_with_unknown_fields()
    );
    assert_eq!(
        link::decode(&fragment(4, C4_FORM)).unwrap(),
        desk_with_unknown_fields()
    );
    assert_eq!(
        link::decode(&fragment(5, C5_FORM)).unwrap(),
        desk_with_unknown_fields()
    );
    assert_eq!(
        link::decode(&fragment(6, C6_FORM)).unwrap(),
        desk_with_unknown_fields()
    );
    // The writer makes exactly this form (so serde's field order is pinned here).
    assert_eq!(link::payload_json(&desk_with_unknown_fields()), C6_FORM);
    assert!(link::encode(&desk_with_unknown_fields()).starts_with("c6."));
}

#[test]
fn a_default_left_out_of_a_c3_link_is_version_2s_default() {
    // The benefit's inputs after its hours left off: the defaults of the link's version. A `c3.`
    // link meant 100% adoption and recapture (version 2); a `c4.` link means 80% and 50%.
    let form = |benefit: &str| {
        format!(
            r#"["Desk","EUR",5,8,70,1700,null,[["desk","Desk automation",1,"",1000,0,0,0,90,[3,3,3,3,3],[],[{benefit}]]]]"#
        )
    };
    let hours = |version: u32, b: &str| match &link::decode(&fragment(version, &form(b)))
        .unwrap()
        .initiatives[0]
        .benefits[0]
        .kind
    {
        BenefitKind::HoursSaved(h) => (h.adoption_pct.likely, h.recapture_pct.likely),
        other => panic!("{other:?}"),
    };
    assert_eq!(hours(3, r#"["Tickets",0,200]"#), (100.0, 100.0));
    assert_eq!(
        hours(3, r#"["Tickets",0,200,null,null,null,null]"#),
        (100.0, 100.0)
    );
    assert_eq!(hours(4, r#"["Tickets",0,200]"#), (80.0, 50.0));
    let outage = match &link::decode(&fragment(3, &form(r#"["Portal",1,600]"#)))
        .unwrap()
        .initiatives[0]
        .benefits[0]
        .kind
    {
        BenefitKind::OutageAvoided(o) => {
            (o.revenue_impact_pct.likely, o.productivity_loss_pct.likely)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(outage, (100.0, 100.0));
}

#[test]
fn a_c3_link_keeps_unknown_fields_through_a_saved_file() {
    let s = desk_with_unknown_fields();
    let back = link::decode(&link::encode(&s)).unwrap();
    assert_eq!(back, s);
    let file: serde_json::Value = serde_json::from_str(&saved::to_json(&back)).unwrap();
    assert_eq!(
        file["data"]["portfolio"]["quarter"],
        serde_json::json!("Q3")
    );
    assert_eq!(
        file["data"]["initiatives"][0]["owner"],
        serde_json::json!({"name": "Ana", "since": 2024})
    );
}

/// The lengths the README can quote: the built-in example's link as `c2.` (positional, which
/// has no portfolio: the example without it) and as `c6.`, the form new links use. Run with
/// `--nocapture` to see them.
#[test]
fn the_example_link_is_about_as_short_as_c6_as_it_was_as_c2() {
    let mut s = example_scenario();
    let c6 = link::encode(&s);
    assert!(c6.starts_with("c6."));
    // The issue's limit for the example with its portfolio.
    assert!(c6.len() <= 1200, "c6 {}", c6.len());
    s.portfolio = Default::default();
    for i in &mut s.initiatives {
        *i = Initiative {
            effort_pm: 0.0,
            needed_by_month: None,
            if_late: Default::default(),
            late_penalty_per_month: 0.0,
            ..i.clone()
        };
    }
    let z = miniz_oxide::deflate::compress_to_vec_zlib(link::form_json(&s).as_bytes(), 10);
    let c2 = format!("c2.{}", URL_SAFE_NO_PAD.encode(z));
    let plain = link::encode(&s);
    println!(
        "example link: c6 {} characters; without its portfolio c2 {}, c6 {}",
        c6.len(),
        c2.len(),
        plain.len()
    );
    assert_eq!(link::decode(&c2).unwrap(), s);
    // Within a tenth of the positional form's length.
    assert!(
        plain.len() * 10 <= c2.len() * 11,
        "c2 {} c6 {}",
        c2.len(),
        plain.len()
    );
}
