//! What one build of the timeline hands to the next (`annals serve`): the
//! checked citations of each event, and the last timeline, which an edit
//! that moves no event and changes no term or reference only has to patch.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::citations::{Checked, check_citations};
use super::order::Place;
use super::{Citation, Timeline, Unloaded};
use crate::content::config::Config;
use crate::content::event::Event;
use crate::content::kept::Kept;
use crate::content::source::Source;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// What one build of the timeline can hand to the next: the checked
/// citations of each event, valid while no source changes, and the last
/// timeline built without errors, which an edit that moves no event and
/// changes no term or reference only has to patch.
#[derive(Debug, Default)]
pub(crate) struct TimelineCache {
    /// The sources (and the ids of those that failed to load) the checks
    /// were made against.
    sources_key: u64,
    /// Checks by event fingerprint.
    checked: Kept<Checked>,
    /// The last timeline built without errors.
    last: Option<Last>,
}

/// A timeline and what it was built from.
#[derive(Debug)]
pub(super) struct Last {
    timeline: Arc<Timeline>,
    /// The events as given, in file order.
    files: Vec<Arc<Event>>,
    /// For each event in file order, where it stands on the timeline.
    by_file: Vec<usize>,
    /// The check of each event's citations, in timeline order.
    checked: Vec<Arc<Checked>>,
    /// The warnings that are not about one event's citations: term
    /// spellings, sources no event cites.
    other_warnings: Vec<Diagnostic>,
    /// Whether some term is spelled two ways: its name is then its
    /// earliest event's spelling, which a move in time can change.
    spellings_differ: bool,
}

/// Whether `new` can take the place of `old` on the timeline without
/// changing any date, term, related event or cited source: the same id,
/// dates (and zone: the date shown), terms (and where they are written,
/// for the spelling warnings) and related ids. Its importance may differ
/// (see [`stays`]); its citations are compared once checked.
fn same_place(old: &Event, new: &Event) -> bool {
    same_links(old, new)
        && old.span == new.span
        && old.zone == new.zone
        && old.date.to_string() == new.date.to_string()
}

/// Whether `new` names what `old` names: the same id, terms (and where
/// they are written) and related ids. Its dates may differ: it may move
/// in time (see [`moves`](super::moves)).
fn same_links(old: &Event, new: &Event) -> bool {
    old.id == new.id
        && old.terms == new.terms
        && old.slugs == new.slugs
        && old.term_locations == new.term_locations
        && old.related.len() == new.related.len()
        && old
            .related
            .iter()
            .zip(&new.related)
            .all(|(a, b)| a.id == b.id)
}

/// Whether the events at `changed` (timeline indices, sorted, with their
/// new events) keep their places in the order among the events around
/// them: an importance changed between two events of other dates moves
/// nothing. Ids are unique, so no two places are equal.
fn stays(events: &[Arc<Event>], changed: &[(usize, &Arc<Event>)]) -> bool {
    let at = |i: usize| match changed.binary_search_by_key(&i, |c| c.0) {
        Ok(c) => changed[c].1,
        Err(_) => &events[i],
    };
    changed.iter().all(|&(i, new)| {
        let place = Place::of(new);
        (i == 0 || Place::of(at(i - 1)).cmp(&place).is_lt())
            && (i + 1 == events.len() || place.cmp(&Place::of(at(i + 1))).is_lt())
    })
}

/// The sources each citation resolves to, in order.
fn cited_sources(citations: &[Citation]) -> impl Iterator<Item = usize> + '_ {
    citations.iter().map(|c| c.source)
}

/// What [`patch`] makes.
pub(super) struct Patched {
    /// The check of each event's citations, in timeline order.
    checked: Vec<Arc<Checked>>,
    warnings: Diagnostics,
}

/// More changed events than this are checked in parallel by a full build.
const MAX_CHANGED: usize = 64;

