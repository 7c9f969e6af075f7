//! What the file system can do to a site folder: unreadable files and
//! folders, symbolic link loops, links to files outside the site.

use std::fs;

use crate::support::SiteTest;

/// Unreadable files and folders (permissions 000). Root reads them anyway
/// (permissions do not bind it), so as root annals is run as the user
/// `nobody` (setpriv, util-linux): a real refusal, not a simulated one.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_files_and_folders_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let t = SiteTest::fixture("good");
    fs::set_permissions(t.scratch(), fs::Permissions::from_mode(0o755)).unwrap();
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
        t.write(file, text);
        fs::set_permissions(t.path(file), fs::Permissions::from_mode(0o000)).unwrap();
    }
    let sealed = t.path("content/events/sealed");
    fs::set_permissions(&sealed, fs::Permissions::from_mode(0o000)).unwrap();
    let root = fs::read(t.path("content/events/locked.yaml")).is_ok();
    let mut check = t.check_as("short");
    if root {
        eprintln!("running as root, which permissions do not stop: annals runs as `nobody`");
        check = check.switched_to_nobody();
    }
    let o = check.run();
    fs::set_permissions(&sealed, fs::Permissions::from_mode(0o755)).unwrap();
    let err = o.stderr();
    assert_eq!(o.code(), Some(1), "{err}");
    for path in [
        "content/events/locked.yaml",
        "content/events/sealed",
        "content/sources/locked.md",
        "templates/index.html",
        "static/locked.css",
    ] {
        assert!(
            err.contains(&format!(
                "{path}:1:1: error: cannot read: Permission denied (os error 13)\n"
            )),
            "{path}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_not_followed() {
    let t = SiteTest::fixture("good");
    std::os::unix::fs::symlink("..", t.path("content/events/loop")).unwrap();
    t.check_as("short")
        .run()
        .exits(1)
        .stderr_has("content/events/loop:1:1: error: symbolic link loop");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_site_is_refused() {
    let t = SiteTest::fixture("good");
    let secret = t.scratch().join("secret.txt");
    fs::write(&secret, "private").unwrap();
    fs::create_dir_all(t.path("static")).unwrap();
    std::os::unix::fs::symlink(&secret, t.path("static/secret.txt")).unwrap();
    t.build()
        .run()
        .exits(1)
        .stderr_has("error: symbolic link to a file outside the site\n--> static/secret.txt");
    assert!(!t.out().exists());
}
