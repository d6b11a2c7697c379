//! The Excel workbook: the case as a CFO audits it. Sheets:
//!
//! * **Summary**: the scenario's settings (the discount rate every cash-flow sheet reads) and the
//!   executive summary's sentences;
//! * **Comparison**: a row per initiative whose NPV, ROI, payback, IRR and PVs are formulas that
//!   read its cash-flow sheet;
//! * **one cash-flow sheet per initiative**: its inputs, its benefits' annual values, and its
//!   monthly flows, every flow after the inputs a formula: the ramp-up share, the benefit, the
//!   cost, the net flow, the discount factor, the present values, the cumulative flow; its PV,
//!   NPV, ROI, payback and IRR are formulas over those months. Change an input and the sheet
//!   and the comparison follow;
//! * **Tracking** (once anything is tracked after approval): the results dashboard
//!   (`model::dashboard`): the tolerance bands as inputs, the portfolio line, a summary row per
//!   tracked initiative, the goals' KPIs, and each tracked initiative month by month, its
//!   actuals as inputs and every variance, total to date and status a formula over them;
//! * **Assumptions**: the register (`model::register`), with each input's source;
//! * **Simulation** (with ranges): percentiles, the chance of a loss, how often each is first,
//!   and the value of information, as values (a simulation is not a formula).
//!
//! The formulas use only functions every spreadsheet has (SUM, MIN, MAX, IF, INDEX, IRR,
//! IFERROR; on the Tracking sheet also SUMIF, SUMPRODUCT, COUNT, ABS, SIGN, AND, OR), so
//! LibreOffice and Google Sheets recalculate them as Excel does. Each formula also carries the
//! value Caseboard computed, for viewers that show a file without recalculating it.

use crate::model::plan::{Budget, Plan};
use crate::model::register::{register, Assumption};
use crate::model::schema::Kind;
use crate::model::simulate::Simulation;
use crate::model::{Category, Evaluation, Scenario};
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

/// What the workbook holds beside the scenario and its figures.
pub struct Extras<'a> {
    /// The executive summary, a sentence per item.
    pub summary: &'a [String],
    /// The simulation of the same scenario, when it has ranges.
    pub simulation: Option<&'a Simulation>,
    /// The portfolio plan of the same scenario (a Portfolio sheet).
    pub plan: Option<&'a Plan>,
}

/// The first row of the monthly table on a cash-flow sheet (0-based; row 20 in Excel).
const FIRST_MONTH_ROW: u32 = 19;

/// Cells of a cash-flow sheet, in Excel's A1 form.
mod cell {
    pub const RATE: &str = "$B$3";
    pub const ONE_TIME: &str = "$B$4";
    pub const RUNNING: &str = "$B$5";
    pub const DELIVERY: &str = "$B$6";
    pub const RAMP: &str = "$B$7";
    pub const CONFIDENCE: &str = "$B$8";
    pub const ANNUAL: &str = "$B$9";
    pub const PV_BENEFITS: &str = "$B$11";
    pub const PV_COSTS: &str = "$B$12";
    pub const NPV: &str = "$B$13";
    pub const ROI: &str = "$B$14";
    pub const PAYBACK: &str = "$B$15";
    pub const IRR: &str = "$B$16";
}

/// The Summary sheet's discount rate, which every cash-flow sheet reads.
const SUMMARY_RATE: &str = "Summary!$B$5";

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending
/// with an apostrophe; `n` (1-based) keeps names unique.
pub fn sheet_name(n: usize, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let prefix = format!("{n} ");
    let room = 31 - prefix.chars().count();
    let body: String = clean.trim().chars().take(room).collect();
    let body = body.trim().trim_matches('\'').trim();
    if body.is_empty() {
        format!("{n} Initiative")
    } else {
        format!("{prefix}{body}")
    }
}

/// A sheet name as a formula refers to it: quoted, an apostrophe doubled.
fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

/// Column letters of a 0-based column (A..Z, AA..).
fn col_name(mut c: u16) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// An A1 reference to a 0-based row and column.
fn at(row: u32, col: u16) -> String {
    format!("{}{}", col_name(col), row + 1)
}

