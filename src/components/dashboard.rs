//! The load dashboard: for the chosen group, over virtual time, the counters a BizTalk administrator
//! watches in Performance Monitor, as SVG charts drawn here (nothing loaded from outside). Every chart is
//! focusable with a spoken summary, and has its numbers in a table behind it for keyboard and
//! screen-reader users. The numbers come from `lab::dashboard`; this only draws them.

use super::group_picker::{group_picker, shown_group};
use super::lab_ref::LabProps;
use crate::lab::dashboard::{Counts, Dashboard, Gauge, GroupBoard, Level, BINS_PER_DOUBLING};
use std::collections::BTreeSet;
use web_sys::Element;
use yew::prelude::*;

/// Chart geometry, in SVG user units: the plot area inside the axes.
const W: f64 = 340.0;
const H: f64 = 150.0;
const LEFT: f64 = 42.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 26.0;
/// Lines drawn at most on one chart; the rest are summed as "others".
const MAX_LINES: usize = 6;

/// One line (or set of bars) of a chart.
struct Line {
    label: String,
    values: Vec<f64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Lines,
    Bars,
}

/// One chart: what the caller computed, ready to draw.
struct Chart {
    id: &'static str,
    title: String,
    /// The unit of the y axis, for the summary and the table ("documents/s").
    unit: &'static str,
    caption: Html,
    style: Style,
    lines: Vec<Line>,
    /// The table behind the chart: header and rows.
    table: (Vec<String>, Vec<Vec<String>>),
    /// Said when the chart is focused.
    summary: String,
    /// Shown instead of the plot when there is nothing to draw.
    empty: Option<String>,
    /// The time the x axis spans (virtual milliseconds).
    span_ms: u64,
}

#[component]
pub fn DashboardPanel(props: &LabProps) -> Html {
    let chosen = use_state(|| None::<String>);
    let full = use_state(|| false);
    let open = use_state(BTreeSet::<&'static str>::new);
    let lab = props.lab.lab.borrow();
    let name = shown_group(&lab, &chosen);
    let dash = &lab.session.dashboard;
    let toggle_full = {
        let full = full.clone();
        Callback::from(move |_: MouseEvent| full.set(!*full))
    };
    let onkeydown = {
        let full = full.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *full {
                full.set(false);
            }
        })
    };
    let board = dash.groups.get(&name).cloned().unwrap_or_default();
    let charts = if dash.is_empty() {
        Vec::new()
    } else {
        charts(dash, &board, &name)
    };
    let completed = board.latency.count();
    html! {
        <section class={classes!("dashboard", full.then_some("full"))} data-testid="dashboard"
                 aria-label="Load dashboard" {onkeydown}>
            <div class="dash-head">
                <h2>{ "Load dashboard" }</h2>
                <button data-testid="btn-dashboard-full" aria-pressed={full.to_string()} onclick={toggle_full}>
                    { if *full { "Back to the side panel" } else { "Open full width" } }
                </button>
            </div>
            { group_picker(&lab, &name, chosen.clone()) }
            <p class="hint">
                { "What a BizTalk administrator watches in Performance Monitor, over the run's virtual time. \
                   Each point is one interval; intervals widen as the run grows so the charts stay small." }
            </p>
            if dash.is_empty() {
                <p class="dash-empty" data-testid="dashboard-empty">
                    { "Nothing has happened yet. Submit orders in Compose and press Play (or step): the charts fill in as the run goes." }
                </p>
            } else {
                <dl class="dash-totals">
                    <div><dt>{ "Virtual time" }</dt><dd data-testid="dash-time">{ seconds(dash.now_ms) }</dd></div>
                    <div><dt>{ "Interval" }</dt><dd>{ seconds(dash.width_ms()) }</dd></div>
                    <div><dt>{ "Published" }</dt><dd data-testid="dash-total-published">{ board.published.total() }</dd></div>
                    <div><dt>{ "Delivered" }</dt><dd data-testid="dash-total-delivered">{ board.delivered_total() }</dd></div>
                    <div><dt>{ "Routing failures" }</dt><dd data-testid="dash-total-routing-failures">{ board.routing_failures.total() }</dd></div>
                    <div><dt>{ "Suspended now" }</dt><dd data-testid="dash-now-suspended">{ board.suspended.now() }</dd></div>
                    <div><dt>{ "Orders completed here" }</dt><dd data-testid="dash-orders-completed">{ completed }</dd></div>
                    <div><dt>{ "Orders in flight (all groups)" }</dt><dd data-testid="dash-orders-in-flight">{ dash.orders_in_flight() }</dd></div>
                </dl>
                <div class="dash-charts">
                    { for charts.into_iter().map(|c| render(c, &open)) }
                </div>
            }
        </section>
    }
}

