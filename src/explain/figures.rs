//! How each figure of the comparison table was found, in lines, for the reader who opens a cell.
//! Built in the worker when a cell is opened (`Request::Explain`), from an evaluation with its
//! derivations (`model::evaluate`), so none of this text is part of the page's first download.
//! Pure: numbers are written by the [`NumberFormat`] passed in.

use crate::explain::format::{lines, ordinal, NumberFormat};
use crate::model::evaluate::npv_step;
use crate::model::{ranks, Figure, InitiativeResult, Shown};
use crate::wire::RowKey;

/// The lines behind row `row` for initiative `col` (none for an unknown column), from an
/// evaluation with its derivations.
pub fn explain(
    shown: &Shown,
    rank_by: Figure,
    row: RowKey,
    col: usize,
    f: &dyn NumberFormat,
) -> Vec<String> {
    let rs: &[InitiativeResult] = &shown.evaluation.initiatives;
    let Some(r) = rs.get(col) else {
        return Vec::new();
    };
    let figure = match row {
        RowKey::Driver(d) => {
            return r
                .benefits
                .iter()
                .filter(|b| b.driver == d)
                .flat_map(|b| {
                    lines(f, &b.derivation)
                        .into_iter()
                        .map(|l| format!("{} — {l}", b.label))
                        .collect::<Vec<_>>()
                })
                .collect();
        }
        RowKey::PvCosts => return lines(f, &r.npv.part(&[npv_step::PV_COSTS])),
        RowKey::Rank => return vec![rank(rs, r, rank_by, col)],
        // The simulated rows carry their own lines (`sim_report`).
        RowKey::Sim(_) => return Vec::new(),
        RowKey::Figure(figure) => figure,
    };
    let headline = match figure {
        Figure::AnnualValue => {
            let mut l: Vec<String> = r
                .benefits
                .iter()
                .map(|b| format!("{}: {}/yr", b.label, f.money(b.annual_value)))
                .collect();
            l.push(format!(
                "Total {}/yr, counted at {} confidence in the cash flows",
                f.money(r.annual_value),
                f.percent(r.confidence * 100.0)
            ));
            return l;
        }
        Figure::PvBenefits => {
            return lines(f, &r.npv.part(&[npv_step::RATE, npv_step::PV_BENEFITS]));
        }
        Figure::Npv => &r.npv,
        Figure::Roi => &r.roi,
        Figure::Irr => &r.irr,
        Figure::Payback => &r.payback_months,
        Figure::BenefitCostRatio => &r.benefit_cost_ratio,
        Figure::CostOfDelay => &r.cost_of_delay,
        Figure::Score => &r.score,
    };
    lines(f, &headline.derivation)
}

/// Where initiative `r` (column `col`) ranks by `rank_by`, in words.
fn rank(rs: &[InitiativeResult], r: &InitiativeResult, rank_by: Figure, col: usize) -> String {
    let n = ranks(rs, rank_by)[col];
    match rank_by.rank_value(r) {
        Some(_) => format!(
            "{} of {} by {} ({})",
            ordinal(n),
            rs.len(),
            rank_by.label(),
            if rank_by.higher_is_better() {
                "highest first"
            } else {
                "shortest first"
            }
        ),
        None => format!("no {}: ranked after those that have one", rank_by.label()),
    }
}
