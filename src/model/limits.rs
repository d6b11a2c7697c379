//! How much one scenario may hold: the one home for every limit. Each reader (saved files and
//! drafts in `saved`/`form`, share links in `link`, the page↔worker flat form in `flat`) checks
//! these before it does any work on what it read, and names the limit it refused; the page holds
//! its editors to the same limits (buttons disabled at a count, `maxlength` on texts).
//!
//! Chosen for real use with room to spare, and so that the largest scenario stays responsive: a
//! portfolio of 100 initiatives is the largest the portfolio work plans for; each benefit is one
//! driver, and 20 cover any business case seen; 30 criteria exceed any scoring model in use. The
//! page's memory and work grow linearly with these counts.

/// Initiatives in one scenario.
pub const MAX_INITIATIVES: usize = 200;
/// Benefits of one initiative.
pub const MAX_BENEFITS: usize = 20;
/// Scoring criteria.
pub const MAX_CRITERIA: usize = 30;
/// Names: the scenario's, an initiative's, a criterion's, a benefit's label.
pub const MAX_NAME_CHARS: usize = 200;
/// An initiative's or a criterion's id.
pub const MAX_ID_CHARS: usize = 100;
/// An initiative's notes.
pub const MAX_NOTES_CHARS: usize = 5_000;
/// The source of one input ("service desk ticket export, Q3").
pub const MAX_SOURCE_CHARS: usize = 500;
/// Sources of one initiative or benefit: one per input, with room for a newer version's inputs.
pub const MAX_SOURCES: usize = 64;
/// The most years of budgets: the longest horizon.
pub const MAX_BUDGET_YEARS: usize = super::scenario::MAX_HORIZON_YEARS as usize;
/// A currency code (ISO 4217 codes have three letters; validation says so beside the field).
pub const MAX_CURRENCY_CHARS: usize = 16;
/// Business goals of a scenario.
pub const MAX_GOALS: usize = 30;
/// KPIs of one goal.
pub const MAX_KPIS: usize = 10;
/// Months of actuals or readings: every month of the longest horizon, month 0 included.
pub const MAX_MONTHS: usize = 12 * super::scenario::MAX_HORIZON_YEARS as usize + 1;
/// Goals one initiative serves (a KPI each).
pub const MAX_SERVES: usize = 30;
/// Decisions logged on one initiative.
pub const MAX_DECISIONS: usize = 100;
/// Baselines (approvals) of one initiative.
pub const MAX_BASELINES: usize = 20;
/// Correlations (groups of estimates that move together) of a scenario.
pub const MAX_CORRELATIONS: usize = 50;
/// Estimates one correlation names: every ranged estimate of a large scenario fits.
pub const MAX_CORRELATED: usize = 400;
/// Points of the risk-tolerance curve.
pub const MAX_TOLERANCE_POINTS: usize = 20;
/// The key naming an estimate in a correlation: an initiative's id and a field.
pub const MAX_KEY_CHARS: usize = MAX_ID_CHARS + 60;
/// A saved file (or draft) in bytes, checked before it is parsed. The largest scenario within
/// the limits above, pretty-printed, is well below it.
pub const MAX_FILE_BYTES: usize = 8 << 20;

/// A text field of a scenario, for its limit and its name in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Name,
    Id,
    Notes,
    Currency,
    /// The source of an input.
    Source,
    /// The key naming an estimate in a correlation.
    Key,
}

impl Text {
    pub fn max_chars(self) -> usize {
        match self {
            Text::Name => MAX_NAME_CHARS,
            Text::Id => MAX_ID_CHARS,
            Text::Notes => MAX_NOTES_CHARS,
            Text::Currency => MAX_CURRENCY_CHARS,
            Text::Source => MAX_SOURCE_CHARS,
            Text::Key => MAX_KEY_CHARS,
        }
    }
}

/// A list of a scenario, for its limit and its name in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Initiatives,
    Benefits,
    Criteria,
    /// The initiatives one depends on.
    DependsOn,
    /// The sources of one initiative's or benefit's inputs.
    Sources,
    /// The portfolio's budgets, one per year.
    Budgets,
    Goals,
    /// The KPIs of one goal.
    Kpis,
    /// One KPI's readings, or one initiative's months of actuals.
    Months,
    /// The goals one initiative serves.
    Serves,
    /// One initiative's decision log.
    Decisions,
    /// One initiative's baselines.
    Baselines,
    Correlations,
    /// The estimates one correlation names.
    Correlated,
    /// The points of the risk-tolerance curve.
    Tolerance,
}

