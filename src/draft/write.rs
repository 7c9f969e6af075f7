//! The article command from end to end: read, clean, date, tag, draft;
//! then write the source and the draft events — all of them or, when any
//! file is already there, none — and say what was done.

use crate::content::yaml::quoted;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use super::article::{self, Para, RawArticle, Removed};
use super::events::{self, Body, DraftEvent, Skipped};
use super::published::{self, Published};
use super::tagger::{self, Language};
use super::{DraftArgs, html};
use crate::Failure;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Everything a draft run makes, before anything is written.
#[derive(Debug)]
pub(crate) struct Draft {
    pub id: String,
    pub source: String,
    /// File stem → YAML, in article order.
    pub events: Vec<(String, String)>,
    pub report: String,
}

fn content(path: &Path, message: String, hint: &str) -> Failure {
    let mut d = Diagnostics::default();
    d.push(Diagnostic::file_error(message, path).with_hint(hint));
    Failure::Content(d)
}

/// Reads the article at `path` and writes its source and drafts into the
/// site at `args.root`.
pub(crate) fn draft_article(
    path: &Path,
    args: &DraftArgs,
    language: Option<Language>,
) -> Result<String, Failure> {
    let text = article::read_text_file(path)?;
    let draft = make(path, &text, args, language)?;
    let written = write(&args.root, &draft)?;
    let mut report = draft.report;
    let _ = writeln!(report, "\nwritten:");
    for w in &written {
        let _ = writeln!(report, "  {}", w.display());
    }
    let _ = write!(
        report,
        "next: review the drafts, delete `draft: true` from those you keep, and run annals check --root {}",
        args.root.display()
    );
    Ok(report)
}

/// The source, drafts and report for the article `text` (read from
/// `path`), nothing written.
pub(crate) fn make(
    path: &Path,
    text: &str,
    args: &DraftArgs,
    language: Option<Language>,
) -> Result<Draft, Failure> {
    let is_html = html::looks_like_html(text)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let limit = if is_html {
        4 * 1024 * 1024
    } else {
        article::MAX_LINE
    };
    article::check_lines(text, limit)
        .map_err(|e| content(path, e, "give annals draft the article's text, one paragraph a line or a blank line between paragraphs"))?;
    let raw: RawArticle = if is_html {
        html::read(text).map_err(|e| content(path, e, "save the page from a browser (File → Save Page As), or paste the article's text into a .txt file"))?
    } else {
        article::read_text(text)
    };
    if let Some(p) = raw.paragraphs.iter().find(|p| p.text.len() > 64 * 1024) {
        return Err(content(
            path,
            format!(
                "paragraph at line {} is {} KB long: not an article's paragraph",
                p.line,
                p.text.len() / 1024
            ),
            "check that this is the article's text",
        ));
    }
    let timezone = match &args.timezone {
        Some(z) => Some(z.parse::<Tz>().map_err(|_| {
            let known = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name());
            let hint = crate::diagnostic::did_you_mean(z, known)
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            Failure::Usage(format!(
                "unknown time zone `{z}` (an IANA name such as Asia/Kolkata){hint}"
            ))
        })?),
        None => None,
    };
    let language = language.unwrap_or_else(|| guess_language(&raw));
    let (kept, removed) = article::clean(raw.paragraphs.clone());
    if kept.is_empty() {
        return Err(content(path, "no article text left once the header and the lines that are not the article are set aside".to_string(), "is this the article's text?"));
    }
    let published = publication(path, &raw, args, timezone)?;
    let paragraphs: Vec<String> = kept.iter().map(|p| p.text.clone()).collect();
    let body = Body::new(&paragraphs);
    let set = tagger::rule_set(language).map_err(Failure::Usage)?;
    let timexes = tagger::tag(&body.text, language, published.anchor).map_err(Failure::Usage)?;
    let (drafts, skipped) = events::drafts(&body, &timexes, set).map_err(Failure::Usage)?;
    let title = raw
        .title
        .clone()
        .unwrap_or_else(|| events::title_of(&paragraphs[0], 0, 0));
    let id = source_id(&title);
    let source = source_file(&raw, &title, &published, &paragraphs);
    let mut stems: Vec<String> = Vec::new();
    let events = drafts
        .iter()
        .map(|d| {
            let stem = unique(&slug::slugify(&d.title), &mut stems);
            (stem, event_yaml(d, &id))
        })
        .collect();
    let report = report(&id, &published, &kept, &removed, &drafts, &skipped);
    Ok(Draft {
        id,
        source,
        events,
        report,
    })
}

