//! Property types, typed comparison and message context rules (domain.md 1.4, 1.5, 1.7).

use messagebox_engine::filter::Filter;
use messagebox_engine::matcher::{CompiledFilter, RoutingProps};
use messagebox_engine::message::MessageDraft;
use messagebox_engine::property::{
    bpm_schema, Collation, PropertyName, PropertySchema, Value, XsdType,
};

fn matches(filter: &str, schema: &PropertySchema, draft: &MessageDraft) -> bool {
    let filter = Filter::parse_orchestration(filter, schema).unwrap();
    let compiled = CompiledFilter::compile(&filter, schema, Collation::CaseSensitive).unwrap();
    let props = RoutingProps::new(
        draft
            .context
            .promoted()
            .map(|(n, v)| (schema.id(&n.to_string()).unwrap(), v.clone())),
        Collation::CaseSensitive,
    );
    compiled.matches(&props)
}

fn schema_with(name: &str, xsd: XsdType) -> PropertySchema {
    let mut schema = PropertySchema::with_system_properties();
    schema
        .declare(PropertyName::parse(name).unwrap(), xsd)
        .unwrap();
    schema
}

#[test]
fn system_properties_filters_use_are_built_in() {
    // domain.md 1.4 and 1.9: BTS.* and ErrorReport.* need no deployed schema.
    let schema = PropertySchema::with_system_properties();
    for name in [
        "BTS.MessageType",
        "BTS.ReceivePortName",
        "BTS.SPName",
        "BTS.InboundTransportType",
        "ErrorReport.ErrorType",
        "ErrorReport.FailureCode",
        "ErrorReport.ReceivePortName",
    ] {
        assert!(schema.id(name).is_some(), "{name} is not built in");
    }
}

#[test]
fn int_properties_compare_as_numbers_not_text() {
    // domain.md 1.7: comparisons are typed by the property's XSD type ("10" > "9" as numbers).
    let schema = bpm_schema();
    let mut draft = MessageDraft::new("");
    draft.promote_text(&schema, "SV.SeqNum", "10").unwrap();
    assert!(matches("SV.SeqNum > 9", &schema, &draft));
    assert!(!matches("SV.SeqNum < 9", &schema, &draft));
}

#[test]
fn decimal_properties_compare_exactly() {
    // domain.md 1.7: typed comparison; 2.50 and 2.5 are the same decimal.
    let schema = schema_with("Inv.Amount", XsdType::Decimal);
    let mut draft = MessageDraft::new("");
    draft.promote_text(&schema, "Inv.Amount", "2.50").unwrap();
    assert!(matches("Inv.Amount == 2.5", &schema, &draft));
    assert!(matches("Inv.Amount > 2.499", &schema, &draft));
}

#[test]
fn datetime_properties_compare_as_instants() {
    // domain.md 1.7: dateTime compares as an instant, whatever the offset it is written with.
    let schema = schema_with("Inv.Due", XsdType::DateTime);
    let mut draft = MessageDraft::new("");
    draft
        .promote_text(&schema, "Inv.Due", "2024-05-01T14:00:00+02:00")
        .unwrap();
    assert!(matches(
        r#"Inv.Due == "2024-05-01T12:00:00Z""#,
        &schema,
        &draft
    ));
    assert!(matches(
        r#"Inv.Due < "2024-05-01T12:00:01Z""#,
        &schema,
        &draft
    ));
}

#[test]
fn a_decimal_given_for_an_int_property_is_rounded_when_the_subscription_is_made() {
    // domain.md 1.7 (BTS2006 Filters dialog): 9.5 becomes 10.
    assert_eq!(
        Value::parse_filter_value(XsdType::Int, "9.5").unwrap(),
        Value::Int(10)
    );
    let schema = bpm_schema();
    let mut draft = MessageDraft::new("");
    draft.promote_text(&schema, "SV.SeqNum", "10").unwrap();
    assert!(matches("SV.SeqNum == 9.5", &schema, &draft));
}

#[test]
fn a_message_value_for_an_int_property_must_be_whole() {
    // domain.md 1.7: Int must be a whole number; only filter values are rounded.
    let schema = bpm_schema();
    let err = MessageDraft::new("")
        .promote_text(&schema, "SV.SeqNum", "9.5")
        .unwrap_err();
    assert_eq!(err.property, "SV.SeqNum");
    assert!(err.reason.contains("whole number"), "{}", err.reason);
}

#[test]
fn only_promoted_properties_route() {
    // domain.md 1.4: written properties travel with the message but routing ignores them.
    let schema = bpm_schema();
    let mut draft = MessageDraft::new("");
    draft
        .write_text(&schema, "SV.OrderMgrType", "CABLEORDER")
        .unwrap();
    assert!(!matches(
        r#"SV.OrderMgrType == "CABLEORDER""#,
        &schema,
        &draft
    ));
    draft
        .promote_text(&schema, "SV.OrderMgrType", "CABLEORDER")
        .unwrap();
    assert!(matches(
        r#"SV.OrderMgrType == "CABLEORDER""#,
        &schema,
        &draft
    ));
}

