//! The loss exceedance curve in words: its summary (the chance of any loss, the mean and the
//! P90 and P99 yearly loss, before and after), its data table, where it stands against the risk
//! tolerance, and the tip at a loss pointed at. Pure; numbers by the [`NumberFormat`] passed in.

use crate::explain::format::NumberFormat;
use crate::model::loss::{LossCurve, LossError, Tolerance};
use crate::wire::{ChartText, TableText, Tip};

/// The tolerance in a sentence: where each curve stands against it.
fn against(tol: &Tolerance, c: &LossCurve, f: &dyn NumberFormat) -> String {
    let breaches = tol.exceeds(c);
    let worst = |after: bool| {
        breaches
            .iter()
            .filter(|b| if after { b.after_above } else { b.before_above })
            .max_by(|a, b| {
                let over = |x: &crate::model::loss::Breach| {
                    (if after { x.p_after } else { x.p_before }) - x.tolerated
                };
                over(a).total_cmp(&over(b))
            })
    };
    let say = |after: bool| {
        match worst(after) {
        None => "within the risk tolerance at every loss".to_string(),
        Some(b) => format!(
            "above the risk tolerance, most at {}: a {} chance of a yearly loss above it against at most {}",
            f.money(b.loss),
            f.percent(100.0 * if after { b.p_after } else { b.p_before }),
            f.percent(100.0 * b.tolerated)
        ),
    }
    };
    format!("Before: {}. After: {}.", say(false), say(true))
}

/// The chart's words for the curve of `name`; `tolerance` is the scenario's, if it states one.
pub fn words(
    name: &str,
    curve: &Result<LossCurve, LossError>,
    tolerance: Option<&Result<Tolerance, LossError>>,
    f: &dyn NumberFormat,
) -> ChartText {
    let c = match curve {
        Ok(c) => c,
        Err(e) => {
            return ChartText {
                summary: format!("No loss exceedance curve for {name}: {e}."),
                table: TableText::default(),
            }
        }
    };
    let any = |v: &[f64]| f.percent(100.0 * crate::model::loss::exceedance(v, 0.0));
    let mut summary = format!(
        "Loss exceedance of {name} over {} simulated years: before, a {} chance of any loss in a year, a mean yearly loss of {}, P90 {} and P99 {}; after, a {} chance of any loss, a mean of {}, P90 {} and P99 {}.",
        f.number(c.trials as f64),
        any(&c.before),
        f.money(c.mean_before),
        f.money(c.percentiles_before.p90),
        f.money(c.percentiles_before.p99),
        any(&c.after),
        f.money(c.mean_after),
        f.money(c.percentiles_after.p90),
        f.money(c.percentiles_after.p99),
    );
    let tol = tolerance.and_then(|t| t.as_ref().ok());
    match tolerance {
        Some(Ok(t)) => summary = format!("{summary} {}", against(t, c, f)),
        Some(Err(e)) => summary = format!("{summary} The risk tolerance cannot be used: {e}."),
        None => {}
    }
    let mut heads = vec![
        "Yearly loss above".to_string(),
        "Chance before".into(),
        "Chance after".into(),
    ];
    if tol.is_some() {
        heads.push("Most chance accepted".into());
    }
    let rows = c
        .points
        .iter()
        .map(|p| {
            let mut row = vec![
                f.money(p.loss),
                f.percent(100.0 * p.p_before),
                f.percent(100.0 * p.p_after),
            ];
            if let Some(t) = tol {
                row.push(t.at(p.loss).map_or("—".into(), |v| f.percent(100.0 * v)));
            }
            row
        })
        .collect();
    ChartText {
        summary,
        table: TableText {
            caption: "The chance that a year's losses exceed each amount, counted over the simulated years.".into(),
            heads,
            rows,
        },
    }
}

/// The chances at the loss pointed at (`x`), counted over the years.
pub fn tip(
    name: &str,
    c: &LossCurve,
    tolerance: Option<&Tolerance>,
    x: f64,
    f: &dyn NumberFormat,
) -> Option<Tip> {
    if !(x.is_finite() && x > 0.0) {
        return None;
    }
    let mut lines = vec![
        format!("Before: {}", f.percent(100.0 * c.p_before(x))),
        format!("After: {}", f.percent(100.0 * c.p_after(x))),
    ];
    if let Some(t) = tolerance.and_then(|t| t.at(x)) {
        lines.push(format!("Most chance accepted: {}", f.percent(100.0 * t)));
    }
    Some(Tip {
        title: format!("{name}: a yearly loss above {}", f.money(x)),
        lines,
    })
}
