//! Reading the site folder: `site.yaml`, the files under `content/`, and the
//! site's own `templates/` and `static/`. Files are listed in sorted order so
//! nothing downstream depends on the order the file system gives.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};

/// Everything read from a site folder, before any parsing.
#[derive(Debug, Default)]
pub(crate) struct SiteFiles {
    /// `site.yaml`, if present.
    pub config: Option<SourceText>,
    /// `content/sources/*.md`
    pub sources: Vec<SourceText>,
    /// `content/events/**/*.yaml`
    pub events: Vec<SourceText>,
    /// `templates/*.html`: name (relative path with `/`) and text.
    pub templates: Vec<SourceText>,
    /// `static/**`: path relative to `static/` and bytes.
    pub statics: Vec<(PathBuf, Vec<u8>)>,
    /// `i18n/*.ftl`: the site's own interface words.
    pub messages: Vec<SourceText>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with('.') || n.ends_with('~')
}

/// Files below `dir`, sorted, skipping hidden ones. Walk errors become
/// diagnostics.
fn files_below(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let walked = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let site = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                // A link may point anywhere: only files inside the site are
                // read, so a build or the server never publishes others.
                let inside = !e.path_is_symlink()
                    || fs::canonicalize(e.path()).is_ok_and(|t| t.starts_with(&site));
                if inside {
                    out.push(e.into_path());
                } else {
                    diags.push(
                        Diagnostic::file_error(
                            "symbolic link to a file outside the site",
                            &relative(root, e.path()),
                        )
                        .with_hint("copy the file into the site instead of linking to it"),
                    );
                }
            }
            Ok(e) if e.path_is_symlink() && e.file_type().is_dir() => {
                // A link to a folder that holds the walked one leads back
                // into it: report it instead of reading everything twice.
                let target = fs::canonicalize(e.path()).unwrap_or_default();
                if walked.starts_with(&target) {
                    diags.push(Diagnostic::file_error(
                        "symbolic link loop",
                        &relative(root, e.path()),
                    ));
                    walker.skip_current_dir();
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let what = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    )
                };
                diags.push(Diagnostic::file_error(what, &relative(root, &path)));
            }
        }
    }
    out
}

/// `path` relative to `root`, for messages.
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// What a command says of a folder that holds no site.
pub(crate) fn not_a_site(root: &Path) -> String {
    format!(
        "{} is not an annals site: it has no site.yaml (create one with `annals init`, or pass --root)",
        root.display()
    )
}

/// The largest content or template file annals reads. Real sources and
/// event files are far smaller; a bigger one is a mistake (a stray dump or
/// video), refused before it is read so memory and time stay bounded.
pub(crate) const MAX_TEXT_FILE: u64 = 16 * 1024 * 1024;

fn read_text(root: &Path, path: &Path) -> Result<SourceText, Diagnostic> {
    let rel = relative(root, path);
    if let Ok(meta) = fs::metadata(path)
        && meta.len() > MAX_TEXT_FILE
    {
        return Err(Diagnostic::file_error(
            format!(
                "file is too large: {} MB (the limit is {} MB)",
                meta.len() / (1024 * 1024),
                MAX_TEXT_FILE / (1024 * 1024)
            ),
            &rel,
        )
        .with_hint("split it into smaller files, or move it out of content/"));
    }
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceText::read(rel, path, text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..offset]).into_owned();
                let src = SourceText::new(rel, prefix);
                Err(
                    Diagnostic::error("file is not valid UTF-8", src.at_byte(offset, 1))
                        .with_hint("save the file as UTF-8"),
                )
            }
        },
        Err(e) => Err(Diagnostic::file_error(format!("cannot read: {e}"), &rel)),
    }
}

