//! The pages made to live in someone else's article: `/embed/` and each
//! term's `TAXONOMY/TERM/embed/`, a compact view (the phone strip of the
//! axis over the list of events) for an `<iframe>` from 300 px to a full
//! column wide. `static/embed.js` reads the reader's options from the
//! address (`?start=`, `?tags=`…, `?theme=`, `?height=`), looking every
//! value up among what the page holds and writing none of them into it,
//! and tells the host page its height through Pym.js's protocol. Links to
//! events open in the top window.
//!
//! Also here: the "Embed this timeline" box of every page that can be
//! embedded, and the oEmbed documents that hand the same snippet to a CMS.

use rayon::prelude::*;
use serde::Serialize;

use super::views::SiteView;
use super::{Rendered, Renderer};
use crate::views::embed::{FALLBACK_HEIGHT, snippet};
use crate::views::url::Page;

/// The file of Pym.js in the output, beside the other static files.
pub(crate) const PYM: &str = "pym.v1.min.js";

/// The most events an embed lists, or the story tells: past this, the
/// most important (see [`highlights`]). An iframe of ten thousand events
/// is no help to an article's reader, and each embed would repeat the
/// archive (README, "Put it in an article").
pub(super) const SHOWN_LIMIT: usize = 500;
/// The most events a term's embed lists: two hundred terms of a
/// 10,000-event site would otherwise repeat the archive in 16 MB; the
/// term's page lists them all.
pub(super) const TERM_SHOWN_LIMIT: usize = 50;

/// At most `limit` of `events` (in timeline order), kept in that order:
/// all of them when they fit, else the most important, those of the
/// least important level kept spread evenly over that level's events.
pub(super) fn highlights(
    events: &[usize],
    importance: impl Fn(usize) -> u8,
    limit: usize,
) -> Vec<usize> {
    if events.len() <= limit {
        return events.to_vec();
    }
    // One pass over the events (each asked its importance once), then
    // the levels from the highest down.
    let mut levels: [Vec<usize>; 5] = Default::default();
    for &i in events {
        levels[usize::from(importance(i).clamp(1, 5)) - 1].push(i);
    }
    let mut kept = Vec::with_capacity(limit);
    for at in levels.iter().rev() {
        let room = limit - kept.len();
        if at.len() <= room {
            kept.extend_from_slice(at);
        } else {
            kept.extend((0..room).map(|k| at[k * at.len() / room]));
        }
        if kept.len() == limit {
            break;
        }
    }
    kept.sort_unstable();
    kept
}

/// One event in an embed's list.
#[derive(Serialize)]
struct EmbedEvent {
    id: String,
    url: String,
    title: String,
    date_html: String,
    summary_html: String,
    importance: u8,
    filter_terms: String,
}

#[derive(Serialize)]
struct EmbedView<'s> {
    site: &'s SiteView<'s>,
    root: String,
    title: String,
    /// What the embed is of: the site's title or the term's name.
    heading: String,
    /// The full list the embed is a view of, for the top window.
    full_url: String,
    canonical: Option<String>,
    axis: String,
    events: Vec<EmbedEvent>,
    count: usize,
    /// "The 500 most important of 10,000 events", when not all are shown.
    selection: Option<String>,
    /// The same embed in the site's other languages.
    alternates: Vec<super::views::Alternate>,
}

/// The "Embed this timeline" box of a page.
#[derive(Serialize)]
pub(super) struct EmbedCode {
    /// The snippet to paste.
    snippet: String,
    /// When the site's address is not known, the snippet's addresses are
    /// relative to the page, and `annals.js` makes them whole: these two.
    relative_src: Option<String>,
    relative_script: Option<String>,
    height: u32,
}

