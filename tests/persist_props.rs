//! Property tests of saved files and share links: encoding then decoding is the identity for any
//! scenario, bit for bit; decoding arbitrary input never panics.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use caseboard::formats::{flat, link, saved};
use caseboard::model::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

mod common;

// The strategies are boxed: unboxed, their nested types need more stack than a debug-build test
// thread has.

/// Any finite number: whole, fractional, tiny, huge, subnormal, ±0.
fn number() -> BoxedStrategy<f64> {
    use prop::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    prop_oneof![
        3 => (0u32..1_000_000).prop_map(f64::from),
        2 => -1e9..1e9f64,
        2 => POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO,
        1 => Just(-0.0),
    ]
    .boxed()
}

/// A point, a full range or a range with one bound.
fn estimate() -> BoxedStrategy<Estimate> {
    prop_oneof![
        3 => number().prop_map(Estimate::point),
        1 => (number(), number(), number()).prop_map(|(l, m, h)| Estimate::range(l, m, h)),
        1 => (prop::option::of(number()), number(), prop::option::of(number()))
            .prop_map(|(low, likely, high)| Estimate { likely, low, high }),
    ]
    .boxed()
}

/// Any text, unicode and control characters included.
fn text(max: usize) -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::string::string_regex(&format!("(?s).{{0,{max}}}")).unwrap(),
        1 => prop::sample::select(vec!["", " ", "Ünïcödé — “x”", "\\\"\n\t", "\u{1F600}\u{0}"])
            .prop_map(String::from),
    ]
    .boxed()
}

fn benefit_kind() -> BoxedStrategy<BenefitKind> {
    prop_oneof![
        5 => common::benefit_kind_of(|_| estimate()),
        // The values a new benefit starts with, which the link leaves out.
        1 => prop::sample::select(BENEFIT_KINDS.to_vec()).prop_map(|k| BenefitKind::blank(k).unwrap()),
    ]
    .boxed()
}

/// Sources of inputs: by a field's key (or any key), any text.
fn sources() -> BoxedStrategy<BTreeMap<String, String>> {
    let key = prop_oneof![
        prop::sample::select(vec!["hours", "one_time_cost", "adoption_pct"]).prop_map(String::from),
        text(6),
    ];
    prop::collection::btree_map(key, text(30), 0..3).boxed()
}

fn benefit() -> BoxedStrategy<Benefit> {
    (text(16), benefit_kind(), sources())
        .prop_map(|(label, kind, sources)| Benefit {
            label,
            kind,
            unknown: Default::default(),
            sources,
        })
        .boxed()
}

fn criteria() -> BoxedStrategy<Vec<Criterion>> {
    let direction = prop::sample::select(vec![Direction::HigherIsBetter, Direction::LowerIsBetter]);
    let custom = prop::collection::vec(
        (text(8), text(12), number(), direction).prop_map(|(id, name, weight, direction)| {
            Criterion {
                id,
                name,
                weight,
                direction,
                unknown: Default::default(),
            }
        }),
        0..7,
    );
    prop_oneof![
        1 => Just(Criterion::defaults()),
        1 => custom,
        // The defaults with other weights.
        1 => prop::collection::vec(number(), 5).prop_map(|w| {
            Criterion::defaults()
                .into_iter()
                .zip(w)
                .map(|(c, weight)| Criterion { weight, ..c })
                .collect()
        }),
    ]
    .boxed()
}

