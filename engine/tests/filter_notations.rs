//! Filters in the three notations: parsing, printing, conversion, and errors with position and reason
//! (domain.md 1.7 and 2).

use messagebox_engine::filter::{
    Expr, Filter, FilterRow, GroupBy, Notation, Op, Position, Predicate,
};
use messagebox_engine::property::{bpm_schema, PropertyName, PropertySchema};

const MANAGER: &str = r#"(SV.Status == "ACCEPTED") && (SV.OrderMgrType == "CABLEORDER")"#;

fn schema() -> PropertySchema {
    bpm_schema()
}

fn parse(text: &str) -> Filter {
    Filter::parse_orchestration(text, &schema()).unwrap()
}

fn error(text: &str) -> (Position, String) {
    let e = Filter::parse_orchestration(text, &schema()).unwrap_err();
    (e.position, e.reason)
}

#[test]
fn the_order_managers_filter_is_one_and_group() {
    // domain.md 10.4: Status == ACCEPTED AND OrderMgrType == CABLEORDER.
    let f = parse(MANAGER);
    assert_eq!(f.groups.len(), 1);
    assert_eq!(f.groups[0].len(), 2);
    assert_eq!(f.groups[0][1].value.as_deref(), Some("CABLEORDER"));
    assert_eq!(f.to_orchestration(&schema()), MANAGER);
}

