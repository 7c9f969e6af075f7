//! From resolved expressions to draft events: each dated statement's
//! sentence becomes the quotation, its date an annals date at the
//! precision the words give ("since" makes it ongoing, "from … to …" a
//! span, "early" a part), its main clause a proposed title, and the names
//! in it actors and places.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate};

use super::rules::{self, RuleSet, TimexType};
use super::tagger::Timex;

/// The names table, read once.
fn names() -> Result<&'static RuleSet, String> {
    static NAMES: OnceLock<Result<RuleSet, String>> = OnceLock::new();
    NAMES
        .get_or_init(|| rules::parse(include_str!("rules/names.rules")))
        .as_ref()
        .map_err(|e| format!("internal error in names.rules: {e}"))
}

/// A proposed event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftEvent {
    pub title: String,
    /// An annals date (`2025-01/..`).
    pub date: String,
    /// The words of the expression(s), as written.
    pub expression: String,
    /// How the date was found.
    pub how: String,
    /// The sentence, verbatim.
    pub quote: String,
    /// 1-based paragraph number (`p-N`).
    pub paragraph: usize,
    pub actors: Vec<String>,
    pub places: Vec<String>,
}

/// An expression the report lists that made no event, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub expression: String,
    pub paragraph: usize,
    pub value: String,
    pub why: &'static str,
}

/// The article's text as the tagger saw it: paragraphs joined by blank
/// lines, with where each starts.
pub(crate) struct Body {
    pub text: String,
    pub starts: Vec<usize>,
}

impl Body {
    pub(super) fn new(paragraphs: &[String]) -> Body {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(paragraphs.len());
        for p in paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            starts.push(text.len());
            text.push_str(p);
        }
        Body { text, starts }
    }
    fn paragraph_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at)
    }
}

/// Builds the drafts from the tagged `body`.
pub(crate) fn drafts(
    body: &Body,
    timexes: &[Timex],
    set: &RuleSet,
) -> Result<(Vec<DraftEvent>, Vec<Skipped>), String> {
    let names = names()?;
    let sentences = super::text::sentences(&body.text, set);
    let known = known_names(&body.text, names, set);
    let mut out: Vec<DraftEvent> = Vec::new();
    let mut skipped = Vec::new();
    let mut i = 0;
    while i < timexes.len() {
        let t = &timexes[i];
        let paragraph = body.paragraph_of(t.start);
        let expression = body.text[t.start..t.end].to_string();
        let Some(sentence) = sentences
            .iter()
            .copied()
            .find(|s| s.0 <= t.start && t.start < s.1)
        else {
            i += 1;
            continue;
        };
        let point = match t.kind {
            TimexType::Date | TimexType::Time => edtf(&t.value, t.modifier),
            _ => None,
        };
        let Some((start, end, note)) = point else {
            skipped.push(Skipped {
                expression,
                paragraph,
                value: t.value.clone(),
                why: why_not(t),
            });
            i += 1;
            continue;
        };
        let (date, expr, how, used) = dated(body, timexes, i, sentence, (start, end), set);
        let how = match note {
            Some(n) => format!("{how}; {n}"),
            None => how,
        };
        let quote = body.text[sentence.0..sentence.1].to_string();
        if !out.iter().any(|d| d.quote == quote && d.date == date) {
            let (actors, places) = names_in(&quote, &known, names, set);
            out.push(DraftEvent {
                title: title_of(
                    &body.text[sentence.0..sentence.1],
                    t.start - sentence.0,
                    t.end - sentence.0,
                ),
                date,
                expression: expr,
                how: if how.contains("tense")
                    || how.contains("cue")
                    || t.tense == super::text::Tense::Unknown
                {
                    how
                } else {
                    format!("{how} ({})", t.tense.name())
                },
                quote,
                paragraph,
                actors,
                places,
            });
        }
        i += used;
    }
    Ok((out, skipped))
}

fn why_not(t: &Timex) -> &'static str {
    match t.kind {
        TimexType::Duration => "a length of time, not a date",
        TimexType::Set => "a recurring time, not a date",
        _ if t.value.ends_with("_REF") => "a vague reference to the past, present or future",
        _ => "no calendar date",
    }
}

