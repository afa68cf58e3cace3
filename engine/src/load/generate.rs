//! The seeded order generator: families of CSR requests that take every path of domain.md 10.5, arriving
//! on a schedule with bursts, plus the administrator commands that hold and release broadband orders.

use super::order::{Order, Path, Role};
use crate::messagebox::{AdminAction, Owner};
use crate::scenario::ScriptItem;
use crate::world::Command;
use rand_pcg::rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64;

/// The first order arrives after the deployment commands at 0 have run (the split scenario's move).
pub const LOAD_START_MS: u64 = 1_000;
/// Between two arrivals outside a burst. About 24 requests in 33 are cable orders, and in the split
/// deployment every one of them crosses the bridge, an ordered send port that transmits one message per
/// `transmit_ms` (20 ms: 50 a second). One family every 30 ms (bursts included) keeps the bridge about
/// 70% busy; at 10 ms its queue would grow without end and updates would reach Dublin after their
/// originals completed, changing what they mean.
const SPACING_MS: u64 = 30;
/// One arrival in this many starts a burst: the next 1 to 4 families arrive in the same millisecond.
const BURST_ONE_IN: u64 = 20;
/// An update or duplicate follows its original while the first stage waits for the facilities reply
/// (about 500 ms, domain.md 10.5 M4/M5), so it reaches the running instance through its convoy.
const FOLLOW_UP_MS: (u64, u64) = (100, 400);
/// A terminate follows its original once the order has completed, as M8 follows M1.
const TERMINATE_AFTER_MS: (u64, u64) = (3_000, 5_000);
/// The broadband manager is stopped at the start of every window and started this far into it, so the
/// broadband orders of the window's first part are held and then released (M6); later ones go through.
const BROADBAND_WINDOW_MS: u64 = 10_000;
const BROADBAND_HELD_MS: u64 = 6_000;

/// How many families of each path one shuffled deck holds: every deck of 25 families covers every path,
/// so even a small load does, and the mix is the same at every size.
const DECK: [(Path, usize); 7] = [
    (Path::Cable, 8),
    (Path::Vip, 3),
    (Path::Broadband, 3),
    (Path::Unassigned, 3),
    (Path::Update, 3),
    (Path::Duplicate, 2),
    (Path::Terminate, 3),
];

/// The marking rule's codes (domain.md 10.3).
const CABLE_CODES: [&str; 6] = ["NS", "ND", "XS", "XD", "CS", "CD"];
const BROADBAND_CODES: [&str; 2] = ["NB", "XB"];
const UNASSIGNED_CODES: [&str; 4] = ["NP", "XP", "CP", "ZZ"];
const VIP_CUSTOMERS: [&str; 2] = ["900", "901"];
/// Ordinary customers are drawn from 1..=CUSTOMERS, skipping the VIP ids.
const CUSTOMERS: u64 = 5_000;

/// A generated load: the orders in the order they were generated (request ids count up) and the
/// administrator commands around them.
#[derive(Clone, Debug, PartialEq)]
pub struct Load {
    pub seed: u64,
    pub orders: Vec<Order>,
    pub admin: Vec<ScriptItem>,
}

impl Load {
    /// How many families (an original and its follow-up, if any) the load holds.
    pub fn families(&self) -> usize {
        self.orders.last().map_or(0, |o| o.family + 1)
    }

    /// When the last order arrives.
    pub fn last_arrival(&self) -> u64 {
        self.orders
            .iter()
            .map(|o| o.at)
            .max()
            .unwrap_or(LOAD_START_MS)
    }

    /// Every command of the load, in time order (the administrator's first at equal times).
    pub fn script(&self) -> Vec<ScriptItem> {
        self.script_of(|_| true)
    }

    /// The administrator's commands and only this family's orders, at the same times, so the family can
    /// be run alone and compared with the full run.
    pub fn family_script(&self, family: usize) -> Vec<ScriptItem> {
        self.script_of(|o| o.family == family)
    }

    fn script_of(&self, keep: impl Fn(&Order) -> bool) -> Vec<ScriptItem> {
        let mut items = self.admin.clone();
        items.extend(self.orders.iter().filter(|o| keep(o)).map(|o| ScriptItem {
            at: o.at,
            command: o.command(),
        }));
        items.sort_by_key(|item| item.at);
        items
    }
}

