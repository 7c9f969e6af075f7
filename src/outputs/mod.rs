//! Outputs: the files a site is made of, each kind its own module, each
//! taking the timeline and its [views](crate::views) — HTML pages through
//! Tera ([`html`]), Atom feeds ([`feeds`]), iCalendar files
//! ([`calendar`]), data exports ([`export`]), the sitemap ([`sitemap`]) and
//! the search index ([`search`]). None imports another; this module runs
//! them and hands every file to a [`Target`] as soon as it is made.

pub(crate) mod calendar;
pub(crate) mod export;
pub(crate) mod feeds;
pub(crate) mod html;
pub mod search;
pub(crate) mod sitemap;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::content::config::Config;
use crate::diagnostic::Diagnostics;
use crate::i18n;
use crate::timeline::Timeline;
use crate::views::EventText;
use crate::views::url::Page;

/// A file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    fn text(path: String, text: String) -> OutputFile {
        OutputFile {
            path,
            bytes: text.into_bytes(),
        }
    }
}

/// Where a build puts each file, page or data file, as soon as it is made,
/// from any thread: memory for `annals check` and `serve`, the staging
/// folder for `annals build` (so a large site is never held in memory
/// whole, and writing overlaps rendering).
pub trait Target: Sync {
    /// Takes one file.
    fn put(&self, file: OutputFile);
}

/// A [`Target`] that puts every file under `prefix` (a further language's
/// tree, `es/`) of another.
pub(crate) struct Prefixed<'t> {
    /// Where the files go.
    pub(crate) target: &'t dyn Target,
    /// The folder they go in, ending in `/`.
    pub(crate) prefix: &'t str,
}

impl Target for Prefixed<'_> {
    fn put(&self, mut file: OutputFile) {
        file.path = format!("{}{}", self.prefix, file.path);
        self.target.put(file);
    }
}

/// A [`Target`] that keeps every file in memory.
#[derive(Debug, Default)]
pub struct MemoryTarget(Mutex<Vec<OutputFile>>);

impl Target for MemoryTarget {
    fn put(&self, file: OutputFile) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }
}

impl MemoryTarget {
    /// Takes the files put so far, in the order they were put.
    pub fn take(&self) -> Vec<OutputFile> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The files put, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// A [`Target`] that drops every file: `annals check` renders every page
/// (a template error is an error of the site) but keeps none of them, so
/// its memory is that of a build, not of the whole output.
#[derive(Debug, Default)]
pub struct DiscardTarget;

impl Target for DiscardTarget {
    fn put(&self, _: OutputFile) {}
}

/// The built-in static files: path in the output and bytes.
pub(crate) const BUILTIN_STATIC: [(&str, &[u8]); 7] = [
    ("style.css", include_bytes!("../../static/style.css")),
    ("annals.js", include_bytes!("../../static/annals.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("embed.js", include_bytes!("../../static/embed.js")),
    ("story.js", include_bytes!("../../static/story.js")),
    // Pym.js 1.3.2 (NPR, MIT; the npm package `pym.js`, checked against it
    // by the tests): the host page's side and the embed's side of the
    // resizing protocol, served from the site so an embed loads nothing
    // from elsewhere.
    (html::PYM, include_bytes!("../../static/pym.v1.min.js")),
];

/// A built-in static file as the site gets it: the scripts with their
/// words in the site's language (see [`i18n::Script`]), the rest as they are.
fn builtin_static(path: &str, bytes: &[u8], messages: &i18n::Messages) -> Vec<u8> {
    match (i18n::Script::of_path(path), std::str::from_utf8(bytes)) {
        (Some(script), Ok(source)) => {
            i18n::with_words(source, &messages.script_words(script)).into_bytes()
        }
        _ => bytes.to_vec(),
    }
}

/// What every output is made from: the site's configuration, its
/// timeline, its templates and the events' display texts.
#[derive(Clone, Copy)]
pub(crate) struct SiteParts<'a> {
    pub(crate) config: &'a Config,
    pub(crate) timeline: &'a Timeline,
    pub(crate) templates: &'a html::Templates,
    pub(crate) texts: &'a [Arc<EventText>],
}

/// Puts `file` into `target` and returns its path.
fn put(target: &dyn Target, file: OutputFile) -> String {
    let path = file.path.clone();
    target.put(file);
    path
}

/// Whether the page in folder `dir` is made for an `<iframe>`: `embed/`,
/// `embed/story/` and `TAXONOMY/TERM/embed/` (not for search engines).
fn is_embed(dir: &str) -> bool {
    let parts: Vec<&str> = dir.trim_end_matches('/').split('/').collect();
    parts.first() == Some(&"embed") || (parts.len() == 3 && parts[2] == "embed")
}

/// Feeds, calendars and data exports, for the site and for each term, and
/// the sitemap (listing `pages`): put into `target`, their paths returned.
fn data_files(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<EventText>],
    pages: &[&str],
    target: &dyn Target,
) -> Vec<String> {
    let all: Vec<usize> = (0..tl.events.len()).collect();
    // Feeds and calendars hold the newest events (the last in timeline
    // order), `feed_limit:` of them: a reader's client shows what is new,
    // and the whole history is in events.json and the pages.
    let newest = |events: &[usize]| -> Vec<usize> {
        events[events.len().saturating_sub(config.feed_limit)..].to_vec()
    };
    let latest = newest(&all);
    // Each job makes one file, or the parts of a split export one at a
    // time; the jobs run in parallel, and each file is put when made.
    type Job<'j> = Box<dyn Fn(&mut dyn FnMut(OutputFile)) + Send + Sync + 'j>;
    let text = |path: String, text: String| OutputFile::text(path, text);
    let mut jobs: Vec<Job<'_>> = vec![
        Box::new(|put| {
            let feed = feeds::atom_feed(config, tl, texts, &latest, "", &config.title);
            put(text("feed.xml".into(), feed));
        }),
        Box::new(|put| {
            let calendar = calendar::icalendar(config, tl, texts, &latest, &config.title).0;
            put(text("calendar.ics".into(), calendar));
        }),
        // The two exports one after the other (each writes its events in
        // parallel): at 100,000 events each holds 60 MB of lines while it
        // is made.
        Box::new(|put| {
            export::timelinejs(config, tl, texts, export::FILE_LIMIT, &mut |p, t| {
                put(text(p, t));
            });
            export::events_json(config, tl, texts, export::FILE_LIMIT, &mut |p, t| {
                put(text(p, t));
            });
        }),
        Box::new(|put| {
            html::oembed_files(config, tl)
                .into_iter()
                .for_each(|(p, t)| put(text(p, t)))
        }),
    ];
    for t in &tl.taxonomies {
        for term in &t.terms {
            let dir = Page::Term(t.name, &term.slug).dir();
            let name = format!("{}: {} — {}", t.title, term.name, config.title);
            let (feed_dir, feed_name) = (dir.clone(), name.clone());
            let events = Arc::new(newest(&term.events));
            let feed_events = Arc::clone(&events);
            jobs.push(Box::new(move |put| {
                let feed = feeds::atom_feed(config, tl, texts, &feed_events, &feed_dir, &feed_name);
                put(text(format!("{feed_dir}feed.xml"), feed));
            }));
            jobs.push(Box::new(move |put| {
                let calendar = calendar::icalendar(config, tl, texts, &events, &name).0;
                put(text(format!("{dir}calendar.ics"), calendar));
            }));
        }
    }
    let mut out: Vec<String> = jobs
        .par_iter()
        .flat_map_iter(|job| {
            let mut paths = Vec::new();
            job(&mut |f| paths.push(put(target, f)));
            paths
        })
        .collect();
    // Search results are not pages for search engines.
    let dirs: Vec<String> = pages
        .iter()
        .filter_map(|path| path.strip_suffix("index.html").map(str::to_string))
        .filter(|dir| *dir != Page::Search.dir() && !is_embed(dir))
        .collect();
    if let Some(map) = sitemap::sitemap(config, tl, &dirs) {
        out.push(put(target, OutputFile::text("sitemap.xml".into(), map)));
    }
    out
}

