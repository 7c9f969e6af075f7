//! Every call the tests make into the annals library, rather than running
//! its binary: when the library's items move or are renamed, this file is
//! the only one to change. What crosses it is plain data (paths, bytes,
//! messages as text), never a library type.

use std::path::{Path, PathBuf};

/// A quotation as citations are matched against their sources (white
/// space and typographic quotes folded).
pub fn normalize_quote(s: &str) -> String {
    annals::content::normalize_quote(s)
}

/// The sizes the search index aims for: a term shard, a chunk of document
/// records (in bytes).
pub fn search_file_sizes() -> (usize, usize) {
    (
        annals::outputs::search::TERM_SHARD_BYTES,
        annals::outputs::search::DOC_CHUNK_BYTES,
    )
}

/// A site rendered in memory.
pub struct Rendered {
    /// Every file of the site, as the library orders them: (path, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// The warnings, each as its `Debug` text.
    pub warnings: Vec<String>,
}

/// Renders the site at `root` in memory, every file kept, at
/// `base_url` if given; the failure as its `Debug` text.
pub fn render_in_memory(root: &Path, base_url: Option<&str>) -> Result<Rendered, String> {
    rendered(root, base_url, false)
}

/// [`render_in_memory`], with draft events or without (`--drafts`).
pub fn render_in_memory_with_drafts(root: &Path, drafts: bool) -> Result<Rendered, String> {
    rendered(root, None, drafts)
}

fn rendered(root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Rendered, String> {
    let (built, files) =
        annals::site::render_in_memory(root, base_url, drafts).map_err(|f| format!("{f:?}"))?;
    Ok(Rendered {
        files: files.into_iter().map(|f| (f.path, f.bytes)).collect(),
        warnings: built.warnings.iter().map(|d| format!("{d:?}")).collect(),
    })
}

/// A site kept in memory between builds, as `annals serve` keeps it.
pub struct LiveSite(annals::Site);

/// What one build of a [`LiveSite`] made.
pub struct Rebuilt {
    /// Pages rendered (those whose inputs changed): (path, bytes).
    pub pages: Vec<(String, Vec<u8>)>,
    /// Every other file, made anew each build: (path, bytes).
    pub data: Vec<(String, Vec<u8>)>,
    /// Paths of pages the site no longer has.
    pub removed: Vec<String>,
    /// Paths of every page the site has now.
    pub page_paths: Vec<String>,
    /// The warnings of the whole site, each as its `Debug` text.
    pub warnings: Vec<String>,
}

impl LiveSite {
    /// Loads the site at `root` (no base URL), failing the test if it
    /// cannot.
    pub fn load(root: &Path) -> LiveSite {
        LiveSite(annals::Site::load(root, None).unwrap())
    }

    /// [`LiveSite::load`], with draft events on the timeline or without.
    pub fn load_with_drafts(root: &Path, drafts: bool) -> LiveSite {
        LiveSite(annals::Site::load(root, None).unwrap().with_drafts(drafts))
    }

    /// Keeps rendered pages between builds, as `serve` does, so that a
    /// build renders only the pages a change touches.
    pub fn keep_render_cache(&mut self) {
        self.0.keep_render_cache();
    }

    /// Tells the site which files changed; false when it needs a full
    /// load instead.
    pub fn update(&mut self, changed: &[PathBuf]) -> bool {
        self.0.update(changed)
    }

    /// Builds into memory, as `serve` does; the failure as its `Debug`
    /// text.
    pub fn build(&mut self) -> Result<Rebuilt, String> {
        let target = annals::outputs::MemoryTarget::default();
        let built = self
            .0
            .build(&target, &|_| {})
            .map_err(|f| format!("{f:?}"))?;
        let page_paths: Vec<String> = self.0.page_paths().into_iter().map(String::from).collect();
        let (pages, data) = target
            .into_files()
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .partition(|(path, _)| page_paths.binary_search(path).is_ok());
        Ok(Rebuilt {
            pages,
            data,
            removed: built.removed,
            page_paths,
            warnings: built.warnings.iter().map(|d| format!("{d:?}")).collect(),
        })
    }
}
