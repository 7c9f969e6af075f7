//! The pages of single things: an event, a source, the sources, a
//! taxonomy's terms, the search page and the 404 page, with their schema.org
//! data.

use rayon::prelude::*;
use serde::Serialize;

use super::lists::{ListPlan, ListView};
use super::quotes::{Quoted, mark_quotes, quote_id};
use super::views::*;
use super::{NOT_FOUND, Rendered, Renderer};
use crate::content::markdown;
use crate::i18n::Arg;
use crate::views::date_html;
use crate::views::embed::{MediaKind, classify};
use crate::views::escape::escape_html as esc;
use crate::views::json::inert as json_ld;
use crate::views::url::Page;

/// A media URL as a page at `root` links to it: an address of the
/// site's own (a path to a file in static/) is relative to the site root.
pub(super) fn media_url(url: &str, root: &str) -> String {
    if ::url::Url::parse(url).is_ok() || url.starts_with('/') {
        url.to_string()
    } else {
        format!("{root}{url}")
    }
}

/// A page's schema.org item as its `<script type="application/ld+json">`
/// holds it: `@context` once, at the top, for the items nested in it too.
fn linked_data(mut item: serde_json::Value) -> String {
    item["@context"] = serde_json::json!("https://schema.org");
    json_ld(&item)
}

