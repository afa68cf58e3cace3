//! The MessageBox's last evaluation, as the canvas shows it: for the message a group evaluated in the
//! last few seconds of animation, each activation subscription with whether it matched and, if not, its
//! first failing predicate, in the order the table lists them (the step's subscribers, then the matches).

use super::explain_text::first_failure;
use super::layout::{owner_key, table_order, Layout, Node};
use super::Lab;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{Owner, SubscriptionKind, SubscriptionState};

/// The lines whose failing predicate is said in words (the table shows at most this many).
pub const SAID: usize = super::layout::TABLE_ROWS;

/// One activation subscription's line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub owner: Owner,
    pub state: SubscriptionState,
    /// None when no message is being evaluated.
    pub matched: Option<bool>,
    /// The first predicate that failed, said in words (for the first `SAID` lines).
    pub why: String,
}

/// A group's activation subscriptions, and the message being evaluated against them.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub message: Option<u64>,
    pub lines: Vec<Line>,
    /// Instance (convoy) subscriptions, counted.
    pub instance_subscriptions: usize,
}

impl Evaluation {
    pub fn matched(&self) -> impl Iterator<Item = &Owner> {
        self.lines
            .iter()
            .filter(|l| l.matched == Some(true))
            .map(|l| &l.owner)
    }

    /// The message under evaluation and how many of the subscribers drawn as `node` matched it (a
    /// stack of ports stands for several), if any did.
    pub fn matched_on(&self, layout: &Layout, node: &Node) -> Option<(u64, usize)> {
        let id = self.message?;
        let count = self
            .matched()
            .filter(|o| {
                let key = owner_key(&node.group, o);
                layout.node(&key).is_some_and(|drawn| drawn.key == node.key)
            })
            .count();
        (count > 0).then_some((id, count))
    }
}

impl Lab {
    /// The evaluation the canvas shows for `group` now (its lines in the table's order).
    pub fn evaluation(&self, group: &str) -> Option<Evaluation> {
        let g = self.session.world.group(group)?;
        let mb = &g.messagebox;
        let recent = self
            .evaluations
            .get(group)
            .filter(|(_, at)| self.now - at < 4000.0 / self.speed().max(0.25));
        // The message may have finished and left the live state already: the world also looks in the
        // archive.
        let explanation = recent.and_then(|(id, _)| {
            let e = self
                .session
                .world
                .explain_activation(group, MessageId(*id))?;
            Some((*id, e))
        });
        let subs: Vec<_> = mb
            .state()
            .subscriptions
            .values()
            .filter(|s| s.kind == SubscriptionKind::Activation)
            .collect();
        // By subscription: a group can hold 20,000.
        let by_id: std::collections::HashMap<_, _> = explanation
            .as_ref()
            .map(|(_, all)| all.iter().map(|e| (e.subscription, e)).collect())
            .unwrap_or_default();
        let mut lines: Vec<Line> = subs
            .iter()
            .map(|s| Line {
                owner: s.owner.clone(),
                state: s.state,
                matched: by_id.get(&s.id).map(|e| e.matched),
                why: String::new(),
            })
            .collect();
        // The lines the step or the message is about come first, so "+N more" never hides them.
        let order = table_order(
            &lines
                .iter()
                .map(|l| (l.owner.clone(), l.matched))
                .collect::<Vec<_>>(),
            &self.concerned_owners(group),
        );
        // Why the first lines did not match, said in words: only those are shown.
        for &i in order.iter().take(SAID) {
            if let Some(e) = by_id.get(&subs[i].id) {
                lines[i].why = first_failure(e, mb.schema()).unwrap_or_default();
            }
        }
        let mut slots: Vec<Option<Line>> = lines.into_iter().map(Some).collect();
        Some(Evaluation {
            message: explanation.map(|(id, _)| id),
            lines: order.iter().filter_map(|&i| slots[i].take()).collect(),
            instance_subscriptions: mb.state().subscriptions.len() - subs.len(),
        })
    }
}
