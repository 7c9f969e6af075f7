//! Rendering: the timeline into pages through Tera templates. Templates see
//! only the view types of this module (plain, serialisable, links already
//! relative to the page), never the internal model. Built-in templates are
//! compiled in; a site's own `templates/NAME` overrides the built-in of the
//! same name.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
// Maps keyed by output paths and fingerprints, thousands per rebuild: a
// fast hash, with nothing to defend against.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::date::{DatePart, EventDate};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::markdown;
use crate::timeline::Timeline;
use crate::url::Page;

mod changes;
mod lists;
mod pages;
mod views;

pub use lists::LIST_PAGE_SIZE;
use lists::{ListGroups, ListPlan};
use views::*;

/// The built-in templates: name and text.
pub const BUILTIN_TEMPLATES: [(&str, &str); 14] = [
    ("base.html", include_str!("../../templates/base.html")),
    (
        "partials/axis.html",
        include_str!("../../templates/partials/axis.html"),
    ),
    (
        "partials/pager.html",
        include_str!("../../templates/partials/pager.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("event.html", include_str!("../../templates/event.html")),
    ("source.html", include_str!("../../templates/source.html")),
    ("sources.html", include_str!("../../templates/sources.html")),
    (
        "taxonomy.html",
        include_str!("../../templates/taxonomy.html"),
    ),
    ("term.html", include_str!("../../templates/term.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "partials/years.html",
        include_str!("../../templates/partials/years.html"),
    ),
    (
        "partials/event_card.html",
        include_str!("../../templates/partials/event_card.html"),
    ),
    (
        "partials/nav.html",
        include_str!("../../templates/partials/nav.html"),
    ),
];

/// The built-in static files: path in the output and bytes.
pub const BUILTIN_STATIC: [(&str, &[u8]); 4] = [
    ("style.css", include_bytes!("../../static/style.css")),
    ("annals.js", include_bytes!("../../static/annals.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
    ("search.js", include_bytes!("../../static/search.js")),
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

/// What every page and file that shows an event shares, computed once
/// per build (and kept by `serve` for events that did not change).
pub struct Prepared {
    /// The event page's output path.
    page: Arc<str>,
    date_html: String,
    /// The date as text, in the site's language and the event's zone.
    pub date_text: String,
    /// The summary as inline HTML.
    pub summary_html: String,
    /// The summary as plain text.
    pub summary_text: String,
}

/// One page, or why it could not be rendered.
type Rendered = Result<OutputFile, Diagnostic>;

/// Renders the pages of one site: the shared parts of every page, and
/// (in the submodules) each kind of page.
struct Renderer<'a> {
    config: &'a Config,
    timeline: &'a Timeline,
    templates: &'a Templates,
    site: SiteView<'a>,
    /// Each event's shared parts, by timeline index.
    prepared: &'a [Arc<Prepared>],
    groups: ListGroups,
    /// The output paths to render; `None` renders every page.
    want: Option<&'a HashSet<Arc<str>>>,
    /// What each event's card shows, by timeline index (see [`changes`]).
    card_prints: Vec<u64>,
    /// List cards rendered by earlier builds (`annals serve`), by
    /// [`Renderer::card_key`].
    old_cards: &'a HashMap<u64, Arc<str>>,
    /// List cards rendered, or reused, by this one.
    cards: std::sync::Mutex<HashMap<u64, Arc<str>>>,
    /// Where each page goes as soon as it is rendered; `None` keeps the
    /// pages in [`PageChanges::written`].
    sink: Option<FileSink<'a>>,
}

/// Takes each file, page or data file (output path, bytes), as soon as it
/// is made, from any thread: `annals build` writes it out, so that a large
/// site is never held in memory whole.
pub type FileSink<'s> = &'s (dyn Fn(&str, &[u8]) + Sync);

/// The path of the page served for any missing address.
const NOT_FOUND: &str = "404.html";

impl<'a> Renderer<'a> {
    /// Whether the page at this output path is to be rendered.
    fn wants_path(&self, path: &str) -> bool {
        self.want.is_none_or(|w| w.contains(path))
    }

    fn wants(&self, page: &Page<'_>) -> bool {
        self.wants_path(&page.file())
    }

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
        let terms: Vec<TermLink> = tl.event_terms[i]
            .iter()
            .map(|&(ti, n)| {
                let (t, term) = (&tl.taxonomies[ti], &tl.taxonomies[ti].terms[n]);
                TermLink {
                    taxonomy: t.name,
                    slug: term.slug.clone(),
                    name: term.name.clone(),
                    url: from.link_to(&Page::Term(t.name, &term.slug)),
                }
            })
            .collect();
        let mut sources: Vec<SourceLink> = Vec::new();
        for c in tl.citations[i].iter() {
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

    /// A list card's key: what it shows (its fingerprint, see
    /// [`changes`]) at its depth in the site (its links are relative).
    /// `None` for an event not read from a file, or before the
    /// fingerprints are made.
    fn card_key(&self, i: usize, from: &Page<'_>) -> Option<u64> {
        use std::hash::{Hash, Hasher};
        let shows = *self.card_prints.get(i)?;
        if self.timeline.events[i].fingerprint == 0 {
            return None;
        }
        let mut h = rustc_hash::FxHasher::default();
        (shows, from.depth()).hash(&mut h);
        Some(h.finish())
    }

    /// The card of event `i` in a list on page `from`: rendered once for
    /// all the pages at its depth. A card whose template fails is left to
    /// the page, whose error then says where.
    fn list_card(&self, i: usize, from: &Page<'_>) -> CardView {
        let Some(key) = self.card_key(i, from) else {
            return CardView::Parts(Box::new(self.card(i, from)));
        };
        let lock = || self.cards.lock().unwrap_or_else(|e| e.into_inner());
        let found = lock().get(&key).cloned();
        if let Some(html) = found {
            return CardView::Rendered { html };
        }
        if let Some(html) = self.old_cards.get(&key) {
            lock().insert(key, Arc::clone(html));
            return CardView::Rendered {
                html: Arc::clone(html),
            };
        }
        #[derive(Serialize)]
        struct One<'c> {
            e: &'c EventCard,
            hx: &'static str,
        }
        let card = self.card(i, from);
        let rendered = Context::from_serialize(&One { e: &card, hx: "h4" })
            .and_then(|c| self.templates.tera.render("partials/event_card.html", &c));
        match rendered {
            Ok(html) => {
                let html: Arc<str> = html.into();
                lock().insert(key, Arc::clone(&html));
                CardView::Rendered { html }
            }
            Err(_) => CardView::Parts(Box::new(card)),
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
        let html = Context::from_serialize(ctx)
            .and_then(|c| self.templates.tera.render(template, &c))
            .map_err(|e| tera_diagnostic(&e, &self.templates.sources, Some(&path)))?;
        Ok(handed(
            OutputFile {
                path,
                bytes: html.into_bytes(),
            },
            self.sink,
        ))
    }
}

/// Feeds, calendars and data exports, for the site and for each term.
/// With a `sink`, each is handed to it when made (see [`handed`]).
fn data_files(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<Prepared>],
    pages: &[&str],
    sink: Option<FileSink<'_>>,
) -> Vec<OutputFile> {
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
                feeds::atom_feed(config, tl, texts, &all, "", &config.title),
            )
        }),
        Box::new(|| {
            file(
                "calendar.ics".into(),
                feeds::icalendar(config, tl, texts, &all, &config.title).0,
            )
        }),
        Box::new(|| {
            file(
                "timeline.json".into(),
                export::timelinejs(config, tl, texts),
            )
        }),
        Box::new(|| file("events.json".into(), export::events_json(config, tl, texts))),
    ];
    for t in &tl.taxonomies {
        for term in &t.terms {
            let dir = Page::Term(t.name, &term.slug).dir();
            let name = format!("{}: {} — {}", t.title, term.name, config.title);
            let (feed_dir, feed_name) = (dir.clone(), name.clone());
            jobs.push(Box::new(move || {
                file(
                    format!("{feed_dir}feed.xml"),
                    feeds::atom_feed(config, tl, texts, &term.events, &feed_dir, &feed_name),
                )
            }));
            jobs.push(Box::new(move || {
                file(
                    format!("{dir}calendar.ics"),
                    feeds::icalendar(config, tl, texts, &term.events, &name).0,
                )
            }));
        }
    }
    let mut out: Vec<OutputFile> = jobs.par_iter().map(|job| handed(job(), sink)).collect();
    // Search results are not pages for search engines.
    let dirs: Vec<String> = pages
        .iter()
        .filter_map(|path| path.strip_suffix("index.html").map(str::to_string))
        .filter(|dir| *dir != Page::Search.dir())
        .collect();
    if let Some(map) = export::sitemap(config, tl, &dirs) {
        out.push(handed(file("sitemap.xml".into(), map), sink));
    }
    out
}

/// A file as kept after `sink`, if any, took its bytes: its path only.
fn handed(file: OutputFile, sink: Option<FileSink<'_>>) -> OutputFile {
    match sink {
        Some(sink) => {
            sink(&file.path, &file.bytes);
            OutputFile {
                path: file.path,
                bytes: Vec::new(),
            }
        }
        None => file,
    }
}

/// What one render can hand to the next (`annals serve`): each event's
/// prepared parts by fingerprint, and a fingerprint of what every page
/// showed. Valid while the configuration and templates stay the same.
#[derive(Default)]
pub struct RenderState {
    prepared: HashMap<u64, Arc<Prepared>>,
    pages: HashMap<Arc<str>, u64>,
    /// For each list (by its first page): what it was made from, and its
    /// pages' fingerprints.
    lists: HashMap<String, (u64, PageFingerprints)>,
    /// List cards by [`Renderer::card_key`], kept only when asked for
    /// (`annals serve`).
    cards: HashMap<u64, Arc<str>>,
    keep_cards: bool,
}

impl RenderState {
    /// Keeps the rendered list cards from one render to the next, for a
    /// site that is rendered again after edits.
    pub fn keep_cards(&mut self) {
        self.keep_cards = true;
    }
}

/// Pages' output paths with their fingerprints.
type PageFingerprints = Vec<(Arc<str>, u64)>;

/// The pages a render wrote and the ones that no longer exist.
#[derive(Debug, Default)]
pub struct PageChanges {
    /// Pages rendered, sorted by path; with a [`FileSink`], their paths
    /// only (the sink had their bytes).
    pub written: Vec<OutputFile>,
    /// Paths of pages the site no longer has.
    pub removed: Vec<String>,
}

fn prepare(config: &Config, e: &crate::event::Event) -> Prepared {
    Prepared {
        page: Page::Event(&e.id).file().into(),
        date_html: date_html(&e.date, e.zone, config),
        date_text: e.date.display_in(config.lang, e.zone),
        summary_html: markdown::render_inline(&e.summary, config.raw_html),
        summary_text: markdown::plain_text(&e.summary),
    }
}

/// Every event's [`Prepared`], in timeline order: from `kept` where the
/// event is unchanged.
fn prepare_all(
    config: &Config,
    timeline: &Timeline,
    kept: &HashMap<u64, Arc<Prepared>>,
) -> Vec<Arc<Prepared>> {
    timeline
        .events
        .par_iter()
        .map(|e| match kept.get(&e.fingerprint) {
            Some(p) if e.fingerprint != 0 => Arc::clone(p),
            _ => Arc::new(prepare(config, e)),
        })
        .collect()
}

/// Renders the pages (not the data files, search or static files) whose
/// inputs differ from what `state` last saw: every page when `state` is
/// new. Template problems are returned as located diagnostics, all of them.
/// With a `sink`, each page is handed to it when rendered, also when
/// another page then fails.
pub fn render_pages(
    config: &Config,
    timeline: &Timeline,
    templates: &Templates,
    state: &mut RenderState,
    sink: Option<FileSink<'_>>,
) -> Result<PageChanges, Diagnostics> {
    let kept = std::mem::take(&mut state.prepared);
    let old_cards = std::mem::take(&mut state.cards);
    let prepared = prepare_all(config, timeline, &kept);
    state.prepared = timeline
        .events
        .iter()
        .zip(&prepared)
        .filter(|(e, _)| e.fingerprint != 0)
        .map(|(e, p)| (e.fingerprint, Arc::clone(p)))
        .collect();
    let mut r = Renderer {
        config,
        timeline,
        templates,
        site: SiteView {
            title: &config.title,
            description: &config.description,
            language: config.lang.code,
            base_url: config.base_url.as_deref(),
        },
        prepared: &prepared,
        groups: ListGroups::new(timeline),
        want: None,
        card_prints: Vec::new(),
        old_cards: &old_cards,
        cards: Default::default(),
        sink,
    };
    let fp = r.fingerprints();
    r.card_prints = fp.cards.clone();
    let mut fingerprints: HashMap<Arc<str>, u64> = r.single_pages(&fp).into_iter().collect();
    // Lists made from the same cards as last time have the same pages: they
    // are not laid out again.
    let inputs = r.list_inputs(&fp);
    let mut lists = HashMap::with_capacity_and_hasher(inputs.len(), Default::default());
    let mut changed = Vec::new();
    for input in inputs {
        let first = input.first.file();
        match state.lists.remove(&first) {
            Some((key, pages)) if key == input.key => {
                fingerprints.extend(pages.iter().cloned());
                lists.insert(first, (key, pages));
            }
            _ => changed.push(input),
        }
    }
    let plans: Vec<ListPlan<'_>> = changed
        .into_par_iter()
        .map(|input| r.plan_list(input))
        .collect();
    let planned: Vec<(String, u64, PageFingerprints)> = plans
        .par_iter()
        .map(|plan| {
            (
                plan.first.file(),
                plan.key,
                r.list_pages_fingerprints(plan, &fp),
            )
        })
        .collect();
    for (first, key, pages) in planned {
        fingerprints.extend(pages.iter().cloned());
        lists.insert(first, (key, pages));
    }
    let want: HashSet<Arc<str>> = fingerprints
        .iter()
        .filter(|(path, fp)| state.pages.get(*path) != Some(fp))
        .map(|(path, _)| path.clone())
        .collect();
    let mut removed: Vec<String> = state
        .pages
        .keys()
        .filter(|path| !fingerprints.contains_key(*path))
        .map(|path| path.to_string())
        .collect();
    removed.sort();
    r.want = Some(&want);
    // Pages render in parallel; collecting keeps their order.
    let mut pages = r.home(&plans);
    pages.extend(r.events());
    pages.extend(r.sources());
    pages.extend(r.taxonomies(&plans));
    pages.extend(r.not_found());
    let mut written = Vec::with_capacity(pages.len());
    let mut diags = Diagnostics::default();
    for page in pages {
        match page {
            Ok(f) => written.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        // Nothing was shown: the next render must try every page again.
        state.pages.clear();
        state.lists.clear();
        return Err(diags.sorted());
    }
    written.sort_by(|a, b| a.path.cmp(&b.path));
    state.pages = fingerprints;
    state.lists = lists;
    if state.keep_cards {
        // The cards of this render, and those of earlier ones while they
        // are not many more than the site has: an edit renders a few.
        let mut cards = r.cards.into_inner().unwrap_or_else(|e| e.into_inner());
        if old_cards.len() < 4 * timeline.events.len() {
            for (key, html) in old_cards {
                cards.entry(key).or_insert(html);
            }
        }
        state.cards = cards;
    }
    Ok(PageChanges { written, removed })
}

/// The files of a site beside its pages: the search page and index, the
/// feeds, calendars and data exports, the sitemap (which lists
/// `page_paths`), and the built-in and the site's static files. With a
/// `sink`, each is handed to it when made and only its path is returned.
pub fn render_data(
    config: &Config,
    timeline: &Timeline,
    templates: &Templates,
    site_static: &[(PathBuf, Vec<u8>)],
    page_paths: &[&str],
    state: &RenderState,
    sink: Option<FileSink<'_>>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let prepared = prepare_all(config, timeline, &state.prepared);
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
        prepared: &prepared,
        groups: ListGroups::new(timeline),
        want: None,
        card_prints: Vec::new(),
        old_cards: &HashMap::default(),
        cards: Default::default(),
        sink,
    };
    let (search, data) = rayon::join(
        || crate::search::build(config, timeline, &prepared),
        || data_files(config, timeline, &prepared, page_paths, sink),
    );
    let mut out = vec![
        r.search(&search.manifest)
            .map_err(|d| Diagnostics::from(vec![d]))?,
    ];
    out.extend(data);
    out.par_extend(search.files.into_par_iter().map(|f| handed(f, sink)));
    let mut files: BTreeMap<String, Vec<u8>> = BUILTIN_STATIC
        .iter()
        .map(|(p, b)| ((*p).to_string(), b.to_vec()))
        .collect();
    for (path, bytes) in site_static {
        files.insert(path.to_string_lossy().replace('\\', "/"), bytes.clone());
    }
    let taken: HashSet<&str> = page_paths
        .iter()
        .copied()
        .chain(out.iter().map(|f| f.path.as_str()))
        .collect();
    let statics: Vec<OutputFile> = files
        .into_iter()
        // A page wins over a static file of the same path.
        .filter(|(path, _)| !taken.contains(path.as_str()))
        .map(|(path, bytes)| handed(OutputFile { path, bytes }, sink))
        .collect();
    out.extend(statics);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Renders every page of the site, its data files and its static files,
/// sorted by path. Template problems are returned as located diagnostics,
/// all of them.
pub fn render_site(
    config: &Config,
    timeline: &Timeline,
    templates: &Templates,
    site_static: &[(PathBuf, Vec<u8>)],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut state = RenderState::default();
    let pages = render_pages(config, timeline, templates, &mut state, None)?.written;
    let paths: Vec<&str> = pages.iter().map(|f| f.path.as_str()).collect();
    let data = render_data(
        config,
        timeline,
        templates,
        site_static,
        &paths,
        &state,
        None,
    )?;
    let mut out = pages;
    out.extend(data);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
