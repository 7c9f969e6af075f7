//! An edit in place (`annals serve`): when the timeline was patched from
//! the one rendered last, only the pages that can show the edited event
//! have their fingerprints made again (its page and its neighbours', the
//! pages that link to it, the sources it cites, the pages of the whole
//! site, and the lists it is on) and only those whose fingerprint changed
//! are rendered. The rest keep the last render's fingerprints: they cannot
//! have changed.
//!
//! Two edits are made this way:
//! - words ([`Change::Words`]): events replaced in their places with the
//!   same dates, terms, related events and cited sources (their words, or
//!   an importance that leaves them in place). A list of several pages
//!   keeps its layout (pages, their dates, the overviews) when its whole
//!   axis does not depend on titles; only the axes of its pages that list
//!   a replaced event are laid out again;
//! - a move ([`Change::Moved`]): one event taken out of the order and put
//!   back elsewhere. What is kept by timeline index (card prints,
//!   importances) moves along with the indices; the event pages within
//!   two places of where it was and where it is are fingerprinted again
//!   (their neighbours changed), and the lists it is on are laid out anew
//!   (they may gain or lose a page).
//!
//! The result is the same as [`super::render_pages`] would give
//! (`tests/testsuite/incremental.rs` compares them after each edit).
//!
//! [`Change::Words`]: crate::timeline::Change::Words
//! [`Change::Moved`]: crate::timeline::Change::Moved

use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;

use super::fingerprints::{Fingerprints, ListInput};
use super::lists::{KeptLayout, ListPlan};
use super::{KeptList, PageChanges, PageFingerprints, RenderState, Renderer};
use crate::diagnostic::Diagnostics;
use crate::outputs::{SiteParts, Target};
use crate::timeline::Patch;
use crate::views::url::Page;

