//! Reading the parts of a binding file's XML: children by local name, flags, the filter a `<Filter>`
//! element holds, and the elements the simulator does not model.

use roxmltree::Node;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub(super) fn child<'a>(n: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

pub(super) fn child_text(n: Node, name: &str) -> Option<String> {
    child(n, name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

pub(super) fn flag(n: Node, name: &str) -> Option<bool> {
    child_text(n, name).map(|t| t.eq_ignore_ascii_case("true"))
}

pub(super) fn attr_flag(n: Node, name: &str) -> bool {
    n.attribute(name)
        .is_some_and(|t| t.eq_ignore_ascii_case("true"))
}

/// The name of a `<…Ref Name="…"/>` child, unless it is `xsi:nil` or absent.
pub(super) fn ref_name(n: Node, name: &str) -> Option<String> {
    child(n, name)
        .and_then(|r| r.attribute("Name"))
        .map(str::to_string)
}

/// The filter document a subscriber's `<Filter>` element holds. The console writes it as escaped text;
/// hand-edited master bindings write it as child elements (`<Filter><Filter><Group>…` or
/// `<Filter><Group>…`). `input` is the text the document was parsed from.
pub(super) fn filter_source<'a>(input: &'a str, subscriber: Node<'a, 'a>) -> Option<Cow<'a, str>> {
    let element = child(subscriber, "Filter")?;
    let mut inner = element.children().filter(|c| c.is_element());
    match inner.next() {
        Some(first) if first.tag_name().name() == "Filter" => {
            Some(Cow::Borrowed(&input[first.range()]))
        }
        Some(first) => {
            let last = inner.next_back().unwrap_or(first);
            let groups = &input[first.range().start..last.range().end];
            Some(Cow::Owned(format!("<Filter>{groups}</Filter>")))
        }
        None => element.text().map(Cow::Borrowed),
    }
}

/// Collects the elements the simulator does not model, once per element path, with a count.
#[derive(Default)]
pub(super) struct Ignored(pub BTreeMap<String, usize>);

impl Ignored {
    pub fn rest(&mut self, n: Node, path: &str, known: &[&str]) {
        for c in n.children().filter(|c| c.is_element()) {
            if !known.contains(&c.tag_name().name()) {
                self.count(format!("{path}/{}", c.tag_name().name()));
            }
        }
    }

    /// Counts `part` when it holds something (elements or text), not when it is empty, nil, or the
    /// console's default (`0`, `false`), which every export writes.
    pub fn if_set(&mut self, n: Node, path: &str, part: &str) {
        if child(n, part).is_some_and(|c| {
            c.children().any(|x| x.is_element())
                || c.text()
                    .map(str::trim)
                    .is_some_and(|t| !t.is_empty() && t != "0" && !t.eq_ignore_ascii_case("false"))
        }) {
            self.count(format!("{path}/{part}"));
        }
    }

    fn count(&mut self, path: String) {
        *self.0.entry(path).or_default() += 1;
    }
}

/// Every property a filter document names (`Statement/@Property`), to declare the unknown ones. A
/// document that does not parse names none: the filter's own parse reports why.
pub(super) fn filter_properties(text: &str) -> Vec<String> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let Ok(doc) = roxmltree::Document::parse(body) else {
        return Vec::new();
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("Statement"))
        .filter_map(|n| n.attribute("Property"))
        .map(|p| p.trim().to_string())
        .collect()
}
