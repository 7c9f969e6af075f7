//! The timeline in a multilingual site's further languages: each event's
//! translations checked against site.yaml's `languages:`, what is still
//! untranslated reported (a warning: the page falls back to the site's
//! first language and says so), and the timeline as each further
//! language's tree shows it.

use std::sync::Arc;

use super::Timeline;
use crate::content::config::Config;
use crate::content::site_translations::{SiteTranslation, not_built_in};
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};

/// Translations into languages the site is not built in are errors at
/// their code; each further language with untranslated events is one
/// warning, naming how many and the first of them.
pub(crate) fn check(config: &Config, timeline: &Timeline) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let default = config.languages.first().map_or("en", |m| m.code);
    let further: Vec<&str> = config.languages.iter().skip(1).map(|m| m.code).collect();
    for e in &timeline.events {
        for t in &e.translations {
            if !further.contains(&t.language.as_str()) {
                diags.push(not_built_in(
                    &t.language,
                    Some(default),
                    &further,
                    "the event itself",
                    t.location.clone(),
                ));
            }
        }
    }
    diags.extend(check_terms(config, timeline));
    for code in further {
        let missing: Vec<&str> = timeline
            .events
            .iter()
            .filter(|e| !e.translations.iter().any(|t| t.language == code))
            .map(|e| e.id.as_str())
            .collect();
        if let Some(first) = missing.first() {
            diags.push(
                Diagnostic::file_error(
                    format!(
                        "{} of {} events have no `{code}` translation: their pages in /{code}/ show the site's first language, and say so",
                        missing.len(),
                        timeline.events.len()
                    ),
                    std::path::Path::new("site.yaml"),
                )
                .with_hint(format!(
                    "give an event `translations: {{ {code}: {{ title: …, summary: … }} }}`; the first untranslated is `{first}`"
                ))
                .warning(),
            );
        }
    }
    diags
}

/// site.yaml's term names in further languages: each names a term some
/// event has (an error otherwise, with the closest names); each further
/// language with terms left as written is one warning.
fn check_terms(config: &Config, timeline: &Timeline) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for tr in &config.translations {
        for term in &tr.terms {
            let Some(t) = timeline.taxonomies.iter().find(|t| t.name == term.taxonomy) else {
                continue;
            };
            if find_term(t, &term.name).is_none() {
                let mut d = Diagnostic::error(
                    format!("no event names the {} `{}`", singular(t.name), term.name),
                    term.location.clone(),
                );
                if let Some(h) = did_you_mean(&term.name, t.terms.iter().map(|t| t.name.as_str())) {
                    d = d.with_hint(h);
                }
                diags.push(d.with_hint("name a term as the events write it"));
            }
        }
    }
    for code in config.languages.iter().skip(1).map(|m| m.code) {
        let named: std::collections::HashSet<(usize, usize)> = config
            .translations
            .iter()
            .filter(|t| t.language == code)
            .flat_map(|tr| named_terms(timeline, tr))
            .map(|(ti, n, _)| (ti, n))
            .collect();
        let mut missing = Vec::new();
        let mut total = 0;
        for (ti, t) in timeline.taxonomies.iter().enumerate() {
            total += t.terms.len();
            for (n, term) in t.terms.iter().enumerate() {
                if !named.contains(&(ti, n)) {
                    missing.push(format!("{}: {}", t.name, term.name));
                }
            }
        }
        if let Some(first) = missing.first() {
            diags.push(
                Diagnostic::file_error(
                    format!(
                        "{} of {total} terms have no `{code}` name: /{code}/ shows them as written",
                        missing.len()
                    ),
                    std::path::Path::new("site.yaml"),
                )
                .with_hint(format!(
                    "name them under `translations: {{ {code}: {{ terms: … }} }}` in site.yaml (a name that stays the same is written twice); the first is `{first}`"
                ))
                .warning(),
            );
        }
    }
    diags
}

/// The terms `tr` names that the timeline has: (taxonomy index, term
/// index, the term's name in `tr`'s language). A name no event has is
/// left out ([`check_terms`] reports it).
fn named_terms<'t>(timeline: &Timeline, tr: &'t SiteTranslation) -> Vec<(usize, usize, &'t str)> {
    tr.terms
        .iter()
        .filter_map(|t| {
            let ti = timeline
                .taxonomies
                .iter()
                .position(|x| x.name == t.taxonomy)?;
            let n = find_term(&timeline.taxonomies[ti], &t.name)?;
            Some((ti, n, t.translated.as_str()))
        })
        .collect()
}

/// The term of taxonomy `t` that `name` (any spelling) is, by slug.
fn find_term(t: &super::Taxonomy, name: &str) -> Option<usize> {
    let slug = slug::slugify(name);
    t.terms.iter().position(|term| term.slug == slug)
}

/// "tag", "actor", "place": one term of a taxonomy, in messages.
fn singular(taxonomy: &str) -> &str {
    taxonomy.strip_suffix('s').unwrap_or(taxonomy)
}

impl Timeline {
    /// The timeline as the tree of language `code` shows it: every event
    /// with its translation, or as written and marked untranslated, and
    /// the taxonomies and terms named as `config` (the language's own) and
    /// site.yaml's `translations:` name them. Order,
    /// ids, dates, sources and term slugs (their pages' addresses) are
    /// shared.
    pub(crate) fn in_language(&self, code: &str, config: &Config) -> Timeline {
        let mut t = self.clone();
        t.number = Timeline::new_number();
        t.change = super::Change::All;
        t.events = self
            .events
            .iter()
            .map(|e| Arc::new(e.in_language(code)))
            .collect();
        // Headings as `config` (the language's own) gives them.
        for t in t.taxonomies.make_mut() {
            if let Some(c) = config.taxonomies.iter().find(|c| c.name == t.name) {
                t.title.clone_from(&c.title);
            }
        }
        if let Some(tr) = config.translations.iter().find(|tr| tr.language == code) {
            for (ti, n, name) in named_terms(&t, tr) {
                t.taxonomies.make_mut()[ti].terms[n].name = name.to_string();
            }
        }
        t
    }
}
