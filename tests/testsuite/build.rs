//! `annals build` on fixture sites and on the example site: the pages a
//! reader gets, and what a build does to the output folder.

use std::path::Path;

use crate::support::html::{attr_values, card_ids, text_of};
use crate::support::library;
use crate::support::{SiteTest, names_in, repo};

#[test]
fn example_site_lists_its_events_in_date_order() {
    let out = SiteTest::example().built();
    let home = out.read("index.html");
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
fn every_quotation_links_to_its_words_marked_in_the_source() {
    let out = SiteTest::example().built();
    let mut checked = 0;
    for (path, bytes) in out.tree() {
        if !path.starts_with("events/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for citation in html.split("<li class=\"citation\">").skip(1) {
            let quote_html = &citation[..citation.find("</blockquote>").unwrap()];
            // A quotation cut inside a sentence is shown with ellipses.
            let quote = text_of(quote_html);
            let quote = quote.trim().trim_matches('…');
            let link = attr_values(citation, "href")
                .into_iter()
                .find(|h| h.contains("#q-"))
                .unwrap_or_else(|| panic!("{path}: no link to the quoted words"));
            let (file, id) = link.split_once('#').unwrap();
            let target = Path::new(&path).parent().unwrap().join(file);
            let source = out.read(&target.to_string_lossy());
            let at = source
                .find(&format!("<mark class=\"quoted\" id=\"{id}\">"))
                .unwrap_or_else(|| panic!("{path}: no mark {id} in {file}"));
            // The marked words, run by run to the end of the paragraph,
            // are the quotation.
            let para = &source[at..at + source[at..].find("</p>").unwrap()];
            let marked: String = para
                .split("<mark class=\"quoted\"")
                .skip(1)
                .map(|run| text_of(&run[run.find('>').unwrap() + 1..run.find("</mark>").unwrap()]))
                .collect();
            let norm = library::normalize_quote;
            assert!(
                norm(&marked).starts_with(&norm(quote)),
                "{path}: `{quote}` is not what {id} marks: `{marked}`"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} citations");
}

#[test]
fn a_terms_list_shows_dates_and_titles_and_the_home_list_summaries_too() {
    let out = SiteTest::example().built();
    let home = out.read("index.html");
    let cards = card_ids(&home).len();
    assert_eq!(home.matches("class=\"event-summary\"").count(), cards);
    let term = out.read("tags/military/index.html");
    assert!(card_ids(&term).len() >= 2, "the term lists its events");
    assert!(
        term.contains("class=\"event-title\" dir=\"auto\"><a href=\"../../events/"),
        "each with its title linked to its page"
    );
    assert!(
        !term.contains("event-summary"),
        "a term's list has no summaries"
    );
}

#[test]
fn a_source_page_names_the_events_quoting_each_paragraph_and_does_not_link_to_itself() {
    let out = SiteTest::example().built();
    let page = out.read("sources/trump-troops-offer/index.html");
    let quoted_in = page.matches("<p class=\"quoted-in\">").count();
    assert!(quoted_in >= 5, "{quoted_in} paragraphs say who quotes them");
    assert!(page.contains("<p class=\"quoted-in\"><span>Quoted in</span> <a href=\"../../events/april-phone-call/index.html\">"));
    let cited_by = &page[page.find("class=\"cited-by\"").unwrap()..];
    assert!(
        !cited_by.contains("href=\"../../sources/trump-troops-offer/index.html\""),
        "a card on the source's page links back to it"
    );
    // A credit is shown only beside what it credits: sources have no image.
    assert!(!page.contains("Image credit"));
}

#[test]
fn every_internal_link_resolves_relative_to_its_page() {
    let out = SiteTest::example().built();
    let files = out.tree();
    let mut checked = 0;
    for (path, bytes) in &files {
        // 404 pages link from the site root: they are served at any address.
        if !path.ends_with(".html") || path.ends_with("404.html") {
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

/// Builds the good fixture, breaks it with `edit`, and checks that the
/// next build fails with `message` and leaves the previous output exactly
/// as it was, with no staging folder behind.
fn failed_build_keeps_the_output(edit: impl FnOnce(&SiteTest), message: &str) {
    let t = SiteTest::fixture("good");
    let out = t.built();
    let before = out.tree();
    assert!(before.contains_key("events/designation/index.html"));

    edit(&t);
    t.build().run().exits(1).stderr_has(message);
    assert_eq!(out.tree(), before);
    let names = names_in(t.scratch());
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    failed_build_keeps_the_output(
        |t| {
            t.write(
                "content/events/designation.yaml",
                "title: Broken\ndate: 2025-02-30\n",
            );
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
        |t| {
            t.write(
                "templates/search.html",
                "{% extends \"base.html\" %}{% block content %}{{ no_such_value }}{% endblock content %}",
            );
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
        |t| {
            let event = SiteTest::example().read("templates/event.html");
            t.write(
                "templates/event.html",
                event.replace(
                    "<h1>{{ event.title }}</h1>",
                    "<h1>{{ event.title }}</h1>{% if event.id == \"refusal\" %}{{ no_such_value }}{% endif %}",
                ),
            );
        },
        "no_such_value",
    );
}

#[test]
fn a_rebuild_replaces_the_output_and_drops_stale_pages() {
    let t = SiteTest::fixture("good");
    t.built();
    t.remove("content/events/ongoing.yaml");
    let out = t.built();
    out.assert_lacks("events/ongoing/index.html");
    out.assert_has("events/designation/index.html");
}

#[test]
fn two_builds_are_byte_identical() {
    let t = SiteTest::example();
    let (a, b) = (t.dir("a"), t.dir("b"));
    t.build_into(&a).run().succeeds();
    t.build_into(&b).run().succeeds();
    let (ta, tb) = (a.tree(), b.tree());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs");
    }
}

#[test]
fn a_site_overrides_built_in_templates_and_static_files() {
    let t = SiteTest::fixture("good");
    t.write_all(&[
        (
            "templates/partials/event_card.html",
            "<article class=\"event-card\" id=\"{{ e.id }}\"><{{ hx }}>{{ e.title | upper }}</{{ hx }}></article>",
        ),
        ("static/style.css", "body { color: red }"),
        ("static/img/logo.svg", "<svg/>"),
    ]);
    let out = t.built();
    // One event a month: no month headings, so cards are the year's h3.
    out.assert_contains("index.html", "<h3>CARTELS DESIGNATED</h3>");
    out.assert_is("style.css", "body { color: red }");
    out.assert_is("img/logo.svg", "<svg/>");
}

#[test]
fn events_files_hold_one_event_or_many() {
    let out = SiteTest::fixture("good").built();
    let home = out.read("index.html");
    assert_eq!(card_ids(&home), ["ongoing", "designation", "refusal"]);
    let refusal = out.read("events/refusal/index.html");
    // One event page links to another as its sibling folder.
    assert!(refusal.contains("rel=\"prev\" href=\"../designation/index.html\""));
    assert!(!refusal.contains("rel=\"next\""));
    assert!(refusal.contains("<a href=\"../designation/index.html\">Cartels designated</a>"));
    let term = out.read("actors/claudia-sheinbaum/index.html");
    assert_eq!(card_ids(&term), ["refusal"]);
    // A source lists the events citing it as lines (date and title), in
    // timeline order.
    let source = out.read("sources/daily/index.html");
    let lines = &source[source.find("<ol class=\"event-lines\">").unwrap()..];
    let order: Vec<usize> = ["ongoing", "designation", "refusal"]
        .iter()
        .map(|id| {
            lines
                .find(&format!("href=\"../../events/{id}/index.html\""))
                .unwrap()
        })
        .collect();
    assert!(order.is_sorted(), "{order:?}");
    out.assert_has("404.html");
    out.assert_has("tags/index.html");
}

#[test]
fn the_output_folder_may_not_hold_the_site() {
    let t = SiteTest::fixture("good");
    for out in [
        t.root().to_path_buf(),
        t.scratch().to_path_buf(),
        t.path("content"),
    ] {
        let o = t.build_into(&crate::support::Dir::new(out.clone())).run();
        assert_eq!(o.code(), Some(2), "{}", out.display());
        o.stderr_has("refusing to use");
    }
    assert!(t.path("site.yaml").exists());
}

#[test]
fn base_url_makes_canonical_links_and_the_404_page_absolute() {
    let out = SiteTest::fixture_in_place("good").built_at("https://example.org/timeline");
    out.assert_contains(
        "events/refusal/index.html",
        "<link rel=\"canonical\" href=\"https://example.org/timeline/events/refusal/\">",
    );
    out.assert_contains("404.html", "href=\"/timeline/style.css\"");
}

#[test]
fn thirty_dates_from_the_big_bang_to_2025_are_in_order() {
    let out = SiteTest::fixture_in_place("dates").built();
    let home = out.read("index.html");
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
        "13.8 billion years ago",
        "c. 2561 BC",
        "1185 BC (uncertain)",
        "21 April 753 BC",
        "27 BC – 19 August 14",
        "the 1450s",
        "17th century",
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

/// Issue 19, item 7: centuries and decades filed under their first year,
/// BC as AD, and shown as readers write them; deep time in years before
/// present (1950), the exact year on hover and in the exports.
#[test]
fn centuries_decades_and_deep_time_read_as_readers_write_them() {
    let t = SiteTest::fixture("deep-time");
    let out = t.built();
    let home = out.read("index.html");
    // Each heading, then the date of each card under it, in order.
    let shown: Vec<&str> = home
        .split('<')
        .filter(|tag| {
            tag.starts_with("h2 class=\"year-heading\"")
                || tag.starts_with("span class=\"date-text\"")
                || tag.starts_with("time ")
        })
        .collect();
    assert_eq!(
        shown,
        [
            "h2 class=\"year-heading\" id=\"y--13799998050\">13.8 billion years ago",
            "span class=\"date-text\" title=\"13,798,000,001 BC\">13.8 billion years ago",
            "span class=\"date-text\" title=\"13,797,623,001 BC\">c. 13.8 billion years ago",
            "h2 class=\"year-heading\" id=\"y--65998050\">66 million years ago",
            "span class=\"date-text\" title=\"66,000,001 BC\">66 million years ago",
            "h2 class=\"year-heading\" id=\"y--10050\">12,000 years ago",
            "span class=\"date-text\" title=\"10,051 BC\">12,000 years ago",
            // The last year in years BC.
            "h2 class=\"year-heading\" id=\"y--9999\">10,000 BC",
            "span class=\"date-text\">10,000 BC",
            // -04XX is 500 BC – 401 BC, under its first year.
            "h2 class=\"year-heading\" id=\"y--499\">500 BC",
            "span class=\"date-text\" title=\"500 BC – 401 BC\">5th century BC",
            "span class=\"date-text\">500 BC",
            // -045X is 460 BC – 451 BC.
            "h2 class=\"year-heading\" id=\"y--459\">460 BC",
            "span class=\"date-text\">460 BC – 451 BC",
            "h2 class=\"year-heading\" id=\"y--450\">451 BC",
            "span class=\"date-text\">451 BC",
            "h2 class=\"year-heading\" id=\"y--400\">401 BC",
            "span class=\"date-text\">401 BC",
            // -00XX is 100 BC – 1 BC.
            "h2 class=\"year-heading\" id=\"y--99\">100 BC",
            "span class=\"date-text\" title=\"100 BC – 1 BC\">1st century BC",
            "h2 class=\"year-heading\" id=\"y-1900\">1900",
            "span class=\"date-text\" title=\"1900 – 1999\">20th century",
            "h2 class=\"year-heading\" id=\"y-1905\">1905",
            "time datetime=\"1905\">1905",
            "h2 class=\"year-heading\" id=\"y-2010\">2010",
            "span class=\"date-text\">the 2010s",
        ]
    );
    // The axis's marks say what the cards say; a break names deep time.
    assert!(home.contains("<title>The fifth century BC (5th century BC)</title>"));
    assert!(home.contains(
        "<title>No events from 13.8 billion years ago to 66 million years ago: this stretch is cut out of the axis</title>"
    ));
    // The exports keep the exact years beside the words.
    let events = out.json("events.json");
    let event = |id: &str| {
        events["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(event("big-bang")["date"], "Y-13798000000");
    assert_eq!(event("big-bang")["display_date"], "13.8 billion years ago");
    assert_eq!(event("fifth-bc")["date"], "-04XX");
    assert_eq!(event("fifth-bc")["display_date"], "5th century BC");
    let tl = out.json("timeline.json");
    assert_eq!(tl["events"][0]["start_date"]["year"], -13_798_000_000_i64);
    assert_eq!(tl["events"][0]["display_date"], "13.8 billion years ago");
    // In Spanish, with the language's numbers and words.
    t.edit("site.yaml", |text| format!("{text}language: es\n"));
    let home = t.built().read("index.html");
    for html in [
        ">hace 13,8 mil millones de años</span>",
        ">hace unos 13,8 mil millones de años</span>",
        ">hace 66 millones de años</span>",
        ">hace 12.000 años</span>",
        ">siglo V a. C.</span>",
        "title=\"1900 – 1999\">siglo XX</span>",
    ] {
        assert!(home.contains(html), "{html} not in the Spanish home page");
    }
}

#[test]
fn language_es_shows_dates_in_spanish() {
    let t = SiteTest::fixture("good");
    t.write("site.yaml", "title: Cronología\nlanguage: es\n");
    let out = t.built();
    let home = out.read("index.html");
    assert!(home.contains("<html lang=\"es\">"));
    assert!(
        home.contains("desde <time datetime=\"2025-01\">enero de 2025</time>"),
        "{home}"
    );
    assert!(home.contains("<time datetime=\"2025-05-04\">4 de mayo de 2025</time>"));
    // One event a month: the year's heading is enough, each card says its month.
    assert!(home.contains(">febrero de 2025</time>"));
    assert!(!home.contains("month-heading"));
}

#[test]
fn build_writes_exactly_the_site_that_check_renders() {
    // `build` hands every page and data file to the output as soon as it
    // is made and keeps only its path; `check` keeps them all in memory.
    // Both are one site: same files, same bytes (with an address, so that
    // the sitemap is among them).
    let url = "https://example.org/timeline/";
    let out = SiteTest::example().built_at(url);
    let checked = library::render_in_memory(&repo(), Some(url)).unwrap();
    let built = out.tree();
    assert!(built.contains_key("sitemap.xml"));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        checked
            .files
            .iter()
            .map(|(path, _)| path)
            .collect::<Vec<_>>()
    );
    for (path, bytes) in &checked.files {
        assert!(built[path] == *bytes, "{path} differs");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for_and_marked_when_shown() {
    let site = SiteTest::fixture("good");
    site.write(
        "content/events/proposed.yaml",
        "title: A proposed event\ndate: 2025-05-04\ndraft: true\nsources:\n  - source: daily\n    quote: \"“We will never accept it,” she said.\"\n",
    );
    site.check()
        .run()
        .succeeds()
        .stderr_has("ok: 3 events, 1 source, ")
        .stderr_has("; 1 draft left out (--drafts puts them in)");
    site.check()
        .arg("--drafts")
        .run()
        .succeeds()
        .stderr_has("ok: 4 events, 1 source, ");
    let out = site.built();
    out.assert_lacks("events/proposed/index.html");
    assert!(!out.read("index.html").contains("A proposed event"));
    let with = site.dir("with-drafts");
    site.build_into(&with).arg("--drafts").run().succeeds();
    let page = with.read("events/proposed/index.html");
    assert!(
        page.contains("<span class=\"badge badge-draft\">Draft</span>"),
        "{page}"
    );
    assert!(with.read("index.html").contains("badge-draft"));
}

/// Every file of `out` and its modification time.
fn mtimes(out: &Path) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    let mut files = std::collections::BTreeMap::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                dirs.push(entry.path());
            } else {
                let rel = entry.path().strip_prefix(out).unwrap().to_path_buf();
                files.insert(rel.display().to_string(), meta.modified().unwrap());
            }
        }
    }
    files
}

#[test]
fn a_rebuild_leaves_unchanged_files_as_they_were_for_hosts_that_sync_by_time() {
    let t = SiteTest::fixture("good");
    for i in 0..100 {
        t.write(
            &format!("content/events/extra-{i}.yaml"),
            format!(
                "title: Extra {i}\ndate: 19{:02}\ntags: [t{}]\n",
                i % 100,
                i % 10
            ),
        );
    }
    let out = t.built();
    let first = mtimes(out.path());
    // Long enough for any rewrite to show in the modification time.
    std::thread::sleep(std::time::Duration::from_millis(50));
    t.built();
    assert_eq!(
        mtimes(out.path()),
        first,
        "an unchanged build rewrote files"
    );

    std::thread::sleep(std::time::Duration::from_millis(50));
    t.edit("content/events/designation.yaml", |s| {
        s.replace(
            "The government designates the cartels.",
            "The government designates six cartels.",
        )
    });
    t.built();
    let second = mtimes(out.path());
    let changed: Vec<&String> = second
        .iter()
        .filter(|(path, time)| first.get(*path) != Some(*time))
        .map(|(path, _)| path)
        .collect();
    assert!(
        changed.contains(&&"events/designation/index.html".to_string()),
        "{changed:?}"
    );
    // The event's page, the pages and files listing it (home, source,
    // tag, feeds, calendars, exports), the search index: not the others.
    assert!(
        changed.len() <= 20 && second.len() > 100,
        "{} of {} files rewritten after one edit: {changed:?}",
        changed.len(),
        second.len()
    );
}
