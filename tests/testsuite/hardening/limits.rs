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

/// A site whose one event has one field of about `size` bytes: `field` is
/// `title`, `summary`, `body` or `quote` (the quotation, and the source
/// paragraph it quotes).
fn site_with_one_huge(field: &str, size: usize) -> SiteTest {
    let words = "Mexico refuses the offer of troops, and the cartels answer; ";
    let huge = words.repeat(size / words.len()).trim_end().to_string();
    let t = SiteTest::empty();
    t.write("site.yaml", "title: Huge\n");
    let (mut title, mut summary, mut body, mut quote) = (
        "A title".to_string(),
        "A summary.".to_string(),
        String::new(),
        "Short words.".to_string(),
    );
    match field {
        "title" => title = huge.clone(),
        "summary" => summary = huge.clone(),
        "body" => body = huge.clone(),
        _ => quote = huge.clone(),
    }
    t.write(
        "content/sources/article.md",
        format!("---\ntitle: Article\n---\nShort words.\n\n{quote}\n"),
    );
    t.write(
        "content/events/huge.yaml",
        format!(
            "title: \"{title}\"\ndate: 2025-05-04\nsummary: \"{summary}\"\nbody: \"{body}\"\ntags: [troops]\nsources:\n  - source: article\n    quote: \"{quote}\"\n"
        ),
    );
    t
}

/// The least CPU time (user and system, all threads) of three `annals
/// check` runs of `t`: CPU time, since wall time on a shared machine
/// moves with its load. Measured by bash's `times`, which counts only
/// the children of that shell.
fn check_time(t: &SiteTest) -> Duration {
    let annals = t.check().command();
    let mut line = format!("{:?}", annals.get_program());
    for arg in annals.get_args() {
        line.push_str(&format!(" {arg:?}"));
    }
    (0..3)
        .map(|_| {
            let out = std::process::Command::new("bash")
                .arg("-c")
                .arg(format!("{line} >/dev/null 2>&1 || exit 9; times"))
                .output()
                .unwrap();
            assert!(out.status.success(), "annals check failed");
            // "0m0.001s 0m0.000s" (the shell), then its children's.
            let times = String::from_utf8(out.stdout).unwrap();
            let children = times.lines().nth(1).unwrap();
            children
                .split(' ')
                .map(|t| {
                    let (m, s) = t.trim_end_matches('s').split_once('m').unwrap();
                    Duration::from_secs_f64(
                        m.parse::<f64>().unwrap() * 60.0 + s.parse::<f64>().unwrap(),
                    )
                })
                .sum::<Duration>()
        })
        .min()
        .unwrap()
}

#[test]
#[cfg(unix)]
fn one_huge_field_takes_time_in_proportion_to_its_size() {
    // Four times the size may take at most six times as long (a quadratic
    // step takes sixteen): every renderer and export sees each field.
    for field in ["title", "summary", "body", "quote"] {
        let (small, large) = (
            site_with_one_huge(field, 256 * 1024),
            site_with_one_huge(field, 1024 * 1024),
        );
        let (a, b) = (check_time(&small), check_time(&large));
        let ratio = b.as_secs_f64() / a.as_secs_f64();
        assert!(
            ratio < 6.0,
            "{field}: 256 KiB in {a:?}, 1 MiB in {b:?}: {ratio:.1}× for 4× the size"
        );
    }
}