/// An initiative scored on some of `ids` (criterion ids) and on ids that are not criteria.
fn initiative(ids: Vec<String>) -> BoxedStrategy<Initiative> {
    let n = ids.len();
    (
        (
            text(10),
            text(20),
            prop::sample::select(Category::ALL.to_vec()),
            text(60),
        ),
        (estimate(), estimate(), estimate(), estimate(), estimate()),
        prop::collection::vec(prop::option::of(number()), n),
        prop::collection::btree_map(text(6), number(), 0..2),
        prop::collection::vec(text(10), 0..3),
        (prop::collection::vec(benefit(), 0..5), sources()),
    )
        .prop_map(
            move |(
                (id, name, category, notes),
                (otc, run, del, ramp, conf),
                sc,
                extra,
                deps,
                (benefits, sources),
            )| {
                let mut scores: BTreeMap<String, f64> = extra;
                for (id, s) in ids.iter().zip(sc) {
                    match s {
                        Some(s) => {
                            scores.insert(id.clone(), s);
                        }
                        None => {
                            scores.remove(id);
                        }
                    }
                }
                Initiative {
                    id,
                    name,
                    category,
                    notes,
                    one_time_cost: otc,
                    annual_running_cost: run,
                    delivery_months: del,
                    ramp_up_months: ramp,
                    confidence_pct: conf,
                    scores,
                    depends_on: deps,
                    benefits,
                    sources,
                    unknown: Default::default(),
                    ..Initiative::default()
                }
            },
        )
        .prop_flat_map(|i| (Just(i), roadmap_inputs()))
        .prop_map(
            |(i, (effort_pm, alternatives, needed_by_month, if_late, penalty, fixed))| Initiative {
                effort_pm,
                alternatives,
                needed_by_month,
                if_late,
                late_penalty_per_month: penalty,
                fixed_start_month: fixed,
                ..i
            },
        )
        .prop_flat_map(|i| (Just(i), governance(), text(12)))
        .prop_map(
            |(i, (stage, serves, decisions, baselines, actuals), status_note)| Initiative {
                stage,
                serves,
                decisions,
                baselines,
                actuals,
                status_note,
                ..i
            },
        )
        .boxed()
}

fn stage() -> BoxedStrategy<Stage> {
    prop::sample::select(<Stage as caseboard::model::schema::Choice>::ALL.to_vec()).boxed()
}

/// An initiative's governance and tracking: status, goals served, decisions, baselines (with
/// benefits), months of actuals — each list sometimes empty.
#[allow(clippy::type_complexity)]
fn governance() -> BoxedStrategy<(
    Stage,
    Vec<Serves>,
    Vec<Decision>,
    Vec<Baseline>,
    Vec<Actual>,
)> {
    let serves = (text(6), text(6), prop::option::of(number()))
        .prop_map(|(goal, kpi, change)| Serves { goal, kpi, change });
    let decision = (
        (text(10), text(12), stage(), text(40)),
        (
            prop::option::of(number()),
            prop::option::of(number()),
            prop::option::of(number()),
        ),
    )
        .prop_map(
            |((date, by, stage, rationale), (npv, roi_pct, payback_months))| Decision {
                date,
                by,
                stage,
                rationale,
                npv,
                roi_pct,
                payback_months,
            },
        );
    let baseline = (
        text(10),
        prop::collection::vec(number(), 6),
        (prop::option::of(number()), prop::option::of(number())),
        prop::collection::vec(benefit(), 0..3),
    )
        .prop_map(|(date, v, (npv, payback_months), benefits)| Baseline {
            date,
            one_time_cost: v[0],
            annual_running_cost: v[1],
            delivery_months: v[2],
            ramp_up_months: v[3],
            confidence_pct: v[4],
            start_month: v[5],
            npv,
            payback_months,
            benefits,
        });
    let actual = (
        number(),
        prop::collection::vec(prop::option::of(number()), 3),
        prop::collection::vec(prop::option::of(number()), 0..4),
    )
        .prop_map(|(month, v, measured)| Actual {
            month,
            one_time: v[0],
            running: v[1],
            adoption_pct: v[2],
            measured,
        });
    (
        stage(),
        prop::collection::vec(serves, 0..3),
        prop::collection::vec(decision, 0..3),
        prop::collection::vec(baseline, 0..2),
        prop::collection::vec(actual, 0..4),
    )
        .boxed()
}

/// Goals with KPIs and readings, and the tracking settings.
fn goals_and_tracking() -> BoxedStrategy<(Vec<Goal>, Tracking)> {
    let better = prop::sample::select(vec![Better::Higher, Better::Lower]);
    let reading = (number(), number()).prop_map(|(month, value)| KpiReading { month, value });
    let kpi = (
        (text(6), text(12), text(6)),
        (number(), number(), number(), better),
        prop::collection::vec(reading, 0..4),
    )
        .prop_map(
            |((id, name, unit), (baseline, target, target_month, better), readings)| Kpi {
                id,
                name,
                unit,
                baseline,
                target,
                target_month,
                better,
                readings,
            },
        );
    let goal = (
        text(6),
        text(16),
        number(),
        prop::collection::vec(kpi, 0..3),
        text(12),
    )
        .prop_map(|(id, name, weight, kpis, note)| Goal {
            id,
            name,
            weight,
            kpis,
            note,
        });
    let tracking = prop_oneof![
        1 => Just(Tracking::default()),
        2 => (number(), number(), prop::option::of(number()), text(7)).prop_map(
            |(green_pct, yellow_pct, as_of_month, start)| Tracking {
                green_pct,
                yellow_pct,
                as_of_month,
                start,
            }
        ),
    ];
    (prop::collection::vec(goal, 0..3), tracking).boxed()
}

