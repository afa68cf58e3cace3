//! The indexed matcher always agrees with the naive one: on random schemas, filters and messages, and
//! after subscriptions come and go (design.md 5, domain.md 1.7).

use messagebox_engine::filter::{Filter, Op, Predicate};
use messagebox_engine::matcher::{
    CompiledFilter, IndexedMatcher, Matcher, NaiveMatcher, RoutingProps, SubId,
};
use messagebox_engine::property::{
    Collation, PropId, PropertyName, PropertySchema, Value, XsdType,
};
use messagebox_engine::workload;
use proptest::prelude::*;

const XSD: [XsdType; 5] = [
    XsdType::String,
    XsdType::Int,
    XsdType::Decimal,
    XsdType::Boolean,
    XsdType::DateTime,
];

/// Values from small domains, so that equalities and ranges often hold; strings differ in case too.
fn text_for(xsd: XsdType, n: u8) -> String {
    match xsd {
        XsdType::String => ["a", "A", "b", "c", "ab", ""][n as usize % 6].to_string(),
        XsdType::Int | XsdType::UnsignedInt => (n % 7).to_string(),
        XsdType::Decimal => format!("{}.{}", n % 3, n % 2 * 5),
        XsdType::Boolean => n.is_multiple_of(2).to_string(),
        XsdType::DateTime => format!("2024-01-0{}T00:00:00Z", 1 + n % 4),
    }
}

#[derive(Debug, Clone)]
struct Case {
    types: Vec<XsdType>,
    filters: Vec<Vec<Vec<(usize, usize, u8)>>>,
    messages: Vec<Vec<(usize, u8)>>,
    removals: Vec<usize>,
    collation: Collation,
}

fn case() -> impl Strategy<Value = Case> {
    prop::collection::vec(0..XSD.len(), 1..6).prop_flat_map(|t| {
        let types: Vec<XsdType> = t.iter().map(|i| XSD[*i]).collect();
        let n = types.len();
        let predicate = (0..n, 0..Op::ALL.len(), any::<u8>());
        let filters = prop::collection::vec(
            prop::collection::vec(prop::collection::vec(predicate, 1..4), 0..4),
            0..40,
        );
        let messages =
            prop::collection::vec(prop::collection::vec((0..n, any::<u8>()), 0..n + 1), 1..20);
        let removals = prop::collection::vec(0usize..40, 0..10);
        let collation = prop_oneof![
            Just(Collation::CaseInsensitive),
            Just(Collation::CaseSensitive)
        ];
        (Just(types), filters, messages, removals, collation).prop_map(
            |(types, filters, messages, removals, collation)| Case {
                types,
                filters,
                messages,
                removals,
                collation,
            },
        )
    })
}

fn run(case: &Case) -> Result<(), TestCaseError> {
    let mut schema = PropertySchema::with_system_properties();
    let ids: Vec<PropId> = case
        .types
        .iter()
        .enumerate()
        .map(|(i, xsd)| {
            schema
                .declare(PropertyName::parse(&format!("R.P{i}")).unwrap(), *xsd)
                .unwrap()
        })
        .collect();
    let mut indexed = IndexedMatcher::new();
    let mut naive = NaiveMatcher::default();
    for (s, groups) in case.filters.iter().enumerate() {
        let filter = Filter {
            groups: groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|(p, o, v)| {
                            let op = Op::ALL[*o];
                            Predicate {
                                property: PropertyName::parse(&format!("R.P{p}")).unwrap(),
                                op,
                                value: (op != Op::Exists).then(|| text_for(case.types[*p], *v)),
                            }
                        })
                        .collect()
                })
                .collect(),
        };
        let compiled = CompiledFilter::compile(&filter, &schema, case.collation).unwrap();
        indexed.insert(SubId(s as u64), &compiled);
        naive.insert(SubId(s as u64), &compiled);
    }
    for r in &case.removals {
        indexed.remove(SubId(*r as u64));
        naive.remove(SubId(*r as u64));
    }
    for message in &case.messages {
        let props = RoutingProps::new(
            message.iter().map(|(p, v)| {
                (
                    ids[*p],
                    Value::parse(case.types[*p], &text_for(case.types[*p], *v)).unwrap(),
                )
            }),
            case.collation,
        );
        prop_assert_eq!(
            indexed.matches(&props),
            naive.matches(&props),
            "message {:?}",
            message
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn indexed_agrees_with_naive_on_random_filters_and_messages(case in case()) {
        run(&case)?;
    }
}

#[test]
fn indexed_agrees_with_naive_on_the_benchmark_workload() {
    let w = workload::generate(2_000, 500, 11);
    let mut indexed = IndexedMatcher::new();
    let mut naive = NaiveMatcher::default();
    for (i, f) in w.filters.iter().enumerate() {
        let c = CompiledFilter::compile(f, &w.schema, Collation::default()).unwrap();
        indexed.insert(SubId(i as u64), &c);
        naive.insert(SubId(i as u64), &c);
    }
    let mut total = 0;
    for m in &w.messages {
        let props = RoutingProps::new(m.iter().cloned(), Collation::default());
        let expected = naive.matches(&props);
        total += expected.len();
        assert_eq!(indexed.matches(&props), expected);
    }
    assert!(total > 0, "the workload should produce matches");
}

#[test]
fn a_predicate_on_an_absent_property_is_false_even_for_not_equal() {
    // domain.md 1.7: matching joins stored property values, so != on an absent property is false.
    let mut schema = PropertySchema::with_system_properties();
    let status = schema
        .declare(PropertyName::parse("R.Status").unwrap(), XsdType::String)
        .unwrap();
    let f = Filter::parse_orchestration(r#"R.Status != "X""#, &schema).unwrap();
    let c = CompiledFilter::compile(&f, &schema, Collation::default()).unwrap();
    for mut m in [
        Box::new(IndexedMatcher::new()) as Box<dyn Matcher>,
        Box::new(NaiveMatcher::default()),
    ] {
        m.insert(SubId(1), &c);
        assert!(m
            .matches(&RoutingProps::new([], Collation::default()))
            .is_empty());
        let present = RoutingProps::new([(status, Value::string("Y"))], Collation::default());
        assert_eq!(m.matches(&present), [SubId(1)]);
    }
}
