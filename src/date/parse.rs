//! The date grammar: ISO 8601 with EDTF level 1 (qualifiers, seasons,
//! unspecified digits, open and unknown interval ends, `Y` long years).
//! Errors give the character offset of the offending part.

use super::calendar::days_in_month;
use super::cldr;
use super::{DateEnd, DateError, DatePoint, EventDate, Qualifier, Season, TimeOfDay};

pub(super) fn err(message: impl Into<String>, offset: usize, len: usize) -> DateError {
    DateError {
        message: message.into(),
        offset,
        len: len.max(1),
    }
}

pub(super) fn parse_date(text: &str) -> Result<EventDate, DateError> {
    if let Some(pos) = text.chars().position(|c| !c.is_ascii()) {
        return Err(err("unexpected character in date", pos, 1));
    }
    if text.trim().is_empty() {
        return Err(err("empty date", 0, 1));
    }
    if text.trim() != text {
        let pos = text.len() - text.trim_start().len();
        return Err(err("unexpected space in date", pos, 1));
    }
    match text.split_once('/') {
        None => Ok(EventDate {
            start: parse_point(text, 0)?,
            end: DateEnd::None,
        }),
        Some((a, b)) => {
            if a.is_empty() || a == ".." {
                return Err(err(
                    "an interval needs a known start: write the earliest date the sources allow, with ~ or ? if need be",
                    0,
                    a.len(),
                ));
            }
            let start = parse_point(a, 0)?;
            let end_offset = a.len() + 1;
            let end = match b {
                ".." => DateEnd::Open,
                "" => DateEnd::Unknown,
                _ => DateEnd::Point(parse_point(b, end_offset)?),
            };
            let date = EventDate { start, end };
            if let DateEnd::Point(e) = end
                && !ends_after(&start, &e)
            {
                return Err(err(
                    format!("the interval ends ({b}) before it starts ({a})"),
                    end_offset,
                    b.len(),
                ));
            }
            Ok(date)
        }
    }
}

/// True when `end`'s span ends after `start`'s span starts (compared in
/// UTC; zone-less times as written).
pub(super) fn ends_after(start: &DatePoint, end: &DatePoint) -> bool {
    use super::calendar::{span_end, span_start};
    let tz = chrono_tz::Tz::UTC;
    let (s, e) = (span_start(start, tz), span_end(end, tz));
    e > s || (e == s && end.time.is_some())
}

fn parse_point(s: &str, base: usize) -> Result<DatePoint, DateError> {
    let (body, qualifier) = match s.as_bytes().last() {
        Some(b'?') => (&s[..s.len() - 1], Qualifier::Uncertain),
        Some(b'~') => (&s[..s.len() - 1], Qualifier::Approximate),
        Some(b'%') => (&s[..s.len() - 1], Qualifier::UncertainApproximate),
        _ => (s, Qualifier::Exact),
    };
    if body.is_empty() {
        return Err(err("missing date before the qualifier", base, 1));
    }
    let not_a_date = || err(format!("`{s}` is not a date"), base, s.len());
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let bytes = date_part.as_bytes();
    let mut point = DatePoint {
        year: 0,
        year_unspecified: 0,
        month: None,
        season: None,
        day: None,
        time: None,
        month_unspecified: false,
        day_unspecified: false,
        qualifier,
    };

    // `Y` long years: any number of digits, nothing after.
    if bytes.first() == Some(&b'Y') {
        let digits = date_part[1..].trim_start_matches('-');
        let neg = date_part[1..].starts_with('-');
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || time_part.is_some() {
            return Err(err(
                "a Y-year is `Y` and digits, e.g. Y-13798000000",
                base,
                s.len(),
            ));
        }
        let magnitude: i64 = digits
            .parse()
            .ok()
            .filter(|y| *y <= super::MAX_YEAR)
            .ok_or_else(|| {
                err(
                    "year is out of range (at most 100,000,000,000 years either side of year 0)",
                    base + 1,
                    digits.len(),
                )
            })?;
        point.year = if neg { -magnitude } else { magnitude };
        return Ok(point);
    }

    // Year: optional sign, four characters of digits with trailing Xs.
    let neg = bytes.first() == Some(&b'-');
    let y0 = usize::from(neg);
    let year_end = date_part[y0..]
        .find('-')
        .map_or(date_part.len(), |i| i + y0);
    let year_text = &date_part[y0..year_end];
    if year_text.is_empty() || !year_text.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
        return Err(not_a_date());
    }
    if year_text.len() != 4 {
        return Err(err(
            "a year has four digits (write longer years as Y12345)",
            base + y0,
            year_text.len(),
        ));
    }
    let xs = year_text.bytes().rev().take_while(|b| *b == b'X').count();
    if xs > 2 || year_text[..4 - xs].contains('X') {
        return Err(err(
            "only the last one or two digits of a year can be X (201X, 20XX)",
            base + y0,
            4,
        ));
    }
    let known: i64 = year_text[..4 - xs].parse().unwrap_or(0) * 10_i64.pow(xs as u32);
    // The first (earliest) year the digits allow: `201X` is 2010, `-04XX`
    // is -499 (500 BC), `-00XX` is -99 (the sign of a zero is kept).
    let width = 10_i64.pow(xs as u32) - 1;
    point.year = if neg { -known - width } else { known };
    point.year_unspecified = xs as u8;

    // Month or season, then day.
    let rest = &date_part[year_end..];
    if !rest.is_empty() {
        if xs > 0 {
            return Err(err(
                "a year with X digits takes no month or day",
                base + year_end,
                rest.len(),
            ));
        }
        let fields: Vec<&str> = rest[1..].split('-').collect();
        if !rest.starts_with('-') || fields.len() > 2 {
            return Err(not_a_date());
        }
        let month_at = base + year_end + 1;
        let m = fields[0];
        match m {
            "XX" => point.month_unspecified = true,
            _ => {
                let v = two_digits(m, month_at, "month")?;
                match v {
                    1..=12 => point.month = Some(v),
                    21..=24 => point.season = Some(Season::from_code(v)),
                    _ => {
                        return Err(err(
                            format!("invalid month `{m}` (months are 01–12, seasons 21–24)"),
                            month_at,
                            2,
                        ));
                    }
                }
            }
        }
        if let Some(d) = fields.get(1) {
            let day_at = month_at + m.len() + 1;
            if point.season.is_some() {
                return Err(err("a season takes no day", day_at, d.len()));
            }
            if *d == "XX" {
                point.day_unspecified = true;
            } else if point.month_unspecified {
                return Err(err(
                    "a day cannot be known when its month is XX",
                    day_at,
                    d.len(),
                ));
            } else {
                let day = two_digits(d, day_at, "day")?;
                let month = point.month.unwrap_or(1);
                let max = days_in_month(point.year, month);
                if day == 0 || day > max {
                    return Err(err(
                        format!(
                            "invalid day `{d}`: {} {} has {max} days",
                            cldr::months("en")[usize::from(month) - 1],
                            english_year(point.year)
                        ),
                        day_at,
                        d.len(),
                    ));
                }
                point.day = Some(day);
            }
        }
    }
    if let Some(t) = time_part {
        let at = base + date_part.len() + 1;
        if point.day.is_none() {
            return Err(err("a time needs a full date before the T", at - 1, 1));
        }
        point.time = Some(parse_time(t, at)?);
    }
    Ok(point)
}

