//! HTML pages through Tera templates: the timeline's list pages, each
//! event, source and term, the search page and the 404 page. Templates see
//! only the view types of [`views`] (plain, serialisable, links already
//! relative to the page), never the internal model. Each page is put into
//! the build's [`Target`] as soon as it is rendered; [`RenderState`] lets a
//! rebuild render only the pages whose inputs changed (see [`fingerprints`]).

use std::sync::Arc;

use rayon::prelude::*;
// Maps keyed by output paths and fingerprints, thousands per rebuild: a
// fast hash, with nothing to defend against.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use tera::Context;

use crate::content::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::{Arg, Messages};
use crate::outputs::{OutputFile, SiteParts, Target};
use crate::timeline::Timeline;
use crate::views::EventText;
use crate::views::url::Page;

pub(crate) mod axis;
mod embed;
mod fingerprints;
mod lists;
mod pages;
mod quotes;
mod story;
mod templates;
mod views;
mod words;

pub(crate) use embed::{PYM, oembed_files};
use lists::{ListGroups, ListPlan, PagerView};
pub(crate) use templates::Templates;
use templates::tera_diagnostic;
use views::*;

/// One page, or why it could not be rendered.
type Rendered = Result<String, Diagnostic>;

/// Renders the pages of one site: the shared parts of every page, and
/// (in the submodules) each kind of page.
struct Renderer<'a> {
    config: &'a Config,
    timeline: &'a Timeline,
    templates: &'a Templates,
    site: SiteView<'a>,
    /// Each event's shared parts, by timeline index.
    texts: &'a [Arc<EventText>],
    /// The interface words in the site's language.
    messages: &'a Messages,
    groups: ListGroups,
    /// The output paths to render; `None` renders every page.
    want: Option<&'a HashSet<Arc<str>>>,
    /// What each event's card shows, by timeline index (see [`fingerprints`]).
    card_prints: Vec<u64>,
    /// List cards rendered by earlier builds (`annals serve`), by
    /// [`Renderer::card_key`].
    old_cards: &'a HashMap<u64, Arc<str>>,
    /// List cards rendered, or reused, by this one, when they are kept for
    /// the next render (`serve`); `None` in a build, which would keep
    /// every card of every list (at 100,000 events half a million) to use
    /// none again.
    cards: Option<std::sync::Mutex<HashMap<u64, Arc<str>>>>,
    /// Where each page goes as soon as it is rendered.
    target: &'a dyn Target,
    /// Each event's importance, by timeline index, read once from the
    /// events when first asked for (see [`Renderer::importance_levels`]).
    levels: std::sync::OnceLock<Arc<[u8]>>,
}

/// The path of the page served for any missing address.
const NOT_FOUND: &str = "404.html";

impl<'a> Renderer<'a> {
    /// Each event's importance, by timeline index: the embeds and the
    /// story choose their events by it, for the site and every term, and
    /// reading it from 100,000 events scattered in memory once rather than
    /// for each list keeps an edit's fingerprints quick.
    fn importance_levels(&self) -> &[u8] {
        self.levels
            .get_or_init(|| self.timeline.events.iter().map(|e| e.importance).collect())
            .as_ref()
    }

