//! Plain-text structure the tagger and the drafts need: sentences (with
//! the rule table's abbreviations, so "U.S." and "Jan." do not end one)
//! and the tense a sentence is written in, read from its cue words.

use super::rules::RuleSet;

/// The tense that decides which way an expression without a year or week
/// points ("Friday", "in June").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// "was", "said", "-ed": the past.
    Past,
    /// "is", "are": now.
    Present,
    /// "will", "going to": the future.
    Future,
    /// No cue in the sentence.
    Unknown,
}

impl Tense {
    /// As reports say it.
    pub fn name(self) -> &'static str {
        match self {
            Tense::Past => "past tense",
            Tense::Present => "present tense",
            Tense::Future => "future tense",
            Tense::Unknown => "no tense cue",
        }
    }
}

/// Byte spans of the sentences of `text`: a sentence ends at `.`, `!` or
/// `?` (and any closing quotes) followed by white space, unless the word
/// before the dot is an abbreviation, and at every blank line.
pub(crate) fn sentences(text: &str, set: &RuleSet) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push(&mut out, text, start, i);
                start = j;
                i = j;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            // Closing quotes and brackets stay with the sentence.
            while let Some(c) = text[end..].chars().next() {
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | '»') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[end..].chars().next();
            if next.is_none_or(char::is_whitespace) && !(b == b'.' && is_abbreviation(text, i, set))
            {
                push(&mut out, text, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, text, start, text.len());
    out
}

fn push(out: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

/// The word before the dot at `dot` is in the ABBREV list, or a single
/// letter (an initial, "U.S.").
fn is_abbreviation(text: &str, dot: usize, set: &RuleSet) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let last = word.rsplit('.').next().unwrap_or(word);
    last.chars().count() == 1 && last.chars().all(char::is_uppercase)
        || set.word("ABBREV", word).is_some()
        || set.word("ABBREV", last).is_some()
}

/// The tense of the sentence `sentence` around the expression at `span`:
/// the cue nearest to it (outside it) wins.
pub(crate) fn tense_near(
    text: &str,
    sentence: (usize, usize),
    span: (usize, usize),
    set: &RuleSet,
) -> Tense {
    // "The lowest level since October": since looks back, whatever the verb.
    if cue_right_before(text, sentence, span, set, "SINCE") {
        return Tense::Past;
    }
    if deadline_before(text, sentence, span, set) {
        return Tense::Future;
    }
    nearest_cue(text, sentence, span, set, false)
        .or_else(|| nearest_cue(text, sentence, span, set, true))
        .unwrap_or(Tense::Unknown)
}

/// "by February", "until mid-November": a weak future cue right before
/// the expression points ahead, unless the sentence is in the past
/// perfect ("By March, the troops had left").
fn deadline_before(
    text: &str,
    sentence: (usize, usize),
    span: (usize, usize),
    set: &RuleSet,
) -> bool {
    let s = &text[sentence.0..sentence.1];
    cue_right_before(text, sentence, span, set, "FUTURE_WEAK")
        && !set
            .cues
            .iter()
            .any(|(n, re)| n == "PERFECT" && re.is_match(s))
}

/// True when a cue of list `name` ends right before the expression.
fn cue_right_before(
    text: &str,
    sentence: (usize, usize),
    span: (usize, usize),
    set: &RuleSet,
    name: &str,
) -> bool {
    let s = &text[sentence.0..sentence.1];
    set.cues.iter().filter(|(n, _)| n == name).any(|(_, re)| {
        re.find_iter(s)
            .any(|m| (sentence.0 + m.end()).abs_diff(span.0) <= 1)
    })
}

/// The tense of the cue nearest to `span`, among the strong cues or,
/// when `weak`, among those that count only when no strong one is there
/// ("by", "until": deadlines, mostly ahead).
fn nearest_cue(
    text: &str,
    sentence: (usize, usize),
    span: (usize, usize),
    set: &RuleSet,
    weak: bool,
) -> Option<Tense> {
    let s = &text[sentence.0..sentence.1];
    let mut best: Option<(usize, Tense)> = None;
    for (name, re) in &set.cues {
        let (base, is_weak) = match name.strip_suffix("_WEAK") {
            Some(b) => (b, true),
            None => (name.as_str(), false),
        };
        if is_weak != weak {
            continue;
        }
        let tense = match base {
            "PAST" => Tense::Past,
            "FUTURE" => Tense::Future,
            "PRESENT" => Tense::Present,
            _ => continue,
        };
        for m in re.find_iter(s) {
            let (a, b) = (sentence.0 + m.start(), sentence.0 + m.end());
            if a < span.1 && span.0 < b {
                continue;
            }
            let distance = if b <= span.0 { span.0 - b } else { a - span.1 };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, tense));
            }
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::super::tagger::{Language, rule_set};
    use super::*;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let set = rule_set(Language::En).unwrap();
        let t = "The U.S. Army moved on Jan. 5. Mr. Smith said so! Next one.\n\nNew paragraph";
        let s: Vec<&str> = sentences(t, set).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            [
                "The U.S. Army moved on Jan. 5.",
                "Mr. Smith said so!",
                "Next one.",
                "New paragraph"
            ]
        );
    }

    #[test]
    fn the_nearest_cue_gives_the_tense() {
        let set = rule_set(Language::En).unwrap();
        let t = "He said they will meet on Friday.";
        let at = t.find("Friday").unwrap();
        assert_eq!(
            tense_near(t, (0, t.len()), (at, at + 6), set),
            Tense::Future
        );
        let t = "They met on Friday.";
        let at = t.find("Friday").unwrap();
        assert_eq!(tense_near(t, (0, t.len()), (at, at + 6), set), Tense::Past);
    }
}
