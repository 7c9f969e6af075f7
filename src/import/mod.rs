//! `annals import`: TimelineJS data (the JSON format and the spreadsheet
//! template's CSV) turned into annals event files and eras. Reading and
//! converting are pure; [`write`] is the one place that writes, and it never
//! replaces a file. Whatever annals has no place for is dropped with one
//! warning per kind of field, never silently.
//!
//! Each TimelineJS field either has an annals home (headline → `title`, text
//! → `summary`, group → the first tag, media → `media`, `location.name` →
//! `places`, eras → `eras:` in site.yaml, the title slide → the site's
//! title and description) or is reported. TimelineJS text is HTML; it is
//! written so that Markdown passes it through as it is, and the build
//! sanitises it like any HTML in Markdown.

mod dates;
mod files;
mod spreadsheet;
mod timelinejs;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

use crate::content::markdown::html_to_text;
use crate::date::EventDate;

use dates::DateParts;
pub use dates::present_year;
use dates::{dates, is_present};
pub use files::{Written, eras_yaml, event_yaml, write};
pub use spreadsheet::from_csv;
pub use timelinejs::from_timelinejs;

/// Media as an event carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMedia {
    /// Absolute URL (an image, or a page such as a video or a map).
    pub url: String,
    /// Caption (HTML, written so that Markdown passes it through).
    pub caption: Option<String>,
    /// Credit (the same).
    pub credit: Option<String>,
    /// Text alternative.
    pub alt: Option<String>,
}

/// One imported event, ready to be written as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEvent {
    /// Id and file stem: the slide's `unique_id` if it is a slug, else the
    /// slug of its headline, made unique.
    pub id: String,
    /// Headline, as plain text.
    pub title: String,
    /// `date:` as annals writes it.
    pub date: String,
    /// `end:`, if any.
    pub end: Option<String>,
    /// The slide's text (HTML written so that Markdown passes it through;
    /// sanitised on build unless `unsafe_html`).
    pub summary: String,
    /// Media that TimelineJS takes as HTML (a block quote), kept as the body.
    pub body: Option<String>,
    /// The TimelineJS group, as the event's first tag.
    pub group: Option<String>,
    /// The name of a `location`, as the event's place.
    pub place: Option<String>,
    /// Media URL, caption, credit and alt text.
    pub media: Option<ImportedMedia>,
}

/// One imported era.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEra {
    /// Headline, as plain text.
    pub title: String,
    /// Start, as annals writes it.
    pub date: String,
    /// End, as annals writes it.
    pub end: String,
}

/// A whole imported timeline.
#[derive(Debug, Default)]
pub struct Imported {
    /// From the title slide's headline, as plain text.
    pub title: Option<String>,
    /// From the title slide's text, as plain text.
    pub description: Option<String>,
    /// Events in file order.
    pub events: Vec<ImportedEvent>,
    /// Eras in file order.
    pub eras: Vec<ImportedEra>,
    /// What was dropped or changed, one line per kind of field.
    pub warnings: Vec<String>,
}

/// The unit of fields that belong to the whole timeline.
const WHOLE: &str = "timeline";

