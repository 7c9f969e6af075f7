//! `annals import`: every TimelineJS example Knight Lab ships (copied into
//! tests/fixtures/timelinejs/) imports through the command line, builds,
//! and exports back a `/timeline.json` that says what the original said in
//! every field both formats know; whatever could not come back is one of
//! the differences listed here, each announced by a warning.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{SiteTest, fixture};

/// The moment of every import here (8 July 2025), for the slide that
/// stands for the present.
const JULY_2025: &str = "1752000000";

fn timelinejs(name: &str) -> PathBuf {
    fixture("timelinejs").join(name)
}

/// Imports `file` into a new site and builds it; returns the site (built
/// into its `out/`), the import's warnings and the exported
/// `/timeline.json`.
fn round_trip(file: &Path) -> (SiteTest, String, Value) {
    let t = SiteTest::absent();
    let o = t.import(file).env("SOURCE_DATE_EPOCH", JULY_2025).run();
    assert!(o.success(), "{}: {}", file.display(), o.stderr());
    let warnings = o.stderr();
    let o = t.build().run();
    assert!(o.success(), "{}: {}", file.display(), o.stderr());
    assert!(
        !o.stderr().contains("error"),
        "{}: {}",
        file.display(),
        o.stderr()
    );
    let json = t.out().json("timeline.json");
    (t, warnings, json)
}

// ------------------------------------------------------------ comparison

/// Visible text of an HTML fragment: tags dropped (scripts and styles
/// with their content), entities decoded, white space folded.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let lower = rest[i..].to_ascii_lowercase();
        let skip_to = ["script", "style"]
            .iter()
            .find(|t| lower[1..].starts_with(*t))
            .and_then(|t| lower.find(&format!("</{t}>")).map(|e| e + t.len() + 3))
            .or_else(|| lower.find('>').map(|e| e + 1))
            .unwrap_or(lower.len());
        rest = &rest[i + skip_to..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Targets of links and images in an HTML fragment, in order.
fn targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=", "src="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let quote = rest.chars().next().unwrap_or(' ');
            let value = if quote == '"' || quote == '\'' {
                rest[1..].split(quote).next().unwrap_or("")
            } else {
                rest.split([' ', '>']).next().unwrap_or("")
            };
            out.push(value.replace("&amp;", "&"));
        }
    }
    out.sort();
    out
}

/// An HTML field as the comparison sees it: what a reader reads and where
/// its links go.
fn html_field(html: &str) -> String {
    let t = targets(html);
    if t.is_empty() {
        visible(html)
    } else {
        format!("{} [links: {}]", visible(html), t.join(" "))
    }
}

/// A TimelineJS date as numbers: year, month, day, hour, minute, second
/// (absent parts and empty strings alike as `None`).
type Parts = [Option<i64>; 6];

fn parts(v: &Value) -> Option<Parts> {
    let part = |k: &str| match &v[k] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    };
    part("year")?;
    Some(["year", "month", "day", "hour", "minute", "second"].map(part))
}

/// The fields of a slide (or era) that TimelineJS and annals both know.
#[derive(Debug, Default, Clone, PartialEq)]
struct Slide {
    unique_id: Option<String>,
    start: Option<Parts>,
    end: Option<Parts>,
    headline: String,
    text: String,
    media_url: Option<String>,
    caption: String,
    credit: String,
    alt: String,
    group: String,
}

/// The shared fields of a whole timeline.
#[derive(Debug, Default)]
struct Timeline {
    title: Option<(String, String)>,
    slides: Vec<Slide>,
    eras: Vec<Slide>,
    scale: String,
}

fn string(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        _ => String::new(),
    }
}

fn slide_of(v: &Value) -> Slide {
    let media_url = string(&v["media"]["url"]);
    Slide {
        unique_id: Some(string(&v["unique_id"])).filter(|s| !s.is_empty()),
        start: parts(&v["start_date"]),
        end: parts(&v["end_date"]),
        headline: visible(&string(&v["text"]["headline"])),
        text: html_field(&string(&v["text"]["text"])),
        media_url: Some(media_url).filter(|s| !s.is_empty()),
        caption: html_field(&string(&v["media"]["caption"])),
        credit: html_field(&string(&v["media"]["credit"])),
        alt: visible(&string(&v["media"]["alt"])),
        group: visible(&string(&v["group"])),
    }
}

