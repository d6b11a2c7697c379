//! The goals in words: which initiatives serve which business goal and the KPI change each
//! expects, which goals no funded initiative serves, which initiatives serve no goal, and the NPV
//! each goal is expected to get. Pure: numbers are written by the [`NumberFormat`] passed in.

use crate::explain::format::NumberFormat;
use crate::explain::summary::join;
use crate::model::{Evaluation, Scenario, Serves};
use crate::wire::TableText;

/// The alignment of initiatives with goals.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// One row per goal: its weight, then per initiative what it expects of the goal ("—": it
    /// does not serve it), then how many serve it and the NPV of those funded.
    pub table: TableText,
    /// Goals that no funded initiative serves.
    pub unserved: Vec<String>,
    /// Initiatives that serve no goal.
    pub serving_none: Vec<String>,
}

/// What initiative `x` expects of a goal, in words: each KPI change ("IT operating cost −25 $k a
/// month"), or "serves it" for the goal as a whole.
fn expects(s: &Scenario, goal: usize, links: &[&Serves], f: &dyn NumberFormat) -> String {
    let g = &s.goals[goal];
    let parts: Vec<String> = links
        .iter()
        .map(|l| match g.kpis.iter().find(|k| k.id == l.kpi) {
            Some(k) => match l.change {
                Some(c) => {
                    let sign = if c > 0.0 { "+" } else { "" };
                    let unit = if k.unit.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", k.unit)
                    };
                    format!("{} {sign}{}{unit}", k.name, f.decimals(c, 3))
                }
                None => k.name.clone(),
            },
            None => "serves it".to_string(),
        })
        .collect();
    join(&parts)
}

/// The alignment of the scenario's initiatives with its goals; `funded[k]` says whether
/// initiative `k` is funded (all are when no budget or team limits the portfolio). `None` when
/// the scenario has no goal.
pub fn alignment(
    s: &Scenario,
    e: &Evaluation,
    funded: &[bool],
    f: &dyn NumberFormat,
) -> Option<Alignment> {
    if s.goals.is_empty() {
        return None;
    }
    let is_funded = |k: usize| funded.get(k).copied().unwrap_or(true);
    let mut rows = Vec::new();
    let mut unserved = Vec::new();
    for (n, g) in s.goals.iter().enumerate() {
        let mut row = vec![g.name.clone(), f.decimals(g.weight, 3)];
        let (mut count, mut npv, mut any_funded) = (0, 0.0, false);
        for (k, i) in s.initiatives.iter().enumerate() {
            let links: Vec<&Serves> = i.serves.iter().filter(|x| x.goal == g.id).collect();
            if links.is_empty() {
                row.push("—".into());
                continue;
            }
            row.push(expects(s, n, &links, f));
            count += 1;
            if is_funded(k) {
                any_funded = true;
                npv += e.initiatives.get(k).map_or(0.0, |r| r.npv());
            }
        }
        row.push(format!("{count}"));
        row.push(f.money(npv));
        rows.push(row);
        if !any_funded {
            unserved.push(g.name.clone());
        }
    }
    let serving_none = s
        .initiatives
        .iter()
        .filter(|i| {
            !i.serves
                .iter()
                .any(|x| s.goals.iter().any(|g| g.id == x.goal))
        })
        .map(|i| i.name.clone())
        .collect();
    let mut heads = vec!["Goal".to_string(), "Weight".to_string()];
    heads.extend(s.initiatives.iter().map(|i| i.name.clone()));
    heads.push("Initiatives serving it".into());
    heads.push("NPV of those funded".into());
    Some(Alignment {
        table: TableText {
            caption: "Goals and the initiatives that serve them".into(),
            heads,
            rows,
        },
        unserved,
        serving_none,
    })
}