#[test]
fn writing_a_promoted_property_demotes_it() {
    // domain.md 1.4: writing the same name and namespace removes the promotion.
    let schema = bpm_schema();
    let mut draft = MessageDraft::new("");
    draft
        .promote_text(&schema, "SV.Status", "ACCEPTED")
        .unwrap();
    draft.write_text(&schema, "SV.Status", "ACCEPTED").unwrap();
    let status = draft
        .context
        .get(&PropertyName::parse("SV.Status").unwrap())
        .unwrap();
    assert!(!status.promoted);
    assert!(!matches(r#"SV.Status == "ACCEPTED""#, &schema, &draft));
}

#[test]
fn writing_null_deletes_the_property() {
    // domain.md 1.4: writing a null deletes the property.
    let schema = bpm_schema();
    let mut draft = MessageDraft::new("");
    draft
        .promote_text(&schema, "SV.Status", "ACCEPTED")
        .unwrap();
    draft.context.write("SV.Status", None).unwrap();
    assert!(draft
        .context
        .get(&PropertyName::parse("SV.Status").unwrap())
        .is_none());
}

#[test]
fn promoted_values_over_the_cap_are_refused() {
    // domain.md 1.4: promoted values are capped at 255/256 characters; the engine allows 256.
    let schema = bpm_schema();
    let mut draft = MessageDraft::new("");
    draft
        .promote_text(&schema, "SV.CustID", &"x".repeat(256))
        .unwrap();
    let err = draft
        .promote_text(&schema, "SV.CustID", &"x".repeat(257))
        .unwrap_err();
    assert!(err.reason.contains("256"), "{}", err.reason);
    // Written values have no cap.
    draft
        .write_text(&schema, "SV.CustID", &"x".repeat(5000))
        .unwrap();
}

#[test]
fn an_undeclared_property_cannot_be_promoted() {
    // domain.md 1.4 / 1.5: promoted properties need a deployed property schema.
    let err = MessageDraft::new("")
        .promote_text(&bpm_schema(), "Other.Prop", "x")
        .unwrap_err();
    assert!(
        err.reason.contains("no deployed property schema"),
        "{}",
        err.reason
    );
}

#[test]
fn unpromotable_types_are_refused_in_a_schema_file() {
    // domain.md 1.5: long, unsignedLong, base64Binary and duration cannot be promoted.
    let err = PropertySchema::parse_lines("A.Ok\tint\nA.Big\tlong\n").unwrap_err();
    assert!(err.0.starts_with("line 2:"), "{err}");
}

#[test]
fn the_full_dotnet_namespace_resolves_to_the_short_prefix() {
    // Binding files write the .NET namespace; the docs write SV. (fixtures SOURCES.md).
    let schema = bpm_schema();
    assert_eq!(
        schema.id("Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.Status"),
        schema.id("SV.Status")
    );
}

#[test]
fn string_collation_is_a_setting() {
    // domain.md 1.7: case sensitivity is [unverified], so it is a setting.
    let a = Value::string("CableOrder");
    assert_eq!(
        a.routing_key(Collation::CaseInsensitive),
        Value::string("cableorder")
    );
    assert_eq!(a.routing_key(Collation::CaseSensitive), a);
}

#[test]
fn the_message_type_comes_from_the_body_part() {
    // domain.md 1.3: namespace#root of the body part; 6.3: the BPM message has a routing and an order part,
    // and the routing part is the body [inferred].
    let schema = bpm_schema();
    let routing = r#"<Routing xmlns="http://Microsoft.Samples.BizTalk.SouthridgeVideo.SchemaClasses.Routing"><Stage>1</Stage></Routing>"#;
    let mut draft = MessageDraft::new("<ns0:Order xmlns:ns0='http://Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.Order.v1'/>")
        .with_part("RoutingPart", routing);
    assert_eq!(draft.parts.len(), 2);
    draft.set_body_part("RoutingPart").unwrap();
    let t = draft.promote_message_type(&schema).unwrap();
    assert_eq!(
        t,
        "http://Microsoft.Samples.BizTalk.SouthridgeVideo.SchemaClasses.Routing#Routing"
    );
    let promoted = draft
        .context
        .get(&PropertyName::parse("BTS.MessageType").unwrap())
        .unwrap();
    assert!(promoted.promoted);
    assert!(draft.set_body_part("NoSuchPart").is_err());
    // A flat-file body has no message type to promote.
    assert!(MessageDraft::new("CUST,1,NS")
        .promote_message_type(&schema)
        .is_err());
}

#[test]
fn a_published_message_cannot_change_changing_means_a_new_message() {
    // domain.md 1.3: messages are immutable once in the MessageBox; changing one means building a new one.
    use messagebox_engine::messagebox::{MessageBox, Publisher};
    let schema = bpm_schema();
    let mut mb = MessageBox::new(schema.clone(), Collation::default());
    let mut draft = MessageDraft::new("<Order xmlns='urn:o'/>").with_part("Extra", "x");
    draft
        .promote_text(&schema, "SV.Status", "ACCEPTED")
        .unwrap();
    let publisher = Publisher::ReceivePort {
        port: "RP".into(),
        failed_message_routing: false,
        two_way: false,
    };
    let (id, _) = mb.publish(draft, &publisher).unwrap();
    let stored = mb.message(id).unwrap().clone();
    assert_eq!(stored.message_type().as_deref(), Some("urn:o#Order"));
    assert_eq!(stored.parts().len(), 2);
    let mut copy = stored.to_draft();
    copy.promote_text(&schema, "SV.Status", "STARTED").unwrap();
    assert_eq!(
        mb.message(id).unwrap(),
        &stored,
        "the stored message is unchanged"
    );
}
