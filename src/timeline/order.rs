//! The timeline's one order (DESIGN.md): by the start of the span, then
//! the longer span first, then importance (higher first), then id; then
//! the written date and, last, the order of the files, so that it is total
//! and the same content always gives the same timeline.

use std::cmp::{Ordering, Reverse};

use crate::content::event::Event;
use crate::date::EventDate;

/// The order's first keys: span start, the longer span first, the more
/// important first.
type IntegerKey = (i64, Reverse<i64>, Reverse<u8>);

/// What decides an event's place on the timeline.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// The span in UTC seconds (see [`Event::span`]).
    pub(crate) span: (i64, i64),
    /// 1–5.
    pub(crate) importance: u8,
    /// The event's id.
    pub(crate) id: &'a str,
    /// The date as written.
    pub(crate) date: &'a EventDate,
}

impl<'a> Place<'a> {
    /// The place of `event`.
    pub(crate) fn of(event: &'a Event) -> Place<'a> {
        Place {
            span: event.span,
            importance: event.importance,
            id: &event.id,
            date: &event.date,
        }
    }

    /// The order, less the file order: equal only for places with the
    /// same span, importance, id and written date.
    pub(crate) fn cmp(&self, other: &Place<'_>) -> Ordering {
        self.integer_key()
            .cmp(&other.integer_key())
            .then_with(|| self.id.cmp(other.id))
            .then_with(|| self.date.to_string().cmp(&other.date.to_string()))
    }

    fn integer_key(&self) -> IntegerKey {
        (self.span.0, Reverse(self.span.1), Reverse(self.importance))
    }
}

/// The indices of `places` (given in file order) in timeline order:
/// [`Place::cmp`], ties kept in file order.
pub(crate) fn order(places: &[Place<'_>]) -> Vec<usize> {
    // Sorted by plain integer keys first (the file order last), then the
    // rare runs of events with one span and importance by id: comparing
    // strings for 100,000 events costs more than the rest of the order.
    let mut keyed: Vec<(IntegerKey, usize)> = places
        .iter()
        .enumerate()
        .map(|(k, p)| (p.integer_key(), k))
        .collect();
    keyed.sort_unstable();
    let mut order: Vec<usize> = keyed.iter().map(|key| key.1).collect();
    let mut at = 0;
    while at < keyed.len() {
        let same = keyed[at..]
            .iter()
            .take_while(|key| key.0 == keyed[at].0)
            .count();
        if same > 1 {
            order[at..at + same].sort_by(|&a, &b| places[a].cmp(&places[b]).then(a.cmp(&b)));
        }
        at += same;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::strategies::date;
    use chrono_tz::Tz;
    use proptest::prelude::*;

    fn places<'a>(dates: &'a [(EventDate, u8, String)], tz: Tz) -> Vec<Place<'a>> {
        dates
            .iter()
            .map(|(date, importance, id)| Place {
                span: date.span(tz),
                importance: *importance,
                id,
                date,
            })
            .collect()
    }

    #[test]
    fn dates_take_their_place_by_span_start_then_the_longer_span_first() {
        let written = [
            "2025-05-04",
            "2025-02",
            "2025",
            "2025-01/..",
            "2025-01",
            "2025-05-05T20:03+05:30",
            "2025-04",
            "-0043-03-15",
            "202X",
            "2025-21",
            "2024-24",
            "Y-13798000000",
        ];
        let dates: Vec<(EventDate, u8, String)> = written
            .iter()
            .map(|w| (EventDate::parse(w).unwrap(), 3, "same-id".to_string()))
            .collect();
        let tz = Tz::UTC;
        let sorted: Vec<String> = order(&places(&dates, tz))
            .into_iter()
            .map(|k| dates[k].0.to_string())
            .collect();
        // An ongoing interval is longer than any closed span from the same
        // start; the 2020s are longer than 2025 but start earlier.
        assert_eq!(
            sorted,
            [
                "Y-13798000000",
                "-0043-03-15",
                "202X",
                "2024-24",
                "2025-01/..",
                "2025",
                "2025-01",
                "2025-02",
                "2025-21",
                "2025-04",
                "2025-05-04",
                "2025-05-05T20:03+05:30",
            ]
        );
    }

    #[test]
    fn importance_then_id_break_ties_of_one_span() {
        let day = EventDate::parse("2025-05-04").unwrap();
        let dates = vec![
            (day, 3, "b".to_string()),
            (day, 5, "z".to_string()),
            (day, 3, "a".to_string()),
        ];
        assert_eq!(order(&places(&dates, Tz::UTC)), [1, 2, 0]);
    }

    fn event() -> impl Strategy<Value = (EventDate, u8, String)> {
        (date(), 1u8..=5, "[a-c]{1,2}").prop_map(|(d, i, id)| (d, i, id))
    }

    proptest! {
        #[test]
        fn the_order_is_total_and_agrees_with_equality(
            a in event(), b in event(), c in event()
        ) {
            let tz: Tz = "America/Mexico_City".parse().unwrap();
            let all = [a, b, c];
            let p = places(&all, tz);
            let ab = p[0].cmp(&p[1]);
            prop_assert_eq!(ab, p[1].cmp(&p[0]).reverse());
            prop_assert_eq!(ab == Ordering::Equal, all[0] == all[1]);
            if ab != Ordering::Greater && p[1].cmp(&p[2]) != Ordering::Greater {
                prop_assert_ne!(p[0].cmp(&p[2]), Ordering::Greater);
            }
        }

        #[test]
        fn the_files_order_does_not_change_the_timeline(
            events in proptest::collection::vec(event(), 0..24),
            seed in any::<u64>(),
        ) {
            let tz: Tz = "America/Mexico_City".parse().unwrap();
            let timeline = |events: &[(EventDate, u8, String)]| -> Vec<(EventDate, u8, String)> {
                order(&places(events, tz)).into_iter().map(|k| events[k].clone()).collect()
            };
            let first = timeline(&events);
            // What the timeline uses is sorted by the order itself.
            let p = places(&first, tz);
            prop_assert!(p.windows(2).all(|w| w[0].cmp(&w[1]) != Ordering::Greater));
            let mut shuffled = events.clone();
            let n = shuffled.len();
            for k in (1..n).rev() {
                let j = (seed.wrapping_mul(k as u64 + 7).rotate_left(k as u32) % (k as u64 + 1)) as usize;
                shuffled.swap(k, j);
            }
            prop_assert_eq!(timeline(&shuffled), first);
        }
    }
}
