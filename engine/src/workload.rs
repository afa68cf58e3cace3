//! A seeded, BizTalk-like matching workload for benchmarks and agreement tests.
//!
//! The schema has ten properties: a message type, a receive port, customer and order ids, region,
//! product, status, channel and two numbers. Each message promotes 6 to 10 of them (always the message
//! type and receive port). Filters have 1 to 3 AND-groups: about 70% are equality-only (the message type
//! plus 1 to 3 more equalities; most name a customer or an order, like the correlation and convoy
//! subscriptions that make up most of a busy MessageBox), 20% add a range predicate on a number, 10% use
//! `exists` or `!=` (one in a hundred of those with no equality at all, like `ErrorReport.ErrorType exists`,
//! but with an `exists` and a narrow amount band).

use crate::filter::{Filter, Op, Predicate};
use crate::property::{PropId, PropertyName, PropertySchema, Value, XsdType};
use rand_pcg::rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64;

/// (name, type, number of distinct values)
const PROPERTIES: &[(&str, XsdType, u64)] = &[
    ("W.MessageType", XsdType::String, 200),
    ("W.ReceivePort", XsdType::String, 50),
    ("W.CustID", XsdType::String, 100_000),
    ("W.OrderID", XsdType::String, 100_000),
    ("W.Region", XsdType::String, 200),
    ("W.Product", XsdType::String, 2_000),
    ("W.Status", XsdType::String, 8),
    ("W.Channel", XsdType::String, 12),
    ("W.Amount", XsdType::Int, 100_000),
    ("W.Quantity", XsdType::Int, 1_000),
];
const STRINGS: std::ops::Range<usize> = 0..8;
const NUMBERS: std::ops::Range<usize> = 8..10;

pub struct Workload {
    pub schema: PropertySchema,
    pub filters: Vec<Filter>,
    /// Each message's promoted (property, value) pairs.
    pub messages: Vec<Vec<(PropId, Value)>>,
}

struct Gen(Pcg64);

impl Gen {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n
    }

    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self) -> u64 {
        self.below(100)
    }

    fn value(&mut self, property: usize) -> String {
        let (_, xsd, distinct) = PROPERTIES[property];
        let n = self.below(distinct);
        match xsd {
            XsdType::String => format!("v{n}"),
            _ => n.to_string(),
        }
    }

    /// `count` distinct property indexes from `range`, none of them in `taken`.
    fn pick(&mut self, range: std::ops::Range<usize>, count: usize, taken: &[usize]) -> Vec<usize> {
        let mut pool: Vec<usize> = range.filter(|p| !taken.contains(p)).collect();
        let mut chosen = Vec::new();
        while chosen.len() < count && !pool.is_empty() {
            chosen.push(pool.swap_remove(self.below(pool.len() as u64) as usize));
        }
        chosen
    }
}

fn predicate(property: usize, op: Op, value: Option<String>) -> Predicate {
    Predicate {
        property: PropertyName::parse(PROPERTIES[property].0).expect("valid name"),
        op,
        value,
    }
}

pub fn generate(subscriptions: usize, messages: usize, seed: u64) -> Workload {
    let mut schema = PropertySchema::with_system_properties();
    let ids: Vec<PropId> = PROPERTIES
        .iter()
        .map(|(name, xsd, _)| {
            schema
                .declare(PropertyName::parse(name).unwrap(), *xsd)
                .unwrap()
        })
        .collect();
    let mut g = Gen(Pcg64::seed_from_u64(seed));
    let filters = (0..subscriptions)
        .map(|_| {
            let kind = g.percent();
            let groups = (0..g.between(1, 3)).map(|_| group(&mut g, kind)).collect();
            Filter { groups }
        })
        .collect();
    let messages = (0..messages)
        .map(|_| {
            let mut props = vec![0, 1];
            let extra = g.between(4, 8) as usize;
            props.extend(g.pick(2..PROPERTIES.len(), extra, &[]));
            props
                .into_iter()
                .map(|p| {
                    let text = g.value(p);
                    (ids[p], Value::parse(PROPERTIES[p].1, &text).unwrap())
                })
                .collect()
        })
        .collect();
    Workload {
        schema,
        filters,
        messages,
    }
}

fn group(g: &mut Gen, kind: u64) -> Vec<Predicate> {
    let eq = |g: &mut Gen, p: usize| predicate(p, Op::Eq, Some(g.value(p)));
    match kind {
        // Equality only: the message type and 1 to 3 more; most often a customer or an order id.
        0..=69 => {
            let mut preds = vec![eq(g, 0)];
            let mut taken = vec![0];
            if g.percent() < 60 {
                let id = 2 + g.below(2) as usize;
                preds.push(eq(g, id));
                taken.push(id);
            }
            let more = g.between(1, 3) as usize + 1 - taken.len();
            for p in g.pick(1..STRINGS.end, more, &taken) {
                preds.push(eq(g, p));
            }
            preds
        }
        // A range on a number, after the message type and one more equality.
        70..=89 => {
            let mut preds = vec![eq(g, 0)];
            let p = g.pick(1..STRINGS.end, 1, &[0])[0];
            preds.push(eq(g, p));
            let p = g.pick(NUMBERS, 1, &[])[0];
            let op = [Op::Lt, Op::Le, Op::Gt, Op::Ge][g.below(4) as usize];
            preds.push(predicate(p, op, Some(g.value(p))));
            preds
        }
        // exists and !=: with the message type, or rarely with no equality (matched by counting).
        _ => {
            let ne_property = g.pick(1..STRINGS.end, 1, &[])[0];
            let mut preds = vec![predicate(ne_property, Op::Ne, Some(g.value(ne_property)))];
            if kind < 99 || g.percent() < 90 {
                preds.push(eq(g, 0));
            } else {
                // No equality: a property that must exist and an amount band about 1% wide.
                let p = g.pick(2..STRINGS.end, 1, &[ne_property])[0];
                preds.push(predicate(p, Op::Exists, None));
                let low = g.below(PROPERTIES[8].2 - 1_000);
                preds.push(predicate(8, Op::Ge, Some(low.to_string())));
                preds.push(predicate(8, Op::Lt, Some((low + 1_000).to_string())));
            }
            preds
        }
    }
}
