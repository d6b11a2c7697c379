//! Saved files and drafts: one versioned envelope around the scenario,
//! `{"format": "caseboard", "version": 2, "data": {…scenario…}}`.
//!
//! Reading runs every step of [`migrations::MIGRATIONS`] from the file's version up to
//! [`CURRENT_VERSION`] in order; a file from a newer version is refused and nothing is changed.
//! A bare scenario object (what exports held before the envelope) reads as version 0.
//!
//! The scenario is read through the serde derives of the model types (`named.rs`): errors name
//! the field (`data.initiatives[2].benefits[0].hours: expected a number …`); a single field
//! that cannot be read is restored to its default with a note in [`Loaded::notes`] instead of
//! refusing the file; fields this version does not know are kept and written back.
//! A scenario that reads but would not pass [`validate`](crate::model::validate) still loads,
//! so the app can show its problems beside the fields.

use super::common::describe;
use super::migrations::{self, MIGRATIONS};
use super::named;
use crate::model::limits;
use crate::model::scenario::Scenario;
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// The envelope's format name.
pub const FORMAT: &str = "caseboard";

/// The version this build writes, and the newest it reads (the last step of
/// [`migrations::MIGRATIONS`]).
pub const CURRENT_VERSION: u32 = migrations::CURRENT_VERSION;

/// The most fields one file or link may have restored to their defaults.
pub use super::named::MAX_REPAIRS;

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
    /// What reading changed, for the user to hear: fields restored to their defaults, ids given
    /// to initiatives or criteria that had none or shared one.
    pub notes: Vec<String>,
}

/// The scenario in the current envelope, pretty-printed. (A non-finite number, which no valid
/// input holds, is written as null, and reading it back names that field.)
pub fn to_json(scenario: &Scenario) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        format: &'static str,
        version: u32,
        data: &'a Scenario,
    }
    named::to_text(
        &Envelope {
            format: FORMAT,
            version: CURRENT_VERSION,
            data: scenario,
        },
        true,
    )
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
    let Value::Object(top) = &value else {
        return Err(SavedError::NotCaseboard);
    };
    let version = if let Some(format) = top.get("format") {
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
        match top.get("data") {
            None => return Err(invalid("data", "missing".into())),
            Some(data) if !data.is_object() => {
                return Err(invalid(
                    "data",
                    format!("expected a scenario object, found {}", describe(data)),
                ))
            }
            Some(_) => {}
        }
        version
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
        0
    };
    // Paths in messages start at the scenario in a bare file, at `data` in an envelope.
    let prefix = if version == 0 { "" } else { "data" };
    let (scenario, notes) = read_document(value, version, prefix).map_err(|e| match e {
        Failure::Migration { from, message } => SavedError::Migration { from, message },
        Failure::Field(e) => SavedError::Invalid {
            path: e.path,
            message: e.message,
        },
    })?;
    Ok(Loaded {
        scenario,
        version,
        notes,
    })
}

/// Why a document (of a file or a `c3.` link) was not read.
pub(crate) enum Failure {
    Migration { from: u32, message: String },
    Field(super::common::FieldError),
}

/// Brings a document of `version` up to date and reads its scenario (see [`named::read`]).
pub(crate) fn read_document(
    doc: Value,
    version: u32,
    prefix: &str,
) -> Result<(Scenario, Vec<String>), Failure> {
    let mut doc = migrations::run(doc, version, MIGRATIONS).map_err(|(from, id, message)| {
        Failure::Migration {
            from,
            message: format!("{message} (step “{id}”)"),
        }
    })?;
    // Taken rather than removed: BTreeMap's removal code is wasm the worker need not carry.
    let data = doc
        .get_mut("data")
        .map(std::mem::take)
        .unwrap_or(Value::Null);
    named::read(data, prefix).map_err(Failure::Field)
}

fn invalid(path: &str, message: String) -> SavedError {
    SavedError::Invalid {
        path: path.into(),
        message,
    }
}
