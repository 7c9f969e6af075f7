//! Input built to exhaust time, memory or the stack (alias bombs, deep
//! nesting, huge files): refused quickly with a located message, never a
//! crash.

use std::fs;
use std::time::{Duration, Instant};

use super::{TEXT_FILES, check_good_with};
use crate::support::SiteTest;

#[test]
fn an_alias_bomb_is_refused_quickly() {
    // "Billion laughs": nine levels of ten aliases each, in each kind of
    // YAML (an event, front matter, site.yaml).
    let mut bomb = String::from("lol0: &l0 [lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("lol{i}: &l{i} [{refs}]\n"));
    }
    for (file, text) in [
        (
            "content/events/bomb.yaml",
            format!("title: Bomb\ndate: 2025\n{bomb}"),
        ),
        (
            "content/sources/bomb.md",
            format!("---\ntitle: Bomb\n{bomb}---\n"),
        ),
        ("site.yaml", format!("title: Bomb\n{bomb}")),
    ] {
        let started = Instant::now();
        let (err, code) = check_good_with(&[(file, text.as_bytes())]);
        assert_eq!(code, Some(1), "{file}: {err}");
        assert!(err.contains(&format!("{file}:")), "{err}");
        // Bounded: seconds, not the hours an expansion would take.
        assert!(started.elapsed() < Duration::from_secs(20), "{file}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Block style on one line: `- - - … x` is a sequence in a sequence…
    let block = format!("  {}x\n", "- ".repeat(depth));
    for (file, text, line) in [
        (
            "content/events/deep.yaml",
            format!("title: Deep\ndate: 2025\nsummary: {deep}\n"),
            3,
        ),
        (
            "content/events/block.yaml",
            format!("title: Deep\ndate: 2025\ntags:\n{block}"),
            4,
        ),
        (
            "content/sources/deep.md",
            format!("---\ntitle: Deep\ntags: {deep}\n---\n"),
            3,
        ),
        ("site.yaml", format!("title: Deep\neras: {deep}\n"), 2),
    ] {
        let (err, code) = check_good_with(&[(file, text.as_bytes())]);
        assert_eq!(code, Some(1), "{file}: {err}");
        assert!(err.contains(&format!("{file}:{line}:")), "{file}: {err}");
    }
}

/// A template nested 10,000 deep: refused by Tera's own depth limit.
#[test]
fn a_deeply_nested_template_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let text = format!(
        "{}{}",
        "{% if true %}".repeat(depth),
        "{% endif %}".repeat(depth)
    );
    let (err, code) = check_good_with(&[("templates/index.html", text.as_bytes())]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "templates/index.html:1:519: error: template error: The template nesting is too deep"
        ),
        "{err}"
    );
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    for (file, start) in TEXT_FILES {
        let t = SiteTest::fixture("good");
        // 200 MB, sparse: costs no disk, but annals must not read it.
        t.write(file, start);
        fs::OpenOptions::new()
            .write(true)
            .open(t.path(file))
            .unwrap()
            .set_len(200 * 1024 * 1024)
            .unwrap();
        let started = Instant::now();
        let o = t.check_as("short").run();
        assert!(started.elapsed() < Duration::from_secs(5), "{file}");
        assert_eq!(o.code(), Some(1), "{file}");
        o.stderr_has(&format!(
            "{file}:1:1: error: file is too large: 200 MB (the limit is 16 MB)\n"
        ));
    }
}
