//! YAML reading with serde-saphyr: safe options (budgets against alias
//! bombs, duplicate keys rejected, YAML 1.2 booleans), and its errors turned
//! into located diagnostics with "did you mean" hints.

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Options, Spanned};

use crate::diagnostic::{Diagnostic, Location, SourceText, did_you_mean};

fn options() -> Options {
    let mut o = Options::default();
    o.strict_booleans = true;
    o
}

/// Deserializes `yaml`, a part of `src` that starts at its 0-based line
/// `line_offset` (front matter starts after its `---` fence). `what` names
/// the kind of document in messages ("event", "source front matter").
pub fn parse<T: DeserializeOwned>(
    src: &SourceText,
    yaml: &str,
    line_offset: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(yaml, options())
        .map_err(|e| to_diagnostic(src, line_offset, what, &e))
}

/// Location of a spanned value: where its text starts, covering its text.
pub fn location<T>(src: &SourceText, line_offset: usize, s: &Spanned<T>) -> Location {
    let l = s.referenced;
    let len = usize::try_from(l.span().len()).unwrap_or(1);
    src.at(
        usize::try_from(l.line()).unwrap_or(1) + line_offset,
        usize::try_from(l.column()).unwrap_or(1),
        len,
    )
}

/// Column offset to add to a spanned string's column to reach its first
/// character: 1 when the scalar is quoted.
pub fn content_column<T>(src: &SourceText, line_offset: usize, s: &Spanned<T>) -> usize {
    let loc = location(src, line_offset, s);
    let first = loc.source_line.chars().nth(loc.column - 1);
    usize::from(matches!(first, Some('"' | '\'')))
}

fn to_diagnostic(src: &SourceText, line_offset: usize, what: &str, e: &Error) -> Diagnostic {
    let inner = e.without_snippet();
    let (line, col) = inner.location().map_or((1, 1), |l| {
        (
            usize::try_from(l.line()).unwrap_or(1),
            usize::try_from(l.column()).unwrap_or(1),
        )
    });
    let at = src.at(line + line_offset, col, 1);
    match inner {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let mut at = at;
            at.len = field.chars().count();
            let mut d = Diagnostic::error(format!("unknown key `{field}` in {what}"), at);
            if let Some(h) = did_you_mean(field, expected.iter().copied()) {
                d = d.with_hint(h);
            }
            d.with_hint(format!("known keys: {}", expected.join(", ")))
        }
        Error::SerdeMissingField { field, .. } => {
            let d = Diagnostic::error(format!("{what} is missing the required key `{field}`"), at);
            if *field == "date" {
                d.with_hint("an event without a date cannot be placed on the timeline: add `date:`, as precise as the sources allow (2025, 2025-02, 2025~, …)")
            } else {
                d.with_hint(format!("add `{field}:` to this {what}"))
            }
        }
        Error::DuplicateMappingKey { .. } => {
            let msg = message_of(inner);
            let key = msg
                .strip_prefix("duplicate mapping key: ")
                .and_then(|m| m.split(',').next())
                .unwrap_or("");
            Diagnostic::error(format!("duplicate key `{key}` in {what}"), at)
                .with_hint("each key may appear once; remove one of them")
        }
        Error::Budget { .. } => Diagnostic::error(
            format!(
                "{what} is too large or too deeply nested: {}",
                message_of(inner)
            ),
            at,
        )
        .with_hint("aliases that expand exponentially (\"billion laughs\") are refused"),
        Error::InvalidScalar { ty, .. } => {
            let expected = match *ty {
                "bool" => "true or false",
                t if t.starts_with('i') || t.starts_with('u') => "a whole number",
                t if t.starts_with('f') => "a number",
                _ => "a different kind of value",
            };
            let found = value_at(&at);
            let mut at = at;
            at.len = found.chars().count();
            match key_at(&at) {
                Some(key) => {
                    Diagnostic::error(format!("`{key}` must be {expected}, found `{found}`"), at)
                }
                None => Diagnostic::error(format!("expected {expected}, found `{found}`"), at),
            }
        }
        _ => {
            let msg = message_of(inner);
            let d = match key_at(&at) {
                Some(key) => {
                    Diagnostic::error(format!("invalid YAML in {what}: `{key}`: {msg}"), at)
                }
                None => Diagnostic::error(format!("invalid YAML in {what}: {msg}"), at),
            };
            d.with_hint("check brackets and quotes here; put a value that contains `: `, ` #`, `[` or `{` in quotes")
        }
    }
}

/// The mapping key written before `at` on its line (`importance` in
/// `importance: high`), if any.
fn key_at(at: &Location) -> Option<String> {
    let before: String = at
        .source_line
        .chars()
        .take(at.column.saturating_sub(1))
        .collect();
    let key = before.trim_end().strip_suffix(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_string())
}

/// The scalar written at `at`, up to the end of the line or a comment.
fn value_at(at: &Location) -> String {
    let rest: String = at
        .source_line
        .chars()
        .skip(at.column.saturating_sub(1))
        .collect();
    let rest = rest.split(" #").next().unwrap_or("");
    rest.trim().to_string()
}

/// serde-saphyr's message without its " at line X, column Y" suffix (the
/// diagnostic carries the location itself).
fn message_of(e: &Error) -> String {
    let m = e.to_string();
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}
