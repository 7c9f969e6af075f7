//! Full-text search over events and sources, built with the site and
//! searched in the reader's browser with no server and no network: the
//! index is a set of JavaScript files that `static/search.js` loads with
//! `<script>` elements, which browsers allow from `file://` where they
//! block `fetch()`.
//!
//! The index is an inverted index sharded by term: the sorted terms are cut
//! into shards of about [`TERM_SHARD_BYTES`], and a manifest lists the
//! first term of each, so a query loads only the shards of its words. The
//! texts shown in results (title, date, snippet) live in separate chunks of
//! documents, loaded only for the results on screen. File names carry a
//! hash of their contents, so a browser never mixes shards of two builds.
//!
//! Words are folded the same way here and in the browser ([`fold`], and
//! `fold` in `annals.js`, which search and the list filter share):
//! compatibility decomposition, lower case, diacritics dropped, and a few
//! letters spelt out (ß → ss), so "Sheinbáum" finds "Sheinbaum".

use std::collections::BTreeMap;
use std::sync::Arc;

use icu_normalizer::DecomposingNormalizerBorrowed;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::content::config::Config;
use crate::content::markdown;
use crate::outputs::{OutputFile, Target};
use crate::timeline::Timeline;
use crate::views::EventText;
use crate::views::json::inert as json;
use crate::views::url::Page;

mod cache;
pub(crate) use cache::SearchCache;

/// Where a word occurs in a document: bit flags, also the weights'
/// order (a title hit ranks above a metadata hit above a body hit).
const TITLE: u32 = 1;
const META: u32 = 2;
const BODY: u32 = 4;
/// Bits of the field flags in an encoded posting.
const FIELD_BITS: u32 = 3;

/// Aimed-for size of a term shard (JSON before compression).
pub const TERM_SHARD_BYTES: usize = 32 * 1024;
/// Aimed-for size of a chunk of documents.
pub const DOC_CHUNK_BYTES: usize = 16 * 1024;
/// Longer words are cut to this many characters (here and in `search.js`).
const MAX_WORD_CHARS: usize = 64;
/// Documents tokenised together before their terms are merged, to bound
/// memory on large sites.
const BATCH: usize = 2048;

/// The search files of a site: `search/data/…` files, and the manifest the
/// search page names.
#[derive(Debug)]
pub struct SearchIndex {
    /// The files put, paths relative to the output folder.
    pub paths: Vec<String>,
    /// The manifest's path relative to the search page's folder.
    pub manifest: String,
}

/// Combining diacritical marks that folding drops (the same ranges as
/// `MARKS` in `annals.js`).
fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Folds text for matching: NFKD, lower case, combining diacritics
/// removed, and letters without a decomposition spelt out. `fold` in
/// `annals.js` does exactly the same to queries and list filters (checked
/// by `fold_table_for_the_browser`).
pub fn fold(text: &str) -> String {
    // ASCII has nothing to decompose or drop (nearly all English text).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    const NFKD: DecomposingNormalizerBorrowed<'static> = DecomposingNormalizerBorrowed::new_nfkd();
    let mut out = String::with_capacity(text.len());
    for c in NFKD
        .normalize_iter(text.chars())
        .flat_map(char::to_lowercase)
    {
        match c {
            c if is_diacritic(c) => {}
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            'ς' => out.push('σ'),
            c => out.push(c),
        }
    }
    out
}

/// The words of `text` as the index stores them: folded runs of letters
/// and digits, single ASCII characters left out ("a", the "s" of "’s"),
/// long words cut to [`MAX_WORD_CHARS`].
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    folded
        .split(|c: char| !c.is_alphanumeric())
        // One byte is one ASCII character; other characters take more.
        .filter(|w| w.len() > 1)
        .map(|w| w.chars().take(MAX_WORD_CHARS).collect())
        .collect()
}

/// The terms of one document: for each, the fields it occurs in and, for
/// a source, the paragraphs (0-based) whose text holds it.
#[derive(Default)]
struct DocTerms(BTreeMap<String, (u32, Vec<u32>)>);

