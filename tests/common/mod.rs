//! What the lab's native tests share: the compose form's burst, built by the form's own code.

use messagebox_engine::world::Command;
use messagebox_lab::lab::order_form::{commands, BurstKind, OrderForm};

/// A burst of `n` orders of `kind` into the default scenario's test location, order ids from 1000 (the
/// scenario's own sample orders use low ones), as the compose form submits it.
pub fn burst(n: usize, kind: BurstKind) -> Vec<Command> {
    let form = OrderForm {
        order: "1000".into(),
        burst: n.to_string(),
        kind,
        ..OrderForm::default()
    };
    commands(&form, "SRV-SEA", "Order-RP-TestRL", false, 1000).unwrap()
}
