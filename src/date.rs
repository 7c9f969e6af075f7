//! `EventDate`: the one place where dates are parsed, ordered and shown.
//!
//! Dates are written in ISO 8601 with EDTF level 1 extensions (qualifiers,
//! open and unknown interval ends, astronomical years, `Y`-prefixed long
//! years). Years are `i64`, not chrono's ±262,143-year range, so the same
//! type carries a day in 2025 and the Big Bang. Ordering works on spans in
//! UTC seconds; display is precision-aware and comes from one table per
//! language.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Offset, TimeZone};
use chrono_tz::Tz;

/// How precisely a point is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `2025`
    Year,
    /// `2025-02`
    Month,
    /// `2025-05-04`
    Day,
    /// `2025-05-05T20:03+05:30`
    Time,
}

/// EDTF level 1 qualifier of a whole point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Qualifier {
    /// As written.
    #[default]
    Exact,
    /// `?`: the source is not sure.
    Uncertain,
    /// `~`: about this time.
    Approximate,
    /// `%`: both.
    UncertainApproximate,
}

impl Qualifier {
    fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::Approximate | Qualifier::UncertainApproximate
        )
    }
    fn is_uncertain(self) -> bool {
        matches!(self, Qualifier::Uncertain | Qualifier::UncertainApproximate)
    }
    fn symbol(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::UncertainApproximate => "%",
        }
    }
}

/// A time of day, with the zone offset it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// 0–23
    pub hour: u8,
    /// 0–59
    pub minute: u8,
    /// 0–59; `None` when not written.
    pub second: Option<u8>,
    /// Offset east of UTC in seconds (`Some(0)` for `Z`); `None` means the
    /// site's time zone.
    pub offset: Option<i32>,
    /// Written as `Z` rather than `+00:00`.
    pub zulu: bool,
}

/// One point of a date: a year, month, day or instant, possibly qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    /// Astronomical year: 0 is 1 BC, -43 is 44 BC.
    pub year: i64,
    /// 1–12
    pub month: Option<u8>,
    /// 1–31
    pub day: Option<u8>,
    /// Present for instants.
    pub time: Option<TimeOfDay>,
    /// `?`, `~`, `%`.
    pub qualifier: Qualifier,
}

/// The end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateEnd {
    /// A single point, no interval.
    None,
    /// `start/end`
    Point(DatePoint),
    /// `start/..`: still going on.
    Open,
    /// `start/`: the end is not known.
    Unknown,
}

/// A date as an event carries it: a point or an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventDate {
    /// Where the span starts.
    pub start: DatePoint,
    /// Where it ends, if it is an interval.
    pub end: DateEnd,
}

/// A parse error: message and where in the written date (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong.
    pub message: String,
    /// Character offset of the problem within the written date.
    pub offset: usize,
    /// Characters covered.
    pub len: usize,
}

/// The forms `date:` accepts, for hints.
pub const ACCEPTED_FORMS: &str = "accepted forms: 2025, 2025-02, 2025-05-04, \
2025-05-05T20:03+05:30, 2025-04/2025-05-04, 2025-01/.. (ongoing), \
with ~ (approximate), ? (uncertain) or % (both) after a date, \
-0043-03-15 for 44 BC";

fn err(message: impl Into<String>, offset: usize, len: usize) -> DateError {
    DateError {
        message: message.into(),
        offset,
        len: len.max(1),
    }
}

