//! Every reader in their own language (issue 21): the scripts' words from
//! the message files, the languages annals ships, right to left, dates and
//! numbers as CLDR writes them, and translations beside quotations.

use std::collections::BTreeSet;

use crate::support::{Dir, SiteTest};

/// The `WORDS` table a built script holds, as JSON.
fn words_table(out: &Dir, script: &str) -> serde_json::Value {
    let text = out.read(script);
    let start = text.find("const WORDS = ").expect("a WORDS table") + "const WORDS = ".len();
    let len = text[start..].find("\n  };").expect("the table's end");
    let json = format!("{}\n}}", text[start..start + len].trim_end_matches(','));
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{script}: {e}\n{json}"))
}

/// Every string of a table (plural forms included), but its `lang`.
fn strings(table: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for (key, value) in table.as_object().unwrap() {
        match value {
            serde_json::Value::String(s) if key != "lang" => out.push(s.clone()),
            serde_json::Value::Object(forms) => {
                out.extend(forms.values().map(|v| v.as_str().unwrap().to_string()));
            }
            _ => {}
        }
    }
    out
}

/// The words of a text, lower-cased, without the `{name}`s a script fills in.
fn words(text: &str) -> BTreeSet<String> {
    let mut plain = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if !inside => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect()
}

fn built_in(language: &str) -> Dir {
    let t = SiteTest::fixture("good");
    t.write("site.yaml", format!("title: T\nlanguage: {language}\n"));
    t.built()
}

#[test]
fn the_scripts_of_a_spanish_site_show_no_english_word() {
    let (en, es) = (built_in("en"), built_in("es"));
    for script in ["annals.js", "search.js"] {
        let english: BTreeSet<String> = strings(&words_table(&en, script))
            .iter()
            .flat_map(|s| words(s))
            .collect();
        assert!(
            english.contains("zoom") || english.contains("search"),
            "{english:?}"
        );
        let spanish = words_table(&es, script);
        assert_eq!(spanish["lang"], "es", "{script}");
        assert_eq!(
            words_table(&en, script)
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            spanish.as_object().unwrap().keys().collect::<Vec<_>>(),
            "{script}: the same keys in every language"
        );
        for text in strings(&spanish) {
            let found = words(&text);
            // "no" is a word of both languages.
            let english_words: Vec<&String> = found
                .intersection(&english)
                .filter(|w| *w != "no")
                .collect();
            assert!(
                english_words.is_empty(),
                "{script}: {text:?} has {english_words:?}"
            );
        }
    }
}

#[test]
fn a_language_annals_does_not_ship_is_a_located_error_with_the_list() {
    let t = SiteTest::fixture("good");
    t.write("site.yaml", "title: T\nlanguage: pl\n");
    t.check().run().exits(1).stderr_is(
        "error: unsupported language `pl`\n --> site.yaml:2:11\n  |\n2 | language: pl\n  |           ^^\n  |\n  = help: annals ships: en, es, fr, de, pt, ar\n\nerror: the site has 1 error\n",
    );
}

#[test]
fn every_language_builds_with_its_own_dates_and_counts() {
    for (code, date) in [
        ("fr", "4 mai 2025"),
        ("de", "4. Mai 2025"),
        ("pt", "4 de maio de 2025"),
        ("ar", "4 مايو 2025"),
    ] {
        let out = built_in(code);
        let home = out.read("index.html");
        assert!(home.contains(date), "{code}: {date}");
        let words = words_table(&out, "annals.js");
        assert_eq!(words["lang"], code);
    }
}

#[test]
fn an_arabic_site_reads_right_to_left_with_names_and_dates_isolated() {
    let out = built_in("ar");
    let home = out.read("index.html");
    assert!(home.contains("<html lang=\"ar\" dir=\"rtl\">"), "{home}");
    assert!(
        home.contains("dir=\"auto\">"),
        "term and source names isolated"
    );
    let es = built_in("es").read("index.html");
    assert!(es.contains("<html lang=\"es\">"));
    // The page mirrors because its CSS speaks of start and end, not of
    // left and right (the axis, a chart, keeps its own direction).
    let css = out.read("style.css");
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        " left:",
        " right:",
        "text-align: left",
        "text-align: right",
    ] {
        assert!(!css.contains(physical), "style.css uses `{physical}`");
    }
}

