//! How much live state the world holds: the work in flight, counted in O(groups). A caller that copies
//! the world (the app's snapshots for scrubbing back) uses it to price a copy before making one.

use super::World;

/// The live state's size, in pieces of work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LiveSize {
    /// Messages in the MessageBoxes.
    pub messages: usize,
    /// Service instances: orchestrations, transmissions and convoys not yet started.
    pub instances: usize,
    pub subscriptions: usize,
}

impl LiveSize {
    /// Everything a copy of the world copies, as one number (a copy's cost grows with it).
    pub fn units(&self) -> usize {
        self.messages + self.instances + self.subscriptions
    }
}

impl World {
    pub fn live_size(&self) -> LiveSize {
        let mut size = LiveSize::default();
        for g in self.groups.values() {
            let s = g.messagebox.state();
            size.messages += s.messages.len();
            size.instances += s.instances.len();
            size.subscriptions += s.subscriptions.len();
        }
        size
    }
}
