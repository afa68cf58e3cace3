//! Filters from real binding files (../shared/fixtures/biztalk, see its SOURCES.md): escaped inside the file,
//! behind an utf-16 declaration, padded with whitespace, compact, empty, and UTF-16 files.

mod common;

use messagebox_engine::filter::{Filter, Op};
use messagebox_engine::property::{bpm_schema, PropertyName, PropertySchema, XsdType};

fn fixture(name: &str) -> String {
    let path = common::biztalk_fixture(name);
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("fixture {} is missing: {e}", path.display()));
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).unwrap(),
        _ => String::from_utf8(bytes).unwrap(),
    }
}

/// The text of every `<Filter>` element of a binding file, as the file stores it (escaped XML).
fn filter_texts(binding: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(binding).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("Filter"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

/// The BPM schema, plus every other property a file names, declared as a string.
fn schema_for(texts: &[String]) -> PropertySchema {
    let mut schema = bpm_schema();
    for text in texts {
        for chunk in text.split("Property=").skip(1) {
            let name: String = chunk
                .chars()
                .skip(1)
                .take_while(|c| *c != '"' && *c != '\'')
                .collect();
            if schema.id(&name).is_none() {
                schema
                    .declare(PropertyName::parse(&name).unwrap(), XsdType::String)
                    .unwrap();
            }
        }
    }
    schema
}

#[test]
fn the_seattle_bindings_filters_parse_as_the_docs_describe() {
    if !common::shared_present() {
        return;
    }
    let texts = filter_texts(&fixture("ours__SRV-SEA.BPM.BindingInfo.xml"));
    let schema = bpm_schema();
    let filters: Vec<Filter> = texts
        .iter()
        .map(|t| Filter::parse_xml(t, &schema).unwrap())
        .collect();
    // The bridge send port's filter is the OrderManager's (domain.md 5, 10.6).
    let manager = Filter::parse_orchestration(
        r#"SV.Status == "ACCEPTED" && SV.OrderMgrType == "CABLEORDER""#,
        &schema,
    )
    .unwrap();
    assert!(filters.contains(&manager));
    // BizTalkErrors-SP: ErrorReport.ErrorType exists, with no Value attribute.
    assert!(filters.iter().any(|f| f.groups
        == vec![vec![messagebox_engine::filter::Predicate {
            property: PropertyName::parse("ErrorReport.ErrorType").unwrap(),
            op: Op::Exists,
            value: None,
        }]]));
    // VIP-Audit-SP: two OR groups, the second with operator 3 (>).
    assert!(filters
        .iter()
        .any(|f| f.groups.len() == 2 && f.groups[1].iter().any(|p| p.op == Op::Gt)));
    // NonCable-Archive-SP: != and, in another group, >= with <= on one property.
    assert!(filters
        .iter()
        .any(|f| f.predicates().any(|p| p.op == Op::Ne)
            && f.groups
                .iter()
                .any(|g| g.iter().any(|p| p.op == Op::Ge) && g.iter().any(|p| p.op == Op::Le))));
}

#[test]
fn every_filter_in_every_binding_fixture_parses_and_round_trips() {
    if !common::shared_present() {
        return;
    }
    let files = [
        "aimbiztalk__BindingInfo.xml",
        "biztalk-cert-guide__BTS2010CertGuide-Ch05.xml",
        "biztalk-cert-guide__BTS2010CertGuide-Ch02-Orchestrations.xml",
        "biztalk-server-learning-path__CanonicalDataModelPattern.BindingInfo.xml",
        "btdf__PortBindingsMaster.xml",
        "biztalk-factory__bindings.xml",
        "ours__SRV-SEA.BPM.BindingInfo.xml",
    ];
    let mut non_empty = 0;
    for file in files {
        let texts = filter_texts(&fixture(file));
        let schema = schema_for(&texts);
        for text in texts.iter().filter(|t| !t.trim().is_empty()) {
            let f =
                Filter::parse_xml(text, &schema).unwrap_or_else(|e| panic!("{file}: {e}\n{text}"));
            assert_eq!(
                Filter::parse_xml(&f.to_xml(), &schema).unwrap(),
                f,
                "{file}"
            );
            non_empty += usize::from(!f.is_empty());
        }
    }
    // SOURCES.md lists filters with groups in all but the orchestration-only Ch02 file.
    assert!(non_empty >= 10, "only {non_empty} filters with groups");
}

#[test]
fn a_standalone_utf16_filter_document_has_three_groups() {
    if !common::shared_present() {
        return;
    }
    // aimbiztalk__FilterExpression.xml: 3 OR groups (3 + 2 + 1), Exists with no Value.
    let text = fixture("aimbiztalk__FilterExpression.xml");
    let schema = schema_for(std::slice::from_ref(&text));
    // FILE.FileCreationTime is a dateTime (the catalogue, from the File adapter's page), and the file's
    // hand-written value is not one: the engine refuses the filter, naming the statement.
    let err = Filter::parse_xml(&text, &schema).unwrap_err();
    assert!(
        err.reason.contains("FILE.FileCreationTime is dateTime"),
        "{err:?}"
    );
    // With a dateTime there, the document has its three groups.
    let text = text.replace("DateTime.Now()", "2024-05-01T12:00:00Z");
    let f = Filter::parse_xml(&text, &schema).unwrap();
    let sizes: Vec<usize> = f.groups.iter().map(Vec::len).collect();
    assert_eq!(sizes, [3, 2, 1]);
    assert_eq!(f.groups[0][0].op, Op::Exists);
    assert_eq!(f.groups[0][0].value, None);
}

#[test]
fn the_canonical_data_model_port_has_two_or_groups_on_the_receive_port() {
    if !common::shared_present() {
        return;
    }
    // SOURCES.md: BTS.ReceivePortName == SystemA OR == SystemB, with the built-in system schema.
    let texts = filter_texts(&fixture(
        "biztalk-server-learning-path__CanonicalDataModelPattern.BindingInfo.xml",
    ));
    let f = texts
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| Filter::parse_xml(t, &PropertySchema::with_system_properties()).unwrap())
        .find(|f| !f.is_empty())
        .unwrap();
    let values: Vec<_> = f
        .groups
        .iter()
        .map(|g| g[0].value.clone().unwrap())
        .collect();
    assert_eq!(values, ["SystemA", "SystemB"]);
}
