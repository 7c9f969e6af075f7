//! Broken and hostile input: every case gets a located message or is
//! handled, in bounded time and memory, never a panic; and a build killed
//! at any moment leaves the previous output complete.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use rand::{RngExt, SeedableRng};

/// A copy of the good fixture with `events/broken.yaml` (or another file)
/// written as given; returns the `check --format short` output and code.
fn check_with(file: &str, bytes: &[u8]) -> (String, Option<i32>) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let path = site.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    let o = annals(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "short",
    ]);
    (stderr(&o), o.status.code())
}

#[test]
fn non_utf8_text_is_located_in_every_kind_of_file() {
    for (file, start) in TEXT_FILES {
        let mut bytes = start.as_bytes().to_vec();
        bytes.extend_from_slice(b"Caf\xe9\n");
        let line = start.matches('\n').count() + 1;
        let column = start.rsplit('\n').next().unwrap().chars().count() + 4;
        let (err, code) = check_with(file, &bytes);
        assert_eq!(code, Some(1), "{file}");
        assert!(
            err.contains(&format!(
                "{file}:{line}:{column}: error: file is not valid UTF-8\n"
            )),
            "{file}: {err}"
        );
    }
}

#[test]
fn non_utf8_text_is_located() {
    let (err, code) = check_with(
        "content/events/broken.yaml",
        b"title: Caf\xe9\ndate: 2025\n",
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/events/broken.yaml:1:11: error: file is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn byte_order_marks_and_crlf_line_ends_are_read() {
    let (err, code) = check_with(
        "content/events/windows.yaml",
        b"\xef\xbb\xbftitle: Saved on Windows\r\ndate: 2025-03\r\nsources:\r\n  - source: daily\r\n",
    );
    assert_eq!(code, Some(0), "{err}");
    let (err, code) = check_with(
        "content/sources/crlf.md",
        b"\xef\xbb\xbf---\r\ntitle: CRLF source\r\n---\r\nBody.\r\n",
    );
    assert_eq!(code, Some(0), "{err}");
    // Old Mac line ends (a lone CR): YAML counts them as line breaks, and
    // so do the locations of errors (found by the events fuzzer).
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    fs::write(
        site.join("content/events/mac.yaml"),
        b"title: Saved on a Mac\rdate: 2025-13\rsources:\r  - source: daily\r",
    )
    .unwrap();
    let o = annals(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("--> content/events/mac.yaml:2:12") && err.contains("2 | date: 2025-13"),
        "{err}"
    );
}

#[test]
fn empty_files_are_errors_with_a_hint() {
    let (err, code) = check_with("content/events/empty.yaml", b"");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/events/empty.yaml: error: empty events file"),
        "{err}"
    );
    let (err, _) = check_with("content/sources/empty.md", b"");
    assert!(
        err.contains("content/sources/empty.md:1:1: error: a source starts with YAML front matter between `---` lines"),
        "{err}"
    );
    let (err, _) = check_with("content/sources/bare.md", b"---\n---\nBody.\n");
    assert!(
        err.contains("content/sources/bare.md:2:1: error: source front matter is empty"),
        "{err}"
    );
    let (err, code) = check_with("site.yaml", b"# nothing yet\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("site.yaml:1:1: error: site.yaml is empty"),
        "{err}"
    );
}

#[test]
fn a_second_yaml_document_is_located() {
    let (err, code) = check_with(
        "content/events/two.yaml",
        b"title: A\ndate: 2025\n---\ntitle: B\ndate: 2025\n",
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/events/two.yaml:4:1: error: a second YAML document (after a `---` line): one event file holds one document"),
        "{err}"
    );
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

#[test]
fn an_alias_bomb_is_refused_quickly() {
    // "Billion laughs": nine levels of ten aliases each, in each kind of
    // YAML (an event, front matter, site.yaml).
    let mut bomb = String::from("lol0: &l0 [lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("lol{i}: &l{i} [{refs}]\n"));
    }
    for (file, text) in [
        (
            "content/events/bomb.yaml",
            format!("title: Bomb\ndate: 2025\n{bomb}"),
        ),
        (
            "content/sources/bomb.md",
            format!("---\ntitle: Bomb\n{bomb}---\n"),
        ),
        ("site.yaml", format!("title: Bomb\n{bomb}")),
    ] {
        let started = Instant::now();
        let (err, code) = check_with(file, text.as_bytes());
        assert_eq!(code, Some(1), "{file}: {err}");
        assert!(err.contains(&format!("{file}:")), "{err}");
        // Bounded: seconds, not the hours an expansion would take.
        assert!(started.elapsed() < Duration::from_secs(20), "{file}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Block style on one line: `- - - … x` is a sequence in a sequence…
    let block = format!("  {}x\n", "- ".repeat(depth));
    for (file, text, line) in [
        (
            "content/events/deep.yaml",
            format!("title: Deep\ndate: 2025\nsummary: {deep}\n"),
            3,
        ),
        (
            "content/events/block.yaml",
            format!("title: Deep\ndate: 2025\ntags:\n{block}"),
            4,
        ),
        (
            "content/sources/deep.md",
            format!("---\ntitle: Deep\ntags: {deep}\n---\n"),
            3,
        ),
        ("site.yaml", format!("title: Deep\neras: {deep}\n"), 2),
    ] {
        let (err, code) = check_with(file, text.as_bytes());
        assert_eq!(code, Some(1), "{file}: {err}");
        assert!(err.contains(&format!("{file}:{line}:")), "{file}: {err}");
    }
}

/// A template nested 10,000 deep: refused by Tera's own depth limit.
#[test]
fn a_deeply_nested_template_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let text = format!(
        "{}{}",
        "{% if true %}".repeat(depth),
        "{% endif %}".repeat(depth)
    );
    let (err, code) = check_with("templates/index.html", text.as_bytes());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "templates/index.html:1:519: error: template error: The template nesting is too deep"
        ),
        "{err}"
    );
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    for (file, start) in TEXT_FILES {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_tree(&fixture("good"), &site);
        let path = site.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        // 200 MB, sparse: costs no disk, but annals must not read it.
        fs::write(&path, start).unwrap();
        fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(200 * 1024 * 1024)
            .unwrap();
        let started = Instant::now();
        let o = annals(&[
            "check",
            "--root",
            site.to_str().unwrap(),
            "--format",
            "short",
        ]);
        assert!(started.elapsed() < Duration::from_secs(5), "{file}");
        assert_eq!(o.status.code(), Some(1), "{file}");
        assert!(
            stderr(&o).contains(&format!(
                "{file}: error: file is too large: 200 MB (the limit is 16 MB)\n"
            )),
            "{}",
            stderr(&o)
        );
    }
}

/// Unreadable files and folders (permissions 000). Root reads them anyway
/// (permissions do not bind it), so as root annals is run as the user
/// `nobody` (setpriv, util-linux): a real refusal, not a simulated one.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_files_and_folders_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let locked = [
        ("content/events/locked.yaml", "title: L\ndate: 2025\n"),
        ("content/sources/locked.md", "---\ntitle: L\n---\nText.\n"),
        ("templates/index.html", "{{ site.title }}"),
        ("static/locked.css", "p {}"),
        (
            "content/events/sealed/inside.yaml",
            "title: S\ndate: 2025\n",
        ),
    ];
    for (file, text) in locked {
        let path = site.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let sealed = site.join("content/events/sealed");
    fs::set_permissions(&sealed, fs::Permissions::from_mode(0o000)).unwrap();
    let root = fs::read(site.join("content/events/locked.yaml")).is_ok();
    let mut command = if root {
        eprintln!("running as root, which permissions do not stop: annals runs as `nobody`");
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_annals"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_annals"))
    };
    let o = command
        .args([
            "check",
            "--root",
            site.to_str().unwrap(),
            "--format",
            "short",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("setpriv (util-linux) runs annals as nobody");
    fs::set_permissions(&sealed, fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for path in [
        "content/events/locked.yaml",
        "content/events/sealed",
        "content/sources/locked.md",
        "templates/index.html",
        "static/locked.css",
    ] {
        assert!(
            err.contains(&format!(
                "{path}: error: cannot read: Permission denied (os error 13)\n"
            )),
            "{path}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    std::os::unix::fs::symlink("..", site.join("content/events/loop")).unwrap();
    let o = annals(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "short",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/events/loop: error: symbolic link loop"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_site_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    fs::write(tmp.path().join("secret.txt"), "private").unwrap();
    fs::create_dir_all(site.join("static")).unwrap();
    std::os::unix::fs::symlink(
        tmp.path().join("secret.txt"),
        site.join("static/secret.txt"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = annals(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("error: symbolic link to a file outside the site\n--> static/secret.txt"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

/// Writes `n` events whose titles carry `tag`, so two versions of a site
/// build to different outputs.
fn write_events(site: &Path, n: usize, tag: &str) {
    let dir = site.join("content/events/many");
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
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let out = tmp.path().join("out");
    // The two complete sites the output may hold.
    write_events(&site, 150, "A");
    build(&site, &out);
    let a = tree(&out);
    write_events(&site, 150, "B");
    let started = Instant::now();
    build(&site, &out);
    let full = started.elapsed();
    let b = tree(&out);
    assert_ne!(a, b);

    let mut rng = rand::rngs::StdRng::seed_from_u64(50);
    let mut killed = 0;
    for run in 0..50 {
        write_events(&site, 150, if run % 2 == 0 { "A" } else { "B" });
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args([
                "build",
                "--root",
                site.to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let wait = full.mul_f64(rng.random_range(0.0..1.2));
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        let now = tree(&out);
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
    build(&site, &out);
    let left: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn the_output_does_not_depend_on_the_machines_zone_or_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for (tz, lang) in [
        ("UTC", "C"),
        ("Asia/Tokyo", "de_DE.UTF-8"),
        ("America/Mexico_City", "es_MX.UTF-8"),
    ] {
        let out = tmp.path().join(tz.replace('/', "-"));
        let o = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args([
                "build",
                "--root",
                fixture("dates").to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .env("TZ", tz)
            .env("LC_ALL", lang)
            .env("LANG", lang)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        trees.push(tree(&out));
    }
    assert!(trees.windows(2).all(|w| w[0] == w[1]));
}

/// The attributes of a tag's inside (`a href="x" onclick=y`), as
/// (lowercase name, value) pairs, honouring quotes.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = tag.chars().skip_while(|c| !c.is_whitespace()).peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/'))
                .collect();
        if name.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    value = std::iter::from_fn(|| chars.next_if(|c| *c != q)).collect();
                    chars.next();
                }
                _ => value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect(),
            }
        }
        out.push((name.to_ascii_lowercase(), value));
    }
    out
}

/// Every tag in `html` that could run script: a `<script>` without `src`,
/// an `on…` handler attribute, or a `javascript:` URL.
fn executable_tags(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for chunk in html.split('<').skip(1) {
        let tag = chunk.split('>').next().unwrap_or("");
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let attrs = attributes(tag);
        let handler = attrs.iter().any(|(n, _)| n.starts_with("on"));
        let script_url = attrs.iter().any(|(_, v)| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")
        });
        // Data blocks (JSON-LD) do not run.
        let data_block = attrs
            .iter()
            .any(|(n, v)| n == "type" && v.eq_ignore_ascii_case("application/ld+json"));
        let inline_script =
            name == "script" && !data_block && !attrs.iter().any(|(n, _)| n == "src");
        if handler || script_url || inline_script {
            found.push(tag.to_string());
        }
    }
    found
}

#[test]
fn the_script_detector_finds_what_runs_and_only_that() {
    assert_eq!(executable_tags("<img src=x onerror=alert(1)>").len(), 1);
    assert_eq!(executable_tags("<a HREF=' javascript:x'>").len(), 1);
    assert_eq!(executable_tags("<script>x()</script>").len(), 1);
    assert!(executable_tags("<script src=\"a.js\"></script>").is_empty());
    assert!(executable_tags("<p title=\"onload=x &quot;javascript:\">").is_empty());
}

#[test]
fn unsafe_html_true_lets_raw_html_through() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("hostile"), &site);
    let config = fs::read_to_string(site.join("site.yaml")).unwrap();
    fs::write(
        site.join("site.yaml"),
        format!("{config}unsafe_html: true\n"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    build(&site, &out);
    assert!(!executable_tags(&page(&out, "sources/evil/index.html")).is_empty());
}

#[test]
fn hostile_content_is_escaped_or_sanitised_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&fixture("hostile"), &out);
    let mut pages = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert_eq!(executable_tags(&html), Vec::<String>::new(), "{path}");
        pages += 1;
    }
    assert!(pages >= 10, "{pages} pages");
    // What was written as text is still there, as text.
    let source = page(&out, "sources/evil/index.html");
    assert!(source.contains("He wrote &lt;img src=x onerror="));
    assert!(
        source.contains("<a href=\"#\">a link</a>"),
        "sanitised, not dropped"
    );
}

#[test]
fn the_output_does_not_depend_on_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for threads in ["1", "2", "8"] {
        let out = tmp.path().join(threads);
        let o = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args([
                "build",
                "--root",
                repo().to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        trees.push(tree(&out));
    }
    assert!(trees.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn hostile_content_stays_text_in_the_search_index() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(&fixture("hostile"), &out);
    let files = tree(&out.join("search/data"));
    assert!(!files.is_empty());
    for (path, bytes) in &files {
        // Inert even if a server sends it as HTML: no markup at all.
        assert!(
            !bytes.iter().any(|b| matches!(b, b'<' | b'>' | b'&')),
            "search/data/{path} holds markup characters"
        );
    }
    // The payloads are there as the text they were written as.
    let search = page(&out, "search/index.html");
    let manifest = search_data(&out, &attr_values(&search, "data-manifest")[0]);
    let docs = search_data(&out, manifest["doc_files"][0].as_str().unwrap());
    assert_eq!(
        docs[0][0],
        "<script>document.documentElement.setAttribute('data-pwned','event-title')</script>"
    );
    assert!(
        docs.as_array().unwrap().iter().any(|d| d[4][1][1]
            .as_str()
            .is_some_and(|p| p.contains("He wrote <img src=x onerror="))),
        "{docs}"
    );
    // The script that shows them never parses text as HTML.
    let script = page(&out, "search.js");
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
        "setAttribute('on",
    ] {
        assert!(!script.contains(sink), "search.js uses {sink}");
    }
}

/// `check --format short` of a copy of the good fixture with `files`
/// added (path, text); returns standard error and the exit code.
fn check_site(files: &[(&str, &str)]) -> (String, Option<i32>) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    for (path, text) in files {
        let path = site.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let o = annals(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "short",
    ]);
    (stderr(&o), o.status.code())
}

#[test]
fn ids_must_make_a_folder_that_exists_everywhere() {
    let (err, code) = check_site(&[
        (
            "content/events/list.yaml",
            "- title: \"!!!\"\n  date: 2025\n- title: Nul\n  date: 2025\n- id: Con\n  title: A\n  date: 2025\n- id: lpt1\n  title: B\n  date: 2025\n- id: \"a\\\\b\"\n  title: C\n  date: 2025\n- id: /etc/passwd\n  title: D\n  date: 2025\n- id: ../up\n  title: E\n  date: 2025\n",
        ),
        ("content/events/aux.yaml", "title: F\ndate: 2025\n"),
        (
            "content/events/nul.yaml",
            "id: \"a\\0b\"\ntitle: N\ndate: 2025\n",
        ),
        ("content/events/¿¿.yaml", "title: G\ndate: 2025\n"),
        ("content/sources/PRN.md", "---\ntitle: H\n---\nText.\n"),
    ]);
    assert_eq!(code, Some(1));
    for line in [
        "content/events/aux.yaml:1:8: error: event id `aux` is a device name reserved by Windows",
        "content/events/list.yaml:1:10: error: cannot make the event id from the title `!!!`: it has no letters or digits",
        "content/events/list.yaml:3:10: error: event id `nul` is a device name reserved by Windows",
        "content/events/list.yaml:5:7: error: event id `Con` is not a slug",
        "content/events/list.yaml:8:7: error: event id `lpt1` is a device name reserved by Windows",
        "content/events/list.yaml:11:7: error: event id `a\\b` is not a slug",
        "content/events/nul.yaml:1:7: error: `\\0` writes U+0000, which pages, feeds and calendars cannot hold",
        "content/events/list.yaml:14:7: error: event id `/etc/passwd` is not a slug",
        "content/events/list.yaml:17:7: error: event id `../up` is not a slug",
        "content/events/¿¿.yaml:1:8: error: cannot make the event id from the file name `¿¿.yaml`: it has no letters or digits",
        "content/sources/PRN.md:1:1: error: source id `prn` is a device name reserved by Windows",
    ] {
        assert!(err.contains(&format!("{line}\n")), "missing: {line}\n{err}");
    }
}

#[test]
fn file_names_that_differ_only_in_case_are_one_id_reported_with_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    fs::write(
        site.join("content/events/Refusal.yaml"),
        "title: Again\ndate: 2025\n",
    )
    .unwrap();
    let o = annals(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error: duplicate event id `refusal`"), "{err}");
    // Both files named: the second as the location, the first in the hint.
    assert!(err.contains("--> content/events/refusal.yaml:"), "{err}");
    assert!(
        err.contains("`refusal` is already the id of the event at content/events/Refusal.yaml:1:8"),
        "{err}"
    );
}

#[test]
fn terms_that_slug_the_same_are_one_term_and_each_other_spelling_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    fs::write(
        site.join("content/events/spellings.yaml"),
        "- title: First\n  date: 2024-01\n  places: [Mexico, \"../../outside\", /etc/passwd, \"a\\tb\", C:\\\\Windows]\n  sources: [{source: daily}]\n- title: Second\n  date: 2024-02\n  places: [mexico, México]\n  sources: [{source: daily}]\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = annals(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("warning: place `mexico` is also written `Mexico`\n --> content/events/spellings.yaml:7:12"), "{err}");
    assert!(
        err.contains("warning: place `México` is also written `Mexico`"),
        "{err}"
    );
    assert!(
        err.contains("both are the one place `mexico`, shown as `Mexico` (its spelling at content/events/spellings.yaml:3:12, the earliest event)"),
        "{err}"
    );
    // One page, listing both events, under the first spelling.
    let page_ = page(&out, "places/mexico/index.html");
    assert!(page_.contains("<h1>Mexico</h1>"), "{page_}");
    assert!(page_.contains("events/first/") && page_.contains("events/second/"));
    // The second event links to it under that spelling too.
    assert!(page(&out, "events/second/index.html").contains("places/mexico/index.html\">Mexico<"));
    // Path-like names become plain folders inside the output; nothing is
    // written anywhere else.
    for dir in ["outside", "etc-passwd", "a-b", "c-windows"] {
        assert!(
            out.join("places").join(dir).join("index.html").is_file(),
            "{dir}"
        );
    }
    let mut left: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["out", "site"]);
}

#[test]
fn terms_without_a_folder_name_that_works_everywhere_are_errors() {
    let (err, code) = check_site(&[(
        "content/events/terms.yaml",
        "title: Terms\ndate: 2025\ntags: [\"!!!\", con]\nactors: [Aux]\nplaces: [\"—\", NUL, COM1]\n",
    )]);
    assert_eq!(code, Some(1));
    for line in [
        "content/events/terms.yaml:3:8: error: tag `!!!` has no letters or digits to make its address from",
        "content/events/terms.yaml:3:15: error: tag `con` would have the folder `tags/con/`, a device name reserved by Windows",
        "content/events/terms.yaml:4:10: error: actor `Aux` would have the folder `actors/aux/`, a device name reserved by Windows",
        "content/events/terms.yaml:5:10: error: place `—` has no letters or digits to make its address from",
        "content/events/terms.yaml:5:15: error: place `NUL` would have the folder `places/nul/`, a device name reserved by Windows",
        "content/events/terms.yaml:5:20: error: place `COM1` would have the folder `places/com1/`, a device name reserved by Windows",
    ] {
        assert!(err.contains(&format!("{line}\n")), "missing: {line}\n{err}");
    }
}

#[test]
fn static_files_that_differ_only_in_case_are_an_error_naming_both() {
    let (err, code) = check_site(&[("static/img/Map.png", "a"), ("static/img/map.png", "b")]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("static/img/map.png: error: `static/img/Map.png` and `static/img/map.png` differ only in case\n"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn the_output_is_never_the_site_or_a_folder_annals_did_not_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    std::os::unix::fs::symlink(&site, tmp.path().join("link")).unwrap();
    let other = tmp.path().join("documents");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("letter.txt"), "keep me").unwrap();
    let before = tree(tmp.path());
    let cases: [(&Path, &Path, &str); 6] = [
        // Spelled plainly: refused before anything is read.
        (&site, &site, "refusing to use"),
        (&site, &site.join("content"), "refusing to use"),
        (&site, tmp.path(), "refusing to use"),
        // Spelled so that the paths do not show it: the site through a
        // link, or with `..`; and a folder of other files.
        (&tmp.path().join("link"), &site, "refusing to use"),
        (&site, &site.join("../site"), "refusing to use"),
        (&site, &other, "it is a folder that annals did not build"),
    ];
    for (root, out, message) in cases {
        let o = annals(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", out.display());
        assert!(
            stderr(&o).contains(message),
            "{}: {}",
            out.display(),
            stderr(&o)
        );
        assert_eq!(tree(tmp.path()), before, "{}", out.display());
    }
    // An empty folder, or a site annals built, is replaced.
    let out = tmp.path().join("public");
    fs::create_dir(&out).unwrap();
    build(&site, &out);
    build(&site, &out);
}

#[test]
fn base_urls_are_checked_in_site_yaml_and_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&fixture("good"), &site);
    let config = fs::read_to_string(site.join("site.yaml")).unwrap();
    fs::write(
        site.join("site.yaml"),
        format!("{config}base_url: \"https://example.org/\\\"><script>alert(1)</script>\"\n"),
    )
    .unwrap();
    let o = annals(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "short",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("site.yaml:3:11: error: `https://example.org/\"><script>alert(1)</script>` is not a valid URL: it holds '\"'"),
        "{}",
        stderr(&o)
    );
    fs::write(site.join("site.yaml"), &config).unwrap();
    for url in ["javascript:alert(1)//", "https://example.org/<script>"] {
        let o = annals(&[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            tmp.path().join("out").to_str().unwrap(),
            "--base-url",
            url,
        ]);
        assert_eq!(o.status.code(), Some(2), "{url}");
        assert!(stderr(&o).contains("invalid value"), "{}", stderr(&o));
        assert!(!tmp.path().join("out").exists());
    }
}

/// A panic is reported as an internal error with exit code 2. annals has
/// no known way left to panic, so debug builds (these tests') panic on
/// `ANNALS_DEBUG_PANIC`; release builds have no such switch.
#[cfg(all(target_os = "linux", debug_assertions))]
#[test]
fn a_panic_is_an_internal_error_with_exit_code_2() {
    let run = |stderr_: std::process::Stdio| {
        Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["check", "--root", fixture("good").to_str().unwrap()])
            .env("ANNALS_DEBUG_PANIC", "1")
            .stderr(stderr_)
            .output()
            .unwrap()
    };
    let o = run(std::process::Stdio::piped());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("error: internal error in annals "), "{err}");
    assert!(err.contains("ANNALS_DEBUG_PANIC is set"), "{err}");
    assert!(err.contains("This is a bug. Please file an issue"), "{err}");
    // With standard error unwritable, the hook must not panic again (that
    // would abort, killed by a signal): still exit code 2.
    let o = run(full_device().into());
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(target_os = "linux")]
fn full_device() -> fs::File {
    fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap()
}

/// The JSON report to a standard output that cannot take it: a full
/// device is an I/O failure (exit code 2, said on stderr); a reader that
/// stopped reading (`| head`) is not, and the check's own code stands.
#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_an_io_failure_unless_the_reader_left() {
    let run = |root: &str, stdout: std::process::Stdio| {
        Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["check", "--root", root, "--format", "json"])
            .stdout(stdout)
            .output()
            .unwrap()
    };
    let (good, bad) = (fixture("good"), fixture("errors/unknown-source"));
    for (root, code) in [(&good, 0), (&bad, 1)] {
        let root = root.to_str().unwrap();
        let o = run(root, full_device().into());
        assert_eq!(o.status.code(), Some(2), "{root}");
        assert_eq!(
            stderr(&o),
            "error: cannot write to standard output: No space left on device (os error 28)\n",
            "{root}"
        );
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = run(root, writer.into());
        assert_eq!(o.status.code(), Some(code), "{root}");
        assert_eq!(stderr(&o), "", "{root}");
    }
}

#[test]
fn control_characters_written_as_escapes_are_located_errors() {
    let (err, code) = check_site(&[
        (
            "content/events/ctl.yaml",
            "title: \"Bell \\a and \\x1b[31m\"\ndate: 2025\nsummary: C:\\x01 is plain text here\n",
        ),
        (
            "content/sources/nul.md",
            "---\ntitle: \"Nul \\0 byte\"\n---\nText.\n",
        ),
        (
            "content/events/fine.yaml",
            "title: \"Tab\\tand line\\r\\nbreaks are text\"\ndate: 2025\n",
        ),
    ]);
    assert_eq!(code, Some(1));
    for line in [
        "content/events/ctl.yaml:1:14: error: `\\a` writes U+0007, which pages, feeds and calendars cannot hold\n",
        "content/sources/nul.md:2:13: error: `\\0` writes U+0000, which pages, feeds and calendars cannot hold\n",
    ] {
        assert!(err.contains(line), "missing: {line}\n{err}");
    }
    assert!(!err.contains("fine.yaml:1:8: error"), "{err}");
    assert_eq!(err.matches(": error: ").count(), 2, "{err}");
}

#[test]
fn updated_with_a_payload_is_an_invalid_date() {
    let (err, code) = check_site(&[(
        "content/events/updated.yaml",
        "title: A\ndate: 2025\nupdated: \"<script>alert(1)</script>\"\n",
    )]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "content/events/updated.yaml:3:11: error: invalid date `<script>alert(1)</script>`"
        ),
        "{err}"
    );
}

