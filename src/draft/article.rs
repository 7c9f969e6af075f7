//! Reading an article file and cleaning it: the limits that keep hostile
//! input out, the paragraphs, the header lines (title, byline, image
//! credit), and what is not the article (repeated copies, questions to
//! the reader, share and navigation lines), which is dropped and listed.

use std::path::Path;

use crate::Failure;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Files over this size are refused before they are read.
pub(crate) const MAX_FILE: u64 = crate::read::MAX_TEXT_FILE;

fn content_error(path: &Path, message: String, hint: &str) -> Failure {
    let mut d = Diagnostics::default();
    d.push(Diagnostic::file_error(message, path).with_hint(hint));
    Failure::Content(d)
}

/// Reads a text file: refused when over 16 MB (before reading), when it
/// holds NUL bytes (binary) or is not UTF-8.
pub(crate) fn read_text_file(path: &Path) -> Result<String, Failure> {
    let cannot = |e: std::io::Error| Failure::Usage(format!("cannot read {}: {e}", path.display()));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Failure::Usage(format!("{} is not a file", path.display())));
    }
    if meta.len() > MAX_FILE {
        return Err(content_error(
            path,
            format!(
                "the file is {} MB, over the 16 MB an article may have",
                meta.len() / (1024 * 1024)
            ),
            "an article is text of a few hundred kilobytes at most; is this the right file?",
        ));
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    if bytes.contains(&0) {
        return Err(content_error(
            path,
            "the file holds binary data (NUL bytes), not text".to_string(),
            "give annals draft a plain-text, Markdown or HTML file",
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        content_error(
            path,
            format!(
                "the file is not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
            "save the article as UTF-8",
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

/// One paragraph and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    /// The text, as written.
    pub text: String,
    /// Its first line in the file (for HTML, its place among the page's
    /// paragraphs).
    pub line: usize,
}

/// What an article file gives, before cleaning.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawArticle {
    pub title: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    /// The publication moment as written.
    pub published: Option<String>,
    pub image_credit: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub paragraphs: Vec<Para>,
}

/// A line or paragraph left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Removed {
    pub line: usize,
    pub text: String,
    pub why: &'static str,
}

/// The longest line a text article may have: a paragraph, not a dump.
pub(crate) const MAX_LINE: usize = 256 * 1024;

/// Refuses a text with a line too long to be a paragraph.
pub(crate) fn check_lines(text: &str, limit: usize) -> Result<(), String> {
    let mut line = 0;
    for l in text.split('\n') {
        line += 1;
        if l.len() > limit {
            return Err(format!(
                "line {line} is {} bytes long, more than any article's paragraph ({} KB at most)",
                l.len(),
                limit / 1024
            ));
        }
    }
    Ok(())
}

/// Paragraphs of a plain-text or Markdown article: blocks between blank
/// lines, or, in a file without blank lines, each line.
pub(crate) fn read_text(text: &str) -> RawArticle {
    let lines: Vec<&str> = text.lines().collect();
    let blank_separated = lines
        .windows(2)
        .any(|w| !w[0].trim().is_empty() && w[1].trim().is_empty())
        && lines.iter().filter(|l| l.trim().is_empty()).count() > 1;
    let mut paragraphs = Vec::new();
    let mut current: Option<Para> = None;
    for (i, l) in lines.iter().enumerate() {
        let l = l.trim_end();
        if l.trim().is_empty() {
            paragraphs.extend(current.take());
        } else if blank_separated {
            match &mut current {
                Some(p) => {
                    p.text.push('\n');
                    p.text.push_str(l.trim_start());
                }
                None => {
                    current = Some(Para {
                        text: l.trim_start().to_string(),
                        line: i + 1,
                    })
                }
            }
        } else {
            paragraphs.push(Para {
                text: l.trim().to_string(),
                line: i + 1,
            });
        }
    }
    paragraphs.extend(current);
    let mut article = RawArticle::default();
    read_header(&mut paragraphs, &mut article);
    article.paragraphs = paragraphs;
    article
}

/// Takes the title, byline, date and image credit off the top.
fn read_header(paragraphs: &mut Vec<Para>, article: &mut RawArticle) {
    let mut taken = 0;
    for (i, p) in paragraphs.iter().enumerate().take(6) {
        let t = p.text.trim();
        let heading = t.trim_start_matches('#').trim();
        if i == 0 && (t.starts_with("# ") || (t.len() < 200 && !t.ends_with('.'))) {
            article.title = Some(heading.to_string());
        } else if let Some(credit) = image_credit(t) {
            article.image_credit = Some(credit);
        } else if let Some((author, publisher, published)) = byline(t) {
            article.author = author.or(article.author.take());
            article.publisher = publisher.or(article.publisher.take());
            article.published = published.or(article.published.take());
        } else {
            break;
        }
        taken = i + 1;
    }
    paragraphs.drain(..taken);
}

/// "( Image credit : AP )", "Photo: Reuters" → the credit.
pub(crate) fn image_credit(line: &str) -> Option<String> {
    let t = line
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let lower = t.to_lowercase();
    for prefix in [
        "image credit",
        "photo credit",
        "image courtesy",
        "photo",
        "image",
        "foto",
        "crédito",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix(':') {
                let credit = t[t.len() - after.len()..].trim();
                if !credit.is_empty() && credit.len() < 100 {
                    return Some(credit.to_string());
                }
            }
        }
    }
    None
}

type Byline = (Option<String>, Option<String>, Option<String>);

/// "Shreeaa Rathi | TIMESOFINDIA.COM | May 05, 2025, 20:03 IST", "By Ana
/// Pérez, Reuters", "Published: 5 May 2025" → author, publisher, moment.
fn byline(line: &str) -> Option<Byline> {
    if line.len() > 300 {
        return None;
    }
    let parts: Vec<&str> = line
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut published = None;
    let mut names = Vec::new();
    for p in &parts {
        let p = p
            .trim_start_matches("Published:")
            .trim_start_matches("Updated:")
            .trim_start_matches("Publicado:")
            .trim();
        if published.is_none() && p.len() <= 60 && super::published::parse_stamp(p).is_some() {
            published = Some(p.to_string());
        } else {
            names.push(
                p.trim_start_matches("By ")
                    .trim_start_matches("Por ")
                    .trim()
                    .to_string(),
            );
        }
    }
    let by = line.starts_with("By ") || line.starts_with("Por ");
    if published.is_none() && !by {
        return None;
    }
    if names.iter().any(|n| n.split_whitespace().count() > 6) {
        return None;
    }
    let mut names = names.into_iter();
    Some((names.next(), names.next(), published))
}

/// Why a repeated paragraph was removed.
pub(crate) const REPEAT: &str = "repeats a paragraph above";

/// Why a paragraph is not part of the article, if it is not.
pub(crate) fn not_article(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let lower = t.to_lowercase();
    const ASKS: &[&str] = &[
        "would you like",
        "do you want",
        "shall i ",
        "should i ",
        "want me to",
        "let me know",
        "would you prefer",
        "do you need",
        "can i help",
        "i can also",
        "if you'd like",
        "if you would like",
        "¿te gustaría",
        "¿quieres",
        "¿desea",
    ];
    if ASKS.iter().any(|a| lower.starts_with(a)) && (t.ends_with('?') || t.ends_with('.')) {
        return Some("a question to the reader, not the article");
    }
    if t.len() < 200 && byline(t).is_some_and(|(_, _, date)| date.is_some()) {
        return Some("the byline, not the article");
    }
    const SHARE: &[&str] = &[
        "share",
        "subscribe",
        "sign up",
        "follow us",
        "click here",
        "read more",
        "also read",
        "read also",
        "download the app",
        "download our app",
        "advertisement",
        "sponsored",
        "newsletter",
        "get the latest",
        "join our",
        "comments",
        "comparte",
        "suscríbete",
        "lee también",
        "publicidad",
    ];
    if t.len() < 160 && SHARE.iter().any(|s| lower.starts_with(s)) {
        return Some("a share, subscribe or advertising line");
    }
    const NAV: &[&str] = &[
        "home",
        "skip to content",
        "back to top",
        "next article",
        "previous article",
        "next story",
        "menu",
        "inicio",
    ];
    let crumbs = t.split(['>', '»', '|']).count();
    let short_items = t
        .split(['>', '»', '|'])
        .all(|s| s.split_whitespace().count() <= 3);
    if t.len() < 200
        && ((crumbs >= 3 && short_items)
            || NAV.iter().any(|n| {
                lower == *n
                    || lower.starts_with(&format!("{n} >"))
                    || lower.starts_with(&format!("{n} |"))
            }))
    {
        return Some("navigation");
    }
    None
}

/// The article less what is not the article and what is repeated.
pub(crate) fn clean(paragraphs: Vec<Para>) -> (Vec<Para>, Vec<Removed>) {
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    for p in paragraphs {
        if let Some(why) = not_article(&p.text) {
            removed.push(Removed {
                line: p.line,
                text: p.text,
                why,
            });
            continue;
        }
        let key = crate::content::markdown::normalize_quote(&p.text);
        if seen.insert(key) {
            kept.push(p);
        } else {
            removed.push(Removed {
                line: p.line,
                text: p.text,
                why: REPEAT,
            });
        }
    }
    (kept, removed)
}