impl EventDate {
    /// Parses `date:` as written. Offsets in errors are character offsets
    /// into `text`.
    pub fn parse(text: &str) -> Result<EventDate, DateError> {
        if !text.is_ascii() {
            let pos = text.chars().position(|c| !c.is_ascii()).unwrap_or(0);
            return Err(err("unexpected character in date", pos, 1));
        }
        if text.trim().is_empty() {
            return Err(err("empty date", 0, 1));
        }
        match text.split_once('/') {
            None => Ok(EventDate {
                start: parse_point(text, 0)?,
                end: DateEnd::None,
            }),
            Some((a, b)) => {
                if a.is_empty() || a == ".." {
                    return Err(err("an interval needs a known start", 0, a.len().max(1)));
                }
                let start = parse_point(a, 0)?;
                let end_offset = a.len() + 1;
                let end = match b {
                    ".." => DateEnd::Open,
                    "" => DateEnd::Unknown,
                    _ => DateEnd::Point(parse_point(b, end_offset)?),
                };
                let date = EventDate { start, end };
                if let DateEnd::Point(e) = end {
                    // Compare in UTC so offsets are honoured; zone-less times
                    // compare as written, which is what UTC gives them too.
                    if span_end(&e, Tz::UTC) <= span_start(&start, Tz::UTC) {
                        return Err(err(
                            format!("the interval ends ({b}) before it starts ({a})"),
                            end_offset,
                            b.len(),
                        ));
                    }
                }
                Ok(date)
            }
        }
    }

    /// Combines `date:` with a separate `end:`, as if written `date/end`.
    pub fn with_end(self, end: EventDate) -> Result<EventDate, DateError> {
        if self.end != DateEnd::None {
            return Err(err("`date` is already an interval", 0, 1));
        }
        if end.end != DateEnd::None {
            return Err(err("`end` must be a single date", 0, 1));
        }
        if span_end(&end.start, Tz::UTC) <= span_start(&self.start, Tz::UTC) {
            return Err(err("the interval ends before it starts", 0, 1));
        }
        Ok(EventDate {
            start: self.start,
            end: DateEnd::Point(end.start),
        })
    }

    /// True for `start/..`.
    pub fn is_ongoing(&self) -> bool {
        self.end == DateEnd::Open
    }

    /// The span in UTC seconds since 1970: start inclusive, end exclusive
    /// (`i64::MAX` for an ongoing interval). Dates without a time span
    /// their whole day, month or year in `tz`.
    pub fn span(&self, tz: Tz) -> (i64, i64) {
        let start = span_start(&self.start, tz);
        let end = match self.end {
            DateEnd::None | DateEnd::Unknown => span_end(&self.start, tz),
            DateEnd::Point(e) => span_end(&e, tz),
            DateEnd::Open => i64::MAX,
        };
        (start, end)
    }

    /// The ordering of DESIGN.md, minus the tie-breakers that belong to the
    /// event (importance, id): span start, then the longer span first.
    pub fn cmp_in(&self, other: &EventDate, tz: Tz) -> Ordering {
        let (s1, e1) = self.span(tz);
        let (s2, e2) = other.span(tz);
        s1.cmp(&s2).then(e2.cmp(&e1))
    }

    /// Year and month (if known) of the start, as written: what the list
    /// groups by.
    pub fn year_month(&self) -> (i64, Option<u8>) {
        (self.start.year, self.start.month)
    }

    /// The pieces of the displayed date, in `lang`.
    pub fn display_parts(&self, lang: &Lang) -> Vec<DatePart> {
        let mut parts = Vec::new();
        match self.end {
            DateEnd::None => push_point(&mut parts, &self.start, lang),
            DateEnd::Open => {
                parts.push(DatePart::Text(format!("{} ", lang.since)));
                push_point(&mut parts, &self.start, lang);
            }
            DateEnd::Unknown => {
                push_point(&mut parts, &self.start, lang);
                parts.push(DatePart::Text(format!(" – {}", lang.unknown_end)));
            }
            DateEnd::Point(end) => {
                let same_year = self.start.year == end.year
                    && self.start.time.is_none()
                    && end.time.is_none()
                    && self.start.month.is_some()
                    && end.month.is_some();
                let same_month = same_year
                    && self.start.month == end.month
                    && self.start.day.is_some()
                    && end.day.is_some();
                let start_text = if same_month {
                    qualified(
                        &self.start,
                        lang,
                        self.start.day.map(|d| d.to_string()).unwrap_or_default(),
                    )
                } else if same_year {
                    let d = &self.start;
                    let month = lang.months[usize::from(d.month.unwrap_or(1)) - 1];
                    let core = match d.day {
                        Some(day) => format!("{day} {month}"),
                        None => month.to_string(),
                    };
                    qualified(d, lang, core)
                } else {
                    point_text(&self.start, lang)
                };
                parts.push(DatePart::Time {
                    text: start_text,
                    machine: machine_form(&self.start),
                });
                parts.push(DatePart::Text(" – ".into()));
                push_point(&mut parts, &end, lang);
            }
        }
        parts
    }

