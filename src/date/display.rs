//! How dates read: precision-, range- and qualifier-aware text in one
//! language ([`Lang`]: CLDR names and numbers, annals' wording from the
//! message files), and the machine form for `<time datetime>`.

use chrono_tz::Tz;

use super::calendar::{DAY, abbreviation_at, civil_from_days, offset_at_utc, span_start};
use super::cldr;
use super::{DateEnd, DatePoint, EventDate, Season, TimeOfDay};

/// How one language writes dates: month names and numbers from CLDR
/// ([`cldr`]), with annals' own wording around them (EDTF qualifiers,
/// seasons, eras, ranges), which the message files give. A translation is
/// a message file, not new code. Patterns fill `{day}`, `{month}`,
/// `{year}`, `{season}` and `{date}`.
#[derive(Debug)]
pub struct Lang {
    /// Language code, as in site.yaml.
    pub code: &'static str,
    /// Its index in [`cldr::LANGUAGES`], for its number formatter.
    index: usize,
    /// January … December, as used inside a date (CLDR).
    pub months: [String; 12],
    /// January … December abbreviated, for the axis's ticks (CLDR).
    pub short_months: [String; 12],
    /// Spring, summer, autumn, winter.
    pub seasons: [String; 4],
    /// "4 May 2025"
    pub day_month_year: String,
    /// "4 May" (the start of a range within one year)
    pub day_month: String,
    /// "May 2025"
    pub month_year: String,
    /// "spring 2025"
    pub season_year: String,
    /// "the 2010s"
    pub decade: String,
    /// "since January 2025"
    pub since: String,
    /// "2025 – unknown"
    pub unknown_end: String,
    /// "c. April 2025"
    pub approximate: String,
    /// "2025 (uncertain)"
    pub uncertain: String,
    /// "44 BC"
    pub bc: String,
    /// Heading of the events known only to the year: "Across 2025".
    pub across_year: String,
    /// Deep time: "{years} ago".
    ago: String,
    /// Deep time, approximate: "c. {years} ago".
    approximate_ago: String,
    /// Digit group separator in long years ("13,798,000,001"), as CLDR
    /// writes it, for annals.js.
    pub thousands: char,
    /// The messages whose form depends on a number: centuries (ordinals)
    /// and deep time (plurals).
    numbered: Numbered,
}

/// A message whose form depends on a number `n` — an ordinal ("5th
/// century") or a count ("13.8 billion years ago") — chosen by the
/// language's CLDR rules in its message file: called with the message id,
/// `n`, and the values it fills in as text.
pub struct Numbered(pub Box<NumberedFn>);

/// What [`Numbered`] calls: message id, `n`, text values → text.
pub type NumberedFn = dyn Fn(&str, f64, &[(&str, &str)]) -> String + Send + Sync;

impl std::fmt::Debug for Numbered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Numbered")
    }
}

impl Lang {
    /// The dates of language `code`: CLDR's names and numbers, the wording
    /// `message` gives for each message id (`date-since`, …), and the
    /// messages that depend on a number, which `numbered` writes.
    pub fn new(code: &'static str, message: impl Fn(&str) -> String, numbered: Numbered) -> Lang {
        let index = cldr::index_of(code);
        let thousands = cldr::number_at(index, 10_000_000)
            .chars()
            .find(|c| !c.is_numeric())
            .unwrap_or(',');
        Lang {
            code,
            index,
            months: cldr::months(code),
            short_months: cldr::short_months(code),
            seasons: ["date-spring", "date-summer", "date-autumn", "date-winter"].map(&message),
            day_month_year: message("date-day-month-year"),
            day_month: message("date-day-month"),
            month_year: message("date-month-year"),
            season_year: message("date-season-year"),
            decade: message("date-decade"),
            since: message("date-since"),
            unknown_end: message("date-unknown-end"),
            approximate: message("date-approximate"),
            uncertain: message("date-uncertain"),
            bc: message("date-bc"),
            across_year: message("date-across-year"),
            ago: message("date-ago"),
            approximate_ago: message("date-approximate-ago"),
            thousands,
            numbered,
        }
    }

