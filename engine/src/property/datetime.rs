//! xs:dateTime values as instants (milliseconds since the Unix epoch, UTC), without a date library.
//!
//! The engine used chrono for this; chrono's parsers and formatters were about 27 KB of the browser's wasm.
//! This module accepts exactly what the engine accepted through chrono (tests/datetime.rs compares the two
//! on generated and hand-picked texts):
//! - RFC 3339 (`DateTime::parse_from_rfc3339`): `YYYY-MM-DD`, `T`, `t` or a space, `hh:mm:ss`, an optional
//!   fraction of one or more digits (digits after the ninth ignored), then `Z`, `z` or `±hh:mm` (the minus
//!   also U+2212) under 24 hours. Second 60 is a leap second: 59 plus one second of nanoseconds.
//! - Without an offset, taken as UTC (`NaiveDateTime::parse_from_str` with `%Y-%m-%dT%H:%M:%S%.f`): each
//!   number may be preceded by whitespace and has one to two digits (the year one to four, or any number
//!   after an explicit sign); then an optional fraction as above.
//! - A bare date (`NaiveDate::parse_from_str` with `%Y-%m-%d`), midnight UTC.
//!
//! Years run from -262143 to 262142, chrono's range.

use std::fmt;

const MIN_YEAR: i64 = -262_143;
const MAX_YEAR: i64 = 262_142;
const NANOS_PER_MILLI: i64 = 1_000_000;

/// The instant a dateTime text names, in milliseconds since the Unix epoch; `None` if the text is not one
/// of the forms above.
pub(crate) fn parse_instant(text: &str) -> Option<i64> {
    rfc3339(text).or_else(|| naive(text))
}

/// Days from 1970-01-01 to a proleptic Gregorian date; `None` if the date does not exist or is out of range.
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > month_days {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The proleptic Gregorian date of a day counted from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Milliseconds of a validated date and time; `nanos` may exceed a second (a leap second).
fn instant(days: i64, hour: i64, minute: i64, second: i64, nanos: i64, offset_secs: i64) -> i64 {
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    secs * 1000 + nanos / NANOS_PER_MILLI
}

/// One to nine digits of a fraction of a second as nanoseconds, further digits skipped.
fn fraction(s: &str) -> Option<(&str, i64)> {
    let digits = s.bytes().take(9).take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut nanos = 0i64;
    for c in s[..digits].bytes() {
        nanos = nanos * 10 + i64::from(c - b'0');
    }
    nanos *= 10i64.pow(9 - digits as u32);
    Some((s.trim_start_matches(|c: char| c.is_ascii_digit()), nanos))
}

/// Second 60 is second 59 plus a second of nanoseconds; above 60 is no second.
fn leap(second: i64) -> Option<(i64, i64)> {
    match second {
        0..=59 => Some((second, 0)),
        60 => Some((59, 1_000_000_000)),
        _ => None,
    }
}

fn rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 {
        return None;
    }
    let digit = |i: usize| b[i].is_ascii_digit().then(|| i64::from(b[i] - b'0'));
    let two = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
    let year = two(0)? * 100 + two(2)?;
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let days = days_from_civil(year, two(5)?, two(8)?)?;
    let (hour, minute) = (two(11)?, two(14)?);
    let (second, mut nanos) = leap(two(17)?)?;
    if hour > 23 || minute > 59 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(r) = rest.strip_prefix('.') {
        let (r, n) = fraction(r)?;
        nanos += n;
        rest = r;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let (negative, r) = if let Some(r) = rest.strip_prefix('+') {
                (false, r)
            } else if let Some(r) = rest.strip_prefix(['-', '\u{2212}']) {
                (true, r)
            } else {
                return None;
            };
            let o = r.as_bytes();
            let ok = o.len() == 5
                && o[0].is_ascii_digit()
                && o[1].is_ascii_digit()
                && o[2] == b':'
                && (b'0'..=b'5').contains(&o[3])
                && o[4].is_ascii_digit();
            if !ok {
                return None;
            }
            let n = |i: usize| i64::from(o[i] - b'0');
            let secs = (n(0) * 10 + n(1)) * 3600 + (n(3) * 10 + n(4)) * 60;
            if secs >= 86_400 {
                return None;
            }
            if negative {
                -secs
            } else {
                secs
            }
        }
    };
    Some(instant(days, hour, minute, second, nanos, offset))
}

/// A number as chrono's format parser reads one: leading whitespace skipped, then one to `width` digits,
/// or (`signed`) a sign followed by any number of digits.
fn number(s: &mut &str, width: usize, signed: bool) -> Option<i64> {
    let t = s.trim_start();
    let (negative, t, width) = match t.as_bytes().first() {
        Some(b'-') if signed => (true, &t[1..], usize::MAX),
        Some(b'+') if signed => (false, &t[1..], usize::MAX),
        _ => (false, t, width),
    };
    let digits = t.bytes().take(width).take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut n = 0i64;
    for c in t[..digits].bytes() {
        n = n.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
    }
    *s = &t[digits..];
    Some(if negative { -n } else { n })
}

fn literal(s: &mut &str, c: char) -> Option<()> {
    *s = s.strip_prefix(c)?;
    Some(())
}

/// `%Y-%m-%dT%H:%M:%S%.f` or `%Y-%m-%d`, as UTC.
fn naive(text: &str) -> Option<i64> {
    let mut s = text;
    let year = number(&mut s, 4, true)?;
    literal(&mut s, '-')?;
    let month = number(&mut s, 2, false)?;
    literal(&mut s, '-')?;
    let day = number(&mut s, 2, false)?;
    if s.is_empty() {
        return Some(instant(days_from_civil(year, month, day)?, 0, 0, 0, 0, 0));
    }
    literal(&mut s, 'T')?;
    let hour = number(&mut s, 2, false)?;
    literal(&mut s, ':')?;
    let minute = number(&mut s, 2, false)?;
    literal(&mut s, ':')?;
    let (second, mut nanos) = leap(number(&mut s, 2, false)?)?;
    if let Some(r) = s.strip_prefix('.') {
        let (r, n) = fraction(r)?;
        nanos += n;
        s = r;
    }
    if !s.is_empty() || hour > 23 || minute > 59 {
        return None;
    }
    Some(instant(
        days_from_civil(year, month, day)?,
        hour,
        minute,
        second,
        nanos,
        0,
    ))
}

/// Writes an instant as `YYYY-MM-DDThh:mm:ss.sssZ` (a year outside 0 to 9999 signed, at least four
/// digits), or `{ms}ms` outside the years above.
pub(crate) fn write_instant(f: &mut fmt::Formatter<'_>, ms: i64) -> fmt::Result {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return write!(f, "{ms}ms");
    }
    if (0..=9999).contains(&year) {
        write!(f, "{year:04}")?;
    } else {
        write!(f, "{year:+05}")?;
    }
    write!(
        f,
        "-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}