    /// A list page's title: `title`, and after the first page where on
    /// the list it is.
    fn list_title(&self, title: String, pager: Option<&PagerView>) -> String {
        match pager {
            Some(p) if p.current > 1 => self.messages.with(
                "list-title-page",
                &[
                    ("title", Arg::Text(&title)),
                    ("range", Arg::Text(&p.range)),
                    ("current", Arg::Count(p.current)),
                    ("total", Arg::Count(p.total)),
                ],
            ),
            _ => title,
        }
    }

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
                title: self.messages.text("nav-timeline"),
                url: from.link_to(&Page::Home),
                current: *from == Page::Home,
            },
            NavItem {
                title: self.messages.text("nav-sources"),
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
        let p = &self.texts[i];
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
        EventCard {
            id: e.id.clone(),
            url: from.link_to(&Page::Event(&e.id)),
            title: e.title.clone(),
            date_html: p.date_html.clone(),
            date_text: p.date_text.clone(),
            summary_html: p.summary_html.clone(),
            importance: e.importance,
            ongoing: e.date.is_ongoing(),
            draft: e.draft,
            untranslated: e.untranslated,
            terms,
            thumb: e
                .media
                .as_ref()
                .filter(|m| crate::views::embed::is_image(&m.url))
                .map(|m| pages::media_url(&m.url, &from.root())),
            t0: e.span.0,
            t1: (e.span.1 != i64::MAX).then_some(e.span.1),
        }
    }

    /// A list card's key: what it shows (its fingerprint, see
    /// [`fingerprints`]) at its depth in the site (its links are relative).
    /// `None` for an event not read from a file, or before the
    /// fingerprints are made.
    fn card_key(&self, i: usize, from: &Page<'_>, hx: &str, lean: bool) -> Option<u64> {
        use std::hash::{Hash, Hasher};
        let shows = *self.card_prints.get(i)?;
        if self.timeline.events[i].fingerprint == 0 {
            return None;
        }
        let mut h = rustc_hash::FxHasher::default();
        (shows, from.depth(), hx, lean).hash(&mut h);
        Some(h.finish())
    }

    /// The card of event `i` in a list on page `from`: rendered once for
    /// all the pages at its depth. A card whose template fails is left to
    /// the page, whose error then says where. On a term's list a card is
    /// lean: date and title, not the summary (a term's list is an index of
    /// its events along its axis; the home list and the event's page have
    /// the summary).
    fn list_card(&self, i: usize, from: &Page<'_>, hx: &'static str) -> CardView {
        let lean = matches!(from, Page::Term(..) | Page::TermList(..));
        let card = || {
            let mut card = self.card(i, from);
            if lean {
                card.summary_html = String::new();
            }
            card
        };
        let Some(key) = self.card_key(i, from, hx, lean) else {
            return CardView::Parts(Box::new(card()));
        };
        let cards = || {
            self.cards
                .as_ref()
                .map(|cards| cards.lock().unwrap_or_else(|e| e.into_inner()))
        };
        let keep = |html: &Arc<str>| {
            if let Some(mut cards) = cards() {
                cards.insert(key, Arc::clone(html));
            }
        };
        if let Some(html) = cards().and_then(|cards| cards.get(&key).cloned()) {
            return CardView::Rendered { html };
        }
        if let Some(html) = self.old_cards.get(&key) {
            keep(html);
            return CardView::Rendered {
                html: Arc::clone(html),
            };
        }
        #[derive(Serialize)]
        struct CardContext<'c> {
            e: &'c EventCard,
            hx: &'static str,
        }
        let card = card();
        let rendered = Context::from_serialize(&CardContext { e: &card, hx })
            .and_then(|c| self.templates.tera.render("partials/event_card.html", &c));
        match rendered {
            Ok(html) => {
                let html: Arc<str> = html.into();
                keep(&html);
                CardView::Rendered { html }
            }
            Err(_) => CardView::Parts(Box::new(card)),
        }
    }

    /// Keeps the list cards it renders, when `state` keeps them.
    fn keep_cards(&mut self, state: &RenderState) {
        self.cards = state.keep_cards.then(Default::default);
    }

    /// The list cards it rendered or reused, when kept.
    fn kept_cards(&mut self) -> HashMap<u64, Arc<str>> {
        self.cards
            .take()
            .map(|cards| cards.into_inner().unwrap_or_else(|e| e.into_inner()))
            .unwrap_or_default()
    }

    fn event_link(&self, i: usize, from: &Page<'_>) -> EventLink {
        let e = &self.timeline.events[i];
        EventLink {
            title: e.title.clone(),
            url: from.link_to(&Page::Event(&e.id)),
            date_html: self.texts[i].date_html.clone(),
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
        let image = self.social_image(None);
        self.render_pictured(template, page, title, description, data, image)
    }

    /// [`Renderer::render`], with `image` for the page's social cards.
    fn render_pictured<T: Serialize>(
        &self,
        template: &str,
        page: Page<'_>,
        title: String,
        description: String,
        data: T,
        image: Option<String>,
    ) -> Rendered {
        let ctx = PageContext {
            site: &self.site,
            alternates: self.alternates(&page),
            nav: self.nav(&page),
            root: page.root(),
            home_url: page.link_to(&Page::Home),
            search_url: page.link_to(&Page::Search),
            title,
            description,
            canonical: self.config.base_url.as_ref().map(|b| page.absolute(b)),
            og_type: if matches!(page, Page::Event(_) | Page::Source(_)) {
                "article"
            } else {
                "website"
            },
            image,
            oembed: self.oembed_url(&page),
            data,
        };
        self.render_one(template, page.file(), &ctx)
    }

    /// The page in each of the site's languages, when it has more than one.
    fn alternates(&self, page: &Page<'_>) -> Vec<Alternate> {
        let languages = &self.config.languages;
        if languages.len() < 2 {
            return Vec::new();
        }
        let (root, dir) = (page.root(), page.dir());
        languages
            .iter()
            .map(|m| Alternate {
                code: m.code,
                label: m.text("language-name"),
                // To the page's file, as every link of the site, so that
                // it works from disk too.
                href: {
                    let href = format!("{root}{}{dir}index.html", self.config.tree_to(m));
                    // `./../` reads better as `../`.
                    match href.strip_prefix("./") {
                        Some(up) if up.starts_with("../") => up.to_string(),
                        _ => href,
                    }
                },
                current: m.code == self.config.messages.code,
            })
            .collect()
    }

    fn render_one<T: Serialize>(&self, template: &str, path: String, ctx: &T) -> Rendered {
        let html = Context::from_serialize(ctx)
            .and_then(|c| self.templates.tera.render(template, &c))
            .map_err(|e| tera_diagnostic(&e, &self.templates.sources, Some(&path)))?;
        self.target.put(OutputFile {
            path: path.clone(),
            bytes: html.into_bytes(),
        });
        Ok(path)
    }
}