    /// The numbered message `id` with `n` and `values`.
    fn numbered(&self, id: &str, n: f64, values: &[(&str, &str)]) -> String {
        (self.numbered.0)(id, n, values)
    }

    /// A number as the language writes it (CLDR's digits and grouping,
    /// from five digits on).
    pub fn number(&self, n: u64) -> String {
        cldr::number_at(self.index, i64::try_from(n).unwrap_or(i64::MAX))
    }
}

fn fill(pattern: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// The year written the way readers expect ("44 BC" for -43).
pub fn year_label(year: i64, lang: &Lang) -> String {
    if year <= 0 {
        fill(&lang.bc, &[("year", &lang.number(year.unsigned_abs() + 1))])
    } else {
        lang.number(year.unsigned_abs())
    }
}

/// The years before present that a year is shown as, rounded to three
/// significant digits; `None` for a year readers count in calendar years.
/// Deep time starts where EDTF needs a `Y` year: before 9999 BC, beyond
/// recorded history and any calendar's reach, readers count back from now
/// ("12,000 years ago", "13.8 billion years ago"). "Now" is
/// [`PRESENT`], the fixed present of "years before present", so that a site
/// reads the same whenever it is built.
pub fn years_ago(year: i64) -> Option<u64> {
    if year > DEEP_TIME {
        return None;
    }
    let ago = (PRESENT - year).unsigned_abs();
    let digits = ago.ilog10() + 1;
    Some(if digits > 3 {
        let unit = 10_u64.pow(digits - 3);
        (ago + unit / 2) / unit * unit
    } else {
        ago
    })
}

/// The present of "years before present" (BP): 1950, as in radiocarbon
/// dating and geology.
pub const PRESENT: i64 = 1950;

/// The latest year shown in years before present: -10000 (10,001 BC), the
/// first year EDTF writes with `Y` (`Y-10000`).
pub const DEEP_TIME: i64 = -10_000;

/// Deep time as readers write it: "12,000 years ago", "65 million years
/// ago", "13.8 billion years ago" (three significant digits), or "c. 13.8
/// billion years ago": each language places its "about" itself ("vor etwa
/// 13,8 Milliarden Jahren").
fn deep_time_label(ago: u64, approximate: bool, lang: &Lang) -> String {
    const MILLION: u64 = 1_000_000;
    const BILLION: u64 = 1_000_000_000;
    // In hundredths of the unit: `ago` has three significant digits, so
    // these are exact.
    let hundredths = |unit: u64| (ago / (unit / 100)) as f64 / 100.0;
    let years = if ago >= BILLION {
        lang.numbered("date-billion-years", hundredths(BILLION), &[])
    } else if ago >= MILLION {
        lang.numbered("date-million-years", hundredths(MILLION), &[])
    } else {
        lang.numbered("date-years", ago as f64, &[])
    };
    let pattern = if approximate {
        &lang.approximate_ago
    } else {
        &lang.ago
    };
    fill(pattern, &[("years", &years)])
}

/// A year as the list and the axis's breaks name it: like [`year_label`],
/// but deep time in years before present ("13.8 billion years ago").
pub fn year_heading(year: i64, lang: &Lang) -> String {
    match years_ago(year) {
        Some(ago) => deep_time_label(ago, false, lang),
        None => year_label(year, lang),
    }
}

/// Deep time's wording for annals.js, which names the ticks again when it
/// zooms: the number's decimal separator, the "… ago" pattern (`{years}`),
/// and for each unit (`b`illion, `m`illion, `y`ears) the words for each
/// plural category, `{n}` standing for the number. A category's words are
/// those of its sample number ([`PLURAL_SAMPLES`]); the script picks the
/// category with `Intl.PluralRules`, from the same CLDR rules.
pub fn deep_time_words(lang: &Lang) -> DeepTimeWords {
    let dec: String = cldr::decimal_at(lang.index, 1.5)
        .chars()
        .filter(|c| !c.is_numeric())
        .collect();
    let forms = |id: &str| -> Vec<(&'static str, String)> {
        PLURAL_SAMPLES
            .iter()
            .map(|&(category, sample)| {
                let number = cldr::decimal_at(lang.index, sample);
                (
                    category,
                    lang.numbered(id, sample, &[]).replace(&number, "{n}"),
                )
            })
            .collect()
    };
    DeepTimeWords {
        dec,
        ago: lang.ago.clone(),
        units: [
            ("b", forms("date-billion-years")),
            ("m", forms("date-million-years")),
            ("y", forms("date-years")),
        ],
    }
}

/// A number of each CLDR plural category in the languages annals ships
/// (in Arabic: 0 zero, 1 one, 2 two, 3 few, 11 many, 100 other).
pub const PLURAL_SAMPLES: [(&str, f64); 6] = [
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("few", 3.0),
    ("many", 11.0),
    ("other", 100.0),
];

/// What [`deep_time_words`] gives.
#[derive(Debug, Clone, PartialEq)]
pub struct DeepTimeWords {
    /// The decimal separator ("13.8", "13,8").
    pub dec: String,
    /// "{years} ago"
    pub ago: String,
    /// Per unit, per plural category: "{n} billion years".
    pub units: [(&'static str, Vec<(&'static str, String)>); 3],
}

