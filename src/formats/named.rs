//! The named JSON form of a scenario — the `data` of saved files and drafts, and of `c3.` links —
//! read and written through the serde derives of the model types (README, "Scenario format").
//!
//! Reading:
//! 1. refuses lists over `model::limits` before anything is deserialized;
//! 2. deserializes with `serde_path_to_error`, so an error names its field
//!    (`initiatives[0].one_time_cost: expected …`). A single field that cannot be read is
//!    restored to its default (a score or a dependency that cannot be read is left out) and a
//!    note says which field and what was there; the record around it is read again. Structural
//!    damage — a list or a record that is not one, a benefit of no known kind, more than
//!    [`MAX_REPAIRS`] repairs — is refused with the located message;
//! 3. refuses texts over their limits, and gives duplicate or empty ids new ones (noted);
//! 4. keeps the fields it does not know in each record's `unknown`, as JSON text, and writing
//!    puts them back, so a newer version's data survives an edit here.
//!
//! Writing numbers: the shortest text that reads back to the same `f64`, whole numbers without
//! a fraction (`10`, not `10.0`), as the app has always written them.
//!
//! Only the worker uses this module: the page never parses JSON (see `flat`).

use super::common::{describe, fail, id_note, join, over, unique_ids, write_str, R};
use crate::model::limits::{self, List, Text};
use crate::model::scenario::{
    Baseline, Benefit, BenefitKind, Criterion, Decision, Direction, Goal, Initiative, Kpi,
    Portfolio, Scenario, Serves, SimSettings, Tracking, UnknownFields, BENEFIT_KINDS,
};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::{Map, Value};
use std::io;

/// The most fields one file or link may have restored; more is refused, as a file that damaged
/// is more likely not a Caseboard scenario at all.
pub const MAX_REPAIRS: usize = 50;

const ESTIMATE: &str = "a number or {\"low\": …, \"likely\": …, \"high\": …}";

// ---- Writing -----------------------------------------------------------------------------------

/// Unknown fields are written back where they were read, each value as the JSON it held.
impl Serialize for UnknownFields {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, text) in &self.0 {
            // Text that is not JSON cannot come from a reader here; it is left out.
            if let Ok(v) = serde_json::from_str::<Value>(text) {
                map.serialize_entry(k, &v)?;
            }
        }
        map.end()
    }
}

/// serde_json's formatters with the app's number text (see [`super::common::write_num`]).
struct Numbers<F>(F);

macro_rules! delegate {
    ($($name:ident),*) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.$name(w)
        }
    )*};
}

impl<F: Formatter> Formatter for Numbers<F> {
    fn write_f64<W: ?Sized + io::Write>(&mut self, w: &mut W, x: f64) -> io::Result<()> {
        // Only finite numbers arrive here: serde_json writes the others as null.
        write!(w, "{x}")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    delegate!(
        begin_array,
        end_array,
        end_array_value,
        begin_object,
        end_object,
        begin_object_value,
        end_object_value
    );
}

/// `value` as JSON text: indented by two spaces, or compact.
pub(crate) fn to_text<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let mut out = Vec::new();
    let written = if pretty {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            Numbers(PrettyFormatter::with_indent(b"  ")),
        );
        value.serialize(&mut ser)
    } else {
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Numbers(CompactFormatter));
        value.serialize(&mut ser)
    };
    // Writing to memory fails only for a map key that is not a string, which no type here has.
    match written {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

// ---- Reading -----------------------------------------------------------------------------------

/// One step of a path into the data.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    At(usize),
}

fn path_text(prefix: &str, path: &[Seg]) -> String {
    let mut out = prefix.to_string();
    for seg in path {
        out = match seg {
            Seg::Key(k) => join(&out, k),
            Seg::At(n) => format!("{out}[{n}]"),
        };
    }
    out
}

fn value_at<'v>(v: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::At(n) => v.get(*n),
    })
}

