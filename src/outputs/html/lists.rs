//! Lists of events (the home page's and each term's): cut into pages of at
//! most [`LIST_PAGE_SIZE`] events at month boundaries, grouped by year and
//! month, with a pager, and under one axis laid out once for all pages.

use rayon::prelude::*;
use serde::Serialize;

use super::fingerprints::ListInput;
use super::views::CardView;
use super::{Rendered, Renderer};
use crate::outputs::html::axis::{Axis, AxisEra, AxisMark};
use crate::timeline::Timeline;
use crate::views::url::Page;

#[derive(Serialize)]
pub(super) struct MonthView {
    pub(super) label: String,
    pub(super) anchor: String,
    pub(super) events: Vec<CardView>,
}

#[derive(Serialize)]
pub(super) struct YearView {
    pub(super) year: i64,
    pub(super) label: String,
    pub(super) anchor: String,
    pub(super) months: Vec<MonthView>,
}

/// How an axis is laid out: [`Axis::new`] or [`Axis::counted`].
type LayOut<'a> = fn(Vec<AxisMark<'a>>, &[AxisEra<'a>], Vec<String>) -> Option<Axis<'a>>;

/// Events per page of a list; a longer list continues on `page/2/`, ….
pub(super) const LIST_PAGE_SIZE: usize = 250;

/// One page of a list: runs of events, each run from one (year, month)
/// group (an index into `ListGroups::keys`).
pub(super) type ListChunk = Vec<(usize, Vec<usize>)>;

/// A list laid out once for all of its pages.
pub(super) struct ListPlan<'a> {
    /// Its first page (the home page, or the term's page).
    pub(super) first: Page<'a>,
    /// Its events, in timeline order.
    pub(super) events: Vec<usize>,
    /// Its pages.
    pub(super) chunks: Vec<ListChunk>,
    /// The dates each page covers.
    pub(super) labels: Vec<String>,
    /// The axis over all its events.
    pub(super) axis: Option<Axis<'a>>,
    /// For a list of more than one page, each page's overview: where it
    /// lies in the whole list (drawn from the whole list's axis).
    pub(super) overviews: Vec<String>,
    /// Whether the whole list's axis clusters.
    pub(super) clustered: bool,
    /// Whether the whole list's axis (its overviews, whether it clusters)
    /// may change with an event's title (see [`Axis::titles_matter`]).
    pub(super) titles_matter: bool,
    /// What the axis is called for screen readers.
    pub(super) axis_title: String,
    /// The (taxonomy, term) of a term's list; `None` for the home page's.
    pub(super) term: Option<(usize, usize)>,
    /// A fingerprint of what it is made from.
    pub(super) key: u64,
}

/// What an edit of words leaves of a list of several pages whose whole
/// axis does not depend on titles (see [`Axis::titles_matter`]): all but
/// the page axes (see [`super::words`]).
pub(super) struct KeptLayout {
    pub(super) events: Vec<usize>,
    /// The (year, month) of each run of `chunks`, in order: runs name
    /// their group by its number, which an event moved into a month of
    /// its own, or out of the last event of one, changes for every later
    /// group, even of lists whose events kept their places.
    groups: Vec<(i64, Option<u8>)>,
    pub(super) chunks: Vec<ListChunk>,
    pub(super) labels: Vec<String>,
    pub(super) overviews: Vec<String>,
    pub(super) clustered: bool,
}

impl ListPlan<'_> {
    /// What an edit of words can reuse of this plan (whose groups are
    /// `groups`), if anything.
    pub(super) fn into_layout(self, groups: &ListGroups) -> Option<KeptLayout> {
        (self.chunks.len() > 1 && !self.titles_matter).then(|| KeptLayout {
            groups: KeptLayout::keys(&self.chunks, groups).flatten().collect(),
            events: self.events,
            chunks: self.chunks,
            labels: self.labels,
            overviews: self.overviews,
            clustered: self.clustered,
        })
    }
}

