//! Events: YAML files holding one event (a mapping) or many (a sequence),
//! turned into validated `Event`s. Ids, dates and importance are checked
//! here; references to other files are checked by the timeline.

use serde::Deserialize;
use serde_saphyr::Spanned;

use chrono_tz::Tz;

use crate::content::fields::{
    check_derived_id, check_slug, fingerprint, is_reserved_on_windows, parse_date_and_end,
    parse_updated, parse_zone, stem_id, unsafe_link, unsafe_markdown_links,
};
use crate::content::likely_mistakes::{self, Written};
use crate::content::translation::{EventTranslation, RawTranslations, translations};
use crate::content::yaml;
use crate::date::{DateEnd, EventDate};
use crate::diagnostic::{Diagnostic, Location, SourceText};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    #[serde(default)]
    id: Option<Spanned<String>>,
    title: Spanned<String>,
    date: Spanned<String>,
    #[serde(default)]
    end: Option<Spanned<String>>,
    #[serde(default)]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    summary: Option<Spanned<String>>,
    #[serde(default)]
    body: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
    #[serde(default)]
    places: Vec<Spanned<String>>,
    #[serde(default)]
    importance: Option<Spanned<i64>>,
    #[serde(default)]
    sources: Vec<RawCitation>,
    #[serde(default)]
    media: Option<RawMedia>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    updated: Option<Spanned<String>>,
    /// Proposed, not yet accepted (`annals draft` writes these): shown by
    /// `serve`, left out of `build` and `check` unless `--drafts`.
    #[serde(default)]
    draft: bool,
    /// The event in the site's further languages.
    #[serde(default)]
    translations: RawTranslations,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    source: Spanned<String>,
    #[serde(default)]
    quote: Option<Spanned<String>>,
    /// The quotation in another language (the site's), given by the
    /// editor: shown beside it, never checked against the source.
    #[serde(default)]
    translation: Option<Spanned<String>>,
    /// Why the citation quotes nothing: the editor's explicit choice.
    #[serde(default)]
    reason: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMedia {
    url: Spanned<String>,
    #[serde(default)]
    caption: Option<Spanned<String>>,
    #[serde(default)]
    credit: Option<Spanned<String>>,
    #[serde(default)]
    alt: Option<String>,
}

/// An id written in a file, with where it was written.
#[derive(Debug, Clone)]
pub struct IdRef {
    /// The id as written.
    pub id: String,
    /// Where.
    pub location: Location,
}

/// A citation as written: which source, and the words quoted from it.
#[derive(Debug, Clone)]
pub struct CitationRef {
    /// The cited source's id.
    pub source: IdRef,
    /// The quotation and where it is written.
    pub quote: Option<(String, Location)>,
    /// The editor's translation of the quotation (`translation:`), shown
    /// beside it and never in its place; not checked against the source.
    pub translation: Option<String>,
    /// Why it quotes nothing (`reason:`), when it does not.
    pub reason: Option<String>,
}

/// An image or other media shown with an event.
#[derive(Debug, Clone)]
pub struct Media {
    /// Where the file is (absolute URL, or a path under static/).
    pub url: String,
    /// Caption (Markdown).
    pub caption: Option<String>,
    /// Credit line (inline Markdown, so it may link to the author).
    pub credit: Option<String>,
    /// Text alternative; the caption or title when not given.
    pub alt: Option<String>,
}