/// The events of `events` (in file order) that are not those of the
/// last build, with their places in file order; `None` when events came
/// or went, a source changed, or more than [`MAX_CHANGED`] changed.
fn changes(
    last: &Last,
    events: &[Arc<Event>],
    sources: &[Arc<Source>],
) -> Option<Vec<(usize, Arc<Event>)>> {
    let tl = &last.timeline;
    if events.len() != last.files.len()
        || sources.len() != tl.sources.len()
        || !sources
            .iter()
            .zip(&tl.sources)
            .all(|(a, b)| Arc::ptr_eq(a, b))
    {
        return None;
    }
    let mut changed = Vec::new();
    for (k, (new, old)) in events.iter().zip(&last.files).enumerate() {
        if !Arc::ptr_eq(new, old) {
            if changed.len() == MAX_CHANGED {
                return None;
            }
            changed.push((k, Arc::clone(new)));
        }
    }
    Some(changed)
}

/// The timeline of `last` with `changed` (events at their places in file
/// order; the sources the same) put in their places, when there are few,
/// every one of them can take its old event's place (see [`same_place`])
/// and cites the same sources without error: a typo fixed in one event of
/// a large site costs its own check, not a new timeline. One changed event
/// that names the same terms and events may also move in time: it is
/// taken out of the order and put back (see [`moves`](super::moves)).
/// `None` when the timeline has to be built anew.
fn patch(
    last: &mut Last,
    changed: &[(usize, Arc<Event>)],
    config: &Config,
    cache: &Kept<Checked>,
) -> Option<Patched> {
    let tl = &last.timeline;
    let may_move = match changed {
        [(k, new)] => !last.spellings_differ && same_links(&last.files[*k], new),
        _ => false,
    };
    if changed.len() > MAX_CHANGED
        || (!may_move
            && changed
                .iter()
                .any(|(k, new)| !same_place(&last.files[*k], new)))
    {
        return None;
    }
    let sources = &tl.sources;
    let source_ids: HashMap<&str, usize> = tl
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Every changed event checked first: nothing is touched unless the
    // timeline can be patched.
    let mut checks = Vec::with_capacity(changed.len());
    for (k, event) in changed {
        let at = last.by_file[*k];
        let check = cache.get(event).unwrap_or_else(|| {
            Arc::new(check_citations(
                event,
                sources,
                &source_ids,
                &Unloaded::default(),
                config.timezone,
            ))
        });
        if !check.errors.is_empty()
            || !cited_sources(&check.citations).eq(cited_sources(&tl.citations[at]))
        {
            return None;
        }
        checks.push(check);
    }
    drop(source_ids);
    let mut placed: Vec<(usize, &Arc<Event>)> =
        changed.iter().map(|(k, e)| (last.by_file[*k], e)).collect();
    placed.sort_unstable_by_key(|p| p.0);
    let in_place = changed
        .iter()
        .all(|(k, new)| same_place(&last.files[*k], new))
        && stays(&tl.events, &placed);
    if !in_place && !may_move {
        return None;
    }
    let from = tl.number;
    // Changed in place unless another holder still reads it.
    let timeline = Arc::make_mut(&mut last.timeline);
    if !in_place {
        let ((k, event), check) = (&changed[0], checks.pop()?);
        let at = last.by_file[*k];
        let citations = Arc::clone(&check.citations);
        let replaced = Arc::clone(&timeline.events[at]);
        let shift = super::moves::move_event(timeline, at, Arc::clone(event), citations)?;
        // The last checks are the last build's alone: changed in place.
        let mut checked = std::mem::take(&mut last.checked);
        checked[at] = check;
        shift.reorder(&mut checked);
        last.by_file.iter_mut().for_each(|i| *i = shift.apply(*i));
        timeline.number = Timeline::new_number();
        timeline.change = super::Change::Moved {
            from,
            shift,
            replaced,
        };
        return Some(Patched {
            warnings: warnings_of(&last.other_warnings, &checked),
            checked,
        });
    }
    // The last checks are the last build's alone: changed in place.
    let mut checked = std::mem::take(&mut last.checked);
    let mut replaced = Vec::with_capacity(changed.len());
    for ((k, event), check) in changed.iter().zip(checks) {
        let at = last.by_file[*k];
        let old = std::mem::replace(&mut timeline.events[at], Arc::clone(event));
        replaced.push((at, old));
        timeline.citations[at] = Arc::clone(&check.citations);
        checked[at] = check;
    }
    replaced.sort_unstable_by_key(|(at, _)| *at);
    let (changed, replaced) = replaced.into_iter().unzip();
    timeline.number = Timeline::new_number();
    timeline.change = super::Change::Words {
        from,
        changed,
        replaced,
    };
    Some(Patched {
        warnings: warnings_of(&last.other_warnings, &checked),
        checked,
    })
}

