//! `annals build` and `annals check` on fixture sites and on the example
//! site: the files and messages a user sees.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The event ids of the cards of a page, in order (a card's own id is
/// `e-` and the event id, so no event id can clash with other anchors).
fn card_ids(html: &str) -> Vec<String> {
    html.split("<article class=\"event-card")
        .skip(1)
        .map(|chunk| {
            let id = &attr_values(chunk, "id")[0];
            id.strip_prefix("e-").unwrap_or(id).to_string()
        })
        .collect()
}

#[test]
fn example_site_lists_its_events_in_date_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out);
    let home = page(&out, "index.html");
    assert_eq!(
        card_ids(&home),
        [
            "border-military-buildup",
            "northern-command-deployments",
            "military-role-directive",
            "fto-designation",
            "sheinbaum-statement",
            "april-phone-call",
            "sheinbaum-refusal",
            "special-forces-authority",
            "air-force-one-remarks",
            "article-published",
        ]
    );
    let months: Vec<String> = home
        .split("class=\"month-heading\"")
        .skip(1)
        .map(|c| text_of(&c[c.find('>').unwrap() + 1..c.find("</h3>").unwrap()]))
        .collect();
    assert_eq!(
        months,
        ["January 2025", "February 2025", "April 2025", "May 2025"]
    );
    // Dates are shown with their precision, in <time> elements.
    assert!(home.contains("since <time datetime=\"2025-01\">January 2025</time>"));
    assert!(home.contains(
        "<time datetime=\"2025-04\">April</time> – <time datetime=\"2025-05-04\">4 May 2025</time>"
    ));
    assert!(home.contains("<svg class=\"axis\""));
}

#[test]
fn every_quotation_links_to_the_paragraph_that_holds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out);
    let mut checked = 0;
    for (path, bytes) in tree(&out) {
        if !path.starts_with("events/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for citation in html.split("<li class=\"citation\">").skip(1) {
            let quote_html = &citation[..citation.find("</blockquote>").unwrap()];
            let quote = text_of(quote_html);
            let link = attr_values(citation, "href")
                .into_iter()
                .find(|h| h.contains("#p-"))
                .unwrap_or_else(|| panic!("{path}: no paragraph link"));
            let (file, anchor) = link.split_once('#').unwrap();
            let target = Path::new(&path).parent().unwrap().join(file);
            let source = page(&out, &target.to_string_lossy());
            let start = source
                .find(&format!("<p id=\"{anchor}\">"))
                .unwrap_or_else(|| panic!("{path}: {anchor} missing"));
            let para = &source[start..start + source[start..].find("</p>").unwrap()];
            let norm = |s: &str| annals::content::normalize_quote(s);
            assert!(
                norm(&text_of(para)).contains(&norm(quote.trim())),
                "{path}: `{quote}` not in {anchor}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} citations");
}

#[test]
fn every_internal_link_resolves_relative_to_its_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out);
    let files = tree(&out);
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap();
        for link in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if link.starts_with("http") || link.starts_with("url(") {
                continue;
            }
            assert!(!link.starts_with('/'), "{path}: absolute link {link}");
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                Path::new(path).to_path_buf()
            } else {
                dir.join(file)
            };
            let mut parts: Vec<String> = Vec::new();
            for c in target.components() {
                match c {
                    std::path::Component::ParentDir => {
                        assert!(parts.pop().is_some(), "{path}: {link} leaves the site");
                    }
                    std::path::Component::Normal(n) => parts.push(n.to_string_lossy().into()),
                    _ => {}
                }
            }
            let key = parts.join("/");
            let body = files
                .get(&key)
                .unwrap_or_else(|| panic!("{path}: {link} -> {key} does not exist"));
            if !fragment.is_empty() {
                let body = String::from_utf8_lossy(body);
                assert!(
                    body.contains(&format!("id=\"{fragment}\"")),
                    "{path}: {link}: no id {fragment}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links");
}