/// A cell's computed value as a formula's cached result.
fn result(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

struct Formats {
    bold: Format,
    title: Format,
    head: Format,
    money: Format,
    money_bold: Format,
    percent: Format,
    number: Format,
    share: Format,
    months: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        let money = "#,##0;-#,##0";
        Formats {
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            money: Format::new().set_num_format(money),
            money_bold: Format::new().set_num_format(money).set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            number: Format::new().set_num_format("#,##0.##"),
            share: Format::new().set_num_format("0.000"),
            months: Format::new().set_num_format("0.0"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// The workbook of `s` and its figures `e` (evaluated from `s`), as the bytes of an `.xlsx`.
pub fn workbook(s: &Scenario, e: &Evaluation, extras: &Extras) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let names: Vec<String> = e
        .initiatives
        .iter()
        .enumerate()
        .map(|(k, r)| sheet_name(k + 1, &r.name))
        .collect();
    let mut wb = Workbook::new();
    wb.push_worksheet(summary_sheet(s, e, extras, &f)?);
    wb.push_worksheet(comparison_sheet(s, e, &names, &f)?);
    for (k, r) in e.initiatives.iter().enumerate() {
        wb.push_worksheet(cash_flow_sheet(s, e, k, &names[k], &f, r)?);
    }
    if let Some(plan) = extras.plan {
        wb.push_worksheet(portfolio_sheet(s, plan, &f)?);
    }
    if let Some(ws) = tracking_sheet(s, &f)? {
        wb.push_worksheet(ws);
    }
    wb.push_worksheet(assumptions_sheet(s, &f)?);
    if let Some(sim) = extras.simulation {
        wb.push_worksheet(simulation_sheet(s, sim, &f)?);
    }
    wb.save_to_buffer()
}

fn summary_sheet(
    s: &Scenario,
    e: &Evaluation,
    extras: &Extras,
    f: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Summary")?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 16)?;
    ws.write_string_with_format(0, 0, &s.name, &f.title)?;
    ws.write_string(1, 0, "Made with Caseboard. Every figure on the other sheets is a formula over the monthly cash flows; change an input and they follow.")?;
    ws.write_string(3, 0, "Currency")?;
    ws.write_string(3, 1, &s.currency)?;
    ws.write_string(4, 0, "Discount rate (a year)")?;
    ws.write_number_with_format(4, 1, e.annual_rate, &f.percent)?;
    ws.write_string(4, 2, "Every cash-flow sheet reads this rate.")?;
    ws.write_string(5, 0, "Horizon (years)")?;
    ws.write_number(5, 1, f64::from(e.horizon_years))?;
    ws.write_string(6, 0, "Default loaded hourly rate")?;
    ws.write_number_with_format(6, 1, s.default_hourly_rate.likely, &f.money)?;
    ws.write_string(7, 0, "Working hours per FTE-year")?;
    ws.write_number_with_format(7, 1, s.hours_per_fte_year, &f.number)?;
    ws.write_string_with_format(9, 0, "Executive summary", &f.bold)?;
    ws.set_column_width(2, 100)?;
    for (n, line) in extras.summary.iter().enumerate() {
        let row = 10 + n as u32;
        ws.merge_range(row, 0, row, 2, line, &f.wrap)?;
        ws.set_row_height(row, 15.0 * (1.0 + (line.chars().count() / 140) as f64))?;
    }
    Ok(ws)
}

fn comparison_sheet(
    s: &Scenario,
    e: &Evaluation,
    names: &[String],
    f: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Comparison")?;
    let cur = &s.currency;
    let heads = [
        "Initiative".to_string(),
        "Category".into(),
        format!("NPV ({cur})"),
        "ROI".into(),
        "Payback (months)".into(),
        "IRR (a year)".into(),
        format!("PV of benefits ({cur})"),
        format!("PV of costs ({cur})"),
        format!("Annual value at full adoption ({cur})"),
        "Weighted score (0-100)".into(),
        "Cash-flow sheet".into(),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.head)?;
    }
    ws.set_column_width(0, 36)?;
    for c in 1..heads.len() as u16 {
        ws.set_column_width(c, 15)?;
    }
    ws.set_freeze_panes(1, 1)?;
    for (k, r) in e.initiatives.iter().enumerate() {
        let row = k as u32 + 1;
        let sheet = quoted(&names[k]);
        let link = |c: &str| format!("={sheet}!{c}");
        ws.write_string(row, 0, &r.name)?;
        let category = match r.category {
            Category::Mandatory => "Mandatory",
            Category::Strategic => "Strategic",
            Category::Operational => "Operational",
        };
        ws.write_string(row, 1, category)?;
        let cells = [
            (2, cell::NPV, &f.money_bold, r.npv.value),
            (3, cell::ROI, &f.percent, r.roi.value.map(|v| v / 100.0)),
            (4, cell::PAYBACK, &f.months, r.payback_months.value),
            (5, cell::IRR, &f.percent, r.irr.value.map(|v| v / 100.0)),
            (6, cell::PV_BENEFITS, &f.money, Some(r.pv_benefits)),
            (7, cell::PV_COSTS, &f.money, Some(r.pv_costs)),
            (8, cell::ANNUAL, &f.money, Some(r.annual_value)),
        ];
        for (c, at, fmt, v) in cells {
            let formula = Formula::new(link(at)).set_result(v.map(result).unwrap_or_default());
            ws.write_formula_with_format(row, c, formula, fmt)?;
        }
        if let Some(score) = r.score.value {
            ws.write_number_with_format(row, 9, score, &f.number)?;
        }
        ws.write_url_with_text(
            row,
            10,
            format!("internal:{sheet}!A1").as_str(),
            names[k].as_str(),
        )?;
    }
    let note = e.initiatives.len() as u32 + 2;
    ws.write_string(note, 0, "NPV, ROI, payback, IRR and the PVs are formulas that read each initiative's cash-flow sheet; the weighted score is a value (its criteria are in Caseboard).")?;
    Ok(ws)
}

fn cash_flow_sheet(
    s: &Scenario,
    e: &Evaluation,
    k: usize,
    name: &str,
    f: &Formats,
    r: &crate::model::InitiativeResult,
) -> Result<Worksheet, XlsxError> {
    let i = &s.initiatives[k];
    let cur = &s.currency;
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 14)?;
    ws.set_column_width(3, 36)?;
    for c in 4..11 {
        ws.set_column_width(c, 14)?;
    }
    ws.write_string_with_format(0, 0, &r.name, &f.title)?;
    ws.write_string(
        1,
        0,
        format!("Money in {cur}. Inputs are values; every figure below them is a formula."),
    )?;

    // Inputs (rows 3-9 in Excel).
    ws.write_string(2, 0, "Discount rate (a year)")?;
    ws.write_formula_with_format(
        2,
        1,
        Formula::new(format!("={SUMMARY_RATE}")).set_result(result(e.annual_rate)),
        &f.percent,
    )?;
    ws.write_string(2, 2, "from the Summary sheet")?;
    let inputs = [
        (
            3,
            "One-time cost",
            i.one_time_cost.likely,
            &f.money,
            "month 0",
        ),
        (
            4,
            "Running cost per year",
            i.annual_running_cost.likely,
            &f.money,
            "a twelfth each month from month 1",
        ),
        (
            5,
            "Months until benefits start",
            i.delivery_months.likely,
            &f.months,
            "",
        ),
        (
            6,
            "Ramp-up to full adoption (months)",
            i.ramp_up_months.likely,
            &f.months,
            "linear",
        ),
    ];
    for (row, label, v, fmt, note) in inputs {
        ws.write_string(row, 0, label)?;
        ws.write_number_with_format(row, 1, v, fmt)?;
        if !note.is_empty() {
            ws.write_string(row, 2, note)?;
        }
    }
    ws.write_string(7, 0, "Confidence in benefits")?;
    ws.write_number_with_format(7, 1, i.confidence_pct.likely / 100.0, &f.percent)?;
    ws.write_string(7, 2, "applied to every benefit")?;

    // Benefits (D3 on): their annual values at full adoption; B9 sums them.
    ws.write_string_with_format(2, 3, "Benefit (a year at full adoption)", &f.bold)?;
    ws.write_string_with_format(2, 4, "Annual value", &f.bold)?;
    ws.write_string_with_format(2, 5, "Driver", &f.bold)?;
    for (n, b) in r.benefits.iter().enumerate() {
        let row = 3 + n as u32;
        let label = if b.label.trim().is_empty() {
            b.kind_label.to_string()
        } else {
            b.label.trim().to_string()
        };
        ws.write_string(row, 3, label)?;
        ws.write_number_with_format(row, 4, b.annual_value, &f.money)?;
        ws.write_string(row, 5, b.driver.label())?;
    }
    ws.write_string(8, 0, "Benefits a year at full adoption")?;
    let annual = if r.benefits.is_empty() {
        "=0".to_string()
    } else {
        format!("=SUM(E4:E{})", 3 + r.benefits.len())
    };
    ws.write_formula_with_format(
        8,
        1,
        Formula::new(annual).set_result(result(r.annual_value)),
        &f.money,
    )?;
    ws.write_string(8, 2, "the sum of the benefits")?;

    // The monthly table.
    let first = FIRST_MONTH_ROW;
    let months = e.horizon_months as u32;
    let last = first + months;
    let heads = [
        "Month",
        "Ramp-up share",
        "Benefit",
        "Cost",
        "Net flow",
        "Discount factor",
        "PV of benefit",
        "PV of cost",
        "PV of net flow",
        "Cumulative net flow",
        "Last month below zero",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(first - 1, c as u16, *h, &f.head)?;
    }
    ws.set_freeze_panes(first, 1)?;
    let flows = &r.monthly;
    let df = |m: u32| (1.0 + e.annual_rate).powf(-(f64::from(m)) / 12.0);
    let mut last_negative = -1.0;
    for m in 0..=months {
        let row = first + m;
        let x = |c: u16| at(row, c);
        let mu = m as usize;
        ws.write_number(row, 0, f64::from(m))?;
        let share = format!(
            "=IF({a}=0,0,MIN(1,MAX(0,({a}-{d})/MAX({r},1))))",
            a = x(0),
            d = cell::DELIVERY,
            r = cell::RAMP
        );
        let share_v = if m == 0 {
            0.0
        } else {
            crate::model::cashflow::ramp_share(
                mu,
                i.delivery_months.likely,
                i.ramp_up_months.likely,
            )
        };
        let cells: [(u16, String, f64, &Format); 9] = [
            (1, share, share_v, &f.share),
            (
                2,
                format!("={}/12*{}*{}", cell::ANNUAL, x(1), cell::CONFIDENCE),
                flows.benefits[mu],
                &f.money,
            ),
            (
                3,
                format!("=IF({}=0,{},{}/12)", x(0), cell::ONE_TIME, cell::RUNNING),
                flows.costs[mu],
                &f.money,
            ),
            (4, format!("={}-{}", x(2), x(3)), flows.net[mu], &f.money),
            (
                5,
                format!("=(1+{})^(-{}/12)", cell::RATE, x(0)),
                df(m),
                &f.share,
            ),
            (
                6,
                format!("={}*{}", x(2), x(5)),
                flows.benefits[mu] * df(m),
                &f.money,
            ),
            (
                7,
                format!("={}*{}", x(3), x(5)),
                flows.costs[mu] * df(m),
                &f.money,
            ),
            (
                8,
                format!("={}*{}", x(4), x(5)),
                flows.net[mu] * df(m),
                &f.money,
            ),
            (
                9,
                if m == 0 {
                    format!("={}", x(4))
                } else {
                    format!("={}+{}", at(row - 1, 9), x(4))
                },
                flows.cumulative[mu],
                &f.money,
            ),
        ];
        for (c, formula, v, fmt) in cells {
            ws.write_formula_with_format(row, c, Formula::new(formula).set_result(result(v)), fmt)?;
        }
        if flows.cumulative[mu] < 0.0 {
            last_negative = f64::from(m);
        }
        let below = if m == 0 {
            format!("=IF({}<0,{},-1)", x(9), x(0))
        } else {
            format!("=IF({}<0,{},{})", x(9), x(0), at(row - 1, 10))
        };
        ws.write_formula(
            row,
            10,
            Formula::new(below).set_result(result(last_negative)),
        )?;
    }
    let col = |c: u16| format!("{}:{}", at(first, c), at(last, c));

    // Results (rows 11-16 in Excel).
    let results: [(u32, &str, String, Option<f64>, &Format); 6] = [
        (10, "PV of benefits", format!("=SUM({})", col(6)), Some(r.pv_benefits), &f.money),
        (11, "PV of costs", format!("=SUM({})", col(7)), Some(r.pv_costs), &f.money),
        (
            12,
            "NPV",
            format!("={}-{}", cell::PV_BENEFITS, cell::PV_COSTS),
            r.npv.value,
            &f.money_bold,
        ),
        (
            13,
            "ROI (NPV / PV of costs)",
            format!(
                "=IF({c}>=0.005,{n}/{c},\"no costs\")",
                c = cell::PV_COSTS,
                n = cell::NPV
            ),
            r.roi.value.map(|v| v / 100.0),
            &f.percent,
        ),
        (
            14,
            "Payback (months)",
            format!(
                "=IF({k}=-1,0,IF({k}={a},\"not within the horizon\",{k}+MIN(1,MAX(0,-INDEX({cum},{k}+1)/INDEX({net},{k}+2)))))",
                k = at(last, 10),
                a = at(last, 0),
                cum = col(9),
                net = col(4),
            ),
            r.payback_months.value,
            &f.months,
        ),
        (
            15,
            "IRR (a year)",
            format!("=IFERROR((1+IRR({}))^12-1,\"none\")", col(4)),
            r.irr.value.map(|v| v / 100.0),
            &f.percent,
        ),
    ];
    for (row, label, formula, v, fmt) in results {
        ws.write_string_with_format(row, 0, label, &f.bold)?;
        let cached = v.map(result).unwrap_or_default();
        ws.write_formula_with_format(row, 1, Formula::new(formula).set_result(cached), fmt)?;
    }
    ws.write_string(10, 2, "the sum of the monthly PVs")?;
    ws.write_string(
        14,
        2,
        "the month the cumulative flow turns non-negative for good, interpolated",
    )?;
    ws.write_string(15, 2, "from the monthly net flows, annualized")?;
    Ok(ws)
}

/// The portfolio and its roadmap, as figures (the selection is a search, not a formula): the
/// limits, then every initiative by value with whether it is funded, what an unfunded one needs,
/// and a funded one's start, NPV now and as scheduled, and payback as scheduled.
fn portfolio_sheet(s: &Scenario, plan: &Plan, f: &Formats) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Portfolio")?;
    ws.write_string_with_format(0, 0, "Portfolio and roadmap", &f.title)?;
    let mut row = 2;
    for (b, v) in &plan.budgets {
        ws.write_string(row, 0, format!("Limit: {}", b.label()))?;
        ws.write_number_with_format(row, 1, *v, &f.money)?;
        row += 1;
    }
    if let Some(c) = plan.capacity {
        ws.write_string(row, 0, "Limit: team capacity (person-months a month)")?;
        ws.write_number_with_format(row, 1, c, &f.number)?;
        row += 1;
    }
    row += 1;
    let mut heads: Vec<String> = crate::model::plan::TABLE_COLUMNS
        .into_iter()
        .map(String::from)
        .collect();
    heads.extend(
        plan.budgets
            .iter()
            .map(|(b, _)| format!("More needed: {}", b.label())),
    );
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, h, &f.head)?;
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 34)?;
    for c in 2..heads.len() as u16 {
        ws.set_column_width(c, 14)?;
    }
    for (n, &k) in plan.ranked.iter().enumerate() {
        let (Some(init), Some(item)) = (s.initiatives.get(k), plan.items.get(k)) else {
            continue;
        };
        let r = row + 1 + n as u32;
        ws.write_number(r, 0, (n + 1) as f64)?;
        ws.write_string(r, 1, &init.name)?;
        ws.write_string(r, 2, init.category.label())?;
        ws.write_number_with_format(r, 3, item.value, &f.money)?;
        ws.write_string(r, 4, if item.funded { "yes" } else { "no" })?;
        ws.write_number_with_format(r, 5, item.effort, &f.number)?;
        if let Some(m) = item.start {
            ws.write_number(r, 6, m as f64)?;
        }
        if let Some(m) = item.benefits_from {
            ws.write_number_with_format(r, 7, m, &f.months)?;
        }
        ws.write_number_with_format(r, 8, item.npv_now, &f.money)?;
        if let Some(v) = item.npv_scheduled {
            ws.write_number_with_format(r, 9, v, &f.money)?;
        }
        if let Some(v) = item.payback_scheduled {
            ws.write_number_with_format(r, 10, v, &f.months)?;
        }
        if let Some(need) = &item.need {
            for (b, x) in need.extra.iter().enumerate() {
                ws.write_number_with_format(r, 11 + b as u16, *x, &f.money)?;
            }
        }
    }
    let (first, last) = (row + 1, row + plan.ranked.len().max(1) as u32);
    let col = |c: u16| format!("{}:{}", at(first, c), at(last, c));
    // The funded set's own figures, as scheduled: its NPV adds up the rows above (a live
    // formula); the yearly spend and cumulative cash flow follow.
    let mut row = last + 2;
    ws.write_string_with_format(row, 0, "Funded set: NPV as scheduled", &f.bold)?;
    let npv = format!("=SUMIF({},\"yes\",{})", col(4), col(9));
    ws.write_formula_with_format(
        row,
        1,
        Formula::new(npv).set_result(result(plan.npv)),
        &f.money_bold,
    )?;
    row += 1;
    ws.write_string_with_format(row, 0, "Funded set: payback as scheduled (months)", &f.bold)?;
    match plan.payback {
        Some(m) => ws.write_number_with_format(row, 1, m, &f.months)?,
        None => ws.write_string(row, 1, "not within the horizon")?,
    };
    row += 2;
    let heads = [
        "Year",
        "One-time spend",
        "Running cost",
        "Total spend",
        "One-time budget",
        "Running-cost budget",
        "Total budget",
        "Cumulative net cash flow at year end",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &f.head)?;
    }
    let cumulative = plan.cumulative_by_year();
    for (y, ((o, ru), cum)) in plan.spend_by_year.iter().zip(cumulative).enumerate() {
        let r = row + 1 + y as u32;
        ws.write_string(r, 0, format!("Year {}", y + 1))?;
        ws.write_number_with_format(r, 1, *o, &f.money)?;
        ws.write_number_with_format(r, 2, *ru, &f.money)?;
        let total = format!("={}+{}", at(r, 1), at(r, 2));
        ws.write_formula_with_format(
            r,
            3,
            Formula::new(total).set_result(result(o + ru)),
            &f.money,
        )?;
        for (c, want) in [
            (4, Budget::OneTime(y)),
            (5, Budget::Running(y)),
            (6, Budget::Total(y)),
        ] {
            if let Some((_, v)) = plan.budgets.iter().find(|(b, _)| *b == want) {
                ws.write_number_with_format(r, c, *v, &f.money)?;
            }
        }
        ws.write_number_with_format(r, 7, cum, &f.money)?;
    }
    Ok(ws)
}