impl Renderer<'_> {
    /// The iframe title of the embed of `list` (a list's first page, or
    /// the story).
    fn embed_title(&self, list: &Page<'_>) -> String {
        let name = match *list {
            Page::Term(t, slug) => self
                .timeline
                .taxonomies
                .iter()
                .find(|x| x.name == t)
                .and_then(|x| x.terms.iter().find(|term| term.slug == slug))
                .map_or(self.config.title.as_str(), |term| term.name.as_str()),
            _ => self.config.title.as_str(),
        };
        frame_title(self.messages, &self.config.title, list, name)
    }

    /// The box offering the snippet that embeds `page`'s embed, shown on
    /// `page`; `None` for a page that has no embed.
    pub(super) fn embed_code(&self, page: &Page<'_>) -> Option<EmbedCode> {
        let embed = page.embed()?;
        let list = embed.embedded();
        let title = self.embed_title(&list);
        let (url, script) = match &self.config.base_url {
            Some(base) => (embed.absolute(base), format!("{base}{PYM}")),
            None => (page.link_to(&embed), format!("{}{PYM}", page.root())),
        };
        let relative = self.config.base_url.is_none();
        Some(EmbedCode {
            snippet: snippet(&url, &title, &script),
            relative_src: relative.then(|| url.clone()),
            relative_script: relative.then(|| script.clone()),
            height: FALLBACK_HEIGHT,
        })
    }

    /// The absolute URL of the oEmbed document of `page`, when the site's
    /// address is known and the page can be embedded.
    pub(super) fn oembed_url(&self, page: &Page<'_>) -> Option<String> {
        let base = self.config.base_url.as_deref()?;
        let dir = page.embed()?.embedded().dir();
        Some(format!("{base}{dir}oembed.json"))
    }

    /// The picture for social cards, as an absolute URL: event `event`'s
    /// image, else the site's.
    pub(super) fn social_image(&self, event: Option<usize>) -> Option<String> {
        let own = event
            .and_then(|i| self.timeline.events[i].media.as_ref())
            .map(|m| m.url.as_str())
            .filter(|url| crate::views::embed::is_image(url));
        let url = own.or(self.config.image.as_deref())?;
        if ::url::Url::parse(url).is_ok() {
            return Some(url.to_string());
        }
        let base = self.config.base_url.as_deref()?;
        Some(format!("{base}{}", url.trim_start_matches('/')))
    }

    /// What says that only the most important events are shown.
    pub(super) fn selection(&self, shown: usize, total: usize) -> String {
        self.messages.with(
            "shown-most-important",
            &[
                ("shown", crate::i18n::Arg::Count(shown)),
                ("total", crate::i18n::Arg::Count(total)),
            ],
        )
    }

    /// The home list's embed and every term's.
    pub(super) fn embeds(&self) -> Vec<Rendered> {
        let tl = self.timeline;
        let mut lists: Vec<(Page<'_>, Vec<usize>, String)> = vec![(
            Page::Embed,
            (0..tl.events.len()).collect(),
            self.config.title.clone(),
        )];
        for t in &tl.taxonomies {
            for term in &t.terms {
                lists.push((
                    Page::TermEmbed(t.name, &term.slug),
                    term.events.clone(),
                    term.name.clone(),
                ));
            }
        }
        lists
            .into_par_iter()
            .filter(|(page, events, _)| !events.is_empty() && self.wants(page))
            .map(|(page, events, heading)| self.embed(page, &events, heading))
            .collect()
    }

    fn embed(&self, page: Page<'_>, events: &[usize], heading: String) -> Rendered {
        let list = page.embedded();
        let title = self.embed_title(&list);
        let root = page.root();
        let total = events.len();
        let limit = match page {
            Page::TermEmbed(..) => TERM_SHOWN_LIMIT,
            _ => SHOWN_LIMIT,
        };
        let levels = self.importance_levels();
        let events = &highlights(events, |i| levels[i], limit);
        let selection = (events.len() < total).then(|| self.selection(events.len(), total));
        let axis = self
            .axis(&page, events)
            .map(|a| a.svg_compact(&root, self.messages, &title))
            .unwrap_or_default();
        let tl = self.timeline;
        let events: Vec<EmbedEvent> = events
            .iter()
            .map(|&i| {
                let (e, text) = (&tl.events[i], &self.texts[i]);
                let mut filter_terms = String::new();
                for &(ti, n) in &tl.event_terms[i] {
                    if !filter_terms.is_empty() {
                        filter_terms.push(' ');
                    }
                    let t = &tl.taxonomies[ti];
                    filter_terms.push_str(t.name);
                    filter_terms.push('/');
                    filter_terms.push_str(&t.terms[n].slug);
                }
                EmbedEvent {
                    id: e.id.clone(),
                    url: page.link_to(&Page::Event(&e.id)),
                    title: e.title.clone(),
                    date_html: text.date_html.clone(),
                    summary_html: text.summary_html.clone(),
                    importance: e.importance,
                    filter_terms,
                }
            })
            .collect();
        let view = EmbedView {
            site: &self.site,
            full_url: page.link_to(&list),
            canonical: self.config.base_url.as_ref().map(|b| list.absolute(b)),
            count: total,
            selection,
            alternates: self.alternates(&page),
            root,
            title,
            heading,
            axis,
            events,
        };
        self.render_one("embed.html", page.file(), &view)
    }
}

