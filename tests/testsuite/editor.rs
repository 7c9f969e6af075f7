//! `annals init` and `annals new`: the files they write build as they are.

use std::fs;

use crate::support::SiteTest;

#[test]
fn init_writes_a_site_that_builds() {
    let t = SiteTest::absent();
    t.init().run().succeeds();
    for f in [
        "site.yaml",
        "README.md",
        "content/sources/council-bridge-vote.md",
        "content/events/engineer-warning.yaml",
        "content/events/council-vote.yaml",
        "content/events/residents-object.yaml",
    ] {
        assert!(t.path(f).is_file(), "{f}");
    }
    t.check()
        .arg("--deny-warnings")
        .run()
        .succeeds()
        .stderr_is("ok: 3 events, 1 source, 18 pages\n");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_unless_forced() {
    let t = SiteTest::empty();
    t.write("notes.txt", "mine");
    t.init().run().exits(2).stderr_has("is not empty");
    assert!(!t.path("site.yaml").exists());
    assert!(t.init().arg("--force").run().success());
    assert_eq!(t.read("notes.txt"), "mine");
    assert!(t.path("site.yaml").exists());
}

#[test]
fn new_event_and_source_write_files_that_build() {
    let t = SiteTest::fixture("good");
    let o = t
        .new_file(
            "source",
            "Repairs finished “early”: report",
            &["--published", "2025-09-02", "--publisher", "The Daily"],
        )
        .run()
        .succeeds();
    let source = o.stdout();
    assert!(
        source
            .trim_end()
            .ends_with("content/sources/repairs-finished-early-report.md"),
        "{source}"
    );
    let o = t
        .new_file(
            "event",
            "Bridge: reopened",
            &["--date", "2025-09~", "--source", "daily"],
        )
        .run()
        .succeeds();
    let first = o.stdout();
    assert!(
        first
            .trim_end()
            .ends_with("content/events/bridge-reopened.yaml"),
        "{first}"
    );
    // The same title again gets a name of its own.
    let second = t
        .new_file("event", "Bridge: reopened", &["--date", "2025-10"])
        .run()
        .stdout();
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
    t.check()
        .run()
        .succeeds()
        .stderr_ends("ok: 5 events, 2 sources, 15 pages\n");
}

#[test]
fn new_refuses_what_would_not_build() {
    let t = SiteTest::fixture("good");
    t.new_file("event", "X", &["--date", "2025-13"])
        .run()
        .exits(2)
        .stderr_starts("error: invalid --date `2025-13`: invalid month `13`");
    t.new_file("event", "X", &["--date", "2025", "--source", "dialy"])
        .run()
        .exits(2)
        .stderr_is("error: unknown source `dialy` did you mean `daily`?\n");
    // A folder that is not a site (the one that holds it).
    t.annals(&["new", "event", "X", "--date", "2025", "--root"])
        .arg(t.scratch())
        .run()
        .exits(2)
        .stderr_has("has no site.yaml");
    assert_eq!(crate::support::tree(&t.path("content/events")).len(), 3);
}