fn guess_language(raw: &RawArticle) -> Language {
    if let Some(l) = &raw.language
        && l.to_lowercase().starts_with("es")
    {
        return Language::Es;
    }
    let words = raw
        .paragraphs
        .iter()
        .take(20)
        .flat_map(|p| p.text.split_whitespace());
    let (mut en, mut es) = (0, 0);
    for w in words {
        match w.to_lowercase().as_str() {
            "the" | "and" | "of" | "to" | "is" | "was" => en += 1,
            "el" | "la" | "los" | "las" | "y" | "que" | "del" => es += 1,
            _ => {}
        }
    }
    if es > en { Language::Es } else { Language::En }
}

fn publication(
    path: &Path,
    raw: &RawArticle,
    args: &DraftArgs,
    tz: Option<Tz>,
) -> Result<Published, Failure> {
    let (written, from_flag) = match (&args.published, &raw.published) {
        (Some(p), _) => (p.clone(), true),
        (None, Some(p)) => (p.clone(), false),
        (None, None) => {
            return Err(content(
                path,
                "the article says nowhere when it was published, and every relative date (\"last month\", \"on Sunday\") depends on it".to_string(),
                "pass --published 2025-05-05 (or 2025-05-05T20:03+05:30)",
            ));
        }
    };
    let stamp = published::parse_stamp(&written).ok_or_else(|| {
        if from_flag {
            Failure::Usage(format!("--published {written}: expected a date such as 2025-05-05 or 2025-05-05T20:03+05:30"))
        } else {
            content(path, format!("cannot read the publication date \"{written}\""), "pass --published 2025-05-05 (or 2025-05-05T20:03+05:30)")
        }
    })?;
    published::resolve(
        &stamp,
        tz,
        raw.publisher.as_deref().unwrap_or(""),
        raw.url.as_deref().unwrap_or(""),
    )
    .map_err(|e| {
        content(
            path,
            e,
            "pass --timezone with the article's IANA zone, e.g. --timezone Asia/Kolkata",
        )
    })
}

/// The source id: the title's slug, cut at a word before 60 characters.
fn source_id(title: &str) -> String {
    let slug = slug::slugify(title);
    let mut id = String::new();
    for part in slug.split('-') {
        if !id.is_empty() && id.len() + part.len() + 1 > 60 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(part);
    }
    if id.is_empty() {
        "article".to_string()
    } else {
        id
    }
}