/// Renders the pages `patch` (the timeline's [`Change`]) can have
/// changed, updating `state`, which holds the render of the timeline
/// `site.timeline` was patched from.
///
/// [`Change`]: crate::timeline::Change
pub(super) fn render(
    site: &SiteParts<'_>,
    state: &mut RenderState,
    target: &dyn Target,
    patch: Patch<'_>,
) -> Result<PageChanges, Diagnostics> {
    let tl = site.timeline;
    let (changed, moved) = (patch.changed, patch.shift);
    let old_cards = std::mem::take(&mut state.cards);
    let mut r = Renderer::new(site, &old_cards, target);
    r.keep_cards(state);
    if let Some(levels) = state.levels.take() {
        // An edit in place may change an importance.
        let mut levels = levels.to_vec();
        if let Some(shift) = moved {
            shift.reorder(&mut levels);
        }
        for &i in changed {
            levels[i] = tl.events[i].importance;
        }
        r.levels.get_or_init(|| levels.into());
    }
    let mut cards = std::mem::take(&mut state.card_prints);
    if let Some(shift) = moved {
        // A card print is its event's alone: the others move along.
        shift.reorder(&mut cards);
    }
    for &i in changed {
        cards[i] = r.card_print(i);
    }
    let fp = Fingerprints {
        shared: r.shared_print(),
        cards,
    };
    r.card_prints = fp.cards.clone();
    let is_changed = |i: &usize| changed.binary_search(i).is_ok();

    let n = tl.events.len();
    // Its page, its neighbours' (previous, next, the small axis), and
    // those of the events that name it as related. A moved event also
    // leaves a gap where it was: the pages within two places of it (in
    // the new order) have a new neighbour; further pages' neighbours
    // moved along with them.
    let mut events: Vec<usize> = changed
        .iter()
        .chain(moved.as_ref().map(|s| &s.from))
        .flat_map(|&i| i.saturating_sub(2)..(i + 3).min(n))
        .collect();
    events.extend((0..n).filter(|&j| tl.related[j].iter().any(is_changed)));
    events.sort_unstable();
    events.dedup();
    let mut prints: PageFingerprints = events.iter().map(|&j| r.event_page(j, &fp)).collect();
    let mut sources: Vec<usize> = changed
        .iter()
        .flat_map(|&i| tl.citations[i].iter().map(|c| c.source))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    prints.extend(sources.iter().map(|&si| r.source_page(si, &fp)));
    prints.extend(r.site_pages(&fp));

    // The lists a replaced event is on: the home page's and its terms'.
    let mut terms: Vec<(usize, usize)> = changed
        .iter()
        .flat_map(|&i| tl.event_terms[i].iter().copied())
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let mut inputs = vec![r.list_input(Page::Home, (0..n).collect(), None, &fp)];
    inputs.extend(terms.into_iter().map(|(ti, t)| {
        let (tax, term) = (&tl.taxonomies[ti], &tl.taxonomies[ti].terms[t]);
        let first = Page::Term(tax.name, &term.slug);
        r.list_input(first, term.events.clone(), Some((ti, t)), &fp)
    }));
    let mut plans = Vec::with_capacity(inputs.len());
    let mut lists = Vec::with_capacity(inputs.len());
    let mut removed: Vec<String> = Vec::new();
    for input in inputs {
        let first = input.first.file();
        let kept = state.lists.remove(&first);
        let (plan, kept) = match kept {
            // A move changes the order, and so the layout, of every list
            // the moved event is on, even where its events are the same.
            Some(mut kept)
                if moved.is_none()
                    && kept
                        .layout
                        .as_ref()
                        .is_some_and(|l| l.fits(&input.events, &r.groups)) =>
            {
                let layout = kept.layout.take().expect("checked");
                let (plan, pages) = r.relaid(input, layout, &is_changed);
                for k in pages {
                    let print = r.list_page_print(&plan, kept.list, k, &fp);
                    prints.push(print.clone());
                    kept.pages[k] = print;
                }
                kept.key = plan.key;
                (plan, kept)
            }
            kept => {
                let plan = r.plan_list(input);
                let (list, pages) = r.list_pages_fingerprints(&plan, &fp);
                // A move may leave a list with fewer pages.
                if let Some(kept) = kept.filter(|k| k.pages.len() > pages.len()) {
                    removed.extend(kept.pages[pages.len()..].iter().map(|p| p.0.to_string()));
                }
                prints.extend(pages.iter().cloned());
                let kept = KeptList {
                    key: plan.key,
                    pages,
                    list,
                    layout: None,
                };
                (plan, kept)
            }
        };
        plans.push(plan);
        lists.push((first, kept));
    }

    let want: HashSet<Arc<str>> = prints
        .iter()
        .filter(|(path, print)| state.pages.get(path) != Some(print))
        .map(|(path, _)| Arc::clone(path))
        .collect();
    r.want = Some(&want);
    let written = r.render_wanted(&plans).inspect_err(|_| {
        // Nothing was shown: the next render must try every page again.
        state.pages.clear();
        state.lists.clear();
        state.number = 0;
    })?;
    for path in &removed {
        state.pages.remove(path.as_str());
    }
    state.pages.extend(prints);
    for (plan, (first, mut kept)) in plans.into_iter().zip(lists) {
        kept.layout = plan.into_layout(&r.groups);
        state.lists.insert(first, kept);
    }
    state.number = tl.number;
    state.card_prints = fp.cards;
    state.levels = r.levels.get().cloned();
    let new_cards = r.kept_cards();
    state.keep_new_cards(old_cards, new_cards, n);
    removed.sort();
    Ok(PageChanges { written, removed })
}

impl<'a> Renderer<'a> {
    /// The list `input`, laid out as `layout` (the same events: an edit of
    /// words moves none): the plan, and the pages that list a changed
    /// event (0-based), the only ones to be rendered (each lays out its
    /// own axis then).
    fn relaid(
        &self,
        input: ListInput<'a>,
        layout: KeptLayout,
        is_changed: &dyn Fn(&usize) -> bool,
    ) -> (ListPlan<'a>, Vec<usize>) {
        let KeptLayout {
            chunks,
            labels,
            overviews,
            clustered,
            ..
        } = layout;
        let pages: Vec<usize> = (0..chunks.len())
            .filter(|&k| chunks[k].iter().any(|(_, run)| run.iter().any(is_changed)))
            .collect();
        let plan = ListPlan {
            first: input.first,
            events: input.events,
            chunks,
            labels,
            overviews,
            clustered,
            titles_matter: false,
            axis: None,
            axis_title: self.axis_title(input.term),
            term: input.term,
            key: input.key,
        };
        (plan, pages)
    }
}
