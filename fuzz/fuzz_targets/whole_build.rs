//! The whole build — loading, checking, every page, feed, calendar, export
//! and the search index — never panics, whatever the files say. The input
//! is a site: `site.yaml`, one events file and one source, separated by NUL
//! bytes. Run it on large inputs, where time that grows faster than a
//! field's size shows (`cargo fuzz run whole_build -- -max_len=1048576
//! -timeout=60`).
#![no_main]

use std::fs;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

/// This process's site folder, written again for each input.
fn site_dir() -> PathBuf {
    std::env::temp_dir().join(format!("annals-fuzz-build-{}", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let (config, events, source) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let root = site_dir();
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("content/events")).unwrap();
    fs::create_dir_all(root.join("content/sources")).unwrap();
    fs::write(root.join("site.yaml"), config).unwrap();
    fs::write(root.join("content/events/fuzz.yaml"), events).unwrap();
    fs::write(root.join("content/sources/fuzz.md"), source).unwrap();
    // A failure is an answer; only a panic (or a hang) is a bug.
    let _ = annals::check(&root, None, false);
});
