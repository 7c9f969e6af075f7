//! The layering of `src/` cannot rot: data flows one way — read → content
//! → timeline → views → outputs → write, driven by `site`, with `serve`,
//! `import`, `scaffold` and `draft` on top, and `date`, `diagnostic` and `i18n` the
//! vocabulary of all — and no module imports from a later stage, nor an
//! output from a sibling output. This test reads every `.rs` file of
//! `src/`, resolves each `crate::` and `super::` path it names, and fails
//! naming the file, the line and the path. It also keeps the units small:
//! no file over 650 lines.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The stage of each top-level module; a module may use its own stage and
/// earlier ones.
const STAGES: [(&str, u8); 15] = [
    ("date", 0),
    ("diagnostic", 0),
    ("i18n", 0),
    ("read", 1),
    ("content", 2),
    ("timeline", 3),
    ("views", 4),
    ("outputs", 5),
    ("write", 6),
    ("site", 7),
    ("serve", 8),
    ("import", 8),
    ("scaffold", 8),
    ("draft", 8),
    ("main", 9),
];

fn stage_of(module: &str) -> Option<u8> {
    STAGES.iter().find(|(m, _)| *m == module).map(|(_, s)| *s)
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/outputs/html/mod.rs` is
/// `["outputs", "html"]`, `src/site.rs` is `["site"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The names a `use` tree at `text` starts with: `a` for `a::b`, and each
/// top-level name of a group `{a, b::c}`.
fn first_names(text: &str) -> Vec<String> {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut names = Vec::new();
        let (mut depth, mut start) = (0, 0);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    names.extend(first_names(&group[start..i]));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    names.extend(first_names(&group[start..i]));
                    start = i + 1;
                }
                _ => {}
            }
        }
        return names;
    }
    let name: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let rest = &text[name.len()..];
    match rest.strip_prefix("::") {
        // `a::b`: the path's first two names, so that `outputs::html` is
        // told from `outputs::OutputFile`.
        Some(more) => first_names(more)
            .into_iter()
            .map(|n| format!("{name}::{n}"))
            .collect(),
        None if name.is_empty() => Vec::new(),
        None => vec![name],
    }
}

/// The module paths (as `a::b::…`) a line names, resolved from `module`.
fn paths_named(line: &str, module: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in line.match_indices("crate::") {
        let before = line[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `$crate::`, `some_crate::`
        }
        out.extend(first_names(&line[i + "crate::".len()..]));
    }
    for (i, _) in line.match_indices("super::") {
        let before = line[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut base = module.to_vec();
        let mut rest = &line[i..];
        while let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        }
        for name in first_names(rest) {
            let mut full = base.clone();
            full.extend(name.split("::").map(str::to_string));
            out.push(full.join("::"));
        }
    }
    out
}

/// The root names `lib.rs` re-exports, with the module each comes from.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        for name in first_names(rest[module.len()..].trim_start_matches("::")) {
            let last = name.rsplit("::").next().unwrap_or(&name).to_string();
            map.insert(last, module.clone());
        }
    }
    map
}

/// Why `module` may not name `path`, if it may not.
fn forbidden(
    module: &[String],
    path: &str,
    reexports: &BTreeMap<String, String>,
    outputs: &[String],
) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let top = parts.first().copied()?;
    let from_top = module.first().map(String::as_str)?;
    let target_top = match stage_of(top) {
        Some(_) => top.to_string(),
        None => reexports.get(top)?.clone(),
    };
    if target_top != top {
        parts = vec![&target_top];
    }
    let (from, to) = (stage_of(from_top)?, stage_of(&target_top)?);
    if to > from {
        return Some(format!(
            "`{from_top}` (stage {from}) imports from the later `{target_top}` (stage {to})"
        ));
    }
    // Outputs are siblings: none imports another.
    if from_top == "outputs" && target_top == "outputs" {
        let (mine, theirs) = (module.get(1), parts.get(1));
        if let (Some(mine), Some(theirs)) = (mine, theirs)
            && outputs.iter().any(|o| o == theirs)
            && mine != theirs
        {
            return Some(format!(
                "the output `{mine}` imports its sibling output `{theirs}`"
            ));
        }
    }
    None
}

#[test]
fn no_module_imports_from_a_later_stage_or_a_sibling_output() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let reexports = root_reexports(&fs::read_to_string(src.join("lib.rs")).unwrap());
    let outputs: Vec<String> = fs::read_dir(src.join("outputs"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            p.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .filter(|name| name != "mod")
        .collect();
    let mut problems = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module.is_empty() {
            continue; // lib.rs declares every module
        }
        let text = fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for path in paths_named(code, &module) {
                if let Some(why) = forbidden(&module, &path, &reexports, &outputs) {
                    problems.push(format!(
                        "{}:{}: {why}: `{path}`",
                        file.strip_prefix(&src).unwrap().display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_what_it_must() {
    let outputs = vec!["html".to_string(), "feeds".to_string()];
    let reexports = root_reexports("pub use site::{Site, build};\n");
    let m = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    let named = |line: &str, module: &str| paths_named(line, &m(module));
    assert_eq!(
        named("use crate::{views::url::Page, date};", "content::event"),
        ["views::url::Page", "date"]
    );
    assert_eq!(
        named("use super::super::html::x;", "outputs::feeds::y"),
        ["outputs::html::x"]
    );
    let bad = |line: &str, module: &str| {
        named(line, module)
            .iter()
            .any(|p| forbidden(&m(module), p, &reexports, &outputs).is_some())
    };
    assert!(bad("use crate::outputs::html::escape;", "content::event"));
    assert!(bad(
        "use crate::outputs::html::Templates;",
        "outputs::feeds"
    ));
    assert!(bad("use super::html;", "outputs::feeds"));
    assert!(bad("let s = crate::Site::load(root);", "timeline"));
    assert!(!bad(
        "use crate::outputs::{OutputFile, Target};",
        "outputs::feeds"
    ));
    assert!(!bad(
        "use crate::content::config::Config;",
        "outputs::html::lists"
    ));
    assert!(!bad("use super::lists::ListPlan;", "outputs::html::pages"));
}

#[test]
fn no_source_file_is_over_650_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = fs::read_to_string(f).unwrap().lines().count();
            (lines > 650).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by what they do: {long:?}");
}
