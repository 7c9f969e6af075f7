//! The timeline: events in their total order ([`order`]), with citations
//! checked against the sources ([`citations`]), ids and references resolved
//! ([`references`]), taxonomy terms collected ([`taxonomies`]) and the
//! events grouped by year and month ([`groups`]). Every cross-file check
//! lives here, each a small named step of [`build`]; what a rebuild can
//! reuse is kept beside it, in [`TimelineCache`].

mod cache;
mod citations;
mod groups;
mod moves;
pub(crate) use moves::Shift;
pub(crate) mod order;
mod references;
mod taxonomies;
pub(crate) mod translations;

use std::sync::Arc;

// Maps keyed by the site's own ids and fingerprints: nothing to defend
// against, and hashed tens of thousands of times per build.
use rustc_hash::FxHashMap as HashMap;

use cache::Last;
pub(crate) use cache::TimelineCache;
use order::Place;
use references::{duplicate_ids, unknown_id};

use crate::content::config::Config;
use crate::content::event::Event;
use crate::content::source::Source;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// What the files that failed to load may have held.
#[derive(Debug, Default, Clone)]
pub(crate) struct Unloaded {
    /// True when any content file failed to load.
    pub any: bool,
    /// Ids the failed event files may hold.
    pub events: std::collections::BTreeSet<String>,
    /// Ids the failed source files may hold.
    pub sources: std::collections::BTreeSet<String>,
}

/// A citation checked against its source.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    /// Index into `Timeline::sources`.
    pub source: usize,
    /// The quotation as written in the event.
    pub quote: Option<String>,
    /// The editor's translation of the quotation, never checked.
    pub translation: Option<String>,
    /// Anchor of the paragraph that holds the quotation.
    pub anchor: Option<String>,
    /// Whether the quotation starts, and whether it ends, inside a
    /// sentence of its paragraph: it is shown with an ellipsis there.
    pub clipped: (bool, bool),
}

/// Events of one month (or of a year, for events known only to the year).
#[derive(Debug, Clone)]
pub(crate) struct MonthGroup {
    /// 1–12, or `None` for year-precision events.
    pub month: Option<u8>,
    /// Indices into `Timeline::events`, in order.
    pub events: Vec<usize>,
}

/// Events of one year.
#[derive(Debug, Clone)]
pub(crate) struct YearGroup {
    /// Astronomical year.
    pub year: i64,
    /// Month groups in order.
    pub months: Vec<MonthGroup>,
}

/// One term of a taxonomy.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// URL slug.
    pub slug: String,
    /// As written (the spelling of its earliest event).
    pub name: String,
    /// Indices into `Timeline::events`, in order.
    pub events: Vec<usize>,
}

/// One taxonomy with its terms.
#[derive(Debug, Clone)]
pub(crate) struct Taxonomy {
    /// `tags`, `actors` or `places`.
    pub name: &'static str,
    /// Heading.
    pub title: String,
    /// Terms sorted by name.
    pub terms: Vec<Term>,
}

/// The ordered, cross-checked site.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    /// Events in timeline order (shared with `annals serve`'s cache of
    /// parsed files, so a rebuild need not copy them).
    pub events: Vec<Arc<Event>>,
    /// Resolved citations of each event (same index as `events`).
    pub citations: Vec<Arc<[Citation]>>,
    /// Resolved related events of each event.
    pub related: Shared<Vec<usize>>,
    /// Sources in the order of their files.
    pub sources: Vec<Arc<Source>>,
    /// For each source, the events that cite it, in order.
    pub cited_by: Shared<Vec<usize>>,
    /// Year and month groups.
    pub years: Shared<YearGroup>,
    /// Taxonomies configured for the site.
    pub taxonomies: Shared<Taxonomy>,
    /// The terms each event names, as (index into `taxonomies`, index into
    /// its `terms`), in the order of the taxonomies and as written.
    pub event_terms: Shared<Vec<(usize, usize)>>,
    /// This timeline's number, unique in the process.
    pub number: u64,
    /// What changed since the timeline this one was patched from (see
    /// [`Change`]).
    pub change: Change,
}

