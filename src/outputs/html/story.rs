//! The story: the timeline told one event at a time, media first, as
//! TimelineJS tells it. `/story/` is a page of its own; `/embed/story/` is
//! the same story made for an `<iframe>` (links open in the top window,
//! and the host is told the height). A title slide (the site's title,
//! description and picture) comes first, then a slide per event: media
//! with caption and credit, date, title, summary, and what the sources
//! say. Each slide is a `<section id="ID">`, so `#ID` addresses it with or
//! without JavaScript; `static/story.js` shows one at a time, with
//! buttons, the arrow keys, swipes, and the back button.

use serde::Serialize;

use super::embed::EmbedCode;
use super::views::{CitationView, MediaView, SiteView};
use super::{Rendered, Renderer};
use crate::i18n::Arg;
use crate::views::embed::is_image;
use crate::views::url::Page;

#[derive(Serialize)]
struct Slide {
    id: String,
    url: String,
    title: String,
    date_html: String,
    summary_html: String,
    media: Option<MediaView>,
    citations: Vec<CitationView>,
    position: String,
}

/// The title slide's picture.
#[derive(Serialize)]
struct Cover {
    url: String,
    alt: String,
}

#[derive(Serialize)]
struct StoryView<'s> {
    site: &'s SiteView<'s>,
    root: String,
    title: String,
    description: String,
    canonical: Option<String>,
    og_type: &'static str,
    oembed: Option<String>,
    image: Option<String>,
    /// Made for an `<iframe>`: links open in the top window.
    embedded: bool,
    home_url: String,
    cover: Option<Cover>,
    axis: String,
    slides: Vec<Slide>,
    /// "The 500 most important of 10,000 events", when not all are told.
    selection: Option<String>,
    embed_code: Option<EmbedCode>,
    /// The same story in the site's other languages.
    alternates: Vec<super::views::Alternate>,
}

impl Renderer<'_> {
    /// The story page and its embed.
    pub(super) fn stories(&self) -> Vec<Rendered> {
        if self.timeline.events.is_empty() {
            return Vec::new();
        }
        [Page::Story, Page::EmbedStory]
            .into_iter()
            .filter(|page| self.wants(page))
            .map(|page| self.story(page))
            .collect()
    }

    fn story(&self, page: Page<'_>) -> Rendered {
        let tl = self.timeline;
        let root = page.root();
        let title = self
            .messages
            .with("story-title", &[("site", Arg::Text(&self.config.title))]);
        let every: Vec<usize> = (0..tl.events.len()).collect();
        let levels = self.importance_levels();
        let all = super::embed::highlights(&every, |i| levels[i], super::embed::SHOWN_LIMIT);
        let selection = (all.len() < every.len()).then(|| self.selection(all.len(), every.len()));
        let axis = self
            .axis(&page, &all)
            .map(|a| {
                a.with_bare_anchors().svg_compact(
                    &root,
                    self.messages,
                    &self.messages.text("story-axis"),
                )
            })
            .unwrap_or_default();
        let total = all.len();
        let slides: Vec<Slide> = all
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let card = self.card(i, &page);
                Slide {
                    id: card.id,
                    url: card.url,
                    title: card.title,
                    date_html: card.date_html,
                    summary_html: card.summary_html,
                    media: self.media(i, &page),
                    citations: self.citations(i, &page),
                    position: self.messages.with(
                        "story-position",
                        &[("current", Arg::Count(n + 1)), ("total", Arg::Count(total))],
                    ),
                }
            })
            .collect();
        let cover = match &self.config.image {
            Some(url) => Some(Cover {
                url: super::pages::media_url(url, &root),
                alt: self.config.title.clone(),
            }),
            None => slides.iter().find_map(|s| {
                s.media.as_ref().filter(|m| m.is_image).map(|m| Cover {
                    url: m.url.clone(),
                    alt: m.alt.clone(),
                })
            }),
        };
        let embedded = page == Page::EmbedStory;
        let view = StoryView {
            site: &self.site,
            description: self.config.description.clone(),
            canonical: self
                .config
                .base_url
                .as_ref()
                .map(|b| Page::Story.absolute(b)),
            og_type: "website",
            oembed: self.oembed_url(&page).filter(|_| !embedded),
            image: self.social_image(None).or_else(|| {
                // The story's first picture.
                let first = tl
                    .events
                    .iter()
                    .position(|e| e.media.as_ref().is_some_and(|m| is_image(&m.url)))?;
                self.social_image(Some(first))
            }),
            embedded,
            alternates: self.alternates(&page),
            home_url: page.link_to(&Page::Home),
            embed_code: if embedded {
                None
            } else {
                self.embed_code(&page)
            },
            root,
            title,
            selection,
            cover,
            axis,
            slides,
        };
        self.render_one("story.html", page.file(), &view)
    }
}
