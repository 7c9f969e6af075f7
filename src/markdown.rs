//! Markdown to HTML with pulldown-cmark: source bodies with a stable anchor
//! on every paragraph (so events can cite it), event bodies, and inline
//! summaries; plus the quote normalisation used to find citations.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// One paragraph of a source, as citations see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Fragment id in the source page (`p-3`).
    pub anchor: String,
    /// The paragraph's text, normalised with [`normalize_quote`].
    pub normalized: String,
}

/// A source body rendered to HTML, with its paragraphs.
#[derive(Debug, Clone)]
pub struct SourceBody {
    /// HTML with `id="p-N"` on every paragraph.
    pub html: String,
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The anchor of the `n`th (1-based) paragraph. Numbered in document order:
/// stable as long as the paragraphs before it do not change, and readable in
/// a link.
pub fn paragraph_anchor(n: usize) -> String {
    format!("p-{n}")
}

/// Renders a source body; every paragraph (also inside block quotes and
/// list items) gets an anchor and its text is kept for quote matching.
pub fn render_source(markdown: &str) -> SourceBody {
    let mut paragraphs = Vec::new();
    let mut current: Option<String> = None;
    let mut events = Vec::new();
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Start(Tag::Paragraph) => {
                let anchor = paragraph_anchor(paragraphs.len() + 1);
                events.push(Event::Html(format!("<p id=\"{anchor}\">").into()));
                paragraphs.push(Paragraph {
                    anchor,
                    normalized: String::new(),
                });
                current = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) => {
                events.push(Event::Html("</p>\n".into()));
                if let (Some(text), Some(p)) = (current.take(), paragraphs.last_mut()) {
                    p.normalized = normalize_quote(&text);
                }
            }
            other => {
                if let Some(text) = current.as_mut() {
                    match &other {
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        Event::SoftBreak | Event::HardBreak => text.push(' '),
                        _ => {}
                    }
                }
                events.push(other);
            }
        }
    }
    let mut html_out = String::new();
    html::push_html(&mut html_out, events.into_iter());
    SourceBody {
        html: html_out,
        paragraphs,
    }
}

/// Renders block Markdown (an event's body).
pub fn render_block(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    out
}

/// Renders one-paragraph Markdown (a summary or caption) without the
/// wrapping `<p>`, so it can sit inside other elements.
pub fn render_inline(markdown: &str) -> String {
    let html = render_block(markdown.trim());
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Plain text of inline Markdown (for `<title>`, meta descriptions, alt).
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds what may differ between a quote and its source without changing
/// its words: runs of white space become one space, curly quotes and
/// primes become straight ones.
pub fn normalize_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            other => other,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_paragraph_gets_an_anchor() {
        let body = render_source("First *one*.\n\n> “Quoted,” she said.\n\n- item\n");
        assert_eq!(body.paragraphs.len(), 2);
        assert!(body.html.contains("<p id=\"p-1\">First <em>one</em>.</p>"));
        assert!(body.html.contains("<blockquote>\n<p id=\"p-2\">"));
        assert_eq!(body.paragraphs[1].normalized, "\"Quoted,\" she said.");
    }

    #[test]
    fn quotes_normalise_space_and_quote_marks() {
        assert_eq!(
            normalize_quote("  She’s  so\nafraid “x” "),
            "She's so afraid \"x\""
        );
    }

    #[test]
    fn inline_drops_the_paragraph() {
        assert_eq!(render_inline("A *b*"), "A <em>b</em>");
        assert_eq!(plain_text("A *b* `c`"), "A b c");
    }
}
