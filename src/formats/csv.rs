//! A CSV writer for exports that spreadsheet apps open correctly (RFC 4180):
//!
//! * a cell holding the separator, a double quote or a line break is quoted, with its quotes
//!   doubled; every row ends in CRLF;
//! * text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a
//!   spreadsheet shows it as text instead of running it as a formula (CSV injection); numbers are
//!   written as numbers and never prefixed;
//! * an optional UTF-8 byte order mark makes Excel read the file as UTF-8;
//! * comma, semicolon or tab separators, and a decimal comma for locales whose spreadsheets
//!   expect one (usually together with the semicolon).

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Written to 12 significant digits in the shortest form that reads back as that value (a
    /// computation's float noise, `230000.00000000003`, is dropped: `230000`), with no thousands
    /// separators; non-finite numbers as empty cells.
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Cell::Number(x)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(x: Option<T>) -> Self {
        x.map_or(Cell::Empty, Into::into)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    pub separator: char,
    pub decimal_comma: bool,
    /// Start with a UTF-8 byte order mark.
    pub bom: bool,
}

impl Default for CsvOptions {
    /// Comma-separated, decimal point, with a byte order mark.
    fn default() -> Self {
        CsvOptions {
            separator: ',',
            decimal_comma: false,
            bom: true,
        }
    }
}

/// `x` to 12 significant digits, in the shortest form that reads back as that value.
pub fn number_text(x: f64) -> String {
    let rounded: f64 = format!("{x:.11e}").parse().unwrap_or(x);
    // No "-0".
    (rounded + 0.0).to_string()
}

/// Builds a CSV document row by row.
#[derive(Debug, Clone)]
pub struct CsvWriter {
    options: CsvOptions,
    out: String,
}

impl CsvWriter {
    pub fn new(options: CsvOptions) -> Self {
        let mut out = String::new();
        if options.bom {
            out.push('\u{FEFF}');
        }
        CsvWriter { options, out }
    }

    /// Appends one row.
    pub fn row<I>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator,
        I::Item: Into<Cell>,
    {
        for (n, cell) in cells.into_iter().enumerate() {
            if n > 0 {
                self.out.push(self.options.separator);
            }
            let text = match cell.into() {
                Cell::Text(s) => {
                    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        format!("'{s}")
                    } else {
                        s
                    }
                }
                Cell::Number(x) if x.is_finite() => {
                    let s = number_text(x);
                    if self.options.decimal_comma {
                        s.replace('.', ",")
                    } else {
                        s
                    }
                }
                Cell::Number(_) | Cell::Empty => String::new(),
            };
            self.push_field(&text);
        }
        self.out.push_str("\r\n");
        self
    }

    fn push_field(&mut self, text: &str) {
        let sep = self.options.separator;
        if text.contains([sep, '"', '\n', '\r']) {
            self.out.push('"');
            self.out.push_str(&text.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(text);
        }
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

/// The comparison table as CSV: a row per figure, a column per initiative, and a unit column,
/// then a row per initiative input (its likely value, and its range when it has one); then,
/// after an empty row each, the yearly cash flows of every initiative, the portfolio, the
/// assumptions register (every input of every initiative and benefit) and, once anything is
/// tracked after approval, the results dashboard. Figures are plain numbers (money in the
/// scenario's currency, percentages as percent numbers, payback in months); a figure that does
/// not exist (no IRR, no payback within the horizon) is an empty cell.
pub fn comparison(
    scenario: &crate::model::Scenario,
    evaluation: &crate::model::Evaluation,
    options: CsvOptions,
) -> String {
    comparison_simulated(scenario, evaluation, None, options)
}

/// [`comparison`], with the simulated rows of `sim` (a run of the same scenario) after the rank:
/// NPV P10, P50, P90 and mean, ROI and payback P10–P90, the chance of a loss and of the highest
/// NPV, as the comparison on screen shows them once the ranges are simulated.
pub fn comparison_simulated(
    scenario: &crate::model::Scenario,
    evaluation: &crate::model::Evaluation,
    sim: Option<&crate::model::simulate::Simulation>,
    options: CsvOptions,
) -> String {
    use crate::model::schema::Kind;
    use crate::model::{ranks, Driver, Estimate, Figure, Initiative, Record};
    let rs = &evaluation.initiatives;
    let cur = scenario.currency.as_str();
    let mut w = CsvWriter::new(options);
    let head: Vec<Cell> = ["Figure", "Unit"]
        .into_iter()
        .map(Cell::from)
        .chain(rs.iter().map(|r| Cell::from(r.name.as_str())))
        .collect();
    w.row(head);
    let mut row = |label: String, unit: String, values: Vec<Option<f64>>| {
        let cells: Vec<Cell> = [Cell::from(label), Cell::from(unit)]
            .into_iter()
            .chain(values.into_iter().map(Cell::from))
            .collect();
        w.row(cells);
    };
    for d in Driver::ALL {
        row(
            format!("Annual value: {}", d.label().to_ascii_lowercase()),
            format!("{cur} per year"),
            rs.iter()
                .map(|r| Some(r.annual_by_driver[d.index()]))
                .collect(),
        );
    }
    let per =
        |f: &dyn Fn(&crate::model::InitiativeResult) -> Option<f64>| rs.iter().map(f).collect();
    row(
        "Total annual value at full adoption".into(),
        format!("{cur} per year"),
        per(&|r| Some(r.annual_value)),
    );
    row(
        "PV of benefits".into(),
        cur.into(),
        per(&|r| Some(r.pv_benefits)),
    );
    row("PV of costs".into(), cur.into(), per(&|r| Some(r.pv_costs)));
    row("NPV".into(), cur.into(), per(&|r| r.npv.value));
    row("ROI".into(), "%".into(), per(&|r| r.roi.value));
    row("IRR".into(), "% per year".into(), per(&|r| r.irr.value));
    row(
        "Payback".into(),
        "months".into(),
        per(&|r| r.payback_months.value),
    );
    row(
        "Benefit/cost ratio".into(),
        "ratio".into(),
        per(&|r| r.benefit_cost_ratio.value),
    );
    row(
        "Cost of delay per month".into(),
        cur.into(),
        per(&|r| r.cost_of_delay.value),
    );
    row(
        "Weighted score".into(),
        "0-100".into(),
        per(&|r| r.score.value),
    );
    let rank = ranks(rs, Figure::Npv);
    row(
        "Rank by NPV".into(),
        "rank".into(),
        rank.iter().map(|&k| Some(k as f64)).collect(),
    );
    if let Some(sim) = sim.filter(|m| m.initiatives.len() == rs.len()) {
        let of = |f: &dyn Fn(&crate::model::simulate::InitiativeSim) -> Option<f64>| {
            sim.initiatives.iter().map(f).collect::<Vec<_>>()
        };
        let trials = sim.trials;
        let label = |what: &str| format!("{what} (simulated, {trials} trials)");
        row(label("NPV P10"), cur.into(), of(&|x| Some(x.npv.p10)));
        row(label("NPV P50"), cur.into(), of(&|x| Some(x.npv.p50)));
        row(label("NPV P90"), cur.into(), of(&|x| Some(x.npv.p90)));
        row(label("Mean NPV"), cur.into(), of(&|x| Some(x.npv.mean)));
        row(label("ROI P10"), "%".into(), of(&|x| x.roi.map(|r| r.p10)));
        row(label("ROI P50"), "%".into(), of(&|x| x.roi.map(|r| r.p50)));
        row(label("ROI P90"), "%".into(), of(&|x| x.roi.map(|r| r.p90)));
        row(
            label("Payback P10"),
            "months".into(),
            of(&|x| x.payback.p10),
        );
        row(
            label("Payback P50"),
            "months".into(),
            of(&|x| x.payback.p50),
        );
        row(
            label("Payback P90"),
            "months".into(),
            of(&|x| x.payback.p90),
        );
        row(
            label("Chance of a loss"),
            "%".into(),
            of(&|x| Some(x.p_loss * 100.0)),
        );
        row(
            label("Chance of the highest NPV"),
            "%".into(),
            of(&|x| Some(x.p_best * 100.0)),
        );
    }
    // The inputs behind the figures, labelled as the form labels them: each estimate's likely
    // value, and its low and high when some initiative gives a range.
    for f in Initiative::FIELDS.iter().filter(|f| f.is_estimate()) {
        let unit = match f.kind {
            Kind::Money => format!("{cur} {}", f.unit).trim_end().to_string(),
            _ => f.unit.to_string(),
        };
        let of = |pick: &dyn Fn(&Estimate) -> Option<f64>| -> Vec<Option<f64>> {
            let inits = scenario.initiatives.iter();
            inits.map(|i| i.estimate(f.key).and_then(pick)).collect()
        };
        row(
            format!("Input: {}", f.label),
            unit.clone(),
            of(&|e| Some(e.likely)),
        );
        if scenario
            .initiatives
            .iter()
            .any(|i| i.estimate(f.key).is_some_and(Estimate::is_range))
        {
            row(
                format!("Input: {}, low", f.label),
                unit.clone(),
                of(&|e| e.low),
            );
            row(format!("Input: {}, high", f.label), unit, of(&|e| e.high));
        }
    }
    cash_flows(&mut w, scenario, evaluation);
    portfolio(
        &mut w,
        scenario,
        &crate::model::plan::plan_simulated(scenario, evaluation),
    );
    assumptions(&mut w, scenario);
    results(&mut w, scenario);
    w.finish()
}

/// The portfolio and its roadmap: every initiative with its value to the objective, whether it
/// is funded, what an unfunded one needs (extra budget per limit), and a funded one's start,
/// benefit month, NPV if started now and as scheduled, and payback as scheduled (months).
fn portfolio(
    w: &mut CsvWriter,
    scenario: &crate::model::Scenario,
    plan: &crate::model::plan::Plan,
) {
    let cur = scenario.currency.as_str();
    w.row(Vec::<Cell>::new());
    w.row(["Portfolio and roadmap"]);
    for (b, v) in &plan.budgets {
        w.row([
            Cell::from(format!("Limit: {}", b.label())),
            Cell::from(cur),
            Cell::from(*v),
        ]);
    }
    if let Some(c) = plan.capacity {
        w.row([
            Cell::from("Limit: team capacity"),
            Cell::from("person-months a month"),
            Cell::from(c),
        ]);
    }
    let mut head: Vec<Cell> = crate::model::plan::TABLE_COLUMNS
        .into_iter()
        .map(Cell::from)
        .collect();
    head.extend(
        plan.budgets
            .iter()
            .map(|(b, _)| Cell::from(format!("More needed: {}", b.label()))),
    );
    w.row(head);
    for (n, &k) in plan.ranked.iter().enumerate() {
        let (Some(init), Some(item)) = (scenario.initiatives.get(k), plan.items.get(k)) else {
            continue;
        };
        let mut cells = vec![
            Cell::from((n + 1) as f64),
            Cell::from(init.name.as_str()),
            Cell::from(init.category.label()),
            Cell::from(item.value),
            Cell::from(if item.funded { "yes" } else { "no" }),
            Cell::from(item.effort),
            Cell::from(item.start.map(|m| m as f64)),
            Cell::from(item.benefits_from),
            Cell::from(item.npv_now),
            Cell::from(item.npv_scheduled),
            Cell::from(item.payback_scheduled),
        ];
        cells.extend(
            (0..plan.budgets.len())
                .map(|b| Cell::from(item.need.as_ref().and_then(|x| x.extra.get(b).copied()))),
        );
        w.row(cells);
    }
    // The funded set's own figures, as scheduled.
    w.row([
        Cell::from("Funded set: NPV as scheduled"),
        Cell::from(cur),
        Cell::from(plan.npv),
    ]);
    w.row([
        Cell::from("Funded set: payback as scheduled"),
        Cell::from("months"),
        Cell::from(plan.payback),
    ]);
    w.row([
        "Year",
        "One-time spend",
        "Running cost",
        "Cumulative net cash flow at year end",
    ]);
    let cumulative = plan.cumulative_by_year();
    for (y, ((o, r), c)) in plan.spend_by_year.iter().zip(cumulative).enumerate() {
        w.row([
            Cell::from(format!("Year {}", y + 1)),
            Cell::from(*o),
            Cell::from(*r),
            Cell::from(c),
        ]);
    }
}

/// The yearly cash flows of every initiative, as its TEI table has them.
fn cash_flows(
    w: &mut CsvWriter,
    scenario: &crate::model::Scenario,
    evaluation: &crate::model::Evaluation,
) {
    let cur = scenario.currency.as_str();
    w.row(Vec::<Cell>::new());
    w.row(["Yearly cash flows"]);
    let years = (1..=evaluation.horizon_years).map(|y| Cell::from(format!("Year {y}")));
    let head: Vec<Cell> = ["Initiative", "Row", "Unit", "Initial"]
        .into_iter()
        .map(Cell::from)
        .chain(years)
        .chain(["Total", "Present value"].into_iter().map(Cell::from))
        .collect();
    w.row(head);
    for r in &evaluation.initiatives {
        for t in &r.tei {
            let cells: Vec<Cell> = [
                Cell::from(r.name.as_str()),
                Cell::from(t.label.as_str()),
                Cell::from(cur),
                Cell::from(t.initial),
            ]
            .into_iter()
            .chain(t.years.iter().map(|v| Cell::from(*v)))
            .chain([Cell::from(t.total), Cell::from(t.present_value)])
            .collect();
            w.row(cells);
        }
    }
}

/// Every input of every initiative and of each of its benefits (`model::register`): where it
/// is, its label and unit, its likely value, its low and high when it is a range, and whether it
/// was entered or is still the default, and its source.
fn assumptions(w: &mut CsvWriter, scenario: &crate::model::Scenario) {
    w.row(Vec::<Cell>::new());
    w.row(["Assumptions"]);
    w.row([
        "Initiative",
        "Benefit",
        "Input",
        "Unit",
        "Likely",
        "Low",
        "High",
        "Entered or default",
        "Source",
    ]);
    for a in crate::model::register::register(scenario) {
        let likely = match a.likely {
            Some(v) => Cell::from(v),
            // An optional input left to the scenario's (a benefit's own hourly rate).
            None => Cell::from("default"),
        };
        w.row([
            Cell::from(a.initiative_name),
            Cell::from(a.owner),
            Cell::from(a.label),
            Cell::from(a.unit),
            likely,
            Cell::from(a.low),
            Cell::from(a.high),
            Cell::from(if a.is_default { "default" } else { "entered" }),
            Cell::from(a.source),
        ]);
    }
}

/// Whether the results dashboard has anything to show: a tracked initiative, or a goal's KPI
/// with a reading up to "actuals up to". Without either, the exports leave it out.
pub fn anything_tracked(d: &crate::model::dashboard::Dashboard) -> bool {
    !d.initiatives.is_empty()
        || d.goals
            .iter()
            .any(|g| g.kpis.iter().any(|k| !k.readings.is_empty()))
}

pub use crate::model::tracking::calendar_month;

/// `x` as a per cent of `of`; `None` when `of` is zero (no per cent of nothing).
fn pct_of(x: f64, of: f64) -> Option<f64> {
    (of != 0.0 && of.is_finite()).then(|| x / of * 100.0)
}

fn status_text(s: Option<crate::model::tracking::Status>) -> Cell {
    Cell::from(s.map(|s| s.label()))
}

/// The NPV a tracked initiative is judged against: its approved plan's (else its current plan's).
pub fn npv_at_approval(t: &crate::model::dashboard::InitiativeTrack) -> f64 {
    // The approved plan's flows from its start month, as the dashboard tracks them (the
    // decision log keeps the NPV the decision saw).
    t.forecast.npv_plan
}

/// What a tracked initiative is judged against, in words.
pub fn against_text(t: &crate::model::dashboard::InitiativeTrack) -> String {
    match &t.against {
        crate::model::dashboard::Against::Baseline { date, .. } => {
            format!("the baseline approved {date}")
        }
        crate::model::dashboard::Against::CurrentPlan => "its plan as it stands".into(),
    }
}

/// The results dashboard (`model::dashboard`), written only when something is tracked: the
/// month actuals are in up to and the tolerance bands; the portfolio line; a row per tracked
/// initiative; a row per goal KPI; then each tracked initiative month by month, months 0 to
/// "actuals up to". A month without a reading is an empty cell, never a zero. One block: no
/// empty row inside it, so a reader splitting the file at empty rows gets it whole.
fn results(w: &mut CsvWriter, scenario: &crate::model::Scenario) {
    let d = crate::model::dashboard::dashboard(scenario);
    if !anything_tracked(&d) {
        return;
    }
    let cur = scenario.currency.as_str();
    let start = scenario.tracking.start.as_str();
    w.row(Vec::<Cell>::new());
    w.row(["Results dashboard"]);
    let mut as_of = vec![
        Cell::from("Actuals up to"),
        Cell::from("month"),
        Cell::from(d.as_of as f64),
    ];
    as_of.extend(calendar_month(start, d.as_of).map(Cell::from));
    w.row(as_of);
    w.row([
        Cell::from("Tolerance: on track within"),
        Cell::from("% of plan"),
        Cell::from(d.tolerance.green_pct),
    ]);
    w.row([
        Cell::from("Tolerance: at risk within (off track beyond)"),
        Cell::from("% of plan"),
        Cell::from(d.tolerance.yellow_pct),
    ]);
    if !d.initiatives.is_empty() {
        results_portfolio(w, &d, cur);
        results_initiatives(w, &d, cur);
    }
    results_kpis(w, &d);
    for t in &d.initiatives {
        results_months(w, t, d.as_of, start, cur);
    }
}

/// The portfolio line: value and spend to date against plan, and NPV of the plans against now.
fn results_portfolio(w: &mut CsvWriter, d: &crate::model::dashboard::Dashboard, cur: &str) {
    let value_gap = d.realised_to_date - d.planned_to_date;
    let spend_gap = d.spent_to_date - d.planned_spend_to_date;
    let rows: [(&str, &str, Cell); 11] = [
        ("value realised to date", cur, d.realised_to_date.into()),
        ("value planned to date", cur, d.planned_to_date.into()),
        ("value variance", cur, value_gap.into()),
        (
            "value variance",
            "%",
            pct_of(value_gap, d.planned_to_date).into(),
        ),
        ("value status", "", status_text(d.value_status)),
        ("spend to date", cur, d.spent_to_date.into()),
        ("planned spend to date", cur, d.planned_spend_to_date.into()),
        ("spend variance", cur, spend_gap.into()),
        ("NPV of the plans", cur, d.npv_plan.into()),
        ("NPV now (actuals, then forecast)", cur, d.npv_now.into()),
        ("NPV difference", cur, (d.npv_now - d.npv_plan).into()),
    ];
    for (label, unit, value) in rows {
        w.row([
            Cell::from(format!("Portfolio: {label}")),
            Cell::from(unit),
            value,
        ]);
    }
}

/// A row per tracked initiative: its status, value and spend to date against plan, NPV at
/// approval against now, what it is judged against and its status note.
fn results_initiatives(w: &mut CsvWriter, d: &crate::model::dashboard::Dashboard, cur: &str) {
    w.row([
        "Initiative".to_string(),
        "Stage".into(),
        "Status".into(),
        format!("Value to date ({cur})"),
        format!("Value planned to date ({cur})"),
        format!("Value variance ({cur})"),
        "Value variance (%)".into(),
        format!("Spend to date ({cur})"),
        format!("Planned spend to date ({cur})"),
        format!("NPV as approved ({cur})"),
        format!("NPV now ({cur})"),
        format!("NPV difference ({cur})"),
        "Judged against".into(),
        "Note".into(),
    ]);
    for t in &d.initiatives {
        let f = &t.forecast;
        let gap = f.realised_to_date - f.planned_to_date;
        let approval = npv_at_approval(t);
        w.row([
            Cell::from(t.name.as_str()),
            Cell::from(t.stage.label()),
            status_text(t.status),
            Cell::from(f.realised_to_date),
            Cell::from(f.planned_to_date),
            Cell::from(gap),
            Cell::from(pct_of(gap, f.planned_to_date)),
            Cell::from(f.spent_to_date),
            Cell::from(f.planned_spend_to_date),
            Cell::from(approval),
            Cell::from(f.npv_now),
            Cell::from(f.npv_now - approval),
            Cell::from(against_text(t)),
            Cell::from(t.note.as_str()),
        ]);
    }
}

/// A row per KPI of every goal: its path (baseline, target, month due), its latest reading up
/// to "actuals up to", where the path planned it that month, and its status.
fn results_kpis(w: &mut CsvWriter, d: &crate::model::dashboard::Dashboard) {
    if d.goals.iter().all(|g| g.kpis.is_empty()) {
        return;
    }
    w.row([
        "Goal",
        "KPI",
        "Unit",
        "Baseline",
        "Target",
        "Target month",
        "Latest month",
        "Latest reading",
        "Planned at that month",
        "Status",
    ]);
    for g in &d.goals {
        for k in &g.kpis {
            w.row([
                Cell::from(g.name.as_str()),
                Cell::from(k.name.as_str()),
                Cell::from(k.unit.as_str()),
                Cell::from(k.baseline),
                Cell::from(k.target),
                Cell::from(k.target_month),
                Cell::from(k.latest.map(|(m, _)| m)),
                Cell::from(k.latest.map(|(_, v)| v)),
                Cell::from(k.planned_at_latest),
                status_text(k.status),
            ]);
        }
    }
}

/// One tracked initiative month by month, months 0 to `as_of`: planned and actual value (empty
/// for a month not read: a gap, never a zero) and their variance; planned spend (one-time and
/// running) and actual spend (empty when nothing is recorded) and their variance.
fn results_months(
    w: &mut CsvWriter,
    t: &crate::model::dashboard::InitiativeTrack,
    as_of: usize,
    start: &str,
    cur: &str,
) {
    let calendar = calendar_month(start, 1).is_some();
    w.row([format!("Month by month: {}", t.name)]);
    let mut head = vec![Cell::from("Month")];
    if calendar {
        head.push(Cell::from("Calendar month"));
    }
    head.extend(
        [
            "Planned value",
            "Actual value",
            "Value variance",
            "Planned spend",
            "Actual spend",
            "Spend variance",
        ]
        .map(|h| Cell::from(format!("{h} ({cur})"))),
    );
    w.row(head);
    let plan = &t.plan;
    for m in 0..=as_of.min(plan.benefits.len().saturating_sub(1)) {
        let a = t.actual.get(m).copied().unwrap_or_default();
        let planned_value = plan.benefits[m];
        let planned_spend = plan.one_time[m] + plan.running[m];
        let spent = (a.one_time.is_some() || a.running.is_some())
            .then(|| a.one_time.unwrap_or(0.0) + a.running.unwrap_or(0.0));
        let mut cells = vec![Cell::from(m as f64)];
        if calendar {
            cells.push(Cell::from(calendar_month(start, m)));
        }
        cells.extend([
            Cell::from(planned_value),
            Cell::from(a.benefits),
            Cell::from(a.benefits.map(|v| v - planned_value)),
            Cell::from(planned_spend),
            Cell::from(spent),
            Cell::from(spent.map(|v| v - planned_spend)),
        ]);
        w.row(cells);
    }
}