/// The date of the statement whose expression is `timexes[i]` (with
/// `point` its start and end): a span when the next expression closes
/// it, ongoing after "since", else the point. Also the words, how the
/// date was read, and how many expressions it took.
fn dated(
    body: &Body,
    timexes: &[Timex],
    i: usize,
    sentence: (usize, usize),
    point: (String, Option<String>),
    set: &RuleSet,
) -> (String, String, String, usize) {
    let t = &timexes[i];
    let (start, end) = point;
    let expression = &body.text[t.start..t.end];
    let before = &body.text[sentence.0..t.start];
    if let Some((next, (e, _, _))) = range_end(body, timexes, i, sentence) {
        return (
            format!("{start}/{e}"),
            body.text[t.start..next.end].to_string(),
            format!("{}; to {} ({})", t.how, next.value, next.how),
            2,
        );
    }
    if let Some(lead) = since_word(before, set) {
        return (
            format!("{start}/.."),
            format!("{lead}{expression}"),
            format!(
                "{}; \"{}\": ongoing since then",
                t.how,
                lead.trim().to_lowercase()
            ),
            1,
        );
    }
    let date = match &end {
        Some(e) => format!("{start}/{e}"),
        None => start,
    };
    (date, with_preposition(before, expression), t.how.clone(), 1)
}

/// The expression with the preposition that introduces it, as written
/// ("In February", "on Sunday"), for the report.
fn with_preposition(before: &str, expression: &str) -> String {
    let trimmed = before.trim_end();
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = trimmed[word_start..].to_lowercase();
    const PREPOSITIONS: &[&str] = &[
        "in", "on", "during", "at", "by", "until", "en", "durante", "hasta",
    ];
    if PREPOSITIONS.contains(&word.as_str()) && trimmed.len() < before.len() {
        format!("{}{expression}", &before[word_start..])
    } else {
        expression.to_string()
    }
}

/// The "since" words just before the expression, as written, if any.
fn since_word<'a>(before: &'a str, set: &RuleSet) -> Option<&'a str> {
    let trimmed = before.trim_end();
    let lower = trimmed.to_lowercase();
    let word = set
        .since
        .iter()
        .filter(|s| {
            lower.ends_with(s.as_str())
                && lower[..lower.len() - s.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|s| s.len())?;
    // Lower case keeps the length of the words "since" lists.
    let start = trimmed.len().checked_sub(word.len())?;
    before.get(start..)
}

type Point = (String, Option<String>, Option<String>);

/// The next expression, when it closes a span with this one ("from March
/// to May", "between 2019 and 2021", "de marzo a mayo").
fn range_end<'t>(
    body: &Body,
    timexes: &'t [Timex],
    i: usize,
    sentence: (usize, usize),
) -> Option<(&'t Timex, Point)> {
    let (a, b) = (&timexes[i], timexes.get(i + 1)?);
    if b.start >= sentence.1 {
        return None;
    }
    let between = body.text[a.end..b.start].trim().to_lowercase();
    let before = body.text[sentence.0..a.start].trim_end().to_lowercase();
    let opens = ["from", "between", "de", "desde", "entre"].iter().any(|w| {
        before.ends_with(w)
            && before[..before.len() - w.len()].ends_with(|c: char| !c.is_alphanumeric())
            || before == *w
    });
    let joins = matches!(
        between.as_str(),
        "to" | "until" | "till" | "through" | "and" | "a" | "hasta" | "y" | "al"
    );
    let dash = matches!(between.as_str(), "-" | "–" | "—");
    if !((opens && joins) || dash) {
        return None;
    }
    let (s, e, n) = edtf(&b.value, b.modifier)?;
    Some((b, (e.clone().unwrap_or(s), e, n)))
}