/// Estimates that move together: any number (validation judges it), any keys, repeats too.
fn correlations() -> BoxedStrategy<Vec<Correlation>> {
    prop::collection::vec(
        (
            text(30),
            prop_oneof![number(), -1.0f64..=1.0],
            prop::collection::vec(text(40), 0..5),
        )
            .prop_map(|(name, rank_correlation, inputs)| Correlation {
                name,
                rank_correlation,
                inputs,
            }),
        0..3,
    )
    .boxed()
}

/// An initiative's portfolio inputs: effort, alternatives group, milestone and its rule, fixed
/// start — each sometimes at its default.
#[allow(clippy::type_complexity)]
fn roadmap_inputs() -> BoxedStrategy<(f64, String, Option<f64>, IfLate, f64, Option<f64>)> {
    (
        number(),
        text(8),
        prop::option::of(number()),
        prop::sample::select(vec![IfLate::Wait, IfLate::Penalty, IfLate::Lapse]),
        number(),
        prop::option::of(number()),
    )
        .boxed()
}

/// Portfolio settings: budgets of some years (each budget optional), capacity, objective, least
/// score, shares.
fn portfolio() -> BoxedStrategy<Portfolio> {
    let budget = (
        prop::option::of(number()),
        prop::option::of(number()),
        prop::option::of(number()),
    )
        .prop_map(|(one_time, running, total)| YearBudget {
            one_time,
            running,
            total,
        });
    prop_oneof![
        1 => Just(Portfolio::default()),
        3 => (
            prop::collection::vec(budget, 0..4),
            prop::option::of(number()),
            prop::sample::select(vec![
                Objective::Npv,
                Objective::P50Npv,
                Objective::MeanNpv,
                Objective::Score,
                Objective::NpvMinScore,
            ]),
            number(),
            prop::collection::vec(prop::option::of(number()), 4),
        )
            .prop_map(|(budgets, capacity_pm, objective, min_score, shares)| Portfolio {
                budgets,
                capacity_pm,
                objective,
                min_score,
                strategic_min_pct: shares[0],
                strategic_max_pct: shares[1],
                operational_min_pct: shares[2],
                operational_max_pct: shares[3],
                unknown: Default::default(),
            }),
    ]
    .boxed()
}

