//! Share links: the whole scenario in the URL fragment.
//!
//! Fragment = `c` + link version + `.` + base64url (no padding) of zlib-deflate of the payload.
//!
//! * `c4.` (written now) and `c3.`: the scenario of saved-format version 3 or 2 (`c<n>.`: version
//!   `n − 1`) in the compact form of `link_c3.rs`, made from the named form (`named.rs`, the serde
//!   derives). A default left out (`null`) is that version's: a `c3.` link's benefits read with
//!   version 2's (100% adoption, …).
//!   It is read like a saved file — migrations, the limits, a field that cannot be read restored
//!   with a note, unknown fields kept — so a link carries a newer version's fields as a file does.
//! * `c1.` and `c2.` (format versions 1 and 2): the positional form, read by the frozen reader
//!   in `link_frozen.rs`; links already sent keep opening.
//!
//! The zlib wrapper's Adler-32 check turns most damage into an error instead of a silently
//! different scenario. Decoding never panics, bounds the inflated size
//! ([`MAX_INFLATED_BYTES`]) and checks the structure, naming what is wrong; it does not
//! [`validate`](crate::model::validate) the figures (the app shows those problems beside the fields).

use super::common::{describe, FieldError};
use super::saved::{self, Failure};
use super::{link_c3, link_frozen, named};
use crate::model::limits;
use crate::model::scenario::Scenario;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use std::fmt;

/// The letter before the version number.
pub const PREFIX: &str = "c";
/// The link version written: `c4.` now. From 3 on a link of version `n` holds a scenario of
/// saved-format version `n − 1`, so a new saved-format version gives links a new prefix.
pub const VERSION: u32 = saved::CURRENT_VERSION + 1;
/// The most a link may inflate to; more is refused (a deflate bomb would otherwise use memory).
/// As much as a saved file may hold: the largest scenario within the limits fits.
pub const MAX_INFLATED_BYTES: usize = limits::MAX_FILE_BYTES;
/// The longest fragment read.
pub const MAX_FRAGMENT_CHARS: usize = 2 << 20;
/// Deflate level, 0–10 (10 is miniz's slowest and smallest).
const LEVEL: u8 = 10;

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment is not a Caseboard share link at all.
    NotALink,
    /// It ends early, most likely cut off when it was copied.
    Incomplete,
    /// Made by a newer Caseboard.
    Newer { version: u64 },
    /// Changed or corrupted; the detail says what was found.
    Damaged(String),
    /// Holds more than Caseboard's limits allow (`model::limits`); the detail says which.
    OverLimit(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotALink => f.write_str("This link does not hold a Caseboard scenario"),
            LinkError::Incomplete => {
                f.write_str("This link is incomplete — it may have been cut off when it was copied")
            }
            LinkError::Newer { version } => write!(
                f,
                "This link was made by a newer Caseboard (format version {version}); this \
                 version reads up to {VERSION}"
            ),
            LinkError::Damaged(detail) => write!(f, "This link is damaged: {detail}"),
            LinkError::OverLimit(detail) => {
                write!(f, "This link is over Caseboard's limits: {detail}")
            }
        }
    }
}

impl std::error::Error for LinkError {}

fn damaged(detail: impl Into<String>) -> LinkError {
    LinkError::Damaged(detail.into())
}