fn assumptions_sheet(s: &Scenario, f: &Formats) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Assumptions")?;
    let heads = [
        "Initiative",
        "Benefit",
        "Input",
        "Likely",
        "Low",
        "High",
        "Unit",
        "Entered or default",
        "Source",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
    }
    for (c, w) in [30.0, 30.0, 34.0, 14.0, 14.0, 14.0, 14.0, 12.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let rows: Vec<Assumption> = register(s);
    for (n, a) in rows.iter().enumerate() {
        let row = n as u32 + 1;
        let fmt = match a.kind {
            Kind::Money => &f.money,
            _ => &f.number,
        };
        ws.write_string(row, 0, &a.initiative_name)?;
        ws.write_string(row, 1, &a.owner)?;
        ws.write_string(row, 2, a.label)?;
        match a.likely {
            Some(v) => ws.write_number_with_format(row, 3, v, fmt)?,
            None => ws.write_string(row, 3, "the scenario's")?,
        };
        if let Some(v) = a.low {
            ws.write_number_with_format(row, 4, v, fmt)?;
        }
        if let Some(v) = a.high {
            ws.write_number_with_format(row, 5, v, fmt)?;
        }
        ws.write_string(row, 6, &a.unit)?;
        ws.write_string(row, 7, if a.is_default { "default" } else { "entered" })?;
        if !a.source.is_empty() {
            ws.write_string(row, 8, &a.source)?;
        }
    }
    Ok(ws)
}