/// Undoes the XML escapes of text or an attribute value.
fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The texts of `<NAME type="html">…</NAME>` elements of a feed, unescaped:
/// the HTML a feed reader renders.
fn feed_html(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name} type=\"html\">");
    xml.split(&open)
        .skip(1)
        .map(|rest| xml_unescape(rest.split(&format!("</{name}>")).next().unwrap()))
        .collect()
}

/// Every string in a JSON value.
fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(m) => m.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// The unfolded content lines of an iCalendar file.
fn ics_lines(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in ics.split("\r\n") {
        match line.strip_prefix(' ') {
            Some(more) => lines.last_mut().unwrap().push_str(more),
            None => lines.push(line.to_string()),
        }
    }
    lines
}

/// Every file of the hostile fixture's build (with a base URL, so that the
/// sitemap and absolute links exist), each checked in the context of its
/// format: nothing in it can run where it is rendered.
#[test]
fn hostile_content_is_inert_in_every_file_for_its_format() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = annals(&[
        "build",
        "--root",
        fixture("hostile").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://example.org/a&b'c/",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = tree(&out);
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for (path, bytes) in &files {
        let ext = path.rsplit('.').next().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap_or_default();
        match ext {
            "html" => {
                assert_eq!(executable_tags(&text), Vec::<String>::new(), "{path}");
                // JSON-LD cannot close its element or open a comment.
                for block in text.split("<script type=\"application/ld+json\">").skip(1) {
                    let json = block.split("</script>").next().unwrap();
                    assert!(!json.contains('<') && !json.contains('>'), "{path}: {json}");
                    serde_json::from_str::<serde_json::Value>(json).unwrap();
                }
            }
            "xml" => {
                // As XML: no element or attribute that runs; as what a feed
                // reader renders: the HTML summaries, likewise.
                assert_eq!(executable_tags(&text), Vec::<String>::new(), "{path}");
                for html in feed_html(&text, "summary")
                    .into_iter()
                    .chain(feed_html(&text, "content"))
                {
                    assert_eq!(
                        executable_tags(&html),
                        Vec::<String>::new(),
                        "{path}: {html}"
                    );
                }
                assert!(!text.contains("<script"), "{path}");
            }
            "json" => {
                // No markup characters at all, even if served as HTML...
                assert!(!text.contains(['<', '>']), "{path} holds markup");
                // ...and the HTML inside what TimelineJS shows as HTML (text,
                // captions, headlines) is clean. events.json is data for
                // programs: the text as written, checked below.
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                if path == "timeline.json" {
                    let mut strings = Vec::new();
                    json_strings(&value, &mut strings);
                    for s in &strings {
                        assert_eq!(executable_tags(s), Vec::<String>::new(), "{path}: {s}");
                    }
                }
            }
            "ics" => {
                // One VEVENT per BEGIN, every line a property: line breaks
                // in titles, summaries and terms cannot end a value.
                let lines = ics_lines(&text);
                assert!(text.ends_with("END:VCALENDAR\r\n"), "{path}");
                for line in &lines[..lines.len() - 1] {
                    let name = line.split([':', ';']).next().unwrap();
                    assert!(
                        !name.is_empty()
                            && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'-'),
                        "{path}: not a property: {line:?}"
                    );
                    assert!(!line.contains('\r'), "{path}: bare CR in {line:?}");
                }
                assert_eq!(
                    lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
                    lines.iter().filter(|l| l.starts_with("UID:")).count(),
                    "{path}"
                );
            }
            "js" if path.starts_with("search/") => {
                assert!(
                    !bytes.iter().any(|b| matches!(b, b'<' | b'>' | b'&')),
                    "{path}"
                );
            }
            "js" | "css" | "svg" => {
                // Built-in files, the same for every site: no content in them.
                let builtin = tree(&tmp.path().join("out"));
                assert!(builtin.contains_key(path));
            }
            other => panic!("{path}: a kind of file this test does not know ({other})"),
        }
        *seen.entry(ext).or_default() += 1;
    }
    for ext in ["html", "xml", "json", "ics", "js"] {
        assert!(seen.contains_key(ext), "no .{ext} file: {seen:?}");
    }
    assert!(files.contains_key("sitemap.xml"));
    // Every payload is still there, as text: in the calendar (a title with
    // line breaks stays one SUMMARY), in events.json and in the eras.
    let ics = ics_lines(&page(&out, "calendar.ics").replace("\\n", "\n"));
    assert!(
        ics.iter()
            .any(|l| l.starts_with("SUMMARY:Line\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected")),
        "{ics:?}"
    );
    let events: serde_json::Value = serde_json::from_str(&page(&out, "events.json")).unwrap();
    assert_eq!(
        events["eras"][0]["title"],
        "\"><svg onload=\"document.documentElement.setAttribute('data-pwned','era-attr')\">"
    );
    assert_eq!(
        events["events"][0]["title"],
        "<script>document.documentElement.setAttribute('data-pwned','event-title')</script>"
    );
}

