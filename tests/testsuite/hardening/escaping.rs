//! Hostile content (script payloads in every field) stays text in every
//! file a build writes, read as its format is read: pages, feeds, JSON,
//! calendars, the search index.

use crate::support::SiteTest;
use crate::support::html::attr_values;

/// The attributes of a tag's inside (`a href="x" onclick=y`), as
/// (lowercase name, value) pairs, honouring quotes.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = tag.chars().skip_while(|c| !c.is_whitespace()).peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/'))
                .collect();
        if name.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next_if(|c| *c != q)).collect();
                    chars.next();
                }
                _ => value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect(),
            }
        }
        out.push((name.to_ascii_lowercase(), value));
    }
    out
}

/// Every tag in `html` that could run script: a `<script>` without `src`,
/// an `on…` handler attribute, or a `javascript:` URL.
fn executable_tags(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for chunk in html.split('<').skip(1) {
        let tag = chunk.split('>').next().unwrap_or("");
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let attrs = attributes(tag);
        let handler = attrs.iter().any(|(n, _)| n.starts_with("on"));
        let script_url = attrs.iter().any(|(_, v)| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")
        });
        // Data blocks (JSON-LD, a list's term names) do not run.
        let data_block = attrs.iter().any(|(n, v)| {
            n == "type"
                && (v.eq_ignore_ascii_case("application/ld+json")
                    || v.eq_ignore_ascii_case("application/json"))
        });
        let inline_script =
            name == "script" && !data_block && !attrs.iter().any(|(n, _)| n == "src");
        if handler || script_url || inline_script {
            found.push(tag.to_string());
        }
    }
    found
}

#[test]
fn the_script_detector_finds_what_runs_and_only_that() {
    assert_eq!(executable_tags("<img src=x onerror=alert(1)>").len(), 1);
    assert_eq!(executable_tags("<a HREF=' javascript:x'>").len(), 1);
    assert_eq!(executable_tags("<script>x()</script>").len(), 1);
    assert!(executable_tags("<script src=\"a.js\"></script>").is_empty());
    assert!(executable_tags("<p title=\"onload=x &quot;javascript:\">").is_empty());
}

#[test]
fn unsafe_html_true_lets_raw_html_through() {
    let t = SiteTest::fixture("hostile");
    t.edit("site.yaml", |config| format!("{config}unsafe_html: true\n"));
    let out = t.built();
    assert!(!executable_tags(&out.read("sources/evil/index.html")).is_empty());
}

#[test]
fn hostile_content_is_escaped_or_sanitised_everywhere() {
    let out = SiteTest::fixture_in_place("hostile").built();
    let mut pages = 0;
    for (path, bytes) in out.tree() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert_eq!(executable_tags(&html), Vec::<String>::new(), "{path}");
        pages += 1;
    }
    assert!(pages >= 10, "{pages} pages");
    // What was written as text is still there, as text.
    let source = out.read("sources/evil/index.html");
    // (The quoted part is marked where the event quotes it.)
    assert!(source.contains("He wrote <mark class=\"quoted\" id=\"q-p-2-"));
    assert!(source.contains("\">&lt;img src=x onerror=\"document"));
    assert!(
        source.contains("<a href=\"#\">a link</a>"),
        "sanitised, not dropped"
    );
}

#[test]
fn hostile_content_stays_text_in_the_search_index() {
    let out = SiteTest::fixture_in_place("hostile").built();
    let files = crate::support::tree(&out.join("search/data"));
    assert!(!files.is_empty());
    for (path, bytes) in &files {
        // Inert even if a server sends it as HTML: no markup at all.
        assert!(
            !bytes.iter().any(|b| matches!(b, b'<' | b'>' | b'&')),
            "search/data/{path} holds markup characters"
        );
    }
    // The payloads are there as the text they were written as.
    let search = out.read("search/index.html");
    let manifest = out.search_data(&attr_values(&search, "data-manifest")[0]);
    let docs = out.search_data(manifest["doc_files"][0].as_str().unwrap());
    assert_eq!(
        docs[0][0],
        "<script>document.documentElement.setAttribute('data-pwned','event-title')</script>"
    );
    assert!(
        docs.as_array().unwrap().iter().any(|d| d[4][1][1]
            .as_str()
            .is_some_and(|p| p.contains("He wrote <img src=x onerror="))),
        "{docs}"
    );
    // The script that shows them never parses text as HTML.
    let script = out.read("search.js");
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
        "setAttribute('on",
    ] {
        assert!(!script.contains(sink), "search.js uses {sink}");
    }
}

/// Undoes the XML escapes of text or an attribute value.
fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The texts of `<NAME type="html">…</NAME>` elements of a feed, unescaped:
/// the HTML a feed reader renders.
fn feed_html(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name} type=\"html\">");
    xml.split(&open)
        .skip(1)
        .map(|rest| xml_unescape(rest.split(&format!("</{name}>")).next().unwrap()))
        .collect()
}

