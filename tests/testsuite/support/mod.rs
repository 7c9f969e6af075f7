//! What every test module shares: [`SiteTest`] (a site folder, one
//! `annals` command, and the files and messages a user would see), readers
//! for built files in [`html`], and in [`library`] the only calls the tests
//! make into the annals library rather than its binary.

pub mod html;
pub mod library;
mod site_test;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use site_test::{Annals, Dir, SiteTest};

/// The repository root (the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site folder (or file) under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies a folder tree (for fixtures a test changes).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file below `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The names of the entries of a folder (not sorted).
pub fn names_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Reads a text file of an output (or any) folder, naming it on failure.
pub fn page(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A search data file (`search/data/…`, named relative to the search
/// page) as JSON: the argument its `annalsSearch.add(name, …)` call hands
/// to search.js.
pub fn search_data(out: &Path, name: &str) -> serde_json::Value {
    let text = page(out, &format!("search/{name}"));
    let call = format!("annalsSearch.add({},", serde_json::to_string(name).unwrap());
    let json = text
        .strip_prefix(&call)
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("search/{name} is not an annalsSearch.add call"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("search/{name}: {e}"))
}
