//! Measures what `annals serve` does after one event file changes: from
//! the changed path to the updated pages rendered, and to every file
//! (feeds, exports, search index) made. Two series of `EDITS` edits, one
//! at a time, each undone before the next: event titles (the event keeps
//! its place; the timeline is patched) and event importances (it may move;
//! the timeline is built anew). Prints the median and the slowest of each
//! measure.
//!
//! Usage: incremental SITE_DIR [EDITS]   (bench/run.sh runs it)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use annals::live::Site;

/// The allocator of the `annals` command, whose `serve` this measures.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// One rebuild after an edit (its own function, so that a profiler can
/// look at it alone: `valgrind --tool=callgrind --toggle-collect=*rebuild*`).
#[inline(never)]
fn rebuild(site: &mut Site) -> annals::live::Built {
    site.build(&|_| {}).expect("the edited site builds")
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
    let built = site.build(&|_| {}).expect("the site builds");
    let mut pages: Vec<String> = built.pages.written.iter().map(|f| f.path.clone()).collect();
    let paths: Vec<&str> = pages.iter().map(String::as_str).collect();
    site.data(&paths).expect("the data files build");
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
    measure(&mut site, &files, &mut pages, "title edits", |text, k| {
        text.replacen("title: \"", &format!("title: \"Edited {k} "), 1)
    });
    // Its importance: it may move among events of the same dates, and its
    // mark on the axis changes size.
    measure(
        &mut site,
        &files,
        &mut pages,
        "importance edits",
        |text, _| {
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
        },
    );
}

/// Edits each of `files` with `edit` (given the text and the edit's
/// number), rebuilds as `annals serve` does, restores it, and prints the
/// median and the slowest times to the updated pages and to every file.
fn measure(
    site: &mut Site,
    files: &[PathBuf],
    pages: &mut Vec<String>,
    what: &str,
    edit: impl Fn(&str, usize) -> String,
) {
    let (mut to_pages, mut to_all, mut rendered) = (Vec::new(), Vec::new(), Vec::new());
    for (k, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("an event file");
        let edited = edit(&text, k);
        assert_ne!(text, edited, "{what}: {} is unchanged", path.display());
        std::fs::write(path, &edited).expect("write");
        let t = Instant::now();
        assert!(site.update(std::slice::from_ref(path)));
        let built = rebuild(site);
        to_pages.push(t.elapsed());
        rendered.push(built.pages.written.len());
        for gone in &built.pages.removed {
            pages.retain(|p| p != gone);
        }
        let paths: Vec<&str> = pages.iter().map(String::as_str).collect();
        site.data(&paths).expect("the data files build");
        to_all.push(t.elapsed());
        std::fs::write(path, text).expect("restore");
        assert!(site.update(std::slice::from_ref(path)));
        site.build(&|_| {}).expect("the restored site builds");
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
