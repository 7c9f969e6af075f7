//! What each page shows, as a fingerprint, so that `annals serve` renders
//! again only the pages whose fingerprints changed. A fingerprint covers
//! everything its page's template is given: the event or source as read
//! (its file's fingerprint), the cards it lists (each event's own
//! fingerprint with the names of its terms and the titles of its sources),
//! its neighbours, its list page's axis and pager, and the navigation every
//! page shares. The configuration and templates are not covered: when they
//! change, everything is rendered again.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::embed::{SHOWN_LIMIT, TERM_SHOWN_LIMIT, highlights};
use super::lists::ListPlan;
use super::{NOT_FOUND, PageFingerprints, Renderer};
use crate::views::url::Page;

/// A (year, month) group of a list.
type GroupKey = (i64, Option<u8>);

fn hash_of(value: impl Hash) -> u64 {
    hasher().hash_one(value)
}

/// The hasher of fingerprints: foldhash's, of good quality (a fingerprint
/// that met another would leave a page unrendered) and several times
/// faster than the standard library's on the hundreds of thousands of
/// cards a large site's lists fingerprint after each edit.
fn hasher() -> foldhash::quality::FixedState {
    foldhash::quality::FixedState::default()
}

/// What a list is made from, cheap to compute: when it is unchanged, so
/// are its pages, and the list need not be laid out at all.
pub(super) struct ListInput<'a> {
    /// Its first page.
    pub(super) first: Page<'a>,
    /// Its events in timeline order.
    pub(super) events: Vec<usize>,
    /// The (taxonomy, term) of a term's list.
    pub(super) term: Option<(usize, usize)>,
    /// A fingerprint of all the above as shown.
    pub(super) key: u64,
}

/// Fingerprints computed for one render.
pub(super) struct Fingerprints {
    /// What the navigation of every page shows.
    pub(super) shared: u64,
    /// What each event's card shows, by timeline index.
    pub(super) cards: Vec<u64>,
}

impl<'a> Renderer<'a> {
    /// The fingerprints every page is made of.
    pub(super) fn fingerprints(&self) -> Fingerprints {
        let tl = self.timeline;
        let shared = self.shared_print();
        let cards: Vec<u64> = (0..tl.events.len())
            .into_par_iter()
            .map(|i| self.card_print(i))
            .collect();
        Fingerprints { shared, cards }
    }

    /// What the navigation of every page shows.
    pub(super) fn shared_print(&self) -> u64 {
        hash_of(
            self.timeline
                .taxonomies
                .iter()
                .map(|t| (t.name, &t.title, t.terms.is_empty()))
                .collect::<Vec<_>>(),
        )
    }

    /// What event `i`'s card shows.
    pub(super) fn card_print(&self, i: usize) -> u64 {
        let tl = self.timeline;
        let terms: Vec<(&str, &str)> = tl.event_terms[i]
            .iter()
            .map(|&(ti, n)| {
                let term = &tl.taxonomies[ti].terms[n];
                (term.slug.as_str(), term.name.as_str())
            })
            .collect();
        hash_of((tl.events[i].fingerprint, terms))
    }

    /// The fingerprint of event `i`'s page.
    pub(super) fn event_page(&self, i: usize, fp: &Fingerprints) -> (Arc<str>, u64) {
        let tl = self.timeline;
        let (shared, cards) = (fp.shared, &fp.cards);
        let citations: Vec<(u64, Option<&str>)> = tl.citations[i]
            .iter()
            .map(|c| (tl.sources[c.source].fingerprint, c.anchor.as_deref()))
            .collect();
        let related: Vec<u64> = tl.related[i].iter().map(|&r| cards[r]).collect();
        let fp = hash_of((
            shared,
            cards[i],
            citations,
            related,
            // Its neighbours: previous/next, and the small axis.
            &cards[i.saturating_sub(2)..(i + 3).min(cards.len())],
        ));
        (Arc::clone(&self.texts[i].page), fp)
    }

