//! Field descriptors: for every field of every record (scenario settings, simulation settings,
//! criterion, initiative, each benefit kind) its key, label, unit, help, kind and bounds.
//!
//! The records themselves are declared with [`record!`](crate::record): one line per field gives
//! the member, its default and its descriptor, and the macro derives the rest — the struct
//! (with serde's derives, so the saved-file form follows), its `Default`, its descriptor list
//! and typed access by key ([`Record`]). The flat page↔worker form, validation, the editors, the
//! simulation's list of inputs, the tornado and value-of-information labels and the CSV all read
//! the descriptors, so a new input is one line in its record plus its use in a formula.

use super::estimate::Estimate;
use super::limits::Text;

/// What a field holds, as people read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An amount in the scenario's currency.
    Money,
    /// A percentage, 0–100.
    Percent,
    /// A count of people, events or things; may be fractional (0.1 events a year).
    Count,
    /// A rate per year (events, incidents).
    Rate,
    Hours,
    Minutes,
    Months,
    Years,
    /// A plain number (a weight, a seed).
    Number,
    Text(Text),
    /// One of a few named values, by their keys.
    Choice(&'static [&'static str]),
}

/// How a field's value is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A likely value with an optional 90% range.
    Estimate,
    /// An estimate that may be absent (the scenario's default is used).
    OptionalEstimate,
    /// A number without a range.
    Number,
    /// A number that may be absent (no limit, no milestone).
    OptionalNumber,
    /// A whole number.
    Whole,
    Text,
    Choice,
}

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// The JSON name, also the key of validation messages (`adoption_pct`).
    pub key: &'static str,
    /// The form's label ("Adoption").
    pub label: &'static str,
    /// The unit shown beside the input ("%", "per hour", "/yr"); empty for money and text.
    pub unit: &'static str,
    /// A line of help under the input; empty when none.
    pub help: &'static str,
    pub kind: Kind,
    pub shape: Shape,
    /// Bounds validation holds the value to (beyond [`super::validate::MAX_INPUT`]).
    pub min: f64,
    pub max: f64,
    /// What validation says when the value is above `max` (the kind's words when empty).
    pub above_max: &'static str,
    /// The word that names the input in a derivation ("adoption 80%"); empty for none (the
    /// unit says it: "200 h/month").
    pub term: &'static str,
}

impl Field {
    /// A field of `kind` labelled `label`, with the kind's usual bounds: 0–100 for a percentage,
    /// not negative for amounts, counts and durations, any finite number otherwise.
    pub const fn new(kind: Kind, label: &'static str, unit: &'static str) -> Field {
        let (min, max) = match kind {
            Kind::Percent => (0.0, 100.0),
            Kind::Number | Kind::Text(_) | Kind::Choice(_) => (f64::NEG_INFINITY, f64::INFINITY),
            _ => (0.0, f64::INFINITY),
        };
        Field {
            key: "",
            label,
            unit,
            help: "",
            kind,
            shape: Shape::Number,
            min,
            max,
            above_max: "",
            term: "",
        }
    }
    pub const fn money(label: &'static str) -> Field {
        Field::new(Kind::Money, label, "")
    }
    pub const fn percent(label: &'static str) -> Field {
        Field::new(Kind::Percent, label, "%")
    }
    pub const fn text(limit: Text, label: &'static str) -> Field {
        Field::new(Kind::Text(limit), label, "")
    }
    pub const fn choice(keys: &'static [&'static str], label: &'static str) -> Field {
        Field::new(Kind::Choice(keys), label, "")
    }
    /// The word naming the input in a derivation.
    pub const fn term(mut self, term: &'static str) -> Field {
        self.term = term;
        self
    }
    pub const fn help(mut self, help: &'static str) -> Field {
        self.help = help;
        self
    }
    pub const fn unit(mut self, unit: &'static str) -> Field {
        self.unit = unit;
        self
    }
    pub const fn min(mut self, min: f64) -> Field {
        self.min = min;
        self
    }
    /// At most `max`; `message` is what validation says above it.
    pub const fn at_most(mut self, max: f64, message: &'static str) -> Field {
        self.max = max;
        self.above_max = message;
        self
    }
    /// The descriptor as a record's member: `key` and the shape of its type (the macro's part).
    pub const fn of(mut self, key: &'static str, shape: Shape) -> Field {
        self.key = key;
        self.shape = shape;
        self
    }

    pub fn is_estimate(&self) -> bool {
        matches!(self.shape, Shape::Estimate | Shape::OptionalEstimate)
    }

    /// The label with its unit, as a column or chart reads it: "Adoption (%)".
    pub fn label_with_unit(&self) -> String {
        if self.unit.is_empty() {
            self.label.to_string()
        } else {
            format!("{} ({})", self.label, self.unit)
        }
    }
}