impl KeptLayout {
    /// Whether this layout is of `events` and still names their groups
    /// (see [`KeptLayout::groups`]) as `groups` does.
    pub(super) fn fits(&self, events: &[usize], groups: &ListGroups) -> bool {
        self.events == events
            && Self::keys(&self.chunks, groups).eq(self.groups.iter().copied().map(Some))
    }

    /// The (year, month) of each run of `chunks`, by `groups`; `None`
    /// for a group number `groups` no longer has.
    fn keys<'g>(
        chunks: &'g [ListChunk],
        groups: &'g ListGroups,
    ) -> impl Iterator<Item = Option<(i64, Option<u8>)>> + 'g {
        chunks
            .iter()
            .flat_map(|chunk| chunk.iter().map(|(g, _)| groups.keys.get(*g).copied()))
    }
}

/// The year and month groups of the timeline, flattened in display order.
pub(super) struct ListGroups {
    /// (year, month) of each group; month `None` for events known only to
    /// the year.
    pub(super) keys: Vec<(i64, Option<u8>)>,
    /// The group of each event.
    pub(super) group_of: Vec<usize>,
    /// The position of each event in display order.
    pub(super) display_pos: Vec<usize>,
}

impl ListGroups {
    pub(super) fn new(tl: &Timeline) -> ListGroups {
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
pub(super) struct PagerLink {
    pub(super) n: usize,
    pub(super) url: String,
    /// The dates the page covers.
    pub(super) label: String,
    pub(super) current: bool,
    /// Pages are left out before this one.
    pub(super) gap_before: bool,
}

#[derive(Serialize)]
pub(super) struct PagerView {
    pub(super) current: usize,
    pub(super) total: usize,
    /// The dates this page covers.
    pub(super) range: String,
    pub(super) prev: Option<PagerLink>,
    pub(super) next: Option<PagerLink>,
    pub(super) pages: Vec<PagerLink>,
}

/// What every page of a list shows.
#[derive(Serialize)]
pub(super) struct ListView {
    pub(super) axis: String,
    /// The same axis as a strip that fits a phone's width.
    pub(super) axis_strip: String,
    /// On a page of a longer list, where its stretch lies in the whole.
    pub(super) axis_overview: String,
    pub(super) clustered: bool,
    /// The axis cuts out long stretches with no event.
    pub(super) broken: bool,
    pub(super) years: Vec<YearView>,
    /// The names of the terms the page's cards carry in `data-terms`
    /// (`{"tags/x": "X"}`, inert JSON), for annals.js's filters: each
    /// name once a page rather than a link on every card.
    pub(super) term_names: String,
    /// Events in the whole list.
    pub(super) event_count: usize,
    /// Events on this page.
    pub(super) page_count: usize,
    pub(super) pager: Option<PagerView>,
    /// The "Embed this timeline" box.
    pub(super) embed_code: Option<super::embed::EmbedCode>,
    /// The story, offered on the home page.
    pub(super) story_url: Option<String>,
}

impl<'a> Renderer<'a> {
    /// Cuts a list of events into pages of at most [`LIST_PAGE_SIZE`],
    /// in display order, keeping a month on one page where it fits. There
    /// is always at least one page.
    pub(super) fn paginate(&self, events: &[usize]) -> Vec<ListChunk> {
        let mut ordered = events.to_vec();
        let display_pos = &self.groups.display_pos;
        if !ordered.is_sorted_by_key(|&i| display_pos[i]) {
            ordered.sort_by_key(|&i| display_pos[i]);
        }
        let group_of = &self.groups.group_of;
        let mut pages = Vec::new();
        let mut page: ListChunk = Vec::new();
        let mut count = 0;
        // Each run of one (year, month) group, as a slice of `ordered`.
        let mut rest = ordered.as_slice();
        while let Some(&head) = rest.first() {
            let g = group_of[head];
            let len = rest
                .iter()
                .position(|&i| group_of[i] != g)
                .unwrap_or(rest.len());
            let (run, after) = rest.split_at(len);
            rest = after;
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
    /// Month headings are written where they help a reader find their
    /// way in a year, not one per event: a year's months are merged under
    /// its own heading when it has one group on the page, or when no month
    /// of it has two events there.
    pub(super) fn years(&self, from: &Page<'_>, chunk: &ListChunk) -> Vec<YearView> {
        let lang = self.config.lang();
        // Each year with its (month, events) groups.
        type Groups<'c> = Vec<(Option<u8>, &'c Vec<usize>)>;
        let mut years: Vec<(i64, Groups<'_>)> = Vec::new();
        for (g, events) in chunk {
            let (year, month) = self.groups.keys[*g];
            match years.last_mut() {
                Some((y, groups)) if *y == year => groups.push((month, events)),
                _ => years.push((year, vec![(month, events)])),
            }
        }
        years
            .into_iter()
            .map(|(year, groups)| {
                let headed = groups.len() > 1 && groups.iter().any(|(_, e)| e.len() > 1);
                let months = if headed {
                    groups
                        .into_iter()
                        .map(|(month, events)| {
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
                            let cards = events.iter().map(|&i| self.list_card(i, from, "h4"));
                            MonthView {
                                label,
                                anchor,
                                events: cards.collect(),
                            }
                        })
                        .collect()
                } else {
                    let cards = groups
                        .into_iter()
                        .flat_map(|(_, events)| events.iter())
                        .map(|&i| self.list_card(i, from, "h3"));
                    vec![MonthView {
                        label: String::new(),
                        anchor: String::new(),
                        events: cards.collect(),
                    }]
                };
                YearView {
                    year,
                    label: crate::date::year_heading(year, lang),
                    anchor: format!("y-{year}"),
                    months,
                }
            })
            .collect()
    }

    /// The names of the terms of a page's events, keyed `taxonomy/slug`;
    /// empty when they have none.
    fn term_names(&self, chunk: &ListChunk) -> String {
        let tl = self.timeline;
        let mut names = std::collections::BTreeMap::new();
        for &i in chunk.iter().flat_map(|(_, events)| events) {
            for &(ti, n) in &tl.event_terms[i] {
                let (t, term) = (&tl.taxonomies[ti], &tl.taxonomies[ti].terms[n]);
                names.insert(format!("{}/{}", t.name, term.slug), term.name.as_str());
            }
        }
        if names.is_empty() {
            return String::new();
        }
        crate::views::json::inert(&names)
    }

    /// What a page of a list covers, for the pager: "January – March
    /// 2025", "1204 BC – 1003 BC".
    pub(super) fn chunk_label(&self, chunk: &ListChunk) -> String {
        let lang = self.config.lang();
        let label = |g: usize| {
            let (year, month) = self.groups.keys[g];
            match month {
                Some(m) => crate::date::month_year_label(year, m, lang),
                None => crate::date::year_heading(year, lang),
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
                crate::date::year_heading(fy, lang),
                crate::date::year_heading(ly, lang)
            )
        }
    }

    /// Links to the other pages of a list: first, last, and the pages
    /// near the current one. `None` for a list of one page.
    pub(super) fn pager(&self, first: &Page<'_>, labels: &[String], n: usize) -> Option<PagerView> {
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

    /// The axis of `events` all shown on `page` (a page of a list cut
    /// into pages, an embed, the story): laid out as a list of one page,
    /// so that its links are bare anchors (`#e-ID`).
    pub(super) fn axis(&self, page: &Page<'_>, events: &[usize]) -> Option<Axis<'a>> {
        self.axis_by(page, events, &|_| 1, 1, Axis::new)
    }

    /// The axis of a list, laid out once for all its pages by `lay_out`
    /// ([`Axis::new`] or [`Axis::counted`]). `page_of` gives the page
    /// (1-based) on which the `j`-th of `events` is listed.
    fn axis_by(
        &self,
        first: &Page<'_>,
        events: &[usize],
        page_of: &(dyn Fn(usize) -> usize + Sync),
        pages: usize,
        lay_out: LayOut<'a>,
    ) -> Option<Axis<'a>> {
        let tz = self.config.timezone;
        let (timeline, texts, config) = (self.timeline, self.texts, self.config);
        // In parallel: over a long list this reads 100,000 events
        // scattered in memory.
        let marks: Vec<AxisMark<'a>> = events
            .par_iter()
            .with_min_len(4096)
            .enumerate()
            .map(|(j, &i)| {
                let e = &timeline.events[i];
                let (start, end) = e.span;
                AxisMark {
                    start,
                    end,
                    importance: e.importance,
                    label: &e.title,
                    date: &texts[i].date_text,
                    id: &e.id,
                    list_page: page_of(j),
                }
            })
            .collect();
        let eras: Vec<AxisEra<'a>> = config
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
        let files = (1..=pages).map(|k| first.list_page(k).file()).collect();
        lay_out(marks, &eras, files)
    }

    /// Lays out a list for all its pages: cut into pages, each page's
    /// dates, and the axis (links to where each event is listed).
    pub(super) fn plan(
        &self,
        first: Page<'a>,
        events: Vec<usize>,
        axis_title: String,
        term: Option<(usize, usize)>,
    ) -> ListPlan<'a> {
        let chunks = self.paginate(&events);
        // The page of each of `events`, in their (timeline) order.
        let page_of = self.pages_of(&events, &chunks);
        // A list of several pages draws the whole list's axis only as
        // overviews; each page draws its own.
        let lay_out = if chunks.len() > 1 {
            Axis::counted
        } else {
            Axis::new
        };
        let axis = self.axis_by(&first, &events, &|j| page_of[j], chunks.len(), lay_out);
        let labels = chunks.iter().map(|c| self.chunk_label(c)).collect();
        let overviews = match (&axis, chunks.len() > 1) {
            (Some(whole), true) => whole.svg_overviews(
                &chunks
                    .par_iter()
                    .enumerate()
                    .map(|(k, chunk)| (first.list_page(k + 1).root(), self.chunk_span(chunk)))
                    .collect::<Vec<_>>(),
                self.messages,
                &self.messages.text("overview-title"),
            ),
            _ => Vec::new(),
        };
        ListPlan {
            first,
            events,
            chunks,
            labels,
            overviews,
            clustered: axis.as_ref().is_some_and(Axis::is_clustered),
            titles_matter: axis.as_ref().is_none_or(Axis::titles_matter),
            axis,
            axis_title,
            term,
            key: 0,
        }
    }

    /// The page (1-based) of each of `events` (in timeline order) among
    /// `chunks`, the pages they are cut into.
    fn pages_of(&self, events: &[usize], chunks: &[ListChunk]) -> Vec<usize> {
        let pages = chunks.iter().enumerate().flat_map(|(k, chunk)| {
            chunk
                .iter()
                .flat_map(move |(_, run)| run.iter().map(move |&i| (i, k + 1)))
        });
        // The home page's list holds every event: its `j`-th is event `j`.
        if events.len() == self.timeline.events.len() {
            debug_assert!(events.iter().enumerate().all(|(j, &i)| i == j));
            let mut page_of = vec![0; events.len()];
            for (i, k) in pages {
                page_of[i] = k;
            }
            return page_of;
        }
        // (event, page), sorted by event: the pages hold each event once,
        // so sorted by event, the pages are those of `events` in turn.
        let mut page_of: Vec<(usize, usize)> = pages.collect();
        page_of.sort_unstable();
        debug_assert!(page_of.iter().map(|p| p.0).eq(events.iter().copied()));
        page_of.into_iter().map(|(_, k)| k).collect()
    }

    /// The stretch of time a page of a list covers: from its first
    /// event's start to its last event's start.
    pub(super) fn chunk_span(&self, chunk: &ListChunk) -> (i64, i64) {
        let starts = chunk
            .iter()
            .flat_map(|(_, run)| run.iter())
            .map(|&i| self.timeline.events[i].span.0);
        let (lo, hi) = starts.fold((i64::MAX, i64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
        (lo, hi.max(lo))
    }

    /// What the axis of a list (of `term`, or the home page's) is called.
    pub(super) fn axis_title(&self, term: Option<(usize, usize)>) -> String {
        let tl = self.timeline;
        let name = match term {
            Some((ti, n)) => &tl.taxonomies[ti].terms[n].name,
            None => &self.config.title,
        };
        self.messages
            .with("axis-title", &[("name", crate::i18n::Arg::Text(name))])
    }

    /// Lays out the list `input` describes.
    pub(super) fn plan_list(&self, input: ListInput<'a>) -> ListPlan<'a> {
        let title = self.axis_title(input.term);
        let key = input.key;
        ListPlan {
            key,
            ..self.plan(input.first, input.events, title, input.term)
        }
    }

    /// The wanted pages of a list; `make` renders one from the shared
    /// parts.
    pub(super) fn list_pages(
        &self,
        plan: &ListPlan<'_>,
        make: &(dyn Fn(Page<'_>, ListView) -> Rendered + Sync),
    ) -> Vec<Rendered> {
        let first = plan.first;
        plan.chunks
            .par_iter()
            .enumerate()
            .filter(|(k, _)| self.wants(&first.list_page(k + 1)))
            .map(|(k, chunk)| {
                let page = first.list_page(k + 1);
                let (root, messages, title) = (page.root(), self.messages, &plan.axis_title);
                // A list of several pages draws each page's own axis over
                // its events (the whole list's axis then draws the
                // overview), laid out only for a page rendered: an event
                // moved in time changes the pages it left and joined.
                let page_axis = (plan.chunks.len() > 1).then(|| self.axis(&page, &on_page(chunk)));
                let axis = page_axis.as_ref().unwrap_or(&plan.axis).as_ref();
                let view = ListView {
                    axis: axis
                        .map(|a| a.svg(&root, messages, title))
                        .unwrap_or_default(),
                    axis_strip: axis
                        .map(|a| a.svg_compact(&root, messages, title))
                        .unwrap_or_default(),
                    axis_overview: plan.overviews.get(k).cloned().unwrap_or_default(),
                    clustered: plan.clustered,
                    broken: axis.is_some_and(Axis::is_broken),
                    years: self.years(&page, chunk),
                    term_names: self.term_names(chunk),
                    event_count: plan.events.len(),
                    page_count: chunk.iter().map(|(_, run)| run.len()).sum(),
                    pager: self.pager(&first, &plan.labels, k + 1),
                    embed_code: self.embed_code(&page),
                    story_url: (first == Page::Home).then(|| page.link_to(&Page::Story)),
                };
                make(page, view)
            })
            .collect()
    }

    /// The home page and the later pages of its list, when `plans` holds
    /// its list.
    pub(super) fn home(&self, plans: &[ListPlan<'_>]) -> Vec<Rendered> {
        let Some(plan) = plans.iter().find(|p| p.term.is_none()) else {
            return Vec::new();
        };
        self.list_pages(plan, &|page, list| {
            let title = self.list_title(self.config.title.clone(), list.pager.as_ref());
            #[derive(Serialize)]
            struct Home {
                #[serde(flatten)]
                list: ListView,
            }
            let description = self.config.description.clone();
            self.render("index.html", page, title, description, Home { list })
        })
    }
}

/// The events of a page of a list, in timeline order.
fn on_page(chunk: &ListChunk) -> Vec<usize> {
    let mut on_page: Vec<usize> = chunk
        .iter()
        .flat_map(|(_, run)| run.iter().copied())
        .collect();
    on_page.sort_unstable();
    on_page
}