const REFUSAL: &str = "title: The refusal\ndate: 2025-05-04\nsummary: She refuses.\nactors: [Claudia Sheinbaum]\nsources:\n  - source: daily\n    quote: \"“We will never accept it,” she said.\"\n";

#[test]
fn a_translation_is_shown_labelled_beside_the_quotation_and_never_checked() {
    let t = SiteTest::fixture("good");
    t.write("site.yaml", "title: T\nlanguage: es\n");
    // Words that are nowhere in the source: a translation is not checked.
    t.write(
        "content/events/refusal.yaml",
        format!("{REFUSAL}    translation: \"«Nunca lo aceptaremos», dijo.\"\n"),
    );
    let out = t.built();
    let page = out.read("events/refusal/index.html");
    assert!(
        page.contains("<blockquote dir=\"auto\"><p>“We will never accept it,” she said.</p></blockquote>\n<p class=\"translation\"><span class=\"translation-label\">Traducción (de la redacción, no de la fuente):</span> <span dir=\"auto\">«Nunca lo aceptaremos», dijo.</span></p>"),
        "{page}"
    );
    // The source page marks the original words, not the translation.
    let source = out.read("sources/daily/index.html");
    assert!(!source.contains("Nunca lo aceptaremos"));
    let data = out.json("events.json");
    let citation = &data["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "refusal")
        .unwrap()["citations"][0];
    assert_eq!(citation["translation"], "«Nunca lo aceptaremos», dijo.");
}

#[test]
fn a_translation_needs_a_quotation_and_a_misspelt_one_is_an_unknown_field() {
    let t = SiteTest::fixture("good");
    t.write(
        "content/events/refusal.yaml",
        "title: The refusal\ndate: 2025-05-04\nsources:\n  - source: daily\n    reason: a print edition\n    translation: Nunca\n",
    );
    t.check_as("short").run().exits(1).stderr_is(
        "content/events/refusal.yaml:6:18: error: a `translation:` with no `quote:` to translate\nerror: the site has 1 error\n",
    );
    t.write(
        "content/events/refusal.yaml",
        format!("{REFUSAL}    translaton: Nunca\n"),
    );
    let err = t.check().run().exits(1).stderr();
    assert!(
        err.contains(
            "error: unknown key `translaton` in event\n --> content/events/refusal.yaml:8:5"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `translation`?"), "{err}");
}

#[test]
fn a_site_overrides_messages_from_its_own_folder() {
    let t = SiteTest::fixture("good");
    t.write("site.yaml", "title: T\nlanguage: es\n");
    t.write(
        "i18n/es.ftl",
        "# Our newsroom's words.\nnav-timeline = Línea de tiempo\nannals-js-zoom-in = Acercar\ndate-since = a partir de { $date }\n",
    );
    let out = t.built();
    let home = out.read("index.html");
    assert!(home.contains(">Línea de tiempo</a>"), "{home}");
    assert!(
        home.contains(">Fuentes</a>"),
        "the other messages stay annals'"
    );
    assert!(
        home.contains("a partir de <time datetime=\"2025-01\">enero de 2025</time>"),
        "{home}"
    );
    assert_eq!(words_table(&out, "annals.js")["zoomIn"], "Acercar");
}

#[test]
fn a_misspelt_message_in_a_site_file_is_a_located_error_with_a_hint() {
    let t = SiteTest::fixture("good");
    t.write("i18n/en.ftl", "# Ours.\nnav-timline = Chronology\n");
    t.check().run().exits(1).stderr_is(
        "error: unknown message `nav-timline`\n --> i18n/en.ftl:2:1\n  |\n2 | nav-timline = Chronology\n  | ^^^^^^^^^^^\n  |\n  = help: did you mean `nav-timeline`?\n  = help: a site's message file replaces messages annals has (src/i18n/en.ftl lists them)\n\nerror: the site has 1 error\n",
    );
}

/// The page a relative `href` on the page at `from` (an output path) leads
/// to, as an output path (`…/` read as its index.html).
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') || href.is_empty() {
        path = if path.is_empty() {
            "index.html".into()
        } else {
            format!("{path}/index.html")
        };
    }
    path
}

/// The `hreflang` alternates of a page: language and href.
fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .filter_map(|rest| {
            let (code, rest) = rest.split_once("\" href=\"")?;
            let (href, _) = rest.split_once('"')?;
            Some((code.to_string(), href.to_string()))
        })
        .collect()
}