fn simulation_sheet(s: &Scenario, sim: &Simulation, f: &Formats) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Simulation")?;
    let cur = &s.currency;
    ws.write_string_with_format(
        0,
        0,
        format!(
            "Monte Carlo: {} trials, seed {}, ranges drawn as {}",
            sim.trials,
            sim.seed,
            s.simulation.distribution.key()
        ),
        &f.bold,
    )?;
    let heads = [
        "Initiative".to_string(),
        format!("NPV P10 ({cur})"),
        format!("NPV P50 ({cur})"),
        format!("NPV P90 ({cur})"),
        format!("NPV mean ({cur})"),
        "Chance of a loss".into(),
        "Chance of the highest NPV".into(),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, h, &f.head)?;
    }
    ws.set_column_width(0, 36)?;
    for c in 1..7 {
        ws.set_column_width(c, 15)?;
    }
    for (k, (i, r)) in s.initiatives.iter().zip(&sim.initiatives).enumerate() {
        let row = 3 + k as u32;
        ws.write_string(row, 0, &i.name)?;
        for (c, v) in [r.npv.p10, r.npv.p50, r.npv.p90, r.npv.mean]
            .iter()
            .enumerate()
        {
            ws.write_number_with_format(row, 1 + c as u16, *v, &f.money)?;
        }
        ws.write_number_with_format(row, 5, r.p_loss, &f.percent)?;
        ws.write_number_with_format(row, 6, r.p_best, &f.percent)?;
    }
    let mut row = 4 + s.initiatives.len() as u32;
    ws.write_string_with_format(row, 0, "Value of information", &f.bold)?;
    row += 1;
    ws.write_string(
        row,
        0,
        format!("Knowing every estimate exactly (EVPI, {cur})"),
    )?;
    ws.write_number_with_format(row, 1, sim.evpi, &f.money)?;
    row += 2;
    ws.write_string_with_format(row, 0, "Estimate", &f.head)?;
    ws.write_string_with_format(
        row,
        1,
        format!("Worth knowing exactly (EVPPI, {cur})"),
        &f.head,
    )?;
    let mut worth: Vec<(usize, f64)> = sim.evppi.iter().copied().enumerate().collect();
    worth.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (n, v) in worth {
        let Some(input) = sim.inputs.get(n) else {
            continue;
        };
        row += 1;
        ws.write_string(row, 0, &input.label)?;
        ws.write_number_with_format(row, 1, v, &f.money)?;
    }
    Ok(ws)
}

