//! `annals serve` renders again only the pages a change touches. That is
//! only right if the result is exactly what a full build gives: this test
//! makes a long seeded series of edits of every kind to a site, applies
//! each incrementally, and compares every file with a full build.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rand::{Rng, RngExt, SeedableRng};

use crate::support::SiteTest;
use crate::support::library::{self, LiveSite};

/// The served files after applying builds the way `serve` does.
#[derive(Default)]
struct Served {
    pages: BTreeMap<String, Vec<u8>>,
    data: BTreeMap<String, Vec<u8>>,
    /// The warnings of the last build, as shown.
    warnings: Vec<String>,
    /// The pages the last build rendered.
    last: Vec<String>,
}

impl Served {
    /// Builds `site` and applies what changed; returns how many pages were
    /// rendered, or the error messages.
    fn apply(&mut self, site: &mut LiveSite) -> Result<usize, String> {
        let built = site.build()?;
        let rendered = built.pages.len();
        self.warnings = built.warnings;
        for path in built.removed {
            assert!(self.pages.remove(&path).is_some(), "{path} was not there");
        }
        self.last = built.pages.iter().map(|(path, _)| path.clone()).collect();
        for (path, bytes) in built.pages {
            self.pages.insert(path, bytes);
        }
        assert!(
            self.pages.keys().eq(built.page_paths.iter()),
            "the pages served are the site's pages"
        );
        self.data = built.data.into_iter().collect();
        Ok(rendered)
    }

    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut all = self.pages.clone();
        all.extend(self.data.clone());
        all
    }
}

/// Fails naming the files that differ (not dumping their bytes) from a
/// full build without drafts.
fn assert_same(served: &Served, root: &Path, what: &str) {
    assert_same_drafts(served, root, false, what);
}

const QUOTES: [&str; 3] = [
    "In February, the government designated the cartels.",
    "“We will never accept it,” she said.",
    "",
];

fn event_yaml(rng: &mut impl Rng, n: usize, events: usize) -> String {
    // Two spellings of one term: its name is the spelling of its earliest
    // event, so an edit of one event renames the term on other pages.
    event_yaml_tagged(rng, n, events, &["Mexico", "mexico", "military"])
}

/// An event of the generated sites, with one of `tags`.
fn event_yaml_tagged(rng: &mut impl Rng, n: usize, events: usize, tags: &[&str]) -> String {
    let year = 2020 + rng.random_range(0..6);
    let date = match rng.random_range(0..5) {
        0 => format!("{year}"),
        1 => format!("{year}-{:02}", rng.random_range(1..13)),
        2 => format!("{year}-{:02}/..", rng.random_range(1..13)),
        _ => format!(
            "{year}-{:02}-{:02}",
            rng.random_range(1..13),
            rng.random_range(1..29)
        ),
    };
    let mut y = format!(
        "title: Event {n} v{}\ndate: \"{date}\"\nimportance: {}\nsummary: Summary {}\ntags: [{}]\n",
        rng.random_range(0..1000),
        rng.random_range(1..6),
        rng.random_range(0..3),
        tags[rng.random_range(0..tags.len())]
    );
    let quote = QUOTES[rng.random_range(0..QUOTES.len())];
    y.push_str("sources:\n  - source: daily\n");
    if !quote.is_empty() {
        y.push_str(&format!("    quote: {quote:?}\n"));
    }
    if rng.random_bool(0.3) {
        y.push_str(&format!("related: [e{}]\n", rng.random_range(0..events)));
    }
    y
}

/// The good fixture with `events` generated event files in
/// `content/events/many/` (every file there from the start, so related ids
/// stay valid; edits rewrite, empty and restore them), loaded and built
/// once as `serve` does, checked against a full build.
struct Many {
    t: SiteTest,
    dir: PathBuf,
    rng: rand::rngs::StdRng,
    site: LiveSite,
    served: Served,
    /// Pages the first build rendered.
    first: usize,
}