/// Reads `paths` in parallel, in their order; what cannot be read becomes
/// a diagnostic.
fn read_texts(root: &Path, paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<SourceText> {
    let read: Vec<Result<SourceText, Diagnostic>> =
        paths.par_iter().map(|p| read_text(root, p)).collect();
    read.into_iter()
        .filter_map(|r| r.map_err(|d| diags.push(d)).ok())
        .collect()
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// What a file under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContentKind {
    /// `content/events/**/*.yaml`
    Event,
    /// `content/sources/**/*.md`
    Source,
}

/// The content files of a site, by kind, in file order (sorted by path).
#[derive(Debug, Default)]
pub(crate) struct ContentPaths {
    /// Event files.
    pub events: Vec<PathBuf>,
    /// Source files.
    pub sources: Vec<PathBuf>,
}

const KINDS: [(ContentKind, &str, &[&str], &str); 2] = [
    (
        ContentKind::Source,
        "sources",
        &["md", "markdown"],
        "sources are Markdown files (.md)",
    ),
    (
        ContentKind::Event,
        "events",
        &["yaml", "yml"],
        "events are YAML files (.yaml or .yml)",
    ),
];

/// What `path` (absolute, or relative to the working folder) is in the site
/// at `root`: an event file, a source file, or neither.
pub(crate) fn content_kind(root: &Path, path: &Path) -> Option<ContentKind> {
    let rel = path.strip_prefix(root).ok()?;
    KINDS.iter().find_map(|(kind, folder, exts, _)| {
        (rel.starts_with(Path::new("content").join(folder)) && has_ext(rel, exts)).then_some(*kind)
    })
}

/// Lists the content files of the site at `root`. Files of the wrong kind
/// are reported (as warnings) and left out.
pub(crate) fn content_paths(root: &Path) -> (ContentPaths, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut paths = ContentPaths::default();
    let content = root.join("content");
    for (kind, folder, exts, what) in KINDS {
        for path in files_below(root, &content.join(folder), &mut diags) {
            if has_ext(&path, exts) {
                match kind {
                    ContentKind::Event => paths.events.push(path),
                    ContentKind::Source => paths.sources.push(path),
                }
            } else {
                diags.push(
                    Diagnostic::file_error(format!("ignored: {what}"), &relative(root, &path))
                        .warning(),
                );
            }
        }
    }
    strays_in_content(root, &content, &mut diags);
    (paths, diags)
}

/// A warning for each folder or file right under `content/` that annals
/// does not read (`content/event/`, `content/notes.md`): what is in them
/// would be left out without a word.
fn strays_in_content(root: &Path, content: &Path, diags: &mut Diagnostics) {
    let Ok(entries) = fs::read_dir(content) else {
        return;
    };
    let mut names: Vec<(std::ffi::OsString, bool)> = entries
        .flatten()
        .filter(|e| !is_hidden(&e.file_name()))
        .map(|e| (e.file_name(), e.path().is_dir()))
        .collect();
    names.sort();
    let folders = KINDS.map(|(_, folder, ..)| folder);
    for (name, is_dir) in names {
        let shown = name.to_string_lossy();
        if is_dir && folders.contains(&shown.as_ref()) {
            continue;
        }
        let path = relative(root, &content.join(&name));
        let mut d = if is_dir {
            Diagnostic::file_error(
                "ignored folder: annals reads content/events/ and content/sources/ only",
                &path,
            )
        } else {
            Diagnostic::file_error(
                "ignored file: events go in content/events/, sources in content/sources/",
                &path,
            )
        };
        let stem = Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if let Some(best) = crate::diagnostic::closest(&stem, folders).first() {
            d = d.with_hint(format!("did you mean `content/{best}/`?"));
        } else if !is_dir && has_ext(Path::new(&name), &["yaml", "yml"]) {
            d = d.with_hint("move it into content/events/");
        } else if !is_dir && has_ext(Path::new(&name), &["md", "markdown"]) {
            d = d.with_hint("move it into content/sources/");
        }
        diags.push(d.warning());
    }
}

/// Reads one text file of the site at `root`: UTF-8 (a byte-order mark is
/// dropped, CRLF line ends become LF), no larger than [`MAX_TEXT_FILE`].
pub(crate) fn read_file(root: &Path, path: &Path) -> Result<SourceText, Diagnostic> {
    read_text(root, path)
}

/// Reads the site folder at `root`: site.yaml, templates and static files,
/// and the content files. Problems reading files are returned as
/// diagnostics alongside whatever could be read.
pub(crate) fn read_site(root: &Path) -> (SiteFiles, Diagnostics) {
    let (mut files, mut diags) = read_setup(root);
    let (paths, walk) = content_paths(root);
    diags.extend(walk);
    files.sources = read_texts(root, &paths.sources, &mut diags);
    files.events = read_texts(root, &paths.events, &mut diags);
    (files, diags)
}

/// Reads what a site is built with besides its content: site.yaml, the
/// templates, the message files and the static files.
pub(crate) fn read_setup(root: &Path) -> (SiteFiles, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut files = SiteFiles::default();
    let config_path = root.join("site.yaml");
    if config_path.is_file() {
        files.config = read_text(root, &config_path)
            .map_err(|d| diags.push(d))
            .ok();
    }
    let templates = root.join("templates");
    for path in files_below(root, &templates, &mut diags) {
        if has_ext(&path, &["html", "xml", "txt", "json"]) {
            match read_text(root, &path) {
                Ok(t) => files.templates.push(t),
                Err(d) => diags.push(d),
            }
        }
    }
    let messages = root.join("i18n");
    for path in files_below(root, &messages, &mut diags) {
        if has_ext(&path, &["ftl"]) {
            match read_text(root, &path) {
                Ok(t) => files.messages.push(t),
                Err(d) => diags.push(d),
            }
        }
    }
    let statics = root.join("static");
    for path in files_below(root, &statics, &mut diags) {
        match fs::read(&path) {
            Ok(bytes) => files.statics.push((relative(&statics, &path), bytes)),
            Err(e) => diags.push(Diagnostic::file_error(
                format!("cannot read: {e}"),
                &relative(root, &path),
            )),
        }
    }
    case_collisions(&files.statics, &mut diags);
    (files, diags)
}

/// A path as a case-insensitive file system (macOS, Windows) compares it:
/// letters in one case, and accents in one Unicode form.
pub(crate) fn folded_path(path: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(&path.to_lowercase())
        .into_owned()
}

/// Static files whose paths differ only in case (or Unicode form) are an
/// error naming both: on macOS and Windows one would replace the other.
fn case_collisions(statics: &[(PathBuf, Vec<u8>)], diags: &mut Diagnostics) {
    let mut seen: std::collections::HashMap<String, &Path> = std::collections::HashMap::new();
    for (path, _) in statics {
        let shown = path.to_string_lossy().replace('\\', "/");
        let first = *seen.entry(folded_path(&shown)).or_insert(path);
        if first != path {
            let first = first.to_string_lossy().replace('\\', "/");
            diags.push(
                Diagnostic::file_error(
                    format!("`static/{first}` and `static/{shown}` differ only in case"),
                    &Path::new("static").join(path),
                )
                .with_hint("macOS and Windows do not tell them apart: where the site is copied or served from there, one replaces the other; rename one"),
            );
        }
    }
}
