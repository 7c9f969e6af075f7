//! When an article was published: read from a byline ("May 05, 2025,
//! 20:03 IST"), a page's metadata (ISO 8601) or `--published`, with its
//! zone worked out. A zone abbreviation can name several zones (IST is
//! India, Ireland and Israel): the publisher or `--timezone` decides, and
//! the choice is reported.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;
use regex::Regex;
use std::sync::LazyLock;

use super::tagger::{Anchor, Language, tag};

/// A publication moment as the article wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub zone: ZoneHint,
}

/// What the article says about the zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ZoneHint {
    None,
    /// An explicit offset, in seconds east of UTC.
    Offset(i32),
    /// An abbreviation such as IST.
    Abbrev(String),
}

/// The publication moment, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Published {
    /// As front matter writes it: `2025-05-05T20:03+05:30` or `2025-05-05`.
    pub written: String,
    /// The local day and time the text is anchored on.
    pub anchor: Anchor,
    /// How the zone was chosen, for the report.
    pub zone_note: Option<String>,
}

/// Zones an abbreviation may stand for, the likeliest first, each with
/// the words in a publisher's name or address that point to it.
const ABBREVIATIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "IST",
        &[
            (
                "Asia/Kolkata",
                "india|times of india|timesofindia|hindustan|the hindu|thehindu|ndtv|indian express|indianexpress|india today|economic times|economictimes|livemint|news18|deccan|.in",
            ),
            ("Europe/Dublin", "irish|ireland|rte|independent.ie|.ie"),
            ("Asia/Jerusalem", "israel|haaretz|jpost|jerusalem|ynet|.il"),
        ],
    ),
    (
        "CST",
        &[
            ("America/Chicago", "chicago|tribune|texas|houston|dallas"),
            ("Asia/Shanghai", "china|xinhua|global times|cgtn|.cn"),
            ("America/Havana", "cuba|granma"),
        ],
    ),
    (
        "BST",
        &[
            ("Europe/London", "bbc|guardian|.uk|london|times"),
            ("Asia/Dhaka", "bangladesh|daily star|dhaka|.bd"),
        ],
    ),
    ("EST", &[("America/New_York", "")]),
    ("EDT", &[("America/New_York", "")]),
    ("ET", &[("America/New_York", "")]),
    ("CDT", &[("America/Chicago", "")]),
    ("MST", &[("America/Denver", "")]),
    ("MDT", &[("America/Denver", "")]),
    ("PST", &[("America/Los_Angeles", "")]),
    ("PDT", &[("America/Los_Angeles", "")]),
    ("PT", &[("America/Los_Angeles", "")]),
    ("GMT", &[("UTC", "")]),
    ("UTC", &[("UTC", "")]),
    ("CET", &[("Europe/Paris", "")]),
    ("CEST", &[("Europe/Paris", "")]),
    ("WET", &[("Europe/Lisbon", "")]),
    ("EET", &[("Europe/Athens", "")]),
    ("MSK", &[("Europe/Moscow", "")]),
    ("JST", &[("Asia/Tokyo", "")]),
    ("KST", &[("Asia/Seoul", "")]),
    ("HKT", &[("Asia/Hong_Kong", "")]),
    ("SGT", &[("Asia/Singapore", "")]),
    ("PKT", &[("Asia/Karachi", "")]),
    ("AEST", &[("Australia/Sydney", "")]),
    ("AEDT", &[("Australia/Sydney", "")]),
    ("SAST", &[("Africa/Johannesburg", "")]),
    ("EAT", &[("Africa/Nairobi", "")]),
    ("WAT", &[("Africa/Lagos", "")]),
    ("ART", &[("America/Argentina/Buenos_Aires", "")]),
];

/// A clock time ("20:03", "8:15 p.m.") and, after it, a zone ("IST",
/// "GMT+2"). Literal patterns: `None` would be a bug that the tests catch.
static TIME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b([01]?[0-9]|2[0-3])[:.h]([0-5][0-9])(?:\s*([ap])\.?\s?m\.?)?(?:\s*(?:hrs|h)\b)?",
    )
    .ok()
});
static ZONE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?:GMT|UTC)\s*([+-])\s*([0-9]{1,2})(?::?([0-9]{2}))?\b)|(?:\b([A-Z]{2,4})\b)")
        .ok()
});