impl List {
    pub fn max(self) -> usize {
        match self {
            List::Initiatives | List::DependsOn => MAX_INITIATIVES,
            List::Benefits => MAX_BENEFITS,
            List::Criteria => MAX_CRITERIA,
            List::Sources => MAX_SOURCES,
            List::Budgets => MAX_BUDGET_YEARS,
            List::Goals => MAX_GOALS,
            List::Kpis => MAX_KPIS,
            List::Months => MAX_MONTHS,
            List::Serves => MAX_SERVES,
            List::Decisions => MAX_DECISIONS,
            List::Baselines => MAX_BASELINES,
            List::Correlations => MAX_CORRELATIONS,
            List::Correlated => MAX_CORRELATED,
            List::Tolerance => MAX_TOLERANCE_POINTS,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            List::Initiatives => "initiatives",
            List::Benefits => "benefits per initiative",
            List::Criteria => "criteria",
            List::DependsOn => "dependencies per initiative",
            List::Sources => "sources per initiative or benefit",
            List::Budgets => "years of budgets",
            List::Goals => "goals",
            List::Kpis => "KPIs per goal",
            List::Months => "months of actuals or readings",
            List::Serves => "goals per initiative",
            List::Decisions => "decisions per initiative",
            List::Baselines => "baselines per initiative",
            List::Correlations => "correlations",
            List::Correlated => "estimates per correlation",
            List::Tolerance => "points of the risk tolerance",
        }
    }
}

/// "1,048,576": counts in messages.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Why a list is refused: "holds 300,000 initiatives; Caseboard opens at most 200".
pub fn too_many(list: List, found: usize) -> Option<String> {
    (found > list.max()).then(|| {
        format!(
            "holds {} {}; Caseboard opens at most {}",
            grouped(found),
            list.noun(),
            grouped(list.max())
        )
    })
}

/// Why a text is refused: "is 1,048,576 characters long; Caseboard keeps at most 200". Counted
/// without reading past the limit.
pub fn too_long(text: Text, s: &str) -> Option<String> {
    let max = text.max_chars();
    // A byte length within the limit is a character count within it too.
    if s.len() <= max || s.chars().nth(max).is_none() {
        return None;
    }
    Some(format!(
        "is {} characters long; Caseboard keeps at most {}",
        grouped(s.chars().count()),
        grouped(max)
    ))
}

/// Why a file is refused before it is read: "is 52.4 MB; Caseboard opens files up to 8 MB".
pub fn too_big(bytes: usize) -> Option<String> {
    // Whole numbers only: Rust's float printing would add its tables to the page's download.
    let mb = |b: usize| {
        let tenths = (b.saturating_mul(10) + (1 << 19)) >> 20;
        match tenths % 10 {
            0 => format!("{}", tenths / 10),
            d => format!("{}.{d}", tenths / 10),
        }
    };
    (bytes > MAX_FILE_BYTES).then(|| {
        format!(
            "is {} MB; Caseboard opens files up to {} MB",
            mb(bytes),
            mb(MAX_FILE_BYTES)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limit_and_what_was_found() {
        assert_eq!(
            too_many(List::Initiatives, 300_000).unwrap(),
            "holds 300,000 initiatives; Caseboard opens at most 200"
        );
        assert_eq!(too_many(List::Initiatives, 200), None);
        let long = "é".repeat(201);
        assert_eq!(
            too_long(Text::Name, &long).unwrap(),
            "is 201 characters long; Caseboard keeps at most 200"
        );
        // 200 two-byte characters: 400 bytes, within the limit of 200 characters.
        assert_eq!(too_long(Text::Name, &"é".repeat(200)), None);
        assert_eq!(
            too_big(50 << 20).unwrap(),
            "is 50 MB; Caseboard opens files up to 8 MB"
        );
        assert_eq!(too_big(8 << 20), None);
    }
}
