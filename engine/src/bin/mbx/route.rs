//! `mbx route`: which subscriptions each message matches, and why.

use super::input;
use messagebox_engine::filter::Filter;
use messagebox_engine::matcher::{CompiledFilter, IndexedMatcher, Matcher, RoutingProps, SubId};
use messagebox_engine::message::MessageDraft;
use messagebox_engine::messagebox::explain_filter;
use messagebox_engine::property::{Collation, PropertySchema};
use serde_json::{json, Map, Value as Json};
use std::path::Path;

struct Subscriber {
    name: String,
    filter: Filter,
    compiled: CompiledFilter,
}

pub fn run(schema: &Path, filters: &Path, messages: &Path, explain: bool) -> Result<(), String> {
    let schema = input::schema(schema)?;
    let collation = Collation::default();
    let subscribers = read_filters(filters, &schema, collation)?;
    let mut matcher = IndexedMatcher::new();
    for (i, s) in subscribers.iter().enumerate() {
        matcher.insert(SubId(i as u64), &s.compiled);
    }
    let text = input::read(messages)?;
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |reason: String| format!("{}:{}: {reason}", messages.display(), index + 1);
        let (id, draft) = read_message(line, &schema).map_err(at)?;
        let props = RoutingProps::new(
            draft
                .context
                .promoted()
                .filter_map(|(n, v)| Some((schema.id(&n.to_string())?, v.clone()))),
            collation,
        );
        let matched: Vec<&str> = matcher
            .matches(&props)
            .iter()
            .map(|SubId(i)| subscribers[*i as usize].name.as_str())
            .collect();
        let mut out = json!({ "id": id, "matched": matched });
        if explain {
            out["explain"] = subscribers
                .iter()
                .map(|s| explanation(s, &draft, &schema, collation))
                .collect();
        }
        println!("{out}");
    }
    Ok(())
}

/// One subscription a line: `name<TAB>filter`; a line starting with `#` is a comment (a `#` elsewhere is
/// data: message types contain one).
fn read_filters(
    path: &Path,
    schema: &PropertySchema,
    collation: Collation,
) -> Result<Vec<Subscriber>, String> {
    let text = input::read(path)?;
    let mut subscribers = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let at = |reason: String| format!("{}:{}: {reason}", path.display(), index + 1);
        let (name, expr) = line
            .split_once('\t')
            .ok_or_else(|| at("expected name<TAB>filter".into()))?;
        let filter =
            Filter::parse_orchestration(expr, schema).map_err(|e| at(format!("filter {e}")))?;
        let compiled =
            CompiledFilter::compile(&filter, schema, collation).map_err(|e| at(e.to_string()))?;
        subscribers.push(Subscriber {
            name: name.trim().to_string(),
            filter,
            compiled,
        });
    }
    Ok(subscribers)
}

fn read_message(line: &str, schema: &PropertySchema) -> Result<(Json, MessageDraft), String> {
    let json: Json = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let object = json.as_object().ok_or("expected a JSON object")?;
    let id = object
        .get("id")
        .cloned()
        .ok_or("the \"id\" field is missing")?;
    let mut draft = MessageDraft::default();
    for (field, promote) in [("promoted", true), ("written", false)] {
        let Some(values) = object.get(field) else {
            continue;
        };
        let values: &Map<String, Json> = values
            .as_object()
            .ok_or_else(|| format!("\"{field}\" must be an object"))?;
        for (name, value) in values {
            let text = match value {
                Json::String(s) => s.clone(),
                Json::Number(n) => n.to_string(),
                Json::Bool(b) => b.to_string(),
                Json::Null if !promote => continue,
                other => return Err(format!("{field}.{name}: unsupported value {other}")),
            };
            let result = if promote {
                draft.promote_text(schema, name, &text)
            } else {
                draft.write_text(schema, name, &text)
            };
            result.map_err(|e| format!("{field}.{e}"))?;
        }
    }
    Ok((id, draft))
}

fn explanation(
    s: &Subscriber,
    draft: &MessageDraft,
    schema: &PropertySchema,
    collation: Collation,
) -> Json {
    let groups = explain_filter(&s.filter, &s.compiled, &draft.context, schema, collation);
    json!({
        "subscription": s.name,
        "matched": groups.iter().any(|g| g.matched),
        "groups": super::explain_json::groups(&groups, schema),
    })
}