/// Cells of the Tracking sheet: the tolerance bands, as fractions of plan (inputs every status
/// formula reads).
mod band {
    pub const GREEN: &str = "$B$5";
    pub const YELLOW: &str = "$B$6";
    /// A thousandth of a per cent, as `model::tracking::status` allows at a band's edge.
    pub const EDGE: &str = "0.00001";
}

/// A status formula's body (no `=`): `actual` against `plan` within the bands on the sheet,
/// higher better when `higher`, as `model::tracking::status` has it: "On track" within the green
/// band (or better than plan), "At risk" within the yellow, "Off track" beyond; with a plan of
/// zero, anything worse than zero is off track.
fn status_formula(plan: &str, actual: &str, higher: bool) -> String {
    let (short, worse) = if higher {
        (
            format!("({plan}-{actual})/ABS({plan})"),
            format!("{actual}<{plan}"),
        )
    } else {
        (
            format!("({actual}-{plan})/ABS({plan})"),
            format!("{actual}>{plan}"),
        )
    };
    format!(
        "IF({plan}=0,IF({worse},\"Off track\",\"On track\"),{})",
        bands(&short)
    )
}

/// A status formula's body from a shortfall (a fraction of plan; negative: better than plan).
fn bands(short: &str) -> String {
    format!(
        "IF({short}<={g}+{e},\"On track\",IF({short}<={y}+{e},\"At risk\",\"Off track\"))",
        g = band::GREEN,
        y = band::YELLOW,
        e = band::EDGE,
    )
}

/// The worse of two status cells' texts ("" when neither has one), as `Status::worst`.
fn worse_formula(a: &str, b: &str) -> String {
    let either = |s: &str| format!("OR({a}=\"{s}\",{b}=\"{s}\")");
    format!(
        "IF({},\"Off track\",IF({},\"At risk\",IF({},\"On track\",\"\")))",
        either("Off track"),
        either("At risk"),
        either("On track")
    )
}

fn status_label(s: Option<crate::model::tracking::Status>) -> &'static str {
    s.map_or("", |s| s.label())
}

/// Where the Tracking sheet's tables are (0-based rows).
struct TrackingLayout {
    /// The first initiative row of the summary table.
    summary: u32,
    /// The KPI table's head row, when some goal has a KPI.
    kpis: Option<u32>,
    /// The month-0 row of each tracked initiative's month-by-month block.
    blocks: Vec<u32>,
    /// The last month of each block (months 0 to "actuals up to").
    as_of: u32,
}

impl TrackingLayout {
    fn new(d: &crate::model::dashboard::Dashboard) -> Self {
        let n = d.initiatives.len() as u32;
        // The bands end on row 6; the portfolio line takes rows 8-19, the summary's head row 21.
        let mut row = if n > 0 { 21 + n + 1 } else { 7 };
        let summary = 21;
        let count: usize = d.goals.iter().map(|g| g.kpis.len()).sum();
        let kpis = (count > 0).then_some(row);
        if count > 0 {
            row += 1 + count as u32 + 1;
        }
        let as_of = d.as_of as u32;
        let blocks = (0..n)
            .map(|_| {
                let first = row + 2;
                row = first + as_of + 2;
                first
            })
            .collect();
        TrackingLayout {
            summary,
            kpis,
            blocks,
            as_of,
        }
    }

    /// Column `c` of block `k`, months 0 to "actuals up to", as an A1 range.
    fn col(&self, k: usize, c: u16) -> String {
        let first = self.blocks[k];
        format!("{}:{}", at(first, c), at(first + self.as_of, c))
    }
}

/// Columns of a month-by-month block on the Tracking sheet.
mod block {
    pub const MONTH: u16 = 0;
    pub const PLAN_VALUE: u16 = 1;
    pub const ACTUAL_VALUE: u16 = 2;
    pub const PLAN_ONE_TIME: u16 = 5;
    pub const PLAN_RUNNING: u16 = 6;
    pub const ACTUAL_ONE_TIME: u16 = 8;
    pub const ACTUAL_RUNNING: u16 = 9;
    pub const LAST_ONE_TIME: u16 = 12;
}