    /// The displayed date as plain text.
    pub fn display(&self, lang: &Lang) -> String {
        self.display_parts(lang)
            .into_iter()
            .map(|p| match p {
                DatePart::Text(t) | DatePart::Time { text: t, .. } => t,
            })
            .collect()
    }

    /// Machine-readable form of the start, valid in `<time datetime>`;
    /// `None` where HTML has no form for it (years before 1 AD).
    pub fn machine_start(&self) -> Option<String> {
        machine_form(&self.start)
    }
}

impl fmt::Display for EventDate {
    /// The normalised written form (`2025-04/2025-05-04`, `2025-01/..`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_point(f, &self.start)?;
        match self.end {
            DateEnd::None => Ok(()),
            DateEnd::Open => write!(f, "/.."),
            DateEnd::Unknown => write!(f, "/"),
            DateEnd::Point(e) => {
                write!(f, "/")?;
                write_point(f, &e)
            }
        }
    }
}

fn write_point(f: &mut fmt::Formatter<'_>, p: &DatePoint) -> fmt::Result {
    if p.year.abs() > 9999 {
        write!(f, "Y{}", p.year)?;
    } else if p.year < 0 {
        write!(f, "-{:04}", -p.year)?;
    } else {
        write!(f, "{:04}", p.year)?;
    }
    if let Some(m) = p.month {
        write!(f, "-{m:02}")?;
    }
    if let Some(d) = p.day {
        write!(f, "-{d:02}")?;
    }
    if let Some(t) = p.time {
        write!(f, "T{}", time_text(&t))?;
    }
    write!(f, "{}", p.qualifier.symbol())
}

fn time_text(t: &TimeOfDay) -> String {
    let mut s = format!("{:02}:{:02}", t.hour, t.minute);
    if let Some(sec) = t.second {
        s.push_str(&format!(":{sec:02}"));
    }
    match t.offset {
        Some(0) if t.zulu => s.push('Z'),
        Some(off) => s.push_str(&offset_text(off)),
        None => {}
    }
    s
}

fn offset_text(off: i32) -> String {
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

/// A piece of a displayed date: plain words, or a date that becomes a
/// `<time>` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatePart {
    /// Words between dates ("since ", " – ").
    Text(String),
    /// A date as shown, with its machine form when HTML has one.
    Time {
        /// As shown to readers.
        text: String,
        /// For the `datetime` attribute.
        machine: Option<String>,
    },
}

/// Words and month names of one language. A translation is a new table.
#[derive(Debug)]
pub struct Lang {
    /// Language code, as in site.yaml.
    pub code: &'static str,
    /// January … December.
    pub months: [&'static str; 12],
    /// "since" for ongoing intervals.
    pub since: &'static str,
    /// Prefix of approximate dates.
    pub circa: &'static str,
    /// Suffix of uncertain dates.
    pub uncertain: &'static str,
    /// Era suffix for years before 1 AD.
    pub bc: &'static str,
    /// Shown for an unknown interval end.
    pub unknown_end: &'static str,
    /// Heading of the events known only to the year ("Across 2025").
    pub whole_year: &'static str,
}

/// English.
pub static EN: Lang = Lang {
    code: "en",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    since: "since",
    circa: "c.",
    uncertain: "(?)",
    bc: "BC",
    unknown_end: "unknown",
    whole_year: "Across",
};

/// The languages annals can show dates in.
pub static LANGS: [&Lang; 1] = [&EN];

/// The table for a language code, if annals has one.
pub fn lang(code: &str) -> Option<&'static Lang> {
    LANGS.iter().copied().find(|l| l.code == code)
}

fn push_point(parts: &mut Vec<DatePart>, p: &DatePoint, lang: &Lang) {
    parts.push(DatePart::Time {
        text: point_text(p, lang),
        machine: machine_form(p),
    });
}

