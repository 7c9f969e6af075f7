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
pub(crate) fn parse<T: DeserializeOwned>(
    src: &SourceText,
    yaml: &str,
    line_offset: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    if yaml.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Err(
            Diagnostic::error(format!("{what} is empty"), src.at(line_offset + 1, 1, 1))
                .with_hint("write its keys, at least `title:`"),
        );
    }
    let value = serde_saphyr::from_str_with_options(yaml, options())
        .map_err(|e| to_diagnostic(src, line_offset, what, &e))?;
    let found = forbidden_escapes(yaml);
    if found.is_empty() {
        return Ok(value);
    }
    // `yaml` starts at the line `line_offset` (0-based) of the file.
    let base: usize = src
        .text
        .split_inclusive('\n')
        .take(line_offset)
        .map(str::len)
        .sum();
    // One diagnostic per escape: the caller reports one per file, so the
    // first stands for the rest in its hints.
    let (offset, c, written) = &found[0];
    let mut d = Diagnostic::error(
        format!(
            "`{written}` writes U+{:04X}, which pages, feeds and calendars cannot hold",
            u32::from(*c)
        ),
        src.at_byte(base + offset, written.chars().count()),
    )
    .with_hint("remove it: control characters are invisible, and XML allows none but tab and line breaks (write those as `\\t`, `\\n` or as themselves)");
    if found.len() > 1 {
        let more: Vec<String> = found[1..]
            .iter()
            .map(|(o, _, w)| {
                let l = src.at_byte(base + o, 1);
                format!("`{w}` at {}:{}", l.line, l.column)
            })
            .collect();
        d = d.with_hint(format!("also: {}", more.join(", ")));
    }
    Err(d)
}

/// True for a character no output can hold as text: a control character
/// other than tab and line breaks (XML forbids most; HTML calls them
/// errors), or the noncharacters U+FFFE and U+FFFF.
pub(crate) fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The escapes in double-quoted scalars of `yaml` that write a forbidden
/// character (`"\0"`, `"\x01"`, `"\e"`, `"\uFFFF"`): byte offset, the
/// character and the escape as written, in order. Raw control characters
/// are refused by the YAML parser itself, so escapes are the only way in.
/// Only characters the parser actually decoded count, so a `\x01` in a
/// plain or single-quoted scalar (four ordinary characters) is not one,
/// unless the same character is also decoded elsewhere in the file.
fn forbidden_escapes(yaml: &str) -> Vec<(usize, char, String)> {
    if !yaml.contains('\\') {
        return Vec::new();
    }
    let Ok(value) = serde_saphyr::from_str_with_options::<serde_json::Value>(yaml, options())
    else {
        return Vec::new();
    };
    let mut decoded = std::collections::BTreeSet::new();
    forbidden_chars(&value, &mut decoded);
    if decoded.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut rest = yaml.char_indices();
    while let Some((i, c)) = rest.next() {
        if c != '\\' {
            continue;
        }
        let Some((_, e)) = rest.next() else { break };
        let (c, len) = match e {
            '0' => (Some('\0'), 2),
            'a' => (Some('\u{7}'), 2),
            'b' => (Some('\u{8}'), 2),
            'e' => (Some('\u{1b}'), 2),
            'f' => (Some('\u{c}'), 2),
            'v' => (Some('\u{b}'), 2),
            'N' => (Some('\u{85}'), 2),
            'x' | 'u' | 'U' => {
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex = yaml.get(i + 2..i + 2 + digits).unwrap_or("");
                let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                (c, 2 + digits)
            }
            _ => (None, 2),
        };
        if let Some(c) = c.filter(|c| decoded.contains(c)) {
            found.push((i, c, yaml[i..i + len].to_string()));
        }
    }
    if found.is_empty() {
        // Decoded, but from no escape found as written: name the character.
        let c = *decoded.first().expect("not empty");
        found.push((0, c, format!("U+{:04X}", u32::from(c))));
    }
    found
}

/// Collects the forbidden characters of every string (and key) of `value`.
fn forbidden_chars(value: &serde_json::Value, out: &mut std::collections::BTreeSet<char>) {
    match value {
        serde_json::Value::String(s) => out.extend(s.chars().filter(|c| is_forbidden_char(*c))),
        serde_json::Value::Array(items) => items.iter().for_each(|v| forbidden_chars(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.extend(k.chars().filter(|c| is_forbidden_char(*c)));
                forbidden_chars(v, out);
            }
        }
        _ => {}
    }
}

/// Location of a spanned value: where its text starts, covering its text.
pub(crate) fn location<T>(src: &SourceText, line_offset: usize, s: &Spanned<T>) -> Location {
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
pub(crate) fn content_column<T>(src: &SourceText, line_offset: usize, s: &Spanned<T>) -> usize {
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
        Error::MultipleDocuments { .. } => Diagnostic::error(
            format!(
                "a second YAML document (after a `---` line): one {what} file holds one document"
            ),
            at,
        )
        .with_hint(if what == "event" {
            "write several events as one list (`- title: …`), or each in a file of its own"
        } else {
            "remove this `---` line, or join the two documents"
        }),
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
