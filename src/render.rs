//! Rendering: the timeline into pages through Tera templates. Templates see
//! only the view types of this module (plain, serialisable, links already
//! relative to the page), never the internal model. Built-in templates are
//! compiled in; a site's own `templates/NAME` overrides the built-in of the
//! same name.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::axis::{Axis, AxisEra, AxisMark};
use crate::config::Config;
use crate::date::{DatePart, EventDate};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::markdown;
use crate::timeline::Timeline;
use crate::url::Page;

/// The built-in templates: name and text.
pub const BUILTIN_TEMPLATES: [(&str, &str); 14] = [
    ("base.html", include_str!("../templates/base.html")),
    (
        "partials/axis.html",
        include_str!("../templates/partials/axis.html"),
    ),
    (
        "partials/pager.html",
        include_str!("../templates/partials/pager.html"),
    ),
    ("index.html", include_str!("../templates/index.html")),
    ("event.html", include_str!("../templates/event.html")),
    ("source.html", include_str!("../templates/source.html")),
    ("sources.html", include_str!("../templates/sources.html")),
    ("taxonomy.html", include_str!("../templates/taxonomy.html")),
    ("term.html", include_str!("../templates/term.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("search.html", include_str!("../templates/search.html")),
    (
        "partials/years.html",
        include_str!("../templates/partials/years.html"),
    ),
    (
        "partials/event_card.html",
        include_str!("../templates/partials/event_card.html"),
    ),
    (
        "partials/nav.html",
        include_str!("../templates/partials/nav.html"),
    ),
];

/// The built-in static files: path in the output and bytes.
pub const BUILTIN_STATIC: [(&str, &[u8]); 4] = [
    ("style.css", include_bytes!("../static/style.css")),
    ("annals.js", include_bytes!("../static/annals.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("search.js", include_bytes!("../static/search.js")),
];

/// A file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// The template set: built-ins overridden by the site's own.
pub struct Templates {
    tera: Tera,
    sources: BTreeMap<String, SourceText>,
}

fn template_location(
    name: &str,
    sources: &BTreeMap<String, SourceText>,
    line: usize,
    col: usize,
) -> Option<crate::diagnostic::Location> {
    sources.get(name).map(|s| s.at(line, col + 1, 1))
}

fn tera_diagnostic(
    err: &tera::Error,
    sources: &BTreeMap<String, SourceText>,
    page: Option<&str>,
) -> Diagnostic {
    use tera::ErrorKind;
    let context = page
        .map(|p| format!(" (rendering {p})"))
        .unwrap_or_default();
    match err.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let msg = format!("template error: {}{context}", r.message());
            match template_location(r.filename(), sources, span.start_line, span.start_col) {
                Some(mut loc) => {
                    if span.start_line == span.end_line {
                        loc.len = span.end_col.saturating_sub(span.start_col).max(1);
                    }
                    Diagnostic::error(msg, loc)
                }
                None => Diagnostic::file_error(
                    msg,
                    &PathBuf::from(format!("templates/{}", r.filename())),
                ),
            }
        }
        other => {
            let mut msg = format!("template error: {other}{context}");
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            Diagnostic::file_error(msg, &PathBuf::from("templates"))
        }
    }
}

impl Templates {
    /// Compiles the built-in templates with the site's overrides. Template
    /// syntax errors are located in the file they come from.
    pub fn new(site_templates: &[SourceText]) -> Result<Templates, Diagnostics> {
        let mut sources: BTreeMap<String, SourceText> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_string(),
                    SourceText::new(
                        PathBuf::from(format!("<built-in>/templates/{name}")),
                        (*text).to_string(),
                    ),
                )
            })
            .collect();
        for t in site_templates {
            let name = t
                .path
                .strip_prefix("templates")
                .unwrap_or(&t.path)
                .to_string_lossy()
                .replace('\\', "/");
            sources.insert(name, t.clone());
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let all: Vec<(&str, &str)> = sources
            .iter()
            .map(|(k, v)| (k.as_str(), v.text.as_str()))
            .collect();
        tera.add_raw_templates(all)
            .map_err(|e| Diagnostics::from(vec![tera_diagnostic(&e, &sources, None)]))?;
        Ok(Templates { tera, sources })
    }
}

