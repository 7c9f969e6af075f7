//! `site.yaml`: the raw form as written, and the validated `Config` the rest
//! of the program uses.

use std::collections::HashMap;
use std::path::Path;

use chrono_tz::Tz;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::date::{self, Lang};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText, did_you_mean};
use crate::markdown::RawHtml;
use crate::yaml;

/// The taxonomies annals knows, in the order pages list them.
pub const TAXONOMY_NAMES: [&str; 3] = ["tags", "actors", "places"];

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
    #[serde(default)]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    taxonomies: Option<HashMap<Spanned<String>, RawTaxonomy>>,
    #[serde(default)]
    unsafe_html: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    #[serde(default)]
    title: Option<String>,
}

/// One taxonomy the site shows (tags, actors or places).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyConfig {
    /// `tags`, `actors` or `places`: the event key and the URL folder.
    pub name: &'static str,
    /// Heading shown to readers.
    pub title: String,
}

/// The validated site configuration.
#[derive(Debug)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-line description, for the home page and meta tags.
    pub description: String,
    /// Absolute URL the site is published at, ending in `/`, if known.
    pub base_url: Option<String>,
    /// Language of dates and interface words.
    pub lang: &'static Lang,
    /// Zone in which dates without a time span their day.
    pub timezone: Tz,
    /// Taxonomies with pages, in display order.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// What happens to HTML written inside Markdown: sanitised unless the
    /// site says `unsafe_html: true`.
    pub raw_html: RawHtml,
}

fn default_title(name: &str) -> String {
    match name {
        "tags" => "Topics".into(),
        "actors" => "People and organisations".into(),
        _ => "Places".into(),
    }
}

impl Config {
    /// Reads and validates `site.yaml` from its text. `file` is the path
    /// shown in messages.
    pub fn parse(file: &Path, text: String) -> Result<Config, Diagnostics> {
        let src = SourceText::new(file, text);
        let raw: RawConfig =
            yaml::parse(&src, &src.text, 0, "site.yaml").map_err(|d| Diagnostics::from(vec![d]))?;
        let mut diags = Diagnostics::default();
        let loc = |s: &Spanned<String>| yaml::location(&src, 0, s);

        let lang = match &raw.language {
            None => &date::EN,
            Some(l) => match date::lang(&l.value) {
                Some(lang) => lang,
                None => {
                    let known: Vec<&str> = date::LANGS.iter().map(|l| l.code).collect();
                    diags.push(
                        Diagnostic::error(format!("unsupported language `{}`", l.value), loc(l))
                            .with_hint(format!("annals ships: {}", known.join(", "))),
                    );
                    &date::EN
                }
            },
        };
        let timezone = match &raw.timezone {
            None => Tz::UTC,
            Some(t) => crate::event::parse_zone(&src, 0, t).unwrap_or_else(|d| {
                diags.push(d);
                Tz::UTC
            }),
        };
        let base_url = match &raw.base_url {
            None => None,
            Some(u) => {
                let v = u.value.trim();
                if v.starts_with("https://") || v.starts_with("http://") {
                    Some(if v.ends_with('/') {
                        v.to_string()
                    } else {
                        format!("{v}/")
                    })
                } else {
                    diags.push(
                        Diagnostic::error(format!("`{v}` is not an absolute URL"), loc(u))
                            .with_hint(
                                "write the full address, e.g. https://example.org/timeline/",
                            ),
                    );
                    None
                }
            }
        };
        let taxonomies = match &raw.taxonomies {
            None => TAXONOMY_NAMES
                .iter()
                .map(|n| TaxonomyConfig {
                    name: n,
                    title: default_title(n),
                })
                .collect(),
            Some(map) => {
                let mut out = Vec::new();
                for name in TAXONOMY_NAMES {
                    if let Some((_, t)) = map.iter().find(|(k, _)| k.value == name) {
                        out.push(TaxonomyConfig {
                            name,
                            title: t.title.clone().unwrap_or_else(|| default_title(name)),
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
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Config {
            title: raw.title,
            description: raw.description.unwrap_or_default(),
            base_url,
            lang,
            timezone,
            taxonomies,
            raw_html: if raw.unsafe_html {
                RawHtml::Allow
            } else {
                RawHtml::Sanitize
            },
        })
    }
}