/// The warnings of a patched timeline: those not about one event's
/// citations, then each event's.
fn warnings_of(other: &[Diagnostic], checked: &[Arc<Checked>]) -> Diagnostics {
    let mut warnings = Diagnostics::from(other.to_vec());
    for c in checked {
        c.warnings.iter().for_each(|d| warnings.push(d.clone()));
    }
    warnings
}

impl Last {
    /// What a timeline built without errors hands to the next build.
    pub(super) fn new(
        timeline: &Arc<Timeline>,
        by_file: Vec<usize>,
        checked: Vec<Arc<Checked>>,
        other_warnings: &Diagnostics,
        spellings_differ: bool,
    ) -> Last {
        Last {
            timeline: Arc::clone(timeline),
            files: by_file
                .iter()
                .map(|&i| Arc::clone(&timeline.events[i]))
                .collect(),
            by_file,
            checked,
            other_warnings: other_warnings.iter().cloned().collect(),
            spellings_differ,
        }
    }
}

impl TimelineCache {
    /// The last timeline with the events that changed since put in their
    /// places, when [`patch`] can: the checks of the changed events are
    /// kept for the next build.
    pub(super) fn patch(
        &mut self,
        events: Vec<Arc<Event>>,
        sources: &[Arc<Source>],
        config: &Config,
    ) -> Result<(Arc<Timeline>, Diagnostics), Vec<Arc<Event>>> {
        let changed = self
            .last
            .as_ref()
            .and_then(|last| changes(last, &events, sources));
        let patched = changed.and_then(|changed| self.patch_at(&changed, config));
        match patched {
            Some(patched) => {
                // Letting go of the events touches each of them: not on
                // the way to the updated pages.
                std::thread::spawn(move || drop(events));
                Ok(patched)
            }
            None => Err(events),
        }
    }

    /// The last timeline with `changed` put in (events at their places in
    /// file order, nothing else changed since), when [`patch`] can.
    pub(crate) fn patch_at(
        &mut self,
        changed: &[(usize, Arc<Event>)],
        config: &Config,
    ) -> Option<(Arc<Timeline>, Diagnostics)> {
        let last = self.last.as_mut()?;
        let Patched { checked, warnings } = patch(last, changed, config, &self.checked)?;
        for (k, new) in changed {
            let old = std::mem::replace(&mut last.files[*k], Arc::clone(new));
            self.checked.replace(&old, new, &checked[last.by_file[*k]]);
        }
        last.checked = checked;
        Some((Arc::clone(&last.timeline), warnings))
    }

    /// Drops the last timeline: the next is built anew.
    pub(super) fn forget_last(&mut self) {
        // Letting go of a timeline of many events takes a while: not on
        // the way to the next one.
        if let Some(last) = self.last.take() {
            std::thread::spawn(move || drop(last));
        }
    }

    /// Keeps `last` for the next build to patch.
    pub(super) fn remember(&mut self, last: Last) {
        self.last = Some(last);
    }

    /// Checks each event's citations (in timeline order) on its own, in
    /// parallel, or takes the check kept from the last build when neither
    /// the event nor any source changed; keeps the checks for the next.
    pub(super) fn check_all(
        &mut self,
        events: &[Arc<Event>],
        sources: &[Arc<Source>],
        source_ids: &HashMap<&str, usize>,
        unloaded: &Unloaded,
        tz: chrono_tz::Tz,
    ) -> Vec<Arc<Checked>> {
        let sources_key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (
                &unloaded.sources,
                sources.iter().map(|s| s.fingerprint).collect::<Vec<_>>(),
            )
                .hash(&mut h);
            h.finish()
        };
        if self.sources_key != sources_key {
            self.sources_key = sources_key;
            self.checked.clear();
        }
        let kept = std::mem::take(&mut self.checked);
        let checked: Vec<Arc<Checked>> = events
            .par_iter()
            .map(|event| {
                kept.get(event).unwrap_or_else(|| {
                    Arc::new(check_citations(event, sources, source_ids, unloaded, tz))
                })
            })
            .collect();
        self.checked = Kept::of(events, &checked);
        checked
    }
}
