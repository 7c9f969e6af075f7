//! Failures outside the site's content: a panic, a report that cannot be
//! written. Each has its exit code and its message.

use std::fs;
use std::process::Stdio;

use crate::support::SiteTest;

/// A panic is reported as an internal error with exit code 2. annals has
/// no known way left to panic, so debug builds (these tests') panic on
/// `ANNALS_DEBUG_PANIC`; release builds have no such switch.
#[cfg(all(target_os = "linux", debug_assertions))]
#[test]
fn a_panic_is_an_internal_error_with_exit_code_2() {
    let good = SiteTest::fixture_in_place("good");
    let run = |stderr: Stdio| {
        good.check()
            .env("ANNALS_DEBUG_PANIC", "1")
            .stderr(stderr)
            .run()
    };
    let o = run(Stdio::piped());
    assert_eq!(o.code(), Some(2));
    let err = o.stderr();
    assert!(err.starts_with("error: internal error in annals "), "{err}");
    assert!(err.contains("ANNALS_DEBUG_PANIC is set"), "{err}");
    assert!(err.contains("This is a bug. Please file an issue"), "{err}");
    // With standard error unwritable, the hook must not panic again (that
    // would abort, killed by a signal): still exit code 2.
    let o = run(full_device().into());
    assert_eq!(o.code(), Some(2));
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
    let good = SiteTest::fixture_in_place("good");
    let bad = SiteTest::fixture_in_place("errors/unknown-source");
    for (site, code) in [(&good, 0), (&bad, 1)] {
        let run = |stdout: Stdio| site.check_as("json").stdout(stdout).run();
        let root = site.root().display();
        let o = run(full_device().into());
        assert_eq!(o.code(), Some(2), "{root}");
        assert_eq!(
            o.stderr(),
            "error: cannot write to standard output: No space left on device (os error 28)\n",
            "{root}"
        );
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = run(writer.into());
        assert_eq!(o.code(), Some(code), "{root}");
        assert_eq!(o.stderr(), "", "{root}");
    }
}