/// The results dashboard (`model::dashboard`) as the Tracking sheet, when anything is tracked:
/// the tolerance bands (inputs), the portfolio line, a summary row per tracked initiative, the
/// goals' KPIs, and each tracked initiative month by month. The actuals are inputs (a month not
/// read is a blank cell, a gap and never a zero); every variance, total to date and status is a
/// formula over them and the bands, so editing an actual or a band updates the sheet. The NPVs
/// are values (the forecast behind NPV now is Caseboard's).
fn tracking_sheet(s: &Scenario, f: &Formats) -> Result<Option<Worksheet>, XlsxError> {
    let d = crate::model::dashboard::dashboard(s);
    if !super::csv::anything_tracked(&d) {
        return Ok(None);
    }
    let layout = TrackingLayout::new(&d);
    let mut ws = Worksheet::new();
    ws.set_name("Tracking")?;
    // A formula whose result is "" (a gap's variance, no status yet) caches an empty text, not
    // the default 0: a viewer that does not recalculate shows a gap as a gap.
    ws.set_formula_result_default("");
    ws.set_column_width(0, 34)?;
    for c in 1..17 {
        ws.set_column_width(c, 14)?;
    }
    ws.write_string_with_format(0, 0, "Results dashboard: tracking after approval", &f.title)?;
    ws.write_string(
        1,
        0,
        format!(
            "Money in {}. Actuals are inputs (a blank month is a gap, not a zero); every variance, total to date and status is a formula over them and the bands below.",
            s.currency
        ),
    )?;
    ws.write_string(3, 0, "Actuals up to (month)")?;
    ws.write_number(3, 1, d.as_of as f64)?;
    if let Some(c) = super::csv::calendar_month(&s.tracking.start, d.as_of) {
        ws.write_string(3, 2, c)?;
    }
    ws.write_string(4, 0, "On track within (of plan, or better)")?;
    ws.write_number_with_format(4, 1, d.tolerance.green_pct / 100.0, &f.percent)?;
    ws.write_string(5, 0, "At risk within (of plan); off track beyond")?;
    ws.write_number_with_format(5, 1, d.tolerance.yellow_pct / 100.0, &f.percent)?;
    if !d.initiatives.is_empty() {
        tracking_portfolio(&mut ws, &d, &layout, f)?;
        tracking_summary(&mut ws, &d, &layout, f)?;
    }
    if let Some(head) = layout.kpis {
        tracking_kpis(&mut ws, &d, head, f)?;
    }
    for (k, t) in d.initiatives.iter().enumerate() {
        tracking_block(
            &mut ws,
            t,
            layout.blocks[k],
            layout.as_of,
            &s.tracking.start,
            f,
        )?;
    }
    Ok(Some(ws))
}

/// The portfolio line (rows 8-19 in Excel): the summary table's totals and the value status on
/// them; NPV of the plans and now as values.
fn tracking_portfolio(
    ws: &mut Worksheet,
    d: &crate::model::dashboard::Dashboard,
    layout: &TrackingLayout,
    f: &Formats,
) -> Result<(), XlsxError> {
    let (first, last) = (
        layout.summary,
        layout.summary + d.initiatives.len() as u32 - 1,
    );
    let col = |c: u16| format!("{}:{}", at(first, c), at(last, c));
    ws.write_string_with_format(7, 0, "Portfolio (all tracked initiatives)", &f.bold)?;
    let value_gap = d.realised_to_date - d.planned_to_date;
    let status = format!(
        "=IF(SUMPRODUCT(({}<>\"\")*1)=0,\"\",{})",
        col(6),
        status_formula("B10", "B9", true)
    );
    let pct = (d.planned_to_date != 0.0).then(|| value_gap / d.planned_to_date);
    let rows: [(u32, &str, String, String, &Format); 9] = [
        (
            8,
            "Value realised to date",
            format!("=SUM({})", col(2)),
            result(d.realised_to_date),
            &f.money,
        ),
        (
            9,
            "Value planned to date",
            format!("=SUM({})", col(3)),
            result(d.planned_to_date),
            &f.money,
        ),
        (
            10,
            "Value variance",
            "=B9-B10".into(),
            result(value_gap),
            &f.money,
        ),
        (
            11,
            "Value variance (of plan)",
            "=IF(B10=0,\"\",B11/B10)".into(),
            pct.map(result).unwrap_or_default(),
            &f.percent,
        ),
        (
            12,
            "Value status",
            status,
            status_label(d.value_status).into(),
            &f.bold,
        ),
        (
            13,
            "Spend to date",
            format!("=SUM({})", col(7)),
            result(d.spent_to_date),
            &f.money,
        ),
        (
            14,
            "Planned spend to date",
            format!("=SUM({})", col(8)),
            result(d.planned_spend_to_date),
            &f.money,
        ),
        (
            15,
            "Spend variance",
            "=B14-B15".into(),
            result(d.spent_to_date - d.planned_spend_to_date),
            &f.money,
        ),
        (
            18,
            "NPV difference",
            "=B18-B17".into(),
            result(d.npv_now - d.npv_plan),
            &f.money,
        ),
    ];
    for (row, label, formula, cached, fmt) in rows {
        ws.write_string(row, 0, label)?;
        ws.write_formula_with_format(row, 1, Formula::new(formula).set_result(cached), fmt)?;
    }
    ws.write_string(16, 0, "NPV of the plans")?;
    ws.write_number_with_format(16, 1, d.npv_plan, &f.money)?;
    ws.write_string(17, 0, "NPV now (actuals, then forecast)")?;
    ws.write_number_with_format(17, 1, d.npv_now, &f.money)?;
    ws.write_string(17, 2, "values: the forecast is Caseboard's")?;
    Ok(())
}

/// The heads of the Tracking sheet's summary table.
const SUMMARY_HEADS: [&str; 17] = [
    "Initiative",
    "Stage",
    "Value to date",
    "Value planned to date",
    "Value variance",
    "Value variance (of plan)",
    "Value status",
    "Spend to date",
    "Planned spend to date",
    "Spend variance",
    "Spend status",
    "Status",
    "NPV as approved",
    "NPV now",
    "NPV difference",
    "Judged against",
    "Note",
];