fn scenario() -> BoxedStrategy<Scenario> {
    (
        (text(24), prop_oneof![Just("USD".to_string()), text(4)]),
        (any::<u32>(), estimate(), estimate(), number()),
        criteria(),
    )
        .prop_flat_map(
            |((name, currency), (horizon, rate, hourly, fte), criteria)| {
                let ids: Vec<String> = criteria.iter().map(|c| c.id.clone()).collect();
                (
                    Just((name, currency, horizon, rate, hourly, fte, criteria)),
                    prop::collection::vec(initiative(ids), 0..=20),
                )
            },
        )
        .prop_map(
            |(
                (
                    name,
                    currency,
                    horizon_years,
                    discount_rate_pct,
                    default_hourly_rate,
                    hours_per_fte_year,
                    criteria,
                ),
                initiatives,
            )| {
                Scenario {
                    name,
                    currency,
                    horizon_years,
                    discount_rate_pct,
                    default_hourly_rate,
                    hours_per_fte_year,
                    criteria,
                    initiatives,
                    simulation: SimSettings::default(),
                    portfolio: Portfolio::default(),
                    goals: Vec::new(),
                    tracking: Tracking::default(),
                    fit_from_goals: false,
                    correlations: Vec::new(),
                    risk_tolerance: Vec::new(),
                    unknown: Default::default(),
                }
            },
        )
        .prop_flat_map(|s| (Just(s), portfolio()))
        .prop_map(|(s, portfolio)| Scenario { portfolio, ..s })
        .prop_flat_map(|s| (Just(s), correlations()))
        .prop_map(|(s, correlations)| Scenario { correlations, ..s })
        .prop_flat_map(|s| {
            let point = (number(), number())
                .prop_map(|(loss, chance_pct)| TolerancePoint { loss, chance_pct });
            (Just(s), prop::collection::vec(point, 0..4))
        })
        .prop_map(|(s, risk_tolerance)| Scenario {
            risk_tolerance,
            ..s
        })
        .prop_flat_map(|s| (Just(s), goals_and_tracking(), any::<bool>()))
        .prop_map(|(s, (goals, tracking), fit_from_goals)| Scenario {
            goals,
            tracking,
            fit_from_goals,
            ..s
        })
        .prop_flat_map(|s| {
            let settings = prop_oneof![
                Just(SimSettings::default()),
                (any::<u32>(), any::<u32>(), any::<bool>()).prop_map(|(trials, seed, logn)| {
                    SimSettings {
                        trials,
                        seed,
                        distribution: if logn {
                            Distribution::Lognormal
                        } else {
                            Distribution::Pert
                        },
                        unknown: Default::default(),
                    }
                }),
                any::<u32>().prop_map(|seed| SimSettings {
                    seed,
                    ..SimSettings::default()
                }),
            ];
            (Just(s), settings)
        })
        .prop_map(|(mut s, simulation)| {
            s.simulation = simulation;
            // Ids as Caseboard writes them: unique and not empty (readers repair others, below).
            distinct(s.criteria.iter_mut().map(|c| &mut c.id));
            distinct(s.initiatives.iter_mut().map(|i| &mut i.id));
            s
        })
        .boxed()
}

/// Makes ids unique and non-empty by appending `#n` where needed.
fn distinct<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut seen = std::collections::BTreeSet::new();
    for (n, id) in ids.enumerate() {
        if id.is_empty() || seen.contains(id.as_str()) {
            id.push_str(&format!("#{n}"));
        }
        seen.insert(id.clone());
    }
}

