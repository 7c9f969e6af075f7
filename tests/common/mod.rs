//! Helpers shared by the integration tests: run the `annals` binary, copy
//! fixture sites into temp dirs, read output trees.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site folder.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Runs `annals` with `args`.
pub fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the annals binary runs")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Builds `root` into `out`, asserting success.
pub fn build(root: &Path, out: &Path) {
    build_with(root, out, &[]);
}

/// Builds `root` into `out` as published at `base_url`, asserting success.
pub fn build_at(root: &Path, out: &Path, base_url: &str) {
    build_with(root, out, &["--base-url", base_url]);
}

fn build_with(root: &Path, out: &Path, more: &[&str]) {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    let o = annals(&args);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
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

/// Reads an output page.
pub fn page(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Values of `attr="…"` in `html`, in order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').unwrap();
        out.push(rest[..end].replace("&amp;", "&"));
        rest = &rest[end..];
    }
    out
}

/// Text of `html` with tags removed and entities for quotes decoded.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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