    /// The fingerprint of source `si`'s page.
    pub(super) fn source_page(&self, si: usize, fp: &Fingerprints) -> (Arc<str>, u64) {
        let tl = self.timeline;
        let s = &tl.sources[si];
        let citing: Vec<u64> = tl.cited_by[si].iter().map(|&i| fp.cards[i]).collect();
        (
            Page::Source(&s.id).file().into(),
            hash_of((fp.shared, s.fingerprint, citing)),
        )
    }

    /// The fingerprint of every page but the list pages, by output path.
    pub(super) fn single_pages(&self, fp: &Fingerprints) -> PageFingerprints {
        let tl = self.timeline;
        let mut pages: PageFingerprints = (0..tl.events.len())
            .into_par_iter()
            .map(|i| self.event_page(i, fp))
            .collect();
        let sources: PageFingerprints = (0..tl.sources.len())
            .into_par_iter()
            .map(|si| self.source_page(si, fp))
            .collect();
        pages.extend(sources);
        pages.extend(self.site_pages(fp));
        pages
    }

    /// The fingerprints of the pages of the whole site (the sources, the
    /// taxonomies, the 404 page, the embeds and the story).
    pub(super) fn site_pages(&self, fp: &Fingerprints) -> PageFingerprints {
        let tl = self.timeline;
        let (shared, cards) = (fp.shared, &fp.cards);
        let mut pages = PageFingerprints::new();
        let index: Vec<(u64, usize)> = tl
            .sources
            .iter()
            .zip(&tl.cited_by)
            .map(|(s, by)| (s.fingerprint, by.len()))
            .collect();
        pages.push((Page::Sources.file().into(), hash_of((shared, index))));
        for t in &tl.taxonomies {
            if !t.terms.is_empty() {
                let terms: Vec<(&str, &str, usize)> = t
                    .terms
                    .iter()
                    .map(|term| (term.slug.as_str(), term.name.as_str(), term.events.len()))
                    .collect();
                pages.push((
                    Page::Taxonomy(t.name).file().into(),
                    hash_of((shared, terms)),
                ));
            }
        }
        pages.push((NOT_FOUND.into(), shared));
        // The embeds show their list's most important cards, the story
        // those cards with their media and citations: an edit to an event
        // they do not show leaves them as they are.
        let levels = self.importance_levels();
        let importance = |i: usize| levels[i];
        let shown =
            |events: &[usize], limit| -> Vec<usize> { highlights(events, importance, limit) };
        let cards_of =
            |events: &[usize]| -> Vec<u64> { events.iter().map(|&i| cards[i]).collect() };
        if !tl.events.is_empty() {
            let all: Vec<usize> = (0..tl.events.len()).collect();
            let told = shown(&all, SHOWN_LIMIT);
            pages.push((
                Page::Embed.file().into(),
                hash_of((shared, "embed", cards_of(&told), all.len())),
            ));
            let cited: Vec<u64> = told
                .iter()
                .flat_map(|&i| {
                    tl.citations[i]
                        .iter()
                        .map(|c| tl.sources[c.source].fingerprint)
                })
                .collect();
            let story = hash_of((shared, "story", cards_of(&told), cited, all.len()));
            pages.push((Page::Story.file().into(), story));
            pages.push((Page::EmbedStory.file().into(), story));
        }
        for t in &tl.taxonomies {
            for term in t.terms.iter().filter(|term| !term.events.is_empty()) {
                let listed = shown(&term.events, TERM_SHOWN_LIMIT);
                pages.push((
                    Page::TermEmbed(t.name, &term.slug).file().into(),
                    hash_of((shared, &term.name, cards_of(&listed), term.events.len())),
                ));
            }
        }
        pages
    }

