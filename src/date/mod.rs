//! `EventDate`: the one place where dates are parsed, ordered and shown.
//!
//! Dates are written in ISO 8601 with EDTF level 1 extensions: qualifiers
//! (`?` `~` `%`), seasons (`2025-21`), unspecified digits (`201X`,
//! `2025-XX`), open and unknown interval ends (`2025-01/..`, `2025/`),
//! astronomical years (`-0043` is 44 BC) and `Y`-prefixed long years.
//! Years are `i64`, not chrono's ±262,143-year range, so the same type
//! carries a day in 2025 and the Big Bang. Ordering works on spans in UTC
//! seconds; display is precision-aware and comes from one table per
//! language (`display`), parsing lives in `parse`, calendar arithmetic and
//! time zones in `calendar`.

mod calendar;
pub mod cldr;
mod display;
mod parse;
mod suggest;

use std::fmt;

use chrono_tz::Tz;

pub(crate) use calendar::utc;
pub use calendar::{DAY, civil_from_days, seconds_of};
pub use display::{
    DEEP_TIME, DatePart, DeepTimeWords, Lang, Numbered, NumberedFn, PLURAL_SAMPLES, PRESENT,
    across_year_label, deep_time_words, month_year_label, round_year_labels, year_heading,
    year_label, years_ago,
};
pub use suggest::suggestion;

/// Years TimelineJS can hold as JavaScript dates; beyond them it needs its
/// `cosmological` scale (the bounds TimelineJS itself checks).
pub const HUMAN_YEARS: std::ops::RangeInclusive<i64> = -271_820..=275_759;

/// How precisely a point is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `201X`, `19XX`: a decade or century.
    Years,
    /// `2025`, `2025-XX`
    Year,
    /// `2025-21` (spring)
    Season,
    /// `2025-02`, `2025-02-XX`
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
    /// `~` or `%`.
    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::Approximate | Qualifier::UncertainApproximate
        )
    }
    /// `?` or `%`.
    pub fn is_uncertain(self) -> bool {
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

/// EDTF level 1 seasons (`21` … `24`), taken as the meteorological seasons
/// of the northern hemisphere (spring is March to May).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// `21`: March – May.
    Spring = 0,
    /// `22`: June – August.
    Summer = 1,
    /// `23`: September – November.
    Autumn = 2,
    /// `24`: December – February of the next year.
    Winter = 3,
}

impl Season {
    fn from_code(code: u8) -> Season {
        match code {
            21 => Season::Spring,
            22 => Season::Summer,
            23 => Season::Autumn,
            _ => Season::Winter,
        }
    }
    fn code(self) -> u8 {
        21 + self as u8
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
    /// event's or the site's time zone.
    pub offset: Option<i32>,
    /// Written as `Z` rather than `+00:00`.
    pub zulu: bool,
}

/// One point of a date: years, a year, season, month, day or instant,
/// possibly qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    /// Astronomical year: 0 is 1 BC, -43 is 44 BC. With unspecified digits,
    /// the first (earliest) year they allow, which the list files the point
    /// under: `201X` is 2010, `-04XX` is -499 (500 BC; its last year is
    /// -400, 401 BC), `-00XX` is -99.
    pub year: i64,
    /// How many trailing year digits are X (0, 1 or 2).
    pub year_unspecified: u8,
    /// 1–12
    pub month: Option<u8>,
    /// A season instead of a month.
    pub season: Option<Season>,
    /// 1–31
    pub day: Option<u8>,
    /// Present for instants.
    pub time: Option<TimeOfDay>,
    /// Month written `XX`.
    pub month_unspecified: bool,
    /// Day written `XX`.
    pub day_unspecified: bool,
    /// `?`, `~`, `%`.
    pub qualifier: Qualifier,
}