/// A validated event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Unique id, used in its URL.
    pub id: String,
    /// Where the id comes from, for duplicate-id messages.
    pub location: Location,
    /// Headline.
    pub title: String,
    /// When.
    pub date: EventDate,
    /// Where `date:` is written, for messages about the date.
    pub date_location: Location,
    /// The event's own time zone: instants are shown in it, and dates
    /// without a time span their day in it (else the site's zone).
    pub zone: Option<Tz>,
    /// One or two sentences of Markdown.
    pub summary: String,
    /// Longer Markdown.
    pub body: Option<String>,
    /// Terms per taxonomy: tags, actors, places (as in `config::TAXONOMY_NAMES`).
    pub terms: [Vec<String>; 3],
    /// The URL slug of each term, in the same places (empty when a name
    /// has no letters or digits).
    pub slugs: [Vec<String>; 3],
    /// For each term, a hash of its slug (0 when the slug cannot be a
    /// folder: empty, or a Windows device name) and of its name, so that
    /// the timeline groups 100,000 events' terms without reading strings.
    pub term_keys: [Vec<TermKey>; 3],
    /// Where each of `terms` is written (same shape), for messages.
    pub term_locations: [Vec<Location>; 3],
    /// 1–5; 3 when not given.
    pub importance: u8,
    /// Sources cited, in the order written.
    pub citations: Vec<CitationRef>,
    /// Optional media.
    pub media: Option<Media>,
    /// Related event ids.
    pub related: Vec<IdRef>,
    /// When the editor last changed the event, if they say (a day or an
    /// instant): the sitemap's `lastmod`.
    pub updated: Option<EventDate>,
    /// A draft: on the timeline only when drafts are asked for.
    pub draft: bool,
    /// What it was read from (see [`fingerprint`]).
    /// Its texts in the site's further languages.
    pub translations: Vec<EventTranslation>,
    /// Shown in a further language's tree without a translation for it.
    pub untranslated: bool,
    pub fingerprint: u64,
    /// Its span in UTC seconds (start inclusive, end exclusive,
    /// `i64::MAX` while ongoing), in its own zone or the site's: computed
    /// once, since ordering and drawing need it again and again.
    pub span: (i64, i64),
}

/// A term as the timeline groups it (see [`Event::term_keys`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermKey {
    /// Hash of the slug; 0 when the slug cannot be a folder.
    pub slug: u64,
    /// Hash of the name as written.
    pub name: u64,
}

impl TermKey {
    fn of(name: &str, slug: &str) -> TermKey {
        use std::hash::{Hash, Hasher};
        let hash = |s: &str| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            s.hash(&mut h);
            h.finish().max(1)
        };
        let usable = !slug.is_empty() && !is_reserved_on_windows(slug);
        TermKey {
            slug: if usable { hash(slug) } else { 0 },
            name: hash(name),
        }
    }
}

/// True when the YAML document is a sequence (`- …` or `[…]`) rather than
/// a single mapping.
fn is_sequence(yaml_text: &str) -> bool {
    yaml_text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l == "-" || l.starts_with("- ") || l.starts_with('['))
}

/// Checks that the zone-less times of a date exist in `tz`, locating the
/// problem at the time in the written date.
fn check_local_times(
    src: &SourceText,
    s: &Spanned<String>,
    date: &EventDate,
    tz: Tz,
) -> Result<(), Diagnostic> {
    let points = [
        Some(&date.start),
        match &date.end {
            DateEnd::Point(e) => Some(e),
            _ => None,
        },
    ];
    for (k, p) in points.into_iter().enumerate() {
        let Some(p) = p else { continue };
        if let Err(message) = p.check_local_time(tz) {
            // The k-th `T` of the written text is this point's time.
            let offset = s.value.match_indices('T').nth(k).map_or(0, |(i, _)| i + 1);
            let mut loc = yaml::location(src, 0, s);
            loc.column += yaml::content_column(src, 0, s) + offset;
            loc.len = 5;
            return Err(
                Diagnostic::error(format!("invalid date `{}`: {message}", s.value), loc).with_hint(
                    "write the time the clocks showed, or give the UTC offset (e.g. 03:30-04:00)",
                ),
            );
        }
    }
    Ok(())
}

/// Parses one events file: a mapping (one event, id defaults to the file
/// stem) or a sequence (id defaults to the slug of each title). `site_zone`
/// is the zone of times written without one, unless an event has its own.
pub fn parse_file(src: &SourceText, site_zone: Tz) -> (Vec<Event>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut events = Vec::new();
    if src.text.trim().is_empty() {
        diags.push(
            Diagnostic::file_error("empty events file", src.path())
                .with_hint("write one event (a mapping with title and date) or a list of them"),
        );
        return (events, diags);
    }
    let raws: Vec<(RawEvent, Option<String>)> = if is_sequence(&src.text) {
        match yaml::parse::<Vec<RawEvent>>(src, &src.text, 0, "event") {
            Ok(v) => v.into_iter().map(|r| (r, None)).collect(),
            Err(d) => return (events, vec![d]),
        }
    } else {
        match yaml::parse::<RawEvent>(src, &src.text, 0, "event") {
            Ok(r) => vec![(r, Some(stem_id(src.path())))],
            Err(d) => return (events, vec![d]),
        }
    };
    let mut warned = Vec::new();
    for (n, (raw, default_id)) in raws.into_iter().enumerate() {
        match validate(src, raw, default_id, &mut warned, site_zone) {
            Ok(mut e) => {
                e.fingerprint = fingerprint(src.path(), &src.text, n);
                events.push(e);
            }
            Err(mut d) => diags.append(&mut d),
        }
    }
    diags.append(&mut warned);
    (events, diags)
}

