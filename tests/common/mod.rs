//! Proptest strategies shared by the property tests (`model_props.rs`, `persist_props.rs`): a
//! benefit of every kind, with its estimates drawn by the caller — valid and within plausible
//! bounds for the engine's properties, any number at all for the formats' round trips.
#![cfg(not(target_arch = "wasm32"))]

use caseboard::model::*;
use proptest::prelude::*;

/// What a benefit's estimate stands for: an amount or count up to a plausible maximum, or a
/// percentage. (`persist_props.rs` draws any number whatever the field, so never reads the bound.)
#[derive(Clone, Copy)]
#[allow(dead_code)]
pub enum Field {
    UpTo(f64),
    Pct,
}

pub fn period() -> BoxedStrategy<Period> {
    prop::sample::select(Period::ALL.to_vec()).boxed()
}

/// A benefit of any of the five kinds, each estimate drawn by `e` for what it stands for.
pub fn benefit_kind_of(e: impl Fn(Field) -> BoxedStrategy<Estimate>) -> BoxedStrategy<BenefitKind> {
    use Field::{Pct, UpTo};
    let rate = || prop::option::of(e(UpTo(500.0)));
    prop_oneof![
        (e(UpTo(5_000.0)), period(), rate(), e(Pct), e(Pct)).prop_map(
            |(hours, per, hourly_rate, adoption_pct, recapture_pct)| BenefitKind::HoursSaved(
                HoursSaved {
                    hours,
                    per,
                    hourly_rate,
                    adoption_pct,
                    recapture_pct,
                }
            )
        ),
        (
            (e(UpTo(20_000.0)), e(Pct), e(UpTo(50_000.0)), e(Pct)),
            (e(UpTo(5_000.0)), rate(), e(Pct)),
            (e(UpTo(100.0)), e(UpTo(1e6))),
        )
            .prop_map(|((b, r, rpm, ri), (staff, rate, loss), (inc, cpi))| {
                BenefitKind::OutageAvoided(OutageAvoided {
                    baseline_minutes_per_year: b,
                    reduction_pct: r,
                    revenue_per_minute: rpm,
                    revenue_impact_pct: ri,
                    affected_staff: staff,
                    hourly_rate: rate,
                    productivity_loss_pct: loss,
                    incidents_avoided_per_year: inc,
                    cost_per_incident: cpi,
                })
            }),
        (e(UpTo(12.0)), e(UpTo(1e8)), e(Pct), e(Pct)).prop_map(|(ev, l, lr, ir)| {
            BenefitKind::RiskReduced(RiskReduced {
                events_per_year: ev,
                loss_per_event: l,
                likelihood_reduction_pct: lr,
                impact_reduction_pct: ir,
            })
        }),
        e(UpTo(1e7)).prop_map(|a| BenefitKind::CostAvoided(CostAvoided { amount_per_year: a })),
        (e(UpTo(1e8)), e(Pct)).prop_map(|(r, m)| BenefitKind::RevenueGained(RevenueGained {
            revenue_per_year: r,
            margin_pct: m,
        })),
    ]
    .boxed()
}
