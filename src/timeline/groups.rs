//! The list's year and month groups.

use std::sync::Arc;

use super::{MonthGroup, YearGroup};
use crate::content::event::Event;

/// The events (in timeline order) grouped by the year and month they
/// start in, as written; within a year, events known only to the year
/// come first.
pub(super) fn years(events: &[Arc<Event>]) -> Vec<YearGroup> {
    let mut years: Vec<YearGroup> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let (year, month) = e.date.year_month();
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearGroup {
                year,
                months: Vec::new(),
            });
        }
        let y = years.last_mut().expect("pushed above");
        match y.months.iter_mut().find(|m| m.month == month) {
            Some(m) => m.events.push(i),
            None => y.months.push(MonthGroup {
                month,
                events: vec![i],
            }),
        }
    }
    for y in &mut years {
        y.months.sort_by_key(|m| m.month);
    }
    years
}
