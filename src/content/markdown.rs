//! Markdown to HTML with pulldown-cmark: source bodies with a stable anchor
//! on every paragraph (so events can cite it), event bodies, and inline
//! summaries; plus the quote normalisation used to find citations. Raw
//! HTML is sanitised with ammonia unless the site opts out
//! (`unsafe_html: true`), and links to `javascript:`, `data:` or
//! `vbscript:` URLs are found for the loaders to reject.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// What to do with HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Keep safe tags and attributes, drop scripts, handlers and unsafe URLs.
    Sanitize,
    /// Pass it through as written (`unsafe_html: true`).
    Allow,
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Anchors and footnotes that annals itself writes.
    b.add_generic_attributes(["id", "class"]);
    b.link_rel(None);
    b
});

fn finish(html: String, raw: RawHtml) -> String {
    match raw {
        RawHtml::Allow => html,
        RawHtml::Sanitize => SANITIZER.clean(&html).to_string(),
    }
}

/// URL schemes that run code or smuggle content when followed.
fn is_unsafe_url(url: &str) -> bool {
    let scheme: String = url
        .trim_start()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "data" | "vbscript")
}

/// Links and images in `markdown` whose URL is unsafe, with the byte range
/// of each in `markdown`.
pub(crate) fn unsafe_links(markdown: &str) -> Vec<(Range<usize>, String)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if is_unsafe_url(&dest_url) =>
            {
                Some((range, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// True for a media or source URL that must be refused.
pub(crate) fn is_unsafe(url: &str) -> bool {
    is_unsafe_url(url)
}

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
pub(crate) struct SourceBody {
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
pub(crate) fn paragraph_anchor(n: usize) -> String {
    format!("p-{n}")
}

/// Renders a source body; every paragraph (also inside block quotes and
/// list items) gets an anchor and its text is kept for quote matching.
pub(crate) fn render_source(markdown: &str, raw: RawHtml) -> SourceBody {
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
        html: finish(html_out, raw),
        paragraphs,
    }
}

/// Renders block Markdown (an event's body).
pub(crate) fn render_block(markdown: &str, raw: RawHtml) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    finish(out, raw)
}

/// Renders one-paragraph Markdown (a summary or caption) without the
/// wrapping `<p>`, so it can sit inside other elements.
pub(crate) fn render_inline(markdown: &str, raw: RawHtml) -> String {
    let html = render_block(markdown.trim(), raw);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Plain text of inline Markdown (for `<title>`, meta descriptions, alt),
/// including the text of any HTML written in it.
pub(crate) fn plain_text(markdown: &str) -> String {
    plain_text_direct(markdown).unwrap_or_else(|| {
        let mut html = String::new();
        html::push_html(&mut html, Parser::new_ext(markdown, options()));
        html_to_text(&html)
    })
}

/// [`plain_text`] read straight from the Markdown events, without making
/// and parsing HTML: for Markdown with no HTML and no footnotes in it
/// (nearly all summaries), where it gives the same text. `None` otherwise.
fn plain_text_direct(markdown: &str) -> Option<String> {
    let mut text = String::with_capacity(markdown.len());
    let mut in_image = 0usize;
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Start(Tag::FootnoteDefinition(_)) => return None,
            // An image's text is its `alt` attribute, not text on the page.
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_image == 0 => text.push_str(&t),
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Superscript
                | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Superscript
                | TagEnd::Subscript,
            )
            | Event::Text(_)
            | Event::Code(_) => {}
            // Block boundaries, line breaks and rules read as a space.
            _ => text.push(' '),
        }
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Elements after which text reads as a new block: their boundaries become
/// spaces in plain text.
const BLOCK_TAGS: [&str; 20] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "dt",
    "dd",
    "figcaption",
    "hr",
];

/// The text a reader sees in an HTML fragment: tags removed (scripts and
/// styles with their content), entities decoded, block boundaries and runs
/// of white space as one space.
pub(crate) fn html_to_text(html: &str) -> String {
    // A space before each block tag, so that `<p>a</p><p>b</p>` reads "a b".
    let mut spaced = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        spaced.push_str(&rest[..i]);
        let tag = rest[i + 1..].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            spaced.push(' ');
        }
        spaced.push('<');
        rest = &rest[i + 1..];
    }
    spaced.push_str(rest);
    static STRIP: LazyLock<ammonia::Builder<'static>> = LazyLock::new(ammonia::Builder::empty);
    let text = STRIP.clean(&spaced).to_string();
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    use proptest::prelude::*;

    fn plain_text_via_html(markdown: &str) -> String {
        let mut html = String::new();
        html::push_html(&mut html, Parser::new_ext(markdown, options()));
        html_to_text(&html)
    }

    #[test]
    fn plain_text_without_html_is_read_from_the_events() {
        for md in [
            "The *army* sent [troops](https://x.org) to the `border`.",
            "a  \nb\n\nc ![alt text](i.png) d",
            "# Head\n\n- one\n- two\n\n> quote\n\n---\n\n| a | b |\n|---|---|\n| c | d |",
            "~~gone~~ &amp; &lt;kept&gt; &quot;q&quot; caf\u{e9}\u{a0}bar",
            "```\ncode block\n```\nafter",
            "- [x] done\n- [ ] todo",
        ] {
            assert!(plain_text_direct(md).is_some(), "{md}");
            assert_eq!(plain_text(md), plain_text_via_html(md), "{md}");
        }
        assert_eq!(plain_text_direct("a <b>c</b>"), None);
        assert_eq!(plain_text_direct("a[^1]\n\n[^1]: note"), None);
    }

    proptest! {
        #[test]
        fn plain_text_reads_like_the_html_would(md in "[ab *_`#>|~!&;\\[\\]()\n\t-]{0,40}") {
            prop_assert_eq!(plain_text(&md), plain_text_via_html(&md));
        }
    }

    #[test]
    fn every_paragraph_gets_an_anchor() {
        let body = render_source(
            "First *one*.\n\n> “Quoted,” she said.\n\n- item\n",
            RawHtml::Sanitize,
        );
        assert_eq!(body.paragraphs.len(), 2);
        assert!(body.html.contains("<p id=\"p-1\">First <em>one</em>.</p>"));
        assert!(body.html.contains("<blockquote>\n<p id=\"p-2\">"));
        assert_eq!(body.paragraphs[1].normalized, "\"Quoted,\" she said.");
    }

    #[test]
    fn raw_html_is_sanitised_unless_allowed() {
        let md =
            "Hi <script>alert(1)</script><b onclick=\"x()\">bold</b> <img src=x onerror=alert(1)>";
        let clean = render_block(md, RawHtml::Sanitize);
        assert!(
            !clean.contains("script") && !clean.contains("onclick") && !clean.contains("onerror"),
            "{clean}"
        );
        assert!(clean.contains("<b>bold</b>"), "{clean}");
        assert!(render_block(md, RawHtml::Allow).contains("<script>"));
        let body = render_source("Para.\n\n[^1]\n\n[^1]: Note.\n", RawHtml::Sanitize);
        assert!(body.html.contains("id=\"p-1\""), "{}", body.html);
    }

    #[test]
    fn unsafe_link_schemes_are_found() {
        let md =
            "[a](https://x.org) [b](javascript:alert(1)) ![c](DATA:text/html,x) [d]( JaVaScRiPt:x)";
        let found: Vec<String> = unsafe_links(md).into_iter().map(|(_, u)| u).collect();
        assert_eq!(
            found,
            ["javascript:alert(1)", "DATA:text/html,x", "JaVaScRiPt:x"]
        );
        assert!(is_unsafe(" javascript:alert(1)"));
        assert!(!is_unsafe("images/map.png"));
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
        assert_eq!(render_inline("A *b*", RawHtml::Sanitize), "A <em>b</em>");
        assert_eq!(plain_text("A *b* `c`"), "A b c");
        assert_eq!(plain_text("# Head\n- one\n- two\n"), "Head one two");
    }

    #[test]
    fn plain_text_reads_html_too() {
        assert_eq!(
            plain_text("<p class=\"lead\">In this <b>sample</b> &amp; more</p><p>Next</p>"),
            "In this sample & more Next"
        );
        assert_eq!(
            html_to_text("a<script>x()</script> &lt;b&gt; &quot;c&quot;"),
            "a <b> \"c\""
        );
    }
}
