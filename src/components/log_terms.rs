//! Glossary terms in the event log's lines (issue 22): each term's first use in a line is marked, and
//! its sentence shows as a tooltip while the term is hovered or the line is focused.
//!
//! A line that opens something is a button, and a button may hold no focusable element, so a term in
//! it is not focusable itself: the button is described by its terms' tooltips (screen readers read
//! them) and shows the first one while it has keyboard focus. The tooltips sit beside the line's text,
//! not inside it, so the line's text and the button's name stay the sentence alone.

use super::glossary::place_tip_at;
use crate::tutorial::glossary::{mark_first_uses, Piece};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A line's text with its terms marked, and the tooltips that go beside it.
pub struct MarkedLine {
    pub text: Html,
    pub tips: Html,
    /// The tooltips' ids, for the line's `aria-describedby` (empty when the line has no term).
    pub described_by: Option<String>,
}

/// Marks `text`; `id` makes the tooltips' ids unique on the page. `focusable`: the terms take keyboard
/// focus themselves (a line that is not a button).
pub fn marked_line(text: &str, id: &str, focusable: bool) -> MarkedLine {
    let pieces = mark_first_uses(text, &mut BTreeSet::new());
    let mut ids = Vec::new();
    let mut tips = Vec::new();
    let words: Html = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => html! { { text.to_string() } },
            Piece::Term(words, term) => {
                let tip = format!("log-term-{id}-{}", ids.len());
                ids.push(tip.clone());
                tips.push(html! {
                    <span class="term-tip" role="tooltip" id={tip.clone()}>
                        { format!("{}: {}", term.term, term.sentence) }
                    </span>
                });
                html! {
                    <dfn class="term" data-testid="glossary-term" data-term={term.term} data-tip={tip.clone()}
                         tabindex={focusable.then_some("0")}
                         aria-describedby={focusable.then_some(tip)}
                         onmouseenter={Callback::from(|e: MouseEvent| show_own_tip(&e.target_unchecked_into()))}
                         onmouseleave={Callback::from(|_: MouseEvent| hide_tips())}
                         onfocus={Callback::from(|e: FocusEvent| show_own_tip(&e.target_unchecked_into()))}
                         onblur={Callback::from(|_: FocusEvent| hide_tips())}>
                        { words.to_string() }
                    </dfn>
                }
            }
        })
        .collect();
    MarkedLine {
        text: words,
        tips: tips.into_iter().collect(),
        described_by: (!ids.is_empty()).then(|| ids.join(" ")),
    }
}

/// A line's button got keyboard focus: its first term shows its tooltip.
pub fn show_first_tip(e: FocusEvent) {
    let button: web_sys::Element = e.target_unchecked_into();
    if let Ok(Some(term)) = button.query_selector("dfn.term") {
        show_own_tip(&term);
    }
}

pub fn hide_on_blur(_: FocusEvent) {
    hide_tips();
}

/// Shows the tooltip a term names by `data-tip`, placed at the term.
fn show_own_tip(term: &web_sys::Element) {
    hide_tips();
    let Some(tip) = term.get_attribute("data-tip").and_then(|id| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
    }) else {
        return;
    };
    place_tip_at(&tip, term);
    let _ = tip.class_list().add_1("shown");
}

/// Hides every log tooltip shown: the log redraws under the pointer as the run plays, so the one shown
/// may no longer be the one the term names.
fn hide_tips() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(shown) = document.query_selector_all(".event-log .term-tip.shown") else {
        return;
    };
    for i in 0..shown.length() {
        if let Some(tip) = shown
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = tip.class_list().remove_1("shown");
        }
    }
}
