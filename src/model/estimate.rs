//! An estimated number: a likely value, optionally with a 90% range (low, high).
//!
//! In JSON an estimate without a range is a plain number (`200`); with a range it is an object
//! (`{"low": 150, "likely": 200, "high": 250}`). The deterministic engine uses `likely`; the
//! uncertainty engine samples the range.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub likely: f64,
    /// Lower bound of the 90% interval; `None` for a point estimate.
    pub low: Option<f64>,
    /// Upper bound of the 90% interval; `None` for a point estimate.
    pub high: Option<f64>,
}

impl Estimate {
    /// A point estimate with no range.
    pub const fn point(likely: f64) -> Self {
        Estimate {
            likely,
            low: None,
            high: None,
        }
    }

    /// An estimate with a 90% range.
    pub const fn range(low: f64, likely: f64, high: f64) -> Self {
        Estimate {
            likely,
            low: Some(low),
            high: Some(high),
        }
    }

    pub fn is_range(&self) -> bool {
        self.low.is_some() || self.high.is_some()
    }

    /// The value the deterministic engine uses.
    pub fn value(&self) -> f64 {
        self.likely
    }
}

impl Default for Estimate {
    fn default() -> Self {
        Estimate::point(0.0)
    }
}

impl From<f64> for Estimate {
    fn from(v: f64) -> Self {
        Estimate::point(v)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    low: Option<f64>,
    likely: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    high: Option<f64>,
}

#[derive(Deserialize)]
#[serde(untagged, expecting = "a number or an object {low, likely, high}")]
enum EstimateRepr {
    Point(f64),
    Range(RangeRepr),
}

impl Serialize for Estimate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_range() {
            RangeRepr {
                low: self.low,
                likely: self.likely,
                high: self.high,
            }
            .serialize(s)
        } else {
            s.serialize_f64(self.likely)
        }
    }
}

impl<'de> Deserialize<'de> for Estimate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match EstimateRepr::deserialize(d)? {
            EstimateRepr::Point(v) => Estimate::point(v),
            EstimateRepr::Range(r) => Estimate {
                likely: r.likely,
                low: r.low,
                high: r.high,
            },
        })
    }
}
