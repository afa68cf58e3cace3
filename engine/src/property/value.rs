//! Typed property values. Comparisons follow the property's XSD type: numbers as numbers, dateTime as
//! instants (domain.md 1.7, "Evaluation semantics").

use super::datetime::{parse_instant, write_instant};
use compact_str::CompactString;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The longest promoted value. The docs say 255 in one place and 256 in another (domain.md 1.4); the
/// engine accepts up to 256 characters.
pub const PROMOTED_VALUE_CAP: usize = 256;

/// The XSD types a property may have. Only promotable types are listed (domain.md 1.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum XsdType {
    String,
    Int,
    UnsignedInt,
    Decimal,
    Boolean,
    DateTime,
}

impl XsdType {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text.trim().trim_start_matches("xs:") {
            "string" => Self::String,
            "int" => Self::Int,
            "unsignedInt" | "uint" => Self::UnsignedInt,
            "decimal" => Self::Decimal,
            "boolean" => Self::Boolean,
            "dateTime" => Self::DateTime,
            _ => return None,
        })
    }

    pub fn xsd_name(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Int => "int",
            Self::UnsignedInt => "unsignedInt",
            Self::Decimal => "decimal",
            Self::Boolean => "boolean",
            Self::DateTime => "dateTime",
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Int | Self::UnsignedInt | Self::Decimal)
    }
}

impl fmt::Display for XsdType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.xsd_name())
    }
}

/// How string values compare. SQL Server's usual collation is case-insensitive, but the docs do not
/// say (domain.md 1.7, [unverified]), so it is a setting and no demo outcome depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Collation {
    #[default]
    CaseInsensitive,
    CaseSensitive,
}

/// A typed value. Within one property every value has the property's type, so the derived order
/// (variant first) only ever compares like with like.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum Value {
    /// Inline up to 24 bytes, so comparing short values never leaves the matcher's tables.
    Str(CompactString),
    Int(i64),
    Decimal(Decimal),
    Bool(bool),
    /// Milliseconds since the Unix epoch, UTC.
    DateTime(i64),
}

/// Why a text could not become a value of a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Value {
    /// Reads a message's property value from its text form. Integers must be whole numbers in range.
    pub fn parse(xsd: XsdType, text: &str) -> Result<Self, ValueError> {
        Self::parse_with(xsd, text, false)
    }

    /// Reads a filter's value. As when BizTalk creates a subscription, a decimal given for an int
    /// property is rounded (9.5 becomes 10, domain.md 1.7); the rounding is half-to-even, like .NET's
    /// default [inferred].
    pub fn parse_filter_value(xsd: XsdType, text: &str) -> Result<Self, ValueError> {
        Self::parse_with(xsd, text, true)
    }

    fn parse_with(xsd: XsdType, text: &str, round_ints: bool) -> Result<Self, ValueError> {
        let bad = |what: &str| ValueError(format!("{text:?} is not {what}"));
        match xsd {
            XsdType::String => Ok(Value::Str(text.into())),
            XsdType::Int | XsdType::UnsignedInt => {
                let trimmed = text.trim();
                let whole = match trimmed.parse::<i64>() {
                    Ok(n) => n,
                    Err(_) if round_ints => Decimal::from_str(trimmed)
                        .ok()
                        .and_then(|d| {
                            d.round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven)
                                .to_i64()
                        })
                        .ok_or_else(|| bad("a number"))?,
                    Err(_) => return Err(bad("a whole number")),
                };
                let (lo, hi, name) = if xsd == XsdType::Int {
                    (
                        i32::MIN as i64,
                        i32::MAX as i64,
                        "an int (-2147483648..2147483647)",
                    )
                } else {
                    (0, u32::MAX as i64, "an unsignedInt (0..4294967295)")
                };
                if whole < lo || whole > hi {
                    return Err(bad(name));
                }
                Ok(Value::Int(whole))
            }
            XsdType::Decimal => Decimal::from_str(text.trim())
                .map(|d| Value::Decimal(d.normalize()))
                .map_err(|_| bad("a decimal")),
            XsdType::Boolean => match text.trim() {
                t if t.eq_ignore_ascii_case("true") || t == "1" => Ok(Value::Bool(true)),
                t if t.eq_ignore_ascii_case("false") || t == "0" => Ok(Value::Bool(false)),
                _ => Err(bad("a boolean (true or false)")),
            },
            XsdType::DateTime => parse_instant(text.trim())
                .map(Value::DateTime)
                .ok_or_else(|| bad("a dateTime (e.g. 2024-05-01T12:00:00Z)")),
        }
    }

    /// The value matching compares: strings folded to lower case under a case-insensitive collation.
    pub fn routing_key(&self, collation: Collation) -> Value {
        match (self, collation) {
            (Value::Str(s), Collation::CaseInsensitive) => Value::Str(s.to_lowercase()),
            _ => self.clone(),
        }
    }

    /// The XSD type this value belongs to (int and unsignedInt share one representation).
    pub fn fits(&self, xsd: XsdType) -> bool {
        matches!(
            (self, xsd),
            (Value::Str(_), XsdType::String)
                | (Value::Int(_), XsdType::Int | XsdType::UnsignedInt)
                | (Value::Decimal(_), XsdType::Decimal)
                | (Value::Bool(_), XsdType::Boolean)
                | (Value::DateTime(_), XsdType::DateTime)
        )
    }

    /// Length of the value's text, for the promoted-value cap.
    pub fn text_len(&self) -> usize {
        match self {
            // Every promote asks this: a string's length needs no copy.
            Value::Str(s) => s.chars().count(),
            other => other.to_string().chars().count(),
        }
    }
}

impl Value {
    pub fn string(text: impl Into<CompactString>) -> Value {
        Value::Str(text.into())
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(n) => write!(f, "{n}"),
            Value::Decimal(d) => write!(f, "{d}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::DateTime(ms) => write_instant(f, *ms),
        }
    }
}