/// Generates `orders` CSR requests (originals and follow-ups together) from `seed`.
pub fn generate(orders: usize, seed: u64) -> Load {
    let mut gen = Gen {
        rng: Pcg64::seed_from_u64(seed),
        deck: Vec::new(),
        out: Vec::new(),
    };
    let mut at = LOAD_START_MS;
    let mut burst_left = 0;
    while gen.out.len() < orders {
        let mut path = gen.next_path();
        if path.requests() > orders - gen.out.len() {
            path = Path::Cable;
        }
        gen.family(path, at);
        if burst_left > 0 {
            burst_left -= 1;
        } else {
            at += SPACING_MS;
            if gen.below(BURST_ONE_IN) == 0 {
                burst_left = gen.between(1, 4);
            }
        }
    }
    let load_end = gen.out.iter().map(|o| o.at).max().unwrap_or(LOAD_START_MS);
    Load {
        seed,
        admin: broadband_windows(load_end),
        orders: gen.out,
    }
}

/// Stop (from the second window on: the scenario deploys the manager stopped) and start commands of
/// `BroadbandOrderManager` in SRV-SEA, until the window after the last arrival has released its orders.
fn broadband_windows(load_end: u64) -> Vec<ScriptItem> {
    let administer = |at, action| ScriptItem {
        at,
        command: Command::Administer {
            group: super::order::ENTRY_GROUP.into(),
            owner: Owner::Orchestration("BroadbandOrderManager".into()),
            action,
        },
    };
    let mut items = Vec::new();
    let mut window = LOAD_START_MS;
    while window <= load_end {
        if window > LOAD_START_MS {
            items.push(administer(window, AdminAction::Stop));
        }
        items.push(administer(window + BROADBAND_HELD_MS, AdminAction::Start));
        window += BROADBAND_WINDOW_MS;
    }
    items
}

struct Gen {
    rng: Pcg64,
    /// The rest of the current shuffled deck of paths.
    deck: Vec<Path>,
    out: Vec<Order>,
}

impl Gen {
    fn below(&mut self, n: u64) -> u64 {
        self.rng.next_u64() % n
    }

    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn choose<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }

    fn next_path(&mut self) -> Path {
        if self.deck.is_empty() {
            self.deck = DECK
                .iter()
                .flat_map(|&(path, n)| std::iter::repeat_n(path, n))
                .collect();
            // Fisher-Yates, drawn from the load's own RNG.
            for i in (1..self.deck.len()).rev() {
                let j = self.below(i as u64 + 1) as usize;
                self.deck.swap(i, j);
            }
        }
        self.deck.pop().expect("a fresh deck is not empty")
    }

    fn customer(&mut self) -> String {
        loop {
            let id = self.between(1, CUSTOMERS).to_string();
            if !VIP_CUSTOMERS.contains(&id.as_str()) {
                return id;
            }
        }
    }

    /// One family: its original at `at` and, for the paths that have one, its follow-up. Every family has
    /// an order id of its own, so families never meet in a convoy.
    fn family(&mut self, path: Path, at: u64) {
        let family = self.out.last().map_or(0, |o| o.family + 1);
        let cust = match path {
            Path::Vip => self.choose(&VIP_CUSTOMERS).to_string(),
            _ => self.customer(),
        };
        let code = match path {
            Path::Vip => {
                let all: Vec<&str> = CABLE_CODES
                    .iter()
                    .chain(&BROADBAND_CODES)
                    .copied()
                    .collect();
                self.choose(&all)
            }
            Path::Broadband => self.choose(&BROADBAND_CODES),
            Path::Unassigned => self.choose(&UNASSIGNED_CODES),
            Path::Cable | Path::Update | Path::Duplicate | Path::Terminate => {
                self.choose(&CABLE_CODES)
            }
        };
        let original = Order {
            request: request_id(self.out.len()),
            family,
            path,
            role: Role::Original,
            cust,
            order: (family + 1).to_string(),
            seq: 1,
            code: code.to_string(),
            status: "NEW".into(),
            at,
        };
        let follow_up = match path {
            Path::Update => Some(Order {
                role: Role::Update,
                seq: 2,
                code: self.choose(&CABLE_CODES).to_string(),
                at: at + self.between(FOLLOW_UP_MS.0, FOLLOW_UP_MS.1),
                ..original.clone()
            }),
            Path::Duplicate => Some(Order {
                role: Role::Duplicate,
                at: at + self.between(FOLLOW_UP_MS.0, FOLLOW_UP_MS.1),
                ..original.clone()
            }),
            Path::Terminate => Some(Order {
                role: Role::Terminate,
                status: "TERMINATE".into(),
                at: at + self.between(TERMINATE_AFTER_MS.0, TERMINATE_AFTER_MS.1),
                ..original.clone()
            }),
            Path::Cable | Path::Vip | Path::Broadband | Path::Unassigned => None,
        };
        self.out.push(original);
        if let Some(mut next) = follow_up {
            next.request = request_id(self.out.len());
            self.out.push(next);
        }
    }
}

fn request_id(n: usize) -> String {
    format!("R-{:06}", n + 1)
}