fn year_text(year: i64, lang: &Lang) -> String {
    if year <= 0 {
        format!("{} {}", 1 - year, lang.bc)
    } else {
        year.to_string()
    }
}

fn point_text(p: &DatePoint, lang: &Lang) -> String {
    let year = year_text(p.year, lang);
    let core = match (p.month, p.day) {
        (None, _) => year,
        (Some(m), None) => format!("{} {year}", lang.months[usize::from(m) - 1]),
        (Some(m), Some(d)) => {
            let mut s = format!("{d} {} {year}", lang.months[usize::from(m) - 1]);
            if let Some(t) = p.time {
                s.push_str(&format!(", {:02}:{:02}", t.hour, t.minute));
                if let Some(sec) = t.second.filter(|s| *s != 0) {
                    s.push_str(&format!(":{sec:02}"));
                }
                match t.offset {
                    Some(0) => s.push_str(" (UTC)"),
                    Some(off) => s.push_str(&format!(" (UTC{})", offset_text(off))),
                    None => {}
                }
            }
            s
        }
    };
    qualified(p, lang, core)
}

fn qualified(p: &DatePoint, lang: &Lang, core: String) -> String {
    let mut s = String::new();
    if p.qualifier.is_approximate() {
        s.push_str(lang.circa);
        s.push(' ');
    }
    s.push_str(&core);
    if p.qualifier.is_uncertain() {
        s.push(' ');
        s.push_str(lang.uncertain);
    }
    s
}

/// A valid HTML date/time string for the point, or `None` for years HTML
/// cannot express.
fn machine_form(p: &DatePoint) -> Option<String> {
    if p.year < 1 {
        return None;
    }
    let mut s = format!("{:04}", p.year);
    if let Some(m) = p.month {
        s.push_str(&format!("-{m:02}"));
    }
    if let Some(d) = p.day {
        s.push_str(&format!("-{d:02}"));
    }
    if let Some(t) = p.time {
        s.push('T');
        s.push_str(&time_text(&t));
    }
    Some(s)
}

// ---------------------------------------------------------------- parsing

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
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    // Year: optional `Y` (long years), optional sign, digits.
    let bytes = date_part.as_bytes();
    let mut i = 0;
    let long = bytes.first() == Some(&b'Y');
    if long {
        i += 1;
    }
    let neg = bytes.get(i) == Some(&b'-');
    if neg {
        i += 1;
    }
    let digits_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let ndigits = i - digits_start;
    if ndigits == 0 {
        return Err(err(format!("`{s}` is not a date"), base, s.len()));
    }
    if !long && ndigits != 4 {
        return Err(err(
            "a year has four digits (write longer years as Y12345)",
            base + digits_start,
            ndigits,
        ));
    }
    let magnitude: i64 = date_part[digits_start..i]
        .parse()
        .map_err(|_| err("year is out of range", base + digits_start, ndigits))?;
    let year = if neg { -magnitude } else { magnitude };
    let mut point = DatePoint {
        year,
        month: None,
        day: None,
        time: None,
        qualifier,
    };
    let rest = &date_part[i..];
    let rest_base = base + i;
    let mut fields = Vec::new();
    if !rest.is_empty() {
        if long {
            return Err(err(
                "a Y-prefixed year takes no month or day",
                rest_base,
                rest.len(),
            ));
        }
        let mut pos = 0;
        for piece in rest.split('-').skip(1) {
            pos += 1;
            fields.push((piece, rest_base + pos));
            pos += piece.len();
        }
        if !rest.starts_with('-') || fields.len() > 2 {
            return Err(err(format!("`{s}` is not a date"), base, s.len()));
        }
    }
    if let Some((m, at)) = fields.first() {
        let month = two_digits(m, *at, "month")?;
        if !(1..=12).contains(&month) {
            return Err(err(format!("invalid month `{m}`"), *at, m.len()));
        }
        point.month = Some(month);
    }
    if let Some((d, at)) = fields.get(1) {
        let day = two_digits(d, *at, "day")?;
        let month = point.month.unwrap_or(1);
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(err(
                format!(
                    "invalid day `{d}`: {} {} has {max} days",
                    EN.months[usize::from(month) - 1],
                    year_text(year, &EN)
                ),
                *at,
                d.len(),
            ));
        }
        point.day = Some(day);
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
    // Split the zone designator off.
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

