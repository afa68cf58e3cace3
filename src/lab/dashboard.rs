//! The load dashboard's model: for each group, over virtual time, the counters a BizTalk administrator
//! watches in Performance Monitor, folded from the events the world hands out.
//!
//! Its cost follows the events observed, never the history: each batch is folded once, no past event is
//! looked at again, and the live queue lengths are read from the world in O(hosts). Its size is bounded:
//! series are bucketed by virtual time, and when a series would need more than [`MAX_BUCKETS`] buckets,
//! neighbouring buckets are merged and the bucket width doubles. Latencies are kept per bucket as a small
//! histogram with logarithmic bins, not as samples; an order's start time is kept only while the order is
//! in flight.

use messagebox_engine::message::root_and_texts;
use messagebox_engine::messagebox::{Event, InstanceId, Owner};
use messagebox_engine::world::{Traced, World, WorldEvent};
use std::collections::{BTreeMap, BTreeSet};

/// The most buckets a series holds; past it, neighbouring buckets merge and the width doubles.
pub const MAX_BUCKETS: usize = 120;
/// The width of a bucket at the start of a run (virtual milliseconds).
pub const FIRST_WIDTH_MS: u64 = 100;
/// Latency histogram bins per doubling: a percentile read from it is within about 4.5% of the sample.
pub const BINS_PER_DOUBLING: f64 = 8.0;
/// Orders that never reach an order manager (a routing failure, say) are forgotten, oldest first, past
/// this many, so a long run with failures cannot grow the dashboard without end.
pub const MAX_PENDING_ORDERS: usize = 20_000;

/// An orchestration is an order manager (OrderManager, VipOrderManager, BroadbandOrderManager, ...) when
/// its name ends so.
pub fn is_order_manager(orchestration: &str) -> bool {
    orchestration.ends_with("OrderManager")
}

/// A count per bucket (documents published, delivered, ...), and the run's total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    buckets: Vec<u32>,
    total: u64,
}

impl Counts {
    fn add(&mut self, bucket: usize) {
        if self.buckets.len() <= bucket {
            self.buckets.resize(bucket + 1, 0);
        }
        self.buckets[bucket] += 1;
        self.total += 1;
    }

    fn halve(&mut self) {
        self.buckets = self.buckets.chunks(2).map(|c| c.iter().sum()).collect();
    }

    /// The count in a bucket (0 past the last one that saw anything).
    pub fn at(&self, bucket: usize) -> u32 {
        self.buckets.get(bucket).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The fullest bucket and its count.
    pub fn peak(&self) -> Option<(usize, u32)> {
        let (i, n) = self
            .buckets
            .iter()
            .enumerate()
            .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
        (*n > 0).then_some((i, *n))
    }
}

/// One bucket of a sampled level (a queue length): the last sample taken in it and the highest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Level {
    pub last: u32,
    pub peak: u32,
    /// False when no sample fell in the bucket: the level held what the bucket before ended with.
    pub sampled: bool,
}

/// A level sampled from the world's live state every time the dashboard observes events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gauge {
    buckets: Vec<Level>,
}

impl Gauge {
    fn sample(&mut self, bucket: usize, value: usize) {
        let value = u32::try_from(value).unwrap_or(u32::MAX);
        if self.buckets.len() <= bucket {
            self.buckets.resize(bucket + 1, Level::default());
        }
        let b = &mut self.buckets[bucket];
        b.peak = if b.sampled { b.peak.max(value) } else { value };
        b.last = value;
        b.sampled = true;
    }

    fn halve(&mut self) {
        self.buckets = self
            .buckets
            .chunks(2)
            .map(|c| match c {
                [a, b] if b.sampled && a.sampled => Level {
                    last: b.last,
                    peak: a.peak.max(b.peak),
                    sampled: true,
                },
                [_, b] if b.sampled => *b,
                [a, ..] => *a,
                [] => Level::default(),
            })
            .collect();
    }

    /// The level in each of `len` buckets: a bucket without a sample holds the previous bucket's last
    /// value (a queue keeps its length until something changes it).
    pub fn levels(&self, len: usize) -> Vec<Level> {
        let mut held = 0;
        (0..len)
            .map(|i| match self.buckets.get(i) {
                Some(l) if l.sampled => {
                    held = l.last;
                    *l
                }
                _ => Level {
                    last: held,
                    peak: held,
                    sampled: false,
                },
            })
            .collect()
    }

    /// The latest sample.
    pub fn now(&self) -> u32 {
        self.buckets
            .iter()
            .rev()
            .find(|l| l.sampled)
            .map_or(0, |l| l.last)
    }
}

