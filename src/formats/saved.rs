//! Saved files and drafts: one versioned envelope around the scenario,
//! `{"format": "caseboard", "version": 2, "data": {…scenario…}}`.
//!
//! Reading runs every migration from the file's version up to [`CURRENT_VERSION`] in order; a
//! file from a newer version is refused and nothing is changed. A bare scenario object (what
//! exports held before the envelope) reads as version 0, whose data is version 1's.
//!
//! Reading checks structure only: a scenario that parses but would not pass
//! [`validate`](crate::model::validate) still loads, so the app can show its problems beside the fields.
//! Errors name the field, e.g. `data.initiatives[2].benefits[0].hours: expected a number …`.

use super::form::{self, describe, Form, J};
use crate::model::limits;
use crate::model::scenario::Scenario;
use serde_json::Value;
use std::fmt;

/// The envelope's format name.
pub const FORMAT: &str = "caseboard";

/// One step of the chain: turns one version's `data` into the next version's.
type Migration = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[k]` turns version-`k` data into version `k + 1`; the last entry ends at
/// [`CURRENT_VERSION`].
///
/// A new version takes one function and one fixture: give the new `Scenario` fields their
/// defaults, append the migration here, and add `tests/fixtures/saved/v<n>-….json`. Every older
/// fixture must keep loading.
const MIGRATIONS: &[Migration] = &[v0_to_v1, v1_to_v2];

/// The version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// Version 2 adds the simulation settings (`simulation: {trials, seed}`); version 1 data has
/// none, and reads with the defaults (10,000 trials, seed 1).
fn v1_to_v2(data: Value) -> Result<Value, String> {
    Ok(data)
}

/// Version 0, the bare scenario object, holds the same data as version 1.
fn v0_to_v1(data: Value) -> Result<Value, String> {
    Ok(data)
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedError {
    /// Not JSON at all; `line` and `column` count from 1.
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but neither an envelope nor a scenario object.
    NotCaseboard,
    /// An envelope of some other format.
    WrongFormat { found: String },
    /// Saved by a newer Caseboard.
    Newer { version: u64 },
    /// A field is missing or has the wrong type; `path` is where, e.g. `data.initiatives[0].name`
    /// (empty for the whole document).
    Invalid { path: String, message: String },
    /// A migration step failed (`from` is the version it started from).
    Migration { from: u32, message: String },
    /// Larger than any scenario within the limits (`model::limits`); refused before it is
    /// parsed. The text says how large and the limit.
    TooBig(String),
}

impl fmt::Display for SavedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SavedError::NotJson {
                line,
                column,
                reason,
            } => write!(
                f,
                "This is not valid JSON (line {line}, column {column}: {reason})"
            ),
            SavedError::NotCaseboard => f.write_str(
                "This JSON is not a Caseboard scenario: expected {\"format\": \"caseboard\", \
                 \"version\": …, \"data\": …} or a scenario object",
            ),
            SavedError::WrongFormat { found } => {
                write!(f, "This file is in the format “{found}”, not “{FORMAT}”")
            }
            SavedError::Newer { version } => write!(
                f,
                "This was saved by a newer Caseboard (format version {version}); this version \
                 reads up to {CURRENT_VERSION} — nothing was changed"
            ),
            SavedError::Invalid { path, message } if path.is_empty() => f.write_str(message),
            SavedError::Invalid { path, message } => write!(f, "{path}: {message}"),
            SavedError::Migration { from, message } => write!(
                f,
                "Could not upgrade this file from format version {from}: {message}"
            ),
            SavedError::TooBig(m) => write!(f, "This file {m}"),
        }
    }
}

impl std::error::Error for SavedError {}

/// A scenario read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub scenario: Scenario,
    /// The version the file was saved in: 0 for a bare scenario without envelope.
    pub version: u32,
    /// What reading changed, for the user to hear (ids given to initiatives that had none or
    /// shared one).
    pub notes: Vec<String>,
}

/// The scenario in the current envelope, pretty-printed. (A non-finite number, which no valid
/// input holds, is written as null, and reading it back names that field.)
pub fn to_json(scenario: &Scenario) -> String {
    let envelope = J::obj(vec![
        ("format", J::Str(FORMAT.into())),
        ("version", J::Num(f64::from(CURRENT_VERSION))),
        ("data", form::write(scenario, Form::Named)),
    ]);
    envelope.text(true)
}

/// Reads an envelope (any version up to [`CURRENT_VERSION`]) or a bare scenario object.
pub fn from_json(text: &str) -> Result<Loaded, SavedError> {
    if let Some(m) = limits::too_big(text.len()) {
        return Err(SavedError::TooBig(m));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let reason = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        SavedError::NotJson {
            line: e.line(),
            column: e.column(),
            reason: reason.strip_suffix(&suffix).unwrap_or(&reason).to_string(),
        }
    })?;
    from_value(value)
}

/// [`from_json`] on parsed JSON.
pub fn from_value(value: Value) -> Result<Loaded, SavedError> {
    let Value::Object(mut top) = value else {
        return Err(SavedError::NotCaseboard);
    };
    let (version, data, prefix) = if let Some(format) = top.get("format") {
        match format {
            Value::String(s) if s == FORMAT => {}
            Value::String(s) => return Err(SavedError::WrongFormat { found: s.clone() }),
            other => {
                return Err(invalid(
                    "format",
                    format!("expected \"{FORMAT}\", found {}", describe(other)),
                ))
            }
        }
        let version = match top.get("version") {
            None => return Err(invalid("version", "missing".into())),
            Some(v) => match v.as_u64() {
                Some(n) if n > u64::from(CURRENT_VERSION) => {
                    return Err(SavedError::Newer { version: n })
                }
                Some(n) if n >= 1 => n as u32,
                _ => {
                    return Err(invalid(
                        "version",
                        format!("expected a whole number from 1, found {}", describe(v)),
                    ))
                }
            },
        };
        // Taken rather than removed: BTreeMap's removal code is wasm the app need not carry.
        let data = top
            .get_mut("data")
            .map(std::mem::take)
            .ok_or_else(|| invalid("data", "missing".into()))?;
        if !data.is_object() {
            return Err(invalid(
                "data",
                format!("expected a scenario object, found {}", describe(&data)),
            ));
        }
        (version, data, "data")
    } else {
        // A bare scenario must at least look like one: some other JSON file would otherwise
        // read as the default scenario.
        const FIELDS: [&str; 8] = [
            "name",
            "currency",
            "horizon_years",
            "discount_rate_pct",
            "default_hourly_rate",
            "hours_per_fte_year",
            "criteria",
            "initiatives",
        ];
        if !FIELDS.iter().any(|f| top.contains_key(*f)) {
            return Err(SavedError::NotCaseboard);
        }
        (0, Value::Object(top), "")
    };
    let data = run_migrations(data, version, MIGRATIONS)?;
    let (scenario, notes) =
        form::read(&data, Form::Named, prefix).map_err(|e| SavedError::Invalid {
            path: e.path,
            message: e.message,
        })?;
    Ok(Loaded {
        scenario,
        version,
        notes,
    })
}

/// Runs `steps[from..]` in order.
fn run_migrations(mut data: Value, from: u32, steps: &[Migration]) -> Result<Value, SavedError> {
    for (k, step) in steps.iter().enumerate().skip(from as usize) {
        data = step(data).map_err(|message| SavedError::Migration {
            from: k as u32,
            message,
        })?;
    }
    Ok(data)
}

fn invalid(path: &str, message: String) -> SavedError {
    SavedError::Invalid {
        path: path.into(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step_a(v: Value) -> Result<Value, String> {
        let mut v = v;
        v["log"].as_array_mut().unwrap().push("a".into());
        Ok(v)
    }
    fn step_b(v: Value) -> Result<Value, String> {
        let mut v = v;
        v["log"].as_array_mut().unwrap().push("b".into());
        Ok(v)
    }
    fn step_c(v: Value) -> Result<Value, String> {
        let mut v = v;
        v["log"].as_array_mut().unwrap().push("c".into());
        Ok(v)
    }
    fn failing(_: Value) -> Result<Value, String> {
        Err("no luck".into())
    }

    #[test]
    fn migrations_run_in_order_from_the_files_version() {
        let steps: &[Migration] = &[step_a, step_b, step_c];
        let start = || serde_json::json!({ "log": [] });
        assert_eq!(
            run_migrations(start(), 0, steps).unwrap()["log"],
            serde_json::json!(["a", "b", "c"])
        );
        assert_eq!(
            run_migrations(start(), 2, steps).unwrap()["log"],
            serde_json::json!(["c"])
        );
        assert_eq!(
            run_migrations(start(), 3, steps).unwrap()["log"],
            serde_json::json!([])
        );
        let steps: &[Migration] = &[step_a, failing, step_c];
        let err = run_migrations(start(), 0, steps).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Could not upgrade this file from format version 1: no luck"
        );
    }

    /// A new migration changes every link's prefix and every file's version: on purpose only,
    /// with a fixture of the old version added to tests/fixtures/saved.
    #[test]
    fn the_format_version_changes_only_on_purpose() {
        assert_eq!(CURRENT_VERSION, 2);
    }
}