impl Many {
    fn new(seed: u64, events: usize) -> Many {
        Many::tagged(seed, events, &["Mexico", "mexico", "military"])
    }

    /// As [`Many::new`], each event with one of `tags`.
    fn tagged(seed: u64, events: usize, tags: &[&str]) -> Many {
        Many::serving(seed, |dir, rng| {
            for n in 0..events {
                fs::write(
                    dir.join(format!("e{n}.yaml")),
                    event_yaml_tagged(rng, n, events, tags),
                )
                .unwrap();
            }
        })
    }

    /// The good fixture with the event files `write` puts in
    /// `content/events/many/`, served and checked as [`Many::new`].
    fn serving(seed: u64, write: impl FnOnce(&Path, &mut rand::rngs::StdRng)) -> Many {
        let t = SiteTest::fixture("good");
        let dir = t.root().join("content/events/many");
        fs::create_dir_all(&dir).unwrap();
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        write(&dir, &mut rng);
        let mut site = LiveSite::load(t.root());
        site.keep_render_cache();
        let mut served = Served::default();
        let first = served.apply(&mut site).unwrap();
        assert_same(&served, t.root(), "the first build");
        Many {
            t,
            dir,
            rng,
            site,
            served,
            first,
        }
    }
}

#[test]
fn every_incremental_rebuild_equals_a_full_build() {
    let events = 40;
    let Many {
        t,
        dir,
        mut rng,
        mut site,
        mut served,
        first,
    } = Many::new(7, events);
    let root = t.root().to_path_buf();
    assert!(first > events);

    let source = root.join("content/sources/daily.md");
    let original_source = fs::read_to_string(&source).unwrap();
    let mut partial_builds = 0;
    for step in 0..60 {
        let n = rng.random_range(0..events);
        let path: PathBuf = match rng.random_range(0..12) {
            // A source's title and body change (its quotes stay).
            0 => {
                let text = original_source
                    .replacen("title:", &format!("title: v{step}"), 1)
                    .replace("\n\n", &format!("\n\nParagraph added at step {step}.\n\n"));
                fs::write(&source, text).unwrap();
                source.clone()
            }
            // A broken event, then the same event fixed.
            1 => {
                let path = dir.join(format!("e{n}.yaml"));
                fs::write(&path, "title: Broken\ndate: 2025-13\n").unwrap();
                assert!(site.update(std::slice::from_ref(&path)));
                assert!(
                    served.apply(&mut site).is_err(),
                    "step {step}: an invalid date"
                );
                fs::write(&path, event_yaml(&mut rng, n, events)).unwrap();
                path
            }
            // A new file, then gone again.
            2 => {
                let path = dir.join(format!("extra{step}.yaml"));
                fs::write(&path, event_yaml(&mut rng, 1000 + step, events)).unwrap();
                assert!(site.update(std::slice::from_ref(&path)));
                served.apply(&mut site).unwrap();
                assert_same(&served, &root, &format!("step {step}: added"));
                fs::remove_file(&path).unwrap();
                path
            }
            // The words of an event change, not its place: its title,
            // summary and quote (the timeline is patched, not rebuilt).
            3 | 4 => {
                let path = dir.join(format!("e{n}.yaml"));
                let text = fs::read_to_string(&path).unwrap();
                let quote = QUOTES[rng.random_range(0..QUOTES.len())];
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                for line in &mut lines {
                    if line.starts_with("title:") {
                        *line = format!("title: Event {n} words {step}");
                    } else if line.starts_with("summary:") {
                        *line = format!("summary: Reworded at step {step}");
                    } else if line.trim_start().starts_with("quote:") && !quote.is_empty() {
                        *line = format!("    quote: {quote:?}");
                    }
                }
                fs::write(&path, lines.join("\n") + "\n").unwrap();
                path
            }
            _ => {
                let path = dir.join(format!("e{n}.yaml"));
                fs::write(&path, event_yaml(&mut rng, n, events)).unwrap();
                path
            }
        };
        assert!(site.update(&[path]), "step {step}: a content file");
        let rendered = served.apply(&mut site).unwrap();
        assert_same(&served, &root, &format!("step {step}"));
        if rendered < first {
            partial_builds += 1;
        }
    }
    // The earliest event of a term gives the term its spelling: respelling
    // it renames the term on the pages of every other event that has it.
    let export: serde_json::Value = serde_json::from_slice(&served.files()["events.json"]).unwrap();
    let earliest = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t.as_str().unwrap().eq_ignore_ascii_case("mexico"))
        })
        .expect("an event tagged Mexico");
    let path = dir.join(format!("{}.yaml", earliest["id"].as_str().unwrap()));
    let text = fs::read_to_string(&path).unwrap();
    let respelled = if text.contains("[Mexico]") {
        text.replace("[Mexico]", "[mexico]")
    } else {
        text.replace("[mexico]", "[Mexico]")
    };
    assert_ne!(text, respelled);
    fs::write(&path, respelled).unwrap();
    assert!(site.update(&[path]));
    served.apply(&mut site).unwrap();
    assert_same(&served, &root, "a term respelled");

    // Most edits touched a few pages, not the whole site.
    assert!(
        partial_builds > 40,
        "{partial_builds} of 60 rebuilds were partial"
    );

    // Anything but an event or source needs a full load.
    assert!(!site.update(&[root.join("site.yaml")]));
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/extra.css"), "p {}").unwrap();
    assert!(!site.update(&[root.join("static/extra.css")]));
    assert!(!site.update(std::slice::from_ref(&dir)));
}

