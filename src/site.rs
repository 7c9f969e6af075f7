//! The site as the program holds it, and the one driver of the pipeline:
//! [`Site::load`] reads the files ([`crate::read`]) and parses them
//! ([`crate::content`]); [`Site::build`] checks everything, orders the
//! timeline ([`crate::timeline`]), makes the display texts
//! ([`crate::views`]) and puts every output file ([`crate::outputs`]) into
//! a [`Target`]: memory for `annals check` and `serve`, the staging folder
//! of [`crate::write`] for `annals build`. `annals serve` keeps the site,
//! and when content files change it reads and parses only those
//! ([`Site::update`]), keeps the citation checks of the events that did not
//! change, and renders again only the pages whose inputs changed. Every
//! command goes through the same steps, so checking, serving and building
//! cannot disagree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::config::Config;
use crate::content::event::Event;
use crate::content::source::Source;
use crate::diagnostic::{Diagnostics, SourceText};
use crate::outputs::html::{self, RenderState, Templates};
use crate::outputs::{self, DiscardTarget, MemoryTarget, OutputFile, SiteParts, Target};
use crate::read::{self, ContentKind};
use crate::timeline::{self, Timeline, TimelineCache};
use crate::views::{self, KeptTexts};
use crate::write::Staging;

mod gather;
use gather::{Edits, EventFiles, Parsed, SourceFiles};

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors (exit code 1).
    Content(Diagnostics),
    /// Bad usage or an I/O failure (exit code 2).
    Usage(String),
}

/// The stage a build has reached, for progress displays.
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

/// A site loaded into memory.
pub struct Site {
    root: PathBuf,
    /// `root` made absolute, to recognise the paths a file watcher reports.
    abs_root: PathBuf,
    config: Option<Config>,
    templates: Option<Templates>,
    /// The site's own templates, for the trees of its further languages.
    site_templates: Vec<SourceText>,
    statics: Vec<(PathBuf, Vec<u8>)>,
    /// Problems with site.yaml, the templates and the folders themselves.
    setup_diags: Diagnostics,
    events: EventFiles,
    sources: SourceFiles,
    /// The events files edited in place since the last check that read
    /// them all.
    edits: Edits,
    timeline_cache: TimelineCache,
    /// The display texts of the last build's events, by fingerprint.
    texts: KeptTexts,
    render_state: RenderState,
    /// The search index's documents, kept from one build to the next when
    /// asked for (`annals serve`).
    search_cache: Option<outputs::search::SearchCache>,
    /// The number of the timeline of the last build that succeeded (0:
    /// none; the timeline itself is the cache's, which changes it in place
    /// for an edit of words), and its events' display texts.
    last_number: u64,
    last_texts: Vec<Arc<views::EventText>>,
    /// Whether draft events are on the timeline (`--drafts`, `serve`).
    with_drafts: bool,
    /// Draft events the last build left out.
    drafts_left_out: usize,
}

/// What [`Site::build`] put into its target.
#[derive(Debug)]
pub struct Built {
    /// Paths of the files put, sorted: the pages rendered (all of them on
    /// the first build) and every data and static file.
    pub written: Vec<String>,
    /// Pages rendered.
    pub pages: usize,
    /// Paths of pages an earlier build made that the site no longer has.
    pub removed: Vec<String>,
    /// Warnings of the whole site.
    pub warnings: Diagnostics,
    /// Events on the timeline.
    pub events: usize,
    /// Sources.
    pub sources: usize,
    /// Draft events left out (without `--drafts`).
    pub drafts_left_out: usize,
}

impl Built {
    /// How many of the files written are HTML pages.
    pub fn html_files(&self) -> usize {
        self.written.iter().filter(|p| p.ends_with(".html")).count()
    }
}

fn with_base_url(config: &mut Config, base_url: Option<&str>) {
    if let Some(url) = base_url {
        config.base_url = Some(if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        });
    }
}

