//! Files that are not what annals expects as text: bytes that are not
//! UTF-8, byte order marks and every kind of line end, empty files, a
//! second YAML document, control characters written as escapes. Each is
//! read, or refused with a located message.

use super::{TEXT_FILES, check_good_with};
use crate::support::SiteTest;

#[test]
fn non_utf8_text_is_located_in_every_kind_of_file() {
    for (file, start) in TEXT_FILES {
        let mut bytes = start.as_bytes().to_vec();
        bytes.extend_from_slice(b"Caf\xe9\n");
        let line = start.matches('\n').count() + 1;
        let column = start.rsplit('\n').next().unwrap().chars().count() + 4;
        let (err, code) = check_good_with(&[(file, &bytes)]);
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
    let (err, code) = check_good_with(&[(
        "content/events/broken.yaml",
        b"title: Caf\xe9\ndate: 2025\n",
    )]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/events/broken.yaml:1:11: error: file is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn byte_order_marks_and_crlf_line_ends_are_read() {
    let (err, code) = check_good_with(&[(
        "content/events/windows.yaml",
        b"\xef\xbb\xbftitle: Saved on Windows\r\ndate: 2025-03\r\nsources:\r\n  - source: daily\r\n",
    )]);
    assert_eq!(code, Some(0), "{err}");
    let (err, code) = check_good_with(&[(
        "content/sources/crlf.md",
        b"\xef\xbb\xbf---\r\ntitle: CRLF source\r\n---\r\nBody.\r\n",
    )]);
    assert_eq!(code, Some(0), "{err}");
    // Old Mac line ends (a lone CR): YAML counts them as line breaks, and
    // so do the locations of errors (found by the events fuzzer).
    let t = SiteTest::fixture("good");
    t.write(
        "content/events/mac.yaml",
        b"title: Saved on a Mac\rdate: 2025-13\rsources:\r  - source: daily\r",
    );
    let o = t.check().run();
    assert_eq!(o.code(), Some(1));
    let err = o.stderr();
    assert!(
        err.contains("--> content/events/mac.yaml:2:12") && err.contains("2 | date: 2025-13"),
        "{err}"
    );
}

#[test]
fn empty_files_are_errors_with_a_hint() {
    let (err, code) = check_good_with(&[("content/events/empty.yaml", b"")]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/events/empty.yaml:1:1: error: empty events file"),
        "{err}"
    );
    let (err, _) = check_good_with(&[("content/sources/empty.md", b"")]);
    assert!(
        err.contains("content/sources/empty.md:1:1: error: a source starts with YAML front matter between `---` lines"),
        "{err}"
    );
    let (err, _) = check_good_with(&[("content/sources/bare.md", b"---\n---\nBody.\n")]);
    assert!(
        err.contains("content/sources/bare.md:2:1: error: source front matter is empty"),
        "{err}"
    );
    let (err, code) = check_good_with(&[("site.yaml", b"# nothing yet\n")]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("site.yaml:1:1: error: site.yaml is empty"),
        "{err}"
    );
}

#[test]
fn a_second_yaml_document_is_located() {
    let (err, code) = check_good_with(&[(
        "content/events/two.yaml",
        b"title: A\ndate: 2025\n---\ntitle: B\ndate: 2025\n",
    )]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/events/two.yaml:4:1: error: a second YAML document (after a `---` line): one event file holds one document"),
        "{err}"
    );
}

#[test]
fn control_characters_written_as_escapes_are_located_errors() {
    let (err, code) = check_good_with(&[
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