/// `stem` cut to about 50 characters, made unique among `taken`.
fn unique(stem: &str, taken: &mut Vec<String>) -> String {
    let mut base = String::new();
    for part in stem.split('-').filter(|p| !p.is_empty()) {
        if !base.is_empty() && base.len() + part.len() + 1 > 50 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(part);
    }
    if base.is_empty() {
        base = "draft".to_string();
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

/// A comment line, safe whatever the text holds.
fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn event_yaml(d: &DraftEvent, source: &str) -> String {
    let mut y = format!(
        "# Draft from {source} (p-{}): {} → {}\n# {}\n",
        d.paragraph,
        comment(&format!("\"{}\"", d.expression)),
        d.date,
        comment(&d.how)
    );
    let list = |v: &[String]| v.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", ");
    let _ = writeln!(y, "title: {}", quoted(&d.title));
    let _ = writeln!(y, "date: {}", quoted(&d.date));
    y.push_str("draft: true\n");
    if !d.actors.is_empty() {
        let _ = writeln!(y, "actors: [{}]", list(&d.actors));
    }
    if !d.places.is_empty() {
        let _ = writeln!(y, "places: [{}]", list(&d.places));
    }
    let _ = writeln!(
        y,
        "sources:\n  - source: {source}\n    quote: {}",
        quoted(&d.quote)
    );
    y
}

fn source_file(
    raw: &RawArticle,
    title: &str,
    published: &Published,
    paragraphs: &[String],
) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", quoted(title));
    for (key, value) in [("author", &raw.author), ("publisher", &raw.publisher)] {
        if let Some(v) = value {
            let _ = writeln!(s, "{key}: {}", quoted(v));
        }
    }
    let _ = writeln!(s, "published: {}", published.written);
    if let Some(c) = &raw.image_credit {
        let _ = writeln!(s, "image_credit: {}", quoted(c));
    }
    if let Some(u) = &raw.url {
        let _ = writeln!(s, "url: {}", quoted(u));
    }
    s.push_str("---\n");
    for p in paragraphs {
        s.push_str(&markdown_paragraph(p));
        s.push_str("\n\n");
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

/// A paragraph that Markdown shows exactly as written: characters that
/// would become markup are escaped, and a line that would open a block
/// (a heading, list, quote) has its marker escaped.
pub(crate) fn markdown_paragraph(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 8);
    for (i, line) in p.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        let block_marker = line.starts_with(['#', '>', '-', '+', '=', '|'])
            || line.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() < 10 && n.chars().all(|c| c.is_ascii_digit())
            });
        for (j, c) in line.char_indices() {
            let first_marker = block_marker
                && (j == 0
                    || (line[..j].chars().all(|c| c.is_ascii_digit()) && matches!(c, '.' | ')')));
            if matches!(
                c,
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '!' | '|'
            ) || first_marker
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn report(
    id: &str,
    published: &Published,
    kept: &[Para],
    removed: &[Removed],
    drafts: &[DraftEvent],
    skipped: &[Skipped],
) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "source {id}: {} paragraphs, published {}",
        kept.len(),
        published.written
    );
    if let Some(note) = &published.zone_note {
        let _ = writeln!(r, "  time zone: {note}");
    }
    let _ = writeln!(r, "\nremoved ({}):", removed.len());
    let mut i = 0;
    while i < removed.len() {
        let x = &removed[i];
        // A run of repeats is a second copy of the article: one line.
        let run = removed[i..]
            .iter()
            .enumerate()
            .take_while(|(k, y)| y.why == x.why && y.line == x.line + k)
            .count();
        if run > 2 && x.why == article::REPEAT {
            let _ = writeln!(
                r,
                "  lines {}–{}: {run} paragraphs that repeat those above (a second copy of the article)",
                x.line,
                x.line + run - 1
            );
            i += run;
        } else {
            let _ = writeln!(r, "  line {}: {} — {}", x.line, x.why, shorten(&x.text, 70));
            i += 1;
        }
    }
    let _ = writeln!(r, "\ndated statements ({} drafts):", drafts.len());
    for d in drafts {
        let _ = writeln!(
            r,
            "  p-{}: \"{}\" → {}: {}",
            d.paragraph, d.expression, d.date, d.how
        );
    }
    let mut ambiguous: Vec<String> = Vec::new();
    for s in skipped {
        ambiguous.push(format!(
            "p-{}: \"{}\" ({}) — {}; no draft",
            s.paragraph, s.expression, s.value, s.why
        ));
    }
    for d in drafts.iter().filter(|d| d.how.contains("no tense cue")) {
        ambiguous.push(format!(
            "p-{}: \"{}\" — the sentence does not say past or future; check {}",
            d.paragraph, d.expression, d.date
        ));
    }
    for p in kept.iter().filter(|p| ends_mid_sentence(&p.text)) {
        ambiguous.push(format!(
            "line {}: the paragraph may end mid-sentence (\"…{}\"); kept as written",
            p.line,
            tail(&p.text, 30)
        ));
    }
    let _ = writeln!(r, "\nto check ({}):", ambiguous.len());
    for a in ambiguous {
        let _ = writeln!(r, "  {a}");
    }
    r
}

/// A paragraph whose last word is an abbreviation ("… the U.S.") or that
/// ends without a stop.
fn ends_mid_sentence(p: &str) -> bool {
    let t = p.trim_end();
    let last = t.split_whitespace().last().unwrap_or("");
    let letters = last.trim_end_matches('.');
    (last.ends_with('.') && letters.contains('.') && letters.len() <= 5)
        || !t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', ':', '…'])
}

fn shorten(s: &str, n: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        format!("{}…", flat.chars().take(n).collect::<String>())
    }
}

fn tail(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.trim_end().chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

/// Writes the source and drafts under `root`: refuses, writing nothing,
/// when any of the files exists.
pub(crate) fn write(root: &Path, draft: &Draft) -> Result<Vec<PathBuf>, Failure> {
    let sources = root.join("content/sources");
    let drafts = root.join("content/events/drafts");
    let mut files = vec![(
        sources.join(format!("{}.md", draft.id)),
        draft.source.as_str(),
    )];
    files.extend(
        draft
            .events
            .iter()
            .map(|(stem, y)| (drafts.join(format!("{stem}.yaml")), y.as_str())),
    );
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Failure::Usage(format!(
            "{} already exist{}: nothing was written; move {} away first (annals draft never replaces a file)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" },
            if existing.len() == 1 { "it" } else { "them" }
        )));
    }
    for dir in [&sources, &drafts] {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut written = Vec::new();
    for (path, text) in &files {
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = result {
            // Take back what this run wrote: all or nothing.
            for w in &written {
                let _ = std::fs::remove_file(w);
            }
            return Err(Failure::Usage(format!(
                "cannot write {}: {e}; nothing was written",
                path.display()
            )));
        }
        written.push(path.clone());
    }
    Ok(written)
}
