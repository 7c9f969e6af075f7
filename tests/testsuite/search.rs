//! The search index as `annals build` writes it: what it holds for events
//! and sources, how words are folded, how a large site is cut into shards
//! that a query loads a few of, and that the same content always gives the
//! same files.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::html::{attr_values, text_of};
use crate::support::{Dir, SiteTest, library};

/// Field flags of a posting (see src/search.rs).
const TITLE: u64 = 1;
const META: u64 = 2;
const BODY: u64 = 4;

/// The search index of a built site, read back as `search.js` reads it.
struct Index {
    manifest: Value,
    /// Term → postings, over all shards.
    terms: BTreeMap<String, Vec<u64>>,
    /// Document records in document order.
    docs: Vec<Value>,
    /// Shards in order: their terms.
    shards: Vec<Vec<String>>,
}

impl Index {
    fn read(out: &Dir) -> Index {
        let page = out.read("search/index.html");
        let manifest_name = attr_values(&page, "data-manifest").remove(0);
        let manifest = out.search_data(&manifest_name);
        let mut terms = BTreeMap::new();
        let mut shards = Vec::new();
        for name in manifest["term_files"].as_array().unwrap() {
            let shard = out.search_data(name.as_str().unwrap());
            let mut names = Vec::new();
            for entry in shard.as_array().unwrap() {
                let term = entry[0].as_str().unwrap().to_string();
                let postings = entry[1]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap())
                    .collect();
                names.push(term.clone());
                assert!(
                    terms.insert(term, postings).is_none(),
                    "a term in two shards"
                );
            }
            shards.push(names);
        }
        let mut docs = Vec::new();
        for name in manifest["doc_files"].as_array().unwrap() {
            docs.extend(
                out.search_data(name.as_str().unwrap())
                    .as_array()
                    .unwrap()
                    .iter()
                    .cloned(),
            );
        }
        Index {
            manifest,
            terms,
            docs,
            shards,
        }
    }

    fn events(&self) -> usize {
        self.manifest["events"].as_u64().unwrap() as usize
    }

    /// The documents holding `term`: (record url, fields, paragraph anchors).
    fn hits(&self, term: &str) -> Vec<(String, u64, Vec<String>)> {
        let Some(postings) = self.terms.get(term) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let (mut doc, mut i) = (0usize, 0);
        while i < postings.len() {
            doc += (postings[i] >> 3) as usize;
            let fields = postings[i] & 7;
            i += 1;
            let record = &self.docs[doc];
            let mut anchors = Vec::new();
            if doc >= self.events() && fields & BODY != 0 {
                let n = postings[i] as usize;
                let mut p = 0;
                for k in 0..n {
                    p += postings[i + 1 + k] as usize;
                    anchors.push(record[4][p][0].as_str().unwrap().to_string());
                }
                i += 1 + n;
            }
            out.push((record[1].as_str().unwrap().to_string(), fields, anchors));
        }
        out
    }
}

fn fields_of(index: &Index, term: &str, url: &str) -> u64 {
    index
        .hits(term)
        .into_iter()
        .find(|(u, _, _)| u == url)
        .unwrap_or_else(|| panic!("`{term}` is not indexed for {url}"))
        .1
}