/// The labels of the axis's round-year ticks `years`: deep time in years
/// ago where that tells every tick from the next, else every year as a
/// calendar year (a view zoomed into deep time, whose ticks "13.8 billion
/// years ago" would all read the same).
pub fn round_year_labels(years: &[i64], lang: &Lang) -> Vec<String> {
    let deep: Vec<String> = years.iter().map(|&y| year_heading(y, lang)).collect();
    if deep.windows(2).any(|w| w[0] == w[1]) {
        years.iter().map(|&y| year_label(y, lang)).collect()
    } else {
        deep
    }
}

/// `n` in Roman numerals (the centuries of Spanish, French, Portuguese).
fn roman(mut n: u64) -> String {
    let mut out = String::new();
    for (value, letters) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// A century of unspecified digits: `19XX` (1900 – 1999) is the 20th
/// century as readers count it, `-04XX` (500 BC – 401 BC) the 5th century
/// BC. `lo` and `hi` are its first and last (astronomical) year.
fn century_label(lo: i64, hi: i64, lang: &Lang) -> String {
    let (id, n) = if lo >= 0 {
        ("date-century", lo / 100 + 1)
    } else {
        // -499 … -400 is 500 BC … 401 BC: the 5th century BC.
        ("date-century-bc", -hi / 100 + 1)
    };
    let n = n.unsigned_abs();
    lang.numbered(id, n as f64, &[("roman", &roman(n))])
}

/// A month heading: "January 2025".
pub fn month_year_label(year: i64, month: u8, lang: &Lang) -> String {
    fill(
        &lang.month_year,
        &[
            ("month", month_name(lang, month)),
            ("year", &year_label(year, lang)),
        ],
    )
}

/// The heading of a year's events known only to the year: "Across 2025".
pub fn across_year_label(year: i64, lang: &Lang) -> String {
    fill(&lang.across_year, &[("year", &year_label(year, lang))])
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
        /// The exact years, where the text rounds or names them ("1900 –
        /// 1999" for the 20th century, "13,798,000,001 BC" for 13.8 billion
        /// years ago): for the `title` attribute.
        exact: Option<String>,
    },
}

