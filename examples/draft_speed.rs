//! How fast annals' temporal tagger is: TimeML documents in one process,
//! and a 10,000-word article. A measurement, not a test:
//!
//! ```sh
//! cargo run --release --example draft_speed -- [FOLDER_OF_TE3_INPUT_FILES]
//! ```
//!
//! Without a folder it tags tests/fixtures/draft/sample.tml. The rule
//! tables are compiled on first use; that one-off cost is shown apart.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use annals::draft::{Anchor, Language, annotate_timeml, tag};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<PathBuf> = match std::env::args_os().nth(1) {
        Some(dir) => {
            let mut f: Vec<PathBuf> = std::fs::read_dir(&dir)
                .expect("a folder of TempEval-3 input files")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            f.sort();
            f
        }
        None => vec![here.join("tests/fixtures/draft/sample.tml")],
    };
    let docs: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 text"))
        .collect();

    let t = Instant::now();
    annotate_timeml(&docs[0], Language::En).expect("a TimeML document");
    println!(
        "first document, rule tables compiled on the way: {:.1?}",
        t.elapsed()
    );

    let runs: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            for d in &docs {
                annotate_timeml(d, Language::En).expect("a TimeML document");
            }
            t.elapsed()
        })
        .collect();
    let words: usize = docs.iter().map(|d| d.split_whitespace().count()).sum();
    println!(
        "{} documents ({words} words): {:.1?} (median of 5)",
        docs.len(),
        median(runs)
    );

    let seed = std::fs::read_to_string(here.join("tests/fixtures/draft/seed-article.txt"))
        .expect("the seed article");
    let mut article = String::new();
    while article.split_whitespace().count() < 10_000 {
        article.push_str(&seed);
        article.push_str("\n\n");
    }
    let n = article.split_whitespace().count();
    let anchor = Anchor {
        date: chrono::NaiveDate::from_ymd_opt(2025, 5, 5).expect("a date"),
        time: None,
    };
    let mut found = 0;
    let runs: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            found = tag(&article, Language::En, anchor).expect("tagged").len();
            t.elapsed()
        })
        .collect();
    println!(
        "a {n}-word article: {:.1?} (median of 5), {found} expressions",
        median(runs)
    );
}