/// A TIMEX3 value as an annals date: start, end for a span, and a note
/// on what was made of it. `None` for what is not a calendar date.
pub(crate) fn edtf(value: &str, modifier: Option<&str>) -> Option<Point> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let (start, end, note): Point =
        if value.len() >= 10 && digits(0..4) && digits(5..7) && digits(8..10) {
            let d = day(&value[..10])?;
            (
                d.format("%Y-%m-%d").to_string(),
                None,
                (value.len() > 10).then(|| "the time of day is left out".to_string()),
            )
        } else if (value.len() == 7 && digits(0..4) && digits(5..7))
            || (value.len() == 4 && digits(0..4))
        {
            (value.to_string(), None, None)
        } else if let Some(week) = value.strip_suffix("-WE")
            && let Some((y, w)) = week.split_once("-W")
        {
            let (y, w): (i32, u32) = (y.parse().ok()?, w.parse().ok()?);
            let saturday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Sat)?;
            let sunday = saturday + Duration::days(1);
            (
                saturday.to_string(),
                Some(sunday.to_string()),
                Some("the weekend".to_string()),
            )
        } else if let Some((y, w)) = value.split_once("-W") {
            let (y, w): (i32, u32) = (y.parse().ok()?, w.parse().ok()?);
            let monday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            let sunday = monday + Duration::days(6);
            (
                monday.to_string(),
                Some(sunday.to_string()),
                Some("the week, Monday to Sunday".to_string()),
            )
        } else if let Some((y, q)) = value.split_once("-Q") {
            let q: u32 = q.parse().ok()?;
            (
                format!("{y}-{:02}", q * 3 - 2),
                Some(format!("{y}-{:02}", q * 3)),
                Some("the quarter's months".to_string()),
            )
        } else if let Some((y, h)) = value.split_once("-H") {
            let h: u32 = h.parse().ok()?;
            (
                format!("{y}-{:02}", h * 6 - 5),
                Some(format!("{y}-{:02}", h * 6)),
                None,
            )
        } else if value.len() == 7 && digits(0..4) && value.as_bytes()[4] == b'-' {
            let code = match &value[5..] {
                "SP" => 21,
                "SU" => 22,
                "FA" => 23,
                "WI" => 24,
                _ => return None,
            };
            (format!("{}-{code}", &value[..4]), None, None)
        } else if value.len() == 4
            && digits(0..2)
            && (value.ends_with('X') && (digits(2..3) || &value[2..] == "XX"))
        {
            (value.to_string(), None, None)
        } else if value.len() == 3 && digits(0..3) {
            (format!("{value}X"), None, None)
        } else if value.len() == 2 && digits(0..2) {
            (format!("{value}XX"), None, None)
        } else {
            return None;
        };
    Some(narrow(start, end, note, modifier))
}

/// "early", "mid", "late": the first, middle or last third of the span;
/// "about", "almost": approximate.
fn narrow(
    start: String,
    end: Option<String>,
    note: Option<String>,
    modifier: Option<&str>,
) -> Point {
    let Some(m) = modifier else {
        return (start, end, note);
    };
    let third = match m {
        "START" => 0,
        "MID" => 1,
        "END" => 2,
        _ => {
            return (
                format!("{start}~"),
                end.map(|e| format!("{e}~")),
                Some("approximate".to_string()),
            );
        }
    };
    let part = ["the first third", "the middle third", "the last third"][third];
    if end.is_some() {
        return (start, end, note);
    }
    if start.len() == 4 && !start.contains('X') {
        let (a, b) = [(1, 4), (5, 8), (9, 12)][third];
        return (
            format!("{start}-{a:02}"),
            Some(format!("{start}-{b:02}")),
            Some(format!("{part} of the year")),
        );
    }
    if start.len() == 7
        && let Ok(first) = NaiveDate::parse_from_str(&format!("{start}-01"), "%Y-%m-%d")
    {
        let last = last_day(first);
        let (a, b) = [(1, 10), (11, 20), (21, last)][third];
        return (
            format!("{start}-{a:02}"),
            Some(format!("{start}-{b:02}")),
            Some(format!("{part} of the month")),
        );
    }
    if start.len() == 4 && start.ends_with('X') && !start.ends_with("XX") {
        let decade = &start[..3];
        let (a, b) = [(0, 3), (4, 6), (7, 9)][third];
        return (
            format!("{decade}{a}"),
            Some(format!("{decade}{b}")),
            Some(format!("{part} of the decade")),
        );
    }
    (start, end, note)
}

fn last_day(first: NaiveDate) -> u32 {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.map_or(28, |n| (n - Duration::days(1)).day())
}

