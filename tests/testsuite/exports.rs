//! Feeds, calendars and data exports of the example site, as their readers
//! see them.

use std::process::Command;

use crate::support::{Dir, SiteTest, repo};

/// The example site built as published at `https://example.org/troops/`.
fn example_with_base_url() -> (SiteTest, Dir) {
    let t = SiteTest::example();
    let out = t.built_at("https://example.org/troops/");
    (t, out)
}

#[test]
fn the_feed_lists_events_newest_first_with_permalinks() {
    let (_t, out) = example_with_base_url();
    let feed = out.read("feed.xml");
    let ids: Vec<&str> = feed
        .split("<entry><title>")
        .skip(1)
        .map(|e| &e[e.find("<id>").unwrap() + 4..e.find("</id>").unwrap()])
        .collect();
    assert_eq!(ids.len(), 10);
    assert_eq!(
        ids[0],
        "https://example.org/troops/events/article-published/"
    );
    assert_eq!(
        ids[9],
        "https://example.org/troops/events/border-military-buildup/"
    );
    assert!(
        feed.contains("&lt;strong&gt;5 May 2025, 20:03 IST&lt;/strong&gt;"),
        "the date as shown"
    );
    assert!(
        out.read("actors/claudia-sheinbaum/feed.xml")
            .contains("<entry>")
    );
}