/// A row per tracked initiative (from row 22 in Excel): value and spend to date over its block's
/// months with an actual, their variances and statuses (formulas on the bands), NPV at approval
/// and now (values), what it is judged against and its note.
fn tracking_summary(
    ws: &mut Worksheet,
    d: &crate::model::dashboard::Dashboard,
    layout: &TrackingLayout,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (c, h) in SUMMARY_HEADS.iter().enumerate() {
        ws.write_string_with_format(layout.summary - 1, c as u16, *h, &f.head)?;
    }
    for (k, t) in d.initiatives.iter().enumerate() {
        let row = layout.summary + k as u32;
        let fc = &t.forecast;
        let approval = super::csv::npv_at_approval(t);
        ws.write_string(row, 0, &t.name)?;
        ws.write_string(row, 1, t.stage.label())?;
        let last_one_time = at(layout.blocks[k] + layout.as_of, block::LAST_ONE_TIME);
        let cells = summary_cells(t, row, |c| layout.col(k, c), &last_one_time, f);
        for (c, formula, cached, fmt) in cells {
            ws.write_formula_with_format(row, c, Formula::new(formula).set_result(cached), fmt)?;
        }
        ws.write_number_with_format(row, 12, approval, &f.money)?;
        ws.write_number_with_format(row, 13, fc.npv_now, &f.money)?;
        ws.write_string(row, 15, super::csv::against_text(t))?;
        if !t.note.is_empty() {
            ws.write_string(row, 16, &t.note)?;
        }
    }
    Ok(())
}

