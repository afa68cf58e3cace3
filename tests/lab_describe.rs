//! The event log's lines and the wire tokens, natively: every line is the engine's own kind and sentence
//! with the app's category, link and message; a wire token comes from the wire event alone.

use messagebox_engine::world::WorldEvent;
use messagebox_lab::lab::describe::{describe, CATEGORIES};
use messagebox_lab::lab::saved::build_shipped;
use messagebox_lab::lab::session::Session;
use messagebox_lab::lab::tokens::{tokens_for, TokenKind};
use messagebox_lab::lab::Selection;

fn session(file: &str) -> Session {
    Session::new(build_shipped(file).unwrap().1)
}

#[test]
fn every_log_line_is_the_engines_sentence_with_the_apps_category_and_link() {
    let mut s = session("default.json");
    while s.world.now() < 92_000 && s.step().is_some() {}
    assert!(s.recent().len() > 500);
    for t in s.recent() {
        let d = describe(t);
        assert!(CATEGORIES.contains(&d.category), "{}", d.category);
        assert_eq!(d.kind, t.event.kind());
        assert_eq!(d.text, t.event.to_string());
        assert!(
            !d.text.contains('{') && !d.text.contains("RefId("),
            "{}",
            d.text
        );
        if let Some(link) = &d.link {
            assert_eq!(link.group(), t.group);
        }
    }
    // A delivery opens its message and belongs to its lifecycle.
    let delivered = s
        .recent()
        .iter()
        .map(describe)
        .find(|d| d.kind == "delivered")
        .unwrap();
    let id = delivered.message.unwrap();
    assert!(matches!(delivered.link, Some(Selection::Message { id: l, .. }) if l == id));
}

#[test]
fn a_wire_token_leaves_the_port_the_wire_event_names_with_its_message() {
    let mut s = session("split-groups.json");
    let mut wires = Vec::new();
    while s.world.now() < 92_000 {
        let Some(events) = s.step() else { break };
        // Only the wire events: the token must not need the transmission before it.
        let alone: Vec<_> = events
            .into_iter()
            .filter(|t| matches!(t.event, WorldEvent::WireSent { .. }))
            .collect();
        for t in &alone {
            let WorldEvent::WireSent { port, message, .. } = &t.event else {
                unreachable!()
            };
            let tokens = tokens_for(&s.world, std::slice::from_ref(t), 0.0, 100.0);
            assert_eq!(tokens.len(), 1);
            assert_eq!(tokens[0].kind, TokenKind::Wire);
            assert_eq!(tokens[0].message, *message);
            assert_eq!(tokens[0].from, format!("{}|sp|{port}", t.group));
            wires.push(tokens[0].clone());
        }
    }
    assert!(!wires.is_empty(), "the split scenario bridges orders");
}