/// Latencies that ended in one bucket, summarised: a histogram with logarithmic bins (sparse, sorted by
/// bin), the count, the sum and the largest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    bins: Vec<(u8, u32)>,
    pub count: u32,
    pub sum_ms: u64,
    pub max_ms: u64,
}

fn bin_of(ms: u64) -> u8 {
    let b = (BINS_PER_DOUBLING * ((ms as f64) + 1.0).log2()).floor();
    b.clamp(0.0, 255.0) as u8
}

/// The middle of a bin (geometric), in milliseconds.
fn bin_value(bin: u8) -> f64 {
    (2f64.powf((f64::from(bin) + 0.5) / BINS_PER_DOUBLING) - 1.0).max(0.0)
}

impl Histogram {
    fn record(&mut self, ms: u64) {
        let bin = bin_of(ms);
        match self.bins.binary_search_by_key(&bin, |(b, _)| *b) {
            Ok(i) => self.bins[i].1 += 1,
            Err(i) => self.bins.insert(i, (bin, 1)),
        }
        self.count += 1;
        self.sum_ms += ms;
        self.max_ms = self.max_ms.max(ms);
    }

    /// Adds another histogram's samples to this one.
    pub fn merge(&mut self, other: &Histogram) {
        for (bin, n) in &other.bins {
            match self.bins.binary_search_by_key(bin, |(b, _)| *b) {
                Ok(i) => self.bins[i].1 += n,
                Err(i) => self.bins.insert(i, (*bin, *n)),
            }
        }
        self.count += other.count;
        self.sum_ms += other.sum_ms;
        self.max_ms = self.max_ms.max(other.max_ms);
    }

    /// The latency below which a fraction `p` (0..=1) of the samples fall, estimated from the bins
    /// (never more than the largest sample); `None` without samples.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let rank = ((p * f64::from(self.count)).ceil() as u32).clamp(1, self.count);
        let mut seen = 0;
        for (bin, n) in &self.bins {
            seen += n;
            if seen >= rank {
                return Some(bin_value(*bin).min(self.max_ms as f64));
            }
        }
        Some(self.max_ms as f64)
    }

    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum_ms as f64 / f64::from(self.count))
    }

    fn bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.bins.capacity() * std::mem::size_of::<(u8, u32)>()
    }
}

/// Order latencies per bucket (the bucket in which the order completed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Latencies {
    buckets: Vec<Histogram>,
}

impl Latencies {
    fn record(&mut self, bucket: usize, ms: u64) {
        if self.buckets.len() <= bucket {
            self.buckets.resize(bucket + 1, Histogram::default());
        }
        self.buckets[bucket].record(ms);
    }

    fn halve(&mut self) {
        self.buckets = self
            .buckets
            .chunks(2)
            .map(|c| {
                let mut h = c[0].clone();
                if let Some(b) = c.get(1) {
                    h.merge(b);
                }
                h
            })
            .collect();
    }

    pub fn at(&self, bucket: usize) -> Option<&Histogram> {
        self.buckets.get(bucket).filter(|h| h.count > 0)
    }

    /// Every latency of the run in one histogram.
    pub fn overall(&self) -> Histogram {
        let mut all = Histogram::default();
        for h in &self.buckets {
            all.merge(h);
        }
        all
    }

    pub fn count(&self) -> u64 {
        self.buckets.iter().map(|h| u64::from(h.count)).sum()
    }
}

/// One group's counters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupBoard {
    /// Messages that entered this group's MessageBox (`Published` events).
    pub published: Counts,
    /// Copies delivered, by subscriber (`Delivered` events).
    pub delivered: BTreeMap<Owner, Counts>,
    /// References waiting in the hosts' work queues (Ready to Run).
    pub ready: Gauge,
    /// Orchestration instances dehydrated (persisted while they wait).
    pub dehydrated: Gauge,
    /// Suspended messages (held, routing failures) plus suspended orchestration instances and
    /// transmissions.
    pub suspended: Gauge,
    /// Routing failures (`RoutingFailed` events).
    pub routing_failures: Counts,
    /// Transmissions that failed and were scheduled for another try (`TransmitFailed` with a retry).
    pub retries: Counts,
    /// Order latency, from the order's first receipt (in any group) to the completion of the order
    /// manager instance that handled it in this group.
    pub latency: Latencies,
    /// Messages sent over the WAN from this group, by the group they went to (`WireSent`).
    pub wan: BTreeMap<String, Counts>,
    /// Order managers that ended terminated rather than completed.
    pub orders_terminated: u64,
    /// Instances dehydrated now, and instances or transmissions suspended now: followed from their
    /// events, so they hold only work in flight.
    dehydrated_now: BTreeSet<InstanceId>,
    suspended_now: BTreeSet<InstanceId>,
}