impl DatePoint {
    /// When the point is written with a numeric UTC offset that is not the
    /// one `tz` had at that instant (`T09:32-05:00` for New York in July):
    /// the offset written and the zone's, as `±HH:MM`. A `Z` is a
    /// deliberate UTC time, not a contradiction.
    pub fn offset_contradicts(&self, tz: Tz) -> Option<(String, String)> {
        let t = self.time?;
        let written = t.offset?;
        if t.zulu {
            return None;
        }
        let at = calendar::span_start(self, tz);
        let zone = calendar::offset_at_utc(tz, at);
        (i64::from(written) != zone).then(|| {
            (
                display::offset_text(written),
                display::offset_text(i32::try_from(zone).unwrap_or(0)),
            )
        })
    }

    /// The month written, or the first month of the season written
    /// (northern meteorological seasons: spring from March).
    pub fn first_month(&self) -> Option<u8> {
        self.month.or_else(|| {
            self.season.map(|s| match s {
                Season::Spring => 3,
                Season::Summer => 6,
                Season::Autumn => 9,
                Season::Winter => 12,
            })
        })
    }

    /// How precisely the point is known.
    pub fn precision(&self) -> Precision {
        if self.year_unspecified > 0 {
            Precision::Years
        } else if self.time.is_some() {
            Precision::Time
        } else if self.day.is_some() {
            Precision::Day
        } else if self.month.is_some() {
            Precision::Month
        } else if self.season.is_some() {
            Precision::Season
        } else {
            Precision::Year
        }
    }

    /// First and last year the point may fall in (`201X`: 2010 and 2019;
    /// `-04XX`: -499 and -400, 500 BC and 401 BC).
    pub fn year_range(&self) -> (i64, i64) {
        (self.year, self.year + self.unspecified_width())
    }

    /// How many years after the first the unspecified digits allow (9 for
    /// a decade, 99 for a century, 0 for a year written in full).
    fn unspecified_width(&self) -> i64 {
        10_i64.pow(u32::from(self.year_unspecified)) - 1
    }

    /// Checks that a zone-less time exists in `tz`; `Err` names the problem
    /// (a time in the hour skipped when clocks go forward).
    pub fn check_local_time(&self, tz: Tz) -> Result<(), String> {
        let (Some(t), Some(m), Some(d)) = (self.time, self.month, self.day) else {
            return Ok(());
        };
        if t.offset.is_some() {
            return Ok(());
        }
        let secs =
            u32::from(t.hour) * 3600 + u32::from(t.minute) * 60 + u32::from(t.second.unwrap_or(0));
        if calendar::local_time_exists(tz, self.year, m, d, secs) {
            Ok(())
        } else {
            Err(format!(
                "{:02}:{:02} does not exist on that day in {}: the clocks skip it",
                t.hour,
                t.minute,
                tz.name()
            ))
        }
    }
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

/// The largest year (either side of year 0) a date may have: spans are
/// counted in seconds in 64 bits, which hold ±292 billion years; a
/// hundred billion is seven times the age of the universe.
pub const MAX_YEAR: i64 = 100_000_000_000;

/// The forms `date:` accepts, for hints.
pub const ACCEPTED_FORMS: &str = "accepted date forms: 2025, 2025-02, 2025-05-04, \
2025-05-05T20:03+05:30, 2025-04/2025-05-04, 2025-01/.. (ongoing), 2025/ (end unknown), \
2025-21 (spring; 22 summer, 23 autumn, 24 winter), 201X (the 2010s), 2025-XX, \
~ (approximate), ? (uncertain) or % (both) after a date, -0043-03-15 for 44 BC, \
Y-13798000000 for long years";

impl EventDate {
    /// Parses `date:` as written. Offsets in errors are character offsets
    /// into `text`.
    pub fn parse(text: &str) -> Result<EventDate, DateError> {
        parse::parse_date(text)
    }