#[test]
fn events_and_sources_are_indexed_field_by_field() {
    let out = SiteTest::example().built();
    let index = Index::read(&out);
    assert_eq!(index.events(), 10);
    assert_eq!(index.docs.len(), 11);

    let remarks = "events/air-force-one-remarks/index.html";
    let fto = "events/fto-designation/index.html";
    let source = "sources/trump-troops-offer/index.html";
    // Title words rank as title hits; names, tags and the date as shown as
    // metadata; summary, body and quotations as text.
    assert_eq!(fields_of(&index, "afraid", remarks) & TITLE, TITLE);
    assert_eq!(fields_of(&index, "counterterrorism", fto) & META, META);
    assert_eq!(fields_of(&index, "february", fto) & META, META);
    assert_eq!(fields_of(&index, "trump", fto), META | BODY);
    // A word only in a quotation: "classification allows U.S. law enforcement …".
    assert_eq!(fields_of(&index, "classification", fto), BODY);

    // A source: title, byline and date, and the paragraphs holding a word.
    assert_eq!(fields_of(&index, "troops", source) & TITLE, TITLE);
    assert_eq!(fields_of(&index, "rathi", source), META);
    assert_eq!(fields_of(&index, "timesofindia", source), META);
    let (_, _, anchors) = index
        .hits("afraid")
        .into_iter()
        .find(|(u, _, _)| u == source)
        .unwrap();
    assert_eq!(anchors, ["p-2"]);

    // What results show: title, link, date as shown, text.
    let record = index
        .docs
        .iter()
        .find(|d| d[1] == remarks)
        .expect("the event's record");
    assert_eq!(
        record[0],
        "Trump says Sheinbaum is \"so afraid of the cartels\""
    );
    assert_eq!(record[2], "4 May 2025");
    assert!(
        record[3]
            .as_str()
            .unwrap()
            .contains("so afraid of the cartels")
    );
    let record = index.docs.last().unwrap();
    assert_eq!(record[1], source);
    assert_eq!(record[3], "Shreeaa Rathi · TIMESOFINDIA.COM");
    assert_eq!(record[4][1][0], "p-2");
    assert!(
        record[4][1][1]
            .as_str()
            .unwrap()
            .contains("so afraid of the cartels")
    );

    // Terms are folded: no capitals, no combining marks, no single letters.
    for term in index.terms.keys() {
        assert_eq!(term, &term.to_lowercase());
        assert!(term.chars().count() > 1 || !term.is_ascii(), "{term}");
    }
}

#[test]
fn spanish_words_are_found_without_their_accents() {
    let t = SiteTest::fixture("good");
    t.write(
        "site.yaml",
        "title: Cronología\nlanguage: es\ntimezone: UTC\n",
    );
    t.write(
        "content/events/visita.yaml",
        "title: SHEINBÁUM visita Querétaro y la Ciudad de México\ndate: 2025-02\nactors: [Claudia Sheinbaum Pardo]\nsummary: Reunión en el Zócalo con el Señor Ñúñez.\nsources:\n  - source: daily\n",
    );
    let out = t.built();
    let index = Index::read(&out);
    let visit = "events/visita/index.html";
    for (term, fields) in [
        ("sheinbaum", TITLE | META),
        ("queretaro", TITLE),
        ("mexico", TITLE),
        ("febrero", META),
        ("zocalo", BODY),
        ("senor", BODY),
        ("nunez", BODY),
    ] {
        assert_eq!(fields_of(&index, term, visit), fields, "{term}");
    }
    assert!(!index.terms.contains_key("sheinbáum"));
}

/// A copy of the good fixture with `n` generated events, enough words to
/// need many shards.
fn large_site(n: usize) -> SiteTest {
    let t = SiteTest::fixture("good");
    let mut yaml = String::new();
    for i in 0..n {
        yaml.push_str(&format!(
            "- id: e{i}\n  title: Event {i} word{}x\n  date: 2024-{:02}-{:02}\n  summary: Body of {i} with term{} and w{i}z.\n  tags: [t{}]\n  sources:\n    - source: daily\n",
            i % 97,
            i % 12 + 1,
            i % 28 + 1,
            i % 503,
            i % 7
        ));
    }
    t.write("content/events/many/all.yaml", yaml);
    t
}

