//! How components act: the app provides one callback taking an `Action` through a context, so a
//! component needs no prop for it and never knows the app.

use crate::lab::Action;
use yew::prelude::*;

/// The context the app provides: applies an action to the lab.
#[derive(Clone, PartialEq)]
pub struct Dispatch(pub Callback<Action>);

/// The app's action callback. Outside the app (a component mounted alone in a test) actions go nowhere.
#[hook]
pub fn use_dispatch() -> Callback<Action> {
    use_context::<Dispatch>()
        .map(|d| d.0)
        .unwrap_or_else(Callback::noop)
}
