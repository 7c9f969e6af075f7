//! Ids, terms and file names become folders and addresses: each must make
//! one that exists on every system (no Windows device names, no path
//! tricks), and names that differ only in case are one, reported as such.

use super::check_good_with;
use crate::support::{SiteTest, names_in};

#[test]
fn ids_must_make_a_folder_that_exists_everywhere() {
    let (err, code) = check_good_with(&[
        (
            "content/events/list.yaml",
            "- title: \"!!!\"\n  date: 2025\n- title: Nul\n  date: 2025\n- id: Con\n  title: A\n  date: 2025\n- id: lpt1\n  title: B\n  date: 2025\n- id: \"a\\\\b\"\n  title: C\n  date: 2025\n- id: /etc/passwd\n  title: D\n  date: 2025\n- id: ../up\n  title: E\n  date: 2025\n",
        ),
        ("content/events/aux.yaml", "title: F\ndate: 2025\n"),
        (
            "content/events/nul.yaml",
            "id: \"a\\0b\"\ntitle: N\ndate: 2025\n",
        ),
        ("content/events/¿¿.yaml", "title: G\ndate: 2025\n"),
        ("content/sources/PRN.md", "---\ntitle: H\n---\nText.\n"),
    ]);
    assert_eq!(code, Some(1));
    for line in [
        "content/events/aux.yaml:1:8: error: event id `aux` is a device name reserved by Windows",
        "content/events/list.yaml:1:10: error: cannot make the event id from the title `!!!`: it has no letters or digits",
        "content/events/list.yaml:3:10: error: event id `nul` is a device name reserved by Windows",
        "content/events/list.yaml:5:7: error: event id `Con` is not a slug",
        "content/events/list.yaml:8:7: error: event id `lpt1` is a device name reserved by Windows",
        "content/events/list.yaml:11:7: error: event id `a\\b` is not a slug",
        "content/events/nul.yaml:1:7: error: `\\0` writes U+0000, which pages, feeds and calendars cannot hold",
        "content/events/list.yaml:14:7: error: event id `/etc/passwd` is not a slug",
        "content/events/list.yaml:17:7: error: event id `../up` is not a slug",
        "content/events/¿¿.yaml:1:8: error: cannot make the event id from the file name `¿¿.yaml`: it has no letters or digits",
        "content/sources/PRN.md:1:1: error: source id `prn` is a device name reserved by Windows",
    ] {
        assert!(err.contains(&format!("{line}\n")), "missing: {line}\n{err}");
    }
}

#[test]
fn file_names_that_differ_only_in_case_are_one_id_reported_with_both_files() {
    let t = SiteTest::fixture("good");
    t.write("content/events/Refusal.yaml", "title: Again\ndate: 2025\n");
    let o = t.check().run();
    assert_eq!(o.code(), Some(1));
    let err = o.stderr();
    assert!(err.contains("error: duplicate event id `refusal`"), "{err}");
    // Both files named: the second as the location, the first in the hint.
    assert!(err.contains("--> content/events/refusal.yaml:"), "{err}");
    assert!(
        err.contains("`refusal` is already the id of the event at content/events/Refusal.yaml:1:8"),
        "{err}"
    );
}

#[test]
fn terms_that_slug_the_same_are_one_term_and_each_other_spelling_is_a_warning() {
    let t = SiteTest::fixture("good");
    t.write(
        "content/events/spellings.yaml",
        "- title: First\n  date: 2024-01\n  places: [Mexico, \"../../outside\", /etc/passwd, \"a\\tb\", C:\\\\Windows]\n  sources: [{source: daily}]\n- title: Second\n  date: 2024-02\n  places: [mexico, México]\n  sources: [{source: daily}]\n",
    );
    let o = t.build().run().exits(0);
    let out = t.out();
    let err = o.stderr();
    assert!(err.contains("warning: place `mexico` is also written `Mexico`\n --> content/events/spellings.yaml:7:12"), "{err}");
    assert!(
        err.contains("warning: place `México` is also written `Mexico`"),
        "{err}"
    );
    assert!(
        err.contains("both are the one place `mexico`, shown as `Mexico` (its spelling at content/events/spellings.yaml:3:12, the earliest event)"),
        "{err}"
    );
    // One page, listing both events, under the first spelling.
    let page_ = out.read("places/mexico/index.html");
    assert!(page_.contains("<h1>Mexico</h1>"), "{page_}");
    assert!(page_.contains("events/first/") && page_.contains("events/second/"));
    // The second event links to it under that spelling too.
    assert!(
        out.read("events/second/index.html")
            .contains("places/mexico/index.html\" dir=\"auto\">Mexico<")
    );
    // Path-like names become plain folders inside the output; nothing is
    // written anywhere else.
    for dir in ["outside", "etc-passwd", "a-b", "c-windows"] {
        assert!(
            out.join("places").join(dir).join("index.html").is_file(),
            "{dir}"
        );
    }
    let mut left = names_in(t.scratch());
    left.sort();
    assert_eq!(left, ["out", "site"]);
}

#[test]
fn terms_without_a_folder_name_that_works_everywhere_are_errors() {
    let (err, code) = check_good_with(&[(
        "content/events/terms.yaml",
        "title: Terms\ndate: 2025\ntags: [\"!!!\", con]\nactors: [Aux]\nplaces: [\"—\", NUL, COM1]\n",
    )]);
    assert_eq!(code, Some(1));
    for line in [
        "content/events/terms.yaml:3:8: error: tag `!!!` has no letters or digits to make its address from",
        "content/events/terms.yaml:3:15: error: tag `con` would have the folder `tags/con/`, a device name reserved by Windows",
        "content/events/terms.yaml:4:10: error: actor `Aux` would have the folder `actors/aux/`, a device name reserved by Windows",
        "content/events/terms.yaml:5:10: error: place `—` has no letters or digits to make its address from",
        "content/events/terms.yaml:5:15: error: place `NUL` would have the folder `places/nul/`, a device name reserved by Windows",
        "content/events/terms.yaml:5:20: error: place `COM1` would have the folder `places/com1/`, a device name reserved by Windows",
    ] {
        assert!(err.contains(&format!("{line}\n")), "missing: {line}\n{err}");
    }
}

#[test]
fn static_files_that_differ_only_in_case_are_an_error_naming_both() {
    let (err, code) = check_good_with(&[("static/img/Map.png", "a"), ("static/img/map.png", "b")]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("static/img/map.png:1:1: error: `static/img/Map.png` and `static/img/map.png` differ only in case\n"),
        "{err}"
    );
}