pub(super) fn offset_text(off: i32) -> String {
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

pub(super) fn time_text(t: &TimeOfDay) -> String {
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

/// What a point shows in a range: everything, or without the year (or
/// month and year) that the end of the range shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Elide {
    Nothing,
    Year,
    MonthAndYear,
}

fn month_name(lang: &Lang, m: u8) -> &str {
    &lang.months[usize::from(m) - 1]
}

fn season_name(lang: &Lang, s: Season) -> &str {
    &lang.seasons[s as usize]
}

/// An instant shown in `zone`: wall-clock time there and its abbreviation,
/// or as written with its offset.
fn instant_text(p: &DatePoint, t: &TimeOfDay, lang: &Lang, zone: Option<Tz>) -> String {
    let (y, m, d, hh, mm, ss, label) = match zone {
        Some(tz) => {
            let utc = span_start(p, tz);
            let off = offset_at_utc(tz, utc);
            let local = utc + off;
            let (y, m, d) = civil_from_days(local.div_euclid(DAY));
            let secs = local.rem_euclid(DAY);
            let label = abbreviation_at(tz, utc)
                .unwrap_or_else(|| format!("(UTC{})", offset_text(off as i32)));
            (
                y,
                m,
                d,
                (secs / 3600) as u8,
                ((secs % 3600) / 60) as u8,
                (secs % 60) as u8,
                Some(label),
            )
        }
        None => (
            p.year,
            p.month.unwrap_or(1),
            p.day.unwrap_or(1),
            t.hour,
            t.minute,
            t.second.unwrap_or(0),
            t.offset.map(|off| {
                if off == 0 {
                    "(UTC)".to_string()
                } else {
                    format!("(UTC{})", offset_text(off))
                }
            }),
        ),
    };
    let day = lang.number(u64::from(d));
    let mut s = fill(
        &lang.day_month_year,
        &[
            ("day", &day),
            ("month", month_name(lang, m)),
            ("year", &year_label(y, lang)),
        ],
    );
    s.push_str(&format!(", {hh:02}:{mm:02}"));
    if ss != 0 {
        s.push_str(&format!(":{ss:02}"));
    }
    if let Some(label) = label {
        s.push(' ');
        s.push_str(&label);
    }
    s
}

fn point_text(p: &DatePoint, lang: &Lang, zone: Option<Tz>, elide: Elide) -> String {
    let year = year_label(p.year, lang);
    let core = if p.year_unspecified > 0 {
        let (lo, hi) = p.year_range();
        if p.year_unspecified == 2 {
            century_label(lo, hi, lang)
        } else if lo >= 0 {
            fill(&lang.decade, &[("year", &lang.number(lo.unsigned_abs()))])
        } else {
            // -045X is 460 BC – 451 BC, which no reader calls "the 450s
            // BC" (459 BC – 450 BC): the years themselves.
            format!("{} – {}", year_label(lo, lang), year_label(hi, lang))
        }
    } else if let (Some(ago), None) = (years_ago(p.year), p.month) {
        deep_time_label(ago, p.qualifier.is_approximate(), lang)
    } else if let Some(s) = p.season {
        let year = if s == Season::Winter {
            format!("{year}–{:02}", (p.year + 1).rem_euclid(100))
        } else {
            year
        };
        fill(
            &lang.season_year,
            &[("season", season_name(lang, s)), ("year", &year)],
        )
    } else if let (Some(t), Some(_)) = (p.time, p.day) {
        instant_text(p, &t, lang, zone)
    } else {
        match (p.month, p.day, elide) {
            (None, _, _) => year,
            (Some(m), None, Elide::Nothing) => fill(
                &lang.month_year,
                &[("month", month_name(lang, m)), ("year", &year)],
            ),
            (Some(m), None, _) => month_name(lang, m).to_string(),
            (Some(m), Some(d), Elide::Nothing) => fill(
                &lang.day_month_year,
                &[
                    ("day", &lang.number(u64::from(d))),
                    ("month", month_name(lang, m)),
                    ("year", &year),
                ],
            ),
            (Some(m), Some(d), Elide::Year) => fill(
                &lang.day_month,
                &[
                    ("day", &lang.number(u64::from(d))),
                    ("month", month_name(lang, m)),
                ],
            ),
            (Some(_), Some(d), Elide::MonthAndYear) => lang.number(u64::from(d)),
        }
    };
    let mut s = core;
    let deep = years_ago(p.year).is_some() && p.month.is_none();
    if p.qualifier.is_approximate() && !deep {
        s = fill(&lang.approximate, &[("date", &s)]);
    }
    if p.qualifier.is_uncertain() {
        s = fill(&lang.uncertain, &[("date", &s)]);
    }
    s
}

/// A valid HTML date/time string for the point, or `None` for what HTML
/// cannot express (years before 1 AD, ranges of years).
pub(super) fn machine_form(p: &DatePoint) -> Option<String> {
    if p.year < 1 || p.year_unspecified > 0 {
        return None;
    }
    let mut s = format!("{:04}", p.year);
    if let Some(m) = p.month {
        s.push_str(&format!("-{m:02}"));
        if let Some(d) = p.day {
            s.push_str(&format!("-{d:02}"));
            if let Some(t) = p.time {
                s.push('T');
                s.push_str(&time_text(&t));
            }
        }
    }
    Some(s)
}

/// The exact years of a point whose text rounds or names them: a century,
/// deep time.
fn exact_years(p: &DatePoint, lang: &Lang) -> Option<String> {
    let (lo, hi) = p.year_range();
    if p.year_unspecified == 2 {
        Some(format!(
            "{} – {}",
            year_label(lo, lang),
            year_label(hi, lang)
        ))
    } else if years_ago(p.year).is_some() && p.month.is_none() {
        Some(year_label(p.year, lang))
    } else {
        None
    }
}

fn time_part(p: &DatePoint, lang: &Lang, zone: Option<Tz>, elide: Elide) -> DatePart {
    DatePart::Time {
        text: point_text(p, lang, zone, elide),
        machine: machine_form(p),
        exact: exact_years(p, lang),
    }
}

/// Splits a pattern like "since {date}" around its `{date}`.
fn around_date(pattern: &str) -> (&str, &str) {
    pattern.split_once("{date}").unwrap_or(("", ""))
}

pub(super) fn display_parts(date: &EventDate, lang: &Lang, zone: Option<Tz>) -> Vec<DatePart> {
    let mut parts = Vec::new();
    let text = |parts: &mut Vec<DatePart>, s: &str| {
        if !s.is_empty() {
            parts.push(DatePart::Text(s.to_string()));
        }
    };
    match date.end {
        DateEnd::None => parts.push(time_part(&date.start, lang, zone, Elide::Nothing)),
        DateEnd::Open => {
            let (before, after) = around_date(&lang.since);
            text(&mut parts, before);
            parts.push(time_part(&date.start, lang, zone, Elide::Nothing));
            text(&mut parts, after);
        }
        DateEnd::Unknown => {
            let (before, after) = around_date(&lang.unknown_end);
            text(&mut parts, before);
            parts.push(time_part(&date.start, lang, zone, Elide::Nothing));
            text(&mut parts, after);
        }
        DateEnd::Point(end) => {
            let (s, e) = (&date.start, &end);
            let plain = |p: &DatePoint| {
                p.time.is_none()
                    && p.season.is_none()
                    && p.year_unspecified == 0
                    && p.month.is_some()
                    && !p.qualifier.is_uncertain()
            };
            let elide = if plain(s) && plain(e) && s.year == e.year {
                if s.month == e.month && s.day.is_some() && e.day.is_some() {
                    Elide::MonthAndYear
                } else {
                    Elide::Year
                }
            } else {
                Elide::Nothing
            };
            parts.push(time_part(s, lang, zone, elide));
            parts.push(DatePart::Text(" – ".into()));
            parts.push(time_part(e, lang, zone, Elide::Nothing));
        }
    }
    parts
}
