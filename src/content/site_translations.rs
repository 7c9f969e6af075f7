//! site.yaml's `translations:`: the site's own words in each further
//! language — title, description, taxonomy headings, era titles and term
//! names — checked against what site.yaml has (term names are checked
//! against the events, in `timeline::translations`).

use std::collections::HashMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::config::{Era, TaxonomyConfig};
use super::yaml;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, SourceText, did_you_mean};

/// `translations: CODE:` in site.yaml: the site's own words in one of its
/// further languages, as a translator's glossary. Eras and terms are
/// named as they are written in the first language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSiteTranslation {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    /// Taxonomy name → its heading.
    #[serde(default)]
    taxonomies: HashMap<Spanned<String>, String>,
    /// Era title as written → its title.
    #[serde(default)]
    eras: HashMap<Spanned<String>, String>,
    /// Taxonomy name → term name as written → its name.
    #[serde(default)]
    terms: HashMap<Spanned<String>, HashMap<Spanned<String>, String>>,
}

/// The site's own words in one further language (site.yaml
/// `translations:`): its title and description, taxonomy headings, era
/// titles and term names. What it leaves out stays as written.
#[derive(Debug, Clone)]
pub(crate) struct SiteTranslation {
    /// The language's code, one of the site's further languages.
    pub language: &'static str,
    pub title: Option<String>,
    pub description: Option<String>,
    /// (taxonomy, heading)
    pub taxonomies: Vec<(&'static str, String)>,
    /// (era title as written, its title)
    pub eras: Vec<(String, String)>,
    /// Term names, checked against the events' terms once they are read.
    pub terms: Vec<TermTranslation>,
}

/// One term's name in a further language.
#[derive(Debug, Clone)]
pub(crate) struct TermTranslation {
    pub taxonomy: &'static str,
    /// The name as written in the first language (any spelling of the
    /// term: it is matched by its slug).
    pub name: String,
    pub translated: String,
    /// Where the name is written in site.yaml.
    pub location: Location,
}

/// site.yaml's `translations:`, checked: each for one of the site's
/// further languages, naming taxonomies it shows and eras it has. (Term
/// names are checked against the events, once they are read.)
pub(super) fn site_translations(
    src: &SourceText,
    raw: Option<&HashMap<Spanned<String>, RawSiteTranslation>>,
    codes: &[&'static str],
    taxonomies: &[TaxonomyConfig],
    eras: &[Era],
    diags: &mut Diagnostics,
) -> Vec<SiteTranslation> {
    let loc = |s: &Spanned<String>| yaml::location(src, 0, s);
    let sorted = raw.map(by_key).unwrap_or_default();
    let further = codes.get(1..).unwrap_or_default();
    let shown: Vec<&str> = taxonomies.iter().map(|t| t.name).collect();
    let mut out = Vec::new();
    for (code, raw) in sorted {
        let Some(&language) = further.iter().find(|c| **c == code.value) else {
            diags.push(not_built_in(
                &code.value,
                codes.first().copied(),
                further,
                "site.yaml",
                loc(code),
            ));
            continue;
        };
        let taxonomy = |key: &Spanned<String>, diags: &mut Diagnostics| {
            let found = shown.iter().find(|n| **n == key.value).copied();
            if found.is_none() {
                let mut d = Diagnostic::error(
                    format!("`{}` is not one of the site's taxonomies", key.value),
                    loc(key),
                );
                if let Some(h) = did_you_mean(&key.value, shown.iter().copied()) {
                    d = d.with_hint(h);
                }
                diags.push(d.with_hint(format!("the site shows: {}", shown.join(", "))));
            }
            found
        };
        let mut tr = SiteTranslation {
            language,
            title: raw.title.clone(),
            description: raw.description.clone(),
            taxonomies: Vec::new(),
            eras: Vec::new(),
            terms: Vec::new(),
        };
        let keys = by_key(&raw.taxonomies);
        for (key, title) in keys {
            if let Some(name) = taxonomy(key, diags) {
                tr.taxonomies.push((name, title.clone()));
            }
        }
        let keys = by_key(&raw.eras);
        for (key, title) in keys {
            let written = key.value.trim();
            if eras.iter().any(|e| e.title == written) {
                tr.eras
                    .push((written.to_string(), title.trim().to_string()));
            } else {
                let mut d = Diagnostic::error(format!("no era is titled `{written}`"), loc(key));
                if let Some(h) = did_you_mean(written, eras.iter().map(|e| e.title.as_str())) {
                    d = d.with_hint(h);
                }
                diags.push(d.with_hint("name an era by its title under `eras:`, as written there"));
            }
        }
        let keys = by_key(&raw.terms);
        for (key, names) in keys {
            let Some(name) = taxonomy(key, diags) else {
                continue;
            };
            let names = by_key(names);
            for (written, translated) in names {
                tr.terms.push(TermTranslation {
                    taxonomy: name,
                    name: written.value.trim().to_string(),
                    translated: translated.trim().to_string(),
                    location: loc(written),
                });
            }
        }
        out.push(tr);
    }
    out
}

/// A translation into `language`, which the site is not built in: an
/// error at `at`, its hint naming what the site's languages are. `first`
/// is the site's first language, the one `written_in` is written in.
pub(crate) fn not_built_in(
    language: &str,
    first: Option<&str>,
    further: &[&str],
    written_in: &str,
    at: Location,
) -> Diagnostic {
    let hint = if first == Some(language) {
        format!("`{language}` is the site's first language, which {written_in} is written in")
    } else if further.is_empty() {
        "the site is in one language: name its languages in site.yaml (`languages: [en, es]`)"
            .to_string()
    } else {
        format!(
            "the site's further languages (site.yaml `languages:`): {}",
            further.join(", ")
        )
    };
    Diagnostic::error(
        format!("a translation into `{language}`, which the site is not built in"),
        at,
    )
    .with_hint(hint)
}

/// A map's entries in the order of their keys' text: messages come out in
/// the same order whatever the map's.
fn by_key<V>(map: &HashMap<Spanned<String>, V>) -> Vec<(&Spanned<String>, &V)> {
    let mut entries: Vec<(&Spanned<String>, &V)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.value.cmp(&b.0.value));
    entries
}
