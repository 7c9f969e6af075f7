//! The timeline in a multilingual site's further languages: each event's
//! translations checked against site.yaml's `languages:`, what is still
//! untranslated reported (a warning: the page falls back to the site's
//! first language and says so), and the timeline as each further
//! language's tree shows it.

use std::sync::Arc;

use super::Timeline;
use crate::content::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};

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
                let why = if t.language == default {
                    format!(
                        "`{default}` is the site's first language, which the event itself is written in"
                    )
                } else if further.is_empty() {
                    "the site is in one language: name its languages in site.yaml (`languages: [en, es]`)".to_string()
                } else {
                    format!(
                        "the site's further languages (site.yaml `languages:`): {}",
                        further.join(", ")
                    )
                };
                diags.push(
                    Diagnostic::error(
                        format!(
                            "a translation into `{}`, which the site is not built in",
                            t.language
                        ),
                        t.location.clone(),
                    )
                    .with_hint(why),
                );
            }
        }
    }
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

impl Timeline {
    /// The timeline as the tree of language `code` shows it: every event
    /// with its translation, or as written and marked untranslated. Order,
    /// ids, dates, sources and terms are shared.
    pub(crate) fn in_language(&self, code: &str) -> Timeline {
        let mut t = self.clone();
        t.events = self
            .events
            .iter()
            .map(|e| Arc::new(e.in_language(code)))
            .collect();
        t
    }
}