/// A list cut into pages (600 events: three home pages) draws the whole
/// list only as the overview strip on each page: an edit renders the
/// pages that show the event, and still equals a full build.
#[test]
fn edits_to_a_list_cut_into_pages_equal_a_full_build() {
    let events = 600;
    let Many {
        t,
        dir,
        mut rng,
        mut site,
        mut served,
        first,
    } = Many::new(11, events);
    let root = t.root().to_path_buf();
    assert!(
        served.files().contains_key("page/3/index.html"),
        "three home pages"
    );
    let home = ["index.html", "page/2/index.html", "page/3/index.html"];
    for step in 0..10 {
        let n = rng.random_range(0..events);
        let path = dir.join(format!("e{n}.yaml"));
        if step % 2 == 0 {
            // Its title only: the event keeps its place.
            let text = fs::read_to_string(&path).unwrap();
            let text: Vec<String> = text
                .lines()
                .map(|l| match l.starts_with("title:") {
                    true => format!("title: Event {n} renamed at step {step}"),
                    false => l.to_string(),
                })
                .collect();
            fs::write(&path, text.join("\n") + "\n").unwrap();
        } else {
            // Anything: it may move to another page.
            fs::write(&path, event_yaml(&mut rng, n, events)).unwrap();
        }
        assert!(site.update(&[path]), "step {step}");
        let rendered = served.apply(&mut site).unwrap();
        assert_same(&served, &root, &format!("step {step}"));
        if step % 2 == 0 {
            // A title edit renders the list page that shows the event,
            // not every page of the list.
            let lists: Vec<&String> = served
                .last
                .iter()
                .filter(|p| home.contains(&p.as_str()))
                .collect();
            assert_eq!(lists.len(), 1, "step {step}: {lists:?}");
            assert!(rendered * 10 < first, "step {step}: {rendered} pages");
        }
    }
}

