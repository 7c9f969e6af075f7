//! `/sitemap.xml`, when the site knows its address: every page with a
//! `lastmod` taken from dates written in the files, never from the clock
//! or file times.

use std::collections::BTreeMap;

use chrono_tz::Tz;

use crate::content::config::Config;
use crate::date::{DAY, EventDate, Precision, civil_from_days};
use crate::timeline::Timeline;
use crate::views::escape::escape_html;
use crate::views::url::{Page, absolute};

/// A `lastmod` value: the UTC second it stands for (to find the newest)
/// and its text as the sitemap schema takes it (`xsd:date` or
/// `xsd:dateTime`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Lastmod {
    start: i64,
    precision: Precision,
    text: String,
}

/// The `lastmod` of a written date: its day (`2025-05-04`), or its instant
/// in UTC. `None` for dates not known to the day, which the sitemap schema
/// cannot say (it takes a date or a date-time), and for years before 1 or
/// after 9999.
fn lastmod_of(date: &EventDate, tz: Tz) -> Option<Lastmod> {
    let p = &date.start;
    let (Some(m), Some(d)) = (p.month, p.day) else {
        return None;
    };
    if !(1..=9999).contains(&p.year) || p.year_unspecified > 0 {
        return None;
    }
    let start = date.span(tz).0;
    let text = if p.time.is_some() {
        let (y, m, d) = civil_from_days(start.div_euclid(DAY));
        let secs = start.rem_euclid(DAY);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    } else {
        format!("{:04}-{m:02}-{d:02}", p.year)
    };
    Some(Lastmod {
        start,
        precision: p.precision(),
        text,
    })
}

/// When each page last changed, by page folder, as far as the content
/// says. A source changed when it says it was `updated`, else when it was
/// `published`; an event when it was `updated` or a source it cites
/// changed, whichever is newest; a list page (home, sources, taxonomies,
/// terms) when the newest of what it lists changed.
fn lastmods(config: &Config, tl: &Timeline) -> BTreeMap<String, Lastmod> {
    let tz = config.timezone;
    let source: Vec<Option<Lastmod>> = tl
        .sources
        .iter()
        .map(|s| {
            s.updated
                .as_ref()
                .or(s.published.as_ref())
                .and_then(|d| lastmod_of(d, tz))
        })
        .collect();
    let event: Vec<Option<Lastmod>> = tl
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let own = e
                .updated
                .as_ref()
                .and_then(|d| lastmod_of(d, e.zone.unwrap_or(tz)));
            tl.citations[i]
                .iter()
                .map(|c| source[c.source].clone())
                .chain([own])
                .flatten()
                .max()
        })
        .collect();
    let newest =
        |events: &mut dyn Iterator<Item = usize>| events.filter_map(|i| event[i].clone()).max();
    let mut out = BTreeMap::new();
    let mut put = |page: Page<'_>, lastmod: Option<Lastmod>| {
        if let Some(l) = lastmod {
            out.insert(page.dir(), l);
        }
    };
    for (i, e) in tl.events.iter().enumerate() {
        put(Page::Event(&e.id), event[i].clone());
    }
    for (si, s) in tl.sources.iter().enumerate() {
        put(Page::Source(&s.id), source[si].clone());
    }
    let all_sources = source.iter().flatten().max().cloned();
    put(Page::Sources, all_sources.clone());
    let home = newest(&mut (0..tl.events.len())).max(all_sources);
    put(Page::Story, home.clone());
    put(Page::Home, home);
    for t in &tl.taxonomies {
        let mut listed = t.terms.iter().flat_map(|term| term.events.iter().copied());
        put(Page::Taxonomy(t.name), newest(&mut listed));
        for term in &t.terms {
            put(
                Page::Term(t.name, &term.slug),
                newest(&mut term.events.iter().copied()),
            );
        }
    }
    out
}

/// `/sitemap.xml` for the given page folders, each with its `lastmod`
/// where the content gives one; `None` without `base_url` (a sitemap needs
/// absolute addresses).
pub(crate) fn sitemap(config: &Config, tl: &Timeline, pages: &[String]) -> Option<String> {
    let base = config.base_url.as_ref()?;
    let lastmods = lastmods(config, tl);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for dir in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&absolute(base, dir))
        ));
        if let Some(l) = lastmods.get(dir) {
            out.push_str(&format!("<lastmod>{}</lastmod>", l.text));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    Some(out)
}
