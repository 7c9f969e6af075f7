//! Quotations in their sources: on a source page each quoted passage is
//! marked (`<mark id="q-…">`), so that "Read in context" on an event page
//! lands on the quoted words themselves, and each cited paragraph is
//! followed by links to the events that cite it.

/// The fragment id of a quotation in its source page: the same for the
/// same words in the same paragraph, whichever event quotes them.
pub(super) fn quote_id(anchor: &str, quote: &str) -> String {
    let normalized = crate::content::normalize_quote(quote);
    // FNV-1a: stable across Rust versions and machines.
    let mut h: u32 = 0x811c_9dc5;
    for b in anchor.bytes().chain([0]).chain(normalized.bytes()) {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("q-{anchor}-{h:08x}")
}

/// One quotation to mark in a source body.
pub(super) struct Quoted<'q> {
    /// The paragraph's anchor (`p-3`).
    pub(super) anchor: &'q str,
    /// The words as the event quotes them.
    pub(super) quote: &'q str,
}

/// The visible characters of an HTML fragment with where each stands:
/// (character, byte where its text starts, byte where it ends).
fn visible_chars(html: &str) -> Vec<(char, usize, usize)> {
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        match bytes[i] {
            b'<' => i = html[i..].find('>').map_or(html.len(), |e| i + e + 1),
            b'&' => {
                let end = html[i..].find(';').map_or(i, |e| i + e);
                let entity = &html[i + 1..end];
                let c = match entity {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" | "#39" | "#x27" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    _ => entity
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                match c {
                    Some(c) if end > i => {
                        out.push((c, i, end + 1));
                        i = end + 1;
                    }
                    _ => {
                        out.push(('&', i, i + 1));
                        i += 1;
                    }
                }
            }
            _ => {
                let c = html[i..].chars().next().unwrap_or(' ');
                out.push((c, i, i + c.len_utf8()));
                i += c.len_utf8();
            }
        }
    }
    out
}

/// The text of `chars` folded as quotations are matched
/// ([`crate::content::normalize_quote`]), with the index into `chars` of
/// each character of the folded text.
fn folded(chars: &[(char, usize, usize)]) -> (String, Vec<usize>) {
    let (mut text, mut from) = (String::new(), Vec::new());
    let mut space = false;
    for (k, &(c, _, _)) in chars.iter().enumerate() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !text.is_empty() {
            text.push(' ');
            from.push(k - 1);
        }
        space = false;
        let folded = crate::content::normalize_quote(&c.to_string());
        for f in folded.chars() {
            text.push(f);
            for _ in 0..f.len_utf8() {
                from.push(k);
            }
        }
    }
    (text, from)
}

/// Where in the paragraph's HTML (`inner`, between its tags) the quote
/// stands: the byte ranges of its text runs (split where a tag comes
/// between), or `None` when its words are not there as text.
fn quote_runs(inner: &str, quote: &str) -> Option<Vec<(usize, usize)>> {
    let chars = visible_chars(inner);
    let (text, from) = folded(&chars);
    let wanted = crate::content::normalize_quote(quote);
    if wanted.is_empty() {
        return None;
    }
    let at = text.find(&wanted)?;
    let (first, last) = (from[at], from[at + wanted.len() - 1]);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &(_, start, end) in &chars[first..=last] {
        match runs.last_mut() {
            Some(run) if run.1 == start => run.1 = end,
            _ => runs.push((start, end)),
        }
    }
    Some(runs)
}

