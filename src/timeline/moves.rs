//! One event moved in time (`annals serve`): taken out of the order and
//! put back at its new place, every index-keyed part of the timeline
//! renumbered in place, instead of ordering, grouping and collecting the
//! terms of every event again. The result is the timeline a full build
//! makes of the same events (`tests/testsuite/incremental.rs` compares
//! them after each edit).

use std::sync::Arc;

use super::order::Place;
use super::{Citation, MonthGroup, Timeline, YearGroup};
use crate::content::event::Event;

/// Old index to new, for one event moved from `from` to `to` (its index
/// in the new order): the events between shift by one toward `from`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shift {
    pub(crate) from: usize,
    pub(crate) to: usize,
}

impl Shift {
    /// The new index of the event at old index `i`.
    pub(crate) fn apply(self, i: usize) -> usize {
        let Shift { from, to } = self;
        if i == from {
            to
        } else if from < to && i > from && i <= to {
            i - 1
        } else if to < from && i >= to && i < from {
            i + 1
        } else {
            i
        }
    }

    /// `v` (indexed by old index) reindexed by new index.
    pub(crate) fn reorder<T>(self, v: &mut [T]) {
        if self.from < self.to {
            v[self.from..=self.to].rotate_left(1);
        } else {
            v[self.to..=self.from].rotate_right(1);
        }
    }
}

/// Where `event` goes in `events` once the event at `from` is taken out:
/// the order is total (ids are unique), so its place is one.
pub(super) fn new_place(events: &[Arc<Event>], from: usize, event: &Event) -> usize {
    let place = Place::of(event);
    let before = |e: &Arc<Event>| Place::of(e).cmp(&place).is_lt();
    // The events before and after `from`, as one list without it.
    let (head, tail) = (&events[..from], &events[from + 1..]);
    let in_head = head.partition_point(before);
    if in_head < head.len() {
        in_head
    } else {
        from + tail.partition_point(before)
    }
}

/// Moves the event at `from` of `tl` to its place in time, as `event`
/// with `citations`: every part of the timeline that names events by
/// index renumbered. `None`, with `tl` untouched, when the year groups
/// would not stay in year order (a zone or an "ago" date can put a year
/// among the events of another; a full build groups those).
pub(super) fn move_event(
    tl: &mut Timeline,
    from: usize,
    event: Arc<Event>,
    citations: Arc<[Citation]>,
) -> Option<Shift> {
    let to = new_place(&tl.events, from, &event);
    let shift = Shift { from, to };
    let new = event.date.year_month();
    let old = tl.events[from].date.year_month();
    if !years_stay_in_order(tl, shift, new.0) {
        return None;
    }
    // The events, then everything that names them.
    tl.events[from] = event;
    tl.citations[from] = citations;
    shift.reorder(&mut tl.events);
    shift.reorder(&mut tl.citations);
    let related = tl.related.make_mut();
    shift.reorder(related);
    related
        .iter_mut()
        .flatten()
        .for_each(|i| *i = shift.apply(*i));
    let cited_by = tl.cited_by.make_mut();
    for list in cited_by.iter_mut() {
        list.iter_mut().for_each(|i| *i = shift.apply(*i));
    }
    for c in tl.citations[to].iter() {
        cited_by[c.source].sort_unstable();
    }
    let event_terms = tl.event_terms.make_mut();
    shift.reorder(event_terms);
    let taxonomies = tl.taxonomies.make_mut();
    for term in taxonomies.iter_mut().flat_map(|t| t.terms.iter_mut()) {
        term.events.iter_mut().for_each(|i| *i = shift.apply(*i));
    }
    for &(t, n) in &tl.event_terms[to] {
        taxonomies[t].terms[n].events.sort_unstable();
    }
    regroup(tl.years.make_mut(), shift, old, new);
    Some(shift)
}

/// Whether each year keeps one group, in year order, once the event at
/// `shift.from` is in `year` at `shift.to`: the years of the events in
/// order never go down now, and `year` falls between its new neighbours'.
/// The groups can then be changed by taking the event out of its month
/// and putting it into another.
fn years_stay_in_order(tl: &Timeline, shift: Shift, year: i64) -> bool {
    if !tl.years.windows(2).all(|w| w[0].year < w[1].year) {
        return false;
    }
    // The j-th event once the moved one is taken out.
    let without = |j: usize| if j < shift.from { j } else { j + 1 };
    let year_of = |j: usize| tl.events[without(j)].date.year_month().0;
    let rest = tl.events.len() - 1;
    (shift.to == 0 || year_of(shift.to - 1) <= year)
        && (shift.to == rest || year <= year_of(shift.to))
}