/// Reads a moment from free text ("May 05, 2025, 20:03 IST",
/// "5 de mayo de 2025, 20:03") or ISO 8601.
pub(crate) fn parse_stamp(text: &str) -> Option<Stamp> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(from_fixed(&dt));
    }
    for f in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(t, f) {
            return Some(from_fixed(&dt));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Some(Stamp {
                date: dt.date(),
                time: Some(dt.time()),
                zone: ZoneHint::None,
            });
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(Stamp {
            date: d,
            time: None,
            zone: ZoneHint::None,
        });
    }
    free_text_stamp(t)
}

fn from_fixed(dt: &DateTime<FixedOffset>) -> Stamp {
    Stamp {
        date: dt.date_naive(),
        time: Some(dt.time()),
        zone: ZoneHint::Offset(dt.offset().local_minus_utc()),
    }
}

/// A full date found by the tagger, then a clock time and a zone after it.
fn free_text_stamp(t: &str) -> Option<Stamp> {
    let dummy = Anchor {
        date: NaiveDate::from_ymd_opt(2000, 1, 1)?,
        time: None,
    };
    let found = [Language::En, Language::Es]
        .into_iter()
        .filter_map(|l| tag(t, l, dummy).ok())
        .flatten()
        .find(|x| x.value.len() >= 10 && x.how == "as written")?;
    let date = NaiveDate::parse_from_str(&found.value[..10], "%Y-%m-%d").ok()?;
    let rest = &t[found.start..];
    let mut time = None;
    let mut zone = ZoneHint::None;
    if let Some(c) = TIME.as_ref()?.captures(rest) {
        let mut h: u32 = c.get(1)?.as_str().parse().ok()?;
        let m: u32 = c.get(2)?.as_str().parse().ok()?;
        match c.get(3).map(|x| x.as_str().to_ascii_lowercase()) {
            Some(p) if p == "p" && h < 12 => h += 12,
            Some(p) if p == "a" && h == 12 => h = 0,
            _ => {}
        }
        time = NaiveTime::from_hms_opt(h, m, 0);
        let after = &rest[c.get(0)?.end()..];
        if let Some(z) = ZONE.as_ref()?.captures(after) {
            zone = if let Some(abbrev) = z.get(4) {
                ZoneHint::Abbrev(abbrev.as_str().to_string())
            } else {
                let sign = if z.get(1)?.as_str() == "-" { -1 } else { 1 };
                let hours: i32 = z.get(2)?.as_str().parse().ok()?;
                let minutes: i32 = z.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
                ZoneHint::Offset(sign * (hours * 3600 + minutes * 60))
            };
        }
    }
    Some(Stamp { date, time, zone })
}

/// The zone of a stamp: `--timezone` first, then an explicit offset, then
/// an abbreviation read through the publisher's name and address.
pub(crate) fn resolve(
    stamp: &Stamp,
    timezone: Option<Tz>,
    publisher: &str,
    url: &str,
) -> Result<Published, String> {
    let anchor = Anchor {
        date: stamp.date,
        time: stamp.time.map(|t| {
            use chrono::Timelike;
            (t.hour(), t.minute())
        }),
    };
    let Some(time) = stamp.time else {
        return Ok(Published {
            written: stamp.date.format("%Y-%m-%d").to_string(),
            anchor,
            zone_note: None,
        });
    };
    let (offset, note) = match (&stamp.zone, timezone) {
        (ZoneHint::Offset(secs), _) => (*secs, None),
        (hint, Some(tz)) => {
            let what = match hint {
                ZoneHint::Abbrev(a) => format!("{a} read as {} (--timezone)", tz.name()),
                _ => format!("times read in {} (--timezone)", tz.name()),
            };
            (offset_in(tz, stamp.date, time)?, Some(what))
        }
        (ZoneHint::Abbrev(a), None) => {
            let (tz, why) = zone_of_abbreviation(a, publisher, url)?;
            (
                offset_in(tz, stamp.date, time)?,
                Some(format!("{a} read as {} ({why})", tz.name())),
            )
        }
        (ZoneHint::None, None) => {
            return Ok(Published {
                written: stamp.date.format("%Y-%m-%d").to_string(),
                anchor,
                zone_note: Some(format!(
                    "the article gives a time ({}) but no zone: only the day is kept; pass --timezone to keep the time",
                    time.format("%H:%M")
                )),
            });
        }
    };
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    Ok(Published {
        written: format!(
            "{}T{}{sign}{:02}:{:02}",
            stamp.date.format("%Y-%m-%d"),
            time.format("%H:%M"),
            abs / 3600,
            abs % 3600 / 60
        ),
        anchor,
        zone_note: note,
    })
}

