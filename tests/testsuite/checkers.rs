//! The built site checked by outside tools, as users' browsers and
//! validators see it: the W3C Nu HTML checker and headless Chromium.
//! They need Java, the `vnu-jar` npm package and Debian's `chromium`;
//! `scripts/test.sh` installs them and runs these tests with the rest.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::html::text_of;
use crate::support::{SiteTest, fixture, repo};

fn vnu_jar() -> PathBuf {
    std::env::var_os("VNU_JAR").map_or_else(
        || repo().join("node_modules/vnu-jar/build/dist/vnu.jar"),
        PathBuf::from,
    )
}

fn nu_check(args: &[&str], target: &Path) -> String {
    let jar = vnu_jar();
    assert!(
        jar.exists(),
        "{} is missing: run scripts/test.sh",
        jar.display()
    );
    let o = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(args)
        .arg(target)
        .output()
        .expect("java runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "Nu checker found errors:\n{report}");
    report
}

#[test]
#[ignore = "needs Java and the Nu checker: run scripts/test.sh"]
fn every_page_is_valid_html() {
    // Imported TimelineJS timelines bring their own HTML (sanitised on build).
    let arabic = SiteTest::fixture("good");
    arabic.write("site.yaml", "title: T\nlanguage: ar\n");
    let mut sites = vec![
        ("example", SiteTest::example()),
        ("good", SiteTest::fixture_in_place("good")),
        ("media", SiteTest::fixture_in_place("media")),
        ("deep-time", SiteTest::fixture_in_place("deep-time")),
        ("good, in Arabic", arabic),
        (
            "good, in English and Spanish",
            crate::languages::bilingual(),
        ),
    ];
    for file in ["women_in_computing.json", "twain-marktwain.json"] {
        let t = SiteTest::absent();
        t.import(&fixture("timelinejs").join(file)).run().succeeds();
        sites.push((file, t));
    }
    for (name, t) in sites {
        // Published at an address: the oEmbed discovery and social cards.
        let out = t.built_at("https://news.example/site/");
        let report = nu_check(&["--skip-non-html", "--format", "gnu"], out.path());
        assert!(report.trim().is_empty(), "{name}: {report}");
        nu_check(&["--css", "--errors-only"], &out.join("style.css"));
    }
}

fn chromium(args: &[&str], url: &str) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs: apt-get install chromium");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
#[ignore = "needs Chromium: run scripts/test.sh"]
fn the_example_site_opens_from_disk_in_chromium() {
    let out = SiteTest::example().built();
    let home = format!("file://{}", out.join("index.html").display());
    let (dom, log) = chromium(&["--dump-dom"], &home);
    let titles = [
        "U.S. military presence along the southern border grows",
        "Cartels designated foreign terrorist organizations",
        "Trump presses Sheinbaum by phone for U.S. troops in Mexico",
        "Trump says Sheinbaum is \"so afraid of the cartels\"",
    ];
    let positions: Vec<usize> = titles
        .iter()
        .map(|t| {
            text_of(&dom)
                .find(t)
                .unwrap_or_else(|| panic!("{t} not rendered"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(!log.contains("CONSOLE"), "console messages: {log}");
    assert!(!log.contains("ERR_FILE_NOT_FOUND"), "missing file: {log}");

    // An event page, from disk: its quotation and the link to the source.
    let event = format!(
        "file://{}",
        out.join("events/fto-designation/index.html").display()
    );
    let (dom, log) = chromium(&["--dump-dom"], &event);
    assert!(dom.contains("foreign terrorist organizations"));
    assert!(dom.contains("../../sources/trump-troops-offer/index.html#q-p-"));
    assert!(!log.contains("ERR_FILE_NOT_FOUND"), "missing file: {log}");

    // Screenshots for people to look at (kept in target/test-artifacts).
    let artifacts = repo().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    for width in [390, 1280] {
        let shot = artifacts.join(format!("home-{width}.png"));
        chromium(
            &[
                &format!("--window-size={width},2000"),
                &format!("--screenshot={}", shot.display()),
            ],
            &home,
        );
        let png = std::fs::read(&shot).unwrap();
        assert!(
            png.starts_with(b"\x89PNG"),
            "{} is not a PNG",
            shot.display()
        );
        assert!(png.len() > 10_000, "{} looks empty", shot.display());
    }
}

#[test]
#[ignore = "needs Chromium: run scripts/test.sh"]
fn no_script_from_hostile_content_runs_in_chromium() {
    let out = SiteTest::fixture_in_place("hostile").built();
    let mut pages = 0;
    for (path, _) in out.tree() {
        if !path.ends_with(".html") {
            continue;
        }
        let url = format!("file://{}", out.join(&path).display());
        let (dom, _) = chromium(&["--dump-dom", "--virtual-time-budget=2000"], &url);
        assert!(dom.contains("</html>"), "{path}: no page");
        // Every payload sets this attribute on <html> when it runs.
        assert!(!dom.contains("data-pwned=\""), "{path}: a payload ran");
        pages += 1;
    }
    assert!(pages >= 10);
    // Search results show the hostile titles, paragraphs and names as text.
    let search = out.join("search/index.html");
    for query in ["document", "pwned", "script", "img", "he wrote"] {
        let url = format!("file://{}?q={}", search.display(), query.replace(' ', "+"));
        let (dom, _) = chromium(&["--dump-dom", "--virtual-time-budget=3000"], &url);
        assert!(
            dom.contains("class=\"search-result\""),
            "{query}: no results"
        );
        assert!(!dom.contains("data-pwned=\""), "{query}: a payload ran");
    }
}

#[test]
#[ignore = "needs Chromium, Java and the Nu checker: run scripts/test.sh"]
fn search_results_are_valid_html() {
    let t = SiteTest::example();
    let out = t.built();
    let url = format!(
        "file://{}?q=sheinbaum+troo",
        out.join("search/index.html").display()
    );
    let (dom, log) = chromium(&["--dump-dom", "--virtual-time-budget=3000"], &url);
    assert!(dom.contains("<mark>Sheinbaum</mark>"), "{dom}");
    assert!(!log.contains("ERR_FILE_NOT_FOUND"), "missing file: {log}");
    let rendered = t.scratch().join("results.html");
    std::fs::write(&rendered, &dom).unwrap();
    let report = nu_check(&["--format", "gnu"], &rendered);
    assert!(report.trim().is_empty(), "{report}");
}