/// A site whose files are created in the given order, in a tmpfs
/// (/dev/shm), which lists a folder in the order its files were created:
/// so two sites made in opposite orders are listed differently.
fn site_made_in_order(dir: &Path, reverse: bool) -> std::path::PathBuf {
    let site = dir.join("site");
    fs::create_dir_all(site.join("content/events")).unwrap();
    fs::create_dir_all(site.join("content/sources")).unwrap();
    fs::copy(fixture("good").join("site.yaml"), site.join("site.yaml")).unwrap();
    fs::copy(
        fixture("good").join("content/sources/daily.md"),
        site.join("content/sources/daily.md"),
    )
    .unwrap();
    let mut files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("content/events/e{i:02}.yaml"),
                // Same date and importance: only the id orders them; tags
                // spelled differently test which spelling is "first".
                format!(
                    "title: Event {i}\ndate: 2025-03\ntags: [{}]\nsources: [{{source: daily}}]\n",
                    if i % 2 == 0 { "Border" } else { "border" }
                ),
            )
        })
        .collect();
    // Two files with one id: which one is reported as the duplicate must
    // not depend on the listing either.
    files.push((
        "content/events/dup-a.yaml".into(),
        "id: twin\ntitle: A\ndate: 2024\n".into(),
    ));
    files.push((
        "content/events/dup-b.yaml".into(),
        "id: twin\ntitle: B\ndate: 2024\n".into(),
    ));
    if reverse {
        files.reverse();
    }
    for (path, text) in files {
        fs::write(site.join(path), text).unwrap();
    }
    site
}

