//! The routing debugger on binding files of 2,000 and 20,000 send ports (generated here, each with a
//! two-statement filter, one send port group per hundred ports): import and explain one context. Also
//! the worst case for the verdict: one send port group holding every port, every port matching. The
//! cost should grow linearly with the file (see the README for the figures on a 2-core machine).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use messagebox_engine::import::{debug_routing, DebugInputs};
use std::hint::black_box;

fn binding_file(ports: usize) -> String {
    let mut text = String::from("<BindingInfo><SendPortCollection>");
    for i in 0..ports {
        text.push_str(&format!(
            r#"<SendPort Name="SP-{i}" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>C:\out\{i}</Address><TransportType Name="FILE" /></PrimaryTransport><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-{}" /&gt;&lt;Statement Property="BTS.MessageType" Operator="0" Value="http://x#T{}" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>"#,
            i % 500,
            i % 37
        ));
    }
    text.push_str("</SendPortCollection><DistributionListCollection>");
    for g in 0..ports / 100 {
        text.push_str(&format!(r#"<DistributionList Name="G-{g}"><SendPorts>"#));
        for k in 0..10 {
            text.push_str(&format!(r#"<SendPortRef Name="SP-{}" />"#, g * 10 + k));
        }
        text.push_str("</SendPorts><Filter /></DistributionList>");
    }
    text.push_str("</DistributionListCollection></BindingInfo>");
    text
}

const CONTEXT: &str = r#"<MessageInfo><ContextInfo>
<Property Name="ReceivePortName" Namespace="http://schemas.microsoft.com/BizTalk/2003/system-properties" Value="RP-7" Promoted="true" />
<Property Name="MessageType" Namespace="http://schemas.microsoft.com/BizTalk/2003/system-properties" Value="http://x#T7" Promoted="true" />
</ContextInfo></MessageInfo>"#;

/// Imports and explains the file `make(ports)` builds, at 2,000 and 20,000 ports; `deliveries(ports)`
/// is how many copies the verdict must give.
fn bench_files(
    c: &mut Criterion,
    name: &str,
    make: fn(usize) -> String,
    deliveries: fn(usize) -> Option<usize>,
) {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    for ports in [2_000, 20_000] {
        let file = make(ports);
        group.throughput(Throughput::Elements(ports as u64));
        group.bench_with_input(BenchmarkId::new("ports", ports), &file, |b, file| {
            b.iter(|| {
                let d = debug_routing(&DebugInputs {
                    bindings: file,
                    context: CONTEXT,
                    ..Default::default()
                })
                .unwrap();
                if let Some(n) = deliveries(ports) {
                    assert_eq!(d.verdict.deliveries.len(), n);
                }
                black_box(d.verdict.copies().len())
            })
        });
    }
    group.finish();
}

fn explain(c: &mut Criterion) {
    bench_files(c, "explain", binding_file, |_| None);
}

/// Every port matches the context, and one group holds them all: every port gets two copies.
fn one_big_group(ports: usize) -> String {
    let filter = r#"<Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-7" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter>"#;
    let mut text = String::from("<BindingInfo><SendPortCollection>");
    for i in 0..ports {
        text.push_str(&format!(
            r#"<SendPort Name="SP-{i}" IsStatic="true" IsTwoWay="false">{filter}</SendPort>"#
        ));
    }
    text.push_str(r#"</SendPortCollection><DistributionListCollection><DistributionList Name="All"><SendPorts>"#);
    for i in 0..ports {
        text.push_str(&format!(r#"<SendPortRef Name="SP-{i}" />"#));
    }
    text.push_str(&format!(
        "</SendPorts>{filter}</DistributionList></DistributionListCollection></BindingInfo>"
    ));
    text
}

fn explain_one_big_group(c: &mut Criterion) {
    bench_files(c, "explain_one_big_group", one_big_group, |ports| {
        Some(2 * ports)
    });
}

criterion_group!(benches, explain, explain_one_big_group);
criterion_main!(benches);