#[test]
fn error_fixtures_report_the_documented_messages() {
    let bless = std::env::var_os("ANNALS_BLESS").is_some();
    let mut seen = 0;
    for entry in fs::read_dir(fixture("errors")).unwrap() {
        let dir = entry.unwrap().path();
        let o = annals(&["check", "--root", dir.to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}: {}",
            dir.display(),
            stderr(&o)
        );
        let expected_path = dir.join("expected.txt");
        let got = stderr(&o);
        if bless {
            fs::write(&expected_path, &got).unwrap();
        }
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} (run with ANNALS_BLESS=1)", expected_path.display()));
        assert_eq!(got, expected, "{}", dir.display());
        // The short form: one `file:line:col: error: message` line each.
        let o = annals(&[
            "check",
            "--root",
            dir.to_str().unwrap(),
            "--format",
            "short",
        ]);
        let short = stderr(&o);
        let lines: Vec<&str> = short.lines().collect();
        assert!(lines.len() >= 2, "{short}");
        for line in &lines[..lines.len() - 1] {
            let (place, rest) = line
                .split_once(": error: ")
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
    let o = annals(&[
        "check",
        "--root",
        fixture("errors/many-at-once").to_str().unwrap(),
        "--format",
        "short",
    ]);
    let err = stderr(&o);
    assert_eq!(
        err,
        "content/events/a.yaml:2:12: error: invalid date `2025-13`: invalid month `13` (months are 01–12, seasons 21–24)\n\
         content/events/b.yaml:4:1: error: unknown key `actor` in event\n\
         content/events/c.yaml:7:13: error: quote not found in source `daily`\n\
         error: the site has 3 errors\n"
    );
}

#[test]
fn json_diagnostics_carry_file_line_and_column() {
    let o = annals(&[
        "check",
        "--root",
        fixture("errors/unknown-source").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "unknown source `dailly`");
    assert_eq!(d["location"]["file"], "content/events/designation.yaml");
    assert_eq!(d["location"]["line"], 6);
    assert_eq!(d["location"]["column"], 13);
    assert_eq!(d["hints"][0], "did you mean `daily`?");
}

/// Builds the good fixture, breaks it with `edit`, and checks that the
/// next build fails with `message` and leaves the previous output exactly
/// as it was, with no staging folder behind.
fn failed_build_keeps_the_output(edit: impl FnOnce(&Path), message: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let out = tmp.path().join("out");
    build(&site, &out);
    let before = tree(&out);
    assert!(before.contains_key("events/designation/index.html"));

    edit(&site);
    let o = annals(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(message), "{}", stderr(&o));
    assert_eq!(tree(&out), before);
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    failed_build_keeps_the_output(
        |site| {
            fs::write(
                site.join("content/events/designation.yaml"),
                "title: Broken\ndate: 2025-02-30\n",
            )
            .unwrap();
        },
        "invalid day `30`",
    );
}

#[test]
fn a_build_that_fails_after_writing_its_pages_leaves_the_previous_output_untouched() {
    // The pages are written to the staging folder first and the search
    // page after them: a search template that fails when rendered fails
    // the build once the pages are on disk.
    failed_build_keeps_the_output(
        |site| {
            fs::create_dir_all(site.join("templates")).unwrap();
            fs::write(
                site.join("templates/search.html"),
                "{% extends \"base.html\" %}{% block content %}{{ no_such_value }}{% endblock content %}",
            )
            .unwrap();
        },
        "no_such_value",
    );
}

#[test]
fn a_build_whose_page_fails_among_pages_already_written_leaves_the_previous_output_untouched() {
    // Each page goes to the staging folder as soon as it is rendered: an
    // event template that fails for one event only fails the build when
    // other pages are already written there.
    failed_build_keeps_the_output(
        |site| {
            fs::create_dir_all(site.join("templates")).unwrap();
            let event = fs::read_to_string(repo().join("templates/event.html")).unwrap();
            fs::write(
                site.join("templates/event.html"),
                event.replace(
                    "<h1>{{ event.title }}</h1>",
                    "<h1>{{ event.title }}</h1>{% if event.id == \"refusal\" %}{{ no_such_value }}{% endif %}",
                ),
            )
            .unwrap();
        },
        "no_such_value",
    );
}

#[test]
fn a_rebuild_replaces_the_output_and_drops_stale_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let out = tmp.path().join("out");
    build(&site, &out);
    fs::remove_file(site.join("content/events/ongoing.yaml")).unwrap();
    build(&site, &out);
    assert!(!out.join("events/ongoing/index.html").exists());
    assert!(out.join("events/designation/index.html").exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&repo(), &a);
    build(&repo(), &b);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs");
    }
}

#[test]
fn check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let before = tree(&site);
    let o = annals(&["check", "--root", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("ok: 3 events, 1 source, "),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&site), before);
}

#[test]
fn a_site_overrides_built_in_templates_and_static_files() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    fs::create_dir_all(site.join("templates/partials")).unwrap();
    fs::create_dir_all(site.join("static/img")).unwrap();
    fs::write(
        site.join("templates/partials/event_card.html"),
        "<article class=\"event-card\" id=\"{{ e.id }}\"><{{ hx }}>{{ e.title | upper }}</{{ hx }}></article>",
    )
    .unwrap();
    fs::write(site.join("static/style.css"), "body { color: red }").unwrap();
    fs::write(site.join("static/img/logo.svg"), "<svg/>").unwrap();
    let out = tmp.path().join("out");
    build(&site, &out);
    let home = page(&out, "index.html");
    assert!(home.contains("<h4>CARTELS DESIGNATED</h4>"), "{home}");
    assert_eq!(page(&out, "style.css"), "body { color: red }");
    assert_eq!(page(&out, "img/logo.svg"), "<svg/>");
}

#[test]
fn events_files_hold_one_event_or_many() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&fixture("good"), &out);
    let home = page(&out, "index.html");
    assert_eq!(card_ids(&home), ["ongoing", "designation", "refusal"]);
    let refusal = page(&out, "events/refusal/index.html");
    assert!(refusal.contains("rel=\"prev\" href=\"../../events/designation/index.html\""));
    assert!(!refusal.contains("rel=\"next\""));
    assert!(
        refusal.contains("<a href=\"../../events/designation/index.html\">Cartels designated</a>")
    );
    let term = page(&out, "actors/claudia-sheinbaum/index.html");
    assert_eq!(card_ids(&term), ["refusal"]);
    let source = page(&out, "sources/daily/index.html");
    assert_eq!(card_ids(&source), ["ongoing", "designation", "refusal"]);
    assert!(out.join("404.html").exists());
    assert!(out.join("tags/index.html").exists());
}