    /// Combines `date:` with a separate `end:`, as if written `date/end`.
    pub fn with_end(self, end: EventDate) -> Result<EventDate, DateError> {
        if self.end != DateEnd::None {
            return Err(parse::err("`date` is already an interval", 0, 1));
        }
        if end.end != DateEnd::None {
            return Err(parse::err("`end` must be a single date", 0, 1));
        }
        if !parse::ends_after(&self.start, &end.start) {
            return Err(parse::err("the interval ends before it starts", 0, 1));
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
    /// their whole day, month, season or year in `tz`.
    pub fn span(&self, tz: Tz) -> (i64, i64) {
        let start = calendar::span_start(&self.start, tz);
        let end = match self.end {
            DateEnd::None | DateEnd::Unknown => calendar::span_end(&self.start, tz),
            DateEnd::Point(e) => calendar::span_end(&e, tz),
            DateEnd::Open => i64::MAX,
        };
        (start, end)
    }

    /// Year and month (if known) of the start, as written: what the list
    /// groups by. A season groups with its first month; a decade or century
    /// with its first year, BC as AD (`-04XX` under 500 BC, `19XX` under
    /// 1900), so that it stands where its span starts among the years. A
    /// year of deep time groups with the others its rounded years before
    /// present name: the Big Bang (13,798,000,001 BC) and recombination
    /// (13,797,623,001 BC) both under "13.8 billion years ago".
    pub fn year_month(&self) -> (i64, Option<u8>) {
        let year = match years_ago(self.start.year) {
            Some(ago) => PRESENT - ago as i64,
            None => self.start.year,
        };
        (year, self.start.first_month())
    }

    /// The pieces of the displayed date in `lang`, instants shown in `zone`
    /// (wall-clock time and abbreviation) when one is given.
    pub fn display_parts_in(&self, lang: &Lang, zone: Option<Tz>) -> Vec<DatePart> {
        display::display_parts(self, lang, zone)
    }

    /// The displayed date as plain text, instants as written.
    pub fn display(&self, lang: &Lang) -> String {
        self.display_in(lang, None)
    }

    /// The displayed date as plain text, instants shown in `zone`.
    pub fn display_in(&self, lang: &Lang, zone: Option<Tz>) -> String {
        self.display_parts_in(lang, zone)
            .into_iter()
            .map(|p| match p {
                DatePart::Text(t) | DatePart::Time { text: t, .. } => t,
            })
            .collect()
    }

    /// Machine-readable form of the start, valid in `<time datetime>`;
    /// `None` where HTML has no form for it (years before 1 AD, ranges of
    /// years).
    pub fn machine_start(&self) -> Option<String> {
        display::machine_form(&self.start)
    }

    /// The points of the date (start, and end if it is a point).
    pub fn points(&self) -> impl Iterator<Item = &DatePoint> {
        let end = match &self.end {
            DateEnd::Point(e) => Some(e),
            _ => None,
        };
        std::iter::once(&self.start).chain(end)
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
    let long = p.year.unsigned_abs() > 9999;
    if long {
        write!(f, "Y{}", p.year)?;
    } else {
        // A BC decade or century is written from its last year: -499 (the
        // first year of `-04XX`) is written from -400.
        let written = if p.year < 0 {
            p.year + p.unspecified_width()
        } else {
            p.year
        };
        let digits = format!("{:04}", written.unsigned_abs());
        let x = usize::from(p.year_unspecified);
        let sign = if p.year < 0 { "-" } else { "" };
        write!(f, "{sign}{}{}", &digits[..4 - x], "X".repeat(x))?;
    }
    if let Some(m) = p.month {
        write!(f, "-{m:02}")?;
    } else if let Some(s) = p.season {
        write!(f, "-{}", s.code())?;
    } else if p.month_unspecified {
        write!(f, "-XX")?;
    }
    if let Some(d) = p.day {
        write!(f, "-{d:02}")?;
    } else if p.day_unspecified {
        write!(f, "-XX")?;
    }
    if let Some(t) = p.time {
        write!(f, "T{}", display::time_text(&t))?;
    }
    write!(f, "{}", p.qualifier.symbol())
}

#[cfg(test)]
pub(crate) mod strategies;
#[cfg(test)]
mod tests;