/// The groups with the event moved from `old` (year, month) to `new`,
/// every index shifted.
fn regroup(
    years: &mut Vec<YearGroup>,
    shift: Shift,
    old: (i64, Option<u8>),
    new: (i64, Option<u8>),
) {
    for m in years.iter_mut().flat_map(|y| y.months.iter_mut()) {
        m.events.iter_mut().for_each(|i| *i = shift.apply(*i));
    }
    // Out of its old month, dropping a month or year left empty.
    let y = years
        .binary_search_by_key(&old.0, |y| y.year)
        .expect("the event's year has a group");
    let months = &mut years[y].months;
    let m = months
        .iter()
        .position(|m| m.month == old.1)
        .expect("the event's month has a group");
    months[m].events.retain(|&i| i != shift.to);
    if months[m].events.is_empty() {
        months.remove(m);
        if months.is_empty() {
            years.remove(y);
        }
    }
    // Into its new month, made when missing.
    let y = find_or_insert(
        years,
        new.0,
        |y| y.year,
        || YearGroup {
            year: new.0,
            months: Vec::new(),
        },
    );
    let months = &mut years[y].months;
    let m = find_or_insert(
        months,
        new.1,
        |m| m.month,
        || MonthGroup {
            month: new.1,
            events: Vec::new(),
        },
    );
    let events = &mut months[m].events;
    let at = events.partition_point(|&i| i < shift.to);
    events.insert(at, shift.to);
}

/// The index of the item of `items` (sorted by `key`) whose key is
/// `wanted`, made by `make` and put in its place when there is none.
fn find_or_insert<T, K: Ord>(
    items: &mut Vec<T>,
    wanted: K,
    key: impl FnMut(&T) -> K,
    make: impl FnOnce() -> T,
) -> usize {
    items
        .binary_search_by_key(&wanted, key)
        .unwrap_or_else(|at| {
            items.insert(at, make());
            at
        })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::content::config::Config;
    use crate::content::event::{Event, parse_file};
    use crate::diagnostic::SourceText;
    use crate::timeline::{Change, Timeline, TimelineCache, Unloaded, build};

    /// Event `n`'s file: its date, importance and tag; it names the event
    /// before it.
    fn event(n: usize, date: &str, importance: u8, tag: &str) -> Arc<Event> {
        let related = match n {
            0 => String::new(),
            _ => format!("related: [e{:03}]\n", n - 1),
        };
        let yaml = format!(
            "title: Event {n}\ndate: \"{date}\"\nimportance: {importance}\ntags: [{tag}, all]\n{related}"
        );
        let src = SourceText::new(format!("content/events/e{n:03}.yaml"), yaml);
        let (mut events, diags) = parse_file(&src, chrono_tz::UTC);
        assert!(diags.is_empty(), "{diags:?}");
        Arc::new(events.remove(0))
    }

    /// What a timeline holds, less its number and how it came about.
    fn shape(tl: &Timeline) -> String {
        let ids: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
        format!(
            "{ids:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            tl.citations, tl.related, tl.cited_by, tl.years, tl.taxonomies, tl.event_terms
        )
    }

    /// A date for step `k`: years, months, days and open spans, some of
    /// them alone in their year or month.
    fn date(k: usize) -> String {
        let year = 1990 + (k * 7) % 40;
        match k % 4 {
            0 => format!("{year}"),
            1 => format!("{year}-{:02}", k % 12 + 1),
            2 => format!("{year}-{:02}/..", k % 12 + 1),
            _ => format!("{year}-{:02}-{:02}", k % 12 + 1, k % 28 + 1),
        }
    }

    #[test]
    fn an_event_moved_in_place_gives_the_timeline_of_a_full_build() {
        let config = Config::fallback();
        let tags = ["alpha", "beta", "gamma"];
        let mut events: Vec<Arc<Event>> = (0..60)
            .map(|n| event(n, &date(n * 5), (n % 5 + 1) as u8, tags[n % 3]))
            .collect();
        let mut cache = TimelineCache::default();
        let unloaded = Unloaded::default();
        build(&config, events.clone(), Vec::new(), &unloaded, &mut cache).unwrap();
        let mut moved = 0;
        for step in 0..80 {
            let n = (step * 37) % events.len();
            // A new date (or, every fifth step, only a new importance).
            let d = if step % 5 == 4 {
                date(n * 5)
            } else {
                date(step * 3 + 1)
            };
            events[n] = event(n, &d, (step % 5 + 1) as u8, tags[n % 3]);
            let (patched, _) =
                build(&config, events.clone(), Vec::new(), &unloaded, &mut cache).unwrap();
            let (full, _) = build(
                &config,
                events.clone(),
                Vec::new(),
                &unloaded,
                &mut TimelineCache::default(),
            )
            .unwrap();
            assert_eq!(shape(&patched), shape(&full), "step {step}");
            moved += usize::from(matches!(patched.change, Change::Moved { .. }));
        }
        assert!(moved > 60, "{moved} of 80 edits moved in place");
        // A term spelled two ways: a move could rename it, so the
        // timeline is built anew.
        events[0] = event(0, "2001", 3, "Alpha");
        build(&config, events.clone(), Vec::new(), &unloaded, &mut cache).unwrap();
        events[3] = event(3, "1985", 3, "alpha");
        let (patched, _) =
            build(&config, events.clone(), Vec::new(), &unloaded, &mut cache).unwrap();
        assert!(matches!(patched.change, Change::All));
    }
}
