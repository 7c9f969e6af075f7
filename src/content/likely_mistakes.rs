//! Warnings about what is valid but almost surely not what the editor
//! meant: a title too long to be a headline, a UTC offset the event's own
//! time zone did not have, a name a flow list split at its comma.

use chrono_tz::Tz;
use serde_saphyr::Spanned;

use crate::content::yaml;
use crate::date::{DateEnd, EventDate};
use crate::diagnostic::{Diagnostic, SourceText};

/// The parts of an event as written that the checks read.
pub(crate) struct Written<'a> {
    /// `title:`
    pub title: &'a Spanned<String>,
    /// `date:`
    pub date: &'a Spanned<String>,
    /// `tags:`, `actors:`, `places:`
    pub terms: [&'a [Spanned<String>]; 3],
}

/// The longest title that still reads as a headline (in characters).
const LONG_TITLE: usize = 200;

/// Warnings about what is valid but almost surely not meant: a title
/// too long to be a headline, a UTC offset the event's own zone did not
/// have, a name that a flow list split at its comma.
pub(crate) fn check(
    src: &SourceText,
    raw: &Written<'_>,
    zoned: Option<(&EventDate, Tz)>,
    diags: &mut Vec<Diagnostic>,
) {
    let chars = raw.title.value.chars().count();
    if chars > LONG_TITLE {
        let mut at = yaml::location(src, 0, raw.title);
        at.len = at.len.min(40);
        diags.push(
            Diagnostic::error(
                format!("the title is {chars} characters long: a headline is at most {LONG_TITLE}"),
                at,
            )
            .with_hint("pages, feeds and calendars show the title whole: keep it to a headline and put the rest in `summary:` or `body:`")
            .warning(),
        );
    }
    if let Some((date, tz)) = zoned {
        let ends = match &date.end {
            DateEnd::Point(e) => Some(e),
            _ => None,
        };
        for p in std::iter::once(&date.start).chain(ends) {
            if let Some((written, actual)) = p.offset_contradicts(tz) {
                diags.push(
                    Diagnostic::error(
                        format!("the offset {written} is not {tz}'s at that time, which is {actual}"),
                        yaml::location(src, 0, raw.date),
                    )
                    .with_hint(format!(
                        "the time is read at {written} and shown in {tz} as another hour: write the offset the clocks had there ({actual}), or leave the offset out to take the zone's"
                    ))
                    .warning(),
                );
            }
        }
    }
    for list in raw.terms {
        for pair in list.windows(2) {
            let (before, item) = (&pair[0], &pair[1]);
            let at = yaml::location(src, 0, item);
            let flow = src.line(at.line).contains('[');
            if flow && looks_like_a_name_end(&item.value) {
                diags.push(
                    Diagnostic::error(
                        format!(
                            "`{}` looks like the end of the name `{}, {}`, split at its comma",
                            item.value, before.value, item.value
                        ),
                        at,
                    )
                    .with_hint(format!(
                        "in `[…]` a comma separates items: write the name in quotes, `\"{}, {}\"`",
                        before.value, item.value
                    ))
                    .warning(),
                );
            }
        }
    }
}

/// True for what ends a name after a comma rather than names something on
/// its own: initials (`D.C.`, `U.K.`), and the suffixes of people and
/// companies (`Jr.`, `Inc.`, `S.A.`).
fn looks_like_a_name_end(item: &str) -> bool {
    const SUFFIXES: [&str; 14] = [
        "jr", "sr", "jr.", "sr.", "inc", "inc.", "ltd", "ltd.", "llc", "co.", "ii", "iii", "phd",
        "esq.",
    ];
    let initials = item.len() >= 2
        && item.ends_with('.')
        && item
            .split('.')
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
    initials || SUFFIXES.contains(&item.to_lowercase().as_str())
}
