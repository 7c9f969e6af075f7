//! The timeline as data for programs: `/timeline.json` in Knight Lab's
//! TimelineJS3 format (so any site can embed it in TimelineJS),
//! `/events.json` with every event and source and normalised dates, and
//! `/sitemap.xml` when the site knows its address.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::date::{DateEnd, DatePoint};
use crate::markdown;
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

/// `/timeline.json`: a title slide and one slide per event.
pub fn timelinejs(config: &Config, tl: &Timeline) -> String {
    let events: Vec<Value> = tl
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let display = e.date.display_in(config.lang, e.zone);
            let mut slide = Map::new();
            slide.insert("unique_id".into(), json!(e.id));
            slide.insert("start_date".into(), tl_date(&e.date.start, None));
            if let DateEnd::Point(end) = &e.date.end {
                slide.insert("end_date".into(), tl_date(end, None));
            }
            slide.insert("display_date".into(), json!(display));
            let mut text = markdown::render_inline(&e.summary, config.raw_html);
            for c in &tl.citations[i] {
                let s = &tl.sources[c.source];
                if let Some(q) = &c.quote {
                    text.push_str(&format!(
                        "<blockquote>{}</blockquote><p>— {}</p>",
                        escape_html(q),
                        escape_html(&s.title)
                    ));
                }
            }
            slide.insert("text".into(), json!({ "headline": e.title, "text": text }));
            if let Some(m) = &e.media {
                let mut media = Map::new();
                media.insert("url".into(), json!(m.url));
                if let Some(c) = &m.caption {
                    media.insert(
                        "caption".into(),
                        json!(markdown::render_inline(c, config.raw_html)),
                    );
                }
                if let Some(c) = &m.credit {
                    media.insert("credit".into(), json!(c));
                }
                slide.insert("media".into(), Value::Object(media));
            }
            if let Some(tag) = e.terms[0].first() {
                slide.insert("group".into(), json!(tag));
            }
            Value::Object(slide)
        })
        .collect();
    let doc = json!({
        "title": { "text": { "headline": config.title, "text": config.description } },
        "events": events,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[derive(Serialize)]
struct ExportSpan {
    start: i64,
    end: Option<i64>,
}

#[derive(Serialize)]
struct ExportCitation<'a> {
    source: &'a str,
    quote: Option<&'a str>,
    paragraph: Option<&'a str>,
}

#[derive(Serialize)]
struct ExportEvent<'a> {
    id: &'a str,
    title: &'a str,
    date: String,
    display_date: String,
    /// UTC seconds since 1970; `end` is null while ongoing.
    span: ExportSpan,
    timezone: Option<&'a str>,
    summary: &'a str,
    body: Option<&'a str>,
    tags: &'a [String],
    actors: &'a [String],
    places: &'a [String],
    importance: u8,
    page: String,
    citations: Vec<ExportCitation<'a>>,
    related: Vec<&'a str>,
}

#[derive(Serialize)]
struct ExportSource<'a> {
    id: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    publisher: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
    page: String,
}

/// `/events.json`: every event and source, with written and normalised
/// dates, for programs.
pub fn events_json(config: &Config, tl: &Timeline) -> String {
    let events: Vec<ExportEvent<'_>> = tl
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (start, end) = e.date.span(e.zone.unwrap_or(config.timezone));
            ExportEvent {
                id: &e.id,
                title: &e.title,
                date: e.date.to_string(),
                display_date: e.date.display_in(config.lang, e.zone),
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
            page: Page::Source(&s.id).dir(),
        })
        .collect();
    let doc = json!({
        "site": {
            "title": config.title,
            "description": config.description,
            "language": config.lang.code,
            "timezone": config.timezone.name(),
            "base_url": config.base_url,
        },
        "events": events,
        "sources": sources,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// `/sitemap.xml` for the given page folders; `None` without `base_url`
/// (a sitemap needs absolute addresses).
pub fn sitemap(config: &Config, pages: &[String]) -> Option<String> {
    let base = config.base_url.as_ref()?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for dir in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_html(&format!("{base}{dir}"))
        ));
    }
    out.push_str("</urlset>\n");
    Some(out)
}