/// Arbitrary JSON, for link forms with any structure.
fn json() -> BoxedStrategy<serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..12).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        number().prop_map(Value::from),
        text(6).prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 12, |inner| {
        prop_oneof![
            3 => prop::collection::vec(inner.clone(), 0..12).prop_map(Value::Array),
            1 => prop::collection::btree_map(text(4), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

fn flat_tok() -> BoxedStrategy<flat::Tok> {
    prop_oneof![
        number().prop_map(flat::Tok::Num),
        (-3i32..8).prop_map(|n| flat::Tok::Num(f64::from(n))),
        Just(flat::Tok::Num(1e300)),
        Just(flat::Tok::Num(f64::NAN)),
        text(5).prop_map(flat::Tok::Text),
        Just(flat::Tok::Nil),
    ]
    .boxed()
}

fn pack(bytes: &[u8]) -> String {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 1);
    format!("c1.{}", URL_SAFE_NO_PAD.encode(z))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_link_decodes_to_exactly_the_scenario_it_was_made_from(s in scenario()) {
        let fragment = link::encode(&s);
        let back = link::decode(&fragment).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &s);
        // Bit for bit: ±0 and every last digit (PartialEq on f64 would accept 0 == -0).
        prop_assert_eq!(saved::to_json(&back), saved::to_json(&s));
    }

    #[test]
    fn the_flat_form_reads_back_exactly(s in scenario()) {
        let toks = flat::write(&s);
        let back = flat::read(&toks).ok_or_else(|| TestCaseError::fail("flat form not read back"))?;
        prop_assert_eq!(saved::to_json(&back), saved::to_json(&s));
        prop_assert_eq!(back, s);
    }

    #[test]
    fn a_cut_or_altered_flat_form_never_panics(s in scenario(), cut in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), tok in flat_tok()) {
        let mut toks = flat::write(&s);
        let _ = flat::read(&toks[..cut.index(toks.len())]);
        let i = at.index(toks.len());
        toks[i] = tok;
        let _ = flat::read(&toks);
    }

    #[test]
    fn a_saved_file_reads_back_exactly(s in scenario()) {
        let text = saved::to_json(&s);
        let loaded = saved::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(loaded.version, saved::CURRENT_VERSION);
        prop_assert_eq!(saved::to_json(&loaded.scenario), text);
        prop_assert_eq!(loaded.scenario, s);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = link::decode(&lossy);
        let _ = saved::from_json(&lossy);
        let _ = link::decode(&format!("c1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
        let _ = link::decode(&pack(&bytes));
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "(?s).{0,300}", b64 in "[A-Za-z0-9_=-]{0,300}") {
        let _ = link::decode(&s);
        let _ = link::decode(&format!("c1.{s}"));
        let _ = link::decode(&format!("#c1.{b64}"));
        let _ = link::decode(&format!("c2.{b64}"));
        let _ = saved::from_json(&s);
        let _ = link::decode(&pack(s.as_bytes()));
    }

    /// Link forms of any structure: read or refused, never a panic; what is read round-trips.
    #[test]
    fn arbitrary_link_forms_never_panic(v in json()) {
        if let Ok(s) = link::decode(&pack(v.to_string().as_bytes())) {
            prop_assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
        }
        let _ = saved::from_json(&v.to_string());
        let _ = saved::from_json(&serde_json::json!({"format": "caseboard", "version": 1, "data": v}).to_string());
    }

    /// A link form that is nearly right: the example's with one part replaced.
    #[test]
    fn nearly_right_link_forms_never_panic(path in prop::collection::vec(0usize..12, 1..5), v in json()) {
        let mut form: serde_json::Value =
            serde_json::from_str(&link::form_json(&example_scenario())).unwrap();
        let mut node = &mut form;
        for i in path {
            let len = node.as_array().map_or(0, Vec::len);
            if len == 0 {
                break;
            }
            node = &mut node[i % len];
        }
        *node = v;
        if let Ok(s) = link::decode(&pack(form.to_string().as_bytes())) {
            prop_assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    /// Duplicate or empty initiative ids (a file edited by hand, another program): every
    /// initiative is read, in order, each with a unique non-empty id; the first holder of an id
    /// keeps it; nothing else changes; each change is reported.
    #[test]
    fn duplicate_or_empty_ids_are_repaired_and_nothing_else_is_lost(
        s in scenario(),
        clashes in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 1..6),
    ) {
        let mut s = s;
        prop_assume!(!s.initiatives.is_empty());
        let n = s.initiatives.len();
        for (at, from, empty) in clashes {
            let (at, from) = (at.index(n), from.index(n));
            s.initiatives[at].id = if empty { String::new() } else { s.initiatives[from].id.clone() };
        }
        // Which positions must change: empty ones and repeats of an id seen before.
        let mut seen = std::collections::BTreeSet::new();
        let must_change: Vec<bool> = s.initiatives.iter().map(|i| i.id.is_empty() || !seen.insert(i.id.clone())).collect();
        let changed = must_change.iter().filter(|c| **c).count();

        let loaded = saved::from_json(&saved::to_json(&s)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (linked, link_notes) = link::decode_noting(&link::encode(&s)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (back, notes) in [(&loaded.scenario, &loaded.notes), (&linked, &link_notes)] {
            prop_assert_eq!(back.initiatives.len(), n);
            prop_assert_eq!(notes.len(), changed);
            let ids: std::collections::BTreeSet<&str> = back.initiatives.iter().map(|i| i.id.as_str()).collect();
            prop_assert_eq!(ids.len(), n, "ids unique");
            prop_assert!(!ids.contains(""));
            for ((a, b), change) in back.initiatives.iter().zip(&s.initiatives).zip(&must_change) {
                if !change {
                    prop_assert_eq!(&a.id, &b.id);
                }
                let mut a = a.clone();
                a.id = b.id.clone();
                prop_assert_eq!(&a, b);
            }
        }
    }

    /// The hand-written named form is the serde format of the model types, both ways.
    #[test]
    fn the_named_form_is_the_serde_format(s in scenario()) {
        let envelope: serde_json::Value = serde_json::from_str(&saved::to_json(&s)).unwrap();
        let by_serde: Scenario = serde_json::from_value(envelope["data"].clone())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&by_serde, &s);
        let from_serde = saved::from_json(&serde_json::to_string(&s).unwrap())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_serde.version, 0);
        prop_assert_eq!(saved::to_json(&from_serde.scenario), saved::to_json(&s));
    }
}