impl GroupBoard {
    fn halve(&mut self) {
        self.published.halve();
        self.delivered.values_mut().for_each(Counts::halve);
        self.ready.halve();
        self.dehydrated.halve();
        self.suspended.halve();
        self.routing_failures.halve();
        self.retries.halve();
        self.latency.halve();
        self.wan.values_mut().for_each(Counts::halve);
    }

    /// Documents delivered to all subscribers.
    pub fn delivered_total(&self) -> u64 {
        self.delivered.values().map(Counts::total).sum()
    }

    fn bytes(&self) -> usize {
        let counts = |c: &Counts| std::mem::size_of::<Counts>() + c.buckets.capacity() * 4;
        let gauge = |g: &Gauge| g.buckets.capacity() * std::mem::size_of::<Level>();
        std::mem::size_of::<Self>()
            + counts(&self.published)
            + self
                .delivered
                .iter()
                .map(|(o, c)| o.name().len() + 48 + counts(c))
                .sum::<usize>()
            + gauge(&self.ready)
            + gauge(&self.dehydrated)
            + gauge(&self.suspended)
            + counts(&self.routing_failures)
            + counts(&self.retries)
            + self
                .latency
                .buckets
                .iter()
                .map(Histogram::bytes)
                .sum::<usize>()
            + self
                .wan
                .iter()
                .map(|(to, c)| to.len() + 48 + counts(c))
                .sum::<usize>()
            + (self.dehydrated_now.len() + self.suspended_now.len()) * 16
    }
}

/// The load dashboard: per group, counters over virtual time in buckets of equal width.
#[derive(Clone, Debug, Default)]
pub struct Dashboard {
    /// The bucket width in virtual milliseconds (0 before the first event).
    width_ms: u64,
    /// How many buckets the run covers so far (the latest event's bucket + 1).
    len: usize,
    pub groups: BTreeMap<String, GroupBoard>,
    /// Orders received and not yet finished: the order's key (a hash of customer and order id) and when
    /// it was first received; `pending_by_time` orders them by that time to forget the oldest first.
    pending: BTreeMap<u64, u64>,
    pending_by_time: BTreeSet<(u64, u64)>,
    /// Order manager instances running, by group (a hash of its name) and instance: the key of the
    /// order they handle.
    managers: BTreeMap<(u64, InstanceId), u64>,
    /// Events observed so far.
    pub events: u64,
    /// The virtual time of the latest event observed.
    pub now_ms: u64,
}

impl Dashboard {
    /// The bucket width in virtual milliseconds.
    pub fn width_ms(&self) -> u64 {
        self.width_ms.max(FIRST_WIDTH_MS)
    }

    /// How many buckets the run covers (never more than [`MAX_BUCKETS`]).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Orders received that no order manager has finished yet.
    pub fn orders_in_flight(&self) -> usize {
        self.pending.len()
    }

