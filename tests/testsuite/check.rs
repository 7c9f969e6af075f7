//! `annals check` (and a build that fails its checks): the messages a
//! user reads, word for word, in each format, and the exit codes.

use std::fs;

use crate::support::{SiteTest, fixture};

#[test]
fn error_fixtures_report_the_documented_messages() {
    let bless = std::env::var_os("ANNALS_BLESS").is_some();
    let mut seen = 0;
    for entry in fs::read_dir(fixture("errors")).unwrap() {
        let dir = entry.unwrap().path();
        let name = format!("errors/{}", dir.file_name().unwrap().to_string_lossy());
        let t = SiteTest::fixture_in_place(&name);
        let o = t.check().run();
        assert_eq!(o.code(), Some(1), "{}: {}", dir.display(), o.stderr());
        let expected_path = dir.join("expected.txt");
        let got = o.stderr();
        if bless {
            fs::write(&expected_path, &got).unwrap();
        }
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} (run with ANNALS_BLESS=1)", expected_path.display()));
        assert_eq!(got, expected, "{}", dir.display());
        // The short form: one `file:line:col: error: message` (or
        // `warning:`) line each, whole-file problems at `file:1:1`.
        let short = t.check_as("short").run().stderr();
        let lines: Vec<&str> = short.lines().collect();
        assert!(lines.len() >= 2, "{short}");
        for line in &lines[..lines.len() - 1] {
            let (place, rest) = line
                .split_once(": error: ")
                .or_else(|| line.split_once(": warning: "))
                .unwrap_or_else(|| panic!("{line}"));
            let nums: Vec<&str> = place.rsplitn(3, ':').collect();
            assert!(
                nums.len() == 3
                    && nums[0].parse::<usize>().is_ok()
                    && nums[1].parse::<usize>().is_ok(),
                "{line}"
            );
            assert!(!rest.is_empty());
        }
        seen += 1;
    }
    assert!(seen >= 12, "only {seen} error fixtures");
}

#[test]
fn one_run_reports_every_error() {
    SiteTest::fixture_in_place("errors/many-at-once")
        .check_as("short")
        .run()
        .stderr_is(
            "content/events/a.yaml:2:12: error: invalid date `2025-13`: invalid month `13` (months are 01–12, seasons 21–24)\n\
             content/events/b.yaml:4:1: error: unknown key `actor` in event\n\
             content/events/c.yaml:7:13: error: quote not found in source `daily`\n\
             error: the site has 3 errors\n",
        );
}

#[test]
fn json_diagnostics_carry_file_line_and_column() {
    let o = SiteTest::fixture_in_place("errors/unknown-source")
        .check_as("json")
        .run();
    assert_eq!(o.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.0.stdout).unwrap();
    let d = &v[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "unknown source `dailly`");
    assert_eq!(d["location"]["file"], "content/events/designation.yaml");
    assert_eq!(d["location"]["line"], 6);
    assert_eq!(d["location"]["column"], 13);
    assert_eq!(d["hints"][0], "did you mean `daily`?");
}

#[test]
fn check_writes_nothing() {
    let t = SiteTest::fixture("good");
    let before = t.tree();
    t.check()
        .run()
        .succeeds()
        .stderr_starts("ok: 3 events, 1 source, ");
    assert_eq!(t.tree(), before);
}

#[test]
fn a_folder_without_site_yaml_is_a_usage_error() {
    let t = SiteTest::empty();
    t.annals(&["build", "--root"])
        .arg(t.root())
        .run()
        .exits(2)
        .stderr_has("has no site.yaml");
}

#[test]
fn warnings_are_shown_and_fail_only_when_denied() {
    let t = SiteTest::fixture_in_place("warnings");
    let expected = t.read("expected.txt");
    t.check().run().exits(0).stderr_is(&expected);
    t.check()
        .args(&["--deny-warnings", "--format", "short"])
        .run()
        .exits(1)
        .stderr_ends("error: the site has 4 warnings, and --deny-warnings is on\n");
    t.build().arg("--deny-warnings").run().exits(1);
    assert!(!t.out().exists(), "a denied build writes nothing");
}

#[test]
fn a_file_that_fails_to_parse_hides_no_other_problem() {
    // `launch` and `moonwalk` fail to load, so references to them are not
    // reported; `splashdwn` and `dailly` name nothing and are; the
    // misspelt site.yaml key hides neither the content's errors nor its
    // warnings.
    SiteTest::fixture_in_place("errors/editor-all-at-once")
        .check_as("short")
        .run()
        .exits(1)
        .stderr_is(
            "content/event:1:1: warning: ignored folder: annals reads content/events/ and content/sources/ only\n\
             content/events/landing.yaml:3:29: error: unknown event `splashdwn`\n\
             content/events/landing.yaml:5:13: error: unknown source `dailly`\n\
             content/events/launch.yaml:2:7: error: invalid date `1969-07-16 09:32`: dates are written YEAR-MONTH-DAY\n\
             content/events/moonwalk.yaml:3:7: error: invalid YAML in event: `tags`: unclosed bracket '['\n\
             content/events/splashdown.yaml:4:13: warning: the citation of `daily` quotes nothing\n\
             site.yaml:3:1: error: unknown key `languge` in site.yaml\n\
             error: the site has 5 errors and 2 warnings\n",
        );
}

#[test]
fn the_date_forms_are_listed_once_per_run() {
    let err = SiteTest::fixture_in_place("errors/editor-dates")
        .check()
        .run()
        .exits(1)
        .stderr();
    assert_eq!(err.matches("accepted date forms").count(), 1, "{err}");
    assert!(
        err.ends_with("Y-13798000000 for long years\n\nerror: the site has 8 errors\n"),
        "{err}"
    );
}
