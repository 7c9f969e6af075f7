//! An article saved as an HTML page: the body from dom_smoothie (a port of
//! Mozilla's Readability), the metadata from the page itself — JSON-LD
//! `NewsArticle` first, then Open Graph and `<meta>`, then the first
//! `<time datetime>` — and a guard against nesting too deep to walk.

use dom_query::Document;
use serde_json::Value;

use super::article::{Para, RawArticle};

/// Deeper element nesting is refused before the page is parsed: no
/// article needs it, and walking it would risk the stack.
pub(crate) const MAX_DEPTH: usize = 256;

/// Elements that never hold others.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype", "!--",
];

/// True when `text` looks like an HTML page rather than text.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<head")
        || head.starts_with("<body")
        || head.starts_with("<article")
        || (head.starts_with('<') && text.contains("</p>"))
}

/// The deepest element nesting of `html`, counted roughly from its tags
/// (as a browser's parser would nest them at most).
pub(crate) fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let rest = &html[at + 1..];
        let end = rest.find('>').map_or(html.len(), |e| at + 1 + e);
        let tag = &html[at + 1..end.min(html.len())];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
        } else if !name.is_empty() && !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            depth += 1;
            max = max.max(depth);
        }
        if matches!(name.as_str(), "script" | "style") && !tag.starts_with('/') {
            // Their content is not markup.
            let close = format!("</{name}");
            i = html[end.min(html.len())..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |c| end + c);
            continue;
        }
        i = (end + 1).min(html.len());
    }
    max
}

/// Reads the page: metadata, then the body's paragraphs.
pub(crate) fn read(html: &str) -> Result<RawArticle, String> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(format!(
            "the page nests its elements {depth} deep (more than {MAX_DEPTH}): not an article page"
        ));
    }
    let page = Document::from(html);
    let mut article = RawArticle::default();
    json_ld(&page, &mut article);
    meta_tags(&page, &mut article);
    let config = dom_smoothie::Config {
        max_elements_to_parse: 100_000,
        ..Default::default()
    };
    let mut reader = dom_smoothie::Readability::with_document(page, None, Some(config))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let parsed = reader
        .parse()
        .map_err(|e| format!("no article found in the page: {e}"))?;
    if article.title.is_none() && !parsed.title.trim().is_empty() {
        article.title = Some(squash(&parsed.title));
    }
    if article.author.is_none() {
        article.author = parsed.byline.as_deref().map(squash);
    }
    if article.published.is_none() {
        article.published = parsed.published_time.clone();
    }
    if article.publisher.is_none() {
        article.publisher = parsed.site_name.clone();
    }
    let body = Document::from(parsed.content.to_string());
    for (n, p) in body
        .select("p, li, blockquote > p, h2, h3")
        .iter()
        .enumerate()
    {
        let text = squash(&p.text());
        if !text.is_empty() {
            article.paragraphs.push(Para { text, line: n + 1 });
        }
    }
    Ok(article)
}

/// White space runs made one space, trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_ld(page: &Document, article: &mut RawArticle) {
    for script in page.select("script[type=\"application/ld+json\"]").iter() {
        let Ok(json) = serde_json::from_str::<Value>(script.text().trim()) else {
            continue;
        };
        let Some(a) = find_article(&json) else {
            continue;
        };
        let s = |v: &Value| v.as_str().map(squash).filter(|s| !s.is_empty());
        article.title = a.get("headline").and_then(s).or(article.title.take());
        article.published = a
            .get("datePublished")
            .and_then(s)
            .or(article.published.take());
        article.url = a.get("url").and_then(s).or(article.url.take());
        article.language = a.get("inLanguage").and_then(s).or(article.language.take());
        if let Some(p) = a.get("publisher") {
            article.publisher = names(p).into_iter().next().or(article.publisher.take());
        }
        if let Some(au) = a.get("author") {
            let all = names(au);
            if !all.is_empty() {
                article.author = Some(all.join(", "));
            }
        }
        if let Some(img) = a.get("image") {
            let img = img.as_array().and_then(|a| a.first()).unwrap_or(img);
            let credit = img.get("creditText").or_else(|| img.get("copyrightHolder"));
            if let Some(c) = credit.and_then(|c| s(c).or_else(|| names(c).into_iter().next())) {
                article.image_credit = Some(c);
            }
        }
        return;
    }
}

/// A `NewsArticle` (or any `…Article`) object, at the top, in a list or
/// in `@graph`.
fn find_article(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => t.ends_with("Article"),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| t.ends_with("Article"))),
                _ => false,
            };
            if is_article {
                Some(v)
            } else {
                map.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

/// Names in a schema.org person or organisation value (or a list).
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![squash(s)],
        Value::Array(items) => items.iter().flat_map(names).collect(),
        Value::Object(map) => map
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![squash(s)])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

fn meta_tags(page: &Document, article: &mut RawArticle) {
    let meta = |sel: &str| {
        page.select(sel).iter().find_map(|m| {
            m.attr("content")
                .map(|c| squash(&c))
                .filter(|c| !c.is_empty())
        })
    };
    if article.title.is_none() {
        article.title = meta("meta[property=\"og:title\"]").or_else(|| {
            let t = squash(&page.select("title").text());
            (!t.is_empty()).then_some(t)
        });
    }
    if article.publisher.is_none() {
        article.publisher = meta("meta[property=\"og:site_name\"]");
    }
    if article.author.is_none() {
        article.author =
            meta("meta[name=\"author\"]").or_else(|| meta("meta[property=\"article:author\"]"));
    }
    if article.published.is_none() {
        article.published = meta("meta[property=\"article:published_time\"]")
            .or_else(|| meta("meta[name=\"date\"]"))
            .or_else(|| {
                page.select("time[datetime]")
                    .iter()
                    .find_map(|t| t.attr("datetime").map(|d| d.trim().to_string()))
            });
    }
    if article.url.is_none() {
        article.url = meta("meta[property=\"og:url\"]").or_else(|| {
            page.select("link[rel=\"canonical\"]")
                .iter()
                .find_map(|l| l.attr("href").map(|h| h.trim().to_string()))
        });
    }
    if article.language.is_none() {
        article.language = page.select("html").attr("lang").map(|l| l.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_open_elements_but_not_void_ones() {
        assert_eq!(
            nesting_depth("<html><body><p>a<br>b<img src=x></p></body></html>"),
            3
        );
        let deep = "<div>".repeat(5000);
        assert_eq!(nesting_depth(&deep), 5000);
        assert_eq!(nesting_depth("<script>if (a<b) {}</script><p>x</p>"), 1);
    }

    #[test]
    fn json_ld_in_a_graph_is_found() {
        let v: Value = serde_json::from_str(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":["NewsArticle"],"headline":"H"}]}"#,
        )
        .unwrap();
        assert_eq!(find_article(&v).unwrap()["headline"], "H");
    }
}