impl Site {
    /// Reads and parses the site at `root`. `base_url`, when given,
    /// replaces site.yaml's. A folder without site.yaml is a usage error.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Site, Failure> {
        let (files, mut setup_diags) = read::read_setup(root);
        let Some(config_text) = files.config else {
            if setup_diags.has_errors() {
                return Err(Failure::Content(setup_diags.sorted()));
            }
            return Err(Failure::Usage(read::not_a_site(root)));
        };
        let config = match Config::parse_with_messages(
            config_text.path(),
            config_text.text.to_string(),
            &files.messages,
        ) {
            Ok(mut c) => {
                with_base_url(&mut c, base_url);
                Some(c)
            }
            Err(d) => {
                setup_diags.extend(d);
                None
            }
        };
        let messages = config.as_ref().map_or_else(
            || crate::i18n::site_messages("en", &[]).0,
            |c| Arc::clone(&c.messages),
        );
        let templates = Templates::new(&files.templates, messages)
            .map_err(|d| setup_diags.extend(d))
            .ok();
        let site_templates = files.templates;
        let (paths, walk) = read::content_paths(root);
        setup_diags.extend(walk);
        let mut site = Site {
            root: root.to_path_buf(),
            abs_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            config,
            templates,
            site_templates,
            statics: files.statics,
            setup_diags,
            events: BTreeMap::new(),
            sources: BTreeMap::new(),
            edits: Edits::default(),
            timeline_cache: TimelineCache::default(),
            texts: KeptTexts::default(),
            render_state: RenderState::default(),
            search_cache: None,
            last_number: 0,
            last_texts: Vec::new(),
            with_drafts: false,
            drafts_left_out: 0,
        };
        let events: Vec<_> = paths
            .events
            .par_iter()
            .map(|p| (p.clone(), site.parse_events(p)))
            .collect();
        let sources: Vec<_> = paths
            .sources
            .par_iter()
            .map(|p| (p.clone(), site.parse_source(p)))
            .collect();
        site.events.extend(events);
        site.sources.extend(sources);
        Ok(site)
    }

    fn parse_events(&self, path: &Path) -> Parsed<Vec<Arc<Event>>> {
        let zone = self
            .config
            .as_ref()
            .map_or(chrono_tz::Tz::UTC, |c| c.timezone);
        match read::read_file(&self.root, path) {
            Ok(text) => {
                let (events, diags) = crate::content::event::parse_file(&text, zone);
                // Not `collect()`: it would keep the events' own buffer
                // (room for four events of a kilobyte each) to hold one
                // pointer, 3.5 KB per file kept for the whole build.
                let mut shared = Vec::with_capacity(events.len());
                shared.extend(events.into_iter().map(Arc::new));
                let events = shared;
                Parsed::new(events, diags, Some(&text))
            }
            Err(d) => {
                let mut p = Parsed::new(Vec::new(), vec![d], None);
                p.unloaded_ids = vec![crate::content::fields::stem_id(path)];
                p
            }
        }
    }

    fn parse_source(&self, path: &Path) -> Parsed<Option<Arc<Source>>> {
        let raw_html = self
            .config
            .as_ref()
            .map_or(crate::content::markdown::RawHtml::Sanitize, |c| c.raw_html);
        let text = match read::read_file(&self.root, path) {
            Ok(text) => text,
            Err(d) => {
                let mut p = Parsed::new(None, vec![d], None);
                p.unloaded_ids = vec![crate::content::fields::stem_id(path)];
                return p;
            }
        };
        match crate::content::source::parse(&text, raw_html) {
            Ok(s) => Parsed::new(Some(Arc::new(s)), Vec::new(), None),
            Err(diags) => Parsed::new(None, diags, Some(&text)),
        }
    }

    /// Takes in changed files (as a file watcher reports them). Returns
    /// false, changing nothing, unless every path is an event or source
    /// file of this site, read from inside it: anything else (site.yaml,
    /// templates, static files, folders, links) needs [`Site::load`] again.
    pub fn update(&mut self, changed: &[PathBuf]) -> bool {
        let mut files = Vec::new();
        for path in changed {
            let rel = path
                .strip_prefix(&self.abs_root)
                .or_else(|_| path.strip_prefix(&self.root));
            let Ok(rel) = rel else { return false };
            let path = self.root.join(rel);
            // Editors' backup and swap files are not read by a full load
            // either; a file that came and went leaves nothing to report.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            if name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            let Some(kind) = read::content_kind(&self.root, &path) else {
                if std::fs::symlink_metadata(&path).is_err() {
                    continue;
                }
                return false;
            };
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_file() => {
                    // A file reached through a linked folder may be outside.
                    let inside =
                        std::fs::canonicalize(&path).is_ok_and(|p| p.starts_with(&self.abs_root));
                    if !inside {
                        return false;
                    }
                }
                Ok(_) => return false,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(_) => return false,
            }
            files.push((path, kind));
        }
        for (path, kind) in files {
            let exists = path.is_file();
            match (kind, exists) {
                (ContentKind::Event, true) => {
                    let mut parsed = self.parse_events(&path);
                    let old = self.events.get(&path);
                    self.edits.replaced(old, &mut parsed, self.with_drafts);
                    self.events.insert(path, parsed);
                }
                (ContentKind::Source, true) => {
                    let parsed = self.parse_source(&path);
                    self.sources.insert(path, parsed);
                    self.edits.forget();
                }
                (ContentKind::Event, false) => {
                    self.events.remove(&path);
                    self.edits.forget();
                }
                (ContentKind::Source, false) => {
                    self.sources.remove(&path);
                    self.edits.forget();
                }
            }
        }
        true
    }

    /// Checks everything: the diagnostics of setup and of every file, and
    /// the timeline's. On error the site keeps what it last built.
    fn check(&mut self) -> Result<(Arc<Timeline>, Diagnostics), Failure> {
        let mut diags = self.setup_diags.clone();
        // Only the files edited in place since the last check, when that
        // is all that changed and the last timeline takes them in.
        let edited = match (&self.config, self.edits.take()) {
            (Some(config), Some((changed, file_diags, drafts_left_out))) => {
                self.timeline_cache.patch_at(&changed, config).inspect(|_| {
                    file_diags.iter().for_each(|d| diags.push(d.clone()));
                    self.drafts_left_out = drafts_left_out;
                })
            }
            _ => None,
        };
        // An unusable site.yaml must not hide the content's own problems:
        // they are checked against the defaults, and the site still fails.
        let fallback;
        let config = match &self.config {
            Some(c) => c,
            None => {
                fallback = Config::fallback();
                &fallback
            }
        };
        let built = match edited {
            Some(built) => Ok(built),
            None => {
                let all = gather::gather(&mut self.events, &self.sources, self.with_drafts);
                self.edits.start(&all);
                self.drafts_left_out = all.drafts_left_out;
                all.diags.into_iter().for_each(|d| diags.push(d));
                let cache = &mut self.timeline_cache;
                timeline::build(config, all.events, all.sources, &all.unloaded, cache)
            }
        };
        let timeline = match built {
            Ok((t, warnings)) => {
                diags.extend(warnings);
                // Translations are checked against site.yaml's languages:
                // against the defaults, every one would be an error.
                if self.config.is_some() {
                    diags.extend(timeline::translations::check(config, &t));
                }
                Some(t)
            }
            Err(d) => {
                diags.extend(d);
                None
            }
        };
        match timeline {
            Some(t) if self.config.is_some() && self.templates.is_some() && !diags.has_errors() => {
                Ok((t, diags))
            }
            _ => Err(Failure::Content(diags.sorted())),
        }
    }

    /// Checks everything, then puts into `target` the pages whose inputs
    /// changed since the last build (all of them the first time) and every
    /// data and static file. Warnings travel with the result; on error the
    /// site keeps what it last built, and what was put stays put (a
    /// staging folder is then dropped whole).
    pub fn build(
        &mut self,
        target: &dyn Target,
        progress: &dyn Fn(Stage),
    ) -> Result<Built, Failure> {
        let (timeline, mut diags) = self.check()?;
        let (Some(config), Some(templates)) = (&self.config, &self.templates) else {
            return Err(Failure::Content(diags.sorted()));
        };
        progress(Stage::Rendering {
            events: timeline.events.len(),
        });
        let (last, last_texts) = (self.last_number, &mut self.last_texts);
        let patched = views::patched_texts(config, &timeline, last, last_texts, &mut self.texts);
        let texts = patched.unwrap_or_else(|| {
            let texts = views::event_texts(config, &timeline, &self.texts);
            self.texts = KeptTexts::of(&timeline.events, &texts);
            texts
        });
        let parts = SiteParts {
            config,
            timeline: &timeline,
            templates,
            texts: &texts,
        };
        let mut fail = |d: Diagnostics| {
            diags.extend(d);
            Failure::Content(std::mem::take(&mut diags).sorted())
        };
        let pages =
            html::render_pages(&parts, &mut self.render_state, target).map_err(&mut fail)?;
        progress(Stage::Writing {
            files: pages.written.len(),
        });
        let page_paths = self.render_state.page_paths();
        let search_cache = self.search_cache.as_mut();
        let data = outputs::render_data(&parts, &self.statics, &page_paths, search_cache, target)
            .map_err(&mut fail)?;
        let mut written = pages.written;
        let mut rendered = written.len();
        written.extend(data);
        for messages in config.languages.iter().skip(1) {
            let tree = self
                .build_language(messages, &timeline, target)
                .map_err(&mut fail)?;
            rendered += tree.0;
            written.extend(tree.1);
        }
        written.sort();
        let built = Built {
            written,
            pages: rendered,
            removed: pages.removed,
            warnings: diags.sorted(),
            events: timeline.events.len(),
            sources: timeline.sources.len(),
            drafts_left_out: self.drafts_left_out,
        };
        // Freeing the last texts, and a timeline the cache does not keep,
        // takes a while: not on the way to the updated pages. One the cache
        // keeps is let go of here, so that the next edit of words can
        // change it in place.
        self.last_number = timeline.number;
        let old = std::mem::replace(&mut self.last_texts, texts);
        if Arc::strong_count(&timeline) > 1 {
            drop(timeline);
            std::thread::spawn(move || drop(old));
        } else {
            std::thread::spawn(move || drop((timeline, old)));
        }
        Ok(built)
    }

    /// Puts into `target` the tree `/CODE/` of a further language,
    /// `messages`: every page and file of the site, in that language, each
    /// event translated or marked untranslated (rendered whole each time).
    /// The number of pages and every path put.
    fn build_language(
        &self,
        messages: &Arc<crate::i18n::Messages>,
        timeline: &Timeline,
        target: &dyn Target,
    ) -> Result<(usize, Vec<String>), Diagnostics> {
        let (Some(config), Some(_)) = (&self.config, &self.templates) else {
            return Ok((0, Vec::new()));
        };
        let config = config.in_language(messages);
        let templates = Templates::new(&self.site_templates, Arc::clone(messages))?;
        let timeline = timeline.in_language(messages.code, &config);
        let texts = views::event_texts(&config, &timeline, &KeptTexts::default());
        let parts = SiteParts {
            config: &config,
            timeline: &timeline,
            templates: &templates,
            texts: &texts,
        };
        let prefix = format!("{}/", messages.code);
        let tree = outputs::Prefixed {
            target,
            prefix: &prefix,
        };
        let mut state = RenderState::default();
        let pages = html::render_pages(&parts, &mut state, &tree)?;
        let data = outputs::render_data(&parts, &self.statics, &state.page_paths(), None, &tree)?;
        let count = pages.written.len();
        let written = pages
            .written
            .into_iter()
            .chain(data)
            .map(|p| format!("{prefix}{p}"))
            .collect();
        Ok((count, written))
    }

    /// Puts draft events on the timeline (`--drafts`; `serve` always does,
    /// marking them), or leaves them out.
    pub fn with_drafts(mut self, drafts: bool) -> Site {
        self.with_drafts = drafts;
        self.edits.forget();
        self
    }

    /// Keeps what a render can reuse in the next one (the list cards, the
    /// search index's documents) from one build to the next: for a site that is built again after
    /// each edit (`annals serve`).
    pub fn keep_render_cache(&mut self) {
        self.render_state.keep_cards();
        self.search_cache.get_or_insert_default();
    }

    /// The output paths of every page of the last build, sorted.
    pub fn page_paths(&self) -> Vec<&str> {
        self.render_state.page_paths()
    }
}

