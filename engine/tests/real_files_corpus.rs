//! Every real binding file in `../shared/fixtures/wild-bindings` and `../shared/fixtures/biztalk` (see
//! their SOURCES files) imports, and what the importer understood agrees with an independent reading
//! written here with a streaming parser (quick-xml, not the importer's roxmltree): the number of send
//! ports, send port groups, receive ports, locations and orchestrations, and every filter statement.

mod common;

use messagebox_engine::import::{decode, import_bindings, BindingImport};
use quick_xml::events::Event;
use quick_xml::Reader;

/// A filter statement as written: property, operator code, value.
type Statement = (String, u8, Option<String>);
/// A filter: AND-groups of statements, ORed.
type Groups = Vec<Vec<Statement>>;

#[derive(Debug, Default, PartialEq)]
struct Counts {
    send_ports: usize,
    send_port_groups: usize,
    receive_ports: usize,
    locations: usize,
    orchestrations: usize,
}

/// The independent reading: counts, and each subscriber's filter groups (send ports first, then
/// groups, each in file order), with empty groups dropped as BizTalk does.
fn read(text: &str) -> (Counts, Vec<Groups>, Vec<Groups>) {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    let mut counts = Counts::default();
    let (mut port_filters, mut group_filters) = (Vec::new(), Vec::new());
    let mut filter_text = String::new();
    let mut element_groups: Vec<Vec<Statement>> = Vec::new();
    loop {
        let event = reader.read_event().expect("well-formed");
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                let parent = stack.last().map(String::as_str);
                match (name.as_str(), parent) {
                    ("SendPort", Some("SendPortCollection")) => counts.send_ports += 1,
                    ("DistributionList", _) => counts.send_port_groups += 1,
                    ("ReceivePort", Some("ReceivePortCollection")) => counts.receive_ports += 1,
                    ("ReceiveLocation", Some("ReceiveLocations")) => counts.locations += 1,
                    ("Service", Some("Services")) => counts.orchestrations += 1,
                    ("Group", _) if stack.iter().any(|s| s == "Filter") => {
                        element_groups.push(vec![])
                    }
                    ("Statement", _) if stack.iter().any(|s| s == "Filter") => {
                        if let Some(g) = element_groups.last_mut() {
                            g.push(statement(e));
                        }
                    }
                    _ => {}
                }
                if matches!(event, Event::Start(_)) {
                    if name == "Filter"
                        && stack
                            .last()
                            .is_some_and(|p| p == "SendPort" || p == "DistributionList")
                    {
                        filter_text.clear();
                        element_groups.clear();
                    }
                    stack.push(name);
                } else if name == "Filter"
                    && stack
                        .last()
                        .is_some_and(|p| p == "SendPort" || p == "DistributionList")
                {
                    let owner = stack.last().cloned().unwrap();
                    push(&owner, vec![], &mut port_filters, &mut group_filters);
                }
            }
            Event::Text(t) if stack.last().is_some_and(|s| s == "Filter") => {
                filter_text.push_str(t);
            }
            Event::GeneralRef(r) if stack.last().is_some_and(|s| s == "Filter") => {
                let name: &str = r;
                filter_text.push_str(match name {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(_) => {
                let name = stack.pop().unwrap();
                let owner = stack.last().cloned().unwrap_or_default();
                if name == "Filter" && (owner == "SendPort" || owner == "DistributionList") {
                    let groups = if element_groups.is_empty() {
                        escaped_filter(&filter_text)
                    } else {
                        std::mem::take(&mut element_groups)
                    };
                    let groups = groups.into_iter().filter(|g| !g.is_empty()).collect();
                    push(&owner, groups, &mut port_filters, &mut group_filters);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (counts, port_filters, group_filters)
}

fn push<T>(owner: &str, item: T, ports: &mut Vec<T>, groups: &mut Vec<T>) {
    if owner == "SendPort" {
        ports.push(item)
    } else {
        groups.push(item)
    }
}

fn statement(e: &quick_xml::events::BytesStart) -> Statement {
    let attr = |name: &str| {
        e.try_get_attribute(name).unwrap().map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .unwrap()
                .to_string()
        })
    };
    (
        attr("Property").unwrap().trim().to_string(),
        attr("Operator").unwrap().trim().parse().unwrap(),
        attr("Value"),
    )
}

/// The filter document a `<Filter>` element held as escaped text.
fn escaped_filter(text: &str) -> Groups {
    let body = text.trim();
    if body.is_empty() {
        return vec![];
    }
    let mut reader = Reader::from_str(body);
    let mut groups = Vec::new();
    loop {
        match reader.read_event().expect("well-formed filter") {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Group" => {
                groups.push(vec![])
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Statement" => groups
                .last_mut()
                .expect("a statement in a group")
                .push(statement(&e)),
            Event::Eof => break,
            _ => {}
        }
    }
    groups
}

fn imported_groups(filter: &messagebox_engine::filter::Filter) -> Groups {
    filter
        .groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|p| (p.property.to_string(), p.op.code(), p.value.clone()))
                .collect()
        })
        .collect()
}

fn binding_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for dir in ["wild-bindings", "biztalk"] {
        for entry in std::fs::read_dir(common::shared_fixtures().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "xml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_real_binding_file_imports_and_agrees_with_an_independent_reading() {
    if !common::shared_present() {
        return;
    }
    let (mut checked, mut statements) = (0, 0);
    for path in binding_files() {
        let text = decode(&std::fs::read(&path).unwrap()).unwrap();
        if !text.contains("<BindingInfo") {
            continue; // a saved context or a bare filter document
        }
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let b: BindingImport = import_bindings(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let (counts, port_filters, group_filters) = read(text.trim_start());
        let understood = Counts {
            send_ports: b.send_ports.len(),
            send_port_groups: b.send_port_groups.len(),
            receive_ports: b.receive_ports.len(),
            locations: b.receive_ports.iter().map(|p| p.locations.len()).sum(),
            orchestrations: b.orchestrations.len(),
        };
        assert_eq!(understood, counts, "{file}");
        assert!(
            !b.warnings.iter().any(|w| w.contains("filter not imported")),
            "{file}: {:?}",
            b.warnings
        );
        for (p, written) in b.send_ports.iter().zip(&port_filters) {
            assert_eq!(
                &imported_groups(&p.filter),
                written,
                "{file}: send port {}",
                p.name
            );
        }
        for (g, written) in b.send_port_groups.iter().zip(&group_filters) {
            assert_eq!(
                &imported_groups(&g.filter),
                written,
                "{file}: group {}",
                g.name
            );
        }
        checked += 1;
        statements += port_filters
            .iter()
            .chain(&group_filters)
            .flatten()
            .flatten()
            .count();
        println!("{file}: {counts:?}");
    }
    println!("{checked} binding files, {statements} filter statements compared");
    assert!(checked >= 15, "only {checked} binding files found");
    assert!(
        statements >= 30,
        "only {statements} filter statements compared"
    );
}
