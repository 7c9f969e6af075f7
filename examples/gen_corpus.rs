//! Writes a synthetic timeline of N events and N/10 sources, as an annals
//! site and as the equivalent Hugo site, for the benchmark in `bench/`.
//!
//! `cargo run --release --example gen_corpus -- N OUT_DIR` writes
//! `OUT_DIR/annals`, `OUT_DIR/hugo` (a minimal Hugo site: its own small
//! templates) and `OUT_DIR/hugo-matched/content` (the content for
//! `bench/hugo-matched/`, the Hugo site that shows what annals shows).
//! With `--recent` after OUT_DIR, 98% of the events fall in 1823–2025 and
//! 2% in 3000 BC–1 BC: a modern archive with a few ancient outliers.
//! The seed is fixed: the same N gives the same files. Dates run from 3000 BC to 2025 with mixed precisions,
//! intervals and qualifiers; each event has 2–4 of 200 tags and 1–3
//! citations whose quotes occur in their sources.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "dor", "es", "fi", "gan", "hul", "in",
    "jor", "ke", "lu", "mar", "no", "pe", "ra", "sil", "tu", "zen",
];

fn word(rng: &mut StdRng) -> String {
    let n = rng.random_range(1..4);
    (0..n)
        .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
        .collect()
}

fn sentence(rng: &mut StdRng, words: usize) -> String {
    let mut s: Vec<String> = (0..words).map(|_| word(rng)).collect();
    if let Some(first) = s.first_mut() {
        let mut c = first.chars();
        *first = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
    }
    format!("{}.", s.join(" "))
}

/// A date as annals writes it, the sort key Hugo gets (Hugo's dates
/// cannot be BC, so the equivalent site sorts on a number), and its
/// astronomical year, month and day.
fn date(rng: &mut StdRng, recent: bool) -> (String, i64, i64, u8, u8) {
    let year: i64 = if !recent {
        rng.random_range(-3000..2026)
    } else if rng.random_range(0..100) < 2 {
        rng.random_range(-2999..1)
    } else {
        rng.random_range(1823..2026)
    };
    let month: u8 = rng.random_range(1..13);
    let day: u8 = rng.random_range(1..29);
    let fmt_year = |y: i64| {
        if y < 0 {
            format!("-{:04}", -y)
        } else {
            format!("{y:04}")
        }
    };
    let y = fmt_year(year);
    let key = year * 10_000 + i64::from(month) * 100 + i64::from(day);
    let roll: u32 = rng.random_range(0..100);
    let mut text = match roll {
        0..20 => y.clone(),
        20..50 => format!("{y}-{month:02}"),
        50..83 => format!("{y}-{month:02}-{day:02}"),
        83..88 => format!(
            "{y}-{month:02}-{day:02}T{:02}:{:02}Z",
            rng.random_range(0..24),
            rng.random_range(0..60)
        ),
        88..91 => format!("{y}-{}", rng.random_range(21..25)),
        91..96 => {
            let end = (year + rng.random_range(1..30)).min(2025).max(year + 1);
            format!("{y}-{month:02}/{}", fmt_year(end))
        }
        _ => format!("{y}/.."),
    };
    if roll < 83 {
        match rng.random_range(0..20) {
            0 => text.push('~'),
            1 => text.push('?'),
            _ => {}
        }
    }
    (text, key, year, month, day)
}

/// A year as people write it (astronomical year 0 is 1 BC).
fn year_label(year: i64) -> String {
    if year <= 0 {
        format!("{} BC", 1 - year)
    } else {
        year.to_string()
    }
}

/// One event of the corpus, as the matched Hugo site needs it once the
/// timeline order is known.
struct Event {
    title: String,
    summary: String,
    written: String,
    key: i64,
    year: i64,
    month: u8,
    day: u8,
    importance: u32,
    tags: Vec<String>,
    /// (source, paragraph number, quote)
    citations: Vec<(usize, usize, String)>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen_corpus N OUT_DIR [--recent]");
        std::process::exit(2);
    };
    write_corpus_of(
        n,
        Path::new(out),
        args.get(3).is_some_and(|a| a == "--recent"),
    );
}

/// Writes the corpus of `n` events into `out` (also used by the test that
/// checks the output size of a 10,000-event site).
pub fn write_corpus(n: usize, out: &Path) {
    write_corpus_of(n, out, false);
}