impl Renderer<'_> {
    /// What the sources of event `i` say, for a page `page`.
    pub(super) fn citations(&self, i: usize, page: &Page<'_>) -> Vec<CitationView> {
        let tl = self.timeline;
        tl.citations[i]
            .iter()
            .map(|c| {
                let s = &tl.sources[c.source];
                let source_url = page.link_to(&Page::Source(&s.id));
                let paragraph_url = match (&c.anchor, &c.quote) {
                    (Some(a), Some(q)) => format!("{source_url}#{}", quote_id(a, q)),
                    (Some(a), None) => format!("{source_url}#{a}"),
                    _ => source_url.clone(),
                };
                CitationView {
                    quote: c.quote.clone(),
                    translation: c.translation.clone(),
                    clipped_start: c.clipped.0,
                    clipped_end: c.clipped.1,
                    source_title: s.title.clone(),
                    source_url,
                    paragraph_url,
                    publisher: s.publisher.clone(),
                    author: s.author.clone(),
                    published_html: s
                        .published
                        .as_ref()
                        .map(|d| date_html(d, None, self.config)),
                }
            })
            .collect()
    }

    /// The media of event `i`, for a page `page`.
    pub(super) fn media(&self, i: usize, page: &Page<'_>) -> Option<MediaView> {
        let e = &self.timeline.events[i];
        let m = e.media.as_ref()?;
        let (kind, provider) = classify(&m.url);
        let alt = m
            .alt
            .clone()
            .or_else(|| {
                m.caption
                    .as_deref()
                    .map(markdown::plain_text)
                    .filter(|alt| !alt.is_empty())
            })
            .unwrap_or_else(|| e.title.clone());
        let kind_name = self.messages.text(kind.message());
        Some(MediaView {
            is_image: kind == MediaKind::Image,
            url: media_url(&m.url, &page.root()),
            kind: kind.name(),
            label: match provider {
                Some(p) => format!("{kind_name} · {p}"),
                None => kind_name,
            },
            alt,
            caption_html: m
                .caption
                .as_deref()
                .map(|c| markdown::render_inline(c, self.config.raw_html)),
            credit: m.credit.clone(),
            credit_html: m
                .credit
                .as_deref()
                .map(|c| markdown::render_inline(c, self.config.raw_html)),
        })
    }

    /// Event `i` among up to two events before and after it, placed by
    /// time on a strip, each at least a finger's width from the next: a
    /// small axis, written here as the large one is (one per event page of
    /// a 10,000-event site, so no template loop).
    pub(super) fn nearby(&self, i: usize) -> String {
        use std::fmt::Write as _;
        /// Neighbours on each side.
        const NEARBY: usize = 2;
        let tl = self.timeline;
        let shown: Vec<usize> =
            (i.saturating_sub(NEARBY)..(i + NEARBY + 1).min(tl.events.len())).collect();
        if shown.len() < 2 {
            return String::new();
        }
        let starts: Vec<f64> = shown.iter().map(|&k| tl.events[k].span.0 as f64).collect();
        let (lo, hi) = (starts[0], starts[starts.len() - 1]);
        let mut at: Vec<f64> = starts
            .iter()
            .map(|&t| if hi > lo { (t - lo) / (hi - lo) } else { 0.5 })
            .collect();
        // Keep the marks apart (24 px each on a phone's ~330 px), then back
        // into the strip.
        let gap = 0.9 / (shown.len() - 1) as f64;
        for k in 1..at.len() {
            at[k] = at[k].max(at[k - 1] + gap);
        }
        let (first, last) = (at[0], at[at.len() - 1]);
        let here = Page::Event(&tl.events[i].id);
        let mut s = format!(
            "<nav class=\"nearby\" aria-label=\"{}\">\n<ol>\n",
            esc(&self.messages.text("nearby"))
        );
        for (&k, x) in shown.iter().zip(at) {
            let x = if last > first {
                (x - first) / (last - first)
            } else {
                0.5
            };
            if k == i {
                // The page's own heading names it.
                let _ = writeln!(
                    s,
                    "<li style=\"left:{:.1}%\"><span aria-current=\"true\"></span></li>",
                    4.0 + x * 92.0,
                );
            } else {
                let name = format!("{} ({})", tl.events[k].title, self.texts[k].date_text);
                let href = here.link_to(&Page::Event(&tl.events[k].id));
                let _ = writeln!(
                    s,
                    "<li style=\"left:{:.1}%\"><a href=\"{}\" title=\"{}\"></a></li>",
                    4.0 + x * 92.0,
                    esc(&href),
                    esc(&name)
                );
            }
        }
        let _ = write!(
            s,
            "</ol>\n<p class=\"nearby-ends\"><span>{}</span><span>{}</span></p>\n</nav>\n",
            esc(&self.texts[shown[0]].date_text),
            esc(&self.texts[shown[shown.len() - 1]].date_text)
        );
        s
    }

    pub(super) fn events(&self) -> Vec<Rendered> {
        let tl = self.timeline;
        tl.events
            .par_iter()
            .enumerate()
            .filter(|(i, _)| self.wants_path(&self.texts[*i].page))
            .map(|(i, e)| {
                let page = Page::Event(&e.id);
                let citations = self.citations(i, &page);
                let media = self.media(i, &page);
                let data = EventPage {
                    jsonld: linked_data(self.event_ld(i)),
                    event: self.card(i, &page),
                    body_html: e
                        .body
                        .as_deref()
                        .map(|b| markdown::render_block(b, self.config.raw_html))
                        .unwrap_or_default(),
                    media,
                    citations,
                    related: tl.related[i]
                        .iter()
                        .map(|&r| self.event_link(r, &page))
                        .collect(),
                    previous: i.checked_sub(1).map(|p| self.event_link(p, &page)),
                    next: (i + 1 < tl.events.len()).then(|| self.event_link(i + 1, &page)),
                    nearby_html: self.nearby(i),
                };
                let title = format!("{} — {}", e.title, self.config.title);
                let description = self.texts[i].summary_text.clone();
                let image = self.social_image(Some(i));
                self.render_pictured("event.html", page, title, description, data, image)
            })
            .collect()
    }

    /// schema.org NewsArticle of a source (without `@context`: see
    /// [`linked_data`]).
    pub(super) fn article_ld(&self, si: usize) -> serde_json::Value {
        let s = &self.timeline.sources[si];
        let mut v = serde_json::json!({
            "@type": "NewsArticle",
            "headline": s.title,
        });
        if let Some(a) = &s.author {
            v["author"] = serde_json::json!({"@type": "Person", "name": a});
        }
        if let Some(p) = &s.publisher {
            v["publisher"] = serde_json::json!({"@type": "Organization", "name": p});
        }
        if let Some(d) = s.published.as_ref().and_then(|d| d.machine_start()) {
            v["datePublished"] = serde_json::json!(d);
        }
        if let Some(d) = s.updated.as_ref().and_then(|d| d.machine_start()) {
            v["dateModified"] = serde_json::json!(d);
        }
        if let Some(u) = &s.url {
            v["url"] = serde_json::json!(u);
        }
        v
    }

    /// schema.org Event of an event, the articles it cites as NewsArticles
    /// about it (without `@context`: see [`linked_data`]).
    pub(super) fn event_ld(&self, i: usize) -> serde_json::Value {
        let e = &self.timeline.events[i];
        let mut v = serde_json::json!({
            "@type": "Event",
            "name": e.title,
            "description": self.texts[i].summary_text,
        });
        if let Some(d) = e.date.machine_start() {
            v["startDate"] = serde_json::json!(d);
        }
        if let crate::date::DateEnd::Point(end) = &e.date.end {
            let end = crate::date::EventDate {
                start: *end,
                end: crate::date::DateEnd::None,
            };
            if let Some(d) = end.machine_start() {
                v["endDate"] = serde_json::json!(d);
            }
        }
        if let Some(place) = e.terms[2].first() {
            v["location"] = serde_json::json!({"@type": "Place", "name": place});
        }
        if let Some(base) = &self.config.base_url {
            v["url"] = serde_json::json!(Page::Event(&e.id).absolute(base));
        }
        let mut cited: Vec<usize> = self.timeline.citations[i]
            .iter()
            .map(|c| c.source)
            .collect();
        cited.dedup();
        if !cited.is_empty() {
            // The articles are about the event: schema.org's `subjectOf`
            // (`citation` belongs to creative works, not events).
            let articles = cited.into_iter().map(|si| self.article_ld(si));
            v["subjectOf"] = serde_json::Value::Array(articles.collect());
        }
        v
    }

    pub(super) fn source_view(&self, si: usize, from: &Page<'_>) -> SourceView {
        let s = &self.timeline.sources[si];
        SourceView {
            id: s.id.clone(),
            url: from.link_to(&Page::Source(&s.id)),
            title: s.title.clone(),
            author: s.author.clone(),
            publisher: s.publisher.clone(),
            published_html: s
                .published
                .as_ref()
                .map(|d| date_html(d, None, self.config)),
            image_credit: s.image_credit.clone(),
            original_url: s.url.clone(),
            body_html: s.body_html.clone(),
            cited_by: self.timeline.cited_by[si].len(),
        }
    }

    /// The body of source `si` with every quotation of it marked, and
    /// each cited paragraph followed by links to the events quoting it.
    fn marked_body(&self, si: usize, page: &Page<'_>) -> String {
        let tl = self.timeline;
        let mut quoted = Vec::new();
        let mut quoting: Vec<(&str, Vec<usize>)> = Vec::new();
        for &i in &tl.cited_by[si] {
            for c in tl.citations[i].iter().filter(|c| c.source == si) {
                let (Some(anchor), Some(quote)) = (&c.anchor, &c.quote) else {
                    continue;
                };
                quoted.push(Quoted { anchor, quote });
                match quoting.iter_mut().find(|(a, _)| a == anchor) {
                    Some((_, events)) if events.contains(&i) => {}
                    Some((_, events)) => events.push(i),
                    None => quoting.push((anchor, vec![i])),
                }
            }
        }
        let label = esc(&self.messages.text("quoted-in"));
        let cited_in = |anchor: &str| {
            let (_, events) = quoting.iter().find(|(a, _)| *a == anchor)?;
            let links: Vec<String> = events
                .iter()
                .map(|&i| {
                    let e = &tl.events[i];
                    let url = page.link_to(&Page::Event(&e.id));
                    format!("<a href=\"{}\">{}</a>", esc(&url), esc(&e.title))
                })
                .collect();
            Some(format!(
                "<p class=\"quoted-in\"><span>{label}</span> {}</p>",
                links.join(" · ")
            ))
        };
        mark_quotes(&tl.sources[si].body_html, &quoted, &cited_in)
    }

    pub(super) fn sources(&self) -> Vec<Rendered> {
        let tl = self.timeline;
        let mut out: Vec<Rendered> = tl
            .sources
            .par_iter()
            .enumerate()
            .filter(|(_, s)| self.wants(&Page::Source(&s.id)))
            .map(|(si, s)| {
                let page = Page::Source(&s.id);
                #[derive(Serialize)]
                struct SourcePage {
                    jsonld: String,
                    source: SourceView,
                    events: Vec<EventLink>,
                }
                let mut source = self.source_view(si, &page);
                source.body_html = self.marked_body(si, &page);
                let data = SourcePage {
                    jsonld: linked_data(self.article_ld(si)),
                    source,
                    // A line per citing event (date and title), not a card:
                    // the quoted-in lines of the body already place each
                    // one, and a source cited by many events stays small.
                    events: tl.cited_by[si]
                        .iter()
                        .map(|&i| self.event_link(i, &page))
                        .collect(),
                };
                let title = format!("{} — {}", s.title, self.config.title);
                let description = self
                    .messages
                    .with("source-description", &[("title", Arg::Text(&s.title))]);
                self.render("source.html", page, title, description, data)
            })
            .collect();
        #[derive(Serialize)]
        struct SourcesPage {
            sources: Vec<SourceView>,
        }
        let page = Page::Sources;
        if !self.wants(&page) {
            return out;
        }
        let data = SourcesPage {
            sources: (0..tl.sources.len())
                .map(|si| self.source_view(si, &page))
                .collect(),
        };
        let site = [("site", Arg::Text(&self.config.title))];
        let title = self.messages.with("sources-page-title", &site);
        let description = self.messages.with("sources-description", &site);
        out.push(self.render("sources.html", page, title, description, data));
        out
    }

    /// Each taxonomy's page of terms, and every page of each term's list.
    pub(super) fn taxonomies(&self, plans: &[ListPlan<'_>]) -> Vec<Rendered> {
        let tl = self.timeline;
        let mut out = Vec::new();
        for t in &tl.taxonomies {
            let page = Page::Taxonomy(t.name);
            if t.terms.is_empty() || !self.wants(&page) {
                continue;
            }
            #[derive(Serialize)]
            struct TaxonomyPage<'b> {
                taxonomy: &'b str,
                taxonomy_title: &'b str,
                terms: Vec<TermView>,
            }
            let data = TaxonomyPage {
                taxonomy: t.name,
                taxonomy_title: &t.title,
                terms: t
                    .terms
                    .iter()
                    .map(|term| TermView {
                        name: term.name.clone(),
                        url: page.link_to(&Page::Term(t.name, &term.slug)),
                        count: term.events.len(),
                    })
                    .collect(),
            };
            let title = format!("{} — {}", t.title, self.config.title);
            out.push(self.render("taxonomy.html", page, title, String::new(), data));
        }
        let terms: Vec<Rendered> = plans
            .par_iter()
            .filter_map(|plan| plan.term.map(|term| (plan, term)))
            .flat_map_iter(|(plan, (ti, n))| {
                let (t, term) = (&tl.taxonomies[ti], &tl.taxonomies[ti].terms[n]);
                let first = plan.first;
                self.list_pages(plan, &|page, list| {
                    #[derive(Serialize)]
                    struct TermList<'b> {
                        taxonomy: &'b str,
                        taxonomy_title: &'b str,
                        taxonomy_url: String,
                        /// The term's feed and calendar, from this page.
                        term_url: String,
                        term: &'b str,
                        #[serde(flatten)]
                        list: ListView,
                    }
                    let title = match &list.pager {
                        Some(p) if p.current > 1 => {
                            self.list_title(format!("{}: {}", t.title, term.name), Some(p))
                        }
                        _ => format!("{}: {} — {}", t.title, term.name, self.config.title),
                    };
                    let data = TermList {
                        taxonomy: t.name,
                        taxonomy_title: &t.title,
                        taxonomy_url: page.link_to(&Page::Taxonomy(t.name)),
                        term_url: format!("{}{}", page.root(), first.dir()),
                        term: &term.name,
                        list,
                    };
                    self.render("term.html", page, title, String::new(), data)
                })
            })
            .collect();
        out.extend(terms);
        out
    }

    /// The search page; `manifest` is the index's manifest, relative to it.
    pub(super) fn search(&self, manifest: &str) -> Rendered {
        let page = Page::Search;
        #[derive(Serialize)]
        struct SearchPage {
            search_manifest: String,
            indexes: Vec<NavItem>,
        }
        let data = SearchPage {
            search_manifest: manifest.to_string(),
            // Where to look without JavaScript: every index but the timeline.
            indexes: self.nav(&page).into_iter().skip(1).collect(),
        };
        let site = [("site", Arg::Text(&self.config.title))];
        let title = self.messages.with("search-page-title", &site);
        let description = self.messages.with("search-description", &site);
        self.render("search.html", page, title, description, data)
    }

    pub(super) fn not_found(&self) -> Option<Rendered> {
        if !self.wants_path(NOT_FOUND) {
            return None;
        }
        // Served for any missing path, so relative links cannot work: use
        // the site's absolute path when base_url says where it lives.
        let home = self
            .config
            .base_url
            .as_deref()
            .and_then(|b| b.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
            .unwrap_or_else(|| "/".into());
        #[derive(Serialize)]
        struct NotFound<'b> {
            site: &'b SiteView<'b>,
            alternates: Vec<super::views::Alternate>,
            nav: Vec<NavItem>,
            root: &'b str,
            home_url: &'b str,
            search_url: String,
            title: String,
            description: &'b str,
            canonical: Option<String>,
            og_type: &'b str,
        }
        let ctx = NotFound {
            site: &self.site,
            alternates: Vec::new(),
            nav: vec![NavItem {
                title: self.messages.text("nav-timeline"),
                url: home.clone(),
                current: false,
            }],
            root: &home,
            home_url: &home,
            search_url: format!("{home}{}", Page::Search.file()),
            title: self.messages.with(
                "not-found-page-title",
                &[("site", Arg::Text(&self.config.title))],
            ),
            description: "",
            canonical: None,
            og_type: "website",
        };
        Some(self.render_one("404.html", NOT_FOUND.into(), &ctx))
    }
}