// ------------------------------------------------------------------ views

#[derive(Serialize)]
struct NavItem {
    title: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
}

#[derive(Serialize)]
struct TermLink {
    taxonomy: &'static str,
    slug: String,
    name: String,
    url: String,
}

#[derive(Serialize)]
struct SourceLink {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct EventCard {
    id: String,
    url: String,
    title: String,
    date_html: String,
    date_text: String,
    summary_html: String,
    importance: u8,
    ongoing: bool,
    terms: Vec<TermLink>,
    /// `taxonomy/slug` of every term, space-separated, for the filters of
    /// the enhanced list.
    filter_terms: String,
    sources: Vec<SourceLink>,
}

#[derive(Serialize)]
struct MonthView {
    label: String,
    anchor: String,
    events: Vec<EventCard>,
}

#[derive(Serialize)]
struct YearView {
    year: i64,
    label: String,
    anchor: String,
    months: Vec<MonthView>,
}

/// Events per page of a list; a longer list continues on `page/2/`, ….
pub const LIST_PAGE_SIZE: usize = 250;

/// One page of a list: runs of events, each run from one (year, month)
/// group (an index into `ListGroups::keys`).
type ListChunk = Vec<(usize, Vec<usize>)>;

/// The year and month groups of the timeline, flattened in display order.
struct ListGroups {
    /// (year, month) of each group; month `None` for events known only to
    /// the year.
    keys: Vec<(i64, Option<u8>)>,
    /// The group of each event.
    group_of: Vec<usize>,
    /// The position of each event in display order.
    display_pos: Vec<usize>,
}

impl ListGroups {
    fn new(tl: &Timeline) -> ListGroups {
        let mut groups = ListGroups {
            keys: Vec::new(),
            group_of: vec![0; tl.events.len()],
            display_pos: vec![0; tl.events.len()],
        };
        let mut pos = 0;
        for y in &tl.years {
            for m in &y.months {
                let g = groups.keys.len();
                groups.keys.push((y.year, m.month));
                for &i in &m.events {
                    groups.group_of[i] = g;
                    groups.display_pos[i] = pos;
                    pos += 1;
                }
            }
        }
        groups
    }
}

#[derive(Serialize)]
struct PagerLink {
    n: usize,
    url: String,
    /// The dates the page covers.
    label: String,
    current: bool,
    /// Pages are left out before this one.
    gap_before: bool,
}

#[derive(Serialize)]
struct PagerView {
    current: usize,
    total: usize,
    /// The dates this page covers.
    range: String,
    prev: Option<PagerLink>,
    next: Option<PagerLink>,
    pages: Vec<PagerLink>,
}

/// What every page of a list shows.
#[derive(Serialize)]
struct ListView {
    axis: String,
    clustered: bool,
    years: Vec<YearView>,
    /// Events in the whole list.
    event_count: usize,
    /// Events on this page.
    page_count: usize,
    pager: Option<PagerView>,
}

#[derive(Serialize)]
struct CitationView {
    quote: Option<String>,
    source_title: String,
    source_url: String,
    paragraph_url: String,
    publisher: Option<String>,
    author: Option<String>,
    published_html: Option<String>,
}

#[derive(Serialize)]
struct MediaView {
    url: String,
    is_image: bool,
    alt: String,
    caption_html: Option<String>,
    credit: Option<String>,
    credit_html: Option<String>,
}

#[derive(Serialize)]
struct EventLink {
    title: String,
    url: String,
    date_html: String,
}

#[derive(Serialize)]
struct EventPage {
    jsonld: String,
    event: EventCard,
    body_html: String,
    media: Option<MediaView>,
    citations: Vec<CitationView>,
    related: Vec<EventLink>,
    previous: Option<EventLink>,
    next: Option<EventLink>,
}

#[derive(Serialize)]
struct SourceView {
    id: String,
    url: String,
    title: String,
    author: Option<String>,
    publisher: Option<String>,
    published_html: Option<String>,
    image_credit: Option<String>,
    original_url: Option<String>,
    body_html: String,
    cited_by: usize,
}

#[derive(Serialize)]
struct TermView {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: &'a SiteView<'a>,
    nav: Vec<NavItem>,
    root: String,
    home_url: String,
    search_url: String,
    title: String,
    description: String,
    canonical: Option<String>,
    og_type: &'static str,
    #[serde(flatten)]
    data: T,
}

/// schema.org JSON-LD, safe inside a `<script>` element (`<` escaped, so
/// no text can close the element).
fn json_ld(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Escapes text for HTML and XML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// `<time>` elements for a date, with the words between them; instants are
/// shown in `zone` when the event has one.
pub fn date_html(date: &EventDate, zone: Option<chrono_tz::Tz>, config: &Config) -> String {
    date.display_parts_in(config.lang, zone)
        .into_iter()
        .map(|p| match p {
            DatePart::Text(t) => escape_html(&t),
            DatePart::Time {
                text,
                machine: Some(m),
            } => format!(
                "<time datetime=\"{}\">{}</time>",
                escape_html(&m),
                escape_html(&text)
            ),
            DatePart::Time {
                text,
                machine: None,
            } => format!("<span class=\"date-text\">{}</span>", escape_html(&text)),
        })
        .collect()
}

/// What every page of an event shares, computed once.
struct Prepared {
    date_html: String,
    date_text: String,
    summary_html: String,
    summary_text: String,
}

struct Renderer<'a> {
    config: &'a Config,
    timeline: &'a Timeline,
    templates: &'a Templates,
    site: SiteView<'a>,
    prepared: Vec<Prepared>,
    groups: ListGroups,
}

/// One page, or why it could not be rendered.
type Rendered = Result<OutputFile, Diagnostic>;

fn is_image(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

impl<'a> Renderer<'a> {
    fn nav(&self, from: &Page<'_>) -> Vec<NavItem> {
        let mut items = vec![
            NavItem {
                title: "Timeline".into(),
                url: from.link_to(&Page::Home),
                current: *from == Page::Home,
            },
            NavItem {
                title: "Sources".into(),
                url: from.link_to(&Page::Sources),
                current: *from == Page::Sources,
            },
        ];
        for t in &self.timeline.taxonomies {
            if t.terms.is_empty() {
                continue;
            }
            items.push(NavItem {
                title: t.title.clone(),
                url: from.link_to(&Page::Taxonomy(t.name)),
                current: *from == Page::Taxonomy(t.name),
            });
        }
        items
    }

    fn card(&self, i: usize, from: &Page<'_>) -> EventCard {
        let tl = self.timeline;
        let e = &tl.events[i];
        let p = &self.prepared[i];
        let mut terms = Vec::new();
        for t in &tl.taxonomies {
            let k = crate::config::TAXONOMY_NAMES
                .iter()
                .position(|n| *n == t.name)
                .unwrap_or(0);
            for name in &e.terms[k] {
                let slug = slug::slugify(name);
                if let Some(term) = t.terms.iter().find(|x| x.slug == slug) {
                    terms.push(TermLink {
                        taxonomy: t.name,
                        slug: term.slug.clone(),
                        name: term.name.clone(),
                        url: from.link_to(&Page::Term(t.name, &term.slug)),
                    });
                }
            }
        }
        let mut sources: Vec<SourceLink> = Vec::new();
        for c in &tl.citations[i] {
            let s = &tl.sources[c.source];
            let url = from.link_to(&Page::Source(&s.id));
            if !sources.iter().any(|x| x.url == url) {
                sources.push(SourceLink {
                    title: s.title.clone(),
                    url,
                });
            }
        }
        EventCard {
            id: e.id.clone(),
            url: from.link_to(&Page::Event(&e.id)),
            title: e.title.clone(),
            date_html: p.date_html.clone(),
            date_text: p.date_text.clone(),
            summary_html: p.summary_html.clone(),
            importance: e.importance,
            ongoing: e.date.is_ongoing(),
            filter_terms: terms
                .iter()
                .map(|t| format!("{}/{}", t.taxonomy, t.slug))
                .collect::<Vec<_>>()
                .join(" "),
            terms,
            sources,
        }
    }

    fn event_link(&self, i: usize, from: &Page<'_>) -> EventLink {
        let e = &self.timeline.events[i];
        EventLink {
            title: e.title.clone(),
            url: from.link_to(&Page::Event(&e.id)),
            date_html: self.prepared[i].date_html.clone(),
        }
    }

    /// Cuts a list of events into pages of at most [`LIST_PAGE_SIZE`],
    /// in display order, keeping a month on one page where it fits. There
    /// is always at least one page.
    fn paginate(&self, events: &[usize]) -> Vec<ListChunk> {
        let mut ordered = events.to_vec();
        ordered.sort_by_key(|&i| self.groups.display_pos[i]);
        let mut runs: Vec<(usize, Vec<usize>)> = Vec::new();
        for i in ordered {
            let g = self.groups.group_of[i];
            match runs.last_mut() {
                Some((last, run)) if *last == g => run.push(i),
                _ => runs.push((g, vec![i])),
            }
        }
        let mut pages = Vec::new();
        let mut page: ListChunk = Vec::new();
        let mut count = 0;
        for (g, run) in runs {
            if count > 0 && count + run.len() > LIST_PAGE_SIZE {
                pages.push(std::mem::take(&mut page));
                count = 0;
            }
            for piece in run.chunks(LIST_PAGE_SIZE) {
                if count > 0 && count + piece.len() > LIST_PAGE_SIZE {
                    pages.push(std::mem::take(&mut page));
                    count = 0;
                }
                page.push((g, piece.to_vec()));
                count += piece.len();
            }
        }
        if !page.is_empty() || pages.is_empty() {
            pages.push(page);
        }
        pages
    }

    /// The year and month headings of one page of a list, with its cards.
    fn years(&self, from: &Page<'_>, chunk: &ListChunk) -> Vec<YearView> {
        let lang = self.config.lang;
        let mut out: Vec<YearView> = Vec::new();
        for (g, events) in chunk {
            let (year, month) = self.groups.keys[*g];
            let (label, anchor) = match month {
                Some(mm) => (
                    crate::date::month_year_label(year, mm, lang),
                    format!("m-{year}-{mm:02}"),
                ),
                None => (
                    crate::date::across_year_label(year, lang),
                    format!("m-{year}"),
                ),
            };
            let month = MonthView {
                label,
                anchor,
                events: events.iter().map(|&i| self.card(i, from)).collect(),
            };
            match out.last_mut() {
                Some(y) if y.year == year => y.months.push(month),
                _ => out.push(YearView {
                    year,
                    label: crate::date::year_label(year, lang),
                    anchor: format!("y-{year}"),
                    months: vec![month],
                }),
            }
        }
        out
    }

    /// What a page of a list covers, for the pager: "January – March
    /// 2025", "1204 BC – 1003 BC".
    fn chunk_label(&self, chunk: &ListChunk) -> String {
        let lang = self.config.lang;
        let label = |g: usize| {
            let (year, month) = self.groups.keys[g];
            match month {
                Some(m) => crate::date::month_year_label(year, m, lang),
                None => crate::date::year_label(year, lang),
            }
        };
        let (Some((first, _)), Some((last, _))) = (chunk.first(), chunk.last()) else {
            return String::new();
        };
        let (fy, ly) = (self.groups.keys[*first].0, self.groups.keys[*last].0);
        if first == last {
            label(*first)
        } else if fy == ly {
            format!("{} – {}", label(*first), label(*last))
        } else {
            format!(
                "{} – {}",
                crate::date::year_label(fy, lang),
                crate::date::year_label(ly, lang)
            )
        }
    }

    /// Links to the other pages of a list: first, last, and the pages
    /// near the current one. `None` for a list of one page.
    fn pager(&self, first: &Page<'_>, labels: &[String], n: usize) -> Option<PagerView> {
        if labels.len() < 2 {
            return None;
        }
        let from = first.list_page(n);
        let link = |k: usize| PagerLink {
            n: k,
            url: from.link_to(&first.list_page(k)),
            label: labels[k - 1].clone(),
            current: k == n,
            gap_before: false,
        };
        let mut pages: Vec<PagerLink> = Vec::new();
        let total = labels.len();
        for k in 1..=total {
            if k == 1 || k == total || k.abs_diff(n) <= 2 {
                let mut l = link(k);
                l.gap_before = pages.last().is_some_and(|p| p.n + 1 != k);
                pages.push(l);
            }
        }
        Some(PagerView {
            current: n,
            total,
            range: labels[n - 1].clone(),
            prev: (n > 1).then(|| link(n - 1)),
            next: (n < total).then(|| link(n + 1)),
            pages,
        })
    }

    /// The axis of a list, laid out once for all its pages. `page_of`
    /// gives the page (1-based) on which each event is listed.
    fn axis(
        &self,
        first: &Page<'_>,
        events: &[usize],
        page_of: &dyn Fn(usize) -> usize,
    ) -> Option<Axis<'_>> {
        let tz = self.config.timezone;
        let marks: Vec<AxisMark<'_>> = events
            .iter()
            .map(|&i| {
                let e = &self.timeline.events[i];
                let (start, end) = e.date.span(e.zone.unwrap_or(tz));
                AxisMark {
                    start,
                    end,
                    importance: e.importance,
                    label: &e.title,
                    date: &self.prepared[i].date_text,
                    href: Page::Event(&e.id).file(),
                    list_href: format!("{}#e-{}", first.list_page(page_of(i)).file(), e.id),
                }
            })
            .collect();
        let eras: Vec<AxisEra<'_>> = self
            .config
            .eras
            .iter()
            .map(|e| {
                let (start, end) = e.span(tz);
                AxisEra {
                    start,
                    end,
                    title: &e.title,
                }
            })
            .collect();
        Axis::new(marks, &eras)
    }

    /// Every page of a list (the home page's or a term's): the axis over
    /// all of its events, then its events page by page. `make` renders
    /// one page from the shared parts.
    fn list_pages(
        &self,
        first: Page<'_>,
        events: &[usize],
        axis_title: &str,
        make: &(dyn Fn(Page<'_>, ListView) -> Rendered + Sync),
    ) -> Vec<Rendered> {
        let chunks = self.paginate(events);
        let mut page_of: HashMap<usize, usize> = HashMap::with_capacity(events.len());
        for (k, chunk) in chunks.iter().enumerate() {
            for (_, run) in chunk {
                for &i in run {
                    page_of.insert(i, k + 1);
                }
            }
        }
        let axis = self.axis(&first, events, &|i| page_of.get(&i).copied().unwrap_or(1));
        let labels: Vec<String> = chunks.iter().map(|c| self.chunk_label(c)).collect();
        chunks
            .par_iter()
            .enumerate()
            .map(|(k, chunk)| {
                let page = first.list_page(k + 1);
                let view = ListView {
                    axis: axis
                        .as_ref()
                        .map(|a| a.svg(&page.root(), self.config.lang, axis_title))
                        .unwrap_or_default(),
                    clustered: axis.as_ref().is_some_and(Axis::is_clustered),
                    years: self.years(&page, chunk),
                    event_count: events.len(),
                    page_count: chunk.iter().map(|(_, run)| run.len()).sum(),
                    pager: self.pager(&first, &labels, k + 1),
                };
                make(page, view)
            })
            .collect()
    }

    fn render<T: Serialize>(
        &self,
        template: &str,
        page: Page<'_>,
        title: String,
        description: String,
        data: T,
    ) -> Rendered {
        let ctx = PageContext {
            site: &self.site,
            nav: self.nav(&page),
            root: page.root(),
            home_url: page.link_to(&Page::Home),
            search_url: page.link_to(&Page::Search),
            title,
            description,
            canonical: self
                .config
                .base_url
                .as_ref()
                .map(|b| format!("{b}{}", page.dir())),
            og_type: if matches!(page, Page::Event(_) | Page::Source(_)) {
                "article"
            } else {
                "website"
            },
            data,
        };
        self.render_one(template, page.file(), &ctx)
    }

    fn render_one<T: Serialize>(
        &self,
        template: &str,
        path: String,
        ctx: &T,
    ) -> Result<OutputFile, Diagnostic> {
        Context::from_serialize(ctx)
            .and_then(|c| self.templates.tera.render(template, &c))
            .map(|html| OutputFile {
                path: path.clone(),
                bytes: html.into_bytes(),
            })
            .map_err(|e| tera_diagnostic(&e, &self.templates.sources, Some(&path)))
    }

    fn home(&self) -> Vec<Rendered> {
        let all: Vec<usize> = (0..self.timeline.events.len()).collect();
        let axis_title = format!("Timeline of {}", self.config.title);
        self.list_pages(Page::Home, &all, &axis_title, &|page, list| {
            let mut title = self.config.title.clone();
            if let Some(p) = &list.pager
                && p.current > 1
            {
                title = format!("{title} — {} (page {} of {})", p.range, p.current, p.total);
            }
            #[derive(Serialize)]
            struct Home {
                #[serde(flatten)]
                list: ListView,
            }
            let description = self.config.description.clone();
            self.render("index.html", page, title, description, Home { list })
        })
    }

    fn events(&self) -> Vec<Rendered> {
        let tl = self.timeline;
        tl.events
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                let page = Page::Event(&e.id);
                let citations = tl.citations[i]
                    .iter()
                    .map(|c| {
                        let s = &tl.sources[c.source];
                        let source_url = page.link_to(&Page::Source(&s.id));
                        let paragraph_url = match &c.anchor {
                            Some(a) => format!("{source_url}#{a}"),
                            None => source_url.clone(),
                        };
                        CitationView {
                            quote: c.quote.clone(),
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
                    .collect();
                let media = e.media.as_ref().map(|m| MediaView {
                    is_image: is_image(&m.url),
                    url: m.url.clone(),
                    alt: m
                        .alt
                        .clone()
                        .or_else(|| {
                            m.caption
                                .as_deref()
                                .map(markdown::plain_text)
                                .filter(|alt| !alt.is_empty())
                        })
                        .unwrap_or_else(|| e.title.clone()),
                    caption_html: m
                        .caption
                        .as_deref()
                        .map(|c| markdown::render_inline(c, self.config.raw_html)),
                    credit: m.credit.clone(),
                    credit_html: m
                        .credit
                        .as_deref()
                        .map(|c| markdown::render_inline(c, self.config.raw_html)),
                });
                let data = EventPage {
                    jsonld: json_ld(&self.event_ld(i)),
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
                };
                let title = format!("{} — {}", e.title, self.config.title);
                let description = self.prepared[i].summary_text.clone();
                self.render("event.html", page, title, description, data)
            })
            .collect()
    }

    /// schema.org NewsArticle of a source.
    fn article_ld(&self, si: usize) -> serde_json::Value {
        let s = &self.timeline.sources[si];
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
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
    /// about it.
    fn event_ld(&self, i: usize) -> serde_json::Value {
        let e = &self.timeline.events[i];
        let mut v = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": e.title,
            "description": self.prepared[i].summary_text,
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
            v["url"] = serde_json::json!(format!("{base}{}", Page::Event(&e.id).dir()));
        }
        let mut cited: Vec<usize> = self.timeline.citations[i]
            .iter()
            .map(|c| c.source)
            .collect();
        cited.dedup();
        if !cited.is_empty() {
            // The articles are about the event: schema.org's `subjectOf`
            // (`citation` belongs to creative works, not events).
            v["subjectOf"] =
                serde_json::Value::Array(cited.into_iter().map(|si| self.article_ld(si)).collect());
        }
        v
    }

    fn source_view(&self, si: usize, from: &Page<'_>) -> SourceView {
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

    fn sources(&self) -> Vec<Rendered> {
        let tl = self.timeline;
        let mut out: Vec<Rendered> = tl
            .sources
            .par_iter()
            .enumerate()
            .map(|(si, s)| {
                let page = Page::Source(&s.id);
                #[derive(Serialize)]
                struct SourcePage {
                    jsonld: String,
                    source: SourceView,
                    events: Vec<EventCard>,
                }
                let data = SourcePage {
                    jsonld: json_ld(&self.article_ld(si)),
                    source: self.source_view(si, &page),
                    events: tl.cited_by[si]
                        .iter()
                        .map(|&i| self.card(i, &page))
                        .collect(),
                };
                let title = format!("{} — {}", s.title, self.config.title);
                let description = format!("Source: {}", s.title);
                self.render("source.html", page, title, description, data)
            })
            .collect();
        #[derive(Serialize)]
        struct SourcesPage {
            sources: Vec<SourceView>,
        }
        let page = Page::Sources;
        let data = SourcesPage {
            sources: (0..tl.sources.len())
                .map(|si| self.source_view(si, &page))
                .collect(),
        };
        let title = format!("Sources — {}", self.config.title);
        let description = format!("The sources cited by {}", self.config.title);
        out.push(self.render("sources.html", page, title, description, data));
        out
    }

    fn taxonomies(&self) -> Vec<Rendered> {
        let tl = self.timeline;
        let mut out = Vec::new();
        for t in &tl.taxonomies {
            if t.terms.is_empty() {
                continue;
            }
            let page = Page::Taxonomy(t.name);
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
            let terms: Vec<Rendered> = t
                .terms
                .par_iter()
                .flat_map_iter(|term| {
                    let first = Page::Term(t.name, &term.slug);
                    let axis_title = format!("Timeline of {}", term.name);
                    self.list_pages(first, &term.events, &axis_title, &|page, list| {
                        #[derive(Serialize)]
                        struct TermPage<'b> {
                            taxonomy: &'b str,
                            taxonomy_title: &'b str,
                            taxonomy_url: String,
                            /// The term's feed and calendar, from this page.
                            term_url: String,
                            term: &'b str,
                            #[serde(flatten)]
                            list: ListView,
                        }
                        let mut title =
                            format!("{}: {} — {}", t.title, term.name, self.config.title);
                        if let Some(p) = &list.pager
                            && p.current > 1
                        {
                            title = format!(
                                "{}: {} — {} (page {} of {})",
                                t.title, term.name, p.range, p.current, p.total
                            );
                        }
                        let data = TermPage {
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
        }
        out
    }

    /// The search page; `manifest` is the index's manifest, relative to it.
    fn search(&self, manifest: &str) -> Rendered {
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
        let title = format!("Search — {}", self.config.title);
        let description = format!("Search the events and sources of {}", self.config.title);
        self.render("search.html", page, title, description, data)
    }

    fn not_found(&self) -> Rendered {
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
            nav: vec![NavItem {
                title: "Timeline".into(),
                url: home.clone(),
                current: false,
            }],
            root: &home,
            home_url: &home,
            search_url: format!("{home}{}", Page::Search.file()),
            title: format!("Page not found — {}", self.config.title),
            description: "",
            canonical: None,
            og_type: "website",
        };
        self.render_one("404.html", "404.html".into(), &ctx)
    }
}

/// Feeds, calendars and data exports, for the site and for each term.
fn data_files(config: &Config, tl: &Timeline, pages: &[OutputFile]) -> Vec<OutputFile> {
    use crate::{export, feeds};
    let file = |path: String, text: String| OutputFile {
        path,
        bytes: text.into_bytes(),
    };
    let all: Vec<usize> = (0..tl.events.len()).collect();
    // Each file is one job; they run in parallel and keep this order.
    type Job<'j> = Box<dyn Fn() -> OutputFile + Send + Sync + 'j>;
    let mut jobs: Vec<Job<'_>> = vec![
        Box::new(|| {
            file(
                "feed.xml".into(),
                feeds::atom_feed(config, tl, &all, "", &config.title),
            )
        }),
        Box::new(|| {
            file(
                "calendar.ics".into(),
                feeds::icalendar(config, tl, &all, &config.title).0,
            )
        }),
        Box::new(|| file("timeline.json".into(), export::timelinejs(config, tl))),
        Box::new(|| file("events.json".into(), export::events_json(config, tl))),
    ];
    for t in &tl.taxonomies {
        for term in &t.terms {
            let dir = Page::Term(t.name, &term.slug).dir();
            let name = format!("{}: {} — {}", t.title, term.name, config.title);
            let (feed_dir, feed_name) = (dir.clone(), name.clone());
            jobs.push(Box::new(move || {
                file(
                    format!("{feed_dir}feed.xml"),
                    feeds::atom_feed(config, tl, &term.events, &feed_dir, &feed_name),
                )
            }));
            jobs.push(Box::new(move || {
                file(
                    format!("{dir}calendar.ics"),
                    feeds::icalendar(config, tl, &term.events, &name).0,
                )
            }));
        }
    }
    let mut out: Vec<OutputFile> = jobs.par_iter().map(|job| job()).collect();
    // Search results are not pages for search engines.
    let dirs: Vec<String> = pages
        .iter()
        .filter_map(|f| f.path.strip_suffix("index.html").map(str::to_string))
        .filter(|dir| *dir != Page::Search.dir())
        .collect();
    if let Some(map) = export::sitemap(config, tl, &dirs) {
        out.push(file("sitemap.xml".into(), map));
    }
    out
}

/// Renders every page of the site and the static files. Template problems
/// are returned as located diagnostics, all of them.
pub fn render_site(
    config: &Config,
    timeline: &Timeline,
    templates: &Templates,
    site_static: &[(PathBuf, Vec<u8>)],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let prepared = timeline
        .events
        .par_iter()
        .map(|e| Prepared {
            date_html: date_html(&e.date, e.zone, config),
            date_text: e.date.display_in(config.lang, e.zone),
            summary_html: markdown::render_inline(&e.summary, config.raw_html),
            summary_text: markdown::plain_text(&e.summary),
        })
        .collect();
    let r = Renderer {
        config,
        timeline,
        templates,
        site: SiteView {
            title: &config.title,
            description: &config.description,
            language: config.lang.code,
            base_url: config.base_url.as_deref(),
        },
        prepared,
        groups: ListGroups::new(timeline),
    };
    // The search index is built while the pages render; pages render in
    // parallel, and collecting keeps their order.
    let (search, mut pages) = rayon::join(
        || crate::search::build(config, timeline),
        || {
            let mut pages = r.home();
            pages.extend(r.events());
            pages.extend(r.sources());
            pages.extend(r.taxonomies());
            pages.push(r.not_found());
            pages
        },
    );
    pages.push(r.search(&search.manifest));
    let mut out = Vec::with_capacity(pages.len());
    let mut diags = Diagnostics::default();
    for page in pages {
        match page {
            Ok(f) => out.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    out.extend(data_files(config, timeline, &out));
    out.extend(search.files);
    let mut files: BTreeMap<String, Vec<u8>> = BUILTIN_STATIC
        .iter()
        .map(|(p, b)| ((*p).to_string(), b.to_vec()))
        .collect();
    for (path, bytes) in site_static {
        files.insert(path.to_string_lossy().replace('\\', "/"), bytes.clone());
    }
    let page_paths: std::collections::HashSet<String> =
        out.iter().map(|f| f.path.clone()).collect();
    for (path, bytes) in files {
        if page_paths.contains(&path) {
            continue; // a page wins over a static file of the same path
        }
        out.push(OutputFile { path, bytes });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
