//! Files annals writes for the editor: a fresh site (`annals init`) and a
//! new event or source (`annals new`). Every file it writes builds as is.

use std::fs;
use std::path::{Path, PathBuf};

use crate::date::EventDate;
use crate::diagnostic::did_you_mean;

/// The skeleton of `annals init`: path in the new site and contents.
const SKELETON: [(&str, &str); 6] = [
    ("site.yaml", include_str!("scaffold/site.yaml")),
    ("README.md", include_str!("scaffold/README.md")),
    (
        "content/sources/council-bridge-vote.md",
        include_str!("scaffold/source.md"),
    ),
    (
        "content/events/engineer-warning.yaml",
        include_str!("scaffold/event-1.yaml"),
    ),
    (
        "content/events/council-vote.yaml",
        include_str!("scaffold/event-2.yaml"),
    ),
    (
        "content/events/residents-object.yaml",
        include_str!("scaffold/event-3.yaml"),
    ),
];

/// Writes a new site into `dir`: site.yaml, one source, three events and a
/// README for editors. Never changes an existing site (a folder with a
/// site.yaml), and writes into a folder that has other things in it only
/// with `force`, then adding the skeleton's missing files and replacing
/// none. Returns the files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
    if dir.join("site.yaml").exists() {
        return Err(format!(
            "{} is already an annals site (it has a site.yaml): init never changes an existing site; start a new one in another folder",
            dir.display()
        ));
    }
    let occupied = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied && !force {
        return Err(format!(
            "{} is not empty: choose a new folder (with --force, init adds the skeleton's files that are missing there and replaces none)",
            dir.display()
        ));
    }
    let mut written = Vec::new();
    for (path, text) in SKELETON {
        let dest = dir.join(path);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let created = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&dest)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        match created {
            Ok(()) => written.push(dest),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("cannot write {}: {e}", dest.display())),
        }
    }
    Ok(written)
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The longest slug made from a title, in bytes: file names are limited
/// to 255 bytes, and a URL of a page should stay readable.
const MAX_SLUG: usize = 60;

/// The slug of `title`, cut at a hyphen to at most [`MAX_SLUG`] bytes.
fn capped_slug(title: &str) -> String {
    let slug = slug::slugify(title);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let cut = &slug[..MAX_SLUG];
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut.to_string(),
    }
}

/// `dir/ID.ext` for an `id` given (a slug, not taken), else
/// `dir/slug.ext` from the title, or `dir/slug-2.ext`, … if taken.
fn unique_path(dir: &Path, title: &str, id: Option<&str>, ext: &str) -> Result<PathBuf, String> {
    if let Some(id) = id {
        if id.is_empty() || slug::slugify(id) != id {
            return Err(format!(
                "--id `{id}` is not a slug: use lowercase letters, digits and hyphens, e.g. `{}`",
                slug::slugify(id)
            ));
        }
        let path = dir.join(format!("{id}.{ext}"));
        if path.exists() {
            return Err(format!(
                "{} already exists: choose another --id",
                path.display()
            ));
        }
        return Ok(path);
    }
    let slug = capped_slug(title);
    if slug.is_empty() {
        return Err(format!(
            "cannot make a file name from the title {}: give one with --id",
            quoted(title)
        ));
    }
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{slug}.{ext}")
        } else {
            format!("{slug}-{n}.{ext}")
        };
        let path = dir.join(name);
        if !path.exists() {
            return Ok(path);
        }
        n += 1;
    }
}

fn site_dir(root: &Path, sub: &str) -> Result<PathBuf, String> {
    if !root.join("site.yaml").is_file() {
        return Err(crate::read::not_a_site(root));
    }
    let dir = root.join("content").join(sub);
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn check_date(what: &str, date: &str) -> Result<(), String> {
    EventDate::parse(date).map(|_| ()).map_err(|e| {
        let hint = crate::date::suggestion(date).unwrap_or(crate::date::ACCEPTED_FORMS.to_string());
        format!("invalid {what} `{date}`: {}; {hint}", e.message)
    })
}

/// Writes `content/events/SLUG.yaml` for a new event and returns its path.
/// `source`, if given, must be the id of a source file of the site.
pub fn new_event(
    root: &Path,
    title: &str,
    id: Option<&str>,
    date: &str,
    source: Option<&str>,
) -> Result<PathBuf, String> {
    check_date("--date", date)?;
    if let Some(id) = source {
        let known: Vec<String> = fs::read_dir(root.join("content/sources"))
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| {
                        let p = e.path();
                        (p.extension().is_some_and(|x| x == "md"))
                            .then(|| crate::content::fields::stem_id(&p))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !known.iter().any(|k| k == id) {
            let hint = did_you_mean(id, known.iter().map(String::as_str)).unwrap_or_default();
            return Err(format!("unknown source `{id}` {hint}")
                .trim_end()
                .to_string());
        }
    }
    let dir = site_dir(root, "events")?;
    let path = unique_path(&dir, title, id, "yaml")?;
    let mut text = format!(
        "title: {}\ndate: {}\nsummary: \"\"\ntags: []\nactors: []\nplaces: []\nimportance: 3\n",
        quoted(title),
        quoted(date)
    );
    match source {
        Some(id) => text.push_str(&format!(
            "sources:\n  - source: {id}\n    # quote: \"the exact words of the source that this event rests on\"\n"
        )),
        None => text.push_str("# sources:\n#   - source: SOURCE-ID\n#     quote: \"the exact words this event rests on\"\n"),
    }
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// What `annals new source` knows about the article.
pub struct NewSource<'a> {
    /// Headline.
    pub title: &'a str,
    /// The id (and file stem), when not made from the headline.
    pub id: Option<&'a str>,
    /// Publication date or instant.
    pub published: Option<&'a str>,
    /// Byline.
    pub author: Option<&'a str>,
    /// Publication.
    pub publisher: Option<&'a str>,
    /// Address of the original.
    pub url: Option<&'a str>,
}

/// Writes `content/sources/SLUG.md` for a new source and returns its path.
pub fn new_source(root: &Path, s: &NewSource<'_>) -> Result<PathBuf, String> {
    if let Some(p) = s.published {
        check_date("--published", p)?;
    }
    if let Some(u) = s.url
        && crate::content::markdown::is_unsafe(u)
    {
        return Err(format!("unsafe --url `{u}`: use an http(s) address"));
    }
    let dir = site_dir(root, "sources")?;
    let path = unique_path(&dir, s.title, s.id, "md")?;
    let mut text = format!("---\ntitle: {}\n", quoted(s.title));
    for (key, value) in [
        ("author", s.author),
        ("publisher", s.publisher),
        ("published", s.published),
        ("url", s.url),
    ] {
        if let Some(v) = value {
            text.push_str(&format!("{key}: {}\n", quoted(v)));
        }
    }
    text.push_str(
        "# Below the closing line: your summary of the article, then the exact\n\
         # words that events quote, e.g. as > block quotes.\n---\n",
    );
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}