/// The derivation word of field `key` among `fields` (empty when there is none).
pub fn term_of(fields: &[Field], key: &str) -> &'static str {
    fields.iter().find(|f| f.key == key).map_or("", |f| f.term)
}

/// A field's value, whatever its shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Est(Estimate),
    OptEst(Option<Estimate>),
    Num(f64),
    OptNum(Option<f64>),
    Text(String),
    /// The position of the value among its kind's keys.
    Choice(usize),
}

/// A type a record's field can have.
pub trait FieldType: Sized {
    const SHAPE: Shape;
    fn to_val(&self) -> Val;
    /// `None` when `v` is not of this type's shape or out of its range.
    fn from_val(v: Val) -> Option<Self>;
    fn estimate(&self) -> Option<&Estimate> {
        None
    }
    fn estimate_mut(&mut self) -> Option<&mut Estimate> {
        None
    }
}

impl FieldType for Estimate {
    const SHAPE: Shape = Shape::Estimate;
    fn to_val(&self) -> Val {
        Val::Est(*self)
    }
    fn from_val(v: Val) -> Option<Self> {
        match v {
            Val::Est(e) | Val::OptEst(Some(e)) => Some(e),
            Val::Num(x) => Some(Estimate::point(x)),
            _ => None,
        }
    }
    fn estimate(&self) -> Option<&Estimate> {
        Some(self)
    }
    fn estimate_mut(&mut self) -> Option<&mut Estimate> {
        Some(self)
    }
}

impl FieldType for Option<Estimate> {
    const SHAPE: Shape = Shape::OptionalEstimate;
    fn to_val(&self) -> Val {
        Val::OptEst(*self)
    }
    fn from_val(v: Val) -> Option<Self> {
        match v {
            Val::OptEst(e) => Some(e),
            Val::Est(e) => Some(Some(e)),
            _ => None,
        }
    }
    fn estimate(&self) -> Option<&Estimate> {
        self.as_ref()
    }
    fn estimate_mut(&mut self) -> Option<&mut Estimate> {
        self.as_mut()
    }
}

impl FieldType for f64 {
    const SHAPE: Shape = Shape::Number;
    fn to_val(&self) -> Val {
        Val::Num(*self)
    }
    fn from_val(v: Val) -> Option<Self> {
        match v {
            Val::Num(x) => Some(x),
            Val::Est(e) => Some(e.likely),
            _ => None,
        }
    }
}

impl FieldType for Option<f64> {
    const SHAPE: Shape = Shape::OptionalNumber;
    fn to_val(&self) -> Val {
        Val::OptNum(*self)
    }
    fn from_val(v: Val) -> Option<Self> {
        match v {
            Val::OptNum(x) => Some(x),
            Val::Num(x) => Some(Some(x)),
            Val::Est(e) | Val::OptEst(Some(e)) => Some(Some(e.likely)),
            Val::OptEst(None) => Some(None),
            _ => None,
        }
    }
}

impl FieldType for u32 {
    const SHAPE: Shape = Shape::Whole;
    fn to_val(&self) -> Val {
        Val::Num(f64::from(*self))
    }
    fn from_val(v: Val) -> Option<Self> {
        let x = match v {
            Val::Num(x) => x,
            Val::Est(e) => e.likely,
            _ => return None,
        };
        (x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX)).then_some(x as u32)
    }
}

impl FieldType for String {
    const SHAPE: Shape = Shape::Text;
    fn to_val(&self) -> Val {
        Val::Text(self.clone())
    }
    fn from_val(v: Val) -> Option<Self> {
        match v {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// An enumeration a field can hold: its values in order, by key.
pub trait Choice: Sized + Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    const KEYS: &'static [&'static str];
    fn index(self) -> usize {
        Self::ALL.iter().position(|x| *x == self).unwrap_or(0)
    }
    fn key(self) -> &'static str {
        Self::KEYS[self.index()]
    }
    fn from_key(key: &str) -> Option<Self> {
        let k = Self::KEYS.iter().position(|x| *x == key)?;
        Self::ALL.get(k).copied()
    }
}

