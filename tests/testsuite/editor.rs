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
        .stderr_is("ok: 3 events, 1 source, 28 pages\n");
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
        .stderr_ends("ok: 5 events, 2 sources, 20 pages\n");
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

/// The editor's first hour (issue 19), in a temporary folder, with the
/// binary the tests built (installing it with `cargo install --path .`
/// would compile the crate again, minutes on a shared machine): a new
/// site, a source and an event, a check that fails, a check that passes,
/// a build, and the same timeline imported twice.
#[test]
fn the_first_hour() {
    let t = SiteTest::absent();
    t.init().run().succeeds();
    // `init` never touches the site again, --force or not.
    t.init()
        .arg("--force")
        .run()
        .exits(2)
        .stderr_has("is already an annals site");
    let source = t
        .new_file(
            "source",
            "Apollo 11 mission report",
            &["--id", "mission-report", "--published", "1969-11-01"],
        )
        .run()
        .succeeds()
        .stdout();
    assert!(
        source
            .trim_end()
            .ends_with("content/sources/mission-report.md")
    );
    t.edit("content/sources/mission-report.md", |text| {
        text + "\nThe Saturn V lifted off from Kennedy Space Center at 09:32 local time.\n"
    });
    let event = t
        .new_file(
            "event",
            "Launch",
            &["--date", "1969-07-16 09:32", "--source", "mission-report"],
        )
        .run()
        .exits(2)
        .stderr();
    assert!(
        event.contains("did you mean `1969-07-16T09:32`?"),
        "{event}"
    );
    t.new_file(
        "event",
        "Launch",
        &["--date", "1969-07-16T09:32", "--source", "mission-report"],
    )
    .run()
    .succeeds();
    // Unfinished: the citation quotes nothing, and a typo hides nothing.
    t.write(
        "content/events/landing.yaml",
        "title: Landing\ndate: 20 July 1969\nrelated: [launch]\n",
    );
    let o = t.check_as("short").arg("--deny-warnings").run().exits(1);
    let err = o.stderr();
    assert!(err.contains("content/events/launch.yaml:9:13: warning: the citation of `mission-report` quotes nothing\n"), "{err}");
    assert!(err.contains("content/events/landing.yaml:2:7: error: invalid date `20 July 1969`: dates are written YEAR-MONTH-DAY\n"), "{err}");
    // Finished.
    t.edit("content/events/launch.yaml", |text| {
        text.replace(
            "    # quote: \"the exact words of the source that this event rests on\"",
            "    quote: \"The Saturn V lifted off from Kennedy Space Center\"",
        )
    });
    t.edit("content/events/landing.yaml", |text| {
        text.replace("20 July 1969", "1969-07-20")
            + "sources:\n  - source: mission-report\n    reason: the report's own summary, no sentence to quote\n"
    });
    t.check()
        .arg("--deny-warnings")
        .run()
        .succeeds()
        .stderr_is("ok: 5 events, 2 sources, 31 pages\n");
    let out = t.built();
    assert!(out.path().join("events/launch/index.html").is_file());
    // The same timeline imported twice: the second time adds nothing.
    let file = crate::support::fixture("import/eras.json");
    t.import(&file).run().succeeds();
    let once = t.tree();
    t.import(&file)
        .run()
        .succeeds()
        .stderr_has("skipped 3 slide(s) whose event the site already has");
    assert_eq!(t.tree(), once);
    // Values that start with `-`, and a title too long for a file name.
    let long = "Very long title ".repeat(300);
    let bc = t
        .new_file("event", &long, &["--date", "-04XX"])
        .run()
        .succeeds()
        .stdout();
    let name = std::path::Path::new(bc.trim_end()).file_name().unwrap();
    assert!(name.len() <= 65, "{name:?}");
}
