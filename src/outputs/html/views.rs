//! The view types templates see: plain, serialisable data with every
//! link already relative to the page it is shown on. Templates never see
//! the internal model.

use serde::Serialize;

#[derive(Serialize)]
pub(super) struct NavItem {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) language: &'a str,
    /// `ltr` or `rtl`, from the language's message file.
    pub(super) direction: String,
    /// The site's first language, which untranslated texts are in.
    pub(super) first_language: &'static str,
    pub(super) base_url: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct TermLink {
    pub(super) taxonomy: &'static str,
    pub(super) slug: String,
    pub(super) name: String,
    pub(super) url: String,
}

/// A card in a list: its HTML, made once for every page at its depth
/// (and kept by `annals serve` while nothing on it changes), or its parts
/// for the template to lay out.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum CardView {
    Rendered {
        #[serde(serialize_with = "shared_str")]
        html: std::sync::Arc<str>,
    },
    Parts(Box<EventCard>),
}

fn shared_str<S: serde::Serializer>(s: &std::sync::Arc<str>, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(s)
}

#[derive(Serialize)]
pub(super) struct EventCard {
    pub(super) id: String,
    pub(super) url: String,
    pub(super) title: String,
    pub(super) date_html: String,
    pub(super) date_text: String,
    pub(super) summary_html: String,
    pub(super) importance: u8,
    pub(super) ongoing: bool,
    /// A proposed event not yet accepted (shown by `serve`, `--drafts`).
    pub(super) draft: bool,
    /// Shown in a further language's tree without a translation: its
    /// texts are in the site's first language.
    pub(super) untranslated: bool,
    pub(super) terms: Vec<TermLink>,
    /// The event's image, as a thumbnail on its card.
    pub(super) thumb: Option<String>,
    /// Its span (UTC seconds; no end when ongoing), for annals.js to draw
    /// it when a zoom opens the axis's columns.
    pub(super) t0: i64,
    pub(super) t1: Option<i64>,
}

#[derive(Serialize)]
pub(super) struct CitationView {
    pub(super) quote: Option<String>,
    /// The editor's translation of the quotation, shown labelled beside it.
    pub(super) translation: Option<String>,
    /// The quotation starts inside a sentence (shown after an ellipsis).
    pub(super) clipped_start: bool,
    /// It ends inside one (shown before an ellipsis).
    pub(super) clipped_end: bool,
    pub(super) source_title: String,
    pub(super) source_url: String,
    pub(super) paragraph_url: String,
    pub(super) publisher: Option<String>,
    pub(super) author: Option<String>,
    pub(super) published_html: Option<String>,
}

#[derive(Serialize)]
pub(super) struct MediaView {
    pub(super) url: String,
    pub(super) is_image: bool,
    /// `image`, `video`, `audio`, `map` or `link`.
    pub(super) kind: &'static str,
    /// What a card for a link says it is: "Video · YouTube".
    pub(super) label: String,
    pub(super) alt: String,
    pub(super) caption_html: Option<String>,
    pub(super) credit: Option<String>,
    pub(super) credit_html: Option<String>,
}

#[derive(Serialize)]
pub(super) struct EventLink {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) date_html: String,
}

#[derive(Serialize)]
pub(super) struct EventPage {
    pub(super) jsonld: String,
    pub(super) event: EventCard,
    pub(super) body_html: String,
    pub(super) media: Option<MediaView>,
    pub(super) citations: Vec<CitationView>,
    pub(super) related: Vec<EventLink>,
    pub(super) previous: Option<EventLink>,
    pub(super) next: Option<EventLink>,
    /// Where the event sits among its neighbours: a small axis.
    pub(super) nearby_html: String,
}

#[derive(Serialize)]
pub(super) struct SourceView {
    pub(super) id: String,
    pub(super) url: String,
    pub(super) title: String,
    pub(super) author: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) published_html: Option<String>,
    pub(super) image_credit: Option<String>,
    pub(super) original_url: Option<String>,
    pub(super) body_html: String,
    pub(super) cited_by: usize,
}

#[derive(Serialize)]
pub(super) struct TermView {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
}

/// The same page in one of the site's languages (a multilingual site):
/// for `hreflang` alternates and the language switcher.
#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) code: &'static str,
    /// The language's name in itself ("Español").
    pub(super) label: String,
    pub(super) href: String,
    /// The language of the page itself.
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct PageContext<'a, T: Serialize> {
    pub(super) site: &'a SiteView<'a>,
    pub(super) alternates: Vec<Alternate>,
    pub(super) nav: Vec<NavItem>,
    pub(super) root: String,
    pub(super) home_url: String,
    pub(super) search_url: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) canonical: Option<String>,
    pub(super) og_type: &'static str,
    /// The absolute URL of the page's picture for social cards.
    pub(super) image: Option<String>,
    /// The absolute URL of the page's oEmbed document.
    pub(super) oembed: Option<String>,
    #[serde(flatten)]
    pub(super) data: T,
}