/// What one render can hand to the next (`annals serve`): a fingerprint of
/// what every page showed, and the lists' plans. Valid while the
/// configuration and templates stay the same.
#[derive(Default)]
pub(crate) struct RenderState {
    pages: HashMap<Arc<str>, u64>,
    /// Each list, by its first page.
    lists: HashMap<String, KeptList>,
    /// The number of the timeline last rendered (0: none), and the
    /// fingerprints of its cards: a timeline patched from it
    /// (an edit of words, or a move: [`crate::timeline::Patch`]) is rendered
    /// by [`words`].
    number: u64,
    card_prints: Vec<u64>,
    /// Its events' importances (see [`Renderer::importance_levels`]),
    /// which an edit of words leaves as they are.
    levels: Option<Arc<[u8]>>,
    /// List cards by [`Renderer::card_key`], kept only when asked for
    /// (`annals serve`).
    cards: HashMap<u64, Arc<str>>,
    keep_cards: bool,
}

impl RenderState {
    /// Keeps the rendered list cards from one render to the next, for a
    /// site that is rendered again after edits.
    pub(crate) fn keep_cards(&mut self) {
        self.keep_cards = true;
    }

    /// The output paths of every page of the last render, sorted.
    pub(crate) fn page_paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self.pages.keys().map(|p| &**p).collect();
        paths.sort_unstable();
        paths
    }
}

/// Pages' output paths with their fingerprints.
type PageFingerprints = Vec<(Arc<str>, u64)>;

/// A list as the last render made it.
struct KeptList {
    /// What it was made from.
    key: u64,
    /// Its pages' fingerprints.
    pages: PageFingerprints,
    /// What all its pages share (see [`Renderer::list_pages_fingerprints`]).
    list: u64,
    /// Its layout, when an edit of words leaves it as it is (see [`words`]).
    layout: Option<lists::KeptLayout>,
}

