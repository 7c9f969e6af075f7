//! The site as the program holds it between builds. `annals build` and
//! `annals check` load a site once and build it; `annals serve` keeps it,
//! and when content files change it reads and parses only those, keeps the
//! citation checks of the events that did not change, and renders again
//! only the pages whose inputs changed. Both go through the same steps, so
//! a served site and a built one cannot disagree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::event::Event;
use crate::load::{self, ContentKind};
use crate::render::{self, OutputFile, PageChanges, RenderState, Templates};
use crate::source::Source;
use crate::timeline::{self, Timeline, TimelineCache};
use crate::{Failure, Stage};

/// One content file as last read: what it parsed to, and its problems.
struct Parsed<T> {
    value: T,
    diags: Vec<Diagnostic>,
}

/// A site loaded into memory.
pub struct Site {
    root: PathBuf,
    /// `root` made absolute, to recognise the paths a file watcher reports.
    abs_root: PathBuf,
    base_url: Option<String>,
    config: Option<Config>,
    templates: Option<Templates>,
    statics: Vec<(PathBuf, Vec<u8>)>,
    /// Problems with site.yaml, the templates and the folders themselves.
    setup_diags: Diagnostics,
    events: BTreeMap<PathBuf, Parsed<Vec<Arc<Event>>>>,
    sources: BTreeMap<PathBuf, Parsed<Option<Arc<Source>>>>,
    timeline_cache: TimelineCache,
    render_state: RenderState,
    /// The timeline of the last build that succeeded.
    timeline: Option<Arc<Timeline>>,
}

/// What [`Site::build`] rendered.
#[derive(Debug)]
pub struct Built {
    /// Pages rendered (all of them on the first build) and pages gone.
    pub pages: PageChanges,
    /// Warnings of the whole site.
    pub warnings: Diagnostics,
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
        let (files, mut setup_diags) = load::read_setup(root);
        let Some(config_text) = files.config else {
            if setup_diags.has_errors() {
                return Err(Failure::Content(setup_diags.sorted()));
            }
            return Err(Failure::Usage(format!(
                "{} is not an annals site: it has no site.yaml (create one with `annals init`, or pass --root)",
                root.display()
            )));
        };
        let config = match Config::parse(&config_text.path, config_text.text) {
            Ok(mut c) => {
                with_base_url(&mut c, base_url);
                Some(c)
            }
            Err(d) => {
                setup_diags.extend(d);
                None
            }
        };
        let templates = Templates::new(&files.templates)
            .map_err(|d| setup_diags.extend(d))
            .ok();
        let (paths, walk) = load::content_paths(root);
        setup_diags.extend(walk);
        let mut site = Site {
            root: root.to_path_buf(),
            abs_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            base_url: base_url.map(str::to_string),
            config,
            templates,
            statics: files.statics,
            setup_diags,
            events: BTreeMap::new(),
            sources: BTreeMap::new(),
            timeline_cache: TimelineCache::default(),
            render_state: RenderState::default(),
            timeline: None,
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
        match load::read_file(&self.root, path) {
            Ok(text) => {
                let (events, diags) = crate::event::parse_file(&text, zone);
                Parsed {
                    value: events.into_iter().map(Arc::new).collect(),
                    diags,
                }
            }
            Err(d) => Parsed {
                value: Vec::new(),
                diags: vec![d],
            },
        }
    }

