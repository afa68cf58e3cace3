//! Reading a body's root type or one element's text in a single pass over its tokens, with no document
//! built: orchestrations read fields of every message they handle, so this is on the hot path. A body
//! that is not well-formed XML (bad syntax, or tags that do not nest) gives `None`, as a full parse would.

use quick_xml::events::Event;
use quick_xml::Reader;

/// What a scan looks for.
enum Want<'w> {
    /// The root element's `namespace#name` (or its name, with no namespace).
    Root,
    /// The first text of the first element with this local name (empty when it has none).
    Text(&'w str),
}

/// The root element's `namespace#name`, or its name when it has no namespace.
pub fn root_type(body: &str) -> Option<String> {
    scan(body, Want::Root)
}

/// The text of the first element (in document order) whose local name is `element`.
pub fn element_text(body: &str, element: &str) -> Option<String> {
    scan(body, Want::Text(element))
}

/// Where the wanted element's text stands.
enum Text {
    NotSeen,
    /// Inside the wanted element, before its first content.
    Awaiting,
    /// Its first text, gathered across entity references.
    Reading(String),
    Done(String),
}

fn scan(body: &str, want: Want) -> Option<String> {
    let body = body.trim_start_matches('\u{feff}').trim_start();
    let mut reader = Reader::from_str(body);
    let mut depth = 0usize;
    let mut root: Option<String> = None;
    let mut text = Text::NotSeen;
    loop {
        let event = reader.read_event().ok()?;
        // Any event but text or a reference ends the first text of the wanted element.
        let continues_text = matches!(
            event,
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
        );
        text = match (text, continues_text) {
            (Text::Reading(t), false) => Text::Done(t),
            (Text::Awaiting, false) if !matches!(event, Event::End(_)) => Text::Done(String::new()),
            (t, _) => t,
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name();
                let local = name.local_name();
                if depth == 0 {
                    if root.is_some() {
                        return None; // a second root element
                    }
                    if let Want::Text(_) = want {
                        // Only the root's presence matters; its namespace is not read.
                        root = Some(String::new());
                    }
                }
                if depth == 0 && matches!(want, Want::Root) {
                    let prefix = name.prefix().map(|p| p.as_ref().to_string());
                    let xmlns = match &prefix {
                        Some(p) => format!("xmlns:{p}"),
                        None => "xmlns".to_string(),
                    };
                    let ns = e
                        .attributes()
                        .filter_map(Result::ok)
                        .find(|a| a.key.as_ref() == xmlns)
                        .map(|a| a.value.into_owned());
                    root = Some(match ns {
                        Some(ns) if !ns.is_empty() => format!("{ns}#{}", local.as_ref()),
                        _ => local.as_ref().to_string(),
                    });
                }
                if matches!(want, Want::Text(w) if w == local.as_ref())
                    && matches!(text, Text::NotSeen)
                {
                    text = if empty {
                        Text::Done(String::new())
                    } else {
                        Text::Awaiting
                    };
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                if let Text::Awaiting = text {
                    text = Text::Done(String::new());
                }
                depth = depth.checked_sub(1)?;
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                if let Text::Awaiting | Text::Reading(_) = text {
                    let mut so_far = match text {
                        Text::Reading(s) => s,
                        _ => String::new(),
                    };
                    match &event {
                        Event::Text(t) => so_far.push_str(t),
                        Event::CData(c) => so_far.push_str(c),
                        Event::GeneralRef(r) => so_far.push(entity(r, r.resolve_char_ref().ok()?)?),
                        _ => unreachable!("matched above"),
                    }
                    text = Text::Reading(so_far);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    let root = root?;
    match want {
        Want::Root => Some(root),
        Want::Text(_) => match text {
            Text::Done(t) | Text::Reading(t) => Some(t),
            Text::NotSeen | Text::Awaiting => None,
        },
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
            }
        }
    }
}
