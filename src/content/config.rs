//! `site.yaml`: the raw form as written, and the validated `Config` the rest
//! of the program uses.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono_tz::Tz;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::content::markdown::RawHtml;
use crate::content::site_translations::{RawSiteTranslation, SiteTranslation, site_translations};
use crate::content::{fields, yaml};
use crate::date::{DateEnd, EventDate, Lang};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText, did_you_mean};
use crate::i18n::{self, Messages};

/// The taxonomies annals knows, in the order pages list them.
pub(crate) const TAXONOMY_NAMES: [&str; 3] = ["tags", "actors", "places"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    base_url: Option<Spanned<String>>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    /// A multilingual site's languages, the first the default.
    #[serde(default)]
    languages: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    taxonomies: Option<HashMap<Spanned<String>, RawTaxonomy>>,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    eras: Vec<RawEra>,
    #[serde(default)]
    feed_limit: Option<Spanned<usize>>,
    #[serde(default)]
    image: Option<Spanned<String>>,
    /// The site's own words in its further languages, by language code.
    #[serde(default)]
    translations: Option<HashMap<Spanned<String>, RawSiteTranslation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEra {
    title: Spanned<String>,
    date: Spanned<String>,
    #[serde(default)]
    end: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    #[serde(default)]
    title: Option<String>,
}

/// One taxonomy the site shows (tags, actors or places).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TaxonomyConfig {
    /// `tags`, `actors` or `places`: the event key and the URL folder.
    pub name: &'static str,
    /// Heading shown to readers.
    pub title: String,
}

/// A named period of the timeline (`eras:` in site.yaml), such as a war or
/// a term of office: a span with a known start and end that events fall in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Era {
    /// Its name, as shown.
    pub title: String,
    /// Its span: always an interval with a known end (`1939/1945`), as
    /// TimelineJS eras are.
    pub date: EventDate,
}

impl Era {
    /// The span in UTC seconds (start inclusive, end exclusive), dates
    /// without a time spanning their whole day, month or year in `tz`.
    pub(crate) fn span(&self, tz: Tz) -> (i64, i64) {
        self.date.span(tz)
    }
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Site title.
    pub title: String,
    /// One-line description, for the home page and meta tags.
    pub description: String,
    /// Absolute URL the site is published at, ending in `/`, if known.
    pub base_url: Option<String>,
    /// The interface's words in the site's language, with the site's own
    /// message file (`i18n/LANG.ftl`) over annals'; dates among them.
    pub messages: Arc<Messages>,
    /// Every language the site is built in, the default first (its tree
    /// is the site's root; each other one's is `/CODE/`): one for a site
    /// in one language.
    pub languages: Vec<Arc<Messages>>,
    /// The site's own words in its further languages.
    pub translations: Vec<SiteTranslation>,
    /// Zone in which dates without a time span their day.
    pub timezone: Tz,
    /// Taxonomies with pages, in display order.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// What happens to HTML written inside Markdown: sanitised unless the
    /// site says `unsafe_html: true`.
    pub raw_html: RawHtml,
    /// Named periods, in the order of their start (then as written).
    pub eras: Vec<Era>,
    /// How many of the newest events each feed and calendar holds, the
    /// site's and each term's (`feed_limit:`, default [`FEED_LIMIT`]).
    pub feed_limit: usize,
    /// The site's own image (`image:`, an http(s) URL or a path to a file
    /// in static/): the story's title slide and the social cards of pages
    /// without one of their own.
    pub image: Option<String>,
}

/// The feeds' and calendars' default number of events: what a feed reader
/// or a calendar subscription shows of a site without the file growing
/// with the archive (see README, "Feeds and calendars").
pub(crate) const FEED_LIMIT: usize = 50;

/// A taxonomy's heading when site.yaml gives none, in the site's language.
fn default_title(name: &str, messages: &Messages) -> String {
    match name {
        "tags" => messages.text("taxonomy-tags"),
        "actors" => messages.text("taxonomy-actors"),
        _ => messages.text("taxonomy-places"),
    }
}

impl Config {
    /// The configuration of a site.yaml that holds only a title: what the
    /// content is checked against when the site's own failed to load.
    pub(crate) fn fallback() -> Config {
        Config::parse(Path::new("site.yaml"), "title: Untitled\n".into())
            .expect("a title alone is a valid site.yaml")
    }

