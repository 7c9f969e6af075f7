//! annals: a static timeline site generator.
//!
//! The pipeline runs one way: `config` → `load` (files) → `event`/`source`
//! (validated content) → `timeline` (order and cross-references) →
//! `render` (pages) → `output` (disk). [`check`] runs every stage but the
//! last, so checking and building can never disagree.

pub mod axis;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod draft;
pub mod event;
pub mod export;
pub mod feeds;
pub mod import;
pub mod live;
pub mod load;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
pub mod timeline;
pub mod url;
mod yaml;

use std::path::{Path, PathBuf};

use config::Config;
use diagnostic::Diagnostics;
use render::OutputFile;
use timeline::Timeline;

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors (exit code 1).
    Content(Diagnostics),
    /// Bad usage or an I/O failure (exit code 2).
    Usage(String),
}

/// A site loaded, checked and rendered in memory.
#[derive(Debug)]
pub struct RenderedSite {
    /// The validated configuration.
    pub config: Config,
    /// The ordered events and sources.
    pub timeline: std::sync::Arc<Timeline>,
    /// Every file of the site, sorted by path.
    pub files: Vec<OutputFile>,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// The stage a run has reached, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and checking the site's files.
    Checking,
    /// Rendering pages for this many events.
    Rendering {
        /// Events on the timeline.
        events: usize,
    },
    /// The pages are written; the files beside them (feeds, calendars,
    /// exports, search index) are being made and written.
    Writing {
        /// Pages written.
        files: usize,
    },
}

/// Loads the site at `root`, checks everything and renders every page in
/// memory. Nothing is written. All problems are reported together.
pub fn check(root: &Path, base_url: Option<&str>) -> Result<RenderedSite, Failure> {
    check_with_progress(root, base_url, &|_| {})
}

/// [`check`], telling `progress` each stage it reaches.
pub fn check_with_progress(
    root: &Path,
    base_url: Option<&str>,
    progress: &dyn Fn(Stage),
) -> Result<RenderedSite, Failure> {
    progress(Stage::Checking);
    let mut site = live::Site::load(root, base_url)?;
    let built = site.build(progress)?;
    let paths: Vec<&str> = built
        .pages
        .written
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    let data = site.data(&paths)?;
    let mut files = built.pages.written;
    files.extend(data);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let (config, timeline) = site
        .into_parts()
        .expect("a site that built has a configuration and a timeline");
    Ok(RenderedSite {
        config,
        timeline,
        files,
        warnings: built.warnings,
    })
}

/// What `build` did.
pub struct BuildReport {
    /// Events on the timeline.
    pub events: usize,
    /// Sources.
    pub sources: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
    /// Where the site was written.
    pub output: PathBuf,
    /// The loaded site, kept so that a caller about to exit can skip
    /// freeing it (`std::mem::forget`): a large site takes a second.
    pub site: live::Site,
}

impl std::fmt::Debug for BuildReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildReport")
            .field("events", &self.events)
            .field("sources", &self.sources)
            .field("pages", &self.pages)
            .field("files", &self.files)
            .field("output", &self.output)
            .finish_non_exhaustive()
    }
}

/// With `--deny-warnings`: warnings fail the run like errors.
pub fn deny_warnings(site: RenderedSite, deny: bool) -> Result<RenderedSite, Failure> {
    if deny && !site.warnings.is_empty() {
        Err(Failure::Content(site.warnings))
    } else {
        Ok(site)
    }
}

/// Checks and renders the site at `root`, then writes it to `output`
/// (default `root/public`). On any error (or warning, with `deny`) the
/// previous output is untouched.
pub fn build(
    root: &Path,
    output: Option<&Path>,
    base_url: Option<&str>,
    deny: bool,
    progress: &dyn Fn(Stage),
) -> Result<BuildReport, Failure> {
    let output = output.map_or_else(|| root.join("public"), Path::to_path_buf);
    refuse_dangerous_output(root, &output)?;
    progress(Stage::Checking);
    let mut site = live::Site::load(root, base_url)?;
    let cannot_write =
        |e: std::io::Error| Failure::Usage(format!("cannot write {}: {e}", output.display()));
    // Each page is written to the staging folder as soon as it is rendered,
    // and freed: a large site is never held in memory whole, and writing
    // overlaps rendering. A build that fails drops the staging folder.
    let mut staging = output::Staging::new(&output).map_err(cannot_write)?;
    let write_error = std::sync::Mutex::new(None);
    let sink = |path: &str, bytes: &[u8]| {
        if let Err(e) = staging.put(path, bytes) {
            let mut first = write_error.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert(e);
        }
    };
    let check_writes = || match write_error.lock().unwrap_or_else(|e| e.into_inner()).take() {
        Some(e) => Err(cannot_write(e)),
        None => Ok(()),
    };
    let built = site.build_into(progress, Some(&sink))?;
    check_writes()?;
    if deny && !built.warnings.is_empty() {
        return Err(Failure::Content(built.warnings));
    }
    progress(Stage::Writing {
        files: built.pages.written.len(),
    });
    let paths: Vec<String> = built.pages.written.into_iter().map(|f| f.path).collect();
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let data = site.data_into(&refs, Some(&sink))?;
    check_writes()?;
    let written = refs
        .iter()
        .copied()
        .chain(data.iter().map(|f| f.path.as_str()));
    staging.claim(written).map_err(cannot_write)?;
    staging.commit().map_err(cannot_write)?;
    let (events, sources) = site.counts();
    let is_page = |p: &str| p.ends_with(".html");
    Ok(BuildReport {
        events,
        sources,
        pages: paths.iter().filter(|p| is_page(p)).count()
            + data.iter().filter(|f| is_page(&f.path)).count(),
        files: paths.len() + data.len(),
        warnings: built.warnings,
        output,
        site,
    })
}

/// The output folder is replaced wholesale, so it must not be the site
/// itself or hold it.
fn refuse_dangerous_output(root: &Path, output: &Path) -> Result<(), Failure> {
    // Links and `..` resolved, so that no spelling of a path gets past.
    fn resolved(p: &Path) -> PathBuf {
        if let Ok(real) = std::fs::canonicalize(p) {
            return real;
        }
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        match (abs.parent(), abs.file_name()) {
            (Some(parent), Some(name)) if parent != abs => resolved(parent).join(name),
            _ => abs.components().collect(),
        }
    }
    let (root, out) = (resolved(root), resolved(output));
    let content = root.join("content");
    if root.starts_with(&out) || content.starts_with(&out) || out.starts_with(&content) {
        return Err(Failure::Usage(format!(
            "refusing to use {} as the output folder: it would replace the site's own files",
            output.display()
        )));
    }
    Ok(())
}