/// Writes the corpus, its dates mostly of the last two centuries when
/// `recent`.
pub fn write_corpus_of(n: usize, out: &Path, recent: bool) {
    let mut rng = StdRng::seed_from_u64(0x5eed_a11a);
    let tags: Vec<String> = (0..200)
        .map(|i| format!("{}-{i}", word(&mut rng)))
        .collect();
    let n_sources = (n / 10).max(1);

    let annals = out.join("annals");
    let hugo = out.join("hugo");
    let matched = out.join("hugo-matched/content");
    for dir in [
        matched.join("sources"),
        matched.join("events"),
        annals.join("content/sources"),
        annals.join("content/events"),
        hugo.join("content/sources"),
        hugo.join("content/events"),
        hugo.join("layouts/_default"),
    ] {
        fs::create_dir_all(&dir).unwrap();
    }
    fs::write(
        annals.join("site.yaml"),
        "title: Synthetic timeline\ntimezone: UTC\n",
    )
    .unwrap();
    fs::write(
        hugo.join("hugo.toml"),
        "baseURL = 'https://example.org/'\ntitle = 'Synthetic timeline'\ndisableKinds = ['RSS', 'sitemap', 'robotsTXT']\n[taxonomies]\ntag = 'tags'\n",
    )
    .unwrap();
    let base = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>";
    fs::write(
        hugo.join("layouts/index.html"),
        format!("{base}<h1>{{{{ .Site.Title }}}}</h1><ol>{{{{ range sort (where .Site.RegularPages \"Section\" \"events\") \"Params.sortkey\" }}}}<li><a href=\"{{{{ .RelPermalink }}}}\">{{{{ .Title }}}}</a> {{{{ .Params.display }}}} {{{{ .Summary }}}}</li>{{{{ end }}}}</ol></body></html>"),
    )
    .unwrap();
    fs::write(
        hugo.join("layouts/_default/single.html"),
        format!("{base}<article><h1>{{{{ .Title }}}}</h1><p>{{{{ .Params.display }}}}</p>{{{{ .Content }}}}<ul>{{{{ range .Params.tags }}}}<li><a href=\"{{{{ \"/tags/\" | relURL }}}}{{{{ . | urlize }}}}/\">{{{{ . }}}}</a></li>{{{{ end }}}}</ul></article></body></html>"),
    )
    .unwrap();
    fs::write(
        hugo.join("layouts/_default/list.html"),
        format!("{base}<h1>{{{{ .Title }}}}</h1><ol>{{{{ range sort .Pages \"Params.sortkey\" }}}}<li><a href=\"{{{{ .RelPermalink }}}}\">{{{{ .Title }}}}</a> {{{{ .Params.display }}}}</li>{{{{ end }}}}</ol></body></html>"),
    )
    .unwrap();

    // Sources: eight paragraphs of about twenty words each.
    let mut paragraphs: Vec<Vec<String>> = Vec::with_capacity(n_sources);
    for s in 0..n_sources {
        let paras: Vec<String> = (0..8).map(|_| sentence(&mut rng, 20)).collect();
        let body = paras.join("\n\n");
        fs::write(
            annals.join(format!("content/sources/source-{s}.md")),
            format!("---\ntitle: Source {s}\npublisher: The Synthetic Times\npublished: 2026-01-01\n---\n{body}\n"),
        )
        .unwrap();
        fs::write(
            hugo.join(format!("content/sources/source-{s}.md")),
            format!("---\ntitle: Source {s}\nsortkey: 0\n---\n{body}\n"),
        )
        .unwrap();
        paragraphs.push(paras);
    }

    // Events, one file each.
    let mut events = Vec::with_capacity(n);
    for e in 0..n {
        let (written, key, year, month, day) = date(&mut rng, recent);
        let title = sentence(&mut rng, 5).trim_end_matches('.').to_string();
        let summary = sentence(&mut rng, 18);
        let k = rng.random_range(2..5);
        let mut event_tags: Vec<&str> = (0..k)
            .map(|_| tags[rng.random_range(0..tags.len())].as_str())
            .collect();
        event_tags.sort_unstable();
        event_tags.dedup();
        let importance = rng.random_range(1..6);
        let mut yaml = format!(
            "title: \"{title}\"\ndate: \"{written}\"\nsummary: \"{summary}\"\ntags: [{}]\nimportance: {importance}\nsources:\n",
            event_tags.join(", "),
        );
        let mut citations = Vec::new();
        let mut hugo_body = format!("{summary}\n\n");
        for _ in 0..rng.random_range(1..4) {
            let s = rng.random_range(0..n_sources);
            let p = rng.random_range(0..8);
            let para = &paragraphs[s][p];
            let words: Vec<&str> = para.trim_end_matches('.').split(' ').collect();
            let len = rng.random_range(5..11).min(words.len());
            let at = rng.random_range(0..=words.len() - len);
            let quote = words[at..at + len].join(" ");
            let _ = write!(yaml, "  - source: source-{s}\n    quote: \"{quote}\"\n");
            citations.push((s, p + 1, quote.clone()));
            let _ = write!(
                hugo_body,
                "> {quote}\n\n— [Source {s}](/sources/source-{s}/)\n\n"
            );
        }
        fs::write(annals.join(format!("content/events/event-{e}.yaml")), yaml).unwrap();
        fs::write(
            hugo.join(format!("content/events/event-{e}.md")),
            format!(
                "---\ntitle: \"{title}\"\nsortkey: {key}\ndisplay: \"{written}\"\ntags: [{}]\n---\n{hugo_body}",
                event_tags.join(", ")
            ),
        )
        .unwrap();
        events.push(Event {
            title,
            summary,
            written,
            key,
            year,
            month,
            day,
            importance,
            tags: event_tags.iter().map(|t| t.to_string()).collect(),
            citations,
        });
    }
    write_matched(&matched, &events, &paragraphs);
    eprintln!(
        "wrote {n} events and {n_sources} sources to {}",
        out.display()
    );
}