    /// Reads and validates `site.yaml` from its text. `file` is the path
    /// shown in messages.
    pub(crate) fn parse(file: &Path, text: String) -> Result<Config, Diagnostics> {
        Config::parse_with_messages(file, text, &[])
    }

    /// The site in one of its further languages, `messages` (one of
    /// [`Config::languages`]): its words, its dates, its taxonomies'
    /// default headings, and its address under the tree `/CODE/`.
    pub(crate) fn in_language(&self, messages: &Arc<Messages>) -> Config {
        let mut config = self.clone();
        for t in &mut config.taxonomies {
            if t.title == default_title(t.name, &self.messages) {
                t.title = default_title(t.name, messages);
            }
        }
        config.base_url = self
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}/", messages.code));
        if let Some(tr) = self
            .translations
            .iter()
            .find(|t| t.language == messages.code)
        {
            if let Some(title) = &tr.title {
                config.title.clone_from(title);
            }
            if let Some(description) = &tr.description {
                config.description.clone_from(description);
            }
            for t in &mut config.taxonomies {
                if let Some((_, title)) = tr.taxonomies.iter().find(|(n, _)| *n == t.name) {
                    t.title.clone_from(title);
                }
            }
            for era in &mut config.eras {
                if let Some((_, title)) = tr.eras.iter().find(|(from, _)| *from == era.title) {
                    era.title.clone_from(title);
                }
            }
        }
        config.messages = Arc::clone(messages);
        config
    }

    /// The path from the root of this language's tree to the root of
    /// `other`'s (`../`, `es/`, `../fr/`; empty for itself).
    pub(crate) fn tree_to(&self, other: &Messages) -> String {
        let default = self.languages.first().map_or("en", |m| m.code);
        let up = if self.messages.code == default {
            ""
        } else {
            "../"
        };
        match other.code {
            code if code == self.messages.code => String::new(),
            code if code == default => up.to_string(),
            code => format!("{up}{code}/"),
        }
    }

    /// How dates read in the site's language.
    pub(crate) fn lang(&self) -> &Lang {
        self.messages.dates()
    }

    /// Reads and validates `site.yaml` from its text, with the site's own
    /// message files (`i18n/*.ftl`). `file` is the path shown in messages.
    pub(crate) fn parse_with_messages(
        file: &Path,
        text: String,
        message_files: &[SourceText],
    ) -> Result<Config, Diagnostics> {
        let src = SourceText::new(file, text);
        let raw: RawConfig =
            yaml::parse(&src, &src.text, 0, "site.yaml").map_err(|d| Diagnostics::from(vec![d]))?;
        let mut diags = Diagnostics::default();
        let loc = |s: &Spanned<String>| yaml::location(&src, 0, s);

        let known = |l: &Spanned<String>, diags: &mut Diagnostics| match i18n::language(&l.value) {
            Some(messages) => Some(messages.code),
            None => {
                let known: Vec<&str> = i18n::codes().collect();
                diags.push(
                    Diagnostic::error(format!("unsupported language `{}`", l.value), loc(l))
                        .with_hint(format!("annals ships: {}", known.join(", "))),
                );
                None
            }
        };
        let mut codes: Vec<&'static str> = Vec::new();
        let written: Vec<&Spanned<String>> = raw.languages.iter().flatten().collect();
        for l in &written {
            match known(l, &mut diags) {
                Some(code) if codes.contains(&code) => diags.push(
                    Diagnostic::error(format!("`{code}` is named twice in `languages:`"), loc(l))
                        .with_hint("each language has one tree; name it once"),
                ),
                Some(code) => codes.push(code),
                None => {}
            }
        }
        match (&raw.language, written.first()) {
            (Some(l), Some(first)) if l.value != first.value => diags.push(
                Diagnostic::error(
                    format!("`language: {}` is not the first of `languages:`", l.value),
                    loc(l),
                )
                .with_hint("the first of `languages:` is the site's default language; write it once, in `languages:`"),
            ),
            (Some(l), None) => codes.extend(known(l, &mut diags)),
            _ => {}
        }
        if codes.is_empty() {
            codes.push("en");
        }
        let mut languages = Vec::new();
        for code in &codes {
            let (messages, message_diags) = i18n::site_messages(code, message_files);
            diags.extend(message_diags);
            languages.push(messages);
        }
        let messages = Arc::clone(&languages[0]);
        let timezone = match &raw.timezone {
            None => Tz::UTC,
            Some(t) => fields::parse_zone(&src, 0, t).unwrap_or_else(|d| {
                diags.push(d);
                Tz::UTC
            }),
        };
        let base_url = match &raw.base_url {
            None => None,
            Some(u) => match base_url(&u.value) {
                Ok(url) => Some(url),
                Err((message, hint)) => {
                    diags.push(Diagnostic::error(message, loc(u)).with_hint(hint));
                    None
                }
            },
        };
        let taxonomies = match &raw.taxonomies {
            None => TAXONOMY_NAMES
                .iter()
                .map(|n| TaxonomyConfig {
                    name: n,
                    title: default_title(n, &messages),
                })
                .collect(),
            Some(map) => {
                let mut out = Vec::new();
                for name in TAXONOMY_NAMES {
                    if let Some((_, t)) = map.iter().find(|(k, _)| k.value == name) {
                        out.push(TaxonomyConfig {
                            name,
                            title: t
                                .title
                                .clone()
                                .unwrap_or_else(|| default_title(name, &messages)),
                        });
                    }
                }
                let mut keys: Vec<&Spanned<String>> = map.keys().collect();
                keys.sort_by(|a, b| a.value.cmp(&b.value));
                for key in keys {
                    if !TAXONOMY_NAMES.contains(&key.value.as_str()) {
                        let mut d = Diagnostic::error(
                            format!("unknown taxonomy `{}`", key.value),
                            loc(key),
                        );
                        if let Some(h) = did_you_mean(&key.value, TAXONOMY_NAMES) {
                            d = d.with_hint(h);
                        }
                        diags.push(d.with_hint("taxonomies are: tags, actors, places"));
                    }
                }
                out
            }
        };
        let eras = eras(&src, &raw.eras, timezone, &mut diags);
        let translations = site_translations(
            &src,
            raw.translations.as_ref(),
            &codes,
            &taxonomies,
            &eras,
            &mut diags,
        );
        let feed_limit = match &raw.feed_limit {
            None => FEED_LIMIT,
            Some(n) if n.value == 0 => {
                diags.push(
                    Diagnostic::error(
                        "`feed_limit` is the number of events in each feed and calendar, at least 1",
                        yaml::location(&src, 0, n),
                    )
                    .with_hint(format!("leave it out for the newest {FEED_LIMIT}")),
                );
                FEED_LIMIT
            }
            Some(n) => n.value,
        };
        if let Some(image) = &raw.image
            && (image.value.trim().is_empty()
                || crate::content::markdown::is_unsafe(&image.value)
                || image.value.chars().any(fields::is_forbidden_in_url))
        {
            diags.push(
                Diagnostic::error(
                    format!("`image: {}` is not a usable image address", image.value),
                    yaml::location(&src, 0, image),
                )
                .with_hint("give an http(s) URL or a path to a file in static/, e.g. `image: img/cover.jpg`"),
            );
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Config {
            title: raw.title,
            description: raw.description.unwrap_or_default(),
            base_url,
            messages,
            languages,
            translations,
            timezone,
            taxonomies,
            raw_html: if raw.unsafe_html {
                RawHtml::Allow
            } else {
                RawHtml::Sanitize
            },
            eras,
            feed_limit,
            image: raw.image.map(|i| i.value.trim().to_string()),
        })
    }
}

