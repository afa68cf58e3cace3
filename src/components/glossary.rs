//! Glossary terms on screen: a term in a lesson's text with its sentence as a tooltip (on hover and on
//! keyboard focus), and the whole glossary for the help overlay.

use crate::tutorial::glossary::{Piece, Term, GLOSSARY};
use yew::prelude::*;

/// Text with its marked terms: each term is focusable and shows its sentence while hovered or focused.
/// `id` makes the tooltips' ids unique on the page.
pub fn marked_text(pieces: &[Piece<'_>], id: &str) -> Html {
    html! {
        { for pieces.iter().enumerate().map(|(k, piece)| match piece {
            Piece::Text(text) => html! { { text.to_string() } },
            Piece::Term(words, term) => term_html(words, term, &format!("{id}-{k}")),
        }) }
    }
}

/// One term: `<dfn>` with a tooltip that screen readers read as its description.
pub fn term_html(words: &str, term: &Term, id: &str) -> Html {
    let tip = format!("gloss-{id}");
    let sentence = format!("{}: {}", term.term, term.sentence);
    html! {
        <dfn class="term" tabindex="0" title={sentence.clone()} aria-describedby={tip.clone()}
             data-testid="glossary-term" data-term={term.term}>
            { words.to_string() }
            <span class="term-tip" role="tooltip" id={tip}>{ sentence }</span>
        </dfn>
    }
}

/// The whole glossary, for the help overlay.
#[component]
pub fn GlossaryList() -> Html {
    let mut terms: Vec<&Term> = GLOSSARY.iter().collect();
    terms.sort_by_key(|t| t.term.to_lowercase());
    html! {
        <section class="glossary" data-testid="glossary" aria-label="Glossary">
            <h2>{ "Glossary" }</h2>
            <p class="hint">{ "The BizTalk terms the lessons use. Each rests on a page of BizTalk Server's documentation, named after the sentence." }</p>
            <dl>
                { for terms.iter().map(|t| html! {
                    <>
                        <dt>{ t.term }</dt>
                        <dd>{ t.sentence }<span class="doc-title">{ format!(" (BizTalk docs: \u{201c}{}\u{201d})", t.doc) }</span></dd>
                    </>
                }) }
            </dl>
        </section>
    }
}
