//! "Did you mean": dates written in the conventions people use outside
//! ISO 8601 (`03/02/2025`, `Feb 2025`, `febrero de 2025`, a space for the
//! `T`), read back into the form `date:` takes. Month names are CLDR's
//! ([`cldr::months`]) in every language annals shows dates in, so a new
//! language is understood as soon as it is shown.

use super::EventDate;
use super::cldr;

/// A hint for a date that does not parse: the ISO form it most likely
/// means, or, where the order of day and month is ambiguous, the readings
/// it may have. `None` when nothing close is recognised.
pub fn suggestion(written: &str) -> Option<String> {
    let text = written.trim();
    if let Some(h) = space_for_t(text) {
        return Some(h);
    }
    if let Some(h) = numeric(text) {
        return Some(h);
    }
    named_month(text).map(|iso| format!("did you mean `{iso}`?"))
}

/// `1969-07-16 09:32` → `1969-07-16T09:32`.
fn space_for_t(text: &str) -> Option<String> {
    let (day, time) = text.split_once(' ')?;
    let iso = format!("{day}T{}", time.trim());
    EventDate::parse(&iso).ok()?;
    Some(format!(
        "did you mean `{iso}`? A time follows the day after a `T`, not a space"
    ))
}

/// `03/02/2025`, `3.2.2025`, `03-02-2025`: day and month in either order.
fn numeric(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (a, b) = (num(a)?, num(b)?);
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let iso = |month: u32, day: u32| {
        let s = format!("{y}-{month:02}-{day:02}");
        EventDate::parse(&s).ok().map(|_| s)
    };
    let day_first = iso(b, a);
    let month_first = iso(a, b);
    match (day_first, month_first) {
        (Some(d), Some(m)) if d == m => Some(format!("did you mean `{d}`?")),
        (Some(d), Some(m)) => Some(format!(
            "`{text}` may be `{d}` (day first, as in most of the world) or `{m}` (month first, as in the United States): write the one you mean as YEAR-MONTH-DAY"
        )),
        (Some(d), None) => Some(format!(
            "did you mean `{d}`? (day first: there is no month {a}) Write dates as YEAR-MONTH-DAY"
        )),
        (None, Some(m)) => Some(format!(
            "did you mean `{m}`? (month first: there is no month {b}) Write dates as YEAR-MONTH-DAY"
        )),
        (None, None) => None,
    }
}

/// The month a word names in any language annals shows dates in, by its
/// full name or its first three letters (`Feb`, `feb.`, `febrero`).
fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    cldr::LANGUAGES
        .iter()
        .find_map(|code| {
            cldr::months(code).iter().position(|m| {
                let m = m.to_lowercase();
                m == w
                    || (w.chars().count() == 3 && m.starts_with(&w))
                    || (w.chars().count() == 4 && w == "sept" && m.starts_with("sept"))
            })
        })
        .map(|i| i as u8 + 1)
}

/// `Feb 2025`, `February 4, 2025`, `4 February 2025`, `febrero de 2025`,
/// `4 de febrero de 2025` → the ISO date.
fn named_month(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split([' ', ','])
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("de") && !w.eq_ignore_ascii_case("of"))
        .collect();
    let mut month = None;
    let mut numbers = Vec::new();
    for w in &words {
        let bare = w.trim_end_matches(['.', ',']);
        let digits = ["st", "nd", "rd", "th", "º"]
            .iter()
            .find_map(|s| bare.strip_suffix(s))
            .unwrap_or(bare);
        if let Some(m) = month_number(w) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push(digits);
        } else {
            return None;
        }
    }
    let month = month?;
    let (year, day) = match numbers.as_slice() {
        [y] if y.len() == 4 => (*y, None),
        [d, y] | [y, d] if y.len() == 4 && d.len() <= 2 => (*y, Some(*d)),
        _ => return None,
    };
    let iso = match day {
        None => format!("{year}-{month:02}"),
        Some(d) => format!("{year}-{month:02}-{:02}", d.parse::<u32>().ok()?),
    };
    EventDate::parse(&iso).ok().map(|_| iso)
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    #[test]
    fn other_conventions_are_read_back() {
        let s = |t: &str| suggestion(t).unwrap_or_default();
        assert_eq!(s("Feb 2025"), "did you mean `2025-02`?");
        assert_eq!(s("febrero de 2025"), "did you mean `2025-02`?");
        assert_eq!(s("4 de mayo de 2025"), "did you mean `2025-05-04`?");
        assert_eq!(s("July 16, 1969"), "did you mean `1969-07-16`?");
        assert_eq!(s("16th July 1969"), "did you mean `1969-07-16`?");
        assert!(
            s("03/02/2025").contains("`2025-02-03` (day first"),
            "{}",
            s("03/02/2025")
        );
        assert!(s("03/02/2025").contains("`2025-03-02` (month first"));
        assert!(s("25/12/2024").starts_with("did you mean `2024-12-25`?"));
        assert!(s("12/25/2024").starts_with("did you mean `2024-12-25`?"));
        assert_eq!(s("05/05/2025"), "did you mean `2025-05-05`?");
        assert!(s("1969-07-16 09:32").starts_with("did you mean `1969-07-16T09:32`?"));
        assert_eq!(suggestion("soon"), None);
        assert_eq!(suggestion("Feb"), None);
    }
}
