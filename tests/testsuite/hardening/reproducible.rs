//! The output depends on the content alone: not on the machine's zone or
//! locale, the thread count, the order files are listed in, or the date.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::{Annals, SiteTest, fixture, names_in};

#[test]
fn the_output_does_not_depend_on_the_machines_zone_or_locale() {
    let t = SiteTest::fixture_in_place("dates");
    let mut trees = Vec::new();
    for (tz, lang) in [
        ("UTC", "C"),
        ("Asia/Tokyo", "de_DE.UTF-8"),
        ("America/Mexico_City", "es_MX.UTF-8"),
    ] {
        let out = t.dir(&tz.replace('/', "-"));
        t.build_into(&out)
            .env("TZ", tz)
            .env("LC_ALL", lang)
            .env("LANG", lang)
            .run()
            .succeeds();
        trees.push(out.tree());
    }
    assert!(trees.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn the_output_does_not_depend_on_the_thread_count() {
    let t = SiteTest::example();
    let mut trees = Vec::new();
    for threads in ["1", "2", "8"] {
        let out = t.dir(threads);
        t.build_into(&out)
            .env("RAYON_NUM_THREADS", threads)
            .run()
            .succeeds();
        trees.push(out.tree());
    }
    assert!(trees.windows(2).all(|w| w[0] == w[1]));
}

/// A site whose files are created in the given order, in a tmpfs
/// (/dev/shm), which lists a folder in the order its files were created:
/// so two sites made in opposite orders are listed differently.
fn site_made_in_order(reverse: bool) -> SiteTest {
    let site = SiteTest::empty_in(Path::new("/dev/shm"));
    for file in ["site.yaml", "content/sources/daily.md"] {
        site.write(file, fs::read(fixture("good").join(file)).unwrap());
    }
    let mut files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("content/events/e{i:02}.yaml"),
                // Same date and importance: only the id orders them; tags
                // spelled differently test which spelling is "first".
                format!(
                    "title: Event {i}\ndate: 2025-03\ntags: [{}]\nsources: [{{source: daily}}]\n",
                    if i % 2 == 0 { "Border" } else { "border" }
                ),
            )
        })
        .collect();
    // Two files with one id: which one is reported as the duplicate must
    // not depend on the listing either.
    files.push((
        "content/events/dup-a.yaml".into(),
        "id: twin\ntitle: A\ndate: 2024\n".into(),
    ));
    files.push((
        "content/events/dup-b.yaml".into(),
        "id: twin\ntitle: B\ndate: 2024\n".into(),
    ));
    if reverse {
        files.reverse();
    }
    for (path, text) in files {
        site.write(&path, text);
    }
    site
}

#[cfg(target_os = "linux")]
#[test]
fn the_output_does_not_depend_on_the_order_files_are_listed_in() {
    // In /dev/shm, a tmpfs on Linux.
    let forward = site_made_in_order(false);
    let backward = site_made_in_order(true);
    let listing = |site: &SiteTest| names_in(&site.path("content/events"));
    // The file system really lists them differently.
    let (a, mut b) = (listing(&forward), listing(&backward));
    assert_ne!(
        a, b,
        "the two sites are listed alike: the test would prove nothing"
    );
    b.sort();
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(sorted, b);
    // The same errors, word for word and in the same order...
    let check = |site: &SiteTest| {
        let o = site.check().run();
        assert_eq!(o.code(), Some(1));
        o.stderr().replace(site.root().to_str().unwrap(), "SITE")
    };
    let errors = check(&forward);
    assert!(
        errors.contains("duplicate event id `twin`\n --> content/events/dup-b.yaml"),
        "{errors}"
    );
    assert_eq!(errors, check(&backward));
    // ...and, once fixed, the same site byte for byte.
    for site in [&forward, &backward] {
        site.remove("content/events/dup-b.yaml");
    }
    assert_eq!(forward.built().tree(), backward.built().tree());
}

/// libfaketime, which Debian's `faketime` package installs.
fn libfaketime() -> PathBuf {
    let found = fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("faketime/libfaketime.so.1"))
        .find(|p| p.is_file());
    found.expect("libfaketime is missing: apt-get install faketime")
}

/// `annals` with its clock set to `when` (and running on).
fn at(when: &str, annals: Annals) -> Annals {
    annals
        .env("LD_PRELOAD", libfaketime())
        .env("FAKETIME", format!("@{when}"))
}

/// Nothing in a build comes from the clock: two builds, with the clock set
/// to 2001 and to 2039 (libfaketime), are identical.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "needs faketime (Debian package faketime): run scripts/test.sh"]
fn the_output_does_not_depend_on_the_current_date() {
    // The fake clock reaches annals: its dev server dates its responses.
    let good = SiteTest::fixture_in_place("good");
    let mut serve = at("2001-02-03 04:05:06", good.serve())
        .command()
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = std::io::BufReader::new(serve.stderr.take().unwrap());
    let addr = loop {
        let mut line = String::new();
        let n = std::io::BufRead::read_line(&mut log, &mut line).unwrap();
        assert_ne!(n, 0, "serve stopped");
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    std::io::Write::write_all(
        &mut s,
        b"HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut head = String::new();
    std::io::Read::read_to_string(&mut s, &mut head).unwrap();
    serve.kill().unwrap();
    serve.wait().unwrap();
    assert!(
        head.to_ascii_lowercase().contains("date: sat, 03 feb 2001"),
        "{head}"
    );

    let example = SiteTest::example();
    let mut trees = Vec::new();
    for when in ["2001-02-03 04:05:06", "2039-12-31 23:59:59"] {
        let out = example.dir(&when[..4]);
        let build = example
            .build_into(&out)
            .args(&["--base-url", "https://example.org/"]);
        at(when, build).run().succeeds();
        trees.push(out.tree());
    }
    assert!(trees[0] == trees[1], "a build depends on the date");
}