fn from_json(doc: &Value) -> Timeline {
    let list = |key: &str| {
        doc[key]
            .as_array()
            .map(|a| a.iter().map(slide_of).collect())
            .unwrap_or_default()
    };
    let title = doc.get("title").map(|t| {
        (
            visible(&string(&t["text"]["headline"])),
            visible(&string(&t["text"]["text"])),
        )
    });
    Timeline {
        title,
        slides: list("events"),
        eras: list("eras"),
        scale: doc["scale"].as_str().unwrap_or("human").to_string(),
    }
}

/// The timeline a spreadsheet describes, read as TimelineJS reads the
/// template's columns.
fn from_csv(text: &str) -> Timeline {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let mut tl = Timeline {
        scale: "human".into(),
        ..Timeline::default()
    };
    for row in reader.records() {
        let row = row.unwrap();
        let get = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| row.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let date = |prefix: &str| {
            let num = |col: &str| get(&format!("{prefix}{col}")).replace(',', "").parse().ok();
            let time = get(&format!("{prefix}Time"));
            let hm: Vec<Option<i64>> = time.split(':').map(|p| p.parse().ok()).collect();
            num("Year")?;
            Some([
                num("Year"),
                num("Month"),
                num("Day"),
                hm.first().copied().flatten(),
                hm.get(1).copied().flatten(),
                hm.get(2).copied().flatten(),
            ])
        };
        let slide = Slide {
            unique_id: None,
            start: date(""),
            end: date("End "),
            headline: visible(&get("Headline")),
            text: html_field(&get("Text")),
            media_url: Some(get("Media")).filter(|s| !s.is_empty()),
            caption: html_field(&get("Media Caption")),
            credit: html_field(&get("Media Credit")),
            alt: visible(&get("Alt Text")),
            group: visible(&get("Group")),
        };
        match get("Type").as_str() {
            "title" => tl.title = Some((slide.headline, visible(&get("Text")))),
            "era" => tl.eras.push(slide),
            _ => tl.slides.push(slide),
        }
    }
    tl
}

fn label(index: usize, s: &Slide) -> String {
    format!("slide {} ({:?})", index + 1, s.headline)
}

/// Every way `got` differs from `want` in the shared fields, as
/// `"slide N (headline): field: want … got …"`. Slides are matched by
/// unique_id, else by headline, else by start date and media.
fn differences(want: &Timeline, got: &Timeline) -> Vec<String> {
    let mut out = Vec::new();
    let mut unmatched: Vec<&Slide> = got.slides.iter().collect();
    let mut take = |pred: &dyn Fn(&Slide) -> bool| -> Option<Slide> {
        let i = unmatched.iter().position(|s| pred(s))?;
        Some(unmatched.remove(i).clone())
    };
    let mut pairs = Vec::new();
    for (i, w) in want.slides.iter().enumerate() {
        let found = w
            .unique_id
            .as_ref()
            .and_then(|id| take(&|s| s.unique_id.as_ref() == Some(id)))
            .or_else(|| take(&|s| !w.headline.is_empty() && s.headline == w.headline))
            .or_else(|| take(&|s| s.start == w.start && s.media_url == w.media_url))
            .or_else(|| take(&|s| s.start == w.start));
        match found {
            Some(g) => pairs.push((label(i, w), w.clone(), g)),
            None => out.push(format!("{}: missing from the export", label(i, w))),
        }
    }
    for s in unmatched {
        out.push(format!("extra slide in the export: {:?}", s.headline));
    }
    // An era has a headline and its dates in both formats; its text only in
    // TimelineJS.
    let eras = want.eras.iter().zip(&got.eras).enumerate();
    for (i, (w, g)) in eras {
        let shared = |s: &Slide| Slide {
            start: s.start,
            end: s.end,
            headline: s.headline.clone(),
            ..Slide::default()
        };
        pairs.push((
            format!("era {} ({:?})", i + 1, w.headline),
            shared(w),
            shared(g),
        ));
    }
    if want.eras.len() != got.eras.len() {
        out.push(format!(
            "eras: want {}, got {}",
            want.eras.len(),
            got.eras.len()
        ));
    }
    for (name, w, g) in pairs {
        let mut field = |f: &str, a: String, b: String| {
            if a != b {
                out.push(format!("{name}: {f}: want {a:?}, got {b:?}"));
            }
        };
        if w.unique_id.is_some() {
            field(
                "unique_id",
                format!("{:?}", w.unique_id),
                format!("{:?}", g.unique_id),
            );
        }
        field(
            "start_date",
            format!("{:?}", w.start),
            format!("{:?}", g.start),
        );
        field("end_date", format!("{:?}", w.end), format!("{:?}", g.end));
        field("headline", w.headline, g.headline);
        field("text", w.text, g.text);
        field(
            "media.url",
            format!("{:?}", w.media_url),
            format!("{:?}", g.media_url),
        );
        field("media.caption", w.caption, g.caption);
        field("media.credit", w.credit, g.credit);
        field("media.alt", w.alt, g.alt);
        field("group", w.group, g.group);
    }
    if let Some((headline, text)) = &want.title {
        let (gh, gt) = got.title.clone().unwrap_or_default();
        if *headline != gh {
            out.push(format!("title: headline: want {headline:?}, got {gh:?}"));
        }
        if *text != gt {
            out.push(format!("title: text: want {text:?}, got {gt:?}"));
        }
    }
    if want.scale != got.scale {
        out.push(format!("scale: want {:?}, got {:?}", want.scale, got.scale));
    }
    out
}