fn parent_at<'v>(v: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::At(n) => v.get_mut(*n),
    })
}

/// The JSON of each record's defaults, which also name the fields a record knows.
struct Defaults {
    scenario: Map<String, Value>,
    simulation: Map<String, Value>,
    portfolio: Map<String, Value>,
    criterion: Map<String, Value>,
    initiative: Map<String, Value>,
    tracking: Map<String, Value>,
    goal: Map<String, Value>,
    kpi: Map<String, Value>,
    serves: Map<String, Value>,
    decision: Map<String, Value>,
    baseline: Map<String, Value>,
}

/// The initiative's lists that version 5 added, written only when they hold something.
const INITIATIVE_LISTS: [&str; 4] = ["serves", "decisions", "baselines", "actuals"];

fn object_of<T: Serialize>(t: &T) -> Map<String, Value> {
    match serde_json::to_value(t) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

impl Defaults {
    fn new() -> Self {
        let mut initiative = object_of(&Initiative::default());
        // Written only when there are some, but a field the initiative knows.
        initiative.insert("sources".into(), Value::Object(Map::new()));
        for k in INITIATIVE_LISTS {
            initiative.insert(k.into(), Value::Array(Vec::new()));
        }
        // Written only when not empty: the dashboard's notes.
        initiative.insert("status_note".into(), Value::String(String::new()));
        let mut goal = object_of(&Goal::default());
        goal.insert("note".into(), Value::String(String::new()));
        let mut scenario = object_of(&Scenario::default());
        scenario.insert("goals".into(), Value::Array(Vec::new()));
        scenario.insert("fit_from_goals".into(), Value::Bool(false));
        scenario.insert("correlations".into(), Value::Array(Vec::new()));
        scenario.insert("risk_tolerance".into(), Value::Array(Vec::new()));
        Defaults {
            scenario,
            simulation: object_of(&SimSettings::default()),
            portfolio: object_of(&Portfolio::default()),
            criterion: object_of(&Criterion::new("", "", Direction::HigherIsBetter)),
            initiative,
            tracking: object_of(&Tracking::default()),
            goal,
            kpi: object_of(&Kpi::default()),
            serves: object_of(&Serves::default()),
            decision: object_of(&Decision::default()),
            baseline: object_of(&Baseline::default()),
        }
    }
}

/// A blank benefit of the kind named in `benefit` (None when it names none), as JSON, and the
/// fields that kind knows (its optional hourly rate included).
pub(crate) fn benefit_template(benefit: &Value) -> Option<(Map<String, Value>, Vec<String>)> {
    let mut kind = benefit
        .get("kind")
        .and_then(Value::as_str)
        .and_then(BenefitKind::blank)?;
    let mut blank = object_of(&Benefit {
        label: String::new(),
        kind: kind.clone(),
        unknown: UnknownFields::default(),
        sources: Default::default(),
    });
    // Written only when there are some, but a field every benefit knows.
    blank.insert("sources".into(), Value::Object(Map::new()));
    if let Some(rate) = kind.hourly_rate_mut() {
        *rate = Some(Default::default());
    }
    let known = object_of(&Benefit {
        label: String::new(),
        kind,
        unknown: UnknownFields::default(),
        sources: Default::default(),
    })
    .into_iter()
    .map(|(k, _)| k)
    .chain(["sources".to_string()])
    .collect();
    Some((blank, known))
}

/// What replaces a field that cannot be read.
enum Fix {
    Set(Value),
    Remove,
    /// Leaves out the whole item of a list the field belongs to (a month of actuals, a KPI
    /// reading, whose month or value has no default: a zero would be a false reading): the item
    /// at the path's first `n` segments.
    RemoveItem(usize),
}

/// The fix of the field at `path`; `None` where the damage is structural.
fn fix_for(d: &Defaults, data: &Value, path: &[Seg]) -> Option<Fix> {
    use Seg::{At, Key};
    let set = |m: &Map<String, Value>, k: &str| m.get(k).cloned().map(Fix::Set);
    match path {
        [Key(k)] if k != "initiatives" && k != "criteria" => set(&d.scenario, k),
        // A correlation that cannot be read is left out (an estimate it names that cannot be
        // read: that estimate).
        [Key(c), At(_), Key(i), At(_)] if c == "correlations" && i == "inputs" => Some(Fix::Remove),
        [Key(c), At(_), ..] if c == "correlations" => Some(Fix::RemoveItem(2)),
        // A tolerance point that cannot be read is left out (no default would be the user's).
        [Key(t), At(_), ..] if t == "risk_tolerance" => Some(Fix::RemoveItem(2)),
        [Key(s), Key(k)] if s == "simulation" => set(&d.simulation, k),
        [Key(s), Key(k)] if s == "portfolio" && k != "budgets" => set(&d.portfolio, k),
        // A year's budget that cannot be read: that budget is left out (no limit); a year that
        // is not an object of budgets: no budget that year.
        [Key(s), Key(b), At(_), Key(_)] if s == "portfolio" && b == "budgets" => Some(Fix::Remove),
        [Key(s), Key(b), At(_)] if s == "portfolio" && b == "budgets" => {
            Some(Fix::Set(Value::Object(Map::new())))
        }
        [Key(c), At(_), Key(k)] if c == "criteria" => set(&d.criterion, k),
        [Key(t), Key(k)] if t == "tracking" => set(&d.tracking, k),
        [Key(g), At(_), Key(k)] if g == "goals" && k != "kpis" => set(&d.goal, k),
        [Key(g), At(_), Key(k), At(_), Key(f)]
            if g == "goals" && k == "kpis" && f != "readings" =>
        {
            set(&d.kpi, f)
        }
        // A reading that cannot be read is left out: a gap, never a zero.
        [Key(g), At(_), Key(k), At(_), Key(r), At(_), ..]
            if g == "goals" && k == "kpis" && r == "readings" =>
        {
            Some(Fix::RemoveItem(6))
        }
        [Key(i), At(_), Key(l), At(_), Key(f), ..]
            if i == "initiatives" && INITIATIVE_LISTS.contains(&l.as_str()) =>
        {
            match (l.as_str(), f.as_str()) {
                ("serves", f) => set(&d.serves, f),
                ("decisions", f) => set(&d.decision, f),
                ("baselines", "benefits") => baseline_benefit_fix(data, path),
                ("baselines", f) => set(&d.baseline, f),
                // A measure that cannot be read: not measured that month.
                ("actuals", "measured") if path.len() == 6 => Some(Fix::Set(Value::Null)),
                // An amount that cannot be read: not recorded; a month that cannot be read: that
                // month is left out.
                ("actuals", "one_time" | "running" | "adoption_pct") => Some(Fix::Remove),
                ("actuals", _) => Some(Fix::RemoveItem(4)),
                _ => None,
            }
        }
        [Key(i), At(_), Key(k)] if i == "initiatives" && INITIATIVE_LISTS.contains(&k.as_str()) => {
            Some(Fix::Set(Value::Array(Vec::new())))
        }
        [Key(i), At(_), Key(k)] if i == "initiatives" && k != "benefits" => set(&d.initiative, k),
        [Key(i), At(_), Key(s), _]
            if i == "initiatives" && (s == "scores" || s == "depends_on") =>
        {
            Some(Fix::Remove)
        }
        [Key(i), At(_), Key(b), At(_), Key(k)] if i == "initiatives" && b == "benefits" => {
            if k == "kind" {
                return None;
            }
            let (blank, known) = benefit_template(value_at(data, &path[..4])?)?;
            match blank.get(k.as_str()) {
                Some(v) => Some(Fix::Set(v.clone())),
                // The optional hourly rate: none, so the scenario's default applies.
                None => known.contains(k).then_some(Fix::Remove),
            }
        }
        _ => None,
    }
}

/// The fix of a field of a benefit of a baseline (`initiatives[i].baselines[j].benefits[k].f`),
/// as for an initiative's own benefits.
fn baseline_benefit_fix(data: &Value, path: &[Seg]) -> Option<Fix> {
    let [_, _, _, _, _, Seg::At(_), Seg::Key(k)] = path else {
        return None;
    };
    if k == "kind" {
        return None;
    }
    let (blank, known) = benefit_template(value_at(data, &path[..6])?)?;
    match blank.get(k.as_str()) {
        Some(v) => Some(Fix::Set(v.clone())),
        None => known.contains(k).then_some(Fix::Remove),
    }
}

fn apply(data: &mut Value, path: &[Seg], fix: &Fix) {
    if let Fix::RemoveItem(n) = fix {
        return apply(data, &path[..(*n).min(path.len())], &Fix::Remove);
    }
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    let Some(parent) = parent_at(data, parent) else {
        return;
    };
    match (parent, last, fix) {
        (Value::Object(m), Seg::Key(k), Fix::Set(v)) => {
            m.insert(k.clone(), v.clone());
        }
        (Value::Object(m), Seg::Key(k), Fix::Remove) => {
            m.remove(k);
        }
        (Value::Array(a), Seg::At(n), Fix::Remove) if *n < a.len() => {
            a.remove(*n);
        }
        (Value::Array(a), Seg::At(n), Fix::Set(v)) if *n < a.len() => a[*n] = v.clone(),
        _ => {}
    }
}

/// `"a", "b" or "c"`.
fn one_of(names: &[&str]) -> String {
    let mut out = String::new();
    for (n, name) in names.iter().enumerate() {
        if n > 0 {
            out.push_str(if n + 1 == names.len() { " or " } else { ", " });
        }
        write_str(name, &mut out);
    }
    out
}

/// What serde expected, in the words of the README: "a number", "a list", `"week", "month" or
/// "year"`.
fn expected(serde_message: &str) -> String {
    if serde_message.starts_with("a number or an object") {
        return ESTIMATE.into();
    }
    let tail = serde_message
        .split_once(", expected ")
        .map_or(serde_message, |(_, t)| t);
    // An enumeration's names, each in backticks.
    let names: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
    if !names.is_empty() {
        return one_of(&names);
    }
    match tail {
        "f64" | "f32" => "a number".into(),
        "u32" | "u64" => "a whole number".into(),
        "a sequence" => "a list".into(),
        t if t == "a map" || t.starts_with("struct ") => "an object".into(),
        t => t.into(),
    }
}

/// The scenario, or the first field that does not read, located: its path and what is wrong
/// there.
fn deserialize(data: &Value) -> Result<Scenario, (Vec<Seg>, String)> {
    let err = match serde_path_to_error::deserialize::<_, Scenario>(data) {
        Ok(s) => return Ok(s),
        Err(e) => e,
    };
    let mut path: Vec<Seg> = err
        .path()
        .iter()
        .map(|s| match s {
            serde_path_to_error::Segment::Seq { index } => Seg::At(*index),
            serde_path_to_error::Segment::Map { key } => Seg::Key(key.clone()),
            serde_path_to_error::Segment::Enum { variant } => Seg::Key(variant.clone()),
            serde_path_to_error::Segment::Unknown => Seg::Key("?".into()),
        })
        .collect();
    let mut message = err.into_inner().to_string();
    // A benefit's kind and its fields are read together (serde's `flatten`), so its errors stop
    // at the benefit: find the field by reading each in a blank benefit of the same kind.
    if let [Seg::Key(i), Seg::At(_), Seg::Key(b), Seg::At(_)] = &path[..] {
        if i == "initiatives" && b == "benefits" && !message.starts_with("missing field") {
            let benefit = value_at(data, &path).cloned().unwrap_or(Value::Null);
            match (&benefit, benefit_template(&benefit)) {
                (Value::Object(_), None) => {
                    path.push(Seg::Key("kind".into()));
                    let kinds: Vec<String> =
                        BENEFIT_KINDS.iter().map(|k| format!("`{k}`")).collect();
                    message = format!("unknown kind, expected one of {}", kinds.join(", "));
                }
                (Value::Object(fields), Some((blank, known))) => {
                    for k in known.iter().filter(|k| *k != "kind") {
                        let Some(v) = fields.get(k.as_str()) else {
                            continue;
                        };
                        let mut probe = blank.clone();
                        probe.insert(k.clone(), v.clone());
                        if let Err(e) = serde_json::from_value::<Benefit>(Value::Object(probe)) {
                            path.push(Seg::Key(k.clone()));
                            message = e.to_string();
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        path.push(Seg::Key(field.to_string()));
        return Err((path, "missing".into()));
    }
    let found = value_at(data, &path).map_or("nothing".into(), describe);
    Err((
        path,
        format!("expected {}, found {found}", expected(&message)),
    ))
}

/// Reads a scenario's named form; error paths and notes start with `prefix` (`data` in a saved
/// file). Also returns what reading changed, for the user to hear: fields restored to their
/// defaults, ids given to initiatives or criteria that had none or shared one.
pub(crate) fn read(mut data: Value, prefix: &str) -> R<(Scenario, Vec<String>)> {
    if !data.is_object() {
        return fail(
            prefix,
            format!("expected a scenario object, found {}", describe(&data)),
        );
    }
    check_counts(&data, prefix)?;
    let d = Defaults::new();
    let mut notes = Vec::new();
    let mut repairs = 0;
    let mut scenario = loop {
        let (path, problem) = match deserialize(&data) {
            Ok(s) => break s,
            Err(p) => p,
        };
        let at = path_text(prefix, &path);
        let Some(fix) = fix_for(&d, &data, &path) else {
            return fail(&at, problem);
        };
        repairs += 1;
        if repairs > MAX_REPAIRS {
            return fail(
                "",
                format!(
                    "More than {MAX_REPAIRS} fields could not be read (the last: {at}: \
                     {problem}); this does not look like a Caseboard scenario"
                ),
            );
        }
        let what = if problem == "missing" {
            format!("{at} was missing")
        } else {
            format!("{at} could not be read ({problem})")
        };
        notes.push(match &fix {
            Fix::Set(v) => format!("{what}; it is now {}, its default.", to_text(v, false)),
            Fix::Remove => format!("{what}; it was left out."),
            Fix::RemoveItem(n) => format!(
                "{what}; {} was left out.",
                path_text(prefix, &path[..(*n).min(path.len())])
            ),
        });
        apply(&mut data, &path, &fix);
    };
    keep_unknown(&d, &data, &mut scenario);
    check_texts(&scenario, prefix)?;
    repair_ids(&mut scenario, &mut notes);
    Ok((scenario, notes))
}

/// Lists over their limits, refused before anything is read.
fn check_counts(data: &Value, prefix: &str) -> R<()> {
    let list = |v: Option<&Value>, path: String, kind: List| -> R<()> {
        let n = match v {
            Some(Value::Array(a)) => a.len(),
            Some(Value::Object(o)) => o.len(),
            _ => return Ok(()),
        };
        match limits::too_many(kind, n) {
            Some(m) => over(&path, m),
            None => Ok(()),
        }
    };
    list(
        data.get("criteria"),
        join(prefix, "criteria"),
        List::Criteria,
    )?;
    if let Some(p) = data.get("portfolio") {
        list(
            p.get("budgets"),
            join(&join(prefix, "portfolio"), "budgets"),
            List::Budgets,
        )?;
    }
    let initiatives = join(prefix, "initiatives");
    list(
        data.get("initiatives"),
        initiatives.clone(),
        List::Initiatives,
    )?;
    let items = |v: Option<&Value>| match v {
        Some(Value::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    let goals = join(prefix, "goals");
    list(data.get("goals"), goals.clone(), List::Goals)?;
    for (n, g) in items(data.get("goals")).iter().enumerate() {
        let at = join(&format!("{goals}[{n}]"), "kpis");
        list(g.get("kpis"), at.clone(), List::Kpis)?;
        for (m, k) in items(g.get("kpis")).iter().enumerate() {
            let here = join(&format!("{at}[{m}]"), "readings");
            list(k.get("readings"), here, List::Months)?;
        }
    }
    let correlations = join(prefix, "correlations");
    list(
        data.get("correlations"),
        correlations.clone(),
        List::Correlations,
    )?;
    list(
        data.get("risk_tolerance"),
        join(prefix, "risk_tolerance"),
        List::Tolerance,
    )?;
    for (n, c) in items(data.get("correlations")).iter().enumerate() {
        let at = join(&format!("{correlations}[{n}]"), "inputs");
        list(c.get("inputs"), at, List::Correlated)?;
    }
    let Some(Value::Array(all)) = data.get("initiatives") else {
        return Ok(());
    };
    for (n, i) in all.iter().enumerate() {
        let at = format!("{initiatives}[{n}]");
        list(i.get("serves"), join(&at, "serves"), List::Serves)?;
        list(i.get("decisions"), join(&at, "decisions"), List::Decisions)?;
        list(i.get("baselines"), join(&at, "baselines"), List::Baselines)?;
        list(i.get("actuals"), join(&at, "actuals"), List::Months)?;
        for (m, b) in items(i.get("baselines")).iter().enumerate() {
            let here = join(&format!("{}[{m}]", join(&at, "baselines")), "benefits");
            list(b.get("benefits"), here, List::Benefits)?;
        }
        for (m, a) in items(i.get("actuals")).iter().enumerate() {
            let here = join(&format!("{}[{m}]", join(&at, "actuals")), "measured");
            list(a.get("measured"), here, List::Benefits)?;
        }
        list(i.get("benefits"), join(&at, "benefits"), List::Benefits)?;
        list(
            i.get("depends_on"),
            join(&at, "depends_on"),
            List::DependsOn,
        )?;
        list(i.get("scores"), join(&at, "scores"), List::Criteria)?;
        list(i.get("sources"), join(&at, "sources"), List::Sources)?;
        if let Some(Value::Array(bs)) = i.get("benefits") {
            for (m, b) in bs.iter().enumerate() {
                let at = format!("{}[{m}]", join(&at, "benefits"));
                list(b.get("sources"), join(&at, "sources"), List::Sources)?;
            }
        }
    }
    Ok(())
}

/// Texts over their limits.
fn check_texts(s: &Scenario, prefix: &str) -> R<()> {
    let text = |t: &str, path: &str, kind: Text| -> R<()> {
        match limits::too_long(kind, t) {
            Some(m) => over(path, m),
            None => Ok(()),
        }
    };
    text(&s.name, &join(prefix, "name"), Text::Name)?;
    text(&s.currency, &join(prefix, "currency"), Text::Currency)?;
    for (n, c) in s.criteria.iter().enumerate() {
        let at = format!("{}[{n}]", join(prefix, "criteria"));
        text(&c.id, &join(&at, "id"), Text::Id)?;
        text(&c.name, &join(&at, "name"), Text::Name)?;
    }
    for (n, i) in s.initiatives.iter().enumerate() {
        let at = format!("{}[{n}]", join(prefix, "initiatives"));
        text(&i.id, &join(&at, "id"), Text::Id)?;
        text(&i.name, &join(&at, "name"), Text::Name)?;
        text(&i.notes, &join(&at, "notes"), Text::Notes)?;
        text(&i.status_note, &join(&at, "status_note"), Text::Notes)?;
        text(&i.alternatives, &join(&at, "alternatives"), Text::Id)?;
        for k in i.scores.keys() {
            text(k, &join(&join(&at, "scores"), k), Text::Id)?;
        }
        for (m, dep) in i.depends_on.iter().enumerate() {
            text(dep, &format!("{}[{m}]", join(&at, "depends_on")), Text::Id)?;
        }
        let sources = |map: &crate::model::Sources, at: &str| -> R<()> {
            for (k, v) in map {
                let path = join(&join(at, "sources"), k);
                text(k, &path, Text::Id)?;
                text(v, &path, Text::Source)?;
            }
            Ok(())
        };
        sources(&i.sources, &at)?;
        for (m, b) in i.benefits.iter().enumerate() {
            let here = format!("{}[{m}]", join(&at, "benefits"));
            text(&b.label, &join(&here, "label"), Text::Name)?;
            sources(&b.sources, &here)?;
        }
        for (m, x) in i.serves.iter().enumerate() {
            let here = format!("{}[{m}]", join(&at, "serves"));
            text(&x.goal, &join(&here, "goal"), Text::Id)?;
            text(&x.kpi, &join(&here, "kpi"), Text::Id)?;
        }
        for (m, x) in i.decisions.iter().enumerate() {
            let here = format!("{}[{m}]", join(&at, "decisions"));
            text(&x.date, &join(&here, "date"), Text::Id)?;
            text(&x.by, &join(&here, "by"), Text::Name)?;
            text(&x.rationale, &join(&here, "rationale"), Text::Notes)?;
        }
        for (m, x) in i.baselines.iter().enumerate() {
            let here = format!("{}[{m}]", join(&at, "baselines"));
            text(&x.date, &join(&here, "date"), Text::Id)?;
            for (k, b) in x.benefits.iter().enumerate() {
                let b_at = format!("{}[{k}]", join(&here, "benefits"));
                text(&b.label, &join(&b_at, "label"), Text::Name)?;
                sources(&b.sources, &b_at)?;
            }
        }
    }
    text(
        &s.tracking.start,
        &join(&join(prefix, "tracking"), "start"),
        Text::Id,
    )?;
    for (n, c) in s.correlations.iter().enumerate() {
        let at = format!("{}[{n}]", join(prefix, "correlations"));
        text(&c.name, &join(&at, "name"), Text::Name)?;
        for (m, k) in c.inputs.iter().enumerate() {
            text(k, &format!("{}[{m}]", join(&at, "inputs")), Text::Key)?;
        }
    }
    for (n, g) in s.goals.iter().enumerate() {
        let at = format!("{}[{n}]", join(prefix, "goals"));
        text(&g.id, &join(&at, "id"), Text::Id)?;
        text(&g.name, &join(&at, "name"), Text::Name)?;
        text(&g.note, &join(&at, "note"), Text::Notes)?;
        for (m, k) in g.kpis.iter().enumerate() {
            let here = format!("{}[{m}]", join(&at, "kpis"));
            text(&k.id, &join(&here, "id"), Text::Id)?;
            text(&k.name, &join(&here, "name"), Text::Name)?;
            text(&k.unit, &join(&here, "unit"), Text::Id)?;
        }
    }
    Ok(())
}

/// The fields of `object` that `known` does not name, as JSON text.
fn unknown_of(object: Option<&Value>, known: impl Fn(&str) -> bool) -> UnknownFields {
    let mut out = UnknownFields::default();
    if let Some(Value::Object(m)) = object {
        for (k, v) in m {
            if !known(k) {
                out.0.insert(k.clone(), v.to_string());
            }
        }
    }
    out
}

/// Puts each record's unknown fields into its `unknown`. The lists of `data` and `s` match one
/// to one: repairs never add or remove a record.
fn keep_unknown(d: &Defaults, data: &Value, s: &mut Scenario) {
    s.unknown = unknown_of(Some(data), |k| d.scenario.contains_key(k));
    s.simulation.unknown = unknown_of(data.get("simulation"), |k| d.simulation.contains_key(k));
    s.portfolio.unknown = unknown_of(data.get("portfolio"), |k| d.portfolio.contains_key(k));
    for (n, c) in s.criteria.iter_mut().enumerate() {
        let v = data.get("criteria").and_then(|l| l.get(n));
        c.unknown = unknown_of(v, |k| d.criterion.contains_key(k));
    }
    for (n, i) in s.initiatives.iter_mut().enumerate() {
        let v = data.get("initiatives").and_then(|l| l.get(n));
        i.unknown = unknown_of(v, |k| d.initiative.contains_key(k));
        for (m, b) in i.benefits.iter_mut().enumerate() {
            let Some(v) = v.and_then(|i| i.get("benefits")).and_then(|l| l.get(m)) else {
                continue;
            };
            if let Some((_, known)) = benefit_template(v) {
                b.unknown = unknown_of(Some(v), |k| known.iter().any(|f| f == k));
            }
        }
    }
}

/// Duplicate or empty ids would hide cards and confuse dependencies and scores: each gets a new
/// one, and a note says so.
fn repair_ids(s: &mut Scenario, notes: &mut Vec<String>) {
    let renamed = unique_ids(s.criteria.iter_mut().map(|c| &mut c.id), "criterion");
    for (at, old, new) in &renamed {
        notes.push(id_note("criterion", &s.criteria[*at].name, old, new));
    }
    // A score given under a criterion's old id goes to each criterion that had it.
    for i in &mut s.initiatives {
        for (_, old, new) in &renamed {
            if let Some(v) = i.scores.get(old).copied() {
                i.scores.entry(new.clone()).or_insert(v);
            }
        }
    }
    // A dependency on a duplicated id stays with the first initiative that had it.
    for (at, old, new) in unique_ids(s.initiatives.iter_mut().map(|i| &mut i.id), "initiative") {
        notes.push(id_note("initiative", &s.initiatives[at].name, &old, &new));
    }
}

// ---- For the compact form of links ----------------------------------------------------------------

/// Equal JSON, numbers to the bit (so -0 differs from 0).
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x.is_f64() == y.is_f64() && x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
        }
        _ => a == b,
    }
}

/// A benefit's fields of `kind` in serde's order with their defaults (the optional hourly rate
/// `null`: absent); only the label and kind when `kind` names none.
pub(crate) fn benefit_order(kind: &str) -> super::link_c3::Schema {
    let Some(mut blank) = BenefitKind::blank(kind) else {
        return vec![
            ("label".into(), Value::from("")),
            ("kind".into(), Value::Null),
        ];
    };
    let optional = blank
        .hourly_rate_mut()
        .map(|r| *r = Some(Default::default()));
    let mut schema = super::link_c3::schema_of(&Benefit {
        label: String::new(),
        kind: blank,
        unknown: UnknownFields::default(),
        sources: Default::default(),
    });
    if optional.is_some() {
        for (k, d) in &mut schema {
            if k == "hourly_rate" {
                *d = Value::Null;
            }
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serdes_expectations_are_said_as_the_readme_says_them() {
        assert_eq!(
            expected("invalid type: string \"x\", expected f64"),
            "a number"
        );
        assert_eq!(
            expected("invalid value: integer `-1`, expected u32"),
            "a whole number"
        );
        assert_eq!(
            expected("unknown variant `x`, expected one of `week`, `month`, `year`"),
            "\"week\", \"month\" or \"year\""
        );
        assert_eq!(expected("invalid type: map, expected a sequence"), "a list");
        assert_eq!(
            expected("invalid type: integer `7`, expected struct Benefit"),
            "an object"
        );
    }

    #[test]
    fn numbers_are_written_as_before_whole_ones_without_a_fraction() {
        assert_eq!(
            to_text(&[10.0, -0.0, 0.1 + 0.2, 2.5e-8], false),
            "[10,-0,0.30000000000000004,0.000000025]"
        );
        assert_eq!(to_text(&[f64::NAN], false), "[null]");
    }
}