    /// An estimate of the memory the dashboard holds, in bytes.
    pub fn bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self
                .groups
                .iter()
                .map(|(n, g)| n.len() + 48 + g.bytes())
                .sum::<usize>()
            // A B-tree entry costs its key and value plus about as much again in node overhead.
            + self.pending.len() * 2 * 2 * 16
            + self.managers.len() * 2 * 24
    }

    /// The bucket of a virtual time, merging neighbouring buckets (and doubling the width) until it
    /// fits within [`MAX_BUCKETS`].
    fn bucket(&mut self, at: u64) -> usize {
        if self.width_ms == 0 {
            self.width_ms = FIRST_WIDTH_MS;
        }
        while at / self.width_ms >= MAX_BUCKETS as u64 {
            self.width_ms *= 2;
            self.len = self.len.div_ceil(2);
            self.groups.values_mut().for_each(GroupBoard::halve);
        }
        let bucket = (at / self.width_ms) as usize;
        self.len = self.len.max(bucket + 1);
        bucket
    }

    /// Folds one batch of events the world handed out, in order; `world` is the state after them.
    pub fn observe(&mut self, world: &World, events: &[Traced]) {
        let Some(last) = events.last() else {
            return;
        };
        for t in events {
            self.fold(world, t);
        }
        // The levels, sampled from the live state after the batch: O(hosts) per group.
        let bucket = self.bucket(last.at);
        for (name, g) in &world.groups {
            let board = self.board(name);
            let queues = g.messagebox.queue_lengths();
            board.ready.sample(bucket, queues.ready);
            board.dehydrated.sample(bucket, board.dehydrated_now.len());
            board
                .suspended
                .sample(bucket, queues.suspended + board.suspended_now.len());
        }
    }

    fn board(&mut self, group: &str) -> &mut GroupBoard {
        if !self.groups.contains_key(group) {
            self.groups.insert(group.to_string(), GroupBoard::default());
        }
        self.groups.get_mut(group).expect("just inserted")
    }

    fn fold(&mut self, world: &World, t: &Traced) {
        self.events += 1;
        self.now_ms = self.now_ms.max(t.at);
        let bucket = self.bucket(t.at);
        let group = t.group.as_str();
        match &t.event {
            WorldEvent::MessageBox { event } => match event {
                Event::Published { .. } => self.board(group).published.add(bucket),
                Event::Delivered { owner, .. } => {
                    let board = self.board(group);
                    match board.delivered.get_mut(owner) {
                        Some(c) => c.add(bucket),
                        None => {
                            let mut c = Counts::default();
                            c.add(bucket);
                            board.delivered.insert(owner.clone(), c);
                        }
                    }
                }
                Event::RoutingFailed { .. } => self.board(group).routing_failures.add(bucket),
                Event::InstanceActivated {
                    instance,
                    owner: Owner::Orchestration(name),
                    message,
                } if is_order_manager(name) => {
                    if let Some(key) = order_key(world, group, *message) {
                        self.managers.insert((hash(&[group]), *instance), key);
                    }
                }
                _ => {}
            },
            WorldEvent::Received { message, .. } => {
                if let Some(key) = order_key(world, group, *message) {
                    self.start_order(key, t.at);
                }
            }
            WorldEvent::Dehydrated { instance } => {
                self.board(group).dehydrated_now.insert(*instance);
            }
            WorldEvent::Rehydrated { instance } => {
                self.board(group).dehydrated_now.remove(instance);
            }
            WorldEvent::InstanceSuspended { instance, .. } => {
                let board = self.board(group);
                board.dehydrated_now.remove(instance);
                board.suspended_now.insert(*instance);
            }
            WorldEvent::TransmissionSuspended { transmission, .. } => {
                self.board(group).suspended_now.insert(*transmission);
            }
            WorldEvent::InstanceResumed { instance } => {
                self.board(group).suspended_now.remove(instance);
            }
            WorldEvent::InstanceCompleted { instance, .. } => {
                self.end_instance(group, *instance);
                if let Some(key) = self.managers.remove(&(hash(&[group]), *instance)) {
                    if let Some(start) = self.finish_order(key) {
                        let ms = t.at.saturating_sub(start);
                        self.board(group).latency.record(bucket, ms);
                    }
                }
            }
            WorldEvent::InstanceTerminated { instance, .. } => {
                self.end_instance(group, *instance);
                if let Some(key) = self.managers.remove(&(hash(&[group]), *instance)) {
                    self.finish_order(key);
                    self.board(group).orders_terminated += 1;
                }
            }
            WorldEvent::TransmitFailed {
                retry_at: Some(_), ..
            } => self.board(group).retries.add(bucket),
            WorldEvent::WireSent { to, .. } if to.as_str() != group => {
                let board = self.board(group);
                match board.wan.get_mut(to.as_str()) {
                    Some(c) => c.add(bucket),
                    None => {
                        let mut c = Counts::default();
                        c.add(bucket);
                        board.wan.insert(to.clone(), c);
                    }
                }
            }
            _ => {}
        }
    }

    fn end_instance(&mut self, group: &str, instance: InstanceId) {
        let board = self.board(group);
        board.dehydrated_now.remove(&instance);
        board.suspended_now.remove(&instance);
    }

    /// An order's first receipt starts its clock; a later receipt of the same order (a copy, an update,
    /// the order arriving over the WAN in another group) does not restart it.
    fn start_order(&mut self, key: u64, at: u64) {
        if self.pending.contains_key(&key) {
            return;
        }
        while self.pending.len() >= MAX_PENDING_ORDERS {
            let Some((_, oldest)) = self.pending_by_time.pop_first() else {
                break;
            };
            self.pending.remove(&oldest);
        }
        self.pending_by_time.insert((at, key));
        self.pending.insert(key, at);
    }

    fn finish_order(&mut self, key: u64) -> Option<u64> {
        let start = self.pending.remove(&key)?;
        self.pending_by_time.remove(&(start, key));
        Some(start)
    }
}

/// An order's identity, customer and order id (domain.md 6.3), read from a message's body (the CSR
/// request and the order manager message both carry `CustID` and `OrderID`) and kept as a hash: 8 bytes
/// per order in flight rather than the strings.
fn order_key(
    world: &World,
    group: &str,
    message: messagebox_engine::message::MessageId,
) -> Option<u64> {
    let body = world.find_message(group, message)?.body();
    let (_, texts) = root_and_texts(body, &["CustID", "OrderID"])?;
    Some(hash(&[texts.get("CustID")?, texts.get("OrderID")?]))
}

/// FNV-1a over the parts, each followed by a separator byte: stable across runs and platforms.
fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}