/// `body` (a source's HTML, each paragraph `<p id="p-N">`) with every
/// quotation of `quoted` marked, and after each cited paragraph the
/// `cited_in` HTML the caller gives for it (its anchor → HTML). A quotation
/// that overlaps one already marked, or whose words a tag splits oddly, is
/// still a target: an empty element with its id stands where it begins.
pub(super) fn mark_quotes(
    body: &str,
    quoted: &[Quoted<'_>],
    cited_in: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(body.len() + quoted.len() * 64);
    let mut rest = body;
    while let Some(at) = rest.find("<p id=\"") {
        let open_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let anchor = &rest[at + 7..rest[at + 7..].find('"').map_or(at + 7, |e| at + 7 + e)];
        let close = rest[open_end..]
            .find("</p>")
            .map_or(rest.len(), |e| open_end + e);
        out.push_str(&rest[..open_end]);
        let inner = &rest[open_end..close];
        let here: Vec<&Quoted<'_>> = quoted.iter().filter(|q| q.anchor == anchor).collect();
        out.push_str(&mark_paragraph(inner, anchor, &here));
        let after = (close + 4).min(rest.len());
        out.push_str(&rest[close..after]);
        if let Some(html) = cited_in(anchor) {
            if rest[after..].starts_with('\n') {
                out.push('\n');
                rest = &rest[after + 1..];
            } else {
                rest = &rest[after..];
            }
            out.push_str(&html);
            out.push('\n');
        } else {
            rest = &rest[after..];
        }
    }
    out.push_str(rest);
    out
}

/// One paragraph's inner HTML with its quotations marked.
fn mark_paragraph(inner: &str, anchor: &str, quoted: &[&Quoted<'_>]) -> String {
    // Insertions at byte offsets: (offset, order, text); a mark's closing
    // tag sorts before an opening one at the same place.
    let mut inserts: Vec<(usize, u8, String)> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for q in quoted {
        let id = quote_id(anchor, q.quote);
        if ids.contains(&id) {
            continue;
        }
        ids.push(id.clone());
        let runs = quote_runs(inner, q.quote);
        let span = runs
            .as_ref()
            .and_then(|r| Some((r.first()?.0, r.last()?.1)));
        match (runs, span) {
            (Some(runs), Some((s, e))) if !taken.iter().any(|&(a, b)| s < b && a < e) => {
                taken.push((s, e));
                for (k, (a, b)) in runs.into_iter().enumerate() {
                    let open = if k == 0 {
                        format!("<mark class=\"quoted\" id=\"{id}\">")
                    } else {
                        "<mark class=\"quoted\">".to_string()
                    };
                    inserts.push((a, 1, open));
                    inserts.push((b, 0, "</mark>".to_string()));
                }
            }
            (_, span) => {
                let at = span.map_or(0, |(s, _)| s);
                let at = if taken.iter().any(|&(a, b)| a < at && at < b) {
                    0
                } else {
                    at
                };
                inserts.push((
                    at,
                    2,
                    format!("<span class=\"quote-start\" id=\"{id}\"></span>"),
                ));
            }
        }
    }
    inserts.sort_by_key(|a| (a.0, a.1));
    let mut out = String::with_capacity(inner.len() + inserts.len() * 40);
    let mut last = 0;
    for (at, _, text) in inserts {
        out.push_str(&inner[last..at]);
        out.push_str(&text);
        last = at;
    }
    out.push_str(&inner[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q<'a>(anchor: &'a str, quote: &'a str) -> Quoted<'a> {
        Quoted { anchor, quote }
    }

    #[test]
    fn the_quoted_words_are_marked_even_across_tags_and_entities() {
        let body = "<p id=\"p-1\">Before. In <em>February</em>, Trump &amp; co\nescalated. After.</p>\n<p id=\"p-2\">Other.</p>\n";
        let out = mark_quotes(
            body,
            &[q("p-1", "In February, Trump & co escalated")],
            &|_| None,
        );
        let id = quote_id("p-1", "In February, Trump & co escalated");
        assert_eq!(
            out,
            format!(
                "<p id=\"p-1\">Before. <mark class=\"quoted\" id=\"{id}\">In </mark><em><mark class=\"quoted\">February</mark></em><mark class=\"quoted\">, Trump &amp; co\nescalated</mark>. After.</p>\n<p id=\"p-2\">Other.</p>\n"
            )
        );
    }

    #[test]
    fn overlapping_and_missing_quotes_are_still_targets() {
        let body = "<p id=\"p-1\">one two three four</p>\n";
        let out = mark_quotes(
            body,
            &[
                q("p-1", "one two three"),
                q("p-1", "three four"),
                q("p-1", "absent words"),
            ],
            &|a| Some(format!("<p class=\"cited-in\">{a}</p>")),
        );
        for quote in ["one two three", "three four", "absent words"] {
            assert!(
                out.contains(&format!("id=\"{}\"", quote_id("p-1", quote))),
                "{out}"
            );
        }
        assert!(
            out.ends_with("</p>\n<p class=\"cited-in\">p-1</p>\n"),
            "{out}"
        );
        assert_eq!(out.matches("<mark").count(), 1);
    }

    #[test]
    fn curly_quotes_and_spaces_fold_as_the_check_folds_them() {
        let body = "<p id=\"p-3\">\u{201c}We will never accept it,\u{201d}  she said.</p>";
        let out = mark_quotes(
            body,
            &[q("p-3", "\"We will never accept it,\" she said")],
            &|_| None,
        );
        assert!(out.contains("<mark class=\"quoted\" id=\"q-p-3-"), "{out}");
        assert!(out.contains("she said</mark>."), "{out}");
    }
}