/// Checks a base URL (site.yaml's `base_url`, or `--base-url`): an
/// absolute http(s) address whose characters need no escaping in any
/// output, returned ending in `/`. Errors are a message and a hint.
pub fn base_url(written: &str) -> Result<String, (String, String)> {
    let v = written.trim();
    if !(v.starts_with("https://") || v.starts_with("http://")) {
        return Err((
            format!("`{v}` is not an absolute URL"),
            "write the full address, e.g. https://example.org/timeline/".into(),
        ));
    }
    // Characters a URL may not hold as they are (RFC 3986): white space,
    // controls, and `"<>\^`{|}`.
    if let Some(c) = v.chars().find(|&c| fields::is_forbidden_in_url(c)) {
        return Err((
            format!("`{v}` is not a valid URL: it holds {c:?}"),
            format!("write {c:?} as `{}`", fields::percent_encoded(c)),
        ));
    }
    Ok(if v.ends_with('/') {
        v.to_string()
    } else {
        format!("{v}/")
    })
}

/// Validates `eras:`: a title and a span with a known end each, every
/// problem located in site.yaml.
fn eras(src: &SourceText, raw: &[RawEra], tz: Tz, diags: &mut Diagnostics) -> Vec<Era> {
    let mut out = Vec::new();
    for era in raw {
        let mut found = Vec::new();
        if era.title.value.trim().is_empty() {
            found.push(
                Diagnostic::error("era title is empty", yaml::location(src, 0, &era.title))
                    .with_hint("name the era, e.g. `title: Second World War`"),
            );
        }
        let date = fields::parse_date_and_end(src, 0, &era.date, era.end.as_ref(), &mut found);
        if let Some(d) = &date
            && !matches!(d.end, DateEnd::Point(_))
        {
            let what = if d.end == DateEnd::None {
                "is a single date"
            } else {
                "has no known end"
            };
            found.push(
                Diagnostic::error(
                    format!("era `{}` {what}", era.title.value),
                    yaml::location(src, 0, &era.date),
                )
                .with_hint(
                    "an era spans from one date to another: write both, e.g. `date: 1939/1945`, or `date: 1939-09` with `end: 1945-05`",
                ),
            );
        }
        match date {
            Some(date) if found.is_empty() => out.push(Era {
                title: era.title.value.trim().to_string(),
                date,
            }),
            _ => found.into_iter().for_each(|d| diags.push(d)),
        }
    }
    // Stable: eras that start together keep the order they are written in.
    out.sort_by_key(|e| e.date.span(tz).0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        Config::parse(Path::new("site.yaml"), text.into())
    }

    #[test]
    fn eras_are_spans_in_order_of_their_start() {
        let c = parse(
            "title: T\ntimezone: UTC\neras:\n  - title: Cold War\n    date: 1947/1991\n  - title: Second World War\n    date: 1939-09\n    end: 1945-09-02\n",
        )
        .unwrap();
        let titles: Vec<&str> = c.eras.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Second World War", "Cold War"]);
        assert_eq!(c.eras[0].date.to_string(), "1939-09/1945-09-02");
        let (start, end) = c.eras[1].span(Tz::UTC);
        assert_eq!(start, crate::date::seconds_of(1947, 1, 1));
        assert_eq!(end, crate::date::seconds_of(1992, 1, 1));
    }

    #[test]
    fn an_era_key_typo_is_located_with_a_suggestion() {
        let diags =
            parse("title: T\neras:\n  - titel: Cold War\n    date: 1947/1991\n").unwrap_err();
        let d = diags.iter().next().unwrap();
        assert_eq!(d.message, "unknown key `titel` in site.yaml");
        let l = d.location.as_ref().unwrap();
        assert_eq!((l.line, l.column), (3, 5));
        assert_eq!(d.hints[0], "did you mean `title`?");
    }

    #[test]
    fn base_url_is_an_absolute_url_without_characters_to_escape() {
        assert_eq!(
            base_url("https://example.org/a&b'c").unwrap(),
            "https://example.org/a&b'c/"
        );
        let (message, hint) = base_url("https://example.org/\"><script>").unwrap_err();
        assert_eq!(
            message,
            "`https://example.org/\"><script>` is not a valid URL: it holds '\"'"
        );
        assert_eq!(hint, "write '\"' as `%22`");
        assert!(base_url("https://example.org/a b").is_err());
        assert!(base_url("javascript:alert(1)").is_err());
    }

    #[test]
    fn an_era_must_end() {
        let diags = parse("title: T\neras:\n  - title: Now\n    date: 2020/..\n").unwrap_err();
        let d = diags.iter().next().unwrap();
        assert_eq!(d.message, "era `Now` has no known end");
        assert_eq!(d.location.as_ref().unwrap().line, 4);
    }
}
