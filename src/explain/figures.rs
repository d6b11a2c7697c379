//! How each figure of the comparison table was found, in lines, for the reader who opens a cell.
//! Built in the worker (op `explain`) when a cell is opened, so none of this text is part of the
//! page's first download. The rows are named by the keys the page's table uses
//! (`ui::comparison`). Browser only (it formats with `format`).

use crate::explain::format::{fmt, ordinal};
use crate::model::{ranks, Driver, Figure, InitiativeResult, Shown};

/// The key of a ranking figure, as the page's "Rank by" select and the row keys name it.
pub fn figure_key(f: Figure) -> &'static str {
    match f {
        Figure::Npv => "npv",
        Figure::Roi => "roi",
        Figure::Irr => "irr",
        Figure::Payback => "payback",
        Figure::BenefitCostRatio => "bcr",
        Figure::CostOfDelay => "cost_of_delay",
        Figure::Score => "score",
        Figure::AnnualValue => "annual_value",
        Figure::PvBenefits => "pv_benefits",
    }
}

/// The figure a key names.
pub fn figure_of(key: &str) -> Option<Figure> {
    Figure::ALL.into_iter().find(|f| figure_key(*f) == key)
}

/// The lines behind row `key` for initiative `col` (none for an unknown row or column).
pub fn explain(shown: &Shown, rank_by: Figure, key: &str, col: usize) -> Vec<String> {
    let rs: &[InitiativeResult] = &shown.evaluation.initiatives;
    let Some(r) = rs.get(col) else {
        return Vec::new();
    };
    let f = fmt(&shown.scenario.currency);
    let f = &*f;
    if let Some(d) = key
        .strip_prefix("driver-")
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| Driver::ALL.get(i).copied())
    {
        return r
            .benefits
            .iter()
            .filter(|b| b.driver == d)
            .flat_map(|b| {
                b.derivation
                    .lines(f)
                    .into_iter()
                    .map(|l| format!("{} — {l}", b.label))
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    match key {
        "annual" => {
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
            l
        }
        "pv_benefits" => r.npv.derivation.lines(f).into_iter().take(2).collect(),
        "pv_costs" => r
            .npv
            .derivation
            .lines(f)
            .into_iter()
            .skip(2)
            .take(1)
            .collect(),
        "npv" => r.npv.derivation.lines(f),
        "roi" => r.roi.derivation.lines(f),
        "irr" => r.irr.derivation.lines(f),
        "payback" => r.payback_months.derivation.lines(f),
        "bcr" => r.benefit_cost_ratio.derivation.lines(f),
        "cost_of_delay" => r.cost_of_delay.derivation.lines(f),
        "score" => r.score.derivation.lines(f),
        "rank" => {
            let n = ranks(rs, rank_by)[col];
            vec![match rank_by.rank_value(r) {
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
            }]
        }
        _ => Vec::new(),
    }
}
