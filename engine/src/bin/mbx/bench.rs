//! `mbx bench`: throughput of the indexed and the naive matcher on the same generated workload, and
//! whether they agreed on every message.

use messagebox_engine::matcher::{
    CompiledFilter, IndexedMatcher, Matcher, NaiveMatcher, RoutingProps, SubId,
};
use messagebox_engine::property::Collation;
use messagebox_engine::workload;
use std::time::Instant;

pub fn run(subscriptions: usize, messages: usize, seed: u64) -> Result<(), String> {
    if messages == 0 {
        return Err("--messages must be at least 1".into());
    }
    let w = workload::generate(subscriptions, messages, seed);
    let collation = Collation::default();
    let mut indexed = IndexedMatcher::new();
    let mut naive = NaiveMatcher::default();
    for (i, f) in w.filters.iter().enumerate() {
        let compiled =
            CompiledFilter::compile(f, &w.schema, collation).map_err(|e| e.to_string())?;
        indexed.insert(SubId(i as u64), &compiled);
        naive.insert(SubId(i as u64), &compiled);
    }
    let props: Vec<RoutingProps> = w
        .messages
        .iter()
        .map(|m| RoutingProps::new(m.iter().cloned(), collation))
        .collect();
    let indexed_rate = measure(&mut indexed, &props);
    let naive_rate = measure(&mut naive, &props);
    let agree = props.iter().all(|p| indexed.matches(p) == naive.matches(p));
    let line = serde_json::json!({
        "subscriptions": subscriptions,
        "messages": messages,
        "indexed_msgs_per_sec": indexed_rate.round(),
        "naive_msgs_per_sec": naive_rate.round(),
        "agree": agree,
    });
    println!("{line}");
    Ok(())
}

/// Messages per second over the whole set. The match count is kept so the work cannot be optimised away.
fn measure(matcher: &mut dyn Matcher, props: &[RoutingProps]) -> f64 {
    let mut out = Vec::new();
    let mut matched = 0usize;
    let start = Instant::now();
    for p in props {
        matcher.matches_into(p, &mut out);
        matched += out.len();
    }
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    std::hint::black_box(matched);
    props.len() as f64 / seconds
}
