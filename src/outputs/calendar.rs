//! The timeline in readers' calendars: an iCalendar file (RFC 5545) for the
//! whole site and for each taxonomy term. All-day dates for days, months,
//! seasons and years, UTC times for instants, stable UIDs; nothing here
//! reads the clock, so the files are the same for the same content.

use std::sync::Arc;

use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};

use crate::content::config::Config;
use crate::date::{DAY, DateEnd, EventDate, civil_from_days, utc};
use crate::timeline::Timeline;
use crate::views::EventText;
use crate::views::url::{Page, event_iri};

/// Text as iCalendar can hold it: every line break a `\n` (the crate
/// escapes those, but leaves a bare CR, which some readers take for the
/// end of the line), and no other control character (RFC 5545 TEXT
/// allows none but tab).
fn calendar_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// The most bytes of a title or summary a calendar entry carries. A
/// calendar entry points to its event page, which has the whole text;
/// calendar apps show a few lines of it (Google Calendar cuts descriptions
/// at 8 KB). It also bounds the work of the `icalendar` crate, whose line
/// folding takes time quadratic in a line's length (0.17: `fold_line`
/// walks the line from its start for each 75-byte fold, 99 s for a 15 MiB
/// title): at 2 KiB a line costs under a millisecond.
const TEXT_LIMIT: usize = 2048;

/// `s` cut to at most [`TEXT_LIMIT`] bytes at a character boundary, with
/// an ellipsis where it was cut.
fn clipped(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= TEXT_LIMIT {
        return s.into();
    }
    let mut end = TEXT_LIMIT - '…'.len_utf8();
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end]).into()
}

fn naive(days: i64) -> Option<NaiveDate> {
    let (y, m, d) = civil_from_days(days);
    if !(1..=9999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, u32::from(m), u32::from(d))
}

/// One calendar entry: all-day dates for days, months, seasons and years
/// (DTEND exclusive), UTC date-times for instants. `None` for dates the
/// format cannot hold (before year 1 or after 9999).
fn calendar_event(
    config: &Config,
    tl: &Timeline,
    text: &EventText,
    i: usize,
) -> Option<icalendar::Event> {
    let e = &tl.events[i];
    let has_time = e.date.points().any(|p| p.time.is_some());
    let mut ev = icalendar::Event::new();
    ev.uid(&event_iri(config, &e.id));
    ev.summary(&calendar_text(&clipped(&e.title)));
    let mut description = format!(
        "{}\n{}",
        clipped(&text.date_text),
        clipped(&text.summary_text)
    );
    if let Some(base) = &config.base_url {
        let url = Page::Event(&e.id).absolute(base);
        description.push_str(&format!("\n{url}"));
        ev.url(&url);
    }
    ev.description(&calendar_text(&description));
    if !e.terms[0].is_empty() {
        ev.categories(e.terms[0].iter().map(|t| calendar_text(&clipped(t))));
    }
    if !e.terms[2].is_empty() {
        ev.location(&calendar_text(&clipped(&e.terms[2].join(", "))));
    }
    if has_time {
        let (start, end) = e.span;
        let start_dt = utc(start)?;
        ev.timestamp(start_dt);
        ev.starts(start_dt);
        if end != i64::MAX && end > start {
            ev.ends(utc(end)?);
        }
    } else {
        // Calendar days as written: spans in UTC are local days here.
        let (start, end) = EventDate::span(&e.date, chrono_tz::Tz::UTC);
        let first = naive(start.div_euclid(DAY))?;
        ev.timestamp(utc(start)?);
        ev.starts(first);
        if e.date.end != DateEnd::Open {
            ev.ends(naive(end.div_euclid(DAY))?);
        }
    }
    Some(ev.done())
}

/// The iCalendar file of `events`. Events whose dates iCalendar cannot
/// hold are left out (and listed by `skipped`).
pub(crate) fn icalendar(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<EventText>],
    events: &[usize],
    name: &str,
) -> (String, Vec<usize>) {
    let mut cal = Calendar::new();
    // `Calendar::name` writes NAME unescaped (icalendar 0.17): a comma or a
    // line break in a title or term would end the value or the line.
    let name = calendar_text(&clipped(name));
    let escaped = name
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n");
    cal.append_property(icalendar::Property::new("NAME", &escaped));
    cal.append_property(icalendar::Property::new("X-WR-CALNAME", &name));
    let mut skipped = Vec::new();
    for &i in events {
        match calendar_event(config, tl, &texts[i], i) {
            Some(ev) => {
                cal.push(ev);
            }
            None => skipped.push(i),
        }
    }
    (cal.done().to_string(), skipped)
}
