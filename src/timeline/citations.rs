//! Each event's citations checked against the sources: the source exists,
//! the quotation stands word for word in one of its paragraphs. A check
//! depends on nothing but the event and the sources, so `annals serve`
//! keeps it while neither changes.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::references::unknown_id;
use super::{Citation, Unloaded};
use crate::content::event::Event;
use crate::content::markdown::normalize_quote;
use crate::content::source::Source;
use crate::diagnostic::{Diagnostic, Location};

/// The paragraph sharing most words with a quote that was not found, as a
/// hint ("closest paragraph …").
fn closest_paragraph(wanted: &str, source: &Source) -> Option<String> {
    let words: Vec<&str> = wanted.split(' ').collect();
    let (score, p) = source
        .paragraphs
        .iter()
        .map(|p| {
            let have: HashSet<&str> = p.normalized.split(' ').collect();
            (words.iter().filter(|w| have.contains(*w)).count(), p)
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.anchor.cmp(&a.1.anchor)))?;
    if score * 2 < words.len() {
        return None;
    }
    Some(format!(
        "closest paragraph ({}), whole, with [-your words-] and {{+the source's+}} where they differ: {}",
        p.anchor,
        word_diff(&words, &p.normalized.split(' ').collect::<Vec<_>>())
    ))
}