/// What a timeline says of the one before it (`annals serve`): the
/// fields other than `events` and `citations` are shared with it (cloning
/// them would cost a new timeline's worth of allocations per edit), and a
/// renderer that last rendered that timeline may update only what the
/// changed events show.
#[derive(Debug, Clone, Default)]
pub(crate) enum Change {
    /// Built anew: compare everything.
    #[default]
    All,
    /// Patched from the timeline numbered `from`: one event moved in time
    /// (see [`moves`]) from index `shift.from` to `shift.to`, every index
    /// between shifted by one; every other event and every source is the
    /// same. What is made per event can be moved along (see
    /// [`Shift::reorder`]); pages are compared.
    Moved {
        /// The number of the timeline it was patched from.
        from: u64,
        /// Where the event was and is.
        shift: Shift,
        /// The event it replaced.
        replaced: Arc<Event>,
    },
    /// Patched from the timeline numbered `from` (see [`Timeline::number`]):
    /// the events at these indices were replaced by events in the same
    /// place, with the same dates, terms, related events and cited sources
    /// (their importance may differ where the order keeps them there);
    /// every other event and every source is the same.
    Words {
        /// The number of the timeline it was patched from.
        from: u64,
        /// The indices of the replaced events, in order.
        changed: Vec<usize>,
        /// The events they replaced, in the same order.
        replaced: Vec<Arc<Event>>,
    },
}

/// What a patched timeline ([`Change::Words`], [`Change::Moved`]) says of
/// the one it was patched from, read alike for both.
#[derive(Clone, Copy)]
pub(crate) struct Patch<'c> {
    /// The number of the timeline it was patched from.
    pub from: u64,
    /// The indices of the replaced events (a moved event's new one), in
    /// order.
    pub changed: &'c [usize],
    /// The events they replaced, in the same order.
    pub replaced: &'c [Arc<Event>],
    /// For a move, where the event was and is.
    pub shift: Option<Shift>,
}

impl Change {
    /// What this timeline says of the one it was patched from; `None`
    /// when built anew.
    pub(crate) fn patch(&self) -> Option<Patch<'_>> {
        match self {
            Change::All => None,
            Change::Moved {
                from,
                shift,
                replaced,
            } => Some(Patch {
                from: *from,
                changed: std::slice::from_ref(&shift.to),
                replaced: std::slice::from_ref(replaced),
                shift: Some(*shift),
            }),
            Change::Words {
                from,
                changed,
                replaced,
            } => Some(Patch {
                from: *from,
                changed,
                replaced,
                shift: None,
            }),
        }
    }
}

/// A part of a timeline shared with the timelines patched from it: read
/// as a `Vec`, cloned for the cost of a pointer, changed by copying.
#[derive(Debug)]
pub(crate) struct Shared<T>(Arc<Vec<T>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(v: Vec<T>) -> Self {
        Shared(Arc::new(v))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T: Clone> Shared<T> {
    /// The parts to change, copied first when another timeline shares them.
    pub(crate) fn make_mut(&mut self) -> &mut Vec<T> {
        Arc::make_mut(&mut self.0)
    }
}

impl<'a, T> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Numbers timelines, so that a [`Change`] can say which one it is from.
static NUMBER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Timeline {
    /// A number no other timeline of this process has.
    pub(crate) fn new_number() -> u64 {
        NUMBER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }
}

/// Orders the events and checks every reference between files, reusing
/// and updating `cache`. `events` and `sources` are in the order of their
/// files (as [`crate::read`] lists them) and, within a file, as written.
/// All problems are returned together. `unloaded` says which files
/// failed to load: references to unknown ids are still reported, except to
/// the ids those files may hold.
pub(crate) fn build(
    config: &Config,
    events: Vec<Arc<Event>>,
    sources: Vec<Arc<Source>>,
    unloaded: &Unloaded,
    cache: &mut TimelineCache,
) -> Result<(Arc<Timeline>, Diagnostics), Diagnostics> {
    let partial = unloaded.any;
    let events = if partial {
        events
    } else {
        match cache.patch(events, &sources, config) {
            Ok(patched) => return Ok(patched),
            Err(events) => events,
        }
    };
    cache.forget_last();
    // Events and sources come in file order (loading sorts the paths, so
    // duplicates are reported against the same "first" whatever order the
    // file system listed them in). Checked in debug builds only: comparing
    // 10,000 paths component by component costs more than the rest of an
    // incremental rebuild's timeline.
    debug_assert!(sources.is_sorted_by(|a, b| a.location <= b.location));
    debug_assert!(events.is_sorted_by(|a, b| a.location <= b.location));
    let (events, by_file) = in_order(events);
    let mut diags = Diagnostics::default();
    // Warnings that are not about one event's citations.
    let mut other = Diagnostics::default();
    let source_ids = duplicate_ids(
        "source",
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), &s.location, i)),
        &mut diags,
    );
    // In file order, each id to where its event now stands.
    let event_ids = duplicate_ids(
        "event",
        by_file
            .iter()
            .map(|&i| (events[i].id.as_str(), &events[i].location, i)),
        &mut diags,
    );
    let checked = cache.check_all(&events, &sources, &source_ids, unloaded, config.timezone);
    let mut warnings = Diagnostics::default();
    for c in &checked {
        c.errors.iter().for_each(|d| diags.push(d.clone()));
        c.warnings.iter().for_each(|d| warnings.push(d.clone()));
    }
    let related = related(&events, &event_ids, unloaded, &mut diags);
    let other_before = other.warning_count();
    let (taxonomies, event_terms) = taxonomies::taxonomies(config, &events, &mut diags, &mut other);
    // Only spellings are warned about there.
    let spellings_differ = other.warning_count() > other_before;
    if diags.has_errors() {
        diags.extend(warnings);
        diags.extend(other);
        return Err(diags);
    }
    let citations: Vec<Arc<[Citation]>> =
        checked.iter().map(|c| Arc::clone(&c.citations)).collect();
    let cited_by = cited_by(&citations, sources.len());
    if !partial {
        // When files failed to load, the citing event may be among them.
        uncited_sources(&sources, &cited_by, &mut other);
    }
    let timeline = Arc::new(Timeline {
        years: Shared::from(groups::years(&events)),
        events,
        citations,
        related: Shared::from(related),
        sources,
        cited_by: Shared::from(cited_by),
        taxonomies: Shared::from(taxonomies),
        event_terms: Shared::from(event_terms),
        number: Timeline::new_number(),
        change: Change::All,
    });
    if !partial {
        cache.remember(Last::new(
            &timeline,
            by_file,
            checked,
            &other,
            spellings_differ,
        ));
    }
    warnings.extend(other);
    Ok((timeline, warnings))
}

