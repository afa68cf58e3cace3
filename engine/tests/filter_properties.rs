//! Property tests: every notation prints and parses back to the same filter, printing is stable, and no
//! parser panics on arbitrary input (design.md 5, domain.md 1.7).

use messagebox_engine::filter::{Filter, Op, Predicate};
use messagebox_engine::property::{PropertyName, PropertySchema, XsdType};
use messagebox_engine::scenario::ScenarioSummary;
use proptest::prelude::*;

const TYPES: [(&str, XsdType); 6] = [
    ("T.Text", XsdType::String),
    ("T.Count", XsdType::Int),
    ("T.Stage", XsdType::UnsignedInt),
    ("T.Amount", XsdType::Decimal),
    ("T.Flag", XsdType::Boolean),
    ("T.When", XsdType::DateTime),
];

fn schema() -> PropertySchema {
    let mut s = PropertySchema::with_system_properties();
    for (name, xsd) in TYPES {
        s.declare(PropertyName::parse(name).unwrap(), xsd).unwrap();
    }
    s
}

fn value_for(xsd: XsdType) -> BoxedStrategy<String> {
    match xsd {
        // Printable text with the characters each notation must escape: quotes, backslash, |, <, &, newline.
        XsdType::String => "[a-zA-Z0-9 \"\\\\|<>&'\\n\\t#.=()-]{0,10}".boxed(),
        XsdType::Int => (-5000i64..5000).prop_map(|n| n.to_string()).boxed(),
        XsdType::UnsignedInt => (0u32..100_000).prop_map(|n| n.to_string()).boxed(),
        XsdType::Decimal => (-100_000i64..100_000, 0u32..4)
            .prop_map(|(n, scale)| rust_decimal::Decimal::new(n, scale).to_string())
            .boxed(),
        XsdType::Boolean => {
            prop_oneof![Just("true".to_string()), Just("false".to_string())].boxed()
        }
        XsdType::DateTime => (0i64..2_000_000_000)
            .prop_map(|s| {
                chrono::DateTime::from_timestamp(s, 0)
                    .unwrap()
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            })
            .boxed(),
    }
}

fn predicate() -> impl Strategy<Value = Predicate> {
    (0..TYPES.len(), 0..Op::ALL.len()).prop_flat_map(|(t, o)| {
        let (name, xsd) = TYPES[t];
        let op = Op::ALL[o];
        let value = if op == Op::Exists {
            Just(None).boxed()
        } else {
            value_for(xsd).prop_map(Some).boxed()
        };
        value.prop_map(move |value| Predicate {
            property: PropertyName::parse(name).unwrap(),
            op,
            value,
        })
    })
}

fn filter() -> impl Strategy<Value = Filter> {
    prop::collection::vec(prop::collection::vec(predicate(), 1..4), 0..4)
        .prop_map(|groups| Filter { groups })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn orchestration_syntax_round_trips(f in filter()) {
        let s = schema();
        let printed = f.to_orchestration(&s);
        let parsed = Filter::parse_orchestration(&printed, &s).map_err(|e| TestCaseError::fail(format!("{e}: {printed}")))?;
        prop_assert_eq!(&parsed, &f);
        prop_assert_eq!(parsed.to_orchestration(&s), printed);
    }

    #[test]
    fn send_port_rows_round_trip(f in filter()) {
        let s = schema();
        prop_assert_eq!(Filter::from_rows(&f.to_rows(), &s).unwrap(), f.clone());
        let printed = f.to_rows_text();
        let parsed = Filter::parse_rows_text(&printed, &s).map_err(|e| TestCaseError::fail(format!("{e}: {printed}")))?;
        prop_assert_eq!(&parsed, &f);
        prop_assert_eq!(parsed.to_rows_text(), printed);
    }

    #[test]
    fn binding_xml_round_trips(f in filter()) {
        let s = schema();
        let printed = f.to_xml();
        let parsed = Filter::parse_xml(&printed, &s).map_err(|e| TestCaseError::fail(format!("{e}: {printed}")))?;
        prop_assert_eq!(&parsed, &f);
        prop_assert_eq!(parsed.to_xml(), printed.clone());
        // Escaped, as inside a binding file's <Filter> element.
        let escaped = printed.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        prop_assert_eq!(Filter::parse_xml(&escaped, &s).unwrap(), f);
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(text in "\\PC{0,80}") {
        let s = schema();
        let _ = Filter::parse_orchestration(&text, &s);
        let _ = Filter::parse_rows_text(&text, &s);
        let _ = Filter::parse_xml(&text, &s);
        let _ = PropertySchema::parse_lines(&text);
        let _ = ScenarioSummary::from_json(&text);
    }

    #[test]
    fn parsers_never_panic_on_near_valid_text(f in filter(), cut in 0usize..200, junk in "[()&|=!<>\"' a-z.]{0,4}") {
        // Damaged versions of valid filters reach deeper into the parsers than random text does.
        let s = schema();
        for printed in [f.to_orchestration(&s), f.to_rows_text(), f.to_xml()] {
            let at = printed.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(printed.len());
            let damaged = format!("{}{junk}{}", &printed[..at], &printed[at..]);
            let _ = Filter::parse_orchestration(&damaged, &s);
            let _ = Filter::parse_rows_text(&damaged, &s);
            let _ = Filter::parse_xml(&damaged, &s);
        }
    }
}
