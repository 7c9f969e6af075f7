//! Field helpers shared by every kind of content file (events, sources,
//! site.yaml): ids and the folder names made from them, dates, time zones,
//! URLs, and what a file's content is identified by. Each reads a spanned
//! YAML value and reports problems at the characters they are about.

use std::path::Path;

use chrono_tz::Tz;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_saphyr::Spanned;

use crate::content::{markdown, yaml};
use crate::date::{ACCEPTED_FORMS, DateEnd, EventDate, Qualifier};
use crate::diagnostic::{Diagnostic, Location, SourceText, did_you_mean};

/// True for a name Windows reserves for a device (`con`, `prn`, `aux`,
/// `nul`, `com0`–`com9`, `lpt0`–`lpt9`, in any case): no file or folder can
/// have it there, so a page in such a folder would be lost when the site
/// is copied to, unpacked on or served from Windows. Slugs are ASCII and
/// hold no dot, so the whole segment is compared.
pub(crate) fn is_reserved_on_windows(segment: &str) -> bool {
    // Checked for every term of every event: no allocation.
    let b = segment.as_bytes();
    match b.len() {
        3 => ["con", "prn", "aux", "nul"]
            .iter()
            .any(|r| segment.eq_ignore_ascii_case(r)),
        4 => {
            ["com", "lpt"]
                .iter()
                .any(|r| b[..3].eq_ignore_ascii_case(r.as_bytes()))
                && b[3].is_ascii_digit()
        }
        _ => false,
    }
}

/// Identifies what an event or source was read from: its file, the file's
/// text and its place in the file. Equal fingerprints mean the same
/// written content, so work done for it can be reused (`annals serve`).
pub(crate) fn fingerprint(path: &Path, text: &str, n: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (path, text, n).hash(&mut h);
    h.finish()
}

/// The default id of a file: the slug of its stem.
pub(crate) fn stem_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    slug::slugify(stem)
}

/// The ids a file that failed to load may have meant to give: its stem,
/// every `id:` and the slug of every `title:` written in it, read from the
/// text line by line (the YAML did not parse, or an event in it failed).
/// References to them are not reported as unknown: the file's own error
/// says what to fix.
pub(crate) fn ids_written_in(path: &Path, text: &str) -> Vec<String> {
    let mut ids = vec![stem_id(path)];
    for line in text.lines() {
        let t = line.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t).trim_start();
        let unquote = |v: &str| v.trim().trim_matches(['"', '\'']).trim().to_string();
        if let Some(v) = t.strip_prefix("id:") {
            ids.push(unquote(v));
        } else if let Some(v) = t.strip_prefix("title:") {
            ids.push(slug::slugify(unquote(v)));
        }
    }
    ids.retain(|id| !id.is_empty());
    ids
}

/// Checks that a written id is already a slug (lowercase ASCII letters,
/// digits, hyphens), so it maps to exactly one URL, and that the folder
/// named after it can exist on every system.
pub(crate) fn check_slug(id: &str, what: &str, location: Location) -> Result<(), Diagnostic> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !ok {
        return Err(
            Diagnostic::error(format!("{what} `{id}` is not a slug"), location).with_hint(format!(
                "use lowercase letters, digits and hyphens, e.g. `{}`",
                slug::slugify(id)
            )),
        );
    }
    check_folder_name(id, what, location)
}

/// Checks an id made from a file name or a title (`from`, as written):
/// it must not be empty, nor a name Windows reserves.
pub(crate) fn check_derived_id(
    id: &str,
    what: &str,
    from: &str,
    location: Location,
) -> Result<(), Diagnostic> {
    if id.is_empty() {
        return Err(Diagnostic::error(
            format!("cannot make the {what} from {from}: it has no letters or digits"),
            location,
        )
        .with_hint("give it an `id:` of lowercase letters, digits and hyphens"));
    }
    check_folder_name(id, what, location)
}

/// An id names a folder of the site: refuses the device names Windows
/// reserves, where such a folder cannot exist.
fn check_folder_name(id: &str, what: &str, location: Location) -> Result<(), Diagnostic> {
    if is_reserved_on_windows(id) {
        return Err(Diagnostic::error(
            format!("{what} `{id}` is a device name reserved by Windows"),
            location,
        )
        .with_hint(format!(
            "Windows cannot store a folder named `{id}`: the page would be lost wherever the site is copied, unpacked or served there; choose another `id:`"
        )));
    }
    Ok(())
}

/// Parses a spanned date, locating errors at the offending characters.
pub(crate) fn parse_date(
    src: &SourceText,
    line_offset: usize,
    s: &Spanned<String>,
) -> Result<EventDate, Diagnostic> {
    EventDate::parse(&s.value).map_err(|e| {
        let mut loc = yaml::location(src, line_offset, s);
        loc.column += yaml::content_column(src, line_offset, s);
        // A date in another convention is wrong as a whole: the parser's
        // complaint about one part of it would mislead.
        let d = match crate::date::suggestion(&s.value) {
            Some(h) => {
                loc.len = s.value.chars().count();
                Diagnostic::error(
                    format!(
                        "invalid date `{}`: dates are written YEAR-MONTH-DAY",
                        s.value
                    ),
                    loc,
                )
                .with_hint(h)
            }
            None => {
                loc.column += e.offset;
                loc.len = e.len;
                Diagnostic::error(format!("invalid date `{}`: {}", s.value, e.message), loc)
            }
        };
        d.with_note(ACCEPTED_FORMS)
    })
}

