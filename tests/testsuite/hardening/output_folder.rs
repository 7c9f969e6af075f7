//! The output folder: a build is swapped in whole, so one killed at any
//! moment leaves a complete site; and the output is never the site itself
//! or a folder of other files.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use rand::{RngExt, SeedableRng};

use crate::support::{SiteTest, names_in, tree};

/// Writes `n` events whose titles carry `tag`, so two versions of a site
/// build to different outputs.
fn write_events(site: &SiteTest, n: usize, tag: &str) {
    let dir = site.path("content/events/many");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        fs::write(
            dir.join(format!("e{i}.yaml")),
            format!(
                "title: Event {i} {tag}\ndate: 2024-{:02}-{:02}\ntags: [t{}]\nsources:\n  - source: daily\n",
                i % 12 + 1,
                i % 28 + 1,
                i % 7
            ),
        )
        .unwrap();
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_output() {
    let site = SiteTest::fixture("good");
    // The two complete sites the output may hold.
    write_events(&site, 150, "A");
    let out = site.built();
    let a = out.tree();
    write_events(&site, 150, "B");
    let started = Instant::now();
    site.built();
    let full = started.elapsed();
    let b = out.tree();
    assert_ne!(a, b);

    let mut rng = rand::rngs::StdRng::seed_from_u64(50);
    let mut killed = 0;
    for run in 0..50 {
        write_events(&site, 150, if run % 2 == 0 { "A" } else { "B" });
        let mut child = site
            .build()
            .command()
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = full.mul_f64(rng.random_range(0.0..1.2));
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        let now = out.tree();
        assert!(
            now == a || now == b,
            "run {run}: the output is neither complete site"
        );
    }
    assert!(
        killed >= 10,
        "only {killed} of 50 builds were killed mid-way"
    );
    // The next build cleans up what the killed ones left behind.
    site.built();
    let left = names_in(site.scratch());
    assert_eq!(left.len(), 2, "{left:?}");
}

#[cfg(unix)]
#[test]
fn the_output_is_never_the_site_or_a_folder_annals_did_not_build() {
    let t = SiteTest::fixture("good");
    let (tmp, site) = (t.scratch(), t.root());
    std::os::unix::fs::symlink(site, tmp.join("link")).unwrap();
    let other = tmp.join("documents");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("letter.txt"), "keep me").unwrap();
    let before = tree(tmp);
    let cases: [(&Path, &Path, &str); 6] = [
        // Spelled plainly: refused before anything is read.
        (site, site, "refusing to use"),
        (site, &site.join("content"), "refusing to use"),
        (site, tmp, "refusing to use"),
        // Spelled so that the paths do not show it: the site through a
        // link, or with `..`; and a folder of other files.
        (&tmp.join("link"), site, "refusing to use"),
        (site, &site.join("../site"), "refusing to use"),
        (site, &other, "it is a folder that annals did not build"),
    ];
    for (root, out, message) in cases {
        let o = t
            .annals(&["build", "--root"])
            .arg(root)
            .arg("--output")
            .arg(out)
            .run();
        assert_eq!(o.code(), Some(2), "{}", out.display());
        assert!(
            o.stderr().contains(message),
            "{}: {}",
            out.display(),
            o.stderr()
        );
        assert_eq!(tree(tmp), before, "{}", out.display());
    }
    // An empty folder, or a site annals built, is replaced.
    let out = t.dir("public");
    fs::create_dir(out.path()).unwrap();
    t.build_into(&out).run().succeeds();
    t.build_into(&out).run().succeeds();
}
