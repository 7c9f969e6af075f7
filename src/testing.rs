//! Helpers for the unit tests of several modules.

/// Compares `actual` with the file at `path` (from the crate root), or
/// writes it there when `ANNALS_BLESS=1`: the tables that
/// tests/browser/parity.test.mjs checks the browser's scripts against.
pub(crate) fn golden(path: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var("ANNALS_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    let first = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b);
    assert!(
        expected == actual,
        "{} differs from what Rust computes (first at line {}): if the change is meant, run `ANNALS_BLESS=1 cargo test --lib`, then `node --test tests/browser/parity.test.mjs`",
        path.display(),
        first.unwrap_or(expected.lines().count().min(actual.lines().count())) + 1,
    );
}
