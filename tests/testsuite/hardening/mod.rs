//! Broken and hostile input: every case gets a located message or is
//! handled, in bounded time and memory, never a panic; and a build killed
//! at any moment leaves the previous output complete. One module per
//! subject.

mod escaping;
mod exit_codes;
mod file_system;
mod hostile_files;
mod limits;
mod names_and_paths;
mod output_folder;
mod reproducible;
mod unsafe_values;

use crate::support::SiteTest;

/// `check --format short` of a copy of the good fixture with `files`
/// written into it (path, contents; `site.yaml` is replaced, the others
/// added): standard error and the exit code.
fn check_good_with<B: AsRef<[u8]>>(files: &[(&str, B)]) -> (String, Option<i32>) {
    let t = SiteTest::fixture("good");
    for (path, bytes) in files {
        t.write(path, bytes);
    }
    let o = t.check_as("short").run();
    (o.stderr(), o.code())
}

/// Files annals reads as text, one of each kind, with the start of a
/// valid file of that kind (`site.yaml` is replaced, the others added).
const TEXT_FILES: [(&str, &str); 4] = [
    (
        "content/events/broken.yaml",
        "title: A\ndate: 2025\nsummary: ",
    ),
    ("content/sources/broken.md", "---\ntitle: A\nauthor: "),
    ("site.yaml", "title: A\ndescription: "),
    ("templates/index.html", "{{ "),
];
