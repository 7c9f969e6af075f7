//! What a build made for each event (its citation check, its display
//! texts), kept for the next build (`annals serve`) by the fingerprint of
//! what the event was read from ([`Event::fingerprint`]): an event whose
//! file did not change takes what was made for it last time. An event not
//! read from a file (fingerprint 0) is never kept.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::content::event::Event;

/// Things made for events, by fingerprint.
#[derive(Debug)]
pub(crate) struct Kept<T>(HashMap<u64, Arc<T>>);

impl<T> Default for Kept<T> {
    fn default() -> Kept<T> {
        Kept(HashMap::default())
    }
}

impl<T> Kept<T> {
    /// What was made for `events` (`made`, in the same order).
    pub(crate) fn of(events: &[Arc<Event>], made: &[Arc<T>]) -> Kept<T> {
        Kept(
            events
                .iter()
                .zip(made)
                .filter(|(e, _)| e.fingerprint != 0)
                .map(|(e, m)| (e.fingerprint, Arc::clone(m)))
                .collect(),
        )
    }

    /// What was made for `event` as it is, if it was kept.
    pub(crate) fn get(&self, event: &Event) -> Option<Arc<T>> {
        if event.fingerprint == 0 {
            return None;
        }
        self.0.get(&event.fingerprint).cloned()
    }

    /// `old` was replaced by `new`, for which `made` was made.
    pub(crate) fn replace(&mut self, old: &Event, new: &Event, made: &Arc<T>) {
        self.0.remove(&old.fingerprint);
        if new.fingerprint != 0 {
            self.0.insert(new.fingerprint, Arc::clone(made));
        }
    }

    /// Forgets everything (what it was made against changed).
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}
