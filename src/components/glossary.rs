//! Glossary terms on screen: a term in a lesson's text with its sentence as a tooltip (on hover and on
//! keyboard focus), and the whole glossary for the help overlay.

use crate::tutorial::glossary::{Piece, Term, GLOSSARY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
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

/// Places a term's tooltip in the window, under the term (above it when the term is low in the window),
/// as wide as the paragraph: fixed, so the scrolling panel never clips it.
fn place_tip(term: &web_sys::Element) {
    if let Ok(Some(tip)) = term.query_selector(".term-tip") {
        place_tip_at(&tip, term);
    }
}

/// Places `tip` in the window under (or above) `term`, as `place_tip` does for a tip inside its term.
pub fn place_tip_at(tip: &web_sys::Element, term: &web_sys::Element) {
    let r = term.get_bounding_client_rect();
    let para = term
        .closest("p")
        .ok()
        .flatten()
        .map(|p| p.get_bounding_client_rect());
    let (left, width) = para.map_or((r.left(), 260.0), |p| (p.left(), p.width()));
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(720.0);
    let vertical = if r.bottom() < height * 0.6 {
        ("top", r.bottom() + 4.0)
    } else {
        ("bottom", height - r.top() + 4.0)
    };
    // Through the CSS object model: the Content-Security-Policy refuses style attributes.
    let style = tip.unchecked_ref::<Styled>().style();
    for (name, value) in [
        ("left", format!("{left:.0}px")),
        ("width", format!("{width:.0}px")),
        ("top", "auto".to_string()),
        ("bottom", "auto".to_string()),
        (vertical.0, format!("{:.0}px", vertical.1)),
    ] {
        style.set_property(name, &value);
    }
}

#[wasm_bindgen]
extern "C" {
    /// An element, seen only for its inline style.
    type Styled;
    #[wasm_bindgen(method, getter)]
    fn style(this: &Styled) -> Style;
    /// `CSSStyleDeclaration`.
    type Style;
    #[wasm_bindgen(method, js_name = setProperty)]
    fn set_property(this: &Style, name: &str, value: &str);
}

/// One term: `<dfn>` with a tooltip that screen readers read as its description.
pub fn term_html(words: &str, term: &Term, id: &str) -> Html {
    let tip = format!("gloss-{id}");
    let sentence = format!("{}: {}", term.term, term.sentence);
    let onfocus = Callback::from(|e: FocusEvent| place_tip(&e.target_unchecked_into()));
    let onmouseenter = Callback::from(|e: MouseEvent| place_tip(&e.target_unchecked_into()));
    html! {
        <dfn class="term" tabindex="0" title={sentence.clone()} aria-describedby={tip.clone()}
             data-testid="glossary-term" data-term={term.term} {onfocus} {onmouseenter}>
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