#[cfg(target_os = "linux")]
#[test]
fn the_output_does_not_depend_on_the_order_files_are_listed_in() {
    let shm = tempfile::tempdir_in("/dev/shm").expect("/dev/shm is a tmpfs on Linux");
    let forward = site_made_in_order(&shm.path().join("forward"), false);
    let backward = site_made_in_order(&shm.path().join("backward"), true);
    let listing = |site: &Path| -> Vec<String> {
        fs::read_dir(site.join("content/events"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    // The file system really lists them differently.
    let (a, mut b) = (listing(&forward), listing(&backward));
    assert_ne!(
        a, b,
        "the two sites are listed alike: the test would prove nothing"
    );
    b.sort();
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(sorted, b);
    // The same errors, word for word and in the same order...
    let check = |site: &Path| {
        let o = annals(&["check", "--root", site.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        stderr(&o).replace(site.to_str().unwrap(), "SITE")
    };
    let errors = check(&forward);
    assert!(
        errors.contains("duplicate event id `twin`\n --> content/events/dup-b.yaml"),
        "{errors}"
    );
    assert_eq!(errors, check(&backward));
    // ...and, once fixed, the same site byte for byte.
    for site in [&forward, &backward] {
        fs::remove_file(site.join("content/events/dup-b.yaml")).unwrap();
    }
    let out = shm.path().join("out");
    build(&forward, &out.join("forward"));
    build(&backward, &out.join("backward"));
    assert_eq!(tree(&out.join("forward")), tree(&out.join("backward")));
}

/// libfaketime, which Debian's `faketime` package installs.
fn libfaketime() -> std::path::PathBuf {
    let found = fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("faketime/libfaketime.so.1"))
        .find(|p| p.is_file());
    found.expect("libfaketime is missing: apt-get install faketime")
}

/// The `annals` binary with its clock set to `when` (and running on).
fn annals_at(when: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_annals"));
    c.env("LD_PRELOAD", libfaketime())
        .env("FAKETIME", format!("@{when}"))
        .env("NO_COLOR", "1");
    c
}

/// Nothing in a build comes from the clock: two builds, with the clock set
/// to 2001 and to 2039 (libfaketime), are identical.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "needs faketime (Debian package faketime): run scripts/test.sh"]
fn the_output_does_not_depend_on_the_current_date() {
    // The fake clock reaches annals: its dev server dates its responses.
    let mut serve = annals_at("2001-02-03 04:05:06")
        .args([
            "serve",
            "--root",
            fixture("good").to_str().unwrap(),
            "--port",
            "0",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = std::io::BufReader::new(serve.stderr.take().unwrap());
    let addr = loop {
        let mut line = String::new();
        let n = std::io::BufRead::read_line(&mut log, &mut line).unwrap();
        assert_ne!(n, 0, "serve stopped");
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    std::io::Write::write_all(
        &mut s,
        b"HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut head = String::new();
    std::io::Read::read_to_string(&mut s, &mut head).unwrap();
    serve.kill().unwrap();
    serve.wait().unwrap();
    assert!(
        head.to_ascii_lowercase().contains("date: sat, 03 feb 2001"),
        "{head}"
    );

    let tmp = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for when in ["2001-02-03 04:05:06", "2039-12-31 23:59:59"] {
        let out = tmp.path().join(&when[..4]);
        let o = annals_at(when)
            .args(["build", "--root", repo().to_str().unwrap(), "--output"])
            .arg(&out)
            .args(["--base-url", "https://example.org/"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        trees.push(tree(&out));
    }
    assert!(trees[0] == trees[1], "a build depends on the date");
}

#[test]
fn unsafe_links_in_media_captions_and_credits_are_located_errors() {
    let (err, code) = check_site(&[(
        "content/events/media.yaml",
        "title: M\ndate: 2025\nmedia:\n  url: map.png\n  caption: \"See [the map](javascript:alert(1))\"\n  credit: \"[Agency](  DATA:text/html,x)\"\n",
    )]);
    assert_eq!(code, Some(1));
    for line in [
        "content/events/media.yaml:5:27: error: unsafe link `javascript:alert(1)`\n",
        "content/events/media.yaml:6:23: error: unsafe link `DATA:text/html,x`\n",
    ] {
        assert!(err.contains(line), "missing: {line}\n{err}");
    }
}