    /// The lists of the site (the home page's, then each term's) with the
    /// fingerprint of what they are made from.
    pub(super) fn list_inputs(&self, fp: &Fingerprints) -> Vec<ListInput<'a>> {
        let tl = self.timeline;
        let mut lists = vec![(Page::Home, (0..tl.events.len()).collect(), None)];
        for (ti, t) in tl.taxonomies.iter().enumerate() {
            for (n, term) in t.terms.iter().enumerate() {
                lists.push((
                    Page::Term(t.name, &term.slug),
                    term.events.clone(),
                    Some((ti, n)),
                ));
            }
        }
        lists
            .into_par_iter()
            .map(|(first, events, term)| self.list_input(first, events, term, fp))
            .collect()
    }

    /// The list whose first page is `first`, of `events` (of `term`).
    pub(super) fn list_input(
        &self,
        first: Page<'a>,
        events: Vec<usize>,
        term: Option<(usize, usize)>,
        fp: &Fingerprints,
    ) -> ListInput<'a> {
        let tl = self.timeline;
        let name = term.map(|(ti, n): (usize, usize)| &tl.taxonomies[ti].terms[n].name);
        // Each card with its (year, month) group: the group's key, not
        // its number, which an event moving into a new month or out of
        // its last one changes for every later event of every list.
        let groups = &self.groups;
        let shown: Vec<(u64, GroupKey)> = events
            .iter()
            .map(|&i| (fp.cards[i], groups.keys[groups.group_of[i]]))
            .collect();
        let key = hash_of((fp.shared, first.file(), name, shown));
        ListInput {
            first,
            events,
            term,
            key,
        }
    }

    /// The fingerprints of the pages of a list laid out in `plan`.
    pub(super) fn list_pages_fingerprints(
        &self,
        plan: &ListPlan<'_>,
        fp: &Fingerprints,
    ) -> (u64, PageFingerprints) {
        // The language and the title are the same for every page (the
        // configuration is outside the fingerprints), the root is the
        // page's folder depth.
        let axis_of = |a: &Option<super::axis::Axis<'_>>| {
            a.as_ref().map(|a| {
                let mut h = hasher().build_hasher();
                a.layout_hash(&mut h);
                plan.axis_title.hash(&mut h);
                h.finish()
            })
        };
        // A list cut into pages draws its own axis on each page, and the
        // whole list only as the overview strip: columns, counts and
        // dates, no titles. Its fingerprint is what the strip draws (one
        // drawing per list), so that a title edit renders the pages that
        // show the event, not every page of the list.
        let whole = if plan.chunks.len() <= 1 {
            axis_of(&plan.axis)
        } else {
            plan.axis.as_ref().map(|a| {
                let drawn = a.svg_overview("", self.messages, "", (0, 0));
                hash_of((drawn, a.is_clustered()))
            })
        };
        let list = hash_of((fp.shared, whole, &plan.labels, plan.events.len()));
        let pages = (0..plan.chunks.len())
            .map(|k| self.list_page_print(plan, list, k, fp))
            .collect();
        (list, pages)
    }

    /// The fingerprint of page `k` (0-based) of the list laid out in
    /// `plan`, whose pages share `list` (see
    /// [`Renderer::list_pages_fingerprints`]). A page's own axis is drawn
    /// from its cards' events (their dates, importances, titles and ids,
    /// all in their card prints) and its place in the list: the page's
    /// fingerprint covers it without laying it out.
    pub(super) fn list_page_print(
        &self,
        plan: &ListPlan<'_>,
        list: u64,
        k: usize,
        fp: &Fingerprints,
    ) -> (Arc<str>, u64) {
        let runs: Vec<(GroupKey, Vec<u64>)> = plan.chunks[k]
            .iter()
            .map(|(g, run)| {
                (
                    self.groups.keys[*g],
                    run.iter().map(|&i| fp.cards[i]).collect(),
                )
            })
            .collect();
        (
            plan.first.list_page(k + 1).file().into(),
            hash_of((list, k, runs)),
        )
    }
}