/// What an import dropped or changed, counted so that each kind of field
/// gets one warning.
#[derive(Default)]
struct Report {
    dropped: BTreeMap<String, (usize, &'static str, String)>,
    changed: BTreeMap<String, (usize, &'static str)>,
    lines: Vec<String>,
}

impl Report {
    /// `field` of one slide (or era: `unit`) has no place in annals.
    fn drop(&mut self, field: &str, unit: &'static str, why: &str) {
        self.dropped
            .entry(field.to_string())
            .or_insert((0, unit, why.to_string()))
            .0 += 1;
    }
    /// A change worth knowing, counted per slide.
    fn change(&mut self, what: &str, unit: &'static str) {
        self.changed.entry(what.to_string()).or_insert((0, unit)).0 += 1;
    }
    /// A one-off line (a skipped slide).
    fn line(&mut self, text: String) {
        self.lines.push(text);
    }
    fn into_warnings(self) -> Vec<String> {
        let count = |n: usize, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
        let mut out = self.lines;
        // Fields of the whole timeline (its title slide, its scale) are
        // not counted.
        out.extend(self.dropped.into_iter().map(|(field, (n, unit, why))| {
            if unit == WHOLE {
                format!("dropped `{field}`: {why}")
            } else {
                format!("dropped `{field}` from {}: {why}", count(n, unit))
            }
        }));
        out.extend(self.changed.into_iter().map(|(what, (n, unit))| {
            if unit == WHOLE {
                what
            } else {
                format!("{what} ({})", count(n, unit))
            }
        }));
        out
    }
}

/// The CommonMark block-level tag names (HTML block type 6).
#[rustfmt::skip]
const HTML_BLOCK_TAGS: [&str; 62] = [
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption",
    "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main",
    "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
    "track", "ul",
];

/// True when `html` opens with a tag that starts a CommonMark HTML block
/// (which runs to the next blank line).
fn starts_html_block(html: &str) -> bool {
    let Some(rest) = html.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let after = rest[name.len()..].chars().next();
    HTML_BLOCK_TAGS.contains(&name.as_str())
        && matches!(after, None | Some(' ' | '\t' | '\n' | '>' | '/'))
}

/// TimelineJS HTML as annals Markdown that renders to that same HTML: one
/// HTML block (Markdown leaves its content alone, so `*`, `_` or `[` stay
/// as written), wrapped in `<p>` (or `<div>` around paragraphs) when it
/// does not open with a block tag, without the blank lines that would end
/// the block (in HTML they are only white space).
fn html_block(html: &str) -> String {
    let joined = html
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let joined = joined.trim();
    if joined.is_empty() || starts_html_block(joined) {
        joined.to_string()
    } else if joined.to_ascii_lowercase().contains("<p") {
        format!("<div>{joined}</div>")
    } else {
        format!("<p>{joined}</p>")
    }
}

/// A value as annals keeps it: trimmed, without control characters (which
/// HTML does not allow) other than line breaks and tabs.
fn clean(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect()
}

/// A title for a slide without a headline: the start of its text, cut at a
/// word.
fn title_from_text(text: &str) -> Option<String> {
    let plain = html_to_text(text);
    let sentence = plain
        .split_inclusive(". ")
        .next()?
        .trim()
        .trim_end_matches('.');
    if sentence.is_empty() {
        return None;
    }
    if sentence.chars().count() <= 80 {
        return Some(sentence.to_string());
    }
    let mut title = String::new();
    for word in sentence.split(' ') {
        if title.chars().count() + word.chars().count() > 78 {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    Some(format!("{}…", title.trim_end_matches([',', ';', ':'])))
}

/// One slide's fields, from either format.
#[derive(Default)]
struct Slide {
    headline: String,
    text: String,
    start: DateParts,
    end: DateParts,
    media_url: String,
    caption: String,
    credit: String,
    alt: String,
    group: String,
    unique_id: String,
    place: String,
    /// The date as TimelineJS shows it instead of the date ("Now"): the
    /// slide's `display_date`, its start's `display_text` or
    /// `display_date`, the spreadsheet's Display Date. annals drops it, but
    /// it says when year 0 is the present.
    display_date: String,
}

/// Makes ids unique and slug-shaped.
fn unique_id(wanted: &str, fallback: &str, taken: &mut HashSet<String>) -> String {
    let mut base = slug::slugify(wanted);
    if base.is_empty() {
        base = slug::slugify(fallback);
    }
    if base.is_empty() {
        base = "event".into();
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// One slide as an event; `present` is the year a slide that stands for
/// the present gets (the year of the import).
fn convert(
    slide: Slide,
    index: usize,
    present: i64,
    taken: &mut HashSet<String>,
    r: &mut Report,
) -> Option<ImportedEvent> {
    let headline = html_to_text(&slide.headline);
    let title = if !headline.is_empty() {
        if headline != slide.headline.trim() && slide.headline.contains('<') {
            r.change(
                "reduced HTML in headlines to plain text: annals titles are plain text",
                "slide",
            );
        }
        headline
    } else if let Some(t) = title_from_text(&slide.text) {
        r.change(
            "titled slides without a headline from the start of their text: annals needs a title",
            "slide",
        );
        t
    } else if let Some(t) = title_from_text(&slide.caption) {
        r.change(
            "titled slides without a headline or text from their media caption: annals needs a title",
            "slide",
        );
        t
    } else {
        r.change(
            "titled slides without a headline or text by their position: annals needs a title",
            "slide",
        );
        format!("Slide {}", index + 1)
    };
    let what = format!("slide {} ({title})", index + 1);
    let (date, end) = if is_present(&slide) {
        // The present cannot stay the present in a static site that reads
        // the same whenever it is built: it becomes the year of the import,
        // which the editor moves on when the timeline is updated. (An
        // ongoing `YEAR/..` would read "since 2025", not "now".)
        let shown = if slide.display_date.is_empty() {
            String::new()
        } else {
            format!(
                ", which TimelineJS shows as \"{}\",",
                html_to_text(&slide.display_date)
            )
        };
        r.line(format!(
            "imported {what} as {present}, the year of this import: its year 0{shown} is the present, and would read as 1 BC in annals; move its date on when you update the timeline"
        ));
        (format!("{present:04}"), None)
    } else {
        dates(&slide.start, &slide.end, &what, r)?
    };

    let mut body = None;
    let media = if slide.media_url.is_empty() {
        for (field, value) in [
            ("media.caption", &slide.caption),
            ("media.credit", &slide.credit),
        ] {
            if !value.is_empty() {
                r.drop(field, "slide", "it belongs to media without a URL");
            }
        }
        None
    } else if slide.media_url.starts_with('<') {
        // TimelineJS shows media given as HTML (a block quote, an embed) as
        // it is: in annals that is the event's body.
        let mut html = slide.media_url.clone();
        for extra in [&slide.caption, &slide.credit] {
            if !extra.is_empty() {
                html.push_str(&format!("\n<p>{extra}</p>"));
            }
        }
        body = Some(html_block(&html));
        r.change(
            "kept media given as HTML (a block quote or an embed), with its caption and credit, as the event's body, which TimelineJS exports do not carry; the build sanitises it (embeds such as iframes are removed)",
            "slide",
        );
        None
    } else if crate::content::markdown::is_unsafe(&slide.media_url) {
        r.drop(
            "media with a javascript:, data: or vbscript: URL",
            "slide",
            "annals refuses such URLs",
        );
        None
    } else {
        Some(ImportedMedia {
            url: slide.media_url,
            caption: opt(&html_block(&slide.caption)),
            credit: opt(&html_block(&slide.credit)),
            alt: opt(&html_to_text(&slide.alt)),
        })
    };
    let id = unique_id(&slide.unique_id, &title, taken);
    if !slide.unique_id.is_empty() && id != slide.unique_id {
        r.change(
            "changed unique_ids that were not lowercase slugs or were taken: annals ids name pages (events/ID/)",
            "slide",
        );
    }
    let group = html_to_text(&slide.group);
    Some(ImportedEvent {
        id,
        title,
        date,
        end,
        summary: html_block(&slide.text),
        body,
        group: opt(&group),
        place: opt(&html_to_text(&slide.place)),
        media,
    })
}

/// Years beyond JavaScript dates, where TimelineJS needs its cosmological
/// scale.
fn is_cosmological(date: &str) -> bool {
    EventDate::parse(date).is_ok_and(|d| {
        d.points()
            .any(|p| !crate::date::HUMAN_YEARS.contains(&p.year))
    })
}

/// Checks a file's `scale` against the one annals will write (it follows
/// from the dates, as in TimelineJS).
fn check_scale(scale: &str, imported: &Imported, r: &mut Report) {
    let cosmological = imported
        .events
        .iter()
        .flat_map(|e| std::iter::once(&e.date).chain(&e.end))
        .chain(imported.eras.iter().flat_map(|e| [&e.date, &e.end]))
        .any(|d| is_cosmological(d));
    let derived = if cosmological {
        "cosmological"
    } else {
        "human"
    };
    if !scale.is_empty() && !scale.eq_ignore_ascii_case(derived) {
        r.drop(
            "scale",
            WHOLE,
            &format!("annals picks the scale from the dates, and these dates make it `{derived}`"),
        );
    }
}

/// Reads the file to import: UTF-8 text of at most
/// [`crate::read::MAX_TEXT_FILE`] bytes.
pub fn read(file: &Path) -> Result<String, String> {
    let cannot = |e: &dyn std::fmt::Display| format!("cannot read {}: {e}", file.display());
    let meta = fs::metadata(file).map_err(|e| cannot(&e))?;
    if !meta.is_file() {
        return Err(cannot(&"it is not a file"));
    }
    if meta.len() > crate::read::MAX_TEXT_FILE {
        return Err(cannot(&format!(
            "it is larger than {} MiB",
            crate::read::MAX_TEXT_FILE / (1024 * 1024)
        )));
    }
    fs::read_to_string(file).map_err(|e| cannot(&e))
}

/// The title slide's headline and text as the site's title and
/// description (plain text in annals).
fn title_slide(headline: &str, text: &str, out: &mut Imported, r: &mut Report) {
    let (title, description) = (html_to_text(headline), html_to_text(text));
    if title.is_empty() && !description.is_empty() {
        r.line("the title slide has no headline: the site is titled \"Imported timeline\"; change `title:` in site.yaml".into());
    }
    if (!title.is_empty() && headline.contains('<'))
        || (!description.is_empty() && text.contains('<'))
    {
        r.change(
            "reduced the title slide's HTML to plain text: the site's title and description are plain text",
            WHOLE,
        );
    }
    out.title = opt(&title);
    out.description = opt(&description);
}

/// An era (a JSON `eras` entry or a spreadsheet row of type `era`) as an
/// annals era: a title and both ends, or a warning saying why not.
fn era_of(
    headline: &str,
    text: &str,
    start: &DateParts,
    end: &DateParts,
    index: usize,
    out: &mut Imported,
    r: &mut Report,
) {
    let title = html_to_text(headline);
    if title.is_empty() {
        r.line(format!(
            "skipped era {}: it has no headline, and an annals era needs a title",
            index + 1
        ));
        return;
    }
    if !text.is_empty() {
        r.drop("eras.text.text", "era", "annals eras have a title only");
    }
    let what = format!("era {} ({title})", index + 1);
    if end.is_empty() {
        r.line(format!("skipped {what}: it has no end date"));
        return;
    }
    match dates(start, end, &what, r) {
        Some((date, Some(end))) => out.eras.push(ImportedEra { title, date, end }),
        Some((_, None)) => r.line(format!(
            "skipped {what}: an era needs an end date after its start"
        )),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_one_html_block_that_markdown_leaves_alone() {
        assert_eq!(html_block("Plain *text*"), "<p>Plain *text*</p>");
        assert_eq!(
            html_block("<p>One</p>\n\n<p>Two</p>"),
            "<p>One</p>\n<p>Two</p>"
        );
        assert_eq!(html_block("Lead <p>Two</p>"), "<div>Lead <p>Two</p></div>");
        assert_eq!(html_block("<span>x</span>"), "<p><span>x</span></p>");
        assert_eq!(
            html_block("<blockquote>q</blockquote>"),
            "<blockquote>q</blockquote>"
        );
        let raw = crate::content::markdown::RawHtml::Sanitize;
        assert_eq!(
            crate::content::markdown::render_inline(
                &html_block("a_b_c *d* [e](javascript:x)"),
                raw
            ),
            "a_b_c *d* [e](javascript:x)"
        );
    }
}
