//! `annals init` and `annals new`: the files they write build as they are.

mod common;

use std::fs;

use common::*;

#[test]
fn init_writes_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my-timeline");
    let o = annals(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "site.yaml",
        "README.md",
        "content/sources/council-bridge-vote.md",
        "content/events/engineer-warning.yaml",
        "content/events/council-vote.yaml",
        "content/events/residents-object.yaml",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    let o = annals(&["check", "--root", site.to_str().unwrap(), "--deny-warnings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "ok: 3 events, 1 source, 18 pages\n");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let o = annals(&["init", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not empty"), "{}", stderr(&o));
    assert!(!tmp.path().join("site.yaml").exists());
    let o = annals(&["init", tmp.path().to_str().unwrap(), "--force"]);
    assert!(o.status.success());
    assert_eq!(
        fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(tmp.path().join("site.yaml").exists());
}

#[test]
fn new_event_and_source_write_files_that_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let root = site.to_str().unwrap();
    let o = annals(&[
        "new",
        "source",
        "Repairs finished “early”: report",
        "--published",
        "2025-09-02",
        "--publisher",
        "The Daily",
        "--root",
        root,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let source = String::from_utf8(o.stdout).unwrap();
    assert!(
        source
            .trim_end()
            .ends_with("content/sources/repairs-finished-early-report.md"),
        "{source}"
    );
    let o = annals(&[
        "new",
        "event",
        "Bridge: reopened",
        "--date",
        "2025-09~",
        "--source",
        "daily",
        "--root",
        root,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = String::from_utf8(o.stdout).unwrap();
    assert!(
        first
            .trim_end()
            .ends_with("content/events/bridge-reopened.yaml"),
        "{first}"
    );
    // The same title again gets a name of its own.
    let o = annals(&[
        "new",
        "event",
        "Bridge: reopened",
        "--date",
        "2025-10",
        "--root",
        root,
    ]);
    let second = String::from_utf8(o.stdout).unwrap();
    assert!(
        second
            .trim_end()
            .ends_with("content/events/bridge-reopened-2.yaml"),
        "{second}"
    );
    let text = fs::read_to_string(first.trim_end()).unwrap();
    assert!(
        text.starts_with("title: \"Bridge: reopened\"\ndate: \"2025-09~\"\n"),
        "{text}"
    );
    let o = annals(&["check", "--root", root]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with("ok: 5 events, 2 sources, 15 pages\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn new_refuses_what_would_not_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let root = site.to_str().unwrap();
    let o = annals(&["new", "event", "X", "--date", "2025-13", "--root", root]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: invalid --date `2025-13`: invalid month `13`"),
        "{}",
        stderr(&o)
    );
    let o = annals(&[
        "new", "event", "X", "--date", "2025", "--source", "dialy", "--root", root,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: unknown source `dialy` did you mean `daily`?\n"
    );
    let o = annals(&[
        "new",
        "event",
        "X",
        "--date",
        "2025",
        "--root",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has no site.yaml"));
    assert_eq!(tree(&site.join("content/events")).len(), 3);
}
