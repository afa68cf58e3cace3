//! The engine reads and writes xs:dateTime without chrono (property/datetime.rs); it must accept, reject
//! and print exactly what it did through chrono. chrono stays a dev-dependency as the reference.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use messagebox_engine::property::{Value, XsdType};
use proptest::prelude::*;

/// The engine's former parse_instant, verbatim.
fn chrono_instant(text: &str) -> Option<i64> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.timestamp_millis());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Some(dt.and_utc().timestamp_millis());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc().timestamp_millis())
}

/// The engine's former Display of a dateTime value.
fn chrono_display(ms: i64) -> String {
    match DateTime::from_timestamp_millis(ms) {
        Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        None => format!("{ms}ms"),
    }
}

fn check(text: &str) {
    let ours = match Value::parse(XsdType::DateTime, text) {
        Ok(Value::DateTime(ms)) => Some(ms),
        Ok(other) => panic!("{text:?} parsed as {other:?}"),
        Err(_) => None,
    };
    assert_eq!(ours, chrono_instant(text.trim()), "parsing {text:?}");
    if let Some(ms) = ours {
        assert_eq!(
            Value::DateTime(ms).to_string(),
            chrono_display(ms),
            "printing {text:?}"
        );
    }
}

#[test]
fn hand_picked_texts_agree_with_chrono() {
    for text in [
        "2024-05-01T12:00:00Z",
        "2024-05-01t12:00:00z",
        "2024-05-01 12:00:00Z",
        "2024-05-01T12:00:00.5Z",
        "2024-05-01T12:00:00.123456789123Z",
        "2024-05-01T12:00:00.Z",
        "2024-05-01T12:00:00+05:30",
        "2024-05-01T12:00:00-05:30",
        "2024-05-01T12:00:00\u{2212}05:30",
        "2024-05-01T12:00:00+23:59",
        "2024-05-01T12:00:00+24:00",
        "2024-05-01T12:00:00+05:60",
        "2024-05-01T12:00:00+0530",
        "2024-05-01T12:00:00+05",
        "2024-05-01T12:00:00+05:30:00",
        "2024-05-01T12:00:00",
        "2024-05-01T12:00:00.25",
        "2024-05-01T12:00",
        "2024-05-01T24:00:00",
        "2024-05-01T23:59:60",
        "2024-05-01T23:59:60.5Z",
        "2024-05-01T12:00:60.999",
        "2024-05-01T12:00:61",
        "2024-05-01",
        "2024-5-1",
        "2024-5-1T1:2:3",
        "2024-05-01T 1:02:03",
        "2024-05- 1",
        "+2024-05-01",
        "-0001-12-31T23:59:59.999",
        "-262143-01-01",
        "-262144-12-31",
        "262142-12-31T23:59:59.999",
        "262143-01-01",
        "0000-01-01T00:00:00+00:01",
        "9999-12-31T23:59:59-23:59",
        "2023-02-29",
        "2024-02-29",
        "1900-02-29",
        "2000-02-29T00:00:00Z",
        "2024-13-01",
        "2024-00-01",
        "2024-04-31",
        "20240-01-01",
        "99999999999999999999-01-01",
        "  2024-05-01T12:00:00Z  ",
        "",
        "T",
        "2024",
        "2024-05-01T12:00:00Zjunk",
        "２０２４-05-01",
        "2024-05-01T12:00:00.１Z",
    ] {
        check(text);
    }
}

#[test]
fn printing_agrees_with_chrono_at_the_edges() {
    let max = DateTime::<chrono::Utc>::MAX_UTC.timestamp_millis();
    let min = DateTime::<chrono::Utc>::MIN_UTC.timestamp_millis();
    for ms in [
        0,
        -1,
        1,
        999,
        -999,
        -1000,
        -1001,
        86_399_999,
        -86_400_001,
        253_402_300_799_999,
        253_402_300_800_000,
        -62_167_219_200_000,
        -62_167_219_200_001,
        max,
        max + 1,
        min,
        min - 1,
        i64::MAX,
        i64::MIN,
    ] {
        assert_eq!(Value::DateTime(ms).to_string(), chrono_display(ms), "{ms}");
    }
}

const TOKENS: &[&str] = &[
    "2024",
    "0000",
    "9999",
    "1970",
    "262142",
    "-",
    "+",
    "\u{2212}",
    "01",
    "1",
    "02",
    "12",
    "13",
    "00",
    "28",
    "29",
    "30",
    "31",
    "T",
    "t",
    " ",
    ":",
    "59",
    "60",
    "61",
    "23",
    "24",
    ".",
    "5",
    "123",
    "123456789",
    "1234567890",
    "Z",
    "z",
    "05:30",
    "23:59",
    "24:00",
    "x",
];

fn well_formed() -> impl Strategy<Value = String> {
    (
        (-2i64..10_001, 0usize..3),
        (0i64..14, 0i64..33),
        prop::option::of(((0i64..26, 0i64..61, 0i64..62), 0usize..4, 0usize..6)),
        prop::sample::select(vec!["", "T", "t", " "]),
    )
        .prop_map(|((y, yw), (mo, d), time, sep)| {
            let year = match yw {
                0 => format!("{y:04}"),
                1 => format!("{y}"),
                _ => format!("{y:+}"),
            };
            let mut s = format!("{year}-{mo:02}-{d:02}");
            if let Some(((h, mi, se), frac, off)) = time {
                s.push_str(if sep.is_empty() { "T" } else { sep });
                s.push_str(&format!("{h:02}:{mi:02}:{se:02}"));
                s.push_str(["", ".5", ".123", ".1234567891"][frac]);
                s.push_str(["", "Z", "z", "+01:00", "-12:45", "+24:00"][off]);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn generated_texts_agree_with_chrono(text in well_formed()) {
        check(&text);
    }

    #[test]
    fn token_soup_agrees_with_chrono(tokens in prop::collection::vec(prop::sample::select(TOKENS), 1..14)) {
        check(&tokens.concat());
    }

    #[test]
    fn instants_print_as_chrono_printed_them(ms in any::<i64>(), near in -20_000_000_000_000i64..300_000_000_000_000) {
        prop_assert_eq!(Value::DateTime(ms).to_string(), chrono_display(ms));
        prop_assert_eq!(Value::DateTime(near).to_string(), chrono_display(near));
    }
}
