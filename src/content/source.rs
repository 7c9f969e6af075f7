//! Article sources: Markdown files with YAML front matter, turned into
//! validated `Source`s with an anchored body.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::content::fields::{
    check_derived_id, check_slug, fingerprint, parse_date, parse_updated, stem_id, unsafe_link,
    unsafe_markdown_links,
};
use crate::content::markdown::{self, Paragraph, RawHtml};
use crate::content::yaml;
use crate::date::EventDate;
use crate::diagnostic::{Diagnostic, Location, SourceText};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    #[serde(default)]
    id: Option<Spanned<String>>,
    title: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    published: Option<Spanned<String>>,
    #[serde(default)]
    image_credit: Option<String>,
    #[serde(default)]
    url: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    updated: Option<Spanned<String>>,
}

/// A validated article source.
#[derive(Debug, Clone)]
pub struct Source {
    /// The id events cite (file stem unless `id:` is given).
    pub id: String,
    /// Where the id comes from, for duplicate-id messages.
    pub location: Location,
    /// Headline.
    pub title: String,
    /// Byline.
    pub author: Option<String>,
    /// Publication.
    pub publisher: Option<String>,
    /// When it was published.
    pub published: Option<EventDate>,
    /// Credit for the article's image.
    pub image_credit: Option<String>,
    /// Where the original can be read.
    pub url: Option<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// When the editor last changed the file (a day or an instant), if
    /// they say.
    pub updated: Option<EventDate>,
    /// Rendered body, every paragraph anchored.
    pub body_html: String,
    /// Paragraphs for quote matching.
    pub paragraphs: Vec<Paragraph>,
    /// What it was read from (see [`crate::content::event::fingerprint`]).
    pub fingerprint: u64,
}

impl Source {
    /// The first paragraph holding `wanted` (already normalised with
    /// [`markdown::normalize_quote`]), if any.
    pub fn find_quote(&self, wanted: &str) -> Option<(&Paragraph, usize)> {
        if wanted.is_empty() {
            return None;
        }
        // One searcher for every paragraph: a pass over the source's
        // text, with no joined copy of it kept beside the paragraphs.
        let finder = memchr::memmem::Finder::new(wanted.as_bytes());
        self.paragraphs
            .iter()
            .find_map(|p| Some((p, finder.find(p.normalized.as_bytes())?)))
    }
}

/// Splits `---` front matter from the body. Returns the YAML, the 0-based
/// line where it starts, and the body.
pub fn split_front_matter(src: &SourceText) -> Result<(&str, usize, &str), Diagnostic> {
    let text = &*src.text;
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
    else {
        return Err(Diagnostic::error(
            "a source starts with YAML front matter between `---` lines",
            src.at(1, 1, 3),
        )
        .with_hint("begin the file with a line `---`, the keys (title, author, publisher, published, …), then another `---`"));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((yaml, 1, body));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("the front matter is never closed", src.at(1, 1, 3))
            .with_hint("add a line `---` after the last key of the front matter"),
    )
}

/// Parses and validates one source file; `raw` says what happens to HTML
/// in its Markdown.
pub fn parse(src: &SourceText, raw_html: RawHtml) -> Result<Source, Vec<Diagnostic>> {
    let (yaml_text, line_offset, body) = split_front_matter(src).map_err(|d| vec![d])?;
    let raw: RawSource =
        yaml::parse(src, yaml_text, line_offset, "source front matter").map_err(|d| vec![d])?;
    let mut diags = Vec::new();
    let (id, location) = match &raw.id {
        Some(id) => {
            let loc = yaml::location(src, line_offset, id);
            if let Err(d) = check_slug(&id.value, "source id", loc.clone()) {
                diags.push(d);
            }
            (id.value.clone(), loc)
        }
        None => {
            let id = stem_id(src.path());
            let name = src.path().file_name().unwrap_or_default().to_string_lossy();
            let from = format!("the file name `{name}`");
            if let Err(d) = check_derived_id(&id, "source id", &from, src.at(1, 1, 3)) {
                diags.push(d);
            }
            (id, src.at(1, 1, 1))
        }
    };
    let published = raw.published.as_ref().and_then(|p| {
        parse_date(src, line_offset, p)
            .map_err(|d| diags.push(d))
            .ok()
    });
    let updated = raw.updated.as_ref().and_then(|u| {
        parse_updated(src, line_offset, u)
            .map_err(|d| diags.push(d))
            .ok()
    });
    if let Some(u) = &raw.url
        && markdown::is_unsafe(&u.value)
    {
        diags.push(unsafe_link(
            &u.value,
            yaml::location(src, line_offset, u),
            "the original's address must be an http(s) URL",
        ));
    }
    diags.extend(unsafe_markdown_links(
        src,
        body,
        src.text.len() - body.len(),
        true,
    ));
    if !diags.is_empty() {
        return Err(diags);
    }
    let body = markdown::render_source(body, raw_html);
    Ok(Source {
        id,
        location,
        title: raw.title,
        author: raw.author,
        publisher: raw.publisher,
        published,
        image_credit: raw.image_credit,
        url: raw.url.map(|u| u.value),
        tags: raw.tags,
        updated,
        body_html: body.html,
        paragraphs: body.paragraphs,
        fingerprint: fingerprint(src.path(), &src.text, 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText::new("content/sources/a.md", text)
    }

    #[test]
    fn splits_front_matter() {
        let s = src("---\ntitle: A\n---\nBody\n");
        let (yaml, line, body) = split_front_matter(&s).unwrap();
        assert_eq!((yaml, line, body), ("title: A\n", 1, "Body\n"));
    }

    #[test]
    fn unsafe_links_are_located_errors() {
        let s =
            src("---\ntitle: A\nurl: javascript:alert(1)\n---\nSee [x](javascript:alert(2)).\n");
        let ds = parse(&s, RawHtml::Sanitize).unwrap_err();
        let places: Vec<(usize, usize, &str)> = ds
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (l.line, l.column, d.message.as_str())
            })
            .collect();
        assert_eq!(
            places,
            [
                (3, 6, "unsafe link `javascript:alert(1)`"),
                (5, 9, "unsafe link `javascript:alert(2)`")
            ]
        );
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let s = src("---\ntitle: A\nBody\n");
        let d = split_front_matter(&s).unwrap_err();
        assert_eq!(d.message, "the front matter is never closed");
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let s = src("---\ntitle: A\npublisher: B\nauthr: C\n---\n");
        let d = parse(&s, RawHtml::Sanitize).unwrap_err().remove(0);
        let l = d.location.unwrap();
        assert_eq!((l.line, l.column), (4, 1));
        assert_eq!(d.message, "unknown key `authr` in source front matter");
        assert!(d.hints[0].contains("`author`"), "{:?}", d.hints);
    }
}
