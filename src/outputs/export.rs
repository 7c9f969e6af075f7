//! The timeline as data for programs: `/timeline.json` in Knight Lab's
//! TimelineJS3 format (so any site can embed it in TimelineJS),
//! `/events.json` with every event, era and source and normalised dates,
//! and `/sitemap.xml` when the site knows its address. Like every output,
//! these depend on the content alone: the sitemap's `lastmod` comes from
//! dates written in the files, never from the clock or file times.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::content::config::Config;
use crate::content::fields::{is_forbidden_in_url, percent_encoded};
use crate::content::markdown;
use crate::date::{DateEnd, DatePoint, HUMAN_YEARS};
use crate::timeline::Timeline;
use crate::views::EventText;
use crate::views::escape::{escape_html, escape_html_text as html_text};
use crate::views::json::{inert, inert_lines as inert_json, with_lines};
use crate::views::url::Page;

/// TimelineJS3 date parts of a point.
fn tl_date(p: &DatePoint, display: Option<&str>) -> Value {
    let mut m = Map::new();
    let (year, _) = p.year_range();
    m.insert("year".into(), json!(year));
    if let Some(month) = p.first_month() {
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

/// A URL for TimelineJS, which writes some media URLs (documents, PDFs,
/// some embeds) into HTML as `src='URL'` without escaping: every character
/// that could end the attribute or the element, or that a URL may not
/// hold as it is, is percent-encoded (`'` as `%27`, `"` as `%22`, `<` as
/// `%3C`, spaces as `%20`). Servers read the URL the same.
fn url_text(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c == '\'' || is_forbidden_in_url(c) {
            out.push_str(&percent_encoded(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A TimelineJS era: headline and start/end date parts.
fn tl_era(era: &crate::content::config::Era) -> Value {
    let mut m = Map::new();
    m.insert("start_date".into(), tl_date(&era.date.start, None));
    if let DateEnd::Point(end) = &era.date.end {
        m.insert("end_date".into(), tl_date(end, None));
    }
    m.insert("text".into(), json!({ "headline": html_text(&era.title) }));
    Value::Object(m)
}

/// The most bytes a file may have on the hosts sites are published on:
/// Cloudflare Pages refuses files over 25 MiB.
pub(crate) const FILE_LIMIT: usize = 25 * 1024 * 1024;

/// How many of `n` items each part of a split export holds: as few parts
/// as make each fit in `limit` bytes, `size` telling the size of a part
/// from its range of items (an item that does not fit alone is a part of
/// its own). `whole` is the size of all of them in one file.
fn split(n: usize, limit: usize, whole: usize, size: impl Fn(Range<usize>) -> usize) -> usize {
    // Nine tenths of the limit: events are not all of one size.
    let mut parts = whole.div_ceil(limit / 10 * 9).max(2);
    loop {
        let per = n.div_ceil(parts).max(1);
        if per == 1
            || (0..n)
                .step_by(per)
                .all(|at| size(at..(at + per).min(n)) <= limit)
        {
            return per;
        }
        parts *= 2;
    }
}

/// A part of a split export, as its manifest lists it.
#[derive(Serialize)]
struct PartRef<'a> {
    /// Its number of events.
    events: usize,
    /// Its path, beside the manifest.
    file: String,
    /// The ids of its first and last event.
    first: &'a str,
    last: &'a str,
}

/// The events' lines of an export (each event written on its own, in
/// parallel), and their sizes, which decide whether and where the export
/// is split. A large site's lines are not kept (at 100,000 events about
/// 60 MB each export): they are sized, then made again a part at a time.
struct EventLines<'f> {
    kept: Vec<String>,
    sizes: Vec<usize>,
    make: &'f (dyn Fn(usize) -> String + Sync),
}

/// From this many events on, an export's lines are made twice rather
/// than kept (the output is the same either way).
const KEPT_LINES_BELOW: usize = 20_000;

impl<'f> EventLines<'f> {
    fn new(events: usize, make: &'f (dyn Fn(usize) -> String + Sync)) -> EventLines<'f> {
        let (kept, sizes) = if events < KEPT_LINES_BELOW {
            let kept: Vec<String> = (0..events).into_par_iter().map(make).collect();
            let sizes = kept.iter().map(String::len).collect();
            (kept, sizes)
        } else {
            let sizes = (0..events).into_par_iter().map(|i| make(i).len()).collect();
            (Vec::new(), sizes)
        };
        EventLines { kept, sizes, make }
    }

    /// The size of `empty` holding the lines of `range`, as
    /// [`with_lines`] writes it.
    fn len_in(&self, empty: &str, range: Range<usize>) -> usize {
        match range.len() {
            0 => empty.len(),
            n => empty.len() + self.sizes[range].iter().sum::<usize>() + 2 * n,
        }
    }

    /// `empty` holding the lines of `range` ([`with_lines`]).
    fn write(&self, empty: &str, range: Range<usize>) -> String {
        if self.kept.len() == self.sizes.len() {
            return with_lines(empty, "events", &self.kept[range]);
        }
        let lines: Vec<String> = range.into_par_iter().map(self.make).collect();
        with_lines(empty, "events", &lines)
    }
}

/// Writes an export of `lines` into `emit`: one file `name` holding
/// `empty` with every line when it fits in `limit` bytes, else the parts
/// `STEM-N.json` (`part` holding a stretch of the lines each, written one
/// at a time) and then the manifest `manifest` makes from their entries.
fn emit_export<'a>(
    tl: &'a Timeline,
    lines: &EventLines<'_>,
    (name, empty, part): (&str, &str, &str),
    limit: usize,
    manifest: impl FnOnce(Vec<PartRef<'a>>) -> String,
    emit: &mut dyn FnMut(String, String),
) {
    let n = lines.sizes.len();
    let whole = lines.len_in(empty, 0..n);
    if whole <= limit {
        return emit(name.into(), lines.write(empty, 0..n));
    }
    let per = split(n, limit, whole, |range| lines.len_in(part, range));
    let stem = name.trim_end_matches(".json");
    let mut refs = Vec::with_capacity(n.div_ceil(per));
    for (k, at) in (0..n).step_by(per).enumerate() {
        let range = at..(at + per).min(n);
        let file = format!("{stem}-{}.json", k + 1);
        refs.push(PartRef {
            events: range.len(),
            file: file.clone(),
            first: &tl.events[range.start].id,
            last: &tl.events[range.end - 1].id,
        });
        emit(file, lines.write(part, range));
    }
    emit(name.into(), manifest(refs));
}

/// `/timeline.json`: a title slide, one slide per event, and the site's
/// eras; over `limit` bytes, a manifest (the title slide and the list of
/// parts) and `timeline-1.json` …, each a whole TimelineJS document with
/// the slides of one stretch of the timeline. Each file is given to `emit`
/// (path and text) when written.
pub(crate) fn timelinejs(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<EventText>],
    limit: usize,
    emit: &mut dyn FnMut(String, String),
) {
    // Each slide written on its own, in parallel: the document is put
    // together from these lines (and sized by them before it is).
    let make = |i: usize| {
        let e = &tl.events[i];
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
        inert(&Value::Object(slide))
    };
    let lines = EventLines::new(tl.events.len(), &make);
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
    if !config.eras.is_empty() {
        doc.insert(
            "eras".into(),
            Value::Array(config.eras.iter().map(tl_era).collect()),
        );
    }
    // The document with `events` in its place among the keys (in
    // alphabetical order, as a `Map` writes them), written with no slides:
    // the slides' lines go in its empty list.
    #[derive(Serialize)]
    struct Doc<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        eras: Option<&'a Value>,
        events: &'a [Value],
        #[serde(skip_serializing_if = "Option::is_none")]
        scale: Option<&'a Value>,
        title: Option<&'a Value>,
    }
    let empty = inert_json(&Doc {
        eras: doc.get("eras"),
        events: &[],
        scale: doc.get("scale"),
        title: doc.get("title"),
    });
    let manifest = |refs: Vec<PartRef<'_>>| {
        inert_json(&json!({
            "event_count": tl.events.len(),
            "parts": refs,
            "title": doc.get("title"),
        }))
    };
    // A part is a whole TimelineJS document.
    let names = ("timeline.json", empty.as_str(), empty.as_str());
    emit_export(tl, &lines, names, limit, manifest, emit);
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
    /// The editor's translation of the quote, when given (not checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<&'a str>,
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
    eras: &'a [ExportEra<'a>],
    events: &'a [ExportEvent<'a>],
    site: &'a ExportSite<'a>,
    sources: &'a [ExportSource<'a>],
}

