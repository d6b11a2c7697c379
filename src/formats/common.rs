//! What the readers of saved files and links share: located errors, how a JSON value is said in
//! a message, and the repair of duplicate or empty ids.

use crate::model::limits;
use serde_json::Value;
use std::fmt::Write;

/// What is wrong and where: `path` like `initiatives[0].benefits[1].hours`, empty for the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub path: String,
    pub message: String,
    /// Refused for holding more than `model::limits` allows, not for being malformed.
    pub over_limit: bool,
}

pub(crate) type R<T> = Result<T, FieldError>;

pub(crate) fn fail<T>(path: &str, message: String) -> R<T> {
    Err(FieldError {
        path: path.to_string(),
        message,
        over_limit: false,
    })
}

/// [`fail`] for a list or text beyond its limit.
pub(crate) fn over<T>(path: &str, message: String) -> R<T> {
    Err(FieldError {
        path: path.to_string(),
        message,
        over_limit: true,
    })
}

/// The shortest text that reads back to the same bits: Rust's `Display` (decimal notation,
/// whole numbers without a fraction, `-0` with its sign; serde_json reads `-0` as -0.0).
/// Non-finite numbers, which no valid input holds, are written as `null`.
pub(crate) fn write_num(x: f64, out: &mut String) {
    if x.is_finite() {
        let _ = write!(out, "{x}");
    } else {
        out.push_str("null");
    }
}

pub(crate) fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A short description of a JSON value for messages: `the string "abc"`, `a list`, `null`.
pub(crate) fn describe(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_num(n.as_f64().unwrap_or(f64::NAN), &mut out),
        Value::String(s) if s.len() > 60 => out.push_str("a long string"),
        Value::String(s) => {
            out.push_str("the string ");
            write_str(s, &mut out);
        }
        Value::Array(_) => out.push_str("a list"),
        Value::Object(_) => out.push_str("an object"),
    }
    out
}

pub(crate) fn join(path: &str, name: &str) -> String {
    let mut out = path.to_string();
    if !path.is_empty() && !name.starts_with('[') {
        out.push('.');
    }
    out.push_str(name);
    out
}

pub(crate) fn index(path: &str, n: usize) -> String {
    format!("{path}[{n}]")
}

/// Makes `ids` non-empty and unique, in order: an empty one becomes `stem-N`, a repeated one
/// `id-2` (or `-3`, …). Returns (position, old id, new id) of each change.
pub(crate) fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a mut String>,
    stem: &str,
) -> Vec<(usize, String, String)> {
    let ids: Vec<&mut String> = ids.collect();
    let mut taken: std::collections::BTreeSet<String> = ids
        .iter()
        .filter(|id| !id.is_empty())
        .map(|id| id.to_string())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut changed = Vec::new();
    for (at, id) in ids.into_iter().enumerate() {
        if !id.is_empty() && seen.insert(id.clone()) {
            continue;
        }
        let base = if id.is_empty() {
            stem.to_string()
        } else {
            // Room for the suffix within the id limit.
            id.chars().take(limits::MAX_ID_CHARS - 8).collect()
        };
        let new = (if id.is_empty() { 1 } else { 2 }..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !taken.contains(c))
            .unwrap_or_default();
        taken.insert(new.clone());
        seen.insert(new.clone());
        changed.push((at, std::mem::replace(id, new.clone()), new));
    }
    changed
}

/// What a renamed id is said as: "The initiative “Backups” had no id; it now has “initiative-1”."
pub(crate) fn id_note(what: &str, name: &str, old: &str, new: &str) -> String {
    if old.is_empty() {
        format!("The {what} “{name}” had no id; it now has “{new}”.")
    } else {
        format!("The {what} “{name}” had the id “{old}” of an earlier {what}; it now has “{new}”.")
    }
}
