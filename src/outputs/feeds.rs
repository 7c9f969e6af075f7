//! The timeline where readers already are: an Atom feed (newest first),
//! for the whole site and for each taxonomy term. Dates come from
//! `EventDate`; nothing here reads the clock, so the files are the same for
//! the same content.

use std::sync::Arc;

use atom_syndication as atom;
use chrono::{DateTime, FixedOffset};

use crate::content::config::Config;
use crate::date::utc;
use crate::timeline::Timeline;
use crate::views::EventText;
use crate::views::escape::escape_html;
use crate::views::url::{Page, absolute, event_iri, href};

/// The Atom feed of `events` (indices into the timeline), newest first.
/// `dir` is the folder the feed is written in ("" or "tags/x/").
pub(crate) fn atom_feed(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<EventText>],
    events: &[usize],
    dir: &str,
    title: &str,
) -> String {
    let epoch: DateTime<FixedOffset> = DateTime::UNIX_EPOCH.into();
    let start_of = |i: usize| {
        let e = &tl.events[i];
        utc(e.span.0).map_or(epoch, Into::into)
    };
    let mut order: Vec<usize> = events.to_vec();
    order.reverse();
    let entries: Vec<atom::Entry> = order
        .iter()
        .map(|&i| {
            let e = &tl.events[i];
            let link = href(config, dir, &Page::Event(&e.id));
            let (date, summary) = (&texts[i].date_text, &texts[i].summary_html);
            let mut entry = atom::Entry::default();
            entry.set_title(atom::Text::plain(e.title.clone()));
            entry.set_id(event_iri(config, &e.id));
            entry.set_updated(start_of(i));
            entry.set_links(vec![atom::Link {
                href: link,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }]);
            entry.set_summary(Some(atom::Text::html(format!(
                "<p><strong>{}</strong></p><p>{summary}</p>",
                escape_html(date)
            ))));
            entry.set_categories(
                e.terms[0]
                    .iter()
                    .map(|t| atom::Category {
                        term: t.clone(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>(),
            );
            entry
        })
        .collect();
    let updated = order.iter().map(|&i| start_of(i)).max().unwrap_or(epoch);
    let mut feed = atom::Feed::default();
    feed.set_title(atom::Text::plain(title.to_string()));
    feed.set_id(match &config.base_url {
        Some(base) => absolute(base, &format!("{dir}feed.xml")),
        None => format!("urn:annals:{}:feed:{dir}", slug::slugify(&config.title)),
    });
    feed.set_updated(updated);
    feed.set_lang(Some(config.lang().code.to_string()));
    feed.set_generator(Some(atom::Generator {
        value: "annals".into(),
        ..Default::default()
    }));
    feed.set_links(vec![atom::Link {
        href: href(config, dir, &Page::Home),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    }]);
    feed.set_entries(entries);
    feed.to_string()
}
