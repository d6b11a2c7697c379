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
//! * **Assumptions**: the register (`model::register`), with each input's source;
//! * **Simulation** (with ranges): percentiles, the chance of a loss, how often each is first,
//!   and the value of information, as values (a simulation is not a formula).
//!
//! The formulas use only functions every spreadsheet has (SUM, MIN, MAX, IF, INDEX, IRR,
//! IFERROR), so LibreOffice and Google Sheets recalculate them as Excel does. Each formula also
//! carries the value Caseboard computed, for viewers that show a file without recalculating it.

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