/// A list too long for its axis to depend on titles (800 events: four
/// home pages) keeps its layout through edits of words: only the axis of
/// the page that shows the event is laid out again. Then the edits that
/// change the layout: an event moved to another page, a term added and
/// removed, an event deleted and added back. Each equals a full build.
#[test]
fn a_long_list_kept_through_edits_equals_a_full_build() {
    let events = 800;
    let Many {
        t,
        dir,
        mut rng,
        mut site,
        mut served,
        first,
    } = Many::new(13, events);
    let root = t.root().to_path_buf();
    assert!(served.files().contains_key("page/4/index.html"));
    let home = |p: &str| p == "index.html" || p.starts_with("page/");
    let edit = |path: &Path, f: &dyn Fn(&str) -> String| {
        let text: Vec<String> = fs::read_to_string(path).unwrap().lines().map(f).collect();
        fs::write(path, text.join("\n") + "\n").unwrap();
    };
    let apply = |site: &mut LiveSite, served: &mut Served, path: &Path, what: &str| {
        assert!(site.update(&[path.to_path_buf()]), "{what}");
        let rendered = served.apply(site).unwrap();
        assert_same(served, &root, what);
        rendered
    };
    for step in 0..4 {
        let n = rng.random_range(0..events);
        let path = dir.join(format!("e{n}.yaml"));
        edit(&path, &|l| match l.starts_with("title:") {
            true => format!("title: Event {n} words {step} {}", "long ".repeat(step * 5)),
            false if l.starts_with("summary:") => format!("summary: Reworded {step}"),
            false => l.to_string(),
        });
        let rendered = apply(&mut site, &mut served, &path, &format!("words {step}"));
        let lists: Vec<&String> = served.last.iter().filter(|p| home(p)).collect();
        assert_eq!(lists.len(), 1, "words {step}: {lists:?}");
        assert!(rendered * 10 < first, "words {step}: {rendered} pages");
    }
    // Importances changed: in place where the order keeps the event
    // there (its axis marks, the embeds and the story change), moved
    // among events of the same start where it does not.
    for step in 0..12 {
        let n = rng.random_range(0..events);
        let path = dir.join(format!("e{n}.yaml"));
        edit(&path, &|l| match l.strip_prefix("importance: ") {
            Some(i) => format!("importance: {}", i.parse::<u8>().unwrap() % 5 + 1),
            None => l.to_string(),
        });
        apply(&mut site, &mut served, &path, &format!("importance {step}"));
    }
    // Moved across the home list's pages: to the start, then to the end.
    let path = dir.join("e5.yaml");
    for (k, date) in ["1990-01-01", "2030-12-31"].iter().enumerate() {
        edit(&path, &|l| match l.starts_with("date:") {
            true => format!("date: \"{date}\""),
            false => l.to_string(),
        });
        apply(&mut site, &mut served, &path, &format!("moved {k}"));
    }
    // A term added (new to the site), then removed again.
    for (k, tags) in ["[military, newterm]", "[military]"].iter().enumerate() {
        edit(&path, &|l| match l.starts_with("tags:") {
            true => format!("tags: {tags}"),
            false => l.to_string(),
        });
        apply(&mut site, &mut served, &path, &format!("terms {k}"));
    }
    // An event deleted (no event names it: a new one is written first),
    // then added back; words edits keep working after.
    let extra = dir.join("extra.yaml");
    fs::write(&extra, event_yaml(&mut rng, 5000, events)).unwrap();
    apply(&mut site, &mut served, &extra, "added");
    fs::remove_file(&extra).unwrap();
    apply(&mut site, &mut served, &extra, "deleted");
    edit(&path, &|l| match l.starts_with("title:") {
        true => "title: After all that".to_string(),
        false => l.to_string(),
    });
    apply(&mut site, &mut served, &path, "words after");
}