/// The charts of one group.
fn charts(dash: &Dashboard, board: &GroupBoard, group: &str) -> Vec<Chart> {
    let len = dash.len();
    let per_s = 1000.0 / dash.width_ms() as f64;
    let rate = |c: &Counts| -> Vec<f64> { (0..len).map(|i| f64::from(c.at(i)) * per_s).collect() };
    let counts = |c: &Counts| -> Vec<f64> { (0..len).map(|i| f64::from(c.at(i))).collect() };
    let times = |i: usize| interval(dash, i);
    let mut out = Vec::new();

    // Published.
    let published = rate(&board.published);
    out.push(Chart {
        id: "published",
        title: "Documents published per second".into(),
        unit: "documents/s",
        caption: html! { <>
            { "Messages that entered this group's MessageBox: orders taken by a receive location, and every message an orchestration or send port published (acknowledgements, stage messages, replies). " }
            <span class="perfmon">{ "Performance Monitor: BizTalk:Message Agent › Message publishing outgoing rate." }</span>
        </> },
        style: Style::Lines,
        summary: rate_summary("Documents published per second", group, dash, &published, board.published.total(), "published"),
        table: (
            vec!["Interval".into(), "Published".into(), "Per second".into()],
            (0..len).map(|i| vec![times(i), board.published.at(i).to_string(), num(published[i])]).collect(),
        ),
        empty: (board.published.total() == 0).then(|| "No message has been published in this group yet.".into()),
        lines: vec![Line { label: "published".into(), values: published }],
        span_ms: 0,
    });

    // Delivered, by subscriber: the busiest lines, the rest summed.
    let mut subs: Vec<_> = board.delivered.iter().collect();
    subs.sort_by_key(|(o, c)| (std::cmp::Reverse(c.total()), o.to_string()));
    let mut lines: Vec<Line> = subs
        .iter()
        .take(MAX_LINES)
        .map(|(o, c)| Line {
            label: o.name().to_string(),
            values: rate(c),
        })
        .collect();
    if subs.len() > MAX_LINES {
        let mut others = vec![0.0; len];
        for (_, c) in &subs[MAX_LINES..] {
            for (i, v) in rate(c).into_iter().enumerate() {
                others[i] += v;
            }
        }
        lines.push(Line {
            label: format!("{} others", subs.len() - MAX_LINES),
            values: others,
        });
    }
    let busiest = subs
        .first()
        .map(|(o, c)| format!("; busiest {} with {}", o.name(), c.total()))
        .unwrap_or_default();
    out.push(Chart {
        id: "delivered",
        title: "Documents delivered per second, by subscriber".into(),
        unit: "documents/s",
        caption: html! { <>
            { "Copies the MessageBox handed to each subscriber (an orchestration or a send port) per second. One published message that matches three subscriptions is delivered three times. The table lists every subscriber. " }
            <span class="perfmon">{ "Performance Monitor: BizTalk:Message Agent › Message delivery outgoing rate (per host)." }</span>
        </> },
        style: Style::Lines,
        summary: format!(
            "Documents delivered per second in {group}, by subscriber: {} delivered to {} subscribers{busiest}.",
            board.delivered_total(),
            subs.len()
        ),
        table: (
            vec!["Subscriber".into(), "Delivered".into(), "Peak per second".into(), "Peak at".into()],
            subs.iter()
                .map(|(o, c)| {
                    let (at, peak) = c.peak().map_or((String::new(), 0.0), |(i, n)| (times(i), f64::from(n) * per_s));
                    vec![o.to_string(), c.total().to_string(), num(peak), at]
                })
                .collect(),
        ),
        empty: subs.is_empty().then(|| "No copy has been delivered in this group yet.".into()),
        lines,
        span_ms: 0,
    });

    // Host queues.
    let levels = |g: &Gauge| g.levels(len);
    let (ready, dehydrated, suspended) = (
        levels(&board.ready),
        levels(&board.dehydrated),
        levels(&board.suspended),
    );
    let peaks = |l: &[Level]| -> Vec<f64> { l.iter().map(|l| f64::from(l.peak)).collect() };
    let highest = |l: &[Level]| l.iter().map(|l| l.peak).max().unwrap_or(0);
    out.push(Chart {
        id: "queue",
        title: "Host queue length".into(),
        unit: "items",
        caption: html! { <>
            { "Work waiting in this group: messages ready to run in the hosts' work queues, orchestrations dehydrated (saved to the database while they wait for a message or a delay), and suspended items (messages and instances that need an administrator, as the Group Hub lists them). Each point is the highest level seen in its interval. " }
            <span class="perfmon">{ "Performance Monitor: BizTalk:Message Box:Host Counters › Host Queue - Length and Host Queue - Suspended Msgs - Length; XLANG/s Orchestrations › Orchestrations dehydrated." }</span>
        </> },
        style: Style::Lines,
        summary: format!(
            "Host queue length in {group}: ready to run peaked at {}, dehydrated at {}, suspended at {}; now {} ready, {} dehydrated, {} suspended.",
            highest(&ready), highest(&dehydrated), highest(&suspended),
            board.ready.now(), board.dehydrated.now(), board.suspended.now()
        ),
        table: (
            vec!["Interval".into(), "Ready to run".into(), "Dehydrated".into(), "Suspended".into()],
            (0..len)
                .map(|i| vec![times(i), ready[i].peak.to_string(), dehydrated[i].peak.to_string(), suspended[i].peak.to_string()])
                .collect(),
        ),
        empty: None,
        lines: vec![
            Line { label: "ready to run".into(), values: peaks(&ready) },
            Line { label: "dehydrated".into(), values: peaks(&dehydrated) },
            Line { label: "suspended".into(), values: peaks(&suspended) },
        ],
        span_ms: 0,
    });

    // Routing failures and retries: rare events, counted per interval.
    let failures = counts(&board.routing_failures);
    out.push(Chart {
        id: "failures",
        title: "Routing failures per interval".into(),
        unit: "failures",
        caption: html! { <>
            { "Messages that no subscription matched (\"Could not find a matching subscription\"). Each one leaves a routing failure report in the Group Hub and, unless failed-message routing takes it, a suspended message. " }
            <span class="perfmon">{ "Performance Monitor has no counter of its own for them: BizTalk:Messaging › Documents suspended counts the suspended ones, and the event log records each." }</span>
        </> },
        style: Style::Bars,
        summary: count_summary("Routing failures", group, dash, &board.routing_failures),
        table: count_table(dash, &board.routing_failures, "Routing failures"),
        empty: (board.routing_failures.total() == 0).then(|| "No routing failure in this group: every message found a subscriber.".into()),
        lines: vec![Line { label: "routing failures".into(), values: failures }],
        span_ms: 0,
    });
    let retries = counts(&board.retries);
    out.push(Chart {
        id: "retries",
        title: "Send retries per interval".into(),
        unit: "retries",
        caption: html! { <>
            { "A send port that could not reach its endpoint tries again after its retry interval, up to its retry count, then uses its backup transport or suspends the message. Each retry scheduled counts once. " }
            <span class="perfmon">{ "The Group Hub lists these ports under Work in Progress › Retrying and idle ports." }</span>
        </> },
        style: Style::Bars,
        summary: count_summary("Send retries", group, dash, &board.retries),
        table: count_table(dash, &board.retries, "Retries"),
        empty: (board.retries.total() == 0).then(|| "No send retry in this group: every endpoint answered the first time. Make an endpoint unavailable (Inspector) to see retries.".into()),
        lines: vec![Line { label: "retries".into(), values: retries }],
        span_ms: 0,
    });

    // Order latency.
    let pct = |p: f64| -> Vec<f64> {
        (0..len)
            .map(|i| {
                board
                    .latency
                    .at(i)
                    .and_then(|h| h.percentile(p))
                    .map_or(f64::NAN, |ms| ms / 1000.0)
            })
            .collect()
    };
    let all = board.latency.overall();
    let overall = |p: f64| {
        all.percentile(p)
            .map_or("–".to_string(), |ms| seconds_f(ms / 1000.0))
    };
    out.push(Chart {
        id: "latency",
        title: "Order latency, receive to completion (seconds)".into(),
        unit: "s",
        caption: html! { <>
            { "How long an order took, from the moment a receive location first took it (in any group) to the completion of the order manager orchestration (OrderManager, VipOrderManager, ...) that handled it in this group; an order is its customer and order id. p50: half of the orders that completed in the interval were faster; p95 and p99: all but the slowest 5% and 1%. " }
            { format!("Percentiles are read from a histogram with {BINS_PER_DOUBLING} steps per doubling, within about 5%. ") }
            <span class="perfmon">{ "Performance Monitor's BizTalk:Messaging Latency counters time single hops; the whole order is what BAM tracks." }</span>
        </> },
        style: Style::Lines,
        summary: format!(
            "Order latency in {group}: {} orders completed; p50 {}, p95 {}, p99 {}, slowest {}.",
            all.count, overall(0.5), overall(0.95), overall(0.99),
            if all.count > 0 { seconds(all.max_ms) } else { "–".into() }
        ),
        table: (
            vec!["Interval".into(), "Orders".into(), "p50".into(), "p95".into(), "p99".into()],
            (0..len)
                .filter_map(|i| {
                    let h = board.latency.at(i)?;
                    let p = |q: f64| h.percentile(q).map_or(String::new(), |ms| seconds_f(ms / 1000.0));
                    Some(vec![times(i), h.count.to_string(), p(0.5), p(0.95), p(0.99)])
                })
                .collect(),
        ),
        empty: (all.count == 0).then(|| "No order has completed in this group yet (in a split, the order managers may run in the other group).".into()),
        lines: vec![
            Line { label: "p50".into(), values: pct(0.5) },
            Line { label: "p95".into(), values: pct(0.95) },
            Line { label: "p99".into(), values: pct(0.99) },
        ],
        span_ms: 0,
    });

    // WAN links.
    let wan_lines: Vec<Line> = board
        .wan
        .iter()
        .map(|(to, c)| Line {
            label: format!("to {to}"),
            values: rate(c),
        })
        .collect();
    let wan_total: u64 = board.wan.values().map(|c| c.total()).sum();
    out.push(Chart {
        id: "wan",
        title: "Messages per second on each WAN link out of this group".into(),
        unit: "messages/s",
        caption: html! { <>
            { "In a split into groups, a send port in this group forwards messages over the WAN link to a receive location in another group (the bridge). Each line is one link, counted where the message left. For the other direction, pick the other group. " }
            <span class="perfmon">{ "Performance Monitor: the bridge send port's host, BizTalk:Messaging › Documents processed/Sec." }</span>
        </> },
        style: Style::Lines,
        summary: format!(
            "Messages on WAN links out of {group}: {}.",
            if board.wan.is_empty() { "none".to_string() } else {
                board.wan.iter().map(|(to, c)| format!("{} to {to}", c.total())).collect::<Vec<_>>().join(", ")
            }
        ),
        table: (
            std::iter::once("Interval".to_string()).chain(board.wan.keys().map(|to| format!("To {to}"))).collect(),
            (0..len)
                .filter(|_| !board.wan.is_empty())
                .map(|i| std::iter::once(times(i)).chain(board.wan.values().map(|c| c.at(i).to_string())).collect())
                .collect(),
        ),
        empty: (wan_total == 0).then(|| "No message left this group over a WAN link. The split scenario (two groups and a bridge) sends every cable order from Seattle to Dublin.".into()),
        lines: wan_lines,
        span_ms: 0,
    });
    for c in &mut out {
        c.span_ms = len as u64 * dash.width_ms();
    }
    out
}