// ------------------------------------------------------------ calendar

fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

fn days_in_month(y: i64, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar, for any year
/// (the well-known civil-from-days inverse, in i64 throughout).
fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds east of UTC that `tz` observes at the local wall-clock time
/// `local` (seconds since 1970 as if it were UTC). Years chrono cannot
/// represent use UTC: no zone has rules for them anyway.
fn zone_offset(tz: Tz, local: i64) -> i64 {
    if tz == Tz::UTC {
        return 0;
    }
    match chrono::DateTime::from_timestamp(local, 0) {
        Some(dt) => {
            let guess = i64::from(
                tz.offset_from_utc_datetime(&dt.naive_utc())
                    .fix()
                    .local_minus_utc(),
            );
            // Correct the guess once with the offset in force at the instant
            // the guess points to (handles days that start on a DST change).
            match chrono::DateTime::from_timestamp(local - guess, 0) {
                Some(at) => i64::from(
                    tz.offset_from_utc_datetime(&at.naive_utc())
                        .fix()
                        .local_minus_utc(),
                ),
                None => guess,
            }
        }
        None => 0,
    }
}

/// The civil date of a day counted from 1970-01-01 (inverse of
/// `days_from_civil`), for axis ticks at any scale.
pub fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Seconds since 1970 (UTC) at the start of a civil day.
pub fn seconds_of(y: i64, m: u8, d: u8) -> i64 {
    local_seconds(y, m, d)
}

/// The year written the way readers expect ("44 BC" for -43).
pub fn year_label(year: i64, lang: &Lang) -> String {
    year_text(year, lang)
}

fn local_seconds(y: i64, m: u8, d: u8) -> i64 {
    days_from_civil(y, m, d).saturating_mul(86_400)
}

fn to_utc(local: i64, tz: Tz) -> i64 {
    local.saturating_sub(zone_offset(tz, local))
}

/// Start of the point's span, in UTC seconds.
fn span_start(p: &DatePoint, tz: Tz) -> i64 {
    let local = local_seconds(p.year, p.month.unwrap_or(1), p.day.unwrap_or(1));
    match p.time {
        Some(t) => {
            let secs = local
                + i64::from(t.hour) * 3600
                + i64::from(t.minute) * 60
                + i64::from(t.second.unwrap_or(0));
            match t.offset {
                Some(off) => secs - i64::from(off),
                None => to_utc(secs, tz),
            }
        }
        None => to_utc(local, tz),
    }
}

/// End of the point's span (exclusive), in UTC seconds. An instant spans no
/// time: its end is its start.
fn span_end(p: &DatePoint, tz: Tz) -> i64 {
    if p.time.is_some() {
        return span_start(p, tz);
    }
    let local_end = match (p.month, p.day) {
        (None, _) => local_seconds(p.year + 1, 1, 1),
        (Some(12), None) => local_seconds(p.year + 1, 1, 1),
        (Some(m), None) => local_seconds(p.year, m + 1, 1),
        (Some(m), Some(d)) => local_seconds(p.year, m, d) + 86_400,
    };
    to_utc(local_end, tz)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        EventDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn parses_and_shows_the_forms_of_the_design() {
        for (written, shown) in [
            ("2025", "2025"),
            ("2025-02", "February 2025"),
            ("2025-05-04", "4 May 2025"),
            ("2025-05-05T20:03+05:30", "5 May 2025, 20:03 (UTC+05:30)"),
            ("2025-05-05T20:03Z", "5 May 2025, 20:03 (UTC)"),
            ("2025-05-05T20:03", "5 May 2025, 20:03"),
            ("2025-01/..", "since January 2025"),
            ("2025-04/2025-05-04", "April – 4 May 2025"),
            ("2024-12/2025-02", "December 2024 – February 2025"),
            ("2025-05-03/2025-05-04", "3 – 4 May 2025"),
            ("2025-04~", "c. April 2025"),
            ("2025?", "2025 (?)"),
            ("2025-05-03%", "c. 3 May 2025 (?)"),
            ("-0043-03-15", "15 March 44 BC"),
            ("0000", "1 BC"),
            ("2025/", "2025 – unknown"),
            ("Y-13798000000", "13798000001 BC"),
        ] {
            assert_eq!(d(written).display(&EN), shown, "{written}");
        }
    }

    #[test]
    fn written_form_round_trips() {
        for s in [
            "2025",
            "2025-02",
            "2025-05-04",
            "2025-05-05T20:03+05:30",
            "2025-05-05T20:03:09Z",
            "2025-01/..",
            "2025-04/2025-05-04",
            "2025/",
            "2025-04~",
            "2025?",
            "2025-05-03%",
            "-0043-03-15",
            "Y-13798000000",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_invalid_dates_with_positions() {
        let e = EventDate::parse("2025-02-30").unwrap_err();
        assert_eq!((e.offset, e.len), (8, 2));
        assert!(e.message.contains("February 2025 has 28 days"), "{e:?}");
        let e = EventDate::parse("2025-13").unwrap_err();
        assert_eq!((e.offset, e.message.as_str()), (5, "invalid month `13`"));
        let e = EventDate::parse("2025-05-04/2025-01-01").unwrap_err();
        assert_eq!(e.offset, 11);
        assert!(EventDate::parse("25-01").is_err());
        assert!(EventDate::parse("2025-1").is_err());
        assert!(EventDate::parse("2025-05-04T25:00").is_err());
        assert!(EventDate::parse("2025-05-04T10:00+15:00").is_err());
        assert!(EventDate::parse("May 2025").is_err());
        assert!(EventDate::parse("").is_err());
        assert!(EventDate::parse("2024-02-29").is_ok());
        assert!(EventDate::parse("1900-02-29").is_err());
    }

    #[test]
    fn orders_by_span_start_then_longer_first() {
        // An ongoing interval is longer than any closed span from the same
        // start, so it comes before the year it starts in.
        let tz = Tz::UTC;
        let mut v = [
            d("2025-05-04"),
            d("2025-02"),
            d("2025"),
            d("2025-01/.."),
            d("2025-01"),
            d("2025-05-05T20:03+05:30"),
            d("2025-04"),
            d("-0043-03-15"),
        ];
        v.sort_by(|a, b| a.cmp_in(b, tz));
        let written: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            written,
            [
                "-0043-03-15",
                "2025-01/..",
                "2025",
                "2025-01",
                "2025-02",
                "2025-04",
                "2025-05-04",
                "2025-05-05T20:03+05:30",
            ]
        );
    }

    #[test]
    fn instants_compare_in_utc_and_days_in_the_site_zone() {
        // 20:03 in India is 14:33 UTC, before 15:00 UTC.
        let a = d("2025-05-05T20:03+05:30");
        let b = d("2025-05-05T15:00Z");
        assert_eq!(a.cmp_in(&b, Tz::UTC), Ordering::Less);
        // In Mexico City (UTC-6) the 5th starts at 06:00 UTC.
        let day = d("2025-05-05");
        let (start, end) = day.span(chrono_tz::America::Mexico_City);
        assert_eq!(start % 86_400, 6 * 3600);
        assert_eq!(end - start, 86_400);
    }

    #[test]
    fn machine_forms_are_valid_html_dates() {
        assert_eq!(d("2025").machine_start().as_deref(), Some("2025"));
        assert_eq!(d("2025-02").machine_start().as_deref(), Some("2025-02"));
        assert_eq!(
            d("2025-05-05T20:03+05:30").machine_start().as_deref(),
            Some("2025-05-05T20:03+05:30")
        );
        assert_eq!(d("-0043-03-15").machine_start(), None);
    }

    #[test]
    fn days_from_civil_matches_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for days in [-1_000_000, -719_468, -1, 0, 59, 11_017, 20_000, 3_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
