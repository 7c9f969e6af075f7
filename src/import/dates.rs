//! Dates of TimelineJS slides: the date parts both formats hold (strings,
//! possibly empty) as annals dates, and the slide at year 0 that stands
//! for the present.

use super::{Report, Slide};
use crate::content::markdown::html_to_text;
use crate::date::EventDate;

/// Date and time parts as TimelineJS holds them: strings, possibly empty.
#[derive(Debug, Default, Clone)]
pub(super) struct DateParts {
    pub(super) year: String,
    pub(super) month: String,
    pub(super) day: String,
    pub(super) hour: String,
    pub(super) minute: String,
    pub(super) second: String,
}

impl DateParts {
    pub(super) fn is_empty(&self) -> bool {
        self.year.is_empty()
    }
}

/// Date parts as an annals date (`1815-12-10`, `-0500-03`, `Y-13798000000`,
/// `1865-04-14T22:15`), or why not. `field` names the parts in warnings
/// about what is lost (a month of a year beyond four digits).
fn date_from_parts(p: &DateParts, field: &str, r: &mut Report) -> Result<String, String> {
    let year: i64 = p
        .year
        .parse()
        .map_err(|_| format!("year `{}` is not a whole number", p.year))?;
    let num = |v: &str, what: &str, max: u8| -> Result<Option<u8>, String> {
        if v.is_empty() {
            return Ok(None);
        }
        match v.parse::<u8>() {
            Ok(n) if n <= max => Ok(Some(n)),
            _ => Err(format!("{what} `{v}` is out of range")),
        }
    };
    let month = num(&p.month, "month", 12)?;
    let day = num(&p.day, "day", 31)?;
    let hour = num(&p.hour, "hour", 23)?;
    let minute = num(&p.minute, "minute", 59)?;
    let second = num(&p.second, "second", 59)?;
    if year.abs() > 9999 {
        // EDTF writes such years alone (`Y-13798000000`).
        if month.is_some() || day.is_some() || hour.is_some() {
            r.drop(
                &format!("{field}.month/day/time"),
                "slide",
                "annals keeps only the year of a year beyond four digits",
            );
        }
        let s = format!("Y{year}");
        EventDate::parse(&s).map_err(|e| format!("`{s}`: {}", e.message))?;
        return Ok(s);
    }
    let mut s = if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    };
    match (month, day) {
        (None, Some(_)) => return Err("it has a day but no month".into()),
        (Some(m), d) => {
            s.push_str(&format!("-{m:02}"));
            if let Some(d) = d {
                s.push_str(&format!("-{d:02}"));
            }
        }
        (None, None) => {}
    }
    match (day, hour) {
        (Some(_), Some(h)) => {
            s.push_str(&format!("T{h:02}:{:02}", minute.unwrap_or(0)));
            if let Some(sec) = second {
                s.push_str(&format!(":{sec:02}"));
            }
        }
        (None, Some(_)) => r.drop(&format!("{field}.hour"), "slide", "annals times need a day"),
        _ => {}
    }
    EventDate::parse(&s).map_err(|e| format!("`{s}`: {}", e.message))?;
    Ok(s)
}

/// A start and an optional end as annals dates, the end checked against
/// the start; `None` with a warning when the slide cannot be placed.
pub(super) fn dates(
    start: &DateParts,
    end: &DateParts,
    what: &str,
    r: &mut Report,
) -> Option<(String, Option<String>)> {
    if start.is_empty() {
        r.line(format!("skipped {what}: it has no start date"));
        return None;
    }
    let date = match date_from_parts(start, "start_date", r) {
        Ok(d) => d,
        Err(why) => {
            r.line(format!("skipped {what}: its start date {why}"));
            return None;
        }
    };
    if end.is_empty() {
        return Some((date, None));
    }
    let end = date_from_parts(end, "end_date", r).and_then(|e| {
        EventDate::parse(&format!("{date}/{e}"))
            .map(|_| e)
            .map_err(|err| err.message)
    });
    match end {
        Ok(e) => Some((date, Some(e))),
        Err(why) => {
            r.line(format!("dropped the end date of {what}: {why}"));
            Some((date, None))
        }
    }
}

/// Words that name the present, in the languages annals ships.
const NOW: &[&str] = &[
    "now",
    "today",
    "present",
    "the present",
    "present day",
    "the present day",
    "nowadays",
    "hoy",
    "ahora",
    "presente",
    "el presente",
    "la actualidad",
    "aujourd'hui",
    "maintenant",
    "le présent",
    "heute",
    "jetzt",
    "gegenwart",
    "die gegenwart",
    "hoje",
    "agora",
    "o presente",
    "atualidade",
    "الآن",
    "اليوم",
    "الحاضر",
];

