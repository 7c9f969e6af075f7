//! The timeline as data for programs: `/timeline.json` in Knight Lab's
//! TimelineJS3 format (so any site can embed it in TimelineJS),
//! `/events.json` with every event, era and source and normalised dates,
//! and `/sitemap.xml` when the site knows its address. Like every output,
//! these depend on the content alone: the sitemap's `lastmod` comes from
//! dates written in the files, never from the clock or file times.

use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;

use chrono_tz::Tz;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::date::{DateEnd, DatePoint, EventDate, Precision};
use crate::markdown;
use crate::render::Prepared;
use crate::render::escape_html;
use crate::timeline::Timeline;
use crate::url::Page;

/// TimelineJS3 date parts of a point.
fn tl_date(p: &DatePoint, display: Option<&str>) -> Value {
    let mut m = Map::new();
    let (year, _) = p.year_range();
    m.insert("year".into(), json!(year));
    let month = p.month.or_else(|| {
        p.season.map(|s| match s {
            crate::date::Season::Spring => 3,
            crate::date::Season::Summer => 6,
            crate::date::Season::Autumn => 9,
            crate::date::Season::Winter => 12,
        })
    });
    if let Some(month) = month {
        m.insert("month".into(), json!(month));
    }
    if let Some(day) = p.day {
        m.insert("day".into(), json!(day));
    }
    if let Some(t) = p.time {
        m.insert("hour".into(), json!(t.hour));
        m.insert("minute".into(), json!(t.minute));
        if let Some(s) = t.second {
            m.insert("second".into(), json!(s));
        }
    }
    if let Some(d) = display {
        m.insert("display_date".into(), json!(d));
    }
    Value::Object(m)
}

/// Text for a TimelineJS field that TimelineJS shows as HTML (headlines,
/// groups, dates, credits): annals keeps these as plain text, so they are
/// escaped rather than trusted.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A URL for TimelineJS, which writes some media URLs (documents, PDFs,
/// some embeds) into HTML as `src='URL'` without escaping: every character
/// that could end the attribute or the element, or that a URL may not
/// hold as it is, is percent-encoded (`'` as `%27`, `"` as `%22`, `<` as
/// `%3C`, spaces as `%20`). Servers read the URL the same.
fn url_text(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_control() || c.is_whitespace() || "'\"<>\\^`{|}".contains(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Pretty JSON with `<`, `>` and `&` written as `\u003c`, `\u003e` and
/// `\u0026`: the same data for every JSON reader, and no markup at all if a
/// server or a sniffing browser ever takes the file for HTML. (JSON's own
/// syntax has none of the three, so only strings change.)
fn inert_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Inert(PrettyFormatter::new()));
    match value.serialize(&mut ser) {
        // The formatter writes only what serde_json and `escape` make of
        // `str`s: UTF-8 throughout.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// serde_json's pretty layout, with `<`, `>` and `&` in strings escaped
/// as they are written (see [`inert_json`]).
struct Inert(PrettyFormatter<'static>);

impl Formatter for Inert {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(['<', '>', '&']) {
            w.write_all(&rest.as_bytes()[..i])?;
            w.write_all(match rest.as_bytes()[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[i + 1..];
        }
        w.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Years TimelineJS can hold as JavaScript dates; beyond them it needs its
/// `cosmological` scale (the bounds TimelineJS itself checks).
pub(crate) const HUMAN_YEARS: std::ops::RangeInclusive<i64> = -271_820..=275_759;

/// A TimelineJS era: headline and start/end date parts.
fn tl_era(era: &crate::config::Era) -> Value {
    let mut m = Map::new();
    m.insert("start_date".into(), tl_date(&era.date.start, None));
    if let DateEnd::Point(end) = &era.date.end {
        m.insert("end_date".into(), tl_date(end, None));
    }
    m.insert("text".into(), json!({ "headline": html_text(&era.title) }));
    Value::Object(m)
}

/// `/timeline.json`: a title slide, one slide per event, and the site's
/// eras.
pub fn timelinejs(config: &Config, tl: &Timeline, texts: &[Arc<Prepared>]) -> String {
    let events: Vec<Value> = tl
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let display = &texts[i].date_text;
            let mut slide = Map::new();
            slide.insert("unique_id".into(), json!(e.id));
            slide.insert("start_date".into(), tl_date(&e.date.start, None));
            if let DateEnd::Point(end) = &e.date.end {
                slide.insert("end_date".into(), tl_date(end, None));
            }
            slide.insert("display_date".into(), json!(html_text(display)));
            let mut text = texts[i].summary_html.clone();
            for c in tl.citations[i].iter() {
                let s = &tl.sources[c.source];
                if let Some(q) = &c.quote {
                    text.push_str(&format!(
                        "<blockquote>{}</blockquote><p>— {}</p>",
                        escape_html(q),
                        escape_html(&s.title)
                    ));
                }
            }
            slide.insert(
                "text".into(),
                json!({ "headline": html_text(&e.title), "text": text }),
            );
            if let Some(m) = &e.media {
                let mut media = Map::new();
                media.insert("url".into(), json!(url_text(&m.url)));
                if let Some(c) = &m.caption {
                    media.insert(
                        "caption".into(),
                        json!(markdown::render_inline(c, config.raw_html)),
                    );
                }
                if let Some(c) = &m.credit {
                    media.insert(
                        "credit".into(),
                        json!(markdown::render_inline(c, config.raw_html)),
                    );
                }
                if let Some(a) = &m.alt {
                    media.insert("alt".into(), json!(a));
                }
                slide.insert("media".into(), Value::Object(media));
            }
            if let Some(tag) = e.terms[0].first() {
                slide.insert("group".into(), json!(html_text(tag)));
            }
            Value::Object(slide)
        })
        .collect();
    let mut doc = Map::new();
    let years = tl
        .events
        .iter()
        .map(|e| &e.date)
        .chain(config.eras.iter().map(|e| &e.date))
        .flat_map(|d| d.points().map(|p| p.year_range()));
    if years
        .into_iter()
        .any(|(lo, hi)| !HUMAN_YEARS.contains(&lo) || !HUMAN_YEARS.contains(&hi))
    {
        doc.insert("scale".into(), json!("cosmological"));
    }
    doc.insert(
        "title".into(),
        json!({ "text": {
            "headline": html_text(&config.title),
            "text": html_text(&config.description),
        } }),
    );
    doc.insert("events".into(), Value::Array(events));
    if !config.eras.is_empty() {
        doc.insert(
            "eras".into(),
            Value::Array(config.eras.iter().map(tl_era).collect()),
        );
    }
    inert_json(&Value::Object(doc))
}

// Fields in alphabetical order: the order in which events.json has
// always listed them (it was written through `serde_json::Value`, whose
// maps sort their keys), kept so that programs diffing it see no change.

#[derive(Serialize)]
struct ExportSpan {
    end: Option<i64>,
    start: i64,
}

#[derive(Serialize)]
struct ExportCitation<'a> {
    paragraph: Option<&'a str>,
    quote: Option<&'a str>,
    source: &'a str,
}

#[derive(Serialize)]
struct ExportEvent<'a> {
    actors: &'a [String],
    body: Option<&'a str>,
    citations: Vec<ExportCitation<'a>>,
    date: String,
    display_date: String,
    id: &'a str,
    importance: u8,
    page: String,
    places: &'a [String],
    related: Vec<&'a str>,
    /// UTC seconds since 1970; `end` is null while ongoing.
    span: ExportSpan,
    summary: &'a str,
    tags: &'a [String],
    timezone: Option<&'a str>,
    title: &'a str,
    updated: Option<String>,
}

#[derive(Serialize)]
struct ExportEra<'a> {
    date: String,
    display_date: String,
    /// UTC seconds since 1970, end exclusive.
    span: ExportSpan,
    title: &'a str,
}

#[derive(Serialize)]
struct ExportSource<'a> {
    author: Option<&'a str>,
    id: &'a str,
    page: String,
    published: Option<String>,
    publisher: Option<&'a str>,
    title: &'a str,
    updated: Option<String>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ExportSite<'a> {
    base_url: Option<&'a str>,
    description: &'a str,
    language: &'a str,
    timezone: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct ExportDoc<'a> {
    eras: Vec<ExportEra<'a>>,
    events: Vec<ExportEvent<'a>>,
    site: ExportSite<'a>,
    sources: Vec<ExportSource<'a>>,
}