impl DocTerms {
    fn add(&mut self, text: &str, field: u32, paragraph: Option<u32>) {
        for w in words(text) {
            let (fields, paragraphs) = self.0.entry(w).or_default();
            *fields |= field;
            if let Some(p) = paragraph
                && paragraphs.last() != Some(&p)
            {
                paragraphs.push(p);
            }
        }
    }
}

/// The postings of one term, encoded as `search.js` reads them: per
/// document, `(doc − previous doc) × 8 + fields`; for a source with body
/// hits, then the number of paragraphs and their numbers as differences.
#[derive(Default)]
struct Postings {
    last: u32,
    data: Vec<u32>,
}

impl Postings {
    fn push(&mut self, doc: u32, fields: u32, paragraphs: &[u32]) {
        self.data.push(((doc - self.last) << FIELD_BITS) | fields);
        self.last = doc;
        if !paragraphs.is_empty() {
            self.data.push(paragraphs.len() as u32);
            let mut prev = 0;
            for &p in paragraphs {
                self.data.push(p - prev);
                prev = p;
            }
        }
    }
}

/// What a result shows of an event: title, link from the site root, date
/// as shown, and the text snippets are cut from.
#[derive(Serialize)]
struct EventRecord<'a>(&'a str, String, String, String);

/// What a result shows of a source: title, link, date, byline, and each
/// paragraph as `[anchor, text]`.
#[derive(Serialize)]
struct SourceRecord<'a>(&'a str, String, String, String, Vec<(&'a str, &'a str)>);

/// One document tokenised: its terms and its record, as JSON.
struct Tokenized {
    terms: DocTerms,
    record: String,
}

/// The words of the index, numbered in the order met: a document names
/// its terms by number, so that merging documents (again, after an edit in
/// `annals serve`) hashes no words.
#[derive(Default)]
struct Words {
    numbers: FxHashMap<String, u32>,
    words: Vec<String>,
}

impl Words {
    fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = u32::try_from(self.words.len()).expect("fewer than 2³² words");
        self.numbers.insert(word.to_string(), n);
        self.words.push(word.to_string());
        n
    }
}

/// One of a document's terms: its word's number, the fields it occurs
/// in, and where its paragraphs are in the document's.
struct DocTerm {
    word: u32,
    fields: u32,
    paragraphs: std::ops::Range<u32>,
}

/// One document to index: its terms by number and its record, as JSON.
struct Doc {
    terms: Vec<DocTerm>,
    paragraphs: Vec<u32>,
    record: String,
}

impl Doc {
    fn new(made: Tokenized, words: &mut Words) -> Doc {
        let mut paragraphs = Vec::new();
        let terms = made
            .terms
            .0
            .into_iter()
            .map(|(word, (fields, ps))| {
                let from = paragraphs.len() as u32;
                paragraphs.extend(ps);
                DocTerm {
                    word: words.number(&word),
                    fields,
                    paragraphs: from..paragraphs.len() as u32,
                }
            })
            .collect();
        Doc {
            terms,
            paragraphs,
            record: made.record,
        }
    }
}