/// The event's id and where it comes from: its own `id:` (a slug), else
/// `default_id` (the file stem), else the slug of its title.
fn event_id(
    src: &SourceText,
    raw: &RawEvent,
    default_id: Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> (String, Location) {
    let loc = |s: &Spanned<String>| yaml::location(src, 0, s);
    if let Some(id) = &raw.id {
        if let Err(d) = check_slug(&id.value, "event id", loc(id)) {
            diags.push(d);
        }
        return (id.value.clone(), loc(id));
    }
    let (id, from) = match default_id {
        Some(id) => {
            let name = src.path().file_name().unwrap_or_default().to_string_lossy();
            (id, format!("the file name `{name}`"))
        }
        None => (
            slug::slugify(&raw.title.value),
            format!("the title `{}`", raw.title.value),
        ),
    };
    if let Err(d) = check_derived_id(&id, "event id", &from, loc(&raw.title)) {
        diags.push(d);
    }
    (id, loc(&raw.title))
}

/// Links with unsafe schemes in the Markdown fields and the media URL.
fn check_links(src: &SourceText, raw: &RawEvent, diags: &mut Vec<Diagnostic>) {
    let media_texts = raw.media.iter().flat_map(|m| [&m.caption, &m.credit]);
    for text in [&raw.summary, &raw.body]
        .into_iter()
        .chain(media_texts)
        .flatten()
    {
        let base = usize::try_from(text.referenced.span().byte_offset().unwrap_or(0)).unwrap_or(0);
        diags.extend(unsafe_markdown_links(src, &text.value, base, false));
    }
    if let Some(m) = &raw.media
        && crate::content::markdown::is_unsafe(&m.url.value)
    {
        diags.push(unsafe_link(
            &m.url.value,
            yaml::location(src, 0, &m.url),
            "media must be an http(s) URL or a path to a file in static/",
        ));
    }
}

/// `importance:`, 3 when not given.
fn importance(src: &SourceText, raw: &RawEvent, diags: &mut Vec<Diagnostic>) -> u8 {
    match &raw.importance {
        None => 3,
        Some(i) if (1..=5).contains(&i.value) => i.value as u8,
        Some(i) => {
            diags.push(
                Diagnostic::error(
                    format!("importance `{}` is out of range", i.value),
                    yaml::location(src, 0, i),
                )
                .with_hint("importance is a whole number from 1 (minor) to 5 (major)"),
            );
            3
        }
    }
}

/// The citations as written, each located.
fn citations(src: &SourceText, raw: &RawEvent) -> Vec<CitationRef> {
    let loc = |s: &Spanned<String>| yaml::location(src, 0, s);
    raw.sources
        .iter()
        .map(|c| CitationRef {
            source: IdRef {
                id: c.source.value.clone(),
                location: loc(&c.source),
            },
            quote: c.quote.as_ref().map(|q| {
                let mut l = loc(q);
                l.column += yaml::content_column(src, 0, q);
                (q.value.clone(), l)
            }),
            translation: c.translation.as_ref().map(|t| t.value.trim().to_string()),
            reason: c.reason.as_ref().map(|r| r.value.clone()),
        })
        .collect()
}

/// A citation holds a quote or says why it has none, not both; a reason
/// must say something; a translation translates a quote, and says something.
fn check_reasons(src: &SourceText, raw: &RawEvent, diags: &mut Vec<Diagnostic>) {
    for c in &raw.sources {
        if let Some(translation) = &c.translation {
            let at = yaml::location(src, 0, translation);
            if c.quote.is_none() {
                diags.push(
                    Diagnostic::error("a `translation:` with no `quote:` to translate", at)
                        .with_hint("`translation:` gives a quotation in the site's language, shown beside the `quote:` of the same citation"),
                );
            } else if translation.value.trim().is_empty() {
                diags.push(
                    Diagnostic::error("`translation:` is empty", at)
                        .with_hint("translate the quotation, or remove `translation:`"),
                );
            }
        }
        let Some(reason) = &c.reason else { continue };
        if c.quote.is_some() {
            diags.push(
                Diagnostic::error(
                    "a citation with a `quote:` needs no `reason:`",
                    yaml::location(src, 0, reason),
                )
                .with_hint("`reason:` says why a citation quotes nothing; remove it, or the quote"),
            );
        } else if reason.value.trim().is_empty() {
            diags.push(
                Diagnostic::error("`reason:` is empty", yaml::location(src, 0, reason)).with_hint(
                    "say why no words of the source can be quoted (a photograph, a video, a print edition not online)",
                ),
            );
        }
    }
}

/// Tags, actors and places: names, slugs, keys and locations.
struct Terms {
    names: [Vec<String>; 3],
    slugs: [Vec<String>; 3],
    keys: [Vec<TermKey>; 3],
    locations: [Vec<Location>; 3],
}

impl Terms {
    fn of(
        src: &SourceText,
        tags: Vec<Spanned<String>>,
        actors: Vec<Spanned<String>>,
        places: Vec<Spanned<String>>,
    ) -> Terms {
        let written = [tags, actors, places];
        let slugs: [Vec<String>; 3] = written
            .each_ref()
            .map(|names| names.iter().map(|n| slug::slugify(&n.value)).collect());
        let keys = [0, 1, 2].map(|k| {
            written[k]
                .iter()
                .zip(&slugs[k])
                .map(|(n, slug)| TermKey::of(&n.value, slug))
                .collect()
        });
        let locations = written
            .each_ref()
            .map(|terms| terms.iter().map(|t| yaml::location(src, 0, t)).collect());
        Terms {
            names: written.map(|terms| terms.into_iter().map(|t| t.value).collect()),
            slugs,
            keys,
            locations,
        }
    }
}

/// Validates one event: the event, or its errors; warnings go to
/// `warned` either way.
fn validate(
    src: &SourceText,
    raw: RawEvent,
    default_id: Option<String>,
    warned: &mut Vec<Diagnostic>,
    site_zone: Tz,
) -> Result<Event, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let (id, location) = event_id(src, &raw, default_id, &mut diags);
    if raw.title.value.trim().is_empty() {
        diags.push(Diagnostic::error(
            "event title is empty",
            yaml::location(src, 0, &raw.title),
        ));
    }
    let date = parse_date_and_end(src, 0, &raw.date, raw.end.as_ref(), &mut diags);
    let zone = raw
        .timezone
        .as_ref()
        .and_then(|z| parse_zone(src, 0, z).map_err(|d| diags.push(d)).ok());
    if let Some(d) = &date
        && let Err(e) = check_local_times(src, &raw.date, d, zone.unwrap_or(site_zone))
    {
        diags.push(e);
    }
    check_links(src, &raw, &mut diags);
    check_reasons(src, &raw, &mut diags);
    let importance = importance(src, &raw, &mut diags);
    let citations = citations(src, &raw);
    let updated = raw
        .updated
        .as_ref()
        .and_then(|u| parse_updated(src, 0, u).map_err(|d| diags.push(d)).ok());
    let related = raw
        .related
        .iter()
        .map(|r| IdRef {
            id: r.value.clone(),
            location: yaml::location(src, 0, r),
        })
        .collect();
    likely_mistakes::check(
        src,
        &Written {
            title: &raw.title,
            date: &raw.date,
            terms: [&raw.tags, &raw.actors, &raw.places],
        },
        date.as_ref().zip(zone),
        warned,
    );
    let (Some(date), true) = (date, diags.is_empty()) else {
        return Err(diags);
    };
    let date_location = yaml::location(src, 0, &raw.date);
    let terms = Terms::of(src, raw.tags, raw.actors, raw.places);
    Ok(Event {
        span: date.span(zone.unwrap_or(site_zone)),
        id,
        location,
        title: raw.title.value,
        date,
        date_location,
        zone,
        summary: raw.summary.map(|s| s.value).unwrap_or_default(),
        body: raw.body.map(|b| b.value),
        term_keys: terms.keys,
        slugs: terms.slugs,
        term_locations: terms.locations,
        terms: terms.names,
        importance,
        citations,
        media: raw.media.map(|m| Media {
            url: m.url.value,
            caption: m.caption.map(|c| c.value),
            credit: m.credit.map(|c| c.value),
            alt: m.alt,
        }),
        related,
        updated,
        draft: raw.draft,
        translations: translations(src, raw.translations),
        untranslated: false,
        fingerprint: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_file_utc(src: &SourceText) -> (Vec<Event>, Vec<Diagnostic>) {
        parse_file(src, Tz::UTC)
    }

    #[test]
    fn event_zones_are_checked_and_used() {
        let (events, diags) = parse_file_utc(&src(
            "title: A\ndate: 2025-05-05T20:03\ntimezone: Asia/Kolkata\n",
        ));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(events[0].zone, Some(chrono_tz::Asia::Kolkata));
        let (_, diags) = parse_file_utc(&src("title: A\ndate: 2025\ntimezone: Asia/Kolkatta\n"));
        assert_eq!(diags[0].message, "unknown time zone `Asia/Kolkatta`");
        assert_eq!(diags[0].hints[0], "did you mean `Asia/Kolkata`?");
        let (_, diags) = parse_file_utc(&src(
            "title: A\ndate: 2025-03-09T02:30\ntimezone: America/New_York\n",
        ));
        let l = diags[0].location.as_ref().unwrap();
        assert_eq!((l.line, l.column), (2, 18));
        assert!(
            diags[0].message.contains("does not exist"),
            "{}",
            diags[0].message
        );
    }

    fn src(text: &str) -> SourceText {
        SourceText::new("content/events/fto-designation.yaml", text)
    }

    #[test]
    fn a_mapping_takes_the_file_stem_as_id() {
        let (events, diags) = parse_file_utc(&src("title: A\ndate: 2025-02\n"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(events[0].id, "fto-designation");
        assert_eq!(events[0].importance, 3);
    }

    #[test]
    fn a_sequence_takes_slugs_of_titles() {
        let (events, diags) = parse_file_utc(&src(
            "- title: Phone call\n  date: 2025-04\n- title: B c\n  date: 2025\n",
        ));
        assert!(diags.is_empty(), "{diags:?}");
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["phone-call", "b-c"]);
    }

    #[test]
    fn invalid_dates_point_at_the_bad_part() {
        let (_, diags) = parse_file_utc(&src("title: A\ndate: \"2025-02-30\"\n"));
        let l = diags[0].location.as_ref().unwrap();
        assert_eq!((l.line, l.column, l.len), (2, 16, 2));
        let (_, diags) = parse_file_utc(&src("title: A\ndate: 2025-13\n"));
        let l = diags[0].location.as_ref().unwrap();
        assert_eq!((l.line, l.column), (2, 12));
        assert_eq!(
            diags[0].message,
            "invalid date `2025-13`: invalid month `13` (months are 01–12, seasons 21–24)"
        );
    }

    #[test]
    fn updated_is_a_day_or_a_moment() {
        let (events, diags) = parse_file_utc(&src("title: A\ndate: 2025\nupdated: 2025-05-06\n"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(events[0].updated.unwrap().to_string(), "2025-05-06");
        let (_, diags) = parse_file_utc(&src("title: A\ndate: 2025\nupdated: 2025-05\n"));
        assert_eq!(
            diags[0].message,
            "`updated` must be a day or a moment, found `2025-05`"
        );
        let l = diags[0].location.as_ref().unwrap();
        assert_eq!((l.line, l.column), (3, 10));
    }

    #[test]
    fn all_problems_of_an_event_are_reported() {
        let (_, diags) =
            parse_file_utc(&src("id: Bad Id\ntitle: A\ndate: 2025-13\nimportance: 9\n"));
        assert_eq!(diags.len(), 3, "{diags:?}");
    }
}
