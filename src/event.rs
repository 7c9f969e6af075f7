//! Events: YAML files holding one event (a mapping) or many (a sequence),
//! turned into validated `Event`s. Ids, dates and importance are checked
//! here; references to other files are checked by the timeline.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use chrono_tz::Tz;

use crate::date::{ACCEPTED_FORMS, DateEnd, EventDate};
use crate::diagnostic::{Diagnostic, Location, SourceText};
use crate::yaml;

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    source: Spanned<String>,
    #[serde(default)]
    quote: Option<Spanned<String>>,
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
    /// What it was read from (see [`fingerprint`]).
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
        let usable = !slug.is_empty() && !crate::url::is_reserved_on_windows(slug);
        TermKey {
            slug: if usable { hash(slug) } else { 0 },
            name: hash(name),
        }
    }
}

/// Identifies what an event or source was read from: its file, the file's
/// text and its place in the file. Equal fingerprints mean the same
/// written content, so work done for it can be reused (`annals serve`).
pub fn fingerprint(path: &Path, text: &str, n: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (path, text, n).hash(&mut h);
    h.finish()
}

/// The default id of a file: the slug of its stem.
pub fn stem_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    slug::slugify(stem)
}

/// Checks that a written id is already a slug (lowercase ASCII letters,
/// digits, hyphens), so it maps to exactly one URL, and that the folder
/// named after it can exist on every system.
pub fn check_slug(id: &str, what: &str, location: Location) -> Result<(), Diagnostic> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !ok {
        return Err(
            Diagnostic::error(format!("{what} `{id}` is not a slug"), location).with_hint(format!(
                "use lowercase letters, digits and hyphens, e.g. `{}`",
                slug::slugify(id)
            )),
        );
    }
    check_folder_name(id, what, location)
}

/// Checks an id made from a file name or a title (`from`, as written):
/// it must not be empty, nor a name Windows reserves.
pub fn check_derived_id(
    id: &str,
    what: &str,
    from: &str,
    location: Location,
) -> Result<(), Diagnostic> {
    if id.is_empty() {
        return Err(Diagnostic::error(
            format!("cannot make the {what} from {from}: it has no letters or digits"),
            location,
        )
        .with_hint("give it an `id:` of lowercase letters, digits and hyphens"));
    }
    check_folder_name(id, what, location)
}

/// An id names a folder of the site: refuses the device names Windows
/// reserves, where such a folder cannot exist.
fn check_folder_name(id: &str, what: &str, location: Location) -> Result<(), Diagnostic> {
    if crate::url::is_reserved_on_windows(id) {
        return Err(Diagnostic::error(
            format!("{what} `{id}` is a device name reserved by Windows"),
            location,
        )
        .with_hint(format!(
            "Windows cannot store a folder named `{id}`: the page would be lost wherever the site is copied, unpacked or served there; choose another `id:`"
        )));
    }
    Ok(())
}

/// Parses a spanned date, locating errors at the offending characters.
pub fn parse_date(
    src: &SourceText,
    line_offset: usize,
    s: &Spanned<String>,
) -> Result<EventDate, Diagnostic> {
    EventDate::parse(&s.value).map_err(|e| {
        let mut loc = yaml::location(src, line_offset, s);
        loc.column += yaml::content_column(src, line_offset, s) + e.offset;
        loc.len = e.len;
        Diagnostic::error(format!("invalid date `{}`: {}", s.value, e.message), loc)
            .with_hint(ACCEPTED_FORMS)
    })
}

