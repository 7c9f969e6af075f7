//! Measures what `annals serve` does after one event file changes: from
//! the changed path to the updated pages rendered, and to every file
//! (feeds, exports, search index) made. Three series of `EDITS` edits, one
//! at a time, each undone before the next: event titles (the event keeps
//! its place; the timeline is patched), event importances (patched where
//! the order keeps the event in its place; it may move among events of the
//! same start) and event dates, a year later (it moves; the timeline is
//! built anew). Prints the median and the slowest of each measure.
//!
//! Usage: incremental SITE_DIR [EDITS]   (bench/run.sh runs it)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use annals::outputs::MemoryTarget;
use annals::{Built, Site, Stage};

/// The allocator of the `annals` command, whose `serve` this measures.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// One rebuild after an edit, as `annals serve` makes it (its own
/// function, so that a profiler can look at it alone: `valgrind
/// --tool=callgrind --toggle-collect=*rebuild*`): what it built, and when
/// (since `started`) the updated pages were all rendered.
#[inline(never)]
fn rebuild(site: &mut Site, started: Instant) -> (Built, Duration) {
    let pages_done = std::cell::Cell::new(Duration::ZERO);
    let progress = |stage: Stage| {
        if let Stage::Writing { .. } = stage {
            pages_done.set(started.elapsed());
        }
    };
    let built = site
        .build(&MemoryTarget::default(), &progress)
        .expect("the edited site builds");
    (built, pages_done.get())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: incremental SITE_DIR [EDITS]"));
    let edits: usize = args
        .next()
        .map_or(20, |n| n.parse().expect("EDITS is a number"));

    let started = Instant::now();
    let mut site = Site::load(&root, None).expect("the site loads");
    site.keep_render_cache();
    rebuild(&mut site, started);
    let first = started.elapsed();

    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/events"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    // Spread the edits over the timeline.
    let step = (files.len() / edits.max(1)).max(1);
    files = files.into_iter().step_by(step).take(edits).collect();

    println!("first build {:.0} ms", first.as_secs_f64() * 1000.0);
    // The words of an event: it keeps its place, terms and references.
    measure(&mut site, &files, "title edits", |text, k| {
        text.replacen("title: \"", &format!("title: \"Edited {k} "), 1)
    });
    // Its importance: it may move among events of the same dates, and its
    // mark on the axis changes size.
    measure(&mut site, &files, "importance edits", |text, _| {
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            match line
                .strip_prefix("importance: ")
                .and_then(|n| n.trim().parse::<u8>().ok())
            {
                Some(n) => out.push_str(&format!("importance: {}\n", n % 5 + 1)),
                None => out.push_str(line),
            }
        }
        out
    });
    // Its date, a year later: it moves in time, past the events of that
    // year, onto another page of a long list now and then.
    measure(&mut site, &files, "date edits", |text, _| {
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            match line.strip_prefix("date: \"").map(a_year_later) {
                Some(date) => out.push_str(&format!("date: \"{date}")),
                None => out.push_str(line),
            }
        }
        out
    });
}

/// `rest` (a written date and what follows it) with its year one later:
/// `0429-09-28"` becomes `0430-09-28"`, `-0001"` becomes `0000"`.
fn a_year_later(rest: &str) -> String {
    let digits = usize::from(rest.starts_with('-')) + 4;
    let year: i64 = rest[..digits].parse().expect("a date starts with its year");
    let next = year + 1;
    let sign = if next < 0 { "-" } else { "" };
    format!("{sign}{:04}{}", next.abs(), &rest[digits..])
}

/// Edits each of `files` with `edit` (given the text and the edit's
/// number), rebuilds as `annals serve` does, restores it, and prints the
/// median and the slowest times to the updated pages and to every file.
fn measure(site: &mut Site, files: &[PathBuf], what: &str, edit: impl Fn(&str, usize) -> String) {
    let (mut to_pages, mut to_all, mut rendered) = (Vec::new(), Vec::new(), Vec::new());
    for (k, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("an event file");
        let edited = edit(&text, k);
        assert_ne!(text, edited, "{what}: {} is unchanged", path.display());
        std::fs::write(path, &edited).expect("write");
        let t = Instant::now();
        assert!(site.update(std::slice::from_ref(path)));
        let (built, pages_done) = rebuild(site, t);
        to_pages.push(pages_done);
        rendered.push(built.pages);
        to_all.push(t.elapsed());
        std::fs::write(path, text).expect("restore");
        assert!(site.update(std::slice::from_ref(path)));
        rebuild(site, Instant::now());
    }
    rendered.sort_unstable();
    println!(
        "{what} ({}): pages {:.1} ms median, {:.1} ms slowest ({}–{} pages rendered); all files {:.0} ms median",
        files.len(),
        median(to_pages.clone()).as_secs_f64() * 1000.0,
        to_pages.iter().max().unwrap().as_secs_f64() * 1000.0,
        rendered[0],
        rendered[rendered.len() - 1],
        median(to_all).as_secs_f64() * 1000.0,
    );
}