/// The formula cells of a tracked initiative's summary row `row` (column, formula, cached
/// result, format); `b(c)` is column `c` of its month-by-month block, `last_one_time` the cell
/// holding the last month with one-time spend (on the block's last row).
fn summary_cells<'f>(
    t: &crate::model::dashboard::InitiativeTrack,
    row: u32,
    b: impl Fn(u16) -> String,
    last_one_time: &str,
    f: &'f Formats,
) -> [(u16, String, String, &'f Format); 11] {
    let x = |c: u16| at(row, c);
    let fc = &t.forecast;
    let (got, want) = (fc.realised_to_date, fc.planned_to_date);
    let approval = super::csv::npv_at_approval(t);
    [
        (
            2,
            format!("=SUM({})", b(block::ACTUAL_VALUE)),
            result(got),
            &f.money,
        ),
        (
            3,
            format!(
                "=SUMPRODUCT(({}<>\"\")*{})",
                b(block::ACTUAL_VALUE),
                b(block::PLAN_VALUE)
            ),
            result(want),
            &f.money,
        ),
        (
            4,
            format!("={}-{}", x(2), x(3)),
            result(got - want),
            &f.money,
        ),
        (
            5,
            format!("=IF({d}=0,\"\",{e}/{d})", d = x(3), e = x(4)),
            if want != 0.0 {
                result((got - want) / want)
            } else {
                String::new()
            },
            &f.percent,
        ),
        (
            6,
            format!(
                "=IF(COUNT({})=0,\"\",{})",
                b(block::ACTUAL_VALUE),
                status_formula(&x(3), &x(2), true)
            ),
            status_label(t.value_status).into(),
            &f.bold,
        ),
        (
            7,
            format!(
                "=SUM({})+SUM({})",
                b(block::ACTUAL_ONE_TIME),
                b(block::ACTUAL_RUNNING)
            ),
            result(fc.spent_to_date),
            &f.money,
        ),
        (
            8,
            format!(
                "=SUMPRODUCT(({}<>\"\")*{})+SUMIF({},\"<=\"&{},{})",
                b(block::ACTUAL_RUNNING),
                b(block::PLAN_RUNNING),
                b(block::MONTH),
                last_one_time,
                b(block::PLAN_ONE_TIME)
            ),
            result(fc.planned_spend_to_date),
            &f.money,
        ),
        (
            9,
            format!("={}-{}", x(7), x(8)),
            result(fc.spent_to_date - fc.planned_spend_to_date),
            &f.money,
        ),
        (
            10,
            format!(
                "=IF(COUNT({})+COUNT({})=0,\"\",{})",
                b(block::ACTUAL_ONE_TIME),
                b(block::ACTUAL_RUNNING),
                status_formula(&x(8), &x(7), false)
            ),
            status_label(t.spend_status).into(),
            &f.bold,
        ),
        (
            11,
            format!("={}", worse_formula(&x(6), &x(10))),
            status_label(t.status).into(),
            &f.bold,
        ),
        (
            14,
            format!("={}-{}", x(13), x(12)),
            result(fc.npv_now - approval),
            &f.money,
        ),
    ]
}

/// The goals' KPIs, a row each from the row after `head`: the path (baseline, target, month
/// due) and the latest reading are values; where the path planned it that month is the formula
/// baseline + (target − baseline) × MIN(1, month ÷ target month), and the status a formula on
/// the bands (`model::tracking::kpi_status`: the change achieved against the change planned).
fn tracking_kpis(
    ws: &mut Worksheet,
    d: &crate::model::dashboard::Dashboard,
    head: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    let heads = [
        "Goal",
        "KPI",
        "Unit",
        "Baseline",
        "Target",
        "Target month",
        "Latest month",
        "Latest reading",
        "Planned at latest",
        "Status",
        "Which way is better",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(head, c as u16, *h, &f.head)?;
    }
    let kpis = d
        .goals
        .iter()
        .flat_map(|g| g.kpis.iter().map(move |k| (g, k)));
    for (n, (g, k)) in kpis.enumerate() {
        let row = head + 1 + n as u32;
        let x = |c: u16| at(row, c);
        ws.write_string(row, 0, &g.name)?;
        ws.write_string(row, 1, &k.name)?;
        ws.write_string(row, 2, &k.unit)?;
        ws.write_number_with_format(row, 3, k.baseline, &f.number)?;
        ws.write_number_with_format(row, 4, k.target, &f.number)?;
        ws.write_number_with_format(row, 5, k.target_month, &f.months)?;
        if let Some((m, v)) = k.latest {
            ws.write_number(row, 6, m)?;
            ws.write_number_with_format(row, 7, v, &f.number)?;
        }
        let planned = format!(
            "=IF({m}=\"\",\"\",IF({tm}<=0,{t},{b}+({t}-{b})*MIN(1,MAX(0,{m}/{tm}))))",
            m = x(6),
            tm = x(5),
            t = x(4),
            b = x(3)
        );
        let cached = k.planned_at_latest.map(result).unwrap_or_default();
        ws.write_formula_with_format(row, 8, Formula::new(planned).set_result(cached), &f.number)?;
        let higher = k.better == crate::model::Better::Higher;
        let (p, b, r) = (x(8), x(3), x(7));
        // No change planned: the reading against the planned level; else the change achieved
        // (in the planned change's direction) against the change planned, higher better.
        let status = format!(
            "=IF(OR({m}=\"\",{p}=\"\"),\"\",IF(ABS({p}-{b})<1E-12,{same},{change}))",
            m = x(6),
            same = status_formula(&p, &r, higher),
            change = bands(&format!(
                "(ABS({p}-{b})-({r}-{b})*SIGN({p}-{b}))/ABS({p}-{b})"
            )),
        );
        let cached = status_label(k.status).to_string();
        ws.write_formula_with_format(row, 9, Formula::new(status).set_result(cached), &f.bold)?;
        ws.write_string(row, 10, k.better.label())?;
    }
    Ok(())
}

/// The heads of a month-by-month block on the Tracking sheet (then "Calendar month" when the
/// scenario says what month 1 is).
const BLOCK_HEADS: [&str; 13] = [
    "Month",
    "Planned value",
    "Actual value",
    "Value variance",
    "Value variance (of plan)",
    "Planned one-time spend",
    "Planned running cost",
    "Planned spend",
    "Actual one-time spend",
    "Actual running cost",
    "Actual spend",
    "Spend variance",
    "Last month with one-time spend",
];

/// One tracked initiative month by month, months 0 to `as_of`, from row `first` (its title and
/// heads on the two rows above): the plan as values, the actuals as inputs (blank when not
/// recorded: a gap, never a zero), the variances as formulas; the column "Last month with
/// one-time spend" carries, month by month, the last month one-time spend was recorded in so far
/// (−1: none), up to which the planned spend to date counts the plan's one-time cost.
fn tracking_block(
    ws: &mut Worksheet,
    t: &crate::model::dashboard::InitiativeTrack,
    first: u32,
    as_of: u32,
    start: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(first - 2, 0, format!("Month by month: {}", t.name), &f.bold)?;
    let mut heads = BLOCK_HEADS.to_vec();
    let calendar = super::csv::calendar_month(start, 1).is_some();
    if calendar {
        heads.push("Calendar month");
    }
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(first - 1, c as u16, *h, &f.head)?;
    }
    let plan = &t.plan;
    let mut last_one_time = -1.0;
    for m in 0..=as_of as usize {
        let row = first + m as u32;
        let x = |c: u16| at(row, c);
        let a = t.actual.get(m).copied().unwrap_or_default();
        let at_m = |v: &Vec<f64>| v.get(m).copied().unwrap_or(0.0);
        let (value, one_time, running) = (
            at_m(&plan.benefits),
            at_m(&plan.one_time),
            at_m(&plan.running),
        );
        ws.write_number(row, block::MONTH, m as f64)?;
        ws.write_number_with_format(row, block::PLAN_VALUE, value, &f.money)?;
        ws.write_number_with_format(row, block::PLAN_ONE_TIME, one_time, &f.money)?;
        ws.write_number_with_format(row, block::PLAN_RUNNING, running, &f.money)?;
        for (c, v) in [
            (block::ACTUAL_VALUE, a.benefits),
            (block::ACTUAL_ONE_TIME, a.one_time),
            (block::ACTUAL_RUNNING, a.running),
        ] {
            if let Some(v) = v {
                ws.write_number_with_format(row, c, v, &f.money)?;
            }
        }
        let spent = (a.one_time.is_some() || a.running.is_some())
            .then(|| a.one_time.unwrap_or(0.0) + a.running.unwrap_or(0.0));
        if a.one_time.is_some() {
            last_one_time = m as f64;
        }
        let blank_or = |v: Option<f64>| v.map(result).unwrap_or_default();
        let (av, ao, ar) = (
            x(block::ACTUAL_VALUE),
            x(block::ACTUAL_ONE_TIME),
            x(block::ACTUAL_RUNNING),
        );
        let cells: [(u16, String, String, &Format); 6] = [
            (
                3,
                format!("=IF({av}=\"\",\"\",{av}-{})", x(1)),
                blank_or(a.benefits.map(|v| v - value)),
                &f.money,
            ),
            (
                4,
                format!("=IF(OR({av}=\"\",{p}=0),\"\",{}/{p})", x(3), p = x(1)),
                blank_or(
                    a.benefits
                        .filter(|_| value != 0.0)
                        .map(|v| (v - value) / value),
                ),
                &f.percent,
            ),
            (
                7,
                format!("={}+{}", x(5), x(6)),
                result(one_time + running),
                &f.money,
            ),
            (
                10,
                format!("=IF(AND({ao}=\"\",{ar}=\"\"),\"\",SUM({ao},{ar}))"),
                blank_or(spent),
                &f.money,
            ),
            (
                11,
                format!("=IF({k}=\"\",\"\",{k}-{})", x(7), k = x(10)),
                blank_or(spent.map(|v| v - one_time - running)),
                &f.money,
            ),
            (
                block::LAST_ONE_TIME,
                if m == 0 {
                    format!("=IF({ao}<>\"\",{},-1)", x(0))
                } else {
                    format!(
                        "=IF({ao}<>\"\",{},{})",
                        x(0),
                        at(row - 1, block::LAST_ONE_TIME)
                    )
                },
                result(last_one_time),
                &f.number,
            ),
        ];
        for (c, formula, cached, fmt) in cells {
            ws.write_formula_with_format(row, c, Formula::new(formula).set_result(cached), fmt)?;
        }
        if let Some(c) = super::csv::calendar_month(start, m).filter(|_| calendar) {
            ws.write_string(row, block::LAST_ONE_TIME + 1, c)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name(1, "Desk: phase [2]/3?"), "1 Desk  phase  2  3");
        assert_eq!(sheet_name(12, "   "), "12 Initiative");
        let long = sheet_name(3, &"x".repeat(100));
        assert_eq!(long.chars().count(), 31);
        assert_eq!(sheet_name(2, "'quoted'"), "2 quoted");
        assert_eq!(quoted("2 Bob's"), "'2 Bob''s'");
    }

    #[test]
    fn columns_are_lettered_as_excel_letters_them() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
        assert_eq!(col_name(701), "ZZ");
        assert_eq!(col_name(702), "AAA");
        assert_eq!(at(19, 10), "K20");
    }
}