/// Events moved in time on a site whose terms are each spelled one way
/// (800 events: four home pages): the timeline takes each moved event out
/// of the order and puts it back, and the list pages it did not leave or
/// join keep their axes. Each edit equals a full build, and renders a few
/// pages, not every list page.
#[test]
fn events_moved_in_time_equal_a_full_build() {
    let events = 800;
    let tags = ["Mexico", "military", "trade"];
    let Many {
        t,
        dir,
        mut rng,
        mut site,
        mut served,
        first,
    } = Many::tagged(17, events, &tags);
    let root = t.root().to_path_buf();
    assert!(served.files().contains_key("page/4/index.html"));
    for step in 0..16 {
        let n = rng.random_range(0..events);
        let path = dir.join(format!("e{n}.yaml"));
        let text = fs::read_to_string(&path).unwrap();
        let year = 2020 + rng.random_range(0..6);
        let date = match step % 4 {
            0 => format!("{year}"),
            1 => format!("{year}-{:02}", rng.random_range(1..13)),
            2 => format!(
                "{year}-{:02}-{:02}",
                rng.random_range(1..13),
                rng.random_range(1..29)
            ),
            // Before every other event: a year of its own.
            _ => "1999-06".to_string(),
        };
        let moved: Vec<String> = text
            .lines()
            .map(|l| match l.starts_with("date:") {
                true => format!("date: \"{date}\""),
                false if l.starts_with("importance:") => format!("importance: {}", step % 5 + 1),
                false => l.to_string(),
            })
            .collect();
        fs::write(&path, moved.join("\n") + "\n").unwrap();
        assert!(site.update(std::slice::from_ref(&path)), "step {step}");
        let rendered = served.apply(&mut site).unwrap();
        assert_same(&served, &root, &format!("step {step}: moved to {date}"));
        assert!(
            rendered * 4 < first,
            "step {step}: {rendered} of {first} pages"
        );
    }
}

/// A move that changes how a list is cut into pages: three months of 130,
/// 121 and 139 events make three pages of the home list (no two months
/// fit in 250 together); one event moved from the second month to the
/// third makes two (130 + 120 fit), so the third page is gone. Moved
/// back, it returns. Each step equals a full build.
#[test]
fn a_move_that_takes_a_page_away_equals_a_full_build() {
    let event = |n: usize, date: &str| {
        format!(
            "title: Event {n}\ndate: \"{date}\"\nimportance: {}\ntags: [military]\nsources:\n  - source: daily\n    quote: {:?}\n",
            n % 5 + 1,
            QUOTES[0]
        )
    };
    let Many {
        t,
        dir,
        mut site,
        mut served,
        first,
        ..
    } = Many::serving(0, |dir, _| {
        for n in 0..390 {
            let month = match n {
                0..130 => 1,
                130..251 => 2,
                _ => 3,
            };
            let date = format!("2020-{month:02}-{:02}", n % 28 + 1);
            fs::write(dir.join(format!("e{n}.yaml")), event(n, &date)).unwrap();
        }
    });
    assert!(served.files().contains_key("page/3/index.html"));
    let path = dir.join("e130.yaml");
    for (date, pages) in [("2020-03-10", 2), ("2020-02-10", 3)] {
        fs::write(&path, event(130, date)).unwrap();
        assert!(site.update(std::slice::from_ref(&path)));
        let rendered = served.apply(&mut site).unwrap();
        assert_same(&served, t.root(), &format!("moved to {date}"));
        assert_eq!(
            served.files().contains_key("page/3/index.html"),
            pages == 3,
            "moved to {date}"
        );
        assert!(
            rendered * 4 < first,
            "moved to {date}: {rendered} of {first}"
        );
    }
}

