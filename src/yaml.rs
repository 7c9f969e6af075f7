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
            let mut d = Diagnostic::error(format!("unknown key `{field}` in {what}"), at);
            if let Some(h) = did_you_mean(field, expected.iter().copied()) {
                d = d.with_hint(h);
            }
            d.with_hint(format!("known keys: {}", expected.join(", ")))
        }
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::error(format!("{what} is missing the required key `{field}`"), at)
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
        _ => Diagnostic::error(format!("invalid YAML in {what}: {}", message_of(inner)), at),
    }
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
