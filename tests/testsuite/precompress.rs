//! `annals build --precompress`: a gzip copy beside every text file,
//! decompressing to the file's exact bytes, none for images or files too
//! small to gain; without the flag, none at all; and a rebuild leaves the
//! copies of unchanged files as they were.

use std::io::Read;
use std::process::Command;

use crate::support::SiteTest;

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn precompress_writes_gzip_copies_of_text_files_only() {
    let t = SiteTest::fixture("good");
    // An image from the site's static folder: not text, so no copies.
    let png: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    t.write("static/chart.png", &png);
    let plain = t.built();
    assert!(
        !plain.tree().keys().any(|p| p.ends_with(".gz")),
        "copies without --precompress"
    );
    let out = t.dir("compressed");
    t.build_into(&out).arg("--precompress").run().succeeds();
    let tree = out.tree();
    let mut copies = 0;
    for (path, bytes) in &tree {
        let Some(original) = path.strip_suffix(".gz") else {
            continue;
        };
        let unpacked = gunzip(bytes);
        assert_eq!(&unpacked, &tree[original], "{path}");
        assert!(bytes.len() < unpacked.len(), "{path} is no smaller");
        copies += 1;
    }
    // Every page has its copy; an image and files under 256 bytes have
    // none.
    for page in tree.keys().filter(|p| p.ends_with(".html")) {
        assert!(tree.contains_key(&format!("{page}.gz")), "{page}.gz");
    }
    assert!(tree.contains_key("chart.png") && !tree.contains_key("chart.png.gz"));
    for (path, bytes) in &tree {
        if bytes.len() < 256 {
            assert!(!tree.contains_key(&format!("{path}.gz")), "{path}.gz");
        }
    }
    assert!(tree.contains_key("style.css.gz") && tree.contains_key("events.json.gz"));
    assert!(copies > 20, "{copies} copies");
    // The originals are the build without the flag, byte for byte.
    let originals: std::collections::BTreeMap<_, _> = tree
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".gz"))
        .collect();
    assert_eq!(originals, plain.tree());
}

#[test]
fn precompressed_copies_are_read_by_gzip_and_kept_by_a_rebuild() {
    let t = SiteTest::fixture("good");
    let out = t.out();
    t.build().arg("--precompress").run().succeeds();
    // The system's gzip reads the copy (the format servers send as is).
    let gz = out.path().join("index.html.gz");
    let unpacked = Command::new("gzip").arg("-dc").arg(&gz).output().unwrap();
    assert!(unpacked.status.success());
    assert_eq!(unpacked.stdout, out.read("index.html").into_bytes());
    let before = std::fs::metadata(&gz).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    t.build().arg("--precompress").run().succeeds();
    let after = std::fs::metadata(&gz).unwrap().modified().unwrap();
    assert_eq!(before, after, "an unchanged page's copy was rewritten");
    // A changed page gets a new copy, of its new bytes.
    t.edit("content/events/designation.yaml", |s| {
        s.replace(
            "The government designates the cartels.",
            "The government designates six cartels.",
        )
    });
    t.build().arg("--precompress").run().succeeds();
    let page = out.read("events/designation/index.html");
    assert!(page.contains("six cartels"));
    let copy = std::fs::read(out.path().join("events/designation/index.html.gz")).unwrap();
    assert_eq!(gunzip(&copy), page.into_bytes());
}