fn two_digits(s: &str, at: usize, what: &str) -> Result<u8, DateError> {
    if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(
            format!("a {what} has two digits, found `{s}`"),
            at,
            s.len(),
        ));
    }
    Ok(s.parse().unwrap_or(0))
}

fn parse_time(t: &str, at: usize) -> Result<TimeOfDay, DateError> {
    let (clock, zone, zone_at) = if let Some(stripped) = t.strip_suffix('Z') {
        (stripped, Some("Z"), at + stripped.len())
    } else if let Some(pos) = t.find(['+', '-']) {
        (&t[..pos], Some(&t[pos..]), at + pos)
    } else {
        (t, None, at + t.len())
    };
    let pieces: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&pieces.len()) {
        return Err(err(
            format!("`{t}` is not a time: write HH:MM or HH:MM:SS"),
            at,
            t.len(),
        ));
    }
    let mut pos = at;
    let mut values = [0u8; 3];
    for (k, (piece, (what, max))) in pieces
        .iter()
        .zip([("hour", 23), ("minute", 59), ("second", 59)])
        .enumerate()
    {
        let v = two_digits(piece, pos, what)?;
        if v > max {
            return Err(err(format!("invalid {what} `{piece}`"), pos, 2));
        }
        values[k] = v;
        pos += piece.len() + 1;
    }
    let (offset, zulu) = match zone {
        None => (None, false),
        Some("Z") => (Some(0), true),
        Some(z) => (Some(parse_offset(z, zone_at)?), false),
    };
    Ok(TimeOfDay {
        hour: values[0],
        minute: values[1],
        second: (pieces.len() == 3).then_some(values[2]),
        offset,
        zulu,
    })
}

fn parse_offset(z: &str, at: usize) -> Result<i32, DateError> {
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
    let ok = matches!(digits.len(), 2 | 4)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (z.len() != 6 || z.as_bytes()[3] == b':');
    if !ok {
        return Err(err(
            format!("`{z}` is not a UTC offset: write +05:30, -06:00 or Z"),
            at,
            z.len(),
        ));
    }
    let h: i32 = digits[..2].parse().unwrap_or(0);
    let m: i32 = if digits.len() == 4 {
        digits[2..].parse().unwrap_or(0)
    } else {
        0
    };
    if h > 14 || m > 59 || (h == 14 && m > 0) {
        return Err(err(
            format!("UTC offset `{z}` is out of range"),
            at,
            z.len(),
        ));
    }
    Ok(sign * (h * 3600 + m * 60))
}

/// A year as annals' (English) messages name it: `2025`, `44 BC`.
fn english_year(year: i64) -> String {
    if year <= 0 {
        format!("{} BC", year.unsigned_abs() + 1)
    } else {
        year.to_string()
    }
}
