//! The JSON form of an explanation, shared by `mbx route --explain` and `mbx explain`. `added_by_engine`
//! marks a group or predicate BizTalk added to the subscriber's own filter.

use messagebox_engine::filter::Filter;
use messagebox_engine::messagebox::{GroupExplanation, Seen};
use messagebox_engine::property::PropertySchema;
use serde_json::{json, Value as Json};

pub fn groups(groups: &[GroupExplanation], schema: &PropertySchema) -> Json {
    groups
        .iter()
        .map(|g| {
            json!({
                "matched": g.matched,
                "added_by_engine": g.added_by_engine,
                "predicates": g.predicates.iter().map(|p| {
                    let (seen, value) = match &p.seen {
                        Seen::Promoted(v) => ("promoted", Some(v.to_string())),
                        Seen::WrittenNotPromoted(v) => ("written, not promoted", Some(v.to_string())),
                        Seen::Absent => ("absent", None),
                    };
                    json!({
                        "predicate": Filter { groups: vec![vec![p.predicate.clone()]] }.to_orchestration(schema),
                        "holds": p.holds,
                        "seen": seen,
                        "value": value,
                        "added_by_engine": p.added_by_engine,
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect()
}