/// A list kept through a move it is not part of: two events of one tag
/// come first; one of them moves into a month of its own, which numbers
/// every later (year, month) group anew. The 800 events of another tag,
/// all after them, keep their places, and their list (clustered, so its
/// layout is kept for edits of words) is not laid out again; an edit of
/// one of their titles then lays out its page from that list's layout,
/// which must not name the groups by their old numbers.
#[test]
fn a_list_kept_through_a_move_it_is_not_on_equals_a_full_build() {
    let event = |title: &str, date: &str, tag: &str| {
        format!(
            "title: {title}\ndate: \"{date}\"\ntags: [{tag}]\nsources:\n  - source: daily\n    quote: {:?}\n",
            QUOTES[0]
        )
    };
    let Many {
        t,
        dir,
        mut site,
        mut served,
        ..
    } = Many::serving(0, |dir, _| {
        fs::write(dir.join("a.yaml"), event("A", "2020-01-05", "early")).unwrap();
        fs::write(dir.join("b.yaml"), event("B", "2020-01-10", "early")).unwrap();
        for n in 0..800 {
            let date = format!("{}-{:02}-{:02}", 2021 + n / 300, n % 12 + 1, n % 28 + 1);
            let text = event(&format!("Trade {n}"), &date, "trade");
            fs::write(dir.join(format!("t{n}.yaml")), text).unwrap();
        }
    });
    let b = dir.join("b.yaml");
    assert!(served.files().contains_key("tags/trade/page/3/index.html"));
    fs::write(&b, event("B", "2020-02-10", "early")).unwrap();
    assert!(site.update(std::slice::from_ref(&b)));
    served.apply(&mut site).unwrap();
    assert_same(&served, t.root(), "B moved into a month of its own");
    let trade = dir.join("t700.yaml");
    let text = fs::read_to_string(&trade).unwrap();
    fs::write(&trade, text.replace("Trade 700", "Trade 700, retitled")).unwrap();
    assert!(site.update(std::slice::from_ref(&trade)));
    served.apply(&mut site).unwrap();
    assert_same(&served, t.root(), "a trade event retitled");
}

/// Moves and edits of words, one after another at random, in a site where
/// one tag holds most of 900 events: its list, like the home list, is
/// long enough to keep its layout between edits of words, so each kind of
/// edit starts from what the other left. Each step equals a full build.
#[test]
fn moves_and_edits_of_words_interleaved_equal_a_full_build() {
    let events = 900;
    let mut tags = ["trade"; 8];
    tags[7] = "other";
    let Many {
        t,
        dir,
        mut rng,
        mut site,
        mut served,
        ..
    } = Many::tagged(23, events, &tags);
    let root = t.root().to_path_buf();
    assert!(served.files().contains_key("tags/trade/page/3/index.html"));
    for step in 0..24 {
        let n = rng.random_range(0..events);
        let path = dir.join(format!("e{n}.yaml"));
        let text = fs::read_to_string(&path).unwrap();
        let (year, month) = (2019 + rng.random_range(0..8), rng.random_range(1..13));
        let moves = step % 2 == 0;
        let edited: Vec<String> = text
            .lines()
            .map(|l| match (moves, l.split(':').next()) {
                (true, Some("date")) => format!("date: \"{year}-{month:02}\""),
                (false, Some("title")) => format!("title: Event {n} retitled {step}"),
                _ => l.to_string(),
            })
            .collect();
        fs::write(&path, edited.join("\n") + "\n").unwrap();
        assert!(site.update(std::slice::from_ref(&path)), "step {step}");
        served.apply(&mut site).unwrap();
        let what = if moves { "moved" } else { "retitled" };
        assert_same(&served, &root, &format!("step {step}: e{n} {what}"));
    }
}