/// `events.json` when split: everything but the events, which are in the
/// parts it lists, in order.
#[derive(Serialize)]
struct ExportManifest<'a> {
    eras: &'a [ExportEra<'a>],
    event_count: usize,
    parts: Vec<PartRef<'a>>,
    site: &'a ExportSite<'a>,
    sources: &'a [ExportSource<'a>],
}

/// One part of a split `events.json`.
#[derive(Serialize)]
struct ExportPart<'a> {
    events: &'a [ExportEvent<'a>],
}

/// `/events.json`: every event and source, with written and normalised
/// dates, for programs; over `limit` bytes, a manifest (sources, eras, the
/// site and the list of parts) and `events-1.json` …, each holding the
/// events of one stretch of the timeline. Each file is given to `emit`
/// (path and text) when written.
pub(crate) fn events_json(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<EventText>],
    limit: usize,
    emit: &mut dyn FnMut(String, String),
) {
    // Each event written on its own, in parallel: the document is put
    // together from these lines (and sized by them before it is).
    let make = |i: usize| {
        let e = &tl.events[i];
        let (start, end) = e.span;
        inert(&ExportEvent {
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
                    translation: c.translation.as_deref(),
                    paragraph: c.anchor.as_deref(),
                })
                .collect(),
            related: tl.related[i]
                .iter()
                .map(|&r| tl.events[r].id.as_str())
                .collect(),
            updated: e.updated.as_ref().map(ToString::to_string),
        })
    };
    let lines = EventLines::new(tl.events.len(), &make);
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
                display_date: era.date.display(config.lang()),
                span: ExportSpan {
                    start,
                    end: Some(end),
                },
            }
        })
        .collect();
    let site = ExportSite {
        base_url: config.base_url.as_deref(),
        description: &config.description,
        language: config.lang().code,
        timezone: config.timezone.name(),
        title: &config.title,
    };
    let empty = inert_json(&ExportDoc {
        eras: &eras,
        events: &[],
        site: &site,
        sources: &sources,
    });
    let empty_part = inert_json(&ExportPart { events: &[] });
    let manifest = |parts: Vec<PartRef<'_>>| {
        inert_json(&ExportManifest {
            eras: &eras,
            event_count: tl.events.len(),
            parts,
            site: &site,
            sources: &sources,
        })
    };
    let names = ("events.json", empty.as_str(), empty_part.as_str());
    emit_export(tl, &lines, names, limit, manifest, emit);
}