/// Every string in a JSON value.
fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(m) => m.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// The unfolded content lines of an iCalendar file.
fn ics_lines(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in ics.split("\r\n") {
        match line.strip_prefix(' ') {
            Some(more) => lines.last_mut().unwrap().push_str(more),
            None => lines.push(line.to_string()),
        }
    }
    lines
}

/// Every file of the hostile fixture's build (with a base URL, so that the
/// sitemap and absolute links exist), each checked in the context of its
/// format: nothing in it can run where it is rendered.
#[test]
fn hostile_content_is_inert_in_every_file_for_its_format() {
    let out = SiteTest::fixture_in_place("hostile").built_at("https://example.org/a&b'c/");
    let files = out.tree();
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for (path, bytes) in &files {
        let ext = path.rsplit('.').next().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap_or_default();
        match ext {
            "html" => {
                assert_eq!(executable_tags(&text), Vec::<String>::new(), "{path}");
                // JSON-LD and a list's term names cannot close their
                // element or open a comment.
                let blocks = text.split("<script type=\"application/").skip(1);
                for block in blocks {
                    let json = block.split_once('>').unwrap().1;
                    let json = json.split("</script>").next().unwrap();
                    assert!(!json.contains('<') && !json.contains('>'), "{path}: {json}");
                    serde_json::from_str::<serde_json::Value>(json).unwrap();
                }
            }
            "xml" => {
                // As XML: no element or attribute that runs; as what a feed
                // reader renders: the HTML summaries, likewise.
                assert_eq!(executable_tags(&text), Vec::<String>::new(), "{path}");
                for html in feed_html(&text, "summary")
                    .into_iter()
                    .chain(feed_html(&text, "content"))
                {
                    assert_eq!(
                        executable_tags(&html),
                        Vec::<String>::new(),
                        "{path}: {html}"
                    );
                }
                assert!(!text.contains("<script"), "{path}");
            }
            "json" => {
                // No markup characters at all, even if served as HTML...
                assert!(!text.contains(['<', '>']), "{path} holds markup");
                // ...and the HTML inside what TimelineJS shows as HTML (text,
                // captions, headlines) is clean. events.json is data for
                // programs: the text as written, checked below.
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                if path == "timeline.json" {
                    let mut strings = Vec::new();
                    json_strings(&value, &mut strings);
                    for s in &strings {
                        assert_eq!(executable_tags(s), Vec::<String>::new(), "{path}: {s}");
                    }
                }
            }
            "ics" => {
                // One VEVENT per BEGIN, every line a property: line breaks
                // in titles, summaries and terms cannot end a value.
                let lines = ics_lines(&text);
                assert!(text.ends_with("END:VCALENDAR\r\n"), "{path}");
                for line in &lines[..lines.len() - 1] {
                    let name = line.split([':', ';']).next().unwrap();
                    assert!(
                        !name.is_empty()
                            && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'-'),
                        "{path}: not a property: {line:?}"
                    );
                    assert!(!line.contains('\r'), "{path}: bare CR in {line:?}");
                }
                assert_eq!(
                    lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
                    lines.iter().filter(|l| l.starts_with("UID:")).count(),
                    "{path}"
                );
            }
            "js" if path.starts_with("search/") => {
                assert!(
                    !bytes.iter().any(|b| matches!(b, b'<' | b'>' | b'&')),
                    "{path}"
                );
            }
            "js" | "css" | "svg" => {
                // Built-in files, the same for every site: no content in them.
                let builtin = out.tree();
                assert!(builtin.contains_key(path));
            }
            other => panic!("{path}: a kind of file this test does not know ({other})"),
        }
        *seen.entry(ext).or_default() += 1;
    }
    for ext in ["html", "xml", "json", "ics", "js"] {
        assert!(seen.contains_key(ext), "no .{ext} file: {seen:?}");
    }
    assert!(files.contains_key("sitemap.xml"));
    // Every payload is still there, as text: in the calendar (a title with
    // line breaks stays one SUMMARY), in events.json and in the eras.
    let ics = ics_lines(&out.read("calendar.ics").replace("\\n", "\n"));
    assert!(
        ics.iter()
            .any(|l| l.starts_with("SUMMARY:Line\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected")),
        "{ics:?}"
    );
    let events = out.json("events.json");
    assert_eq!(
        events["eras"][0]["title"],
        "\"><svg onload=\"document.documentElement.setAttribute('data-pwned','era-attr')\">"
    );
    assert_eq!(
        events["events"][0]["title"],
        "<script>document.documentElement.setAttribute('data-pwned','event-title')</script>"
    );
}
