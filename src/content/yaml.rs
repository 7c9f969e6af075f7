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
    let first = src.line(loc.line).chars().nth(loc.column - 1);
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
            // The parser stands at the mapping's last key: point at its
            // first, where the reader looks for the whole.
            let at = mapping_start(src, line_offset, &at);
            let what = match *field {
                "source" => "a citation",
                "url" => "`media`",
                _ => what,
            };
            let d = Diagnostic::error(format!("{what} is missing the required key `{field}`"), at);
            if *field == "date" {
                d.with_hint("an event without a date cannot be placed on the timeline: add `date:`, as precise as the sources allow (2025, 2025-02, 2025~, …)")
            } else {
                d.with_hint(format!("add `{field}:` to it"))
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
            let found = value_at(src, &at);
            let mut at = at;
            at.len = found.chars().count();
            match key_at(src, &at) {
                Some(key) => {
                    Diagnostic::error(format!("`{key}` must be {expected}, found `{found}`"), at)
                }
                None => Diagnostic::error(format!("expected {expected}, found `{found}`"), at),
            }
        }
        _ => syntax_or_shape(src, line_offset, what, &message_of(inner), at),
    }
}

/// What the keys whose values are not a single text hold, in plain
/// words, and how to write them: for a value of the wrong shape.
const SHAPES: &[(&str, &str, &str)] = &[
    (
        "sources",
        "a list of `{source, quote}` mappings",
        "write `sources: [{source: SOURCE-ID, quote: \"the exact words\"}]`, or a `- source: SOURCE-ID` line with `quote: …` under it for each source",
    ),
    (
        "tags",
        "a list",
        "write `tags: [a, b]`, or one `- a` line each",
    ),
    (
        "actors",
        "a list",
        "write `actors: [a, b]`, or one `- a` line each",
    ),
    (
        "places",
        "a list",
        "write `places: [a, b]`, or one `- a` line each",
    ),
    (
        "related",
        "a list of event ids",
        "write `related: [event-id, other-event-id]`",
    ),
    (
        "media",
        "a mapping with `url` (and optionally `caption`, `credit`, `alt`)",
        "write `media: {url: images/photo.jpg, caption: …}`, or `url: …` on an indented line under `media:`",
    ),
    (
        "taxonomies",
        "a mapping from `tags`, `actors` or `places` to `{title: …}`",
        "write `taxonomies: {tags: {title: Topics}, actors: {title: People}, places: {title: Places}}`",
    ),
    (
        "eras",
        "a list of `{title, date}` mappings",
        "write `eras: [{title: The war, date: 1939/1945}]`",
    ),
];

/// A parser error that is about the shape of a value (a list where a text
/// goes, a text where a list goes) in plain words naming the key, with an
/// example; any other syntax error located where it starts.
fn syntax_or_shape(
    src: &SourceText,
    line_offset: usize,
    what: &str,
    msg: &str,
    at: Location,
) -> Diagnostic {
    let parser_wants = if msg.contains("mapping start") {
        Some("a mapping (`key: value` lines)")
    } else if msg.contains("sequence start") {
        Some("a list (`[a, b]`, or one `- a` line each)")
    } else if msg.contains("string scalar") {
        Some("a single value")
    } else {
        None
    };
    if let Some(generic) = parser_wants {
        let key = enclosing_key(src, &at);
        let shape = key
            .as_deref()
            .and_then(|k| SHAPES.iter().find(|(name, ..)| *name == k));
        let found = found_at(src, &at);
        let (expects, example) = match shape {
            // A key that holds a list or mapping, given the wrong one.
            Some((_, expects, example)) => (*expects, Some((*example).to_string())),
            None if generic == "a single value" => (
                "a single value",
                Some(
                    "`[` and `{` start a list and a mapping: write the value on one line, in quotes if it starts with one of them or holds `: ` or ` #`"
                        .to_string(),
                ),
            ),
            None => (generic, None),
        };
        let message = match &key {
            Some(key) => format!("`{key}` must be {expects}, found {found}"),
            None => format!("{what} needs {expects} here, found {found}"),
        };
        let d = Diagnostic::error(message, at);
        return match example {
            Some(e) => d.with_hint(e),
            None => d,
        };
    }
    if msg.contains("found a tab") || msg.contains("tab") && msg.contains("indent") {
        let at = first_tab(src, &at).unwrap_or(at);
        return Diagnostic::error(
            format!("a tab in {what}: YAML indents with spaces only"),
            at,
        )
        .with_hint("replace the tab with spaces");
    }
    let quote_trouble = msg.contains("quote") || msg.contains("double-quoted");
    if quote_trouble && let Some(open) = open_quote_before(src, line_offset, &at) {
        return Diagnostic::error(format!("unclosed `\"` in {what}"), open).with_hint(
            "this quoted value runs on until the next `\"`: close it on its own line, or write `\\\"` for a quote mark inside it",
        );
    }
    let d = match key_at(src, &at) {
        Some(key) => Diagnostic::error(format!("invalid YAML in {what}: `{key}`: {msg}"), at),
        None => Diagnostic::error(format!("invalid YAML in {what}: {msg}"), at),
    };
    d.with_hint("check brackets and quotes here; put a value that contains `: `, ` #`, `[` or `{` in quotes")
}