#[test]
fn a_large_site_is_cut_into_shards_a_query_loads_few_of() {
    let out = large_site(2000).built();
    let index = Index::read(&out);
    assert_eq!(index.events(), 2003);
    assert!(index.shards.len() >= 5, "{} shards", index.shards.len());
    assert!(index.manifest["doc_files"].as_array().unwrap().len() >= 5);

    // Shards hold consecutive ranges of terms in JavaScript's (UTF-16)
    // order; the manifest names each shard's first term.
    let firsts: Vec<&str> = index.manifest["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let all: Vec<&String> = index.shards.iter().flatten().collect();
    assert!(
        all.windows(2)
            .all(|w| w[0].encode_utf16().lt(w[1].encode_utf16()))
    );
    for (shard, first) in index.shards.iter().zip(&firsts) {
        assert_eq!(shard[0], *first);
    }
    // No data file is much over its aimed-for size unless one term fills it.
    let (term_shard_bytes, doc_chunk_bytes) = library::search_file_sizes();
    for (path, bytes) in crate::support::tree(&out.join("search/data")) {
        let aim = if path.starts_with('t') {
            term_shard_bytes
        } else {
            doc_chunk_bytes
        };
        let limit = aim + 1024;
        assert!(
            bytes.len() < limit || path.starts_with('t') && index_has_one_term(&bytes),
            "{path}: {} bytes",
            bytes.len()
        );
    }
    // Every generated event is found by its own word.
    assert_eq!(index.hits("w1999z")[0].0, "events/e1999/index.html");
    assert_eq!(index.hits("event").len(), 2000);
}

fn index_has_one_term(file: &[u8]) -> bool {
    let text = String::from_utf8_lossy(file);
    let json = &text[text.find(',').unwrap() + 1..text.rfind(')').unwrap()];
    serde_json::from_str::<Value>(json)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
        == 1
}

#[test]
fn the_same_content_gives_the_same_index_whatever_the_thread_count() {
    let t = large_site(600);
    let mut trees = Vec::new();
    for threads in ["1", "2", "8"] {
        let out = t.dir(threads);
        t.build_into(&out)
            .env("RAYON_NUM_THREADS", threads)
            .run()
            .succeeds();
        trees.push(crate::support::tree(&out.join("search")));
    }
    assert!(trees[0].len() > 5, "{} files", trees[0].len());
    assert!(trees.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn every_data_file_is_named_by_the_manifest_and_no_other_is_written() {
    let out = SiteTest::example().built();
    let index = Index::read(&out);
    let mut named: Vec<String> = ["term_files", "doc_files"]
        .iter()
        .flat_map(|k| index.manifest[k].as_array().unwrap().clone())
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    named.push(attr_values(&out.read("search/index.html"), "data-manifest").remove(0));
    named.sort();
    let written: Vec<String> = crate::support::tree(&out.join("search"))
        .into_keys()
        .filter(|p| p != "index.html")
        .collect();
    assert_eq!(named, written);
}

#[test]
fn every_page_has_the_search_box_and_the_search_page_is_not_in_the_sitemap() {
    let out = SiteTest::example().built_at("https://example.org/annals/");
    for (path, action) in [
        ("index.html", "./search/index.html"),
        (
            "events/fto-designation/index.html",
            "../../search/index.html",
        ),
        ("tags/index.html", "../search/index.html"),
        ("404.html", "/annals/search/index.html"),
    ] {
        let html = out.read(path);
        assert!(
            html.contains(&format!(
                "<form class=\"site-search\" role=\"search\" action=\"{action}\" method=\"get\">"
            )),
            "{path}"
        );
        assert!(html.contains("<input id=\"site-search-q\" type=\"search\" name=\"q\""));
    }
    // The search page has its own box, not a second one in the masthead.
    let search = out.read("search/index.html");
    assert!(!search.contains("site-search-q"));
    assert!(search.contains("<script src=\"../search.js\"></script>"));
    assert!(text_of(&search).contains("Search needs JavaScript"));
    let sitemap = out.read("sitemap.xml");
    assert!(sitemap.contains("https://example.org/annals/events/fto-designation/"));
    assert!(!sitemap.contains("/search/"));
}

#[test]
fn a_site_can_replace_the_search_page_template() {
    let t = SiteTest::fixture("good");
    t.write(
        "templates/search.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Find</h1><p data-manifest=\"{{ search_manifest }}\"></p>{% endblock content %}",
    );
    let out = t.built();
    let html = out.read("search/index.html");
    assert!(html.contains("<h1>Find</h1>"));
    // The override keeps the index, and the masthead box it inherits.
    let manifest = attr_values(&html, "data-manifest").remove(0);
    assert!(out.join("search").join(manifest).exists());
    assert!(html.contains("site-search-q"));
}