/// The fragment (without `#`) that carries `scenario`.
pub fn encode(scenario: &Scenario) -> String {
    let packed =
        miniz_oxide::deflate::compress_to_vec_zlib(payload_json(scenario).as_bytes(), LEVEL);
    format!("{PREFIX}{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// A `c3.` link's payload as JSON text, before compression: the scenario in the compact form
/// of `link_c3.rs`.
pub fn payload_json(scenario: &Scenario) -> String {
    let data = serde_json::to_value(scenario).unwrap_or(Value::Null);
    named::to_text(&link_c3::compact(&data), false)
}

/// The positional form of `c1.`/`c2.` links as JSON text (frozen; the app no longer writes
/// these links, the tests build old and damaged ones from it).
pub fn form_json(scenario: &Scenario) -> String {
    link_frozen::write(scenario)
}

/// Reads a fragment made by [`encode`]. A leading `#` (or a whole URL) and whitespace that mail
/// programs insert when they wrap lines are ignored.
pub fn decode(fragment: &str) -> Result<Scenario, LinkError> {
    decode_noting(fragment).map(|(s, _)| s)
}

/// [`decode`], with what reading changed for the user to hear (ids given to initiatives that had
/// none or shared one).
pub fn decode_noting(fragment: &str) -> Result<(Scenario, Vec<String>), LinkError> {
    let fragment = fragment.rsplit_once('#').map_or(fragment, |(_, f)| f);
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(damaged("it is far longer than any Caseboard link"));
    }
    let text: String = fragment.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = text.strip_prefix(PREFIX).ok_or(LinkError::NotALink)?;
    let (version, body) = rest.split_once('.').ok_or(LinkError::NotALink)?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::NotALink);
    }
    let version = match version.parse::<u64>() {
        Ok(v) if (1..=u64::from(VERSION)).contains(&v) => v,
        Ok(v) if v > u64::from(VERSION) => return Err(LinkError::Newer { version: v }),
        Ok(_) => return Err(damaged("its version number is 0")),
        Err(_) => return Err(damaged("its version number is too large")),
    };
    if body.is_empty() {
        return Err(LinkError::Incomplete);
    }
    // Padding is not written, but some tools add it.
    let body = body.trim_end_matches('=');
    let packed = URL_SAFE_NO_PAD.decode(body).map_err(|e| match e {
        // A cut-off link most often ends in the middle of a base64 group.
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => {
            LinkError::Incomplete
        }
        base64::DecodeError::InvalidByte(..) | base64::DecodeError::InvalidPadding => {
            damaged("it contains characters that a Caseboard link never holds")
        }
    })?;
    let bytes = inflate(&packed)?;
    let value: Value = std::str::from_utf8(&bytes)
        .map_err(|_| damaged("its contents are not text"))
        .and_then(|t| {
            serde_json::from_str(t)
                .map_err(|e| damaged(format!("its contents are not readable ({e})")))
        })?;
    if version < 3 {
        return link_frozen::read(&value).map_err(located);
    }
    read_payload(value, version as u32 - 1)
}

/// A payload of a link from `c3.` on: the scenario of saved-format version `version`.
fn read_payload(value: Value, version: u32) -> Result<(Scenario, Vec<String>), LinkError> {
    let data = link_c3::expand(&value, version);
    if !data.is_object() {
        return Err(damaged(format!(
            "the scenario: expected a list, found {}",
            describe(&value)
        )));
    }
    let doc = serde_json::json!({ "format": saved::FORMAT, "version": version, "data": data });
    saved::read_document(doc, version, "").map_err(|e| match e {
        Failure::Field(e) => located(e),
        Failure::Migration { from, message } => damaged(format!(
            "it could not be upgraded from format version {from}: {message}"
        )),
    })
}

fn located(e: FieldError) -> LinkError {
    let place = if e.path.is_empty() {
        "the scenario"
    } else {
        &e.path
    };
    let detail = format!("{place}: {}", e.message);
    if e.over_limit {
        LinkError::OverLimit(detail)
    } else {
        LinkError::Damaged(detail)
    }
}

fn inflate(packed: &[u8]) -> Result<Vec<u8>, LinkError> {
    use miniz_oxide::inflate::TINFLStatus as S;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(packed, MAX_INFLATED_BYTES).map_err(
        |e| match e.status {
            S::FailedCannotMakeProgress | S::NeedsMoreInput => LinkError::Incomplete,
            S::HasMoreOutput => damaged(format!(
                "it unpacks to more than {} MB, more than any scenario within Caseboard's limits",
                MAX_INFLATED_BYTES >> 20
            )),
            S::Adler32Mismatch => damaged("its check sum does not match its contents"),
            _ => damaged("its compressed data is corrupt"),
        },
    )
}