/// Loads the site at `root` and renders every page of it, keeping none
/// (`annals check`): what the build said.
pub fn check(root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Built, Failure> {
    let mut site = Site::load(root, base_url)?.with_drafts(drafts);
    site.build(&DiscardTarget, &|_| {})
}

/// Loads the site at `root` and builds it in memory: every file of the
/// site, sorted by path, with what the build said (for tests and tools
/// that read the output without a folder).
pub fn render_in_memory(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<(Built, Vec<OutputFile>), Failure> {
    let mut site = Site::load(root, base_url)?.with_drafts(drafts);
    let target = MemoryTarget::default();
    let built = site.build(&target, &|_| {})?;
    Ok((built, target.into_files()))
}

/// What `build` did.
pub struct BuildReport {
    /// What the build wrote, and its warnings.
    pub built: Built,
    /// Where the site was written.
    pub output: PathBuf,
    /// The loaded site, kept so that a caller about to exit can skip
    /// freeing it (`std::mem::forget`): a large site takes a second.
    pub site: Site,
}

/// Checks and renders the site at `root`, writing each file into a staging
/// folder as soon as it is made, and swaps it in for `output` (default
/// `root/public`) once complete, with gzip copies of its text files when
/// `precompress`. On any error (or warning, with `deny`) the
/// previous output is untouched.
pub fn build(
    root: &Path,
    output: Option<&Path>,
    base_url: Option<&str>,
    deny: bool,
    drafts: bool,
    precompress: bool,
    progress: &dyn Fn(Stage),
) -> Result<BuildReport, Failure> {
    let output = output.map_or_else(|| root.join("public"), Path::to_path_buf);
    refuse_dangerous_output(root, &output)?;
    progress(Stage::Checking);
    let mut site = Site::load(root, base_url)?.with_drafts(drafts);
    let cannot_write =
        |e: std::io::Error| Failure::Usage(format!("cannot write {}: {e}", output.display()));
    let staging = Staging::new(&output)
        .map_err(cannot_write)?
        .precompressed(precompress);
    let built = site.build(&staging, progress)?;
    if deny && !built.warnings.is_empty() {
        return Err(Failure::Content(built.warnings));
    }
    staging.commit().map_err(cannot_write)?;
    Ok(BuildReport {
        built,
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