/// The indentation of a line, in characters.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The key a value at `at` belongs to: the key before it on its line, else
/// the key of the nearest line above that is indented less (the `sources:`
/// above `  - daily`).
fn enclosing_key(src: &SourceText, at: &Location) -> Option<String> {
    let here = src.line(at.line);
    if let Some(key) = key_before(here, at.column) {
        return Some(key);
    }
    let own = indent(here);
    let lines: Vec<&str> = src.text.lines().take(at.line.saturating_sub(1)).collect();
    for line in lines.iter().rev() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        // A list may sit at its key's indentation (`sources:` / `- a`).
        if indent(line) < own || (indent(line) == own && !t.starts_with("- ")) {
            return key_before(line, line.chars().count() + 1);
        }
    }
    None
}

/// The last `key:` written before 1-based `column` of `line`, when it
/// opens the line (after any `- `).
fn key_before(line: &str, column: usize) -> Option<String> {
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    let t = before.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t).trim_start();
    let (key, _) = t.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !key.contains(' ') && !key.starts_with(['[', '{', '"', '\'']))
        .then(|| key.to_string())
}

/// What is written at `at`, as a reader would name it: the value on the
/// line (`[daily]`, `moonwalk, EVA`), or "a list" / "a mapping" for one
/// written on the lines below.
fn found_at(src: &SourceText, at: &Location) -> String {
    // The parser may stand inside the value (`[daily]`): take it whole.
    let line = src.line(at.line);
    if let Some(key) = key_before(line, at.column) {
        let after = line.split_once(&format!("{key}:")).map(|(_, v)| v);
        let value = after.unwrap_or("").split(" #").next().unwrap_or("").trim();
        if !value.is_empty() {
            return format!("`{value}`");
        }
    }
    let here = value_at(src, at);
    let here = match here.split_once(": ") {
        // The parser stands at the key of a nested mapping.
        Some(_) if here.starts_with("- ") || at.column <= indent(line) + 1 => "",
        _ => here.as_str(),
    };
    if !here.is_empty() && !here.starts_with("- ") {
        return format!("`{here}`");
    }
    if here.starts_with("- ") || line.trim_start().starts_with("- ") {
        return "a list".to_string();
    }
    let next = src
        .text
        .lines()
        .skip(at.line)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .unwrap_or("");
    if next.trim_start().starts_with("- ") {
        "a list".to_string()
    } else {
        "a mapping".to_string()
    }
}

/// The first tab from the start of `at`'s line on, where the parser
/// reports a tab at the end of the line before.
fn first_tab(src: &SourceText, at: &Location) -> Option<Location> {
    let from: usize = src
        .text
        .split_inclusive('\n')
        .take(at.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let i = src.text.get(from..)?.find('\t')?;
    Some(src.at_byte(from + i, 1))
}

/// Where the double-quoted value that swallowed the text up to `at`
/// opens: the last quoted value before it that runs over a line break
/// (`summary: "He said` … the next `"` lines below).
fn open_quote_before(src: &SourceText, line_offset: usize, at: &Location) -> Option<Location> {
    let end: usize = src
        .text
        .split_inclusive('\n')
        .take(at.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + byte_of_column(src.line(at.line), at.column);
    let start: usize = src
        .text
        .split_inclusive('\n')
        .take(line_offset)
        .map(str::len)
        .sum();
    let text = src.text.get(start..end.min(src.text.len()))?;
    let mut open: Option<usize> = None;
    let mut found = None;
    let mut chars = text.char_indices().peekable();
    let mut prev = '\n';
    let mut in_comment = false;
    while let Some((i, c)) = chars.next() {
        match open {
            Some(o) => match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    if text[o..i].contains('\n') {
                        found = Some(o);
                    }
                    open = None;
                }
                _ => {}
            },
            None => {
                if c == '\n' {
                    in_comment = false;
                } else if c == '#' && prev.is_whitespace() {
                    in_comment = true;
                } else if c == '"' && !in_comment && matches!(prev, ' ' | '\n' | '[' | ',' | '{') {
                    open = Some(i);
                }
            }
        }
        prev = c;
    }
    let o = open.or(found)?;
    Some(src.at_byte(start + o, 1))
}

/// Where the mapping that holds the key at `at` starts: the first key
/// after its `- `, or the first line of the document.
fn mapping_start(src: &SourceText, line_offset: usize, at: &Location) -> Location {
    let here = src.line(at.line);
    if here.contains('{') {
        return at.clone();
    }
    let own = indent(here);
    if here.trim_start().starts_with("- ") && at.column > own + 1 {
        return src.at(at.line, own + 3, 1);
    }
    let lines: Vec<&str> = src.text.lines().collect();
    let first = line_offset;
    let mut start = None;
    for n in (first..at.line.saturating_sub(1).min(lines.len())).rev() {
        let line = lines[n];
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with("- ") && indent(line) < own {
            return src.at(n + 1, indent(line) + 3, 1);
        }
        if indent(line) < own {
            return src.at(n + 1, indent(line) + 1, 1);
        }
        start = Some(n);
    }
    if here.trim_start().starts_with("- ") {
        return src.at(at.line, own + 3, 1);
    }
    match start {
        Some(n) => src.at(n + 1, indent(lines[n]) + 1, 1),
        None => at.clone(),
    }
}

/// The mapping key written before `at` on its line (`importance` in
/// `importance: high`), if any.
fn key_at(src: &SourceText, at: &Location) -> Option<String> {
    let before: String = src
        .line(at.line)
        .chars()
        .take(at.column.saturating_sub(1))
        .collect();
    let key = before.trim_end().strip_suffix(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_string())
}

/// Byte offset of a 1-based character column in `line` (its end past it).
fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// The scalar written at `at`, up to the end of the line or a comment.
fn value_at(src: &SourceText, at: &Location) -> String {
    let rest: String = src
        .line(at.line)
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

/// A YAML double-quoted scalar: escapes what YAML does not allow raw (it
/// has no raw control characters, unlike JSON).
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
