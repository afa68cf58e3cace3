//! The scenario header: the shipped files parse, and bad files are refused with the field and reason.

use messagebox_engine::scenario::{shipped, ScenarioSummary};

#[test]
fn shipped_scenarios_parse_and_the_default_comes_first() {
    let all = shipped().expect("shipped scenarios parse");
    let ids: Vec<_> = all.iter().map(|s| s.summary.id.as_str()).collect();
    assert_eq!(ids, ["bpm-default", "bpm-split-groups", "empty"]);
    // Every shipped scenario also builds a world.
    for s in &all {
        messagebox_engine::scenario::Scenario::from_json(s.text)
            .unwrap()
            .build()
            .unwrap();
    }
    let groups: Vec<_> = all[0]
        .summary
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    // domain.md 10.1: the Seattle hub and the Dublin order-processing centre.
    assert_eq!(groups, ["SRV-SEA", "SRV-DUB"]);
}

#[test]
fn a_newer_format_is_refused_by_field() {
    let err =
        ScenarioSummary::from_json(r#"{"format":2,"id":"x","title":"t","summary":"","groups":[]}"#)
            .unwrap_err();
    assert_eq!(err.field, "format");
    assert!(err.reason.contains("format 1"), "{}", err.reason);
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = ScenarioSummary::from_json("{\n  \"format\": 1,\n  \"id\": }").unwrap_err();
    assert_eq!(err.field, "line 3, column 9");
}

#[test]
fn duplicate_group_names_are_refused() {
    let text = r#"{"format":1,"id":"x","title":"t","summary":"","groups":[
        {"name":"A","site":"s","team":"t"},{"name":"A","site":"s","team":"t"}]}"#;
    let err = ScenarioSummary::from_json(text).unwrap_err();
    assert_eq!(err.field, "groups[1].name");
}
