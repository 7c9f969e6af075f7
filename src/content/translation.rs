//! An event in the site's further languages (`languages:` in site.yaml):
//! `translations:` beside the event's own fields gives, per language, its
//! title and, if it likes, summary, body and media caption. Dates, ids,
//! sources, terms and quotations are the event's own, shared by every
//! language. Kept in the event's file, so that a translation moves and is
//! renamed with its event, and a file of many events needs no file per
//! translation.

use std::collections::HashMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::event::Event;
use super::yaml;
use crate::diagnostic::{Location, SourceText};

/// A translation as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTranslation {
    title: Spanned<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    caption: Option<String>,
}

/// The translations of an event, by language code as written.
pub(super) type RawTranslations = Option<HashMap<Spanned<String>, RawTranslation>>;

/// An event's texts in one further language.
#[derive(Debug, Clone)]
pub struct EventTranslation {
    /// The language code, as written (checked against site.yaml's
    /// `languages:` with the timeline).
    pub language: String,
    /// Where the code is written.
    pub location: Location,
    /// The translated title.
    pub title: String,
    /// The translated summary (Markdown), if given.
    pub summary: Option<String>,
    /// The translated body (Markdown), if given.
    pub body: Option<String>,
    /// The translated media caption, if given.
    pub caption: Option<String>,
}

/// The translations of an event, sorted by language.
pub(super) fn translations(src: &SourceText, raw: RawTranslations) -> Vec<EventTranslation> {
    let mut out: Vec<EventTranslation> = raw
        .into_iter()
        .flatten()
        .map(|(code, t)| EventTranslation {
            location: yaml::location(src, 0, &code),
            language: code.value,
            title: t.title.value,
            summary: t.summary,
            body: t.body,
            caption: t.caption,
        })
        .collect();
    out.sort_by(|a, b| a.language.cmp(&b.language));
    out
}

impl Event {
    /// The event as the tree of language `code` shows it: with its
    /// translation's texts, or as written and marked untranslated.
    pub(crate) fn in_language(&self, code: &str) -> Event {
        let mut e = self.clone();
        match self.translations.iter().find(|t| t.language == code) {
            Some(t) => {
                e.title = t.title.clone();
                if let Some(s) = &t.summary {
                    e.summary = s.clone();
                }
                if let Some(b) = &t.body {
                    e.body = Some(b.clone());
                }
                if let (Some(c), Some(m)) = (&t.caption, &mut e.media) {
                    m.caption = Some(c.clone());
                }
            }
            None => e.untranslated = true,
        }
        e
    }
}