/// The good fixture in English and Spanish, one event translated.
pub fn bilingual() -> SiteTest {
    let t = SiteTest::fixture("good");
    t.write("site.yaml", "title: T\nlanguages: [en, es]\n");
    t.write(
        "content/events/refusal.yaml",
        format!("{REFUSAL}    translation: \"«Nunca lo aceptaremos», dijo.\"\ntranslations:\n  es:\n    title: El rechazo\n    summary: Ella rechaza la oferta.\n"),
    );
    t
}

#[test]
fn a_bilingual_site_has_a_tree_per_language_linked_both_ways() {
    let out = bilingual().built();
    let tree = out.tree();
    // Every page of each tree names its twin, and the twin names it back.
    let pages: Vec<&String> = tree.keys().filter(|p| p.ends_with("index.html")).collect();
    assert!(pages.iter().any(|p| p.starts_with("es/events/")));
    let mut pairs = 0;
    for page in &pages {
        let html = out.read(page);
        let alts = alternates(&html);
        assert_eq!(alts.len(), 2, "{page}: {alts:?}");
        for (code, href) in &alts {
            let twin = resolve(page, href);
            assert!(tree.contains_key(&twin), "{page}: {code} → {twin}");
            let back = alternates(&out.read(&twin));
            let here = if page.starts_with("es/") { "es" } else { "en" };
            let (_, back_href) = back.iter().find(|(c, _)| c == here).unwrap();
            assert_eq!(&resolve(&twin, back_href), *page, "{twin} back to {page}");
            pairs += 1;
        }
    }
    assert!(pairs > 20, "{pairs}");
    // The switcher keeps the reader on the same event.
    let es_event = out.read("es/events/refusal/index.html");
    assert!(es_event.contains("<html lang=\"es\">"));
    assert!(es_event.contains("<h1>El rechazo</h1>"), "{es_event}");
    assert!(
        es_event.contains(
            "href=\"../../../events/refusal/index.html\" lang=\"en\" hreflang=\"en\">English</a>"
        ),
        "{es_event}"
    );
    assert!(es_event.contains("aria-current=\"page\">Español</a>"));
    // The quotation stays in its source's words, its translation beside it.
    assert!(es_event.contains("“We will never accept it,” she said."));
    assert!(!es_event.contains("untranslated-notice"));
    // An event without a translation falls back, and says so.
    let fallback = out.read("es/events/designation/index.html");
    assert!(
        fallback.contains(
            "<p class=\"untranslated-notice\" role=\"note\">Esta página aún no está traducida"
        ),
        "{fallback}"
    );
    assert!(fallback.contains("lang=\"en\""));
    // The tree's own scripts, feed and search speak Spanish.
    assert_eq!(words_table(&out, "es/annals.js")["lang"], "es");
    assert_eq!(words_table(&out, "annals.js")["lang"], "en");
    assert!(out.read("es/feed.xml").contains("xml:lang=\"es\""));
    assert!(out.read("feed.xml").contains("xml:lang=\"en\""));
    let search: String = tree
        .iter()
        .filter(|(p, _)| p.starts_with("es/search/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(
        search.contains("rechazo"),
        "the Spanish tree's index holds Spanish words"
    );
}

#[test]
fn check_reports_what_is_untranslated_and_translations_the_site_is_not_built_in() {
    let t = bilingual();
    t.check().run().exits(0).stderr_has(
        "warning: 2 of 3 events have no `es` translation: their pages in /es/ show the site's first language, and say so",
    );
    t.edit("content/events/refusal.yaml", |s| {
        s.replace("  es:\n", "  fr:\n")
    });
    t.check_as("short").run().exits(1).stderr_has(
        "content/events/refusal.yaml:10:3: error: a translation into `fr`, which the site is not built in",
    );
    t.write("site.yaml", "title: T\nlanguage: es\nlanguages: [en, es]\n");
    t.check_as("short")
        .run()
        .exits(1)
        .stderr_has("site.yaml:2:11: error: `language: es` is not the first of `languages:`");
}

/// The messages of a message file that are plain text (no placeables, no
/// selectors, no attributes): id → text.
fn plain_messages(file: &str) -> std::collections::BTreeMap<String, String> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/i18n")
            .join(file),
    )
    .unwrap();
    let mut out = std::collections::BTreeMap::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let continued = lines.get(i + 1).is_some_and(|next| next.starts_with(' '));
        if let Some((id, value)) = line.split_once(" = ")
            && !id.starts_with(['#', ' ', '-'])
            && !value.contains('{')
            && !continued
        {
            out.insert(id.to_string(), value.trim().to_string());
        }
    }
    out
}