/// The iframe title of the embed of `list`, named `name` (the site's
/// title or a term's): one for the pages' snippets and the oEmbed
/// documents.
fn frame_title(
    messages: &crate::i18n::Messages,
    site: &str,
    list: &Page<'_>,
    name: &str,
) -> String {
    use crate::i18n::Arg;
    match list {
        Page::Story => messages.with("story-title", &[("site", Arg::Text(site))]),
        _ => messages.with("embed-frame-title", &[("name", Arg::Text(name))]),
    }
}

/// The oEmbed documents (`type: rich`) of the pages that can be embedded,
/// when the site's address is known: `oembed.json` in the folder of the
/// home page, of each term's page and of the story. Each holds the same
/// snippet the page offers.
pub(crate) fn oembed_files(
    config: &crate::content::config::Config,
    timeline: &crate::timeline::Timeline,
) -> Vec<(String, String)> {
    let Some(base) = config.base_url.as_deref() else {
        return Vec::new();
    };
    let messages = &*config.messages;
    let mut docs: Vec<(Page<'_>, String)> = vec![
        (Page::Home, config.title.clone()),
        (
            Page::Story,
            messages.with(
                "story-title",
                &[("site", crate::i18n::Arg::Text(&config.title))],
            ),
        ),
    ];
    for t in &timeline.taxonomies {
        for term in t.terms.iter().filter(|term| !term.events.is_empty()) {
            docs.push((Page::Term(t.name, &term.slug), term.name.clone()));
        }
    }
    let pym = format!("{base}{PYM}");
    docs.into_iter()
        .filter_map(|(page, name)| {
            let embed = page.embed()?;
            let doc = serde_json::json!({
                "version": "1.0",
                "type": "rich",
                "title": name,
                "provider_name": config.title,
                "provider_url": base,
                "html": snippet(
                    &embed.absolute(base),
                    &frame_title(messages, &config.title, &page, &name),
                    &pym,
                ),
                "width": 700,
                "height": FALLBACK_HEIGHT,
            });
            Some((
                format!("{}oembed.json", page.dir()),
                crate::views::json::inert_lines(&doc),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::highlights;

    #[test]
    fn highlights_keep_the_most_important_spread_over_time() {
        let importance = |i: usize| if i.is_multiple_of(10) { 5 } else { 3 };
        let events: Vec<usize> = (0..100).collect();
        assert_eq!(highlights(&events, importance, 100), events);
        let kept = highlights(&events, importance, 20);
        assert_eq!(kept.len(), 20);
        // The ten of importance 5, and ten of the ninety others, spread.
        assert!((0..100).step_by(10).all(|i| kept.contains(&i)), "{kept:?}");
        let others: Vec<usize> = kept.iter().copied().filter(|i| i % 10 != 0).collect();
        assert_eq!(others, [1, 11, 21, 31, 41, 51, 61, 71, 81, 91]);
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
    }
}