#[test]
fn or_separates_groups_and_and_binds_tighter() {
    // domain.md 2: DNF, OR of AND-groups.
    let f =
        parse(r#"SV.Status == "ACCEPTED" && SV.OrderMgrType == "CABLEORDER" || SV.CustID exists"#);
    assert_eq!(f.groups.len(), 2);
    assert_eq!(f.groups[1][0].op, Op::Exists);
    assert_eq!(f.groups[1][0].value, None);
}

#[test]
fn nested_expressions_are_normalised_to_dnf() {
    // domain.md 1.7: groups cannot be nested; the expression becomes an OR of AND-groups.
    let f = parse(
        r#"SV.Status == "ACCEPTED" && (SV.OrderMgrType == "CABLEORDER" || SV.OrderMgrType == "VIPORDER")"#,
    );
    assert_eq!(f.groups.len(), 2);
    assert!(f
        .groups
        .iter()
        .all(|g| g.len() == 2 && g[0].property.to_string() == "SV.Status"));
}

#[test]
fn dnf_expansion_past_the_limit_is_a_clear_error() {
    let p = |v: &str| {
        Expr::Pred(Predicate {
            property: PropertyName::parse("SV.CustID").unwrap(),
            op: Op::Eq,
            value: Some(v.into()),
        })
    };
    // (a || b) && (c || d) && ... eight times expands to 2^8 = 256 groups.
    let expr = Expr::And(
        (0..8)
            .map(|i| Expr::Or(vec![p(&format!("a{i}")), p(&format!("b{i}"))]))
            .collect(),
    );
    assert_eq!(expr.group_count(), 256);
    let err = Filter::from_expr(&expr, 64).unwrap_err();
    assert_eq!(err.position, Position::Whole);
    assert!(
        err.reason.contains("256 AND-groups; the limit is 64"),
        "{}",
        err.reason
    );
    assert_eq!(Filter::from_expr(&expr, 256).unwrap().groups.len(), 256);
}

#[test]
fn an_unknown_property_is_named_with_its_column() {
    let (pos, reason) = error(r#"SV.Status == "ACCEPTED" && SV.Colour == "red""#);
    assert_eq!(pos, Position::Column(28));
    assert!(reason.contains("unknown property SV.Colour"), "{reason}");
}

#[test]
fn string_values_must_be_quoted_in_orchestration_syntax() {
    // domain.md 2: string constants must be in double quotes.
    let (pos, reason) = error("SV.Status == ACCEPTED");
    assert_eq!(pos, Position::Column(14), "{reason}");
    assert!(reason.contains("must be in double quotes"), "{reason}");
    let (pos, reason) = error("SV.Status == 5");
    assert_eq!(pos, Position::Column(14));
    assert!(reason.contains("must be in double quotes"), "{reason}");
}

#[test]
fn a_value_of_the_wrong_type_is_refused() {
    let (pos, reason) = error(r#"SV.SeqNum == "one""#);
    assert_eq!(pos, Position::Column(14));
    assert!(reason.contains("value of the wrong type"), "{reason}");
    let (_, reason) = error("SV.SeqNum == 1x");
    assert!(reason.contains("not a number"), "{reason}");
    let (_, reason) = error("SV.Stage == -1");
    assert!(reason.contains("unsignedInt"), "{reason}");
}

#[test]
fn a_missing_operator_is_reported_after_the_property() {
    let (pos, reason) = error(r#"SV.Status "ACCEPTED""#);
    assert_eq!(pos, Position::Column(11));
    assert!(
        reason.starts_with("operator missing after SV.Status"),
        "{reason}"
    );
    let (_, reason) = error(r#"SV.Status = "ACCEPTED""#);
    assert!(reason.contains("use =="), "{reason}");
}

#[test]
fn unbalanced_parentheses_point_at_the_culprit() {
    let (pos, reason) = error(r#"(SV.Status == "ACCEPTED""#);
    assert_eq!(pos, Position::Column(1));
    assert!(reason.contains("never closed"), "{reason}");
    let (pos, reason) = error(r#"SV.Status == "ACCEPTED")"#);
    assert_eq!(pos, Position::Column(24));
    assert!(reason.contains("no matching '('"), "{reason}");
}

#[test]
fn exists_takes_no_value() {
    let (pos, reason) = error(r#"SV.CustID exists "7""#);
    assert_eq!(pos, Position::Column(18));
    assert!(reason.contains("exists takes no value"), "{reason}");
}

#[test]
fn an_empty_group_is_refused_where_a_user_writes_it_and_ignored_in_stored_xml() {
    let (pos, reason) = error(r#"SV.Status == "ACCEPTED" && ()"#);
    assert_eq!(pos, Position::Column(28));
    assert!(reason.starts_with("empty group"), "{reason}");

    // Filter XML is what BizTalk stores: its empty `<Group/>` (the SDK samples end with one) is ignored.
    let xml = r#"<Filter><Group><Statement Property="SV.Status" Operator="0" Value="A"/></Group><Group/></Filter>"#;
    assert_eq!(Filter::parse_xml(xml, &schema()).unwrap().groups.len(), 1);

    let rows = "SV.Status | == | ACCEPTED | Or";
    let e = Filter::parse_rows_text(rows, &schema()).unwrap_err();
    assert_eq!(
        e.position,
        Position::Row {
            row: 1,
            column: "Group by"
        }
    );
    assert!(e.reason.starts_with("empty group"), "{}", e.reason);
}

#[test]
fn an_empty_text_means_no_filter() {
    // Orchestration filters may be empty (domain.md 2); <Filter /> means "no filter" (fixtures SOURCES.md).
    assert!(parse("   ").is_empty());
    assert!(Filter::parse_xml("<Filter />", &schema())
        .unwrap()
        .is_empty());
}

#[test]
fn rows_group_by_and_joins_the_next_row_and_or_closes_the_group() {
    // domain.md 2: AND joins a row with the next row; OR closes the group.
    let row = |p: &str, op: &str, v: &str, g| FilterRow {
        property: p.into(),
        operator: op.into(),
        value: v.into(),
        group_by: g,
    };
    let rows = vec![
        row("SV.OrderMgrType", "==", "VIPORDER", GroupBy::Or),
        row("SV.CustID", "==", "900", GroupBy::And),
        row("SV.SeqNum", ">", "1", GroupBy::And),
    ];
    let f = Filter::from_rows(&rows, &schema()).unwrap();
    assert_eq!(f.groups.len(), 2);
    assert_eq!(f.groups[1].len(), 2);
    assert_eq!(f.to_rows(), rows);
    // Send-port values are unquoted (domain.md 2): VIPORDER, not "VIPORDER".
    assert_eq!(
        f.to_rows_text().lines().next(),
        Some("SV.OrderMgrType | == | VIPORDER | Or")
    );
}

#[test]
fn a_bad_row_names_its_row_and_column() {
    let e = Filter::parse_rows_text(
        "SV.Status | == | A | And\nSV.SeqNum |  | 3 | And",
        &schema(),
    )
    .unwrap_err();
    assert_eq!(
        e.position,
        Position::Row {
            row: 2,
            column: "Operator"
        }
    );
    assert!(e.reason.starts_with("operator missing"), "{}", e.reason);
    let e = Filter::parse_rows_text("SV.SeqNum | >= | three | And", &schema()).unwrap_err();
    assert_eq!(
        e.position,
        Position::Row {
            row: 1,
            column: "Value"
        }
    );
}

#[test]
fn xml_operator_codes_are_zero_to_six() {
    // domain.md 1.7: 0 ==, 1 <, 2 <=, 3 >, 4 >=, 5 !=, 6 Exists.
    let symbols: Vec<_> = (0..7).map(|c| Op::from_code(c).unwrap().symbol()).collect();
    assert_eq!(symbols, ["==", "<", "<=", ">", ">=", "!=", "exists"]);
    assert_eq!(Op::from_code(7), None);
    let e = Filter::parse_xml(r#"<Filter><Group><Statement Property="SV.Status" Operator="9" Value="A"/></Group></Filter>"#, &schema())
        .unwrap_err();
    assert!(e.reason.contains("unknown operator code"), "{}", e.reason);
}

#[test]
fn malformed_xml_reports_line_and_column() {
    let e = Filter::parse_xml("<Filter>\n  <Group>\n</Filter>", &schema()).unwrap_err();
    assert!(matches!(e.position, Position::Xml { line: 3, .. }), "{e}");
}

#[test]
fn notations_convert_into_each_other() {
    let s = schema();
    let f = parse(r#"(SV.Status == "ACCEPTED") && (SV.SeqNum >= 2) || (SV.CustID exists)"#);
    let via_xml = Filter::parse_xml(&f.to_xml(), &s).unwrap();
    let via_rows = Filter::parse_rows_text(&f.to_rows_text(), &s).unwrap();
    assert_eq!(via_xml, f);
    assert_eq!(via_rows, f);
    assert_eq!(Notation::detect(&f.to_xml()), Notation::Xml);
    assert_eq!(Notation::detect(&f.to_rows_text()), Notation::Rows);
    assert_eq!(Notation::detect(MANAGER), Notation::Orchestration);
}

#[test]
fn quotes_and_backslashes_in_values_survive_printing() {
    let f = parse(r#"SV.CustID == "a \"quoted\" \\ value""#);
    assert_eq!(
        f.groups[0][0].value.as_deref(),
        Some(r#"a "quoted" \ value"#)
    );
    assert_eq!(parse(&f.to_orchestration(&schema())), f);
}
