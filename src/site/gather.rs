//! What a check hands the timeline: every events file's events in file
//! order (drafts left out unless asked for) and every source, with each
//! file's problems. In `annals serve`, when the files read again since
//! the last check were edited in place — as many events, the same drafts,
//! no problems before or after — only their events are handed over, at
//! their places: an edit of one file of a 100,000-event site then costs
//! that file, not a walk over every event.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::content::event::Event;
use crate::content::source::Source;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::timeline::Unloaded;

/// One content file as last read: what it parsed to, and its problems.
pub(super) struct Parsed<T> {
    pub(super) value: T,
    pub(super) diags: Vec<Diagnostic>,
    /// When it has errors: the ids it may have meant to give (see
    /// [`crate::content::fields::ids_written_in`]).
    pub(super) unloaded_ids: Vec<String>,
    /// For an events file: where its events start among those the last
    /// full [`gather`] handed over.
    slot: usize,
}

impl<T> Parsed<T> {
    pub(super) fn new(value: T, diags: Vec<Diagnostic>, text: Option<&SourceText>) -> Parsed<T> {
        let failed = diags
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error);
        let unloaded_ids = match text {
            Some(t) if failed => crate::content::fields::ids_written_in(t.path(), &t.text),
            _ => Vec::new(),
        };
        Parsed {
            value,
            diags,
            unloaded_ids,
            slot: 0,
        }
    }
}

/// The events files, by path.
pub(super) type EventFiles = BTreeMap<PathBuf, Parsed<Vec<Arc<Event>>>>;
/// The source files, by path.
pub(super) type SourceFiles = BTreeMap<PathBuf, Parsed<Option<Arc<Source>>>>;

/// What every file gave.
pub(super) struct Gathered {
    /// The events in file order, without drafts unless asked for.
    pub(super) events: Vec<Arc<Event>>,
    pub(super) sources: Vec<Arc<Source>>,
    /// Every file's problems.
    pub(super) diags: Vec<Diagnostic>,
    /// What the files that failed to load may have held.
    pub(super) unloaded: Unloaded,
    /// Draft events left out.
    pub(super) drafts_left_out: usize,
}

/// Every file's events, sources and problems; each events file is told
/// where its events start, for [`Edits`].
pub(super) fn gather(
    events: &mut EventFiles,
    sources: &SourceFiles,
    with_drafts: bool,
) -> Gathered {
    let mut all = Gathered {
        events: Vec::new(),
        sources: Vec::new(),
        diags: Vec::new(),
        unloaded: Unloaded::default(),
        drafts_left_out: 0,
    };
    for parsed in events.values_mut() {
        parsed.slot = all.events.len();
        all.unloaded.any |= !parsed.unloaded_ids.is_empty();
        all.unloaded
            .events
            .extend(parsed.unloaded_ids.iter().cloned());
        all.diags.extend(parsed.diags.iter().cloned());
        for e in &parsed.value {
            if with_drafts || !e.draft {
                all.events.push(Arc::clone(e));
            } else {
                all.drafts_left_out += 1;
            }
        }
    }
    for parsed in sources.values() {
        all.unloaded.any |= parsed.value.is_none();
        all.unloaded
            .sources
            .extend(parsed.unloaded_ids.iter().cloned());
        all.diags.extend(parsed.diags.iter().cloned());
        all.sources.extend(parsed.value.iter().cloned());
    }
    all
}

/// Events, each with its place among those gathered.
pub(super) type Placed = Vec<(usize, Arc<Event>)>;

/// The events files edited in place since the last full [`gather`].
#[derive(Default)]
pub(super) struct Edits {
    /// Each edited file's events (as gathered) by where they start; `None`
    /// when anything else changed, and only a full gather will do.
    edited: Option<BTreeMap<usize, Vec<Arc<Event>>>>,
    /// What that gather found besides the events.
    diags: Vec<Diagnostic>,
    drafts_left_out: usize,
}

impl Edits {
    /// After a full gather: edits are counted from `all`, when it holds
    /// no file that failed to load.
    pub(super) fn start(&mut self, all: &Gathered) {
        *self = Edits::default();
        if !all.unloaded.any {
            self.edited = Some(BTreeMap::new());
            self.diags = all.diags.clone();
            self.drafts_left_out = all.drafts_left_out;
        }
    }

    /// Something changed that only a full gather takes in.
    pub(super) fn forget(&mut self) {
        self.edited = None;
    }

    /// `new` was read for a file that held `old`.
    pub(super) fn replaced(
        &mut self,
        old: Option<&Parsed<Vec<Arc<Event>>>>,
        new: &mut Parsed<Vec<Arc<Event>>>,
        with_drafts: bool,
    ) {
        let Some(edited) = &mut self.edited else {
            return;
        };
        let clean = |p: &Parsed<Vec<Arc<Event>>>| p.diags.is_empty() && p.unloaded_ids.is_empty();
        match old {
            Some(old)
                if clean(old)
                    && clean(new)
                    && old.value.len() == new.value.len()
                    && old
                        .value
                        .iter()
                        .zip(&new.value)
                        .all(|(a, b)| a.draft == b.draft) =>
            {
                new.slot = old.slot;
                let events = new.value.iter().filter(|e| with_drafts || !e.draft);
                edited.insert(old.slot, events.cloned().collect());
            }
            _ => self.edited = None,
        }
    }

    /// The events edited in place, each with its place among those last
    /// gathered, and what else that gather found (problems, drafts left
    /// out); `None` when a full gather is needed. The edits are then
    /// counted from here.
    pub(super) fn take(&mut self) -> Option<(Placed, &[Diagnostic], usize)> {
        let edited = std::mem::take(self.edited.as_mut()?);
        let changed = edited
            .into_iter()
            .flat_map(|(slot, events)| {
                events
                    .into_iter()
                    .enumerate()
                    .map(move |(j, e)| (slot + j, e))
            })
            .collect();
        Some((changed, &self.diags, self.drafts_left_out))
    }
}