/// Draws a chart with its caption, legend and table.
fn render(c: Chart, open: &UseStateHandle<BTreeSet<&'static str>>) -> Html {
    let id = c.id;
    let is_open = open.contains(id);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let el: Element = e.target_unchecked_into();
            let mut set = (*open).clone();
            if el.has_attribute("open") {
                set.insert(id);
            } else {
                set.remove(id);
            }
            if set != *open {
                open.set(set);
            }
        })
    };
    let title_id = format!("chart-{id}-title");
    html! {
        <figure class="chart" data-testid={format!("chart-{id}")} aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>{ c.title.clone() }</h3>
            if let Some(text) = &c.empty {
                <p class="chart-empty" tabindex="0" role="img" aria-label={c.summary.clone()}>{ text.clone() }</p>
            } else {
                { plot(&c) }
                <ul class="legend" aria-hidden="true">
                    { for c.lines.iter().enumerate().map(|(i, l)| html! {
                        <li><span class={classes!("swatch", format!("s{i}"))}></span>{ l.label.clone() }</li>
                    }) }
                </ul>
            }
            <figcaption>{ c.caption }</figcaption>
            <details data-testid={format!("chart-{id}-data")} open={is_open} {ontoggle}>
                <summary>{ format!("Data ({} rows)", c.table.1.len()) }</summary>
                if is_open {
                    <div class="table-scroll">
                        <table>
                            <caption class="visually-hidden">{ format!("{} ({})", c.title, c.unit) }</caption>
                            <thead><tr>{ for c.table.0.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                            <tbody>
                                { for c.table.1.iter().map(|row| html! {
                                    <tr>{ for row.iter().enumerate().map(|(i, v)| if i == 0 {
                                        html! { <th scope="row">{ v.clone() }</th> }
                                    } else {
                                        html! { <td>{ v.clone() }</td> }
                                    }) }</tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
            </details>
        </figure>
    }
}

/// The SVG plot: axes with labels, then a polyline (or bars) per line.
fn plot(c: &Chart) -> Html {
    let len = c
        .lines
        .iter()
        .map(|l| l.values.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let top = c
        .lines
        .iter()
        .flat_map(|l| l.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let ymax = nice(top);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |i: f64| LEFT + pw * i / len as f64;
    let y = |v: f64| TOP + ph * (1.0 - v / ymax);
    // Counts are whole: no half tick on a chart whose top is 1.
    let fractions: &[f64] = if c.style == Style::Bars && ymax < 2.0 {
        &[0.0, 1.0]
    } else {
        &[0.0, 0.5, 1.0]
    };
    let grid = fractions.iter().map(|f| {
        let v = ymax * f;
        html! { <g class="tick">
            <line x1={fmt(LEFT)} x2={fmt(W - RIGHT)} y1={fmt(y(v))} y2={fmt(y(v))} />
            <text x={fmt(LEFT - 4.0)} y={fmt(y(v) + 3.5)} text-anchor="end">{ num(v) }</text>
        </g> }
    });
    // Time ticks at round seconds, about four of them.
    let span_s = c.span_ms as f64 / 1000.0;
    let step = nice(span_s / 4.0);
    let xticks = (1..)
        .map(|k| f64::from(k) * step)
        .take_while(|t| *t < span_s * 0.93)
        .map(|t| {
            let tx = LEFT + pw * t / span_s;
            html! { <g class="xtick">
                <line x1={fmt(tx)} x2={fmt(tx)} y1={fmt(TOP + ph)} y2={fmt(TOP + ph + 3.0)} />
                <text x={fmt(tx)} y={fmt(TOP + ph + 11.0)} text-anchor="middle">{ format!("{} s", num(t)) }</text>
            </g> }
        });
    let series = c.lines.iter().enumerate().map(|(k, l)| match c.style {
        Style::Bars => {
            let bw = (pw / len as f64).max(1.0);
            html! { <g class={classes!("bars", format!("s{k}"))}>
                { for l.values.iter().enumerate().filter(|(_, v)| **v > 0.0).map(|(i, v)| html! {
                    <rect x={fmt(x(i as f64))} y={fmt(y(*v))} width={fmt((bw - 0.5).max(0.8))} height={fmt(TOP + ph - y(*v))} />
                }) }
            </g> }
        }
        Style::Lines => {
            // Points at the middle of their interval; a gap (no sample) breaks the line.
            let mut d = String::new();
            let mut pen_down = false;
            for (i, v) in l.values.iter().enumerate() {
                if v.is_finite() {
                    d.push_str(&format!("{}{},{} ", if pen_down { "L" } else { "M" }, fmt(x(i as f64 + 0.5)), fmt(y(*v))));
                    pen_down = true;
                } else {
                    pen_down = false;
                }
            }
            // A lone point shows as a dot.
            let dots = l.values.iter().enumerate().filter(|(i, v)| {
                v.is_finite()
                    && !l.values.get(i.wrapping_sub(1)).is_some_and(|p| p.is_finite())
                    && !l.values.get(i + 1).is_some_and(|n| n.is_finite())
            });
            html! { <g class={classes!("series", format!("s{k}"))}>
                <path d={d} />
                { for dots.map(|(i, v)| html! { <circle cx={fmt(x(i as f64 + 0.5))} cy={fmt(y(*v))} r="2" /> }) }
            </g> }
        }
    });
    html! {
        <svg class="plot" viewBox={format!("0 0 {W} {H}")} role="img" tabindex="0" aria-label={c.summary.clone()}
             focusable="true" preserveAspectRatio="xMidYMid meet">
            <title>{ c.summary.clone() }</title>
            { for grid }
            <line class="axis" x1={fmt(LEFT)} x2={fmt(LEFT)} y1={fmt(TOP)} y2={fmt(TOP + ph)} />
            <line class="axis" x1={fmt(LEFT)} x2={fmt(W - RIGHT)} y1={fmt(TOP + ph)} y2={fmt(TOP + ph)} />
            { for series }
            <text x={fmt(LEFT)} y={fmt(TOP + ph + 11.0)} text-anchor="middle">{ "0 s" }</text>
            { for xticks }
            <text class="unit" x={fmt(W - RIGHT)} y={fmt(H - 1.0)} text-anchor="end">{ format!("virtual time; y: {}", c.unit) }</text>
        </svg>
    }
}

/// "Documents published per second in SRV-SEA: peak 812 at t = 1.2 s; 1,234 in all."
fn rate_summary(
    what: &str,
    group: &str,
    dash: &Dashboard,
    values: &[f64],
    total: u64,
    verb: &str,
) -> String {
    let peak = values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)));
    match peak {
        Some((i, v)) if *v > 0.0 => format!(
            "{what} in {group}: peak {} at t = {}; {total} {verb} in all.",
            num(*v),
            seconds(i as u64 * dash.width_ms())
        ),
        _ => format!("{what} in {group}: none yet."),
    }
}

fn count_summary(what: &str, group: &str, dash: &Dashboard, c: &Counts) -> String {
    match c.peak() {
        Some((i, n)) => format!(
            "{what} in {group}: {} in all; most in one interval {n}, at t = {}.",
            c.total(),
            seconds(i as u64 * dash.width_ms())
        ),
        None => format!("{what} in {group}: none."),
    }
}

fn count_table(dash: &Dashboard, c: &Counts, what: &str) -> (Vec<String>, Vec<Vec<String>>) {
    (
        vec!["Interval".into(), what.into()],
        (0..dash.len())
            .filter(|i| c.at(*i) > 0)
            .map(|i| vec![interval(dash, i), c.at(i).to_string()])
            .collect(),
    )
}

/// "1.2–1.6 s"
fn interval(dash: &Dashboard, i: usize) -> String {
    let w = dash.width_ms();
    format!(
        "{}–{}",
        seconds_bare(i as u64 * w),
        seconds(
            ((i + 1) as u64 * w)
                .min(dash.now_ms.max(1))
                .max(i as u64 * w + 1)
        )
    )
}

fn seconds_bare(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else {
        format!("{:.1}", ms as f64 / 1000.0)
    }
}

fn seconds(ms: u64) -> String {
    if ms < 1000 && !ms.is_multiple_of(100) {
        format!("{:.2} s", ms as f64 / 1000.0)
    } else {
        format!("{} s", seconds_bare(ms))
    }
}

fn seconds_f(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.2} s")
    } else {
        format!("{s:.1} s")
    }
}

/// A number for a label: whole when large, one decimal when small.
fn num(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// A round axis maximum at or above `v`: 1, 2 or 5 times a power of ten.
fn nice(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|m| *m >= v)
        .unwrap_or(10.0 * p)
}
