//! Filters compiled against a schema: property ids and typed routing keys, ready to evaluate.

use crate::filter::{Filter, FilterError, Op, Position};
use crate::property::{Collation, PropId, PropertySchema, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledPredicate {
    pub prop: PropId,
    pub op: Op,
    /// The typed value (a string folded per the collation); `None` for `exists`.
    pub key: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledFilter {
    pub groups: Vec<Vec<CompiledPredicate>>,
}

/// A message's promoted properties as matching sees them: routing keys sorted by property id, with a
/// direct slot table so a predicate finds its property without searching.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoutingProps {
    pairs: Vec<(PropId, Value)>,
    /// `slots[prop]` is the position in `pairs` plus one, or 0 when the property is absent.
    slots: Vec<u8>,
}

impl RoutingProps {
    /// Builds the set from (property, typed value) pairs; a later value for the same property wins.
    pub fn new(values: impl IntoIterator<Item = (PropId, Value)>, collation: Collation) -> Self {
        let mut pairs: Vec<(PropId, Value)> = Vec::new();
        for (prop, value) in values {
            let key = value.routing_key(collation);
            match pairs.binary_search_by_key(&prop, |(p, _)| *p) {
                Ok(i) => pairs[i].1 = key,
                Err(i) => pairs.insert(i, (prop, key)),
            }
        }
        let mut slots = vec![0u8; pairs.last().map_or(0, |(p, _)| p.0 as usize + 1)];
        // A message has far fewer than 255 promoted properties; past that, lookups fall back to search.
        for (i, (prop, _)) in pairs.iter().enumerate().take(u8::MAX as usize) {
            slots[prop.0 as usize] = i as u8 + 1;
        }
        Self { pairs, slots }
    }

    pub fn get(&self, prop: PropId) -> Option<&Value> {
        match self.slots.get(prop.0 as usize) {
            Some(0) | None if self.pairs.len() < u8::MAX as usize => None,
            Some(&slot) if slot != 0 => Some(&self.pairs[slot as usize - 1].1),
            _ => self
                .pairs
                .binary_search_by_key(&prop, |(p, _)| *p)
                .ok()
                .map(|i| &self.pairs[i].1),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &(PropId, Value)> {
        self.pairs.iter()
    }
}

impl CompiledPredicate {
    /// A predicate on an absent property is false, `!=` included (domain.md 1.7).
    pub fn holds(&self, props: &RoutingProps) -> bool {
        props.get(self.prop).is_some_and(|v| self.holds_for(v))
    }

    pub fn holds_for(&self, v: &Value) -> bool {
        let Some(c) = &self.key else {
            return true; // exists: present with any value
        };
        match self.op {
            Op::Eq => v == c,
            Op::Ne => v != c,
            Op::Lt => v < c,
            Op::Le => v <= c,
            Op::Gt => v > c,
            Op::Ge => v >= c,
            Op::Exists => true,
        }
    }
}

impl CompiledFilter {
    /// Compiles a filter: resolves properties, types and rounds values (domain.md 1.7), folds strings.
    pub fn compile(
        filter: &Filter,
        schema: &PropertySchema,
        collation: Collation,
    ) -> Result<Self, FilterError> {
        let mut groups = Vec::with_capacity(filter.groups.len());
        for (g, group) in filter.groups.iter().enumerate() {
            if group.is_empty() {
                return Err(FilterError::new(
                    Position::Whole,
                    format!("empty group: AND-group {} has no predicate", g + 1),
                ));
            }
            let mut compiled = Vec::with_capacity(group.len());
            for p in group {
                let name = p.property.to_string();
                let at = |reason: String| FilterError::new(Position::Whole, reason);
                let prop = schema.id(&name).ok_or_else(|| {
                    at(format!(
                        "unknown property {name}: no deployed property schema declares it"
                    ))
                })?;
                let xsd = schema.def(prop).xsd;
                let key = match (&p.value, p.op) {
                    (_, Op::Exists) => None,
                    (Some(text), _) => Some(
                        Value::parse_filter_value(xsd, text)
                            .map_err(|e| {
                                at(format!("value of the wrong type: {name} is {xsd}, and {e}"))
                            })?
                            .routing_key(collation),
                    ),
                    (None, op) => return Err(at(format!("{name} {op} needs a value"))),
                };
                compiled.push(CompiledPredicate {
                    prop,
                    op: p.op,
                    key,
                });
            }
            groups.push(compiled);
        }
        Ok(Self { groups })
    }

    /// True when any AND-group has all its predicates true.
    pub fn matches(&self, props: &RoutingProps) -> bool {
        self.groups
            .iter()
            .any(|group| group.iter().all(|p| p.holds(props)))
    }
}