fn event_doc(tl: &Timeline, texts: &[Arc<EventText>], i: usize) -> Tokenized {
    let e = &tl.events[i];
    let date = texts[i].date_text.clone();
    let summary = &texts[i].summary_text;
    let body = e
        .body
        .as_deref()
        .map(markdown::plain_text)
        .unwrap_or_default();
    let quotes: Vec<String> = tl.citations[i]
        .iter()
        .filter_map(|c| c.quote.as_deref())
        .map(|q| format!("“{}”", markdown::normalize_quote(q)))
        .collect();
    let mut terms = DocTerms::default();
    terms.add(&e.title, TITLE, None);
    terms.add(&date, META, None);
    for name in e.terms.iter().flatten() {
        terms.add(name, META, None);
    }
    let text = [summary.as_str(), body.as_str(), &quotes.join(" ")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    terms.add(&text, BODY, None);
    let record = EventRecord(&e.title, Page::Event(&e.id).file(), date, text);
    Tokenized {
        terms,
        record: json(&record),
    }
}

fn source_doc(config: &Config, tl: &Timeline, si: usize) -> Tokenized {
    let s = &tl.sources[si];
    let date = s
        .published
        .as_ref()
        .map(|d| d.display_in(config.lang(), None))
        .unwrap_or_default();
    let byline = [s.author.as_deref(), s.publisher.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let mut terms = DocTerms::default();
    terms.add(&s.title, TITLE, None);
    terms.add(&byline, META, None);
    terms.add(&date, META, None);
    for tag in &s.tags {
        terms.add(tag, META, None);
    }
    for (n, p) in s.paragraphs.iter().enumerate() {
        terms.add(&p.normalized, BODY, Some(n as u32));
    }
    let paragraphs = s
        .paragraphs
        .iter()
        .map(|p| (p.anchor.as_str(), p.normalized.as_str()))
        .collect();
    let record = SourceRecord(
        &s.title,
        Page::Source(&s.id).file(),
        date,
        byline,
        paragraphs,
    );
    Tokenized {
        terms,
        record: json(&record),
    }
}

/// FNV-1a, for content-addressed file names: stable across Rust versions
/// and machines, unlike `std`'s hasher.
fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:08x}", (h >> 32) as u32 ^ h as u32)
}

/// Cuts JSON items into groups of about `target` bytes, in order; every
/// group holds at least one item.
fn cut(items: &[String], target: usize) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let (mut start, mut cutter) = (0, Cutter::new(target));
    for (i, item) in items.iter().enumerate() {
        if cutter.starts_group(item.len()) {
            groups.push(start..i);
            start = i;
        }
    }
    if start < items.len() {
        groups.push(start..items.len());
    }
    groups
}

/// Where [`cut`] starts its groups, for items seen one at a time.
struct Cutter {
    target: usize,
    /// The bytes of the group so far, a comma after each item.
    size: usize,
}

impl Cutter {
    fn new(target: usize) -> Cutter {
        Cutter { target, size: 0 }
    }

    /// Counts the next item, of `len` bytes: true when it starts a new
    /// group (the group so far has items and would grow past the target).
    fn starts_group(&mut self, len: usize) -> bool {
        let starts = self.size > 0 && self.size + len > self.target;
        if starts {
            self.size = 0;
        }
        self.size += len + 1;
        starts
    }
}

/// A data file: the JSON handed to `annalsSearch.add` under its own name.
fn data_file(stem: &str, payload: &str) -> (String, OutputFile) {
    let name = format!("data/{stem}-{}.js", content_hash(payload.as_bytes()));
    let file = OutputFile {
        path: format!("{}{name}", Page::Search.dir()),
        bytes: format!("annalsSearch.add({},{payload});\n", json(&name)).into_bytes(),
    };
    (name, file)
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// Format of the data files, for `search.js`.
    version: u32,
    /// Documents below this number are events, the rest sources.
    events: usize,
    /// First term of each term shard, and the shard's file.
    terms: Vec<&'a str>,
    term_files: Vec<String>,
    /// First document of each document chunk, and the chunk's file.
    docs: Vec<usize>,
    doc_files: Vec<String>,
}