/// `theirs` (a paragraph) with the words `ours` (a quote) has instead
/// marked `[-…-]` and its own differing words `{+…+}`, by the longest
/// common run of words; the paragraph's words before and after the quote's
/// stretch shown as they are.
fn word_diff(ours: &[&str], theirs: &[&str]) -> String {
    let (n, m) = (ours.len(), theirs.len());
    // lcs[i][j]: the longest common subsequence of ours[i..] and theirs[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if ours[i] == theirs[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out: Vec<String> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut del, mut ins): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut started = false;
    let flush = |out: &mut Vec<String>, del: &mut Vec<&str>, ins: &mut Vec<&str>| {
        if !del.is_empty() {
            out.push(format!("[-{}-]", del.join(" ")));
            del.clear();
        }
        if !ins.is_empty() {
            out.push(format!("{{+{}+}}", ins.join(" ")));
            ins.clear();
        }
    };
    while i < n || j < m {
        if i < n && j < m && ours[i] == theirs[j] {
            flush(&mut out, &mut del, &mut ins);
            out.push(theirs[j].to_string());
            started = true;
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            // Before the quote starts or after it ends, the paragraph reads
            // as it is.
            if !started || i == n {
                flush(&mut out, &mut del, &mut ins);
                out.push(theirs[j].to_string());
            } else {
                ins.push(theirs[j]);
            }
            j += 1;
        } else {
            del.push(ours[i]);
            i += 1;
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out.join(" ")
}

/// What checking one event's citations against the sources found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Checked {
    /// The citations, resolved (shared with the timelines built from them).
    pub(super) citations: Arc<[Citation]>,
    /// Unknown sources, quotes not found.
    pub(super) errors: Vec<Diagnostic>,
    /// Short quotes, events after their sources, events citing nothing.
    pub(super) warnings: Vec<Diagnostic>,
}

/// Finds `quote` (written at `loc`) in `source`: the anchor of the
/// paragraph holding it, with a warning when it is too short to judge, or
/// the error saying it is not there and which paragraph is closest.
fn find_quote(
    quote: &str,
    loc: &Location,
    source: &Source,
    checked: &mut Checked,
) -> Option<(String, (bool, bool))> {
    let wanted = normalize_quote(quote);
    let Some((p, at)) = source.find_quote(&wanted) else {
        let mut l = loc.clone();
        l.len = quote.chars().count().min(60);
        let mut d = Diagnostic::error(format!("quote not found in source `{}`", source.id), l)
            .with_hint(format!(
                "a quote must appear word for word in one paragraph of {} (white space and curly or straight quote marks may differ)",
                source.location.file.to_string_lossy().replace('\\', "/")
            ));
        if let Some(p) = closest_paragraph(&wanted, source) {
            d = d.with_hint(p);
        }
        checked.errors.push(d);
        return None;
    };
    let words = wanted.split(' ').count();
    if words < 5 {
        checked.warnings.push(
            Diagnostic::error(
                format!(
                    "a quote of {words} word{} is too short to show what the source says",
                    if words == 1 { "" } else { "s" }
                ),
                loc.clone(),
            )
            .with_hint("quote at least five words, so a reader can find and judge the passage")
            .warning(),
        );
    }
    Some((p.anchor.clone(), clipped(&p.normalized, at, wanted.len())))
}

/// Whether the quotation at `at..at + len` of a paragraph's text starts,
/// and whether it ends, inside a sentence: not at the paragraph's edge, nor
/// next to a sentence's punctuation or an opening or closing quote mark.
fn clipped(paragraph: &str, at: usize, len: usize) -> (bool, bool) {
    let mut before = paragraph[..at].trim_end().chars().rev();
    let starts_clipped = match before.next() {
        None => false,
        // After a quote mark: an opening one (after a space, or first)
        // starts a sentence; a closing one ends one if a full stop ends
        // what it closes (`…it," she said` goes on).
        Some('"' | '\'') => before
            .next()
            .is_some_and(|c| !c.is_whitespace() && !".!?…".contains(c)),
        Some(c) => !".!?…:;(".contains(c),
    };
    let (inside, after) = (&paragraph[at..at + len], paragraph[at + len..].trim_start());
    let ends_clipped = !after.is_empty()
        && !inside.ends_with(['.', '!', '?', '…', '"', '\''])
        && !after.starts_with(['.', '!', '?', '…', '"', '\'', ')']);
    (starts_clipped, ends_clipped)
}

/// A warning when `event` starts after every source it cites was
/// published: a source reports what happened before it.
fn after_its_sources(
    event: &Event,
    citations: &[Citation],
    sources: &[Arc<Source>],
    tz: chrono_tz::Tz,
) -> Option<Diagnostic> {
    let zone = event.zone.unwrap_or(tz);
    let published: Vec<(i64, i64)> = citations
        .iter()
        .filter_map(|c| sources[c.source].published.as_ref())
        .map(|p| p.span(zone))
        .collect();
    let start = event.span.0;
    let after = !published.is_empty()
        && published.len() == citations.len()
        && published
            .iter()
            .all(|&(from, to)| start > from && start >= to);
    after.then(|| {
        Diagnostic::error(
            format!("event `{}` starts after every source it cites was published", event.id),
            event.date_location.clone(),
        )
        .with_hint("a source can only report what happened before it was published: check the date, or cite a later source")
        .warning()
    })
}

/// Checks the citations of `event`: each source exists, each quote is in
/// it. Depends on nothing but the event and the sources, so the result
/// can be kept while neither changes.
pub(super) fn check_citations(
    event: &Event,
    sources: &[Arc<Source>],
    source_ids: &HashMap<&str, usize>,
    unloaded: &Unloaded,
    tz: chrono_tz::Tz,
) -> Checked {
    let mut checked = Checked::default();
    let mut resolved = Vec::new();
    for c in &event.citations {
        let Some(&si) = source_ids.get(c.source.id.as_str()) else {
            if !unloaded.sources.contains(&c.source.id) {
                checked
                    .errors
                    .push(unknown_id("source", &c.source, source_ids));
            }
            continue;
        };
        if c.quote.is_none() && c.reason.is_none() {
            checked.warnings.push(
                Diagnostic::error(
                    format!("the citation of `{}` quotes nothing", c.source.id),
                    c.source.location.clone(),
                )
                .with_hint("add `quote:` with the exact words of the source this event rests on, or, when there are none to quote (a photograph, a video, a print edition), say so with `reason:`")
                .warning(),
            );
        }
        let found = c
            .quote
            .as_ref()
            .and_then(|(quote, loc)| find_quote(quote, loc, &sources[si], &mut checked));
        let (anchor, clipped) = found.map_or((None, (false, false)), |(a, c)| (Some(a), c));
        resolved.push(Citation {
            source: si,
            quote: c.quote.as_ref().map(|(q, _)| q.clone()),
            translation: c.translation.clone(),
            anchor,
            clipped,
        });
    }
    if let Some(w) = after_its_sources(event, &resolved, sources, tz) {
        checked.warnings.push(w);
    }
    checked.citations = resolved.into();
    if event.citations.is_empty() {
        checked.warnings.push(
            Diagnostic::error(
                format!("event `{}` cites no source", event.id),
                event.location.clone(),
            )
            .with_hint("add `sources:` with the source and the words it quotes")
            .warning(),
        );
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::clipped;

    #[test]
    fn a_quotation_inside_a_sentence_is_clipped_where_it_is_cut() {
        let p =
            "Since January, there has been more. \"We will never accept it,\" she said. It ends";
        let at = |q: &str| (p.find(q).unwrap(), q.len());
        let (a, n) = at("Since January, there has been more.");
        assert_eq!(clipped(p, a, n), (false, false));
        let (a, n) = at("there has been");
        assert_eq!(clipped(p, a, n), (true, true));
        let (a, n) = at("We will never accept it,");
        assert_eq!(clipped(p, a, n), (false, false));
        let (a, n) = at("she said");
        assert_eq!(clipped(p, a, n), (true, false));
        let (a, n) = at("It ends");
        assert_eq!(clipped(p, a, n), (false, false));
    }

    #[test]
    fn a_word_diff_marks_only_what_differs() {
        let quote: Vec<&str> = "In February, a government designated the cartels."
            .split(' ')
            .collect();
        let para: Vec<&str> =
            "Then. In February, the government designated the cartels. It said so."
                .split(' ')
                .collect();
        assert_eq!(
            super::word_diff(&quote, &para),
            "Then. In February, [-a-] {+the+} government designated the cartels. It said so."
        );
    }
}