/// The part of a difference before its values (`slide 2 ("…"): media.url`).
fn key(difference: &str) -> &str {
    difference.split(": want").next().unwrap_or(difference)
}

/// What may differ after the round trip, per file, and the warning that
/// announces it.
struct Expected {
    file: &'static str,
    /// Differences (as [`key`] gives them).
    differences: &'static [&'static str],
    /// Warnings the import must print: the differences' and the dropped
    /// fields'.
    warnings: &'static [&'static str],
}

const HTML_MEDIA: &str = "kept media given as HTML (a block quote or an embed), with its caption and credit, as the event's body";

const EXPECTED: [Expected; 7] = [
    Expected {
        file: "cosmological.json",
        // Year 0, "Now", is the present: the year of the import.
        differences: &["slide 6 (\"“Today”\"): start_date"],
        warnings: &[
            "dropped `start_date.display_text` from 1 slide",
            "imported slide 6 (“Today”) as 2025",
        ],
    },
    Expected {
        file: "houston-timeline3.json",
        differences: &[],
        warnings: &[
            "dropped `title.media`: annals has no title slide",
            "reduced HTML in headlines to plain text",
        ],
    },
    Expected {
        file: "republican-timeline3.json",
        differences: &[
            "slide 2 (\"New Hampshire\"): media.url",
            "slide 2 (\"New Hampshire\"): media.caption",
            "slide 2 (\"New Hampshire\"): media.credit",
            "slide 11 (\"Huntsman drops out\"): media.url",
            "slide 11 (\"Huntsman drops out\"): media.credit",
        ],
        warnings: &[HTML_MEDIA],
    },
    Expected {
        file: "twain-marktwain.json",
        differences: &[
            "slide 1 (\"\"): headline",
            "slide 4 (\"\"): headline",
            "slide 5 (\"\"): headline",
            "slide 6 (\"\"): headline",
            "title: headline",
        ],
        warnings: &[
            "the title slide has no headline",
            "titled slides without a headline from the start of their text: annals needs a title (1 slide)",
            "titled slides without a headline or text from their media caption: annals needs a title (3 slides)",
            "dropped `background` from 6 slides",
            "dropped `location (all but its name)` from 12 slides",
            "dropped `media.thumbnail` from 1 slide",
            "dropped `type` from 1 slide",
        ],
    },
    Expected {
        file: "women_in_computing.json",
        differences: &["slide 2 (\"Edith Clarke: Bucking the Trend\"): media.url"],
        warnings: &[
            HTML_MEDIA,
            "dropped `background` from 1 slide",
            "dropped `title.background`",
            "reduced the title slide's HTML to plain text",
        ],
    },
    Expected {
        file: "women_in_computing.csv",
        differences: &["slide 2 (\"Edith Clarke: Bucking the Trend\"): media.url"],
        warnings: &[HTML_MEDIA, "dropped `Background` from 1 row"],
    },
    Expected {
        file: "my-own-timeline.csv",
        differences: &["slide 2 (\"Edith Clarke: Bucking the Trend\"): media.url"],
        warnings: &[HTML_MEDIA, "dropped `Background of the title row`"],
    },
];