/// True when a slide at year 0 is the present. TimelineJS timelines of
/// deep time (its `cosmological` scale, where the Big Bang is year
/// -13,798,000,000) end on a slide at year 0 that TimelineJS shows as
/// "Now" or "Today": at that scale year 0 is today. In annals' astronomical
/// numbering year 0 is 1 BC, which the reader would see. The slide is the
/// present when its year is 0 with no month, no end, and its displayed date
/// or its headline names the present.
pub(super) fn is_present(slide: &Slide) -> bool {
    let names_now = |text: &str| {
        let text = html_to_text(text).to_lowercase().replace('’', "'");
        let text = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        NOW.contains(&text.trim_matches('\''))
    };
    slide.start.year.trim().parse::<i64>() == Ok(0)
        && slide.start.month.is_empty()
        && slide.end.is_empty()
        && (names_now(&slide.display_date) || names_now(&slide.headline))
}

/// The year of now, for an imported slide that stands for the present:
/// from `SOURCE_DATE_EPOCH` (seconds since 1970) when it is set, as
/// reproducible builds set it, else from the clock.
pub fn present_year() -> i64 {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    crate::date::civil_from_days(secs.div_euclid(crate::date::DAY)).0
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::import::convert;

    fn parts(y: &str, m: &str, d: &str) -> DateParts {
        DateParts {
            year: y.into(),
            month: m.into(),
            day: d.into(),
            ..DateParts::default()
        }
    }

    #[test]
    fn dates_come_from_parts_with_empty_strings_as_absent() {
        let mut r = Report::default();
        let mut date = |p: DateParts| date_from_parts(&p, "start_date", &mut r);
        assert_eq!(date(parts("1815", "12", "10")).unwrap(), "1815-12-10");
        assert_eq!(date(parts("1948", "", "")).unwrap(), "1948");
        assert_eq!(
            date(parts("-13798000000", "", "")).unwrap(),
            "Y-13798000000"
        );
        assert_eq!(date(parts("-500", "3", "")).unwrap(), "-0500-03");
        let mut p = parts("1865", "4", "14");
        (p.hour, p.minute) = ("22".into(), "15".into());
        assert_eq!(date(p).unwrap(), "1865-04-14T22:15");
        assert!(date(parts("1990", "13", "")).is_err());
        assert!(date(parts("1990", "", "3")).is_err());
        assert!(date(parts("1990", "2", "30")).is_err());
    }

    #[test]
    fn a_slide_at_year_0_is_the_present_when_it_says_so() {
        let slide = |year: &str, month: &str, display: &str, headline: &str| Slide {
            start: parts(year, month, ""),
            display_date: display.into(),
            headline: headline.into(),
            ..Slide::default()
        };
        for (s, present) in [
            (slide("0", "", "Now", "“Today”"), true),
            (slide("0", "", "", "Today"), true),
            (slide("0", "", "<b>Today</b>", ""), true),
            (slide("0", "", "Aujourd’hui", ""), true),
            (slide("0", "", "hoy", "Presente"), true),
            (slide("0", "", "", "The present day."), true),
            // Year 0 that is a year: 1 BC.
            (slide("0", "", "", "Birth of Jesus"), false),
            (slide("0", "6", "Now", ""), false),
            (slide("2025", "", "Now", ""), false),
            (slide("-1", "", "Today", ""), false),
        ] {
            assert_eq!(
                is_present(&s),
                present,
                "{:?} {:?}",
                s.display_date,
                s.headline
            );
        }
        let mut with_end = slide("0", "", "Now", "");
        with_end.end = parts("10", "", "");
        assert!(!is_present(&with_end));
        // Converted to the year of the import, with a line saying so.
        let mut r = Report::default();
        let event = convert(
            slide("0", "", "", "Today"),
            2,
            2025,
            &mut HashSet::new(),
            &mut r,
        );
        assert_eq!(event.map(|e| (e.date, e.end)), Some(("2025".into(), None)));
        assert_eq!(
            r.into_warnings(),
            [
                "imported slide 3 (Today) as 2025, the year of this import: its year 0 is the present, and would read as 1 BC in annals; move its date on when you update the timeline"
            ]
        );
    }
}
