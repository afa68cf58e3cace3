//! What the lab's native tests share: the compose form's burst, built by the form's own code.

use messagebox_engine::world::Command;
use messagebox_lab::lab::order_form::{commands, BurstKind, OrderForm};

/// A burst of `n` orders of `kind` into the default scenario's test location, order ids from 1000 (the
/// scenario's own sample orders use low ones), as the compose form submits it.
pub fn burst(n: usize, kind: BurstKind) -> Vec<Command> {
    burst_from(1000, n, kind)
}

/// The same burst with order and request ids from `first`.
pub fn burst_from(first: usize, n: usize, kind: BurstKind) -> Vec<Command> {
    let form = OrderForm {
        order: first.to_string(),
        burst: n.to_string(),
        kind,
        ..OrderForm::default()
    };
    commands(&form, "SRV-SEA", "Order-RP-TestRL", false, first).unwrap()
}
