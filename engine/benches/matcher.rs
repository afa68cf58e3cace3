//! Matcher and publish throughput at 100, 1,000 and 10,000 subscriptions, on the seeded BizTalk-like
//! workload of `messagebox_engine::workload` (see the README for the figures on a 2-core machine).

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use messagebox_engine::matcher::SubId;
use messagebox_engine::matcher::{
    CompiledFilter, IndexedMatcher, Matcher, NaiveMatcher, RoutingProps,
};
use messagebox_engine::message::MessageDraft;
use messagebox_engine::messagebox::{
    AdminAction, MessageBox, Owner, Publisher, SendPortDef, ServiceDef,
};
use messagebox_engine::property::Collation;
use messagebox_engine::workload::{self, Workload};
use std::hint::black_box;

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const MESSAGES: usize = 1_000;

fn routing_props(w: &Workload) -> Vec<RoutingProps> {
    w.messages
        .iter()
        .map(|m| RoutingProps::new(m.iter().cloned(), Collation::default()))
        .collect()
}

fn filled<M: Matcher>(mut matcher: M, w: &Workload) -> M {
    for (i, f) in w.filters.iter().enumerate() {
        let compiled = CompiledFilter::compile(f, &w.schema, Collation::default()).unwrap();
        matcher.insert(SubId(i as u64), &compiled);
    }
    matcher
}

fn run_all(matcher: &mut dyn Matcher, props: &[RoutingProps], out: &mut Vec<SubId>) -> usize {
    props
        .iter()
        .map(|p| {
            matcher.matches_into(p, out);
            out.len()
        })
        .sum()
}

fn match_throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Elements(MESSAGES as u64));
    for subscriptions in SIZES {
        let w = workload::generate(subscriptions, MESSAGES, 7);
        let props = routing_props(&w);
        let mut out = Vec::new();
        let mut indexed = filled(IndexedMatcher::new(), &w);
        group.bench_with_input(
            BenchmarkId::new("indexed", subscriptions),
            &props,
            |b, props| b.iter(|| black_box(run_all(&mut indexed, props, &mut out))),
        );
        // The naive matcher is slow at 10,000: fewer samples keep the run short.
        group.sample_size(if subscriptions >= 10_000 { 10 } else { 50 });
        let mut naive = filled(NaiveMatcher::default(), &w);
        group.bench_with_input(
            BenchmarkId::new("naive", subscriptions),
            &props,
            |b, props| b.iter(|| black_box(run_all(&mut naive, props, &mut out))),
        );
        group.sample_size(100);
    }
    group.finish();
}

/// Publishing through a whole MessageBox: context to routing properties, matching, one reference per
/// subscriber, events. Each subscription is a started send port.
fn publish_throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("publish");
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.sample_size(20);
    for subscriptions in SIZES {
        let w = workload::generate(subscriptions, MESSAGES, 7);
        let mut mb = MessageBox::new(w.schema.clone(), Collation::default());
        for (i, filter) in w.filters.iter().enumerate() {
            let name = format!("SP{i}");
            mb.add_service(ServiceDef::SendPort(SendPortDef {
                name: name.clone(),
                host: "BizTalkServerApplication".into(),
                filter: filter.clone(),
                priority: 5,
            }))
            .unwrap();
            mb.administer(&Owner::SendPort(name), AdminAction::Start)
                .unwrap();
        }
        let drafts: Vec<MessageDraft> = w
            .messages
            .iter()
            .map(|m| {
                let mut d = MessageDraft::new("<Order/>");
                for (prop, value) in m {
                    let name = w.schema.def(*prop).name.to_string();
                    d.context.promote(&w.schema, &name, value.clone()).unwrap();
                }
                d
            })
            .collect();
        let publisher = Publisher::ReceivePort {
            port: "Bench-RP".into(),
            failed_message_routing: false,
            two_way: false,
        };
        group.bench_function(BenchmarkId::from_parameter(subscriptions), |b| {
            b.iter_batched(
                || (mb.clone(), drafts.clone()),
                |(mut mb, drafts)| {
                    for d in drafts {
                        black_box(mb.publish(d, &publisher).unwrap());
                    }
                    // Returned, so dropping the MessageBox happens outside the measurement.
                    mb
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, match_throughput, publish_throughput);
criterion_main!(benches);