/// What a reader of a page sees and hears: its text and its labels
/// (`aria-label`, `title`, `placeholder`, `alt`), without what is not
/// the interface's: quotations (their source's words), the source's own
/// text, elements marked as another language, scripts and data.
fn interface_text(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [
        ("<blockquote", "</blockquote>"),
        ("<div class=\"prose source-body\"", "</div>"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<head>", "</head>"),
    ] {
        while let Some(start) = html.find(open) {
            let end = html[start..]
                .find(close)
                .map_or(html.len(), |e| start + e + close.len());
            html.replace_range(start..end, " ");
        }
    }
    let mut out = String::new();
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = &rest[lt..gt];
        for attr in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            if let Some(at) = tag.find(attr)
                && !tag.contains("lang=\"en\"")
            {
                let value = &tag[at + attr.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        // An element in another language (the switcher's "English", an
        // untranslated event) is that language's, not the interface's.
        if tag.contains(" lang=\"en\"") && !tag.ends_with("/>") {
            let name: String = tag[1..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let close = format!("</{name}>");
            let end = rest[gt..]
                .find(&close)
                .map_or(rest.len(), |e| gt + e + close.len());
            rest = &rest[end..];
        } else {
            rest = &rest[gt..];
        }
    }
    out.push_str(rest);
    out.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Issue 21's acceptance on the example site: its Spanish tree shows no
/// English interface word, every term and heading has its Spanish name,
/// and every quotation keeps the article's English with a labelled
/// Spanish translation beside it.
#[test]
fn the_example_site_in_spanish_shows_no_english_interface_word() {
    let t = SiteTest::example();
    t.check()
        .run()
        .succeeds()
        .stderr_is("ok: 10 events, 1 source, 90 pages\n");
    let out = t.built();
    let (en, es) = (plain_messages("en.ftl"), plain_messages("es.ftl"));
    // The English of every message that Spanish words differently, as a
    // whole phrase (between non-letters).
    let english: Vec<&String> = en
        .iter()
        .filter(|(id, text)| {
            es.get(*id).is_some_and(|t| t != *text) && text.chars().any(char::is_alphabetic)
        })
        .map(|(_, text)| text)
        .collect();
    assert!(english.len() > 60, "{} messages", english.len());
    let phrase_in = |text: &str, phrase: &str| {
        text.match_indices(phrase).any(|(i, _)| {
            let before = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphabetic());
            let after = text[i + phrase.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic());
            before && after
        })
    };
    let tree = out.tree();
    let pages: Vec<&String> = tree
        .keys()
        .filter(|p| p.starts_with("es/") && p.ends_with(".html"))
        .collect();
    assert!(pages.len() > 40, "{} Spanish pages", pages.len());
    let mut found = Vec::new();
    for page in &pages {
        let text = interface_text(&out.read(page));
        for phrase in &english {
            if phrase_in(&text, phrase) {
                found.push(format!("{page}: “{phrase}”"));
            }
        }
        // Nothing of the example is left untranslated.
        assert!(!out.read(page).contains("untranslated-notice"), "{page}");
    }
    assert!(
        found.is_empty(),
        "English on Spanish pages:\n{}",
        found.join("\n")
    );
    // Terms, headings, eras and the site's title in Spanish, on the same
    // addresses as the English ones.
    let home = out.read("es/index.html");
    for words in [
        "<title>Tropas, cárteles y soberanía</title>",
        "<a href=\"./tags/index.html\">Temas</a>",
        "\"places/mexico\":\"México\"",
        "Despliegue en la frontera",
    ] {
        assert!(home.contains(words), "{words}");
    }
    // A quotation stays in the article's English, its translation labelled.
    let event = out.read("es/events/sheinbaum-statement/index.html");
    assert!(event.contains("<blockquote dir=\"auto\"><p>No, President Trump, our territory is inalienable, sovereignty is inalienable…</p></blockquote>\n<p class=\"translation\"><span class=\"translation-label\">Traducción (de la redacción, no de la fuente):</span> <span dir=\"auto\">No, presidente Trump, nuestro territorio es inalienable, la soberanía es inalienable</span></p>"), "{event}");
    // Every page names its twin in the other language, which names it back.
    let mut pairs = 0;
    for page in tree.keys().filter(|p| p.ends_with("index.html")) {
        for (code, href) in alternates(&out.read(page)) {
            let twin = resolve(page, &href);
            assert!(tree.contains_key(&twin), "{page}: {code} → {twin}");
            let here = if page.starts_with("es/") { "es" } else { "en" };
            let back = alternates(&out.read(&twin));
            let (_, back_href) = back.iter().find(|(c, _)| c == here).unwrap();
            assert_eq!(&resolve(&twin, back_href), page, "{twin} back to {page}");
            pairs += 1;
        }
    }
    assert!(pairs > 150, "{pairs} hreflang pairs");
    // Search on /es/ finds Spanish words; the feed says it is Spanish.
    let search: String = tree
        .iter()
        .filter(|(p, _)| p.starts_with("es/search/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(search.contains("cárteles") || search.contains("c\\u00e1rteles"));
    assert!(out.read("es/feed.xml").contains("xml:lang=\"es\""));
}

#[test]
fn site_translations_name_what_the_site_has() {
    let t = bilingual();
    t.write(
        "site.yaml",
        "title: T\nlanguages: [en, es]\ntranslations:\n  es:\n    title: T es\n    taxonomies: {tags: Temas, tgas: X}\n    terms:\n      places: {Mexic: México}\n  fr:\n    title: T fr\n",
    );
    let err = t.check_as("short").run().exits(1).stderr();
    assert!(
        err.contains("site.yaml:6:31: error: `tgas` is not one of the site's taxonomies\n"),
        "{err}"
    );
    assert!(
        err.contains(
            "site.yaml:9:3: error: a translation into `fr`, which the site is not built in\n"
        ),
        "{err}"
    );
    // The events' own translations are not judged by a site.yaml that
    // could not be read.
    assert!(!err.contains("content/events/refusal.yaml"), "{err}");
    t.write(
        "site.yaml",
        "title: T\nlanguages: [en, es]\ntranslations:\n  es:\n    terms:\n      places: {Mexic: México}\n",
    );
    t.check_as("short")
        .run()
        .exits(1)
        .stderr_has("site.yaml:6:16: error: no event names the place `Mexic`");
    t.write(
        "site.yaml",
        "title: T\nlanguages: [en, es]\ntranslations:\n  es:\n    terms:\n      tags: {counterterrorism: antiterrorismo}\n",
    );
    t.check()
        .run()
        .succeeds()
        .stderr_has("warning: 1 of 2 terms have no `es` name: /es/ shows them as written");
    let out = t.built();
    let page = out.read("es/tags/counterterrorism/index.html");
    assert!(page.contains(">antiterrorismo</h1>"), "{page}");
    assert!(
        out.read("tags/counterterrorism/index.html")
            .contains(">counterterrorism</h1>")
    );
}