/// One file of several events, one a draft: the words of an event in it
/// (or of a draft left out) edited in place, then its events changed in
/// number and draft, broken and mended, each step equal to a full build,
/// with drafts left out and with them shown (`annals serve`).
#[test]
fn files_of_several_events_and_drafts_edited_equal_a_full_build() {
    for drafts in [false, true] {
        let t = SiteTest::fixture("good");
        let dir = t.root().join("content/events/many");
        fs::create_dir_all(&dir).unwrap();
        // Ids given: an event of a list without one is named by its title.
        let event = |title: &str, date: &str, draft: bool| {
            let draft = if draft { "  draft: true\n" } else { "" };
            let id = title.split(',').next().unwrap().to_lowercase();
            format!(
                "- id: {id}\n  title: {title}\n  date: \"{date}\"\n{draft}  sources:\n    - source: daily\n      quote: \"In February, the government designated the cartels.\"\n"
            )
        };
        let list = dir.join("list.yaml");
        let single = dir.join("single.yaml");
        let write_list = |events: &[ListEvent]| {
            let text: String = events.iter().map(|(t, d, dr)| event(t, d, *dr)).collect();
            fs::write(&list, text).unwrap();
        };
        write_list(&[
            ("First", "2025-02", false),
            ("Second", "2025-03", false),
            ("Third", "2025-04", true),
        ]);
        // A file of one event: the list item's mapping, unindented.
        let write_single = |title: &str| {
            let item = event(title, "2025-05-06", false);
            let text = item.trim_start_matches("- ").replace("\n  ", "\n");
            fs::write(&single, text).unwrap();
        };
        write_single("Single");
        let (mut site, mut served) = (
            library::LiveSite::load_with_drafts(t.root(), drafts),
            Served::default(),
        );
        site.keep_render_cache();
        served.apply(&mut site).unwrap();
        let same = |served: &Served, what: &str| assert_same_drafts(served, t.root(), drafts, what);
        same(&served, "the first build");
        let steps: [(&str, &[ListEvent]); 5] = [
            (
                "words of the second event",
                &[
                    ("First", "2025-02", false),
                    ("Second, reworded", "2025-03", false),
                    ("Third", "2025-04", true),
                ],
            ),
            (
                "words of the draft",
                &[
                    ("First", "2025-02", false),
                    ("Second, reworded", "2025-03", false),
                    ("Third, reworded", "2025-04", true),
                ],
            ),
            (
                "the draft accepted",
                &[
                    ("First", "2025-02", false),
                    ("Second, reworded", "2025-03", false),
                    ("Third, reworded", "2025-04", false),
                ],
            ),
            (
                "an event taken out",
                &[
                    ("First", "2025-02", false),
                    ("Third, reworded", "2025-04", false),
                ],
            ),
            (
                "words after the change of shape",
                &[
                    ("First, again", "2025-02", false),
                    ("Third, reworded", "2025-04", false),
                ],
            ),
        ];
        for (what, events) in steps {
            write_list(events);
            assert!(site.update(std::slice::from_ref(&list)));
            served.apply(&mut site).unwrap();
            same(&served, &format!("drafts {drafts}: {what}"));
        }
        // Two files at once, then one broken and mended.
        write_list(&[
            ("First, twice", "2025-02", false),
            ("Third, reworded", "2025-04", false),
        ]);
        write_single("Single, reworded");
        assert!(site.update(&[list.clone(), single.clone()]));
        served.apply(&mut site).unwrap();
        same(&served, &format!("drafts {drafts}: two files"));
        fs::write(&single, "title: Broken\ndate: 2025-13\n").unwrap();
        assert!(site.update(std::slice::from_ref(&single)));
        assert!(served.apply(&mut site).is_err());
        write_single("Single, mended");
        assert!(site.update(std::slice::from_ref(&single)));
        served.apply(&mut site).unwrap();
        same(&served, &format!("drafts {drafts}: mended"));
        write_list(&[
            ("First, thrice", "2025-02", false),
            ("Third, reworded", "2025-04", false),
        ]);
        assert!(site.update(std::slice::from_ref(&list)));
        served.apply(&mut site).unwrap();
        same(&served, &format!("drafts {drafts}: words after mending"));
    }
}

/// An event of a list file: title, date, draft.
type ListEvent<'a> = (&'a str, &'a str, bool);

/// Compares the served files and warnings with a full build with or
/// without drafts, naming the files that differ.
fn assert_same_drafts(served: &Served, root: &Path, drafts: bool, what: &str) {
    let want = library::render_in_memory_with_drafts(root, drafts)
        .unwrap_or_else(|f| panic!("full build failed: {f}"));
    assert_eq!(
        served.warnings, want.warnings,
        "{what}: the warnings differ"
    );
    let (got, want): (BTreeMap<_, _>, BTreeMap<_, _>) =
        (served.files(), want.files.into_iter().collect());
    let differ: Vec<&String> = got
        .keys()
        .chain(want.keys())
        .filter(|path| got.get(*path) != want.get(*path))
        .collect();
    assert!(
        differ.is_empty(),
        "{what}: files differ from a full build: {differ:?}"
    );
}