#[test]
fn a_folder_without_site_yaml_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let o = annals(&["build", "--root", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has no site.yaml"), "{}", stderr(&o));
}

#[test]
fn the_output_folder_may_not_hold_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    for out in [site.clone(), tmp.path().to_path_buf(), site.join("content")] {
        let o = annals(&[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", out.display());
        assert!(stderr(&o).contains("refusing to use"), "{}", stderr(&o));
    }
    assert!(site.join("site.yaml").exists());
}

#[test]
fn base_url_makes_canonical_links_and_the_404_page_absolute() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = annals(&[
        "build",
        "--root",
        fixture("good").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://example.org/timeline",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let event = page(&out, "events/refusal/index.html");
    assert!(event.contains(
        "<link rel=\"canonical\" href=\"https://example.org/timeline/events/refusal/\">"
    ));
    let not_found = page(&out, "404.html");
    assert!(
        not_found.contains("href=\"/timeline/style.css\""),
        "{not_found}"
    );
}

#[test]
fn thirty_dates_from_the_big_bang_to_2025_are_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&fixture("dates"), &out);
    let home = page(&out, "index.html");
    assert_eq!(
        card_ids(&home),
        [
            "big-bang",
            "pyramids",
            "troy",
            "rome",
            "caesar",
            "augustus",
            "hastings",
            "black-death",
            "gutenberg",
            "columbus",
            "reformation",
            "seventeenth",
            "industrial",
            "bastille",
            "moon",
            "berlin",
            "twenty-tens",
            "arab-spring",
            "pandemic",
            "winter",
            // Within a year, the events known only to the year come first,
            // under "Across 2025"; then the months in order.
            "year-2025",
            "buildup",
            "fto",
            "spring",
            "april-call",
            "may-xx",
            "remarks",
            "article",
            "mexico-press",
            "june-unknown",
        ]
    );
    let text = text_of(&home);
    for shown in [
        "13,798,000,001 BC",
        "c. 2561 BC",
        "1185 BC (uncertain)",
        "21 April 753 BC",
        "27 BC – 19 August 14",
        "the 1450s",
        "1600 – 1699",
        "c. 1760 – c. 1840",
        "20 July 1969, 20:17 (UTC)",
        "winter 2024–25",
        "since January 2025",
        "spring 2025",
        "5 May 2025, 20:03 IST",
        "5 May 2025, 09:00 CST",
        "June 2025 – unknown",
        "Across 2025",
    ] {
        assert!(text.contains(shown), "{shown} not on the home page");
    }
    // Years before 1 AD have no HTML machine form: no <time> for them.
    assert!(home.contains("<span class=\"date-text\">15 March 44 BC</span>"));
    assert!(
        home.contains("<time datetime=\"2025-05-05T20:03+05:30\">5 May 2025, 20:03 IST</time>")
    );
}

#[test]
fn language_es_shows_dates_in_spanish() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    fs::write(site.join("site.yaml"), "title: Cronología\nlanguage: es\n").unwrap();
    let out = tmp.path().join("out");
    build(&site, &out);
    let home = page(&out, "index.html");
    assert!(home.contains("<html lang=\"es\">"));
    assert!(
        home.contains("desde <time datetime=\"2025-01\">enero de 2025</time>"),
        "{home}"
    );
    assert!(home.contains("<time datetime=\"2025-05-04\">4 de mayo de 2025</time>"));
    assert!(home.contains(">febrero de 2025</h3>"));
}

#[test]
fn warnings_are_shown_and_fail_only_when_denied() {
    let dir = fixture("warnings");
    let o = annals(&["check", "--root", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = fs::read_to_string(dir.join("expected.txt")).unwrap();
    assert_eq!(stderr(&o), expected);
    let o = annals(&[
        "check",
        "--root",
        dir.to_str().unwrap(),
        "--deny-warnings",
        "--format",
        "short",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("error: the site has 4 warnings, and --deny-warnings is on\n"),
        "{}",
        stderr(&o)
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = annals(&[
        "build",
        "--root",
        dir.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--deny-warnings",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "a denied build writes nothing");
}

#[test]
fn build_writes_exactly_the_site_that_check_renders() {
    // `build` hands every page and data file to the output as soon as it
    // is made and keeps only its path; `check` keeps them all in memory.
    // Both are one site: same files, same bytes (with an address, so that
    // the sitemap is among them).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let url = "https://example.org/timeline/";
    build_at(&repo(), &out, url);
    let (_, files) = annals::check(&repo(), Some(url)).unwrap();
    let built = tree(&out);
    assert!(built.contains_key("sitemap.xml"));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    for f in &files {
        assert!(built[&f.path] == f.bytes, "{} differs", f.path);
    }
}