fn offset_in(tz: Tz, date: NaiveDate, time: NaiveTime) -> Result<i32, String> {
    let local = date.and_time(time);
    match tz.from_local_datetime(&local).earliest() {
        Some(dt) => Ok(dt.offset().fix().local_minus_utc()),
        None => Err(format!(
            "{} does not exist in {}: the clocks skip it",
            local.format("%Y-%m-%d %H:%M"),
            tz.name()
        )),
    }
}

/// The zone an abbreviation stands for, and why.
fn zone_of_abbreviation(abbrev: &str, publisher: &str, url: &str) -> Result<(Tz, String), String> {
    let Some((_, zones)) = ABBREVIATIONS.iter().find(|(a, _)| *a == abbrev) else {
        return Err(format!(
            "the time zone `{abbrev}` is not one annals knows; pass --timezone (an IANA name such as Europe/Madrid)"
        ));
    };
    let parse = |name: &str| {
        name.parse::<Tz>()
            .map_err(|_| format!("unknown zone {name}"))
    };
    if zones.len() == 1 {
        return Ok((parse(zones[0].0)?, "the only zone it names".to_string()));
    }
    let hints = format!("{publisher} {url}").to_lowercase();
    for (zone, words) in zones.iter() {
        if words.split('|').any(|w| !w.is_empty() && hints.contains(w)) {
            let by = if publisher.is_empty() { url } else { publisher };
            return Ok((
                parse(zone)?,
                format!("{abbrev} is ambiguous; the publisher, {by}, points to {zone}"),
            ));
        }
    }
    let names: Vec<&str> = zones.iter().map(|(z, _)| *z).collect();
    Err(format!(
        "the time zone `{abbrev}` is ambiguous ({}) and the publisher does not tell which; pass --timezone",
        names.join(", ")
    ))
}

/// The anchor of a publication moment written as `--published` takes it
/// (`2025-05-05T23:30-04:00`: the local day, 5 May, not UTC's 6 May).
pub fn anchor_for(published: &str, timezone: Option<&str>) -> Result<Anchor, String> {
    let stamp =
        parse_stamp(published).ok_or_else(|| format!("cannot read the date {published:?}"))?;
    let tz = match timezone {
        Some(z) => Some(
            z.parse::<Tz>()
                .map_err(|_| format!("unknown time zone {z}"))?,
        ),
        None => None,
    };
    Ok(resolve(&stamp, tz, "", "")?.anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_byline_is_india_time() {
        let s = parse_stamp("May 05, 2025, 20:03 IST").unwrap();
        assert_eq!(s.zone, ZoneHint::Abbrev("IST".into()));
        let p = resolve(&s, None, "TIMESOFINDIA.COM", "").unwrap();
        assert_eq!(p.written, "2025-05-05T20:03+05:30");
        assert!(p.zone_note.unwrap().contains("Asia/Kolkata"));
        assert!(resolve(&s, None, "Some Paper", "").is_err());
        let dublin = resolve(&s, Some(Tz::Europe__Dublin), "", "").unwrap();
        assert_eq!(dublin.written, "2025-05-05T20:03+01:00");
    }

    #[test]
    fn iso_and_spanish_and_offsets() {
        let s = parse_stamp("2025-05-05T23:30:00-04:00").unwrap();
        let p = resolve(&s, None, "", "").unwrap();
        assert_eq!(p.written, "2025-05-05T23:30-04:00");
        assert_eq!(p.anchor.date, NaiveDate::from_ymd_opt(2025, 5, 5).unwrap());
        let s = parse_stamp("5 de mayo de 2025, 20:03 GMT+2").unwrap();
        assert_eq!(
            resolve(&s, None, "", "").unwrap().written,
            "2025-05-05T20:03+02:00"
        );
        let s = parse_stamp("Updated May 4, 2025 8:15 p.m. EDT").unwrap();
        assert_eq!(
            resolve(&s, None, "", "").unwrap().written,
            "2025-05-04T20:15-04:00"
        );
    }
}
