//! The search index's documents kept from one build to the next, so that
//! `annals serve` tokenises again only what an edit changed.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Doc, Words};
use crate::content::event::Event;
use crate::content::source::Source;
use crate::timeline::{Citation, Timeline};
use crate::views::EventText;

/// The documents of the last index, kept from one build to the next by
/// `annals serve` (see `Site::keep_render_cache`): after an edit, only the
/// events and sources it changed are tokenised again. A document is found
/// by the address of its event or source and taken only if what it was
/// made from is still the same: the event, its display texts and its
/// checked citations, or the source (the site's settings do not change
/// while it is loaded). Holding these keeps the addresses from being
/// reused. Kept in place: a build adds what it made and lets go of what
/// it did not use.
#[derive(Default)]
pub(crate) struct SearchCache {
    pub(super) events: FxHashMap<usize, Cached<EventMade>>,
    pub(super) sources: FxHashMap<usize, Cached<Arc<Source>>>,
    /// The words the documents' terms are numbers of.
    pub(super) words: Words,
    /// The number of the last build, with which it marked what it used.
    pub(super) build: u64,
}

/// What an event's document is made from: the event, its display texts
/// and its checked citations.
type EventMade = (Arc<Event>, Arc<EventText>, Arc<[Citation]>);

/// A kept document, what it was made from, and the last build that used
/// it.
pub(super) struct Cached<M> {
    made: M,
    doc: Arc<Doc>,
    pub(super) used: u64,
}

impl SearchCache {
    pub(super) fn event(
        &self,
        tl: &Timeline,
        texts: &[Arc<EventText>],
        i: usize,
    ) -> Option<Arc<Doc>> {
        let c = self.events.get(&address(&tl.events[i]))?;
        let (event, text, citations) = &c.made;
        (Arc::ptr_eq(event, &tl.events[i])
            && Arc::ptr_eq(text, &texts[i])
            && Arc::ptr_eq(citations, &tl.citations[i]))
        .then(|| Arc::clone(&c.doc))
    }

    pub(super) fn source(&self, tl: &Timeline, si: usize) -> Option<Arc<Doc>> {
        let c = self.sources.get(&address(&tl.sources[si]))?;
        Arc::ptr_eq(&c.made, &tl.sources[si]).then(|| Arc::clone(&c.doc))
    }

    /// Marks the document of document `d` as used by this build, or keeps
    /// it if it is `new`.
    pub(super) fn keep(
        &mut self,
        tl: &Timeline,
        texts: &[Arc<EventText>],
        d: usize,
        doc: &Arc<Doc>,
        new: bool,
    ) {
        let (used, events) = (self.build, tl.events.len());
        if d < events {
            let key = address(&tl.events[d]);
            match self.events.get_mut(&key) {
                Some(c) if !new => c.used = used,
                _ => {
                    let made = (
                        Arc::clone(&tl.events[d]),
                        Arc::clone(&texts[d]),
                        Arc::clone(&tl.citations[d]),
                    );
                    let doc = Arc::clone(doc);
                    self.events.insert(key, Cached { made, doc, used });
                }
            }
        } else {
            let source = &tl.sources[d - events];
            match self.sources.get_mut(&address(source)) {
                Some(c) if !new => c.used = used,
                _ => {
                    let (made, doc) = (Arc::clone(source), Arc::clone(doc));
                    self.sources
                        .insert(address(source), Cached { made, doc, used });
                }
            }
        }
    }
}

fn address<T: ?Sized>(a: &Arc<T>) -> usize {
    Arc::as_ptr(a).cast::<u8>() as usize
}