/// `/events.json`: every event and source, with written and normalised
/// dates, for programs.
pub fn events_json(config: &Config, tl: &Timeline, texts: &[Arc<Prepared>]) -> String {
    let events: Vec<ExportEvent<'_>> = tl
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (start, end) = e.span;
            ExportEvent {
                id: &e.id,
                title: &e.title,
                date: e.date.to_string(),
                display_date: texts[i].date_text.clone(),
                span: ExportSpan {
                    start,
                    end: (end != i64::MAX).then_some(end),
                },
                timezone: e.zone.as_ref().map(|z| z.name()),
                summary: &e.summary,
                body: e.body.as_deref(),
                tags: &e.terms[0],
                actors: &e.terms[1],
                places: &e.terms[2],
                importance: e.importance,
                page: Page::Event(&e.id).dir(),
                citations: tl.citations[i]
                    .iter()
                    .map(|c| ExportCitation {
                        source: &tl.sources[c.source].id,
                        quote: c.quote.as_deref(),
                        paragraph: c.anchor.as_deref(),
                    })
                    .collect(),
                related: tl.related[i]
                    .iter()
                    .map(|&r| tl.events[r].id.as_str())
                    .collect(),
                updated: e.updated.as_ref().map(ToString::to_string),
            }
        })
        .collect();
    let sources: Vec<ExportSource<'_>> = tl
        .sources
        .iter()
        .map(|s| ExportSource {
            id: &s.id,
            title: &s.title,
            author: s.author.as_deref(),
            publisher: s.publisher.as_deref(),
            published: s.published.as_ref().map(ToString::to_string),
            url: s.url.as_deref(),
            updated: s.updated.as_ref().map(ToString::to_string),
            page: Page::Source(&s.id).dir(),
        })
        .collect();
    let eras: Vec<ExportEra<'_>> = config
        .eras
        .iter()
        .map(|era| {
            let (start, end) = era.span(config.timezone);
            ExportEra {
                title: &era.title,
                date: era.date.to_string(),
                display_date: era.date.display(config.lang),
                span: ExportSpan {
                    start,
                    end: Some(end),
                },
            }
        })
        .collect();
    inert_json(&ExportDoc {
        eras,
        events,
        site: ExportSite {
            base_url: config.base_url.as_deref(),
            description: &config.description,
            language: config.lang.code,
            timezone: config.timezone.name(),
            title: &config.title,
        },
        sources,
    })
}

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
        let (y, m, d) = crate::date::civil_from_days(start.div_euclid(86_400));
        let secs = start.rem_euclid(86_400);
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
    put(
        Page::Home,
        newest(&mut (0..tl.events.len())).max(all_sources),
    );
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
pub fn sitemap(config: &Config, tl: &Timeline, pages: &[String]) -> Option<String> {
    let base = config.base_url.as_ref()?;
    let lastmods = lastmods(config, tl);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for dir in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&format!("{base}{dir}"))
        ));
        if let Some(l) = lastmods.get(dir) {
            out.push_str(&format!("<lastmod>{}</lastmod>", l.text));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    Some(out)
}