/// The events in timeline order, and for each event in file order where
/// it now stands.
fn in_order(events: Vec<Arc<Event>>) -> (Vec<Arc<Event>>, Vec<usize>) {
    let places: Vec<Place<'_>> = events.iter().map(|e| Place::of(e)).collect();
    let order = order::order(&places);
    drop(places);
    let mut by_file = vec![0; events.len()];
    for (pos, &k) in order.iter().enumerate() {
        by_file[k] = pos;
    }
    let mut slots: Vec<Option<Arc<Event>>> = events.into_iter().map(Some).collect();
    let events = order
        .iter()
        .map(|&k| slots[k].take().expect("a permutation takes each once"))
        .collect();
    (events, by_file)
}

/// Each event's related events, by timeline index; unknown ids are errors
/// unless a file that failed to load may hold them.
fn related(
    events: &[Arc<Event>],
    event_ids: &HashMap<&str, usize>,
    unloaded: &Unloaded,
    diags: &mut Diagnostics,
) -> Vec<Vec<usize>> {
    events
        .iter()
        .map(|event| {
            let mut rel = Vec::new();
            for r in &event.related {
                match event_ids.get(r.id.as_str()) {
                    Some(&i) => rel.push(i),
                    None if unloaded.events.contains(&r.id) => {}
                    None => diags.push(unknown_id("event", r, event_ids)),
                }
            }
            rel
        })
        .collect()
}

/// For each source, the events that cite it, in timeline order.
fn cited_by(citations: &[Arc<[Citation]>], sources: usize) -> Vec<Vec<usize>> {
    let mut cited_by = vec![Vec::new(); sources];
    for (ei, cs) in citations.iter().enumerate() {
        for c in cs.iter() {
            if cited_by[c.source].last() != Some(&ei) {
                cited_by[c.source].push(ei);
            }
        }
    }
    cited_by
}

/// A warning for each source no event cites.
fn uncited_sources(sources: &[Arc<Source>], cited_by: &[Vec<usize>], warnings: &mut Diagnostics) {
    for (s, by) in sources.iter().zip(cited_by) {
        if by.is_empty() {
            warnings.push(
                Diagnostic::error(
                    format!("source `{}` is cited by no event", s.id),
                    s.location.clone(),
                )
                .with_hint(
                    "cite it from an event with `sources: [{source: ID, quote: …}]`, or remove it",
                )
                .warning(),
            );
        }
    }
}