/// The pages a render wrote and the ones that no longer exist.
#[derive(Debug, Default)]
pub(crate) struct PageChanges {
    /// Paths of the pages rendered, sorted.
    pub(crate) written: Vec<String>,
    /// Paths of pages the site no longer has, sorted.
    pub(crate) removed: Vec<String>,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &SiteParts<'a>,
        old_cards: &'a HashMap<u64, Arc<str>>,
        target: &'a dyn Target,
    ) -> Renderer<'a> {
        let SiteParts {
            config,
            timeline,
            templates,
            texts,
        } = *site;
        Renderer {
            config,
            timeline,
            templates,
            site: SiteView {
                title: &config.title,
                description: &config.description,
                language: config.lang().code,
                direction: config.messages.text("text-direction"),
                first_language: config.languages.first().map_or("en", |m| m.code),
                base_url: config.base_url.as_deref(),
            },
            texts,
            messages: &config.messages,
            groups: ListGroups::new(timeline),
            want: None,
            card_prints: Vec::new(),
            old_cards,
            cards: None,
            target,
            levels: std::sync::OnceLock::new(),
        }
    }

    /// Every page's fingerprint, and the plans of the lists whose cards
    /// changed since `state` last saw them: lists made from the same cards
    /// as last time have the same pages, and are not laid out again.
    fn plan_pages(
        &self,
        state: &mut RenderState,
        fp: &fingerprints::Fingerprints,
    ) -> (HashMap<Arc<str>, u64>, ListsKept, Vec<ListPlan<'a>>) {
        let mut fingerprints: HashMap<Arc<str>, u64> = self.single_pages(fp).into_iter().collect();
        let inputs = self.list_inputs(fp);
        let mut lists = HashMap::with_capacity_and_hasher(inputs.len(), Default::default());
        let mut changed = Vec::new();
        for input in inputs {
            let first = input.first.file();
            match state.lists.remove(&first) {
                Some(kept) if kept.key == input.key => {
                    fingerprints.extend(kept.pages.iter().cloned());
                    lists.insert(first, kept);
                }
                _ => changed.push(input),
            }
        }
        let plans: Vec<ListPlan<'a>> = changed
            .into_par_iter()
            .map(|input| self.plan_list(input))
            .collect();
        let planned: Vec<(String, KeptList)> = plans
            .par_iter()
            .map(|plan| {
                let (list, pages) = self.list_pages_fingerprints(plan, fp);
                let kept = KeptList {
                    key: plan.key,
                    pages,
                    list,
                    layout: None,
                };
                (plan.first.file(), kept)
            })
            .collect();
        for (first, kept) in planned {
            fingerprints.extend(kept.pages.iter().cloned());
            lists.insert(first, kept);
        }
        (fingerprints, lists, plans)
    }

    /// Renders the wanted pages, in parallel, into the target: their
    /// paths, sorted, or every template problem.
    fn render_wanted(&self, plans: &[ListPlan<'_>]) -> Result<Vec<String>, Diagnostics> {
        let mut pages = self.home(plans);
        pages.extend(self.events());
        pages.extend(self.sources());
        pages.extend(self.taxonomies(plans));
        pages.extend(self.not_found());
        pages.extend(self.embeds());
        pages.extend(self.stories());
        let mut written = Vec::with_capacity(pages.len());
        let mut diags = Diagnostics::default();
        for page in pages {
            match page {
                Ok(path) => written.push(path),
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        written.sort();
        Ok(written)
    }
}

/// The lists, by their first page.
type ListsKept = HashMap<String, KeptList>;

/// Renders into `target` the pages (not the data files, search or static
/// files) whose inputs differ from what `state` last saw: every page when
/// `state` is new. Template problems are returned as located diagnostics,
/// all of them; the pages rendered before stay in the target.
pub(crate) fn render_pages(
    site: &SiteParts<'_>,
    state: &mut RenderState,
    target: &dyn Target,
) -> Result<PageChanges, Diagnostics> {
    let timeline = site.timeline;
    if let Some(patch) = timeline.change.patch()
        && patch.from == state.number
        && state.card_prints.len() == timeline.events.len()
    {
        return words::render(site, state, target, patch);
    }
    state.number = 0;
    let old_cards = std::mem::take(&mut state.cards);
    let mut r = Renderer::new(site, &old_cards, target);
    r.keep_cards(state);
    let fp = r.fingerprints();
    r.card_prints = fp.cards.clone();
    let (fingerprints, lists, plans) = r.plan_pages(state, &fp);
    // In parallel: a site of 100,000 events has as many pages to compare.
    let want: HashSet<Arc<str>> = fingerprints
        .par_iter()
        .filter(|(path, fp)| state.pages.get(*path) != Some(fp))
        .map(|(path, _)| Arc::clone(path))
        .collect();
    // Pages gone: only when not every page of the last render is still
    // here (paths are unique; a page new to this render is a wanted one).
    let new_pages = want
        .iter()
        .filter(|p| !state.pages.contains_key(*p))
        .count();
    let mut removed: Vec<String> = if fingerprints.len() - new_pages < state.pages.len() {
        state
            .pages
            .keys()
            .filter(|path| !fingerprints.contains_key(*path))
            .map(|path| path.to_string())
            .collect()
    } else {
        Vec::new()
    };
    removed.sort();
    r.want = Some(&want);
    let written = r.render_wanted(&plans).inspect_err(|_| {
        // Nothing was shown: the next render must try every page again.
        state.pages.clear();
        state.lists.clear();
    })?;
    state.pages = fingerprints;
    state.lists = lists;
    if state.keep_cards {
        // Kept for the next edit of words (`annals serve` only: a build
        // need not hold them).
        for plan in plans {
            if let Some(kept) = state.lists.get_mut(&plan.first.file()) {
                kept.layout = plan.into_layout(&r.groups);
            }
        }
        state.number = timeline.number;
        state.card_prints = fp.cards;
        state.levels = r.levels.get().cloned();
    }
    let new_cards = r.kept_cards();
    state.keep_new_cards(old_cards, new_cards, timeline.events.len());
    Ok(PageChanges { written, removed })
}

impl RenderState {
    /// Keeps the list cards of this render, and those of earlier ones
    /// while they are not many more than the site has (an edit renders
    /// a few). The same key is the same card.
    fn keep_new_cards(
        &mut self,
        mut old: HashMap<u64, Arc<str>>,
        new: HashMap<u64, Arc<str>>,
        events: usize,
    ) {
        if !self.keep_cards {
            return;
        }
        self.cards = if old.len() < 4 * events {
            old.extend(new);
            old
        } else {
            new
        };
    }
}

/// The search page, for the index whose manifest is `manifest`.
pub(crate) fn search_page(
    site: &SiteParts<'_>,
    manifest: &str,
    target: &dyn Target,
) -> Result<String, Diagnostic> {
    Renderer::new(site, &HashMap::default(), target).search(manifest)
}
