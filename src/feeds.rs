//! The timeline where readers already are: an Atom feed (newest first) and
//! an iCalendar file, for the whole site and for each taxonomy term. Dates
//! come from `EventDate`; nothing here reads the clock, so the files are the
//! same for the same content.

use std::sync::Arc;

use atom_syndication as atom;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use icalendar::{Calendar, Component, EventLike};

use crate::config::Config;
use crate::date::{DateEnd, EventDate};
use crate::render::Prepared;
use crate::timeline::Timeline;
use crate::url::Page;

/// Absolute URL of a page when the site knows where it lives, else a link
/// relative to a file in `from_dir` (a folder path ending in `/`, or "").
pub fn href(config: &Config, from_dir: &str, page: &Page<'_>) -> String {
    match &config.base_url {
        Some(base) => format!("{base}{}", page.dir()),
        None => format!(
            "{}{}",
            "../".repeat(from_dir.matches('/').count()),
            page.dir()
        ),
    }
}

fn utc(secs: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
}

/// A stable id for an event in feeds and calendars.
fn event_iri(config: &Config, id: &str) -> String {
    match &config.base_url {
        Some(base) => format!("{base}{}", Page::Event(id).dir()),
        None => format!("urn:annals:{}:event:{id}", slug::slugify(&config.title)),
    }
}

/// The Atom feed of `events` (indices into the timeline), newest first.
/// `dir` is the folder the feed is written in ("" or "tags/x/").
pub fn atom_feed(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<Prepared>],
    events: &[usize],
    dir: &str,
    title: &str,
) -> String {
    let epoch: DateTime<FixedOffset> = DateTime::UNIX_EPOCH.into();
    let start_of = |i: usize| {
        let e = &tl.events[i];
        utc(e.span.0).map_or(epoch, Into::into)
    };
    let mut order: Vec<usize> = events.to_vec();
    order.reverse();
    let entries: Vec<atom::Entry> = order
        .iter()
        .map(|&i| {
            let e = &tl.events[i];
            let link = href(config, dir, &Page::Event(&e.id));
            let (date, summary) = (&texts[i].date_text, &texts[i].summary_html);
            let mut entry = atom::Entry::default();
            entry.set_title(atom::Text::plain(e.title.clone()));
            entry.set_id(event_iri(config, &e.id));
            entry.set_updated(start_of(i));
            entry.set_links(vec![atom::Link {
                href: link,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }]);
            entry.set_summary(Some(atom::Text::html(format!(
                "<p><strong>{}</strong></p><p>{summary}</p>",
                crate::render::escape_html(date)
            ))));
            entry.set_categories(
                e.terms[0]
                    .iter()
                    .map(|t| atom::Category {
                        term: t.clone(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>(),
            );
            entry
        })
        .collect();
    let updated = order.iter().map(|&i| start_of(i)).max().unwrap_or(epoch);
    let mut feed = atom::Feed::default();
    feed.set_title(atom::Text::plain(title.to_string()));
    feed.set_id(match &config.base_url {
        Some(base) => format!("{base}{dir}feed.xml"),
        None => format!("urn:annals:{}:feed:{dir}", slug::slugify(&config.title)),
    });
    feed.set_updated(updated);
    feed.set_lang(Some(config.lang.code.to_string()));
    feed.set_generator(Some(atom::Generator {
        value: "annals".into(),
        ..Default::default()
    }));
    feed.set_links(vec![atom::Link {
        href: href(config, dir, &Page::Home),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    }]);
    feed.set_entries(entries);
    feed.to_string()
}

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

fn naive(days: i64) -> Option<NaiveDate> {
    let (y, m, d) = crate::date::civil_from_days(days);
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
    text: &Prepared,
    i: usize,
) -> Option<icalendar::Event> {
    let e = &tl.events[i];
    let has_time = e.date.points().any(|p| p.time.is_some());
    let mut ev = icalendar::Event::new();
    ev.uid(&event_iri(config, &e.id));
    ev.summary(&calendar_text(&e.title));
    let mut description = format!("{}\n{}", text.date_text, text.summary_text);
    if let Some(base) = &config.base_url {
        let url = format!("{base}{}", Page::Event(&e.id).dir());
        description.push_str(&format!("\n{url}"));
        ev.url(&url);
    }
    ev.description(&calendar_text(&description));
    if !e.terms[0].is_empty() {
        ev.categories(e.terms[0].iter().map(|t| calendar_text(t)));
    }
    if !e.terms[2].is_empty() {
        ev.location(&calendar_text(&e.terms[2].join(", ")));
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
        let first = naive(start.div_euclid(86_400))?;
        ev.timestamp(utc(start)?);
        ev.starts(first);
        if e.date.end != DateEnd::Open {
            ev.ends(naive(end.div_euclid(86_400))?);
        }
    }
    Some(ev.done())
}

/// The iCalendar file of `events`. Events whose dates iCalendar cannot
/// hold are left out (and listed by `skipped`).
pub fn icalendar(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<Prepared>],
    events: &[usize],
    name: &str,
) -> (String, Vec<usize>) {
    let mut cal = Calendar::new();
    // `Calendar::name` writes NAME unescaped (icalendar 0.17): a comma or a
    // line break in a title or term would end the value or the line.
    let name = calendar_text(name);
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