#[cfg(test)]
mod tests {
    use super::{EventLines, KEPT_LINES_BELOW, split};
    use crate::views::json::{inert_lines, with_lines};

    #[test]
    fn lines_made_again_a_part_at_a_time_are_the_lines_kept() {
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            events: &'a [String],
            title: &'a str,
        }
        let empty = inert_lines(&Doc {
            events: &[],
            title: "t",
        });
        let make = |i: usize| format!("{{\"n\":{}}}", i * 7);
        for n in [3, KEPT_LINES_BELOW + 5] {
            let lines = EventLines::new(n, &make);
            assert_eq!(lines.kept.is_empty(), n >= KEPT_LINES_BELOW);
            let all: Vec<String> = (0..n).map(make).collect();
            for range in [0..n, 1..3, n - 2..n] {
                let written = lines.write(&empty, range.clone());
                assert_eq!(written, with_lines(&empty, "events", &all[range.clone()]));
                assert_eq!(written.len(), lines.len_in(&empty, range));
            }
        }
    }

    #[test]
    fn split_keeps_order_and_fits_each_part_in_the_limit() {
        let items: Vec<String> = (0..100).map(|i| format!("item {i:03}")).collect();
        let write = |chunk: &[String]| chunk.join(",");
        let whole = write(&items).len();
        let parts = |items: &[String], whole| {
            let per = split(items.len(), 200, whole, |r| write(&items[r]).len());
            items.chunks(per).map(write).collect::<Vec<_>>()
        };
        let cut = parts(&items, whole);
        assert!(cut.len() >= 5, "{} parts", cut.len());
        assert!(cut.iter().all(|text| text.len() <= 200));
        assert_eq!(cut.join(","), write(&items));
        // An item too large for any part is a part of its own.
        let mut items = items;
        items[50] = "x".repeat(500);
        let cut = parts(&items, whole + 500);
        assert!(cut.iter().any(|t| t.len() == 500));
        assert_eq!(cut.len(), 100);
    }
}