    fn parse_source(&self, path: &Path) -> Parsed<Option<Arc<Source>>> {
        let raw_html = self
            .config
            .as_ref()
            .map_or(crate::markdown::RawHtml::Sanitize, |c| c.raw_html);
        let parsed = load::read_file(&self.root, path)
            .map_err(|d| vec![d])
            .and_then(|text: SourceText| crate::source::parse(&text, raw_html));
        match parsed {
            Ok(s) => Parsed {
                value: Some(Arc::new(s)),
                diags: Vec::new(),
            },
            Err(diags) => Parsed { value: None, diags },
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
            let Some(kind) = load::content_kind(&self.root, &path) else {
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
                    let parsed = self.parse_events(&path);
                    self.events.insert(path, parsed);
                }
                (ContentKind::Source, true) => {
                    let parsed = self.parse_source(&path);
                    self.sources.insert(path, parsed);
                }
                (ContentKind::Event, false) => {
                    self.events.remove(&path);
                }
                (ContentKind::Source, false) => {
                    self.sources.remove(&path);
                }
            }
        }
        true
    }

    /// Checks everything and renders the pages whose inputs changed since
    /// the last build (all of them the first time). On error the site keeps
    /// what it last built.
    pub fn build(&mut self, progress: &dyn Fn(Stage)) -> Result<Built, Failure> {
        self.build_into(progress, None)
    }

    /// [`Site::build`], handing each page to `sink` as soon as it is
    /// rendered (see [`render::FileSink`]) instead of keeping it.
    pub fn build_into(
        &mut self,
        progress: &dyn Fn(Stage),
        sink: Option<render::FileSink<'_>>,
    ) -> Result<Built, Failure> {
        let mut diags = self.setup_diags.clone();
        let mut partial = false;
        let mut events = Vec::new();
        for parsed in self.events.values() {
            partial |= !parsed.diags.is_empty();
            parsed.diags.iter().for_each(|d| diags.push(d.clone()));
            events.extend(parsed.value.iter().cloned());
        }
        let mut sources = Vec::new();
        for parsed in self.sources.values() {
            partial |= parsed.value.is_none();
            parsed.diags.iter().for_each(|d| diags.push(d.clone()));
            sources.extend(parsed.value.iter().cloned());
        }
        let Some(config) = &self.config else {
            return Err(Failure::Content(diags.sorted()));
        };
        let timeline = match timeline::build_cached(
            config,
            events,
            sources,
            partial,
            &mut self.timeline_cache,
        ) {
            Ok((t, warnings)) => {
                diags.extend(warnings);
                Some(t)
            }
            Err(d) => {
                diags.extend(d);
                None
            }
        };
        let (Some(timeline), Some(templates)) = (timeline, &self.templates) else {
            return Err(Failure::Content(diags.sorted()));
        };
        if diags.has_errors() {
            return Err(Failure::Content(diags.sorted()));
        }
        progress(Stage::Rendering {
            events: timeline.events.len(),
        });
        match render::render_pages(config, &timeline, templates, &mut self.render_state, sink) {
            Ok(pages) => {
                // Freeing the last timeline takes a while: not on the way to
                // the updated pages.
                if let Some(old) = self.timeline.replace(timeline) {
                    std::thread::spawn(move || drop(old));
                }
                Ok(Built {
                    pages,
                    warnings: diags.sorted(),
                })
            }
            Err(d) => {
                diags.extend(d);
                Err(Failure::Content(diags.sorted()))
            }
        }
    }

    /// The files beside the pages of the last build: search, feeds,
    /// calendars, exports, sitemap (listing `page_paths`) and static files.
    pub fn data(&self, page_paths: &[&str]) -> Result<Vec<OutputFile>, Failure> {
        self.data_into(page_paths, None)
    }

    /// [`Site::data`], handing each file to `sink` as soon as it is made
    /// (see [`render::FileSink`]) and returning only their paths.
    pub fn data_into(
        &self,
        page_paths: &[&str],
        sink: Option<render::FileSink<'_>>,
    ) -> Result<Vec<OutputFile>, Failure> {
        let (Some(config), Some(templates), Some(timeline)) =
            (&self.config, &self.templates, &self.timeline)
        else {
            return Err(Failure::Usage("the site has not been built".into()));
        };
        render::render_data(
            config,
            timeline,
            templates,
            &self.statics,
            page_paths,
            &self.render_state,
            sink,
        )
        .map_err(|d| Failure::Content(d.sorted()))
    }

    /// Keeps what a render can reuse in the next one (the list cards)
    /// from one build to the next: for a site that is built again after
    /// each edit (`annals serve`).
    pub fn keep_render_cache(&mut self) {
        self.render_state.keep_cards();
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What `--base-url` said, if anything.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref()
    }

    /// Events and sources on the timeline of the last build.
    pub fn counts(&self) -> (usize, usize) {
        self.timeline
            .as_ref()
            .map_or((0, 0), |t| (t.events.len(), t.sources.len()))
    }

    /// The configuration and the timeline of the last build.
    pub fn into_parts(self) -> Option<(Config, Arc<Timeline>)> {
        Some((self.config?, self.timeline?))
    }
}
