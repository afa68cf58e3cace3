//! Reading a body's root type or one element's text in a single pass over its tokens, with no document
//! built: orchestrations read fields of every message they handle, so this is on the hot path. A body
//! that is not well-formed XML (bad syntax, or tags that do not nest) gives `None`, as a full parse would.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeMap;

/// What a scan looks for.
struct Want<'w> {
    /// The root element's `namespace#name` (or only its name).
    root_type: bool,
    /// The local names whose first text to read; `None` for every one.
    names: Option<&'w [&'w str]>,
}

impl Want<'_> {
    fn wants(&self, local: &str) -> bool {
        self.names.is_none_or(|names| names.contains(&local))
    }
}

/// The root element's `namespace#name`, or its name when it has no namespace.
pub fn root_type(body: &str) -> Option<String> {
    let want = Want {
        root_type: true,
        names: Some(&[]),
    };
    scan(body, want).map(|s| s.root)
}

/// The text of the first element (in document order) whose local name is `element`.
pub fn element_text(body: &str, element: &str) -> Option<String> {
    let want = Want {
        root_type: false,
        names: Some(&[element]),
    };
    scan(body, want)?.texts.remove(element)
}

/// The root type and the first text of each of these local names, in one pass; `None` when the body is
/// not well-formed XML.
pub fn root_and_texts(body: &str, names: &[&str]) -> Option<(String, BTreeMap<String, String>)> {
    let want = Want {
        root_type: true,
        names: Some(names),
    };
    scan(body, want).map(|s| (s.root, s.texts))
}

/// Every element's first text, read in one pass, for a body whose fields are read many times (an
/// orchestration reading an order's fields one by one).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldIndex {
    /// The body it was built from, so a changed body is never answered from a stale index.
    body: String,
    /// `None` when the body is not well-formed XML.
    texts: Option<BTreeMap<String, String>>,
    /// The root's `namespace#name`, as `root_type`.
    root: Option<String>,
}

impl FieldIndex {
    pub fn build(body: &str) -> Self {
        let want = Want {
            root_type: true,
            names: None,
        };
        let scanned = scan(body, want);
        Self {
            body: body.to_string(),
            root: scanned.as_ref().map(|s| s.root.clone()),
            texts: scanned.map(|s| s.texts),
        }
    }

    /// As `root_type`.
    pub fn root_type(&self) -> Option<&str> {
        self.root.as_deref()
    }

    /// Whether the index was built from this body.
    pub fn is_for(&self, body: &str) -> bool {
        self.body == body
    }

    /// As `element_text`.
    pub fn text(&self, element: &str) -> Option<String> {
        self.texts.as_ref()?.get(element).cloned()
    }
}

struct Scanned {
    /// The root's type when asked for, else its name.
    root: String,
    /// The first text of each wanted local name.
    texts: BTreeMap<String, String>,
}

fn scan(body: &str, want: Want) -> Option<Scanned> {
    let body = body.trim_start_matches('\u{feff}').trim_start();
    let mut reader = Reader::from_str(body);
    let mut depth = 0usize;
    let mut root: Option<String> = None;
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    // The wanted element whose first text is being read, and the text so far (across references).
    let mut reading: Option<(String, String)> = None;
    loop {
        let event = reader.read_event().ok()?;
        let continues_text = matches!(
            event,
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
        );
        if !continues_text {
            // Any other event ends the first text of the element being read (empty if none came).
            if let Some((name, text)) = reading.take() {
                texts.entry(name).or_insert(text);
            }
        }
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name();
                let local = name.local_name();
                let local = local.as_ref();
                if depth == 0 {
                    if root.is_some() {
                        return None; // a second root element
                    }
                    root = Some(if want.root_type {
                        type_of_root(e, local)
                    } else {
                        local.to_string()
                    });
                }
                if want.wants(local) && !texts.contains_key(local) {
                    if empty {
                        texts.insert(local.to_string(), String::new());
                    } else {
                        reading = Some((local.to_string(), String::new()));
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.checked_sub(1)?,
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                if let Some((_, so_far)) = reading.as_mut() {
                    match &event {
                        Event::Text(t) => so_far.push_str(t),
                        Event::CData(c) => so_far.push_str(c),
                        Event::GeneralRef(r) => so_far.push(entity(r, r.resolve_char_ref().ok()?)?),
                        _ => unreachable!("matched above"),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    Some(Scanned { root: root?, texts })
}

/// `namespace#name` of the root element, from its own namespace declarations.
fn type_of_root(e: &quick_xml::events::BytesStart, local: &str) -> String {
    let name = e.name();
    let xmlns = match name.prefix() {
        Some(p) => format!("xmlns:{}", p.as_ref()),
        None => "xmlns".to_string(),
    };
    let ns = e
        .attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == xmlns)
        .map(|a| a.value.into_owned());
    match ns {
        Some(ns) if !ns.is_empty() => format!("{ns}#{local}"),
        _ => local.to_string(),
    }
}

/// The character a reference stands for: a character reference, or one of the predefined entities.
fn entity(name: &str, char_ref: Option<char>) -> Option<char> {
    char_ref.or(match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan agrees with a full parse (roxmltree) on what it reads.
    fn full_text(body: &str, element: &str) -> Option<String> {
        let doc = roxmltree::Document::parse(body).ok()?;
        doc.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == element)
            .map(|n| n.text().unwrap_or_default().to_string())
    }

    fn full_root(body: &str) -> Option<String> {
        let doc = roxmltree::Document::parse(body.trim_start()).ok()?;
        let root = doc.root_element().tag_name();
        Some(match root.namespace() {
            Some(ns) if !ns.is_empty() => format!("{ns}#{}", root.name()),
            _ => root.name().to_string(),
        })
    }

    #[test]
    fn agrees_with_a_full_parse() {
        let bodies = [
            r#"<Order xmlns="http://x"><ReqId>R-1</ReqId><Note>a &amp; b &#65;</Note><E/></Order>"#,
            r#"<ns0:Order xmlns:ns0="urn:o"><ns0:ReqId>R-2</ns0:ReqId><P><ReqId>inner</ReqId></P></ns0:Order>"#,
            r#"<?xml version="1.0"?><!-- c --><A><B><![CDATA[<x>]]></B><C><D>d</D></C></A>"#,
            "<A><B><!-- c -->t</B><C> <D/></C></A>",
            "<A><B>1</B></C>",
            "<A><B>1</B>",
            "<A/><B/>",
            "not xml",
            "",
            "\u{feff}<A x='1'><B>t</B></A>",
        ];
        for body in bodies {
            assert_eq!(
                root_type(body),
                full_root(body.trim_start_matches('\u{feff}')),
                "{body}"
            );
            for element in ["ReqId", "Note", "E", "B", "C", "D", "Missing"] {
                let expected = full_text(body.trim_start_matches('\u{feff}'), element);
                assert_eq!(element_text(body, element), expected, "{element} in {body}");
                let index = FieldIndex::build(body);
                assert!(index.is_for(body));
                let root = full_root(body.trim_start_matches('\u{feff}'));
                assert_eq!(index.root_type(), root.as_deref(), "{body}");
                assert_eq!(
                    index.text(element),
                    expected,
                    "{element} in {body}, indexed"
                );
            }
        }
    }
}