/// A title from the sentence: the main clause after an opening phrase
/// that holds the expression ("In February, …"), cut at the first pause.
pub(crate) fn title_of(sentence: &str, start: usize, end: usize) -> String {
    let after = &sentence[end..];
    let mut clause = match after.find(", ") {
        Some(c) if !sentence[..start].contains(", ") && c < 80 => &after[c + 2..],
        _ => sentence,
    };
    for pause in [", ", "; ", " — ", "—", ": "] {
        if let Some(p) = clause.find(pause)
            && p >= 20
        {
            clause = &clause[..p];
        }
    }
    let clause = clause.trim().trim_end_matches(['.', ',', ';', ':']);
    let mut title = String::new();
    for word in clause.split_whitespace() {
        if title.len() + word.len() > 90 {
            title.push('…');
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => title,
    }
}

/// Runs of capitalised words, possessives dropped, titles taken off the
/// front, sentence-opening words skipped.
fn name_runs(text: &str, names: &RuleSet, lang: &RuleSet) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        while run
            .first()
            .is_some_and(|w| names.word("STOP", w).is_some() || names.word("TITLE", w).is_some())
        {
            run.remove(0);
        }
        while run.last().is_some_and(|w| names.word("STOP", w).is_some()) {
            run.pop();
        }
        let calendar = run
            .iter()
            .any(|w| lang.word("MONTH", w).is_some() || lang.word("WEEKDAY", w).is_some());
        if !run.is_empty() && !calendar {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for raw in text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '“' | '”' | '"' | '(' | ')' | '—')
    }) {
        let word = raw
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .trim_matches(|c: char| matches!(c, '“' | '”' | '"' | '\'' | '’'));
        let ends_sentence =
            raw.ends_with(['!', '?']) || (raw.ends_with('.') && !word.contains('.'));
        let word = word.trim_end_matches(['.', '!', '?']);
        let word = if word.ends_with(".S") || word.ends_with(".K") || word.ends_with(".N") {
            raw.trim_end_matches(['!', '?'])
        } else {
            word
        };
        let capital = word.starts_with(|c: char| c.is_uppercase());
        let joins = !run.is_empty() && matches!(word, "of" | "de" | "del");
        if capital || joins {
            run.push(word);
        } else {
            flush(&mut run, &mut out);
        }
        if ends_sentence || raw.len() != word.len() && raw.ends_with("’s") {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Names of two words or more in the article (the full names a surname
/// stands for later), less places and not-actors.
fn known_names(text: &str, names: &RuleSet, lang: &RuleSet) -> Vec<String> {
    let mut all: BTreeSet<String> = BTreeSet::new();
    for n in name_runs(text, names, lang) {
        if n.split_whitespace().count() >= 2
            && names.word("PLACE", &n).is_none()
            && names.word("NOTACTOR", &n).is_none()
        {
            all.insert(n);
        }
    }
    all.into_iter().collect()
}

/// Actors and places named in `sentence`.
fn names_in(
    sentence: &str,
    known: &[String],
    names: &RuleSet,
    lang: &RuleSet,
) -> (Vec<String>, Vec<String>) {
    let mut actors = BTreeSet::new();
    let mut places = BTreeSet::new();
    for run in name_runs(sentence, names, lang) {
        if let Some(place) = names.word("PLACE", &run) {
            places.insert(place.to_string());
            continue;
        }
        // Leading place words ("U.S. Northern Command") name a place too.
        for w in run.split_whitespace() {
            if let Some(place) = names.word("PLACE", w) {
                places.insert(place.to_string());
            }
        }
        if names.word("NOTACTOR", &run).is_some() {
            continue;
        }
        if run.split_whitespace().count() >= 2 {
            actors.insert(run);
        } else if let Some(full) = known.iter().find(|k| k.ends_with(&format!(" {run}"))) {
            actors.insert(full.clone());
        }
    }
    (actors.into_iter().collect(), places.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_annals_dates() {
        let e = |v: &str, m: Option<&str>| edtf(v, m).map(|(s, e, _)| (s, e));
        assert_eq!(e("2025-02", None), Some(("2025-02".into(), None)));
        assert_eq!(e("2025-05-04TNI", None), Some(("2025-05-04".into(), None)));
        assert_eq!(
            e("2025-W18", None),
            Some(("2025-04-28".into(), Some("2025-05-04".into())))
        );
        assert_eq!(
            e("2024", Some("START")),
            Some(("2024-01".into(), Some("2024-04".into())))
        );
        assert_eq!(
            e("2025-03", Some("END")),
            Some(("2025-03-21".into(), Some("2025-03-31".into())))
        );
        assert_eq!(e("199X", None), Some(("199X".into(), None)));
        assert_eq!(e("199", None), Some(("199X".into(), None)));
        assert_eq!(e("19", None), Some(("19XX".into(), None)));
        assert_eq!(e("2025-SU", None), Some(("2025-22".into(), None)));
        assert_eq!(
            e("2025-W18-WE", None),
            Some(("2025-05-03".into(), Some("2025-05-04".into())))
        );
        assert_eq!(e("PRESENT_REF", None), None);
        assert_eq!(e("P2W", None), None);
    }

    #[test]
    fn titles_take_the_main_clause() {
        let s = "Since January, there has been a noticeable increase in U.S. military presence along the southern border, following a directive.";
        assert_eq!(
            title_of(s, 6, 13),
            "There has been a noticeable increase in U.S. military presence along the southern border"
        );
    }
}