/// Builds the search index of the timeline: events (title, date as shown,
/// terms, summary, body, quotations) then sources (title, byline, date,
/// tags, paragraphs), in timeline order. The same timeline always gives
/// the same files, each put into `target` when made (with what it was
/// made from let go of as soon as it can be: at 100,000 events the index
/// is 70 MB). With a `cache`, documents are taken from it where they can
/// be, and it is left holding this index's.
pub(crate) fn build(
    config: &Config,
    tl: &Timeline,
    texts: &[Arc<EventText>],
    mut cache: Option<&mut SearchCache>,
    target: &dyn Target,
) -> SearchIndex {
    let events = tl.events.len();
    let total = events + tl.sources.len();
    let mut words = match cache.as_deref_mut() {
        Some(cache) => {
            cache.build += 1;
            std::mem::take(&mut cache.words)
        }
        None => Words::default(),
    };
    let mut postings: Vec<Postings> = Vec::new();
    let mut paths = Vec::new();
    let mut put = |file: OutputFile| paths.push(super::put(target, file));
    // The documents' records go out in chunks as they come, cut as
    // [`cut`] cuts: `chunk` holds those of documents `docs.last()` on.
    let (mut cutter, mut chunk) = (Cutter::new(DOC_CHUNK_BYTES), Vec::new());
    let (mut docs, mut doc_files) = (Vec::new(), Vec::new());
    let mut chunk_out = |chunk: &mut Vec<String>, put: &mut dyn FnMut(OutputFile)| {
        let n = doc_files.len();
        let (name, file) = data_file(&format!("d{n}"), &format!("[{}]", chunk.join(",")));
        doc_files.push(name);
        put(file);
        chunk.clear();
    };
    for start in (0..total).step_by(BATCH) {
        // Tokenised in parallel, unless kept from the last index.
        let seen = cache.as_deref();
        let made: Vec<Result<Arc<Doc>, Tokenized>> = (start..total.min(start + BATCH))
            .into_par_iter()
            .map(|d| {
                let found = seen.and_then(|seen| {
                    if d < events {
                        seen.event(tl, texts, d)
                    } else {
                        seen.source(tl, d - events)
                    }
                });
                found.ok_or_else(|| {
                    if d < events {
                        event_doc(tl, texts, d)
                    } else {
                        source_doc(config, tl, d - events)
                    }
                })
            })
            .collect();
        // Merged in document order, so the postings come out sorted.
        for (k, made) in made.into_iter().enumerate() {
            let d = start + k;
            let new = made.is_err();
            let doc = made.unwrap_or_else(|new| Arc::new(Doc::new(new, &mut words)));
            if postings.len() < words.words.len() {
                postings.resize_with(words.words.len(), Postings::default);
            }
            for t in &doc.terms {
                let paragraphs =
                    &doc.paragraphs[t.paragraphs.start as usize..t.paragraphs.end as usize];
                postings[t.word as usize].push(d as u32, t.fields, paragraphs);
            }
            if let Some(cache) = cache.as_deref_mut() {
                cache.keep(tl, texts, d, &doc, new);
            }
            let record = match Arc::try_unwrap(doc) {
                Ok(doc) => doc.record,
                Err(doc) => doc.record.clone(),
            };
            if cutter.starts_group(record.len()) {
                chunk_out(&mut chunk, &mut put);
            }
            if chunk.is_empty() {
                docs.push(d);
            }
            chunk.push(record);
        }
    }
    if !chunk.is_empty() {
        chunk_out(&mut chunk, &mut put);
    }
    if let Some(cache) = cache.as_deref_mut() {
        let build = cache.build;
        cache.events.retain(|_, c| c.used == build);
        cache.sources.retain(|_, c| c.used == build);
    }

    // The words some document has (a kept list of words may hold words
    // no document has any more), in UTF-16 order, as JavaScript compares
    // strings.
    let mut terms: Vec<(&str, &Postings)> = postings
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.data.is_empty())
        .map(|(w, p)| (words.words[w].as_str(), p))
        .collect();
    terms.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let entries: Vec<String> = terms
        .par_iter()
        .map(|(term, p)| json(&(term, &p.data)))
        .collect();
    let terms: Vec<&str> = terms.into_iter().map(|(term, _)| term).collect();
    drop(postings);

    let mut manifest = Manifest {
        version: 1,
        events,
        terms: Vec::new(),
        term_files: Vec::new(),
        docs,
        doc_files,
    };
    for (n, range) in cut(&entries, TERM_SHARD_BYTES).into_iter().enumerate() {
        manifest.terms.push(terms[range.start]);
        let (name, file) = data_file(&format!("t{n}"), &format!("[{}]", entries[range].join(",")));
        manifest.term_files.push(name);
        put(file);
    }
    drop(entries);
    let (name, file) = data_file("manifest", &json(&manifest));
    put(file);
    drop((manifest, terms));
    if let Some(cache) = cache {
        cache.words = words;
    }
    SearchIndex {
        paths,
        manifest: name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::golden;

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Sheinbáum"), "sheinbaum");
        assert_eq!(fold("SHEINBAUM"), "sheinbaum");
        assert_eq!(fold("Peña Nieto, México"), "pena nieto, mexico");
        assert_eq!(
            fold("Straße Øresund Æther İstanbul"),
            "strasse oresund aether istanbul"
        );
        assert_eq!(fold("ＡＢＣ ﬁn ΟΔΥΣΣΕΥΣ"), "abc fin οδυσσευσ");
    }

    #[test]
    fn words_split_on_punctuation_and_drop_single_letters() {
        assert_eq!(
            words("She’s so afraid—of the U.S. cartels; 2025-05-04"),
            [
                "she", "so", "afraid", "of", "the", "cartels", "2025", "05", "04"
            ]
        );
        assert_eq!(words("año 名古屋"), ["ano", "名古屋"]);
        assert_eq!(words(&"x".repeat(100))[0].len(), MAX_WORD_CHARS);
    }

    #[test]
    fn postings_encode_gaps_fields_and_paragraphs() {
        let mut p = Postings::default();
        p.push(2, TITLE, &[]);
        p.push(5, BODY | META, &[1, 4]);
        assert_eq!(p.data, [(2 << 3) | 1, (3 << 3) | 6, 2, 1, 3]);
    }

    #[test]
    fn cutting_keeps_order_and_never_leaves_a_group_empty() {
        let items: Vec<String> = ["aaaa", "bb", "cccccccc", "d"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(cut(&items, 6), [0..1, 1..2, 2..3, 3..4]);
        let one = cut(&items, 100);
        assert_eq!((one.len(), &one[0]), (1, &(0..4)));
        assert!(cut(&[], 10).is_empty());
    }

    // ---- A table for static/annals.js and search.js (issue 16, item 5) --
    // The list filter and search fold typed words in the browser with
    // `fold` in annals.js, which must fold as the index does. This test
    // writes what Rust gives to tests/browser/fixtures/fold.json, and
    // tests/browser/parity.test.mjs checks the JavaScript against it. After
    // a change here, `ANNALS_BLESS=1 cargo test --lib` rewrites the table.

    #[test]
    fn fold_table_for_the_browser() {
        let texts = [
            // Accents, and letters spelt out.
            "Sheinbáum",
            "Peña Nieto, México",
            "Ångström Dvořák Łódź",
            "Øresund Æther Œuvre Þórr Đorđe",
            "Tiếng Việt",
            "Straße",
            "STRASSE",
            "GROẞE",
            // Compatibility forms.
            "ﬁn ﬂow ﬀ ﬃ",
            "e=mc² H₂O x³",
            "½ ¼",
            "ＡＢＣ １２３ ｶﾞ",
            "Ⅻ ⅳ",
            "㎏ ㎞ ℃ №",
            "ǅemal ŉ",
            "K Å Ω",
            // Turkish dotless ı and dotted İ.
            "İstanbul",
            "ıspanak",
            "DİYARBAKIR",
            "Iı İi",
            // Greek: final sigma, tonos, breathing marks.
            "ΟΔΥΣΣΕΥΣ",
            "Σίσυφος",
            "ὀδυσσεύς ΐ",
            // Other scripts.
            "Ёлка й",
            "Ꭰꮿ",
            "ガ が 名古屋",
            "한국어",
            "مُحَمَّد",
            "שָׁלוֹם",
            "देवनागरी",
            "👍🏽 ❤️",
            // Words: punctuation, single letters, long words.
            "She’s so afraid—of the U.S. cartels; 2025-05-04",
            "año 名古屋",
            "a b c ä ö ü",
            "Ὅμηρος’ Ἰλιάς",
            &"x".repeat(70),
            &"é".repeat(70),
            "",
        ];
        let rows: Vec<String> = texts
            .iter()
            .map(|&t| serde_json::json!([t, fold(t), words(t)]).to_string())
            .collect();
        let table = format!(
            "{{\n\"about\": \"Written by src/search.rs (fold_table_for_the_browser); checked by tests/browser/parity.test.mjs\",\n\"words\": [\n{}\n]\n}}\n",
            rows.join(",\n")
        );
        golden("tests/browser/fixtures/fold.json", &table);
    }
}