#[test]
fn the_calendar_has_all_day_spans_and_utc_instants() {
    let (_t, out) = example_with_base_url();
    let ics = out.read("calendar.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 10);
    assert!(
        ics.contains("DTEND;VALUE=DATE:20250505\r\n"),
        "April – 4 May ends (exclusive) on 5 May: {ics}"
    );
    assert!(
        ics.contains("DTSTART:20250505T143300Z"),
        "the article's instant in UTC"
    );
    assert!(ics.contains("UID:https://example.org/troops/events/fto-designation/"));
    assert!(!ics.contains("\nDTSTAMP:2026"), "no wall-clock time");
}

#[test]
fn timeline_json_and_events_json_carry_every_event() {
    let (_t, out) = example_with_base_url();
    let tl: serde_json::Value = out.json("timeline.json");
    assert_eq!(
        tl["title"]["text"]["headline"],
        "Troops, cartels and sovereignty"
    );
    let events = tl["events"].as_array().unwrap();
    assert_eq!(events.len(), 10);
    let statement = events
        .iter()
        .find(|e| e["unique_id"] == "sheinbaum-statement")
        .unwrap();
    assert_eq!(
        statement["start_date"],
        serde_json::json!({"year": 2025, "month": 4})
    );
    assert_eq!(
        statement["end_date"],
        serde_json::json!({"year": 2025, "month": 5, "day": 4})
    );
    assert_eq!(statement["display_date"], "April – 4 May 2025");
    let eras: Vec<&str> = tl["eras"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"]["headline"].as_str().unwrap())
        .collect();
    assert_eq!(
        eras,
        ["Build-up at the border", "The offer and Mexico's refusal"]
    );
    assert_eq!(
        tl["eras"][1]["end_date"],
        serde_json::json!({"year": 2025, "month": 5, "day": 5})
    );
    assert!(
        tl.get("scale").is_none(),
        "human scale is TimelineJS' default"
    );
    let all: serde_json::Value = out.json("events.json");
    assert_eq!(all["events"].as_array().unwrap().len(), 10);
    assert_eq!(all["eras"][0]["date"], "2025-01/2025-02");
    assert_eq!(all["eras"][0]["display_date"], "January – February 2025");
    assert_eq!(
        all["eras"][0]["span"]["start"], 1_735_711_200,
        "1 January 2025 in Mexico City"
    );
    assert_eq!(all["events"][0]["id"], "border-military-buildup");
    assert_eq!(all["events"][0]["span"]["end"], serde_json::Value::Null);
    assert_eq!(all["sources"][0]["published"], "2025-05-05T20:03+05:30");
    let sitemap = out.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/troops/events/fto-designation/</loc>"));
}

#[test]
fn timeline_json_escapes_what_timelinejs_shows_as_html() {
    let out = SiteTest::fixture_in_place("hostile").built();
    let tl: serde_json::Value = out.json("timeline.json");
    let evil = tl["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "evil")
        .unwrap();
    let headline = evil["text"]["headline"].as_str().unwrap();
    assert!(headline.starts_with("&lt;script&gt;"), "{headline}");
    assert!(!evil["group"].as_str().unwrap().contains('<'));
    for field in ["text", "caption", "credit"] {
        let html = match field {
            "text" => &evil["text"]["text"],
            other => &evil["media"][other],
        };
        let html = html.as_str().unwrap();
        assert!(
            !html.contains("onerror=\"") && !html.contains("<script") && !html.contains("<iframe"),
            "{field}: {html}"
        );
    }
    let title = &tl["title"]["text"];
    assert!(!title["headline"].as_str().unwrap().contains('<'));
    assert!(!title["text"].as_str().unwrap().contains('<'));
}

#[test]
fn years_beyond_javascript_dates_ask_for_the_cosmological_scale() {
    let out = SiteTest::fixture_in_place("dates").built();
    let tl: serde_json::Value = out.json("timeline.json");
    assert_eq!(tl["scale"], "cosmological");
    assert_eq!(tl["events"][0]["start_date"]["year"], -13_798_000_000_i64);
}

/// The `good` fixture with `updated:` on an event (a day) and on its
/// source (an instant).
fn good_with_updates() -> SiteTest {
    let t = SiteTest::fixture("good");
    t.edit("content/events/refusal.yaml", |text| {
        format!("{text}updated: 2025-06-01\n")
    });
    t.edit("content/sources/daily.md", |text| {
        text.replacen(
            "---\ntitle:",
            "---\nupdated: 2025-05-20T08:00-05:00\ntitle:",
            1,
        )
    });
    t
}

/// `<loc>` → `<lastmod>` of a sitemap (pages without one are left out).
fn lastmods(sitemap: &str) -> std::collections::BTreeMap<String, String> {
    sitemap
        .lines()
        .filter_map(|l| {
            let loc = l.split("<loc>").nth(1)?.split("</loc>").next()?;
            let lastmod = l.split("<lastmod>").nth(1)?.split("</lastmod>").next()?;
            Some((loc.to_string(), lastmod.to_string()))
        })
        .collect()
}

#[test]
fn the_sitemap_says_when_each_page_last_changed_from_the_content_alone() {
    let (_t, out) = example_with_base_url();
    let sitemap = out.read("sitemap.xml");
    let example = lastmods(&sitemap);
    assert_eq!(
        example.len(),
        sitemap.matches("<url>").count(),
        "every page cites or lists the one source: {sitemap}"
    );
    assert!(
        example.values().all(|l| l == "2025-05-05T14:33:00Z"),
        "the article's publication, in UTC: {sitemap}"
    );

    // `updated:` on an event and a source moves their pages and the lists
    // that show them, and nothing else.
    let t = good_with_updates();
    let build_to = |out: &Dir| {
        t.build_into(out)
            .args(&["--base-url", "https://example.org/"])
            .run()
            .succeeds();
        out.read("sitemap.xml")
    };
    let first = build_to(&t.dir("a"));
    let got = lastmods(&first);
    let at = |path: &str| got[&format!("https://example.org/{path}")].as_str();
    assert_eq!(at("events/refusal/"), "2025-06-01");
    assert_eq!(at("events/designation/"), "2025-05-20T13:00:00Z");
    assert_eq!(at("sources/daily/"), "2025-05-20T13:00:00Z");
    assert_eq!(at("sources/"), "2025-05-20T13:00:00Z");
    assert_eq!(at(""), "2025-06-01");
    assert_eq!(at("actors/claudia-sheinbaum/"), "2025-06-01");
    assert_eq!(at("tags/counterterrorism/"), "2025-05-20T13:00:00Z");

    // Never the clock or file times: touching every file changes nothing.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    for (path, bytes) in t.tree() {
        t.write(&path, bytes);
    }
    assert_eq!(build_to(&t.dir("b")), first);
}

#[test]
fn without_base_url_there_is_no_sitemap_and_links_are_relative() {
    let out = SiteTest::example().built();
    assert!(!out.join("sitemap.xml").exists());
    let term_feed = out.read("tags/military/feed.xml");
    assert!(term_feed.contains("href=\"../../events/"), "{term_feed}");
}

#[test]
#[ignore = "needs Python's feedparser and icalendar: run scripts/test.sh"]
fn feed_readers_and_calendar_apps_read_every_file() {
    for (name, t) in [
        ("example", SiteTest::example()),
        ("dates", SiteTest::fixture_in_place("dates")),
        ("deep-time", SiteTest::fixture_in_place("deep-time")),
        ("hostile", SiteTest::fixture_in_place("hostile")),
    ] {
        let out = t.built();
        let o = Command::new("python3")
            .arg(repo().join("tests/clients/check_feeds.py"))
            .arg(out.path())
            .output()
            .expect("python3 runs");
        assert!(
            o.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn event_and_source_pages_carry_schema_org_data() {
    let (_t, out) = example_with_base_url();
    let ld = |path: &str| -> serde_json::Value {
        let html = out.read(path);
        let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    };
    let event = ld("events/sheinbaum-statement/index.html");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["startDate"], "2025-04");
    assert_eq!(event["endDate"], "2025-05-04");
    assert_eq!(event["subjectOf"][0]["@type"], "NewsArticle");
    assert_eq!(
        event["subjectOf"][0]["publisher"]["name"],
        "TIMESOFINDIA.COM"
    );
    let source = ld("sources/trump-troops-offer/index.html");
    assert_eq!(source["@type"], "NewsArticle");
    assert_eq!(source["author"]["name"], "Shreeaa Rathi");
    assert_eq!(source["datePublished"], "2025-05-05T20:03+05:30");
    let html = out.read("events/sheinbaum-statement/index.html");
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://example.org/troops/events/sheinbaum-statement/\">"
    ));
}

fn xmllint_schema(sitemap: &std::path::Path) -> std::process::Output {
    Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(repo().join("tests/clients/sitemap-0.9.xsd"))
        .arg(sitemap)
        .output()
        .expect("xmllint runs: apt-get install libxml2-utils")
}

#[test]
#[ignore = "needs xmllint (Debian libxml2-utils): run scripts/test.sh"]
fn the_sitemap_is_valid_against_the_sitemaps_org_schema() {
    for (name, t) in [
        ("example", SiteTest::example()),
        ("dates", SiteTest::fixture_in_place("dates")),
        ("good", good_with_updates()),
    ] {
        let out = t.built_at("https://example.org/timeline/");
        let o = xmllint_schema(&out.join("sitemap.xml"));
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(o.status.success(), "{name}: {report}");
        assert!(report.contains("validates"), "{name}: {report}");
    }
    // The schema is strict where it matters: a month is not a lastmod.
    let scratch = tempfile::tempdir().unwrap();
    let bad = scratch.path().join("bad.xml");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://example.org/</loc><lastmod>2025-05</lastmod></url></urlset>\n",
    )
    .unwrap();
    assert!(!xmllint_schema(&bad).status.success());
}

#[test]
#[ignore = "needs Python 3: run scripts/test.sh"]
fn json_ld_is_valid_schema_org() {
    for (name, t) in [
        ("example", SiteTest::example()),
        ("dates", SiteTest::fixture_in_place("dates")),
        ("deep-time", SiteTest::fixture_in_place("deep-time")),
        ("hostile", SiteTest::fixture_in_place("hostile")),
        ("good", SiteTest::fixture_in_place("good")),
    ] {
        let out = t.built_at("https://example.org/timeline/");
        let o = Command::new("python3")
            .arg(repo().join("tests/clients/check_jsonld.py"))
            .arg(out.path())
            .output()
            .expect("python3 runs");
        assert!(
            o.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
#[ignore = "builds 27 MiB of event bodies: over a minute in a debug build; scripts/test.sh runs it"]
fn events_json_past_25_mib_is_a_manifest_of_parts_that_hold_every_event_in_order() {
    let t = SiteTest::empty();
    t.write("site.yaml", "title: Long bodies\n");
    let words = "The offer of troops is refused, and the talks go on; ";
    let body = words.repeat(1024 * 1024 / words.len());
    for i in 0..27 {
        t.write(
            &format!("content/events/e{i:02}.yaml"),
            format!("title: Event {i}\ndate: 20{i:02}\nbody: \"{body}\"\n"),
        );
    }
    let out = t.built();
    let manifest = out.json("events.json");
    assert!(manifest.get("events").is_none(), "a manifest has no events");
    assert_eq!(manifest["event_count"], 27);
    assert_eq!(manifest["site"]["title"], "Long bodies");
    let mut ids = Vec::new();
    let parts = manifest["parts"].as_array().unwrap();
    assert!(parts.len() >= 2, "{parts:?}");
    for part in parts {
        let file = part["file"].as_str().unwrap();
        let len = std::fs::metadata(out.join(file)).unwrap().len();
        assert!(len <= 25 * 1024 * 1024, "{file} is {len} bytes");
        let events = out.json(file)["events"].as_array().unwrap().clone();
        assert_eq!(events.len() as u64, part["events"].as_u64().unwrap());
        assert_eq!(events[0]["id"], part["first"]);
        ids.extend(events.iter().map(|e| e["id"].as_str().unwrap().to_string()));
    }
    let expected: Vec<String> = (0..27).map(|i| format!("e{i:02}")).collect();
    assert_eq!(ids, expected);
    // timeline.json has no bodies: it still fits, whole.
    assert_eq!(
        out.json("timeline.json")["events"]
            .as_array()
            .unwrap()
            .len(),
        27
    );
}

#[test]
fn feeds_and_calendars_hold_the_newest_events_up_to_feed_limit() {
    let t = SiteTest::empty();
    t.write("site.yaml", "title: Many\n");
    let mut yaml = String::new();
    for i in 0..60 {
        yaml.push_str(&format!(
            "- id: e{i:02}\n  title: Event {i}\n  date: \"19{i:02}\"\n  tags: [all]\n"
        ));
    }
    t.write("content/events/all.yaml", yaml);
    let out = t.built();
    for dir in ["", "tags/all/"] {
        let feed = out.read(&format!("{dir}feed.xml"));
        assert_eq!(feed.matches("<entry>").count(), 50, "{dir}feed.xml");
        // Newest first; the oldest ten are left out.
        assert!(feed.find("Event 59").unwrap() < feed.find("Event 10<").unwrap());
        assert!(!feed.contains("Event 9<"));
        let ics = out.read(&format!("{dir}calendar.ics"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 50, "{dir}calendar.ics");
    }
    // Every event is still in the exports.
    assert_eq!(
        out.json("events.json")["events"].as_array().unwrap().len(),
        60
    );

    t.write("site.yaml", "title: Many\nfeed_limit: 5\n");
    let out = t.built();
    assert_eq!(out.read("feed.xml").matches("<entry>").count(), 5);
    assert_eq!(
        out.read("tags/all/calendar.ics")
            .matches("BEGIN:VEVENT")
            .count(),
        5
    );

    t.write("site.yaml", "title: Many\nfeed_limit: 0\n");
    t.check_as("short")
        .run()
        .exits(1)
        .stderr_has("site.yaml:2:13: error: `feed_limit` is the number of events in each feed and calendar, at least 1");
}