/// The files of a site beside its pages: the search page and index, the
/// feeds, calendars and data exports, the sitemap (which lists `pages`),
/// and the built-in and the site's static files (a page wins over a static
/// file of the same path). Each is put into `target` when made; their
/// paths are returned. The search index takes what it can from
/// `search_cache` and leaves it holding its documents.
pub(crate) fn render_data(
    site: &SiteParts<'_>,
    site_static: &[(PathBuf, Vec<u8>)],
    pages: &[&str],
    search_cache: Option<&mut search::SearchCache>,
    target: &dyn Target,
) -> Result<Vec<String>, Diagnostics> {
    let SiteParts {
        config,
        timeline,
        texts,
        ..
    } = *site;
    // A build makes them one after the other, each in parallel within: at
    // 100,000 events each holds a hundred megabytes or more while it is
    // made, and side by side they set the build's peak memory. `serve`
    // (which keeps the index's documents to tokenise only what an edit
    // changed) makes them side by side, for the next edit's files sooner.
    let search = |cache| search::build(config, timeline, texts, cache, target);
    let (index, data) = match search_cache {
        Some(cache) => rayon::join(
            || search(Some(cache)),
            || data_files(config, timeline, texts, pages, target),
        ),
        None => (
            search(None),
            data_files(config, timeline, texts, pages, target),
        ),
    };
    let search_page =
        html::search_page(site, &index.manifest, target).map_err(|d| Diagnostics::from(vec![d]))?;
    let mut out = vec![search_page];
    out.extend(data);
    out.extend(index.paths);
    let messages = &*config.messages;
    let mut files: BTreeMap<String, Vec<u8>> = BUILTIN_STATIC
        .iter()
        .map(|&(p, b)| (p.to_string(), builtin_static(p, b, messages)))
        .collect();
    for (path, bytes) in site_static {
        files.insert(path.to_string_lossy().replace('\\', "/"), bytes.clone());
    }
    let taken: std::collections::HashSet<&str> = pages
        .iter()
        .copied()
        .chain(out.iter().map(String::as_str))
        .collect();
    let statics: Vec<OutputFile> = files
        .into_iter()
        .filter(|(path, _)| !taken.contains(path.as_str()))
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect();
    out.extend(statics.into_iter().map(|f| put(target, f)));
    out.sort();
    Ok(out)
}