/// Implements [`FieldType`] for enumerations that are [`Choice`]s.
#[macro_export]
macro_rules! choice_field {
    ($($t:ty),*) => {$(
        impl $crate::model::schema::FieldType for $t {
            const SHAPE: $crate::model::schema::Shape = $crate::model::schema::Shape::Choice;
            fn to_val(&self) -> $crate::model::schema::Val {
                $crate::model::schema::Val::Choice($crate::model::schema::Choice::index(*self))
            }
            fn from_val(v: $crate::model::schema::Val) -> Option<Self> {
                match v {
                    $crate::model::schema::Val::Choice(k) => {
                        <$t as $crate::model::schema::Choice>::ALL.get(k).copied()
                    }
                    _ => None,
                }
            }
        }
    )*};
}

/// A record with described fields.
pub trait Record {
    /// Its described fields, in their order in every format.
    fn fields(&self) -> &'static [Field];
    /// The value of field `key`; `None` for a key it does not have.
    fn get(&self, key: &str) -> Option<Val>;
    /// Sets field `key`; false when it has no such field or `v` does not fit it.
    fn set(&mut self, key: &str, v: Val) -> bool;
    /// The estimate of field `key`, present.
    fn estimate(&self, key: &str) -> Option<&Estimate>;
    fn estimate_mut(&mut self, key: &str) -> Option<&mut Estimate>;
    /// Every present estimate with its descriptor, in field order.
    fn estimates(&self) -> Vec<(&'static Field, &Estimate)>
    where
        Self: Sized,
    {
        estimates(self)
    }
    /// The descriptor of field `key`.
    fn field(&self, key: &str) -> Option<&'static Field>
    where
        Self: Sized,
    {
        self.fields().iter().find(|f| f.key == key)
    }
}

/// Every present estimate of `r` with its descriptor, in field order (one copy for every
/// record).
pub fn estimates(r: &dyn Record) -> Vec<(&'static Field, &Estimate)> {
    r.fields()
        .iter()
        .filter_map(|f| Some((f, r.estimate(f.key)?)))
        .collect()
}

/// Declares a record: a struct whose described members each give their type, default and
/// descriptor on one line, followed (after `;;`) by members without a descriptor (lists,
/// maps). Derives serde, `Default`, `FIELDS` and [`Record`]. A record whose members may be left
/// out of a file says so with `#[serde(default)]` among its attributes.
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $default:expr => $desc:expr, )*
            ;;
            $( $(#[$rmeta:meta])* $rfield:ident : $rty:ty = $rdefault:expr, )*
        }
    ) => {
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            $( $(#[$rmeta])* pub $rfield: $rty, )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name {
                    $( $field: $default, )*
                    $( $rfield: $rdefault, )*
                }
            }
        }

        impl $name {
            /// The described fields, in their order in every format.
            pub const FIELDS: &'static [$crate::model::schema::Field] = &[
                $( $desc.of(
                    stringify!($field),
                    <$ty as $crate::model::schema::FieldType>::SHAPE,
                ), )*
            ];
        }

        impl $crate::model::schema::Record for $name {
            fn fields(&self) -> &'static [$crate::model::schema::Field] {
                Self::FIELDS
            }
            fn get(&self, key: &str) -> Option<$crate::model::schema::Val> {
                match key {
                    $( stringify!($field) => {
                        Some($crate::model::schema::FieldType::to_val(&self.$field))
                    } )*
                    _ => None,
                }
            }
            fn set(&mut self, key: &str, v: $crate::model::schema::Val) -> bool {
                match key {
                    $( stringify!($field) => {
                        match <$ty as $crate::model::schema::FieldType>::from_val(v) {
                            Some(x) => {
                                self.$field = x;
                                true
                            }
                            None => false,
                        }
                    } )*
                    _ => false,
                }
            }
            fn estimate(&self, key: &str) -> Option<&$crate::model::estimate::Estimate> {
                match key {
                    $( stringify!($field) => {
                        $crate::model::schema::FieldType::estimate(&self.$field)
                    } )*
                    _ => None,
                }
            }
            fn estimate_mut(
                &mut self,
                key: &str,
            ) -> Option<&mut $crate::model::estimate::Estimate> {
                match key {
                    $( stringify!($field) => {
                        $crate::model::schema::FieldType::estimate_mut(&mut self.$field)
                    } )*
                    _ => None,
                }
            }
        }
    };
}
