//! Views: what readers see of the timeline, made once per build and shared
//! by every output — each event's display texts ([`EventText`]), escaping,
//! inert JSON, and where every page lives ([`url`]). Nothing here knows a
//! file format; the outputs do.

pub(crate) mod embed;
pub(crate) mod escape;
pub(crate) mod json;
pub(crate) mod url;

use std::sync::Arc;

use rayon::prelude::*;

use crate::content::config::Config;
use crate::content::event::Event;
use crate::content::kept::Kept;
use crate::content::markdown;
use crate::date::{DatePart, EventDate};
use crate::timeline::{Patch, Timeline};
use escape::escape_html;
use url::Page;

/// What every page and file that shows an event shares, computed once
/// per build (and kept by `serve` for events that did not change).
pub(crate) struct EventText {
    /// The event page's output path.
    pub(crate) page: Arc<str>,
    /// The date as HTML: `<time>` elements and the words between them.
    pub(crate) date_html: String,
    /// The date as text, in the site's language and the event's zone.
    pub(crate) date_text: String,
    /// The summary as inline HTML.
    pub(crate) summary_html: String,
    /// The summary as plain text.
    pub(crate) summary_text: String,
}

impl EventText {
    fn of(config: &Config, e: &Event) -> EventText {
        EventText {
            page: Page::Event(&e.id).file().into(),
            date_html: date_html(&e.date, e.zone, config),
            date_text: e.date.display_in(config.lang(), e.zone),
            summary_html: markdown::render_inline(&e.summary, config.raw_html),
            summary_text: markdown::plain_text(&e.summary),
        }
    }
}

/// The display texts of events, kept from one build to the next
/// (`annals serve`) for the events that did not change.
pub(crate) type KeptTexts = Kept<EventText>;

/// Every event's [`EventText`], in timeline order: from `kept` where the
/// event is unchanged.
pub(crate) fn event_texts(
    config: &Config,
    timeline: &Timeline,
    kept: &KeptTexts,
) -> Vec<Arc<EventText>> {
    timeline
        .events
        .par_iter()
        .map(|e| {
            kept.get(e)
                .unwrap_or_else(|| Arc::new(EventText::of(config, e)))
        })
        .collect()
}

/// [`event_texts`] for a timeline patched ([`Patch`]) from the one
/// numbered `last`, whose texts were
/// `last_texts` (taken): those texts (moved along with a moved event)
/// with the changed events' made anew, and `kept` updated to match.
/// `None`, taking nothing, when `timeline` was not patched from that one.
pub(crate) fn patched_texts(
    config: &Config,
    timeline: &Timeline,
    last: u64,
    last_texts: &mut Vec<Arc<EventText>>,
    kept: &mut KeptTexts,
) -> Option<Vec<Arc<EventText>>> {
    let Patch {
        from,
        changed,
        replaced,
        shift,
    } = timeline.change.patch()?;
    if from != last || last_texts.len() != timeline.events.len() {
        return None;
    }
    // Taken, not copied: a copy touches every text. A text is the
    // event's alone: it moves with it.
    let mut texts = std::mem::take(last_texts);
    if let Some(shift) = shift {
        shift.reorder(&mut texts);
    }
    for (&i, old) in changed.iter().zip(replaced) {
        let new = &timeline.events[i];
        let text = kept
            .get(new)
            .unwrap_or_else(|| Arc::new(EventText::of(config, new)));
        kept.replace(old, new, &text);
        texts[i] = text;
    }
    Some(texts)
}

/// `<time>` elements for a date, with the words between them; instants are
/// shown in `zone` when the event has one.
pub(crate) fn date_html(date: &EventDate, zone: Option<chrono_tz::Tz>, config: &Config) -> String {
    date.display_parts_in(config.lang(), zone)
        .into_iter()
        .map(|p| match p {
            DatePart::Text(t) => escape_html(&t),
            DatePart::Time {
                text,
                machine,
                exact,
            } => {
                // The exact years of a rounded or named date on hover:
                // HTML's `datetime` has no form for them (none before 1 AD,
                // none for a range of years).
                let title = exact
                    .map(|e| format!(" title=\"{}\"", escape_html(&e)))
                    .unwrap_or_default();
                match machine {
                    Some(m) => format!(
                        "<time datetime=\"{}\"{title}>{}</time>",
                        escape_html(&m),
                        escape_html(&text)
                    ),
                    None => format!(
                        "<span class=\"date-text\"{title}>{}</span>",
                        escape_html(&text)
                    ),
                }
            }
        })
        .collect()
}
