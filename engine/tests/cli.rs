//! The `mbx` command line: route, filter convert and bench, including bad input (exit code 2 with file,
//! line and reason).

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

fn mbx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mbx"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh folder with the given files in it.
fn files(test: &str, contents: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mbx-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in contents {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

const SCHEMA: &str = "# the BPM order properties (domain.md 10.2)\nSV.Status\tstring\nSV.OrderMgrType\tstring\nSV.CustID\tstring\nSV.SeqNum\tint\n";
const FILTERS: &str = "# subscribers of domain.md 10.4\n\
OrderManager\t(SV.Status == \"ACCEPTED\") && (SV.OrderMgrType == \"CABLEORDER\")\n\
VipOrderManager\tSV.Status == \"ACCEPTED\" && SV.OrderMgrType == \"VIPORDER\"\n\
VIP-Audit-SP\tSV.OrderMgrType == \"VIPORDER\"\n\
Catalog-SP\tBTS.MessageType == \"http://ns#Order\"\n";
const MESSAGES: &str = r#"{"id": "M1", "promoted": {"SV.Status": "ACCEPTED", "SV.OrderMgrType": "CABLEORDER", "SV.SeqNum": 1}}
{"id": "M2", "promoted": {"SV.Status": "ACCEPTED", "SV.OrderMgrType": "VIPORDER", "SV.CustID": "900"}}
{"id": "M7", "promoted": {"SV.Status": "ACCEPTED", "SV.OrderMgrType": "UNASSIGNED"}}
{"id": "W", "promoted": {"SV.Status": "ACCEPTED"}, "written": {"SV.OrderMgrType": "CABLEORDER"}}
{"id": "T", "promoted": {"BTS.MessageType": "http://ns#Order"}}
"#;

fn route(dir: &std::path::Path, extra: &[&str]) -> Output {
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    let (s, f, m) = (p("schema.tsv"), p("filters.tsv"), p("messages.jsonl"));
    let mut args = vec!["route", "--schema", &s, "--filters", &f, "--messages", &m];
    args.extend_from_slice(extra);
    mbx(&args)
}

#[test]
fn route_prints_the_matches_of_each_message_in_file_order() {
    let dir = files(
        "route",
        &[
            ("schema.tsv", SCHEMA),
            ("filters.tsv", FILTERS),
            ("messages.jsonl", MESSAGES),
        ],
    );
    let out = route(&dir, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let matched = |i: usize| lines[i]["matched"].clone();
    assert_eq!(lines[0]["id"], "M1");
    assert_eq!(matched(0), serde_json::json!(["OrderManager"]));
    assert_eq!(
        matched(1),
        serde_json::json!(["VipOrderManager", "VIP-Audit-SP"])
    );
    assert_eq!(matched(2), serde_json::json!([]));
    // A written mark does not route (domain.md 1.4).
    assert_eq!(matched(3), serde_json::json!([]));
    // A '#' inside a value is data, not a comment.
    assert_eq!(matched(4), serde_json::json!(["Catalog-SP"]));
    assert!(lines[0].get("explain").is_none());
}

#[test]
fn route_explain_shows_each_predicate_and_the_value_seen() {
    let dir = files(
        "explain",
        &[
            ("schema.tsv", SCHEMA),
            ("filters.tsv", FILTERS),
            ("messages.jsonl", MESSAGES),
        ],
    );
    let out = route(&dir, &["--explain"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().nth(3).unwrap()).unwrap();
    let manager = &written["explain"][0];
    assert_eq!(manager["subscription"], "OrderManager");
    assert_eq!(manager["matched"], false);
    let mark = &manager["groups"][0]["predicates"][1];
    assert_eq!(mark["predicate"], r#"(SV.OrderMgrType == "CABLEORDER")"#);
    assert_eq!(mark["holds"], false);
    assert_eq!(mark["seen"], "written, not promoted");
    assert_eq!(mark["value"], "CABLEORDER");
}

#[test]
fn bad_input_names_the_file_and_line_and_exits_2() {
    let bad_filter = "OrderManager\tSV.Status == ACCEPTED\n";
    let dir = files(
        "bad-filter",
        &[
            ("schema.tsv", SCHEMA),
            ("filters.tsv", bad_filter),
            ("messages.jsonl", MESSAGES),
        ],
    );
    let out = route(&dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("filters.tsv:1: filter column 14"), "{err}");
    assert!(err.contains("double quotes"), "{err}");

    let bad_message = "{\"id\": 1, \"promoted\": {\"SV.SeqNum\": \"one\"}}\n";
    let dir = files(
        "bad-message",
        &[
            ("schema.tsv", SCHEMA),
            ("filters.tsv", FILTERS),
            ("messages.jsonl", bad_message),
        ],
    );
    let err = stderr(&route(&dir, &[]));
    assert!(
        err.contains("messages.jsonl:1: promoted.SV.SeqNum"),
        "{err}"
    );

    let dir = files(
        "bad-schema",
        &[
            ("schema.tsv", "SV.Status string\n"),
            ("filters.tsv", FILTERS),
            ("messages.jsonl", MESSAGES),
        ],
    );
    let out = route(&dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("schema.tsv: line 1: expected NS.Name<TAB>xsd-type"),
        "{}",
        stderr(&out)
    );

    let out = mbx(&[
        "route",
        "--schema",
        "/nonexistent",
        "--filters",
        "x",
        "--messages",
        "y",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent: cannot read"));
}

#[test]
fn filter_convert_detects_the_notation_and_prints_another() {
    let orchestration =
        r#"(SV.Status == "ACCEPTED") && (SV.OrderMgrType == "CABLEORDER") || SV.CustID exists"#;
    let xml = stdout(&mbx(&["filter", "convert", "--to", "xml", orchestration]));
    assert_eq!(
        xml.trim(),
        r#"<Filter><Group><Statement Property="SV.Status" Operator="0" Value="ACCEPTED" /><Statement Property="SV.OrderMgrType" Operator="0" Value="CABLEORDER" /></Group><Group><Statement Property="SV.CustID" Operator="6" /></Group></Filter>"#
    );
    let rows = stdout(&mbx(&["filter", "convert", "--to", "rows", xml.trim()]));
    assert_eq!(rows.lines().next(), Some("SV.Status | == | ACCEPTED | And"));
    let back = stdout(&mbx(&[
        "filter",
        "convert",
        "--to",
        "orchestration",
        rows.trim(),
    ]));
    assert_eq!(
        back.trim(),
        r#"(SV.Status == "ACCEPTED") && (SV.OrderMgrType == "CABLEORDER") || (SV.CustID exists)"#
    );

    let out = mbx(&["filter", "convert", "--to", "xml", "SV.Status =="]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("column"), "{}", stderr(&out));
}

#[test]
fn bench_prints_one_json_line_and_the_matchers_agree() {
    let out = mbx(&[
        "bench",
        "--subscriptions",
        "300",
        "--messages",
        "200",
        "--seed",
        "3",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["subscriptions"], 300);
    assert_eq!(line["messages"], 200);
    assert_eq!(line["agree"], true);
    assert!(line["indexed_msgs_per_sec"].as_f64().unwrap() > 0.0);
    assert!(line["naive_msgs_per_sec"].as_f64().unwrap() > 0.0);
}

#[test]
fn run_prints_the_default_scenarios_outcome_and_its_trace() {
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/default.json");
    let out = mbx(&["run", scenario]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let instances = summary["groups"]["SRV-SEA"]["instances"]
        .as_array()
        .unwrap();
    let managers: Vec<(&str, &str)> = instances
        .iter()
        .filter(|i| i["orchestration"] == "OrderManager")
        .map(|i| (i["state"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    // domain.md 10.5: A (M1) and C (M3, updated by M4) complete; M8's instance takes the terminate branch.
    assert_eq!(
        managers,
        [
            ("completed", "COMPLETED"),
            ("completed", "COMPLETED"),
            ("completed", "TERMINATED")
        ]
    );
    assert_eq!(
        summary["groups"]["SRV-SEA"]["routing_failure_reports"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let traced = mbx(&["run", scenario, "--until", "1000", "--trace"]);
    let lines: Vec<serde_json::Value> = stdout(&traced)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() > 20);
    assert!(lines.iter().all(|l| l["at"].as_u64().unwrap() <= 1000));
}

#[test]
fn run_refuses_a_bad_scenario_naming_the_field() {
    let dir = files(
        "bad-scenario",
        &[(
            "s.json",
            r#"{"format": 1, "id": "x", "title": "t", "summary": "", "groups": [], "script": [{"at": 0, "command": {"do": "submit", "group": "NOPE", "location": "L", "body": ""}}]}"#,
        )],
    );
    let out = mbx(&["run", &dir.join("s.json").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("script[0].command.group"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_readme_scenario_example_runs() {
    if !common::shared_present() {
        return;
    }
    // Keeps the README true: its example scenario parses, builds and routes the job to the port.
    let readme = include_str!("../../README.md");
    let start = readme.find("```json\n").expect("a json example") + "```json\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let dir = files("readme", &[("tiny.json", &readme[start..end])]);
    let out = mbx(&["run", &dir.join("tiny.json").to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        summary["groups"]["G"]["messages"][0]["copies"],
        serde_json::json!(["Jobs-SP"])
    );
    assert_eq!(summary["groups"]["G"]["endpoints"]["jobs"], 1);
}

fn fixture_path(name: &str) -> String {
    common::biztalk_fixture(name).display().to_string()
}

#[test]
fn import_bindings_prints_what_was_understood_and_the_warnings() {
    if !common::shared_present() {
        return;
    }
    let out = mbx(&[
        "import-bindings",
        &fixture_path("biztalk-factory__bindings.xml"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(!v["send_ports"].as_array().unwrap().is_empty());
    assert!(!v["warnings"].as_array().unwrap().is_empty());
    let out = mbx(&["import-bindings", &fixture_path("ours__R-007_context.xml")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 1: expected <BindingInfo>"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_says_which_subscribers_of_a_binding_file_a_context_matches_and_why() {
    if !common::shared_present() {
        return;
    }
    let out = mbx(&[
        "explain",
        "--bindings",
        &fixture_path("ours__SRV-SEA.BPM.BindingInfo.xml"),
        "--context",
        &fixture_path("ours__R-001-written-mark_context.xml"),
        "--schema",
        &fixture_path("ours__OrderPropertySchema.xsd"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // No send port takes the written mark; the OrderBroker, bound to the receive port the order came
    // through, does.
    let broker = "orchestration Microsoft.Samples.BizTalk.SouthridgeVideo.OrderBroker.OrderBroker";
    assert_eq!(v["matched"], serde_json::json!([broker]));
    assert_eq!(v["verdict"]["outcome"], "delivered");
    assert_eq!(
        v["verdict"]["copies"],
        serde_json::json!([{"to": broker, "copies": 1}])
    );
    let assumptions = v["assumptions"].to_string();
    for said in [
        "no state for send ports",
        "case-insensitively",
        "host instance",
    ] {
        assert!(assumptions.contains(said), "{said}: {assumptions}");
    }
    let bridge = v["subscribers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["subscriber"] == "send port SEA-To-DUB-CableOrders-SP")
        .unwrap();
    let mark = bridge["groups"][1]["predicates"][1].clone();
    assert_eq!(mark["seen"], "written, not promoted");
    assert_eq!(mark["holds"], false);
    assert_eq!(mark["added_by_engine"], false);
    // The port's own transport id is the group BizTalk added.
    assert_eq!(bridge["groups"][0]["added_by_engine"], true);
    assert_eq!(bridge["groups"][1]["added_by_engine"], false);
    assert_eq!(
        bridge["groups"][0]["predicates"][0]["added_by_engine"],
        true
    );
}

#[test]
fn explain_takes_states_and_says_a_stopped_orchestration_holds_the_message() {
    if !common::shared_present() {
        return;
    }
    let run = |state: &str| {
        let out = mbx(&[
            "explain",
            "--bindings",
            &fixture_path("ours__SRV-SEA.BPM.BindingInfo.xml"),
            "--context",
            &fixture_path("ours__R-001-written-mark_context.xml"),
            "--state",
            &format!("Microsoft.Samples.BizTalk.SouthridgeVideo.OrderBroker.OrderBroker={state}"),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap()
    };
    assert_eq!(
        run("Stopped")["verdict"]["outcome"],
        "held (suspended, resumable)"
    );
    assert_eq!(run("Unenlisted")["verdict"]["outcome"], "routing failure");
    let out = mbx(&[
        "explain",
        "--bindings",
        &fixture_path("ours__SRV-SEA.BPM.BindingInfo.xml"),
        "--context",
        &fixture_path("ours__R-001-written-mark_context.xml"),
        "--state",
        "X=Running",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not Started"), "{}", stderr(&out));
}

/// A property schema as Visual Studio writes one (targetNamespace https://<.NET namespace>.<name>),
/// saved in UTF-16 as BizTalk's tools do.
const ACME_XSD: &str = r#"<?xml version="1.0" encoding="utf-16"?>
<xs:schema xmlns:b="http://schemas.microsoft.com/BizTalk/2003" targetNamespace="https://Acme.Schemas.PropertySchema" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:annotation><xs:appinfo><b:schemaInfo schema_type="property" /></xs:appinfo></xs:annotation>
  <xs:element name="Priority" type="xs:int" />
</xs:schema>"#;

#[test]
fn filter_convert_takes_a_biztalk_property_schema_and_types_the_values_by_it() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(ACME_XSD.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = files("xsd", &[]);
    std::fs::write(dir.join("acme.xsd"), utf16).unwrap();
    let xsd = dir.join("acme.xsd").display().to_string();
    let out = mbx(&[
        "filter",
        "convert",
        "--to",
        "xml",
        "--schema",
        &xsd,
        "Acme.Schemas.Priority > 3",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(r#"Property="Acme.Schemas.Priority" Operator="3" Value="3""#));
    assert!(
        stderr(&out).contains("Acme.Schemas.*"),
        "the link is said: {}",
        stderr(&out)
    );
    let out = mbx(&[
        "filter",
        "convert",
        "--to",
        "xml",
        "--schema",
        &xsd,
        r#"Acme.Schemas.Priority > "high""#,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("int"), "{}", stderr(&out));
    // The demo's SV.* properties are not there when a schema is given.
    let out = mbx(&[
        "filter",
        "convert",
        "--to",
        "xml",
        "--schema",
        &xsd,
        r#"SV.Status == "A""#,
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_command_is_described_by_its_own_help_line() {
    let o = mbx(&["--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    let line = |command: &str| {
        help.lines()
            .find(|l| l.trim_start().starts_with(&format!("{command} ")))
            .unwrap_or_else(|| panic!("{command} is listed: {help}"))
            .to_string()
    };
    for command in [
        "scenarios",
        "route",
        "filter",
        "run",
        "import-bindings",
        "plan-move",
        "export-bindings",
        "explain",
        "bench",
    ] {
        let described = line(command);
        assert!(
            described.trim_start()[command.len()..].trim().len() > 10,
            "{command} has a description: {described}"
        );
    }
    assert!(line("plan-move").contains("Plan moving an application"));
    assert!(line("export-bindings").contains("binding file"));
    assert!(!line("plan-move").contains("binding file"));
}