/// Parses `date:` and an optional separate `end:` (the same as writing
/// `date/end`) into one date; problems are pushed to `diags`, each at the
/// characters it is about.
pub(crate) fn parse_date_and_end(
    src: &SourceText,
    line_offset: usize,
    date: &Spanned<String>,
    end: Option<&Spanned<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<EventDate> {
    let start = parse_date(src, line_offset, date)
        .map_err(|d| diags.push(d))
        .ok()?;
    let Some(end) = end else {
        return Some(start);
    };
    let end_date = parse_date(src, line_offset, end)
        .map_err(|d| diags.push(d))
        .ok()?;
    start
        .with_end(end_date)
        .map_err(|e| {
            diags.push(
                Diagnostic::error(
                    format!("invalid `end`: {}", e.message),
                    yaml::location(src, line_offset, end),
                )
                .with_hint("`end` is a single date after `date`"),
            );
        })
        .ok()
}

/// Parses `updated:`, the day or instant a file was last changed by its
/// editor: a single date precise to the day, with no qualifier.
pub(crate) fn parse_updated(
    src: &SourceText,
    line_offset: usize,
    s: &Spanned<String>,
) -> Result<EventDate, Diagnostic> {
    let date = parse_date(src, line_offset, s)?;
    let p = &date.start;
    let exact = date.end == DateEnd::None
        && p.day.is_some()
        && p.qualifier == Qualifier::Exact
        && (1..=9999).contains(&p.year);
    if exact {
        Ok(date)
    } else {
        Err(Diagnostic::error(
            format!("`updated` must be a day or a moment, found `{}`", s.value),
            yaml::location(src, line_offset, s),
        )
        .with_hint("write the day the file was last changed, e.g. `updated: 2025-05-06` or `updated: 2025-05-06T09:30+02:00`"))
    }
}

/// Parses an IANA time zone name, with a located error and a hint.
pub(crate) fn parse_zone(
    src: &SourceText,
    line_offset: usize,
    s: &Spanned<String>,
) -> Result<Tz, Diagnostic> {
    s.value.parse::<Tz>().map_err(|_| {
        let mut d = Diagnostic::error(
            format!("unknown time zone `{}`", s.value),
            yaml::location(src, line_offset, s),
        );
        let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
        if let Some(h) = did_you_mean(&s.value, names) {
            d = d.with_hint(h);
        }
        d.with_hint(
            "use an IANA time zone name such as `America/Mexico_City`, `Asia/Kolkata` or `UTC`",
        )
    })
}

/// Whether a URL may not hold `c` as it is (RFC 3986): white space,
/// controls, and `"<>\^`{|}`.
pub(crate) fn is_forbidden_in_url(c: char) -> bool {
    c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c)
}

/// `c` percent-encoded byte by byte, as a URL holds it (`"` is `%22`).
pub(crate) fn percent_encoded(c: char) -> String {
    let mut buf = [0u8; 4];
    utf8_percent_encode(c.encode_utf8(&mut buf), NON_ALPHANUMERIC).to_string()
}

/// The error for a link or media URL whose scheme runs code
/// (`javascript:`, `data:`, `vbscript:`).
pub(crate) fn unsafe_link(url: &str, location: Location, hint: &str) -> Diagnostic {
    Diagnostic::error(format!("unsafe link `{url}`"), location).with_hint(hint)
}

/// Located errors for the Markdown links to unsafe URLs in `markdown`,
/// which stands in `src` from byte `base` on: `verbatim` when it is the
/// file's text as it is (a source's body), so Markdown's own offsets
/// locate each link; else (a YAML value, whose escapes and folding move
/// the text) each link is looked for in the file after the one before.
pub(crate) fn unsafe_markdown_links(
    src: &SourceText,
    markdown: &str,
    base: usize,
    verbatim: bool,
) -> Vec<Diagnostic> {
    let mut from = base;
    markdown::unsafe_links(markdown)
        .into_iter()
        .map(|(range, url)| {
            if verbatim {
                from = base + range.start;
            }
            let at = src.text[from..].find(&url).map_or(from, |i| from + i);
            from = at + url.len();
            unsafe_link(
                &url,
                src.at_byte(at, url.chars().count()),
                "links and media may not use javascript:, data: or vbscript: URLs",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_reserved() {
        for name in ["con", "NUL", "aux", "prn", "com1", "lpt9", "com0"] {
            assert!(is_reserved_on_windows(name), "{name}");
        }
        // Four bytes that are not four characters.
        for name in ["😀", "é12", "€1", "cons", "com", "comx"] {
            assert!(!is_reserved_on_windows(name), "{name}");
        }
        for name in ["console", "nul-1", "com10", "comx", "", "mexico"] {
            assert!(!is_reserved_on_windows(name), "{name}");
        }
    }

    #[test]
    fn url_characters_are_percent_encoded_by_byte() {
        assert!(is_forbidden_in_url(' ') && is_forbidden_in_url('"') && !is_forbidden_in_url('é'));
        assert_eq!(percent_encoded('"'), "%22");
        assert_eq!(percent_encoded('\u{a0}'), "%C2%A0");
    }
}