#[test]
fn every_timelinejs_example_imports_builds_and_exports_back() {
    let files: BTreeSet<String> = fs::read_dir(fixture("timelinejs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") || n.ends_with(".csv"))
        .collect();
    let covered: BTreeSet<String> = EXPECTED.iter().map(|e| e.file.to_string()).collect();
    assert_eq!(files, covered, "every example file has its expectations");
    let mut failures = Vec::new();
    for expected in &EXPECTED {
        let file = timelinejs(expected.file);
        let (_t, warnings, exported) = round_trip(&file);
        let text = fs::read_to_string(&file).unwrap();
        let original = if expected.file.ends_with(".csv") {
            from_csv(&text)
        } else {
            from_json(&serde_json::from_str(&text).unwrap())
        };
        let found = differences(&original, &from_json(&exported));
        let keys: BTreeSet<&str> = found.iter().map(|d| key(d)).collect();
        let allowed: BTreeSet<&str> = expected.differences.iter().copied().collect();
        if keys != allowed {
            failures.push(format!(
                "{}: differences after the round trip:\n  {}\nexpected only:\n  {}",
                expected.file,
                found.join("\n  "),
                expected.differences.join("\n  ")
            ));
        }
        for w in expected.warnings {
            if !warnings.contains(w) {
                failures.push(format!(
                    "{}: no warning `{w}` in:\n{warnings}",
                    expected.file
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_json_and_the_csv_of_one_timeline_give_the_same_site() {
    let (json, csv) = (SiteTest::absent(), SiteTest::absent());
    for (file, t) in [
        ("women_in_computing.json", &json),
        ("women_in_computing.csv", &csv),
    ] {
        t.import(&timelinejs(file)).run().succeeds();
    }
    let (a, b) = (json.tree(), csv.tree());
    assert_eq!(a.len(), 11, "site.yaml and ten events: {:?}", a.keys());
    for (path, bytes) in &a {
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path]),
            "{path}"
        );
    }
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
}

#[test]
fn eras_and_every_shared_field_survive_the_round_trip() {
    let file = fixture("import/eras.json");
    let (t, warnings, exported) = round_trip(&file);
    let original: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    let diffs = differences(&from_json(&original), &from_json(&exported));
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    assert!(
        warnings.contains("dropped `eras.text.text` from 1 era: annals eras have a title only"),
        "{warnings}"
    );
    let site = t.read("site.yaml");
    assert!(
        site.contains(
            "eras:\n  - title: \"Second World War\"\n    date: \"1939-09-01/1945-09-02\"\n"
        ),
        "{site}"
    );
}

#[test]
fn cosmological_years_survive_the_round_trip() {
    let (t, _, exported) = round_trip(&timelinejs("cosmological.json"));
    assert_eq!(exported["scale"], "cosmological");
    assert_eq!(
        exported["events"][0]["start_date"]["year"],
        -13_798_000_000_i64
    );
    let big_bang = t.read("content/events/the-big-bang.yaml");
    assert!(big_bang.contains("date: \"Y-13798000000\""), "{big_bang}");
}

/// TimelineJS's cosmological example ends on a slide at year 0 shown as
/// "Now": the present, not 1 BC. It becomes the year of the import, after
/// 13.8 billion years of deep time read as years ago.
#[test]
fn the_today_slide_of_a_cosmological_timeline_stays_the_present() {
    let (t, warnings, exported) = round_trip(&timelinejs("cosmological.json"));
    assert!(
        warnings.contains(
            "warning: imported slide 6 (“Today”) as 2025, the year of this import: its year 0, which TimelineJS shows as \"Now\", is the present, and would read as 1 BC in annals; move its date on when you update the timeline\n"
        ),
        "{warnings}"
    );
    assert_eq!(
        t.read("content/events/today.yaml"),
        "title: \"“Today”\"\ndate: \"2025\"\n"
    );
    let today = &exported["events"][5];
    assert_eq!(today["start_date"]["year"], 2025);
    assert_eq!(today["display_date"], "2025");
    // The exact year stays in the export; TimelineJS shows the words.
    let big_bang = &exported["events"][0];
    assert_eq!(big_bang["start_date"]["year"], -13_798_000_000_i64);
    assert_eq!(big_bang["display_date"], "13.8 billion years ago");
    let home = t.out().read("index.html");
    for html in [
        "<h2 class=\"year-heading\" id=\"y--13799998050\">13.8 billion years ago</h2>",
        "<span class=\"date-text\" title=\"13,797,623,001 BC\">13.8 billion years ago</span>",
        "<span class=\"date-text\" title=\"4,798,000,001 BC\">4.8 billion years ago</span>",
        "<h2 class=\"year-heading\" id=\"y-2025\">2025</h2>",
        "<time datetime=\"2025\">2025</time>",
    ] {
        assert!(home.contains(html), "{html} not in the home page");
    }
    assert!(!home.contains(">1 BC<"));
}

#[test]
fn importing_twice_changes_nothing_and_says_what_site_yaml_should_get() {
    let t = SiteTest::absent();
    let file = fixture("import/eras.json");
    assert!(t.import(&file).run().success());
    let before = t.tree();
    let o = t.import(&file).run().succeeds();
    let after = t.tree();
    for (path, bytes) in &before {
        assert_eq!(&after[path], bytes, "{path} was changed");
    }
    // Importing again adds nothing, and says so.
    assert_eq!(before, after);
    let err = o.stderr();
    assert!(
        err.contains("skipped 3 slide(s) whose event the site already has (imported before?): `invasion-of-poland`, `v-e-day`, `korean-war`; to import one again, delete its file from content/events/\n"),
        "{err}"
    );
    assert!(
        err.contains("site.yaml exists and was left as it is; add the timeline's eras to it:\neras:\n  - title: \"Second World War\""),
        "{err}"
    );
    assert!(err.contains("the title slide (\"Twentieth-century wars\") was not used"));
    t.check().run().succeeds();
}

#[test]
fn hostile_input_is_dropped_with_a_warning_or_sanitised_on_build() {
    let (t, warnings, exported) = round_trip(&fixture("import/hostile.json"));
    for w in [
        "skipped slide 4 (Not a year): its start date year `twenty` is not a whole number",
        "dropped `media with a javascript:, data: or vbscript: URL` from 1 slide: annals refuses such URLs",
        "changed unique_ids that were not lowercase slugs or were taken",
    ] {
        assert!(warnings.contains(w), "{w} in {warnings}");
    }
    let events: BTreeMap<String, Vec<u8>> = crate::support::tree(&t.path("content/events"));
    assert_eq!(
        events.keys().collect::<Vec<_>>(),
        [
            "control-characters-and-quotes.yaml",
            "embed-as-media.yaml",
            "escape.yaml"
        ],
        "ids are slugs: nothing is written outside content/events"
    );
    let title = String::from_utf8_lossy(&events["control-characters-and-quotes.yaml"]).into_owned();
    assert!(
        title.starts_with("title: \"Control characters and quotes \\\"'\"\n"),
        "control characters dropped, quotes kept: {title}"
    );
    for (path, bytes) in t.out().tree() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for bad in [
            "data-pwned",
            "onerror=",
            "onclick=",
            "onload=",
            "<iframe",
            "href=\"javascript:",
        ] {
            assert!(!html.contains(bad), "{path}: {bad}");
        }
    }
    let text = exported.to_string();
    for bad in [
        "onerror=",
        "onclick=",
        "<iframe",
        "href=\\\"javascript:",
        "<script",
    ] {
        assert!(!text.contains(bad), "timeline.json: {bad}");
    }
    let slide = &exported["events"][0];
    assert_eq!(slide["unique_id"], "escape");
    assert!(
        slide["text"]["text"]
            .as_str()
            .unwrap()
            .contains("[md](javascript:alert(1)) *stars* _under_"),
        "Markdown-looking text stays text, as in TimelineJS"
    );
}

#[test]
fn unreadable_or_foreign_input_exits_with_2_and_says_why() {
    let t = SiteTest::absent();
    let write = |name: &str, bytes: &[u8]| {
        let p = t.scratch().join(name);
        fs::write(&p, bytes).unwrap();
        p
    };
    let cases = [
        (t.scratch().join("missing.json"), "error: cannot read"),
        (
            write("binary.json", b"\xff\xfe\x00garbage"),
            "error: cannot read",
        ),
        (
            write("list.json", b"[1, 2]"),
            "error: not TimelineJS JSON: the file is not a JSON object",
        ),
        (
            write("other.json", b"{\"slides\": []}"),
            "error: not TimelineJS JSON: it has no `events` list",
        ),
        (
            write("broken.json", b"{\"events\": [}"),
            "error: not TimelineJS JSON: ",
        ),
        (
            write("other.csv", b"name,when\nx,1\n"),
            "error: not the TimelineJS spreadsheet template",
        ),
    ];
    for (file, message) in cases {
        let o = t.import(&file).run();
        assert_eq!(o.code(), Some(2), "{}: {}", file.display(), o.stderr());
        assert!(
            o.stderr().starts_with(message),
            "{}: {}",
            file.display(),
            o.stderr()
        );
    }
    assert!(!t.path("site.yaml").exists(), "nothing written");
}