/// Parses `date:` and an optional separate `end:` (the same as writing
/// `date/end`) into one date; problems are pushed to `diags`, each at the
/// characters it is about.
pub fn parse_date_and_end(
    src: &SourceText,
    line_offset: usize,
    date: &Spanned<String>,
    end: Option<&Spanned<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<EventDate> {
    let start = parse_date(src, line_offset, date)
        .map_err(|d| diags.push(d))
        .ok()?;
    let Some(end) = end else {
        return Some(start);
    };
    let end_date = parse_date(src, line_offset, end)
        .map_err(|d| diags.push(d))
        .ok()?;
    start
        .with_end(end_date)
        .map_err(|e| {
            diags.push(
                Diagnostic::error(
                    format!("invalid `end`: {}", e.message),
                    yaml::location(src, line_offset, end),
                )
                .with_hint("`end` is a single date after `date`"),
            );
        })
        .ok()
}

/// Parses `updated:`, the day or instant a file was last changed by its
/// editor: a single date precise to the day, with no qualifier.
pub fn parse_updated(
    src: &SourceText,
    line_offset: usize,
    s: &Spanned<String>,
) -> Result<EventDate, Diagnostic> {
    let date = parse_date(src, line_offset, s)?;
    let p = &date.start;
    let exact = date.end == DateEnd::None
        && p.day.is_some()
        && p.qualifier == crate::date::Qualifier::Exact
        && (1..=9999).contains(&p.year);
    if exact {
        Ok(date)
    } else {
        Err(Diagnostic::error(
            format!("`updated` must be a day or a moment, found `{}`", s.value),
            yaml::location(src, line_offset, s),
        )
        .with_hint("write the day the file was last changed, e.g. `updated: 2025-05-06` or `updated: 2025-05-06T09:30+02:00`"))
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

/// Parses an IANA time zone name, with a located error and a hint.
pub fn parse_zone(
    src: &SourceText,
    line_offset: usize,
    s: &Spanned<String>,
) -> Result<Tz, Diagnostic> {
    s.value.parse::<Tz>().map_err(|_| {
        let mut d = Diagnostic::error(
            format!("unknown time zone `{}`", s.value),
            yaml::location(src, line_offset, s),
        );
        let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
        if let Some(h) = crate::diagnostic::did_you_mean(&s.value, names) {
            d = d.with_hint(h);
        }
        d.with_hint(
            "use an IANA time zone name such as `America/Mexico_City`, `Asia/Kolkata` or `UTC`",
        )
    })
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
            Diagnostic::file_error("empty events file", &src.path)
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
            Ok(r) => vec![(r, Some(stem_id(&src.path)))],
            Err(d) => return (events, vec![d]),
        }
    };
    for (n, (raw, default_id)) in raws.into_iter().enumerate() {
        match validate(src, raw, default_id, site_zone) {
            Ok(mut e) => {
                e.fingerprint = fingerprint(&src.path, &src.text, n);
                events.push(e);
            }
            Err(mut d) => diags.append(&mut d),
        }
    }
    (events, diags)
}

fn validate(
    src: &SourceText,
    raw: RawEvent,
    default_id: Option<String>,
    site_zone: Tz,
) -> Result<Event, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let loc = |s: &Spanned<String>| yaml::location(src, 0, s);
    let (id, location) = match &raw.id {
        Some(id) => {
            if let Err(d) = check_slug(&id.value, "event id", loc(id)) {
                diags.push(d);
            }
            (id.value.clone(), loc(id))
        }
        None => {
            let (id, from) = match default_id {
                Some(id) => {
                    let name = src.path.file_name().unwrap_or_default().to_string_lossy();
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
    };
    if raw.title.value.trim().is_empty() {
        diags.push(Diagnostic::error("event title is empty", loc(&raw.title)));
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
    let media_texts = raw.media.iter().flat_map(|m| [&m.caption, &m.credit]);
    for text in [&raw.summary, &raw.body]
        .into_iter()
        .chain(media_texts)
        .flatten()
    {
        let base = usize::try_from(text.referenced.span().byte_offset().unwrap_or(0)).unwrap_or(0);
        for (_, url) in crate::markdown::unsafe_links(&text.value) {
            let at = src.text[base..].find(&url).map_or(base, |i| base + i);
            diags.push(
                Diagnostic::error(
                    format!("unsafe link `{url}`"),
                    src.at_byte(at, url.chars().count()),
                )
                .with_hint("links and media may not use javascript:, data: or vbscript: URLs"),
            );
        }
    }
    if let Some(m) = &raw.media
        && crate::markdown::is_unsafe(&m.url.value)
    {
        diags.push(
            Diagnostic::error(format!("unsafe link `{}`", m.url.value), loc(&m.url))
                .with_hint("media must be an http(s) URL or a path to a file in static/"),
        );
    }
    let importance = match &raw.importance {
        None => 3,
        Some(i) if (1..=5).contains(&i.value) => i.value as u8,
        Some(i) => {
            let l = yaml::location(src, 0, i);
            diags.push(
                Diagnostic::error(format!("importance `{}` is out of range", i.value), l)
                    .with_hint("importance is a whole number from 1 (minor) to 5 (major)"),
            );
            3
        }
    };
    let citations = raw
        .sources
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
        })
        .collect();
    let updated = raw
        .updated
        .as_ref()
        .and_then(|u| parse_updated(src, 0, u).map_err(|d| diags.push(d)).ok());
    let related = raw
        .related
        .iter()
        .map(|r| IdRef {
            id: r.value.clone(),
            location: loc(r),
        })
        .collect();
    let slugs: [Vec<String>; 3] = [&raw.tags, &raw.actors, &raw.places]
        .map(|names| names.iter().map(|n| slug::slugify(&n.value)).collect());
    let term_keys = [
        (&raw.tags, &slugs[0]),
        (&raw.actors, &slugs[1]),
        (&raw.places, &slugs[2]),
    ]
    .map(|(names, slugs)| {
        names
            .iter()
            .zip(slugs)
            .map(|(n, slug)| TermKey::of(&n.value, slug))
            .collect()
    });
    match date {
        Some(date) if diags.is_empty() => Ok(Event {
            span: date.span(zone.unwrap_or(site_zone)),
            id,
            location,
            title: raw.title.value,
            date,
            date_location: loc(&raw.date),
            zone,
            summary: raw.summary.map(|s| s.value).unwrap_or_default(),
            body: raw.body.map(|b| b.value),
            term_keys,
            slugs,
            term_locations: [&raw.tags, &raw.actors, &raw.places]
                .map(|terms| terms.iter().map(&loc).collect()),
            terms: [raw.tags, raw.actors, raw.places]
                .map(|terms| terms.into_iter().map(|t| t.value).collect()),
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
            fingerprint: 0,
        }),
        _ => Err(diags),
    }
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