/// The content of the matched Hugo site. What annals works out itself
/// (the timeline order, each event's neighbours, the events citing each
/// source) is written into the front matter, so that Hugo's templates only
/// look it up.
fn write_matched(dir: &Path, events: &[Event], paragraphs: &[Vec<String>]) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&e| (events[e].key, e));
    let mut cited_by: Vec<Vec<usize>> = vec![Vec::new(); paragraphs.len()];
    for &e in &order {
        for &(s, _, _) in &events[e].citations {
            if cited_by[s].last() != Some(&e) {
                cited_by[s].push(e);
            }
        }
    }
    fs::write(
        dir.join("events/_index.md"),
        "---\ntitle: Events\n_build:\n  render: never\n---\n",
    )
    .unwrap();
    fs::write(dir.join("sources/_index.md"), "---\ntitle: Sources\n---\n").unwrap();
    for (s, paras) in paragraphs.iter().enumerate() {
        let mut page = format!(
            "---\ntitle: Source {s}\npublisher: The Synthetic Times\ncited_by: [{}]\n---\n",
            cited_by[s]
                .iter()
                .map(|e| format!("event-{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for (p, para) in paras.iter().enumerate() {
            let _ = write!(page, "{para}\n{{#p-{}}}\n\n", p + 1);
        }
        fs::write(dir.join(format!("sources/source-{s}.md")), page).unwrap();
    }
    for (at, &e) in order.iter().enumerate() {
        let ev = &events[e];
        let mut page = format!(
            "---\ntitle: \"{}\"\nsummary: \"{}\"\ndisplay: \"{}\"\nsortkey: {}\nyear: {}\nmonth: {}\nylabel: \"{}\"\nmlabel: \"{} {}\"\ndtstart: \"{}{:02}{:02}\"\nimportance: {}\ntags: [{}]\n",
            ev.title,
            ev.summary,
            ev.written,
            ev.key,
            ev.year,
            ev.month,
            year_label(ev.year),
            chrono::Month::try_from(ev.month).map_or("", |m| m.name()),
            year_label(ev.year),
            ev.year,
            ev.month,
            ev.day,
            ev.importance,
            ev.tags.join(", "),
        );
        if at > 0 {
            let _ = writeln!(page, "prev: event-{}", order[at - 1]);
        }
        if let Some(next) = order.get(at + 1) {
            let _ = writeln!(page, "next: event-{next}");
        }
        page.push_str("citations:\n");
        for (s, p, quote) in &ev.citations {
            let _ = write!(
                page,
                "  - source: source-{s}\n    title: Source {s}\n    para: p-{p}\n    quote: \"{quote}\"\n"
            );
        }
        page.push_str("---\n");
        fs::write(dir.join(format!("events/event-{e}.md")), page).unwrap();
    }
}
