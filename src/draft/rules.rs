//! The rule tables of the temporal tagger: reading the data files
//! (`rules/en.rules`, `rules/es.rules`, compiled in) into word lists and
//! compiled patterns. What a rule's value means is `resolve`'s business;
//! finding where rules match is `tagger`'s.
//!
//! The format, one item a line, `#` starting a comment:
//!
//! ```text
//! words MONTH            a word list: `word = value` lines up to a blank line
//! january = 1
//!
//! pattern DAYNUM = (?:[12][0-9]|3[01]|0?[1-9])    a named piece of regex
//! cue FUTURE = will|'ll|shall                      words that mark a tense
//! DATE abs :: (?P<MONTH>{MONTH}) (?P<DAY>{DAYNUM})  a rule: type, action, arguments, pattern
//! ```
//!
//! In a pattern, `{NAME}` is a word list (longest words first) or a named
//! piece; a space matches any run of white space; matching ignores case,
//! but the argument `cap=GROUP` asks for a capital on that group, and
//! `first=1` lets a match beat longer ones that start where it does. A named
//! group takes the name of the word list that gives its value (`MONTH`,
//! `MONTH2`); a group `T` is the expression, the rest of the match context.

use std::collections::HashMap;

use regex::Regex;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurring time.
    Set,
}

impl TimexType {
    /// As TimeML writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One rule: where it matches, and how its value is found.
#[derive(Debug)]
pub(crate) struct Rule {
    pub kind: TimexType,
    /// The resolving function (`abs`, `weekday`, `rel`, …).
    pub action: String,
    /// `key=value` arguments.
    pub args: HashMap<String, String>,
    pub regex: Regex,
}

/// A language's rules and word lists.
#[derive(Debug)]
pub(crate) struct RuleSet {
    pub rules: Vec<Rule>,
    /// List name → lower-cased word → value.
    pub words: HashMap<String, HashMap<String, String>>,
    /// Tense cues: `PAST`, `FUTURE`, … → compiled alternation.
    pub cues: Vec<(String, Regex)>,
    /// Words that make a preceding date the start of an ongoing span
    /// ("since", "desde").
    pub since: Vec<String>,
}

impl RuleSet {
    /// The value of `word` in list `list` (case and a final dot ignored).
    pub(super) fn word(&self, list: &str, word: &str) -> Option<&str> {
        let key = fold_word(word);
        self.words
            .get(list)
            .and_then(|l| l.get(&key))
            .map(String::as_str)
    }
}

/// Lower case, white space made single, a final dot dropped.
pub(crate) fn fold_word(word: &str) -> String {
    let lower = word.trim().trim_end_matches('.').to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A rules file as written, before its patterns are compiled.
#[derive(Default)]
struct Written {
    words: HashMap<String, HashMap<String, String>>,
    pieces: HashMap<String, String>,
    /// (line, head, pattern)
    rules: Vec<(usize, String, String)>,
    /// (line, name, pattern)
    cues: Vec<(usize, String, String)>,
    since: Vec<String>,
}

/// Splits a rules file into its items. Errors name the line.
fn read(text: &str) -> Result<Written, String> {
    let mut w = Written::default();
    let mut list: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.split(" #").next().unwrap_or("").trim_end();
        if let Some(name) = &list {
            if line.trim().is_empty() {
                list = None;
            } else if !line.starts_with('#') {
                let (word, value) = line
                    .split_once('=')
                    .ok_or_else(|| format!("line {n}: expected `word = value`"))?;
                let entry = w.words.entry(name.clone()).or_default();
                entry.insert(fold_word(word), value.trim().to_string());
            }
            continue;
        }
        let line = line.trim();
        let named = |def: &str, what: &str| {
            def.split_once(" = ")
                .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
                .ok_or_else(|| format!("line {n}: expected `{what} NAME = regex`"))
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        } else if let Some(name) = line.strip_prefix("words ") {
            list = Some(name.trim().to_string());
            w.words.entry(name.trim().to_string()).or_default();
        } else if let Some(def) = line.strip_prefix("pattern ") {
            let (name, re) = named(def, "pattern")?;
            w.pieces.insert(name, re);
        } else if let Some(def) = line.strip_prefix("cue ") {
            let (name, re) = named(def, "cue")?;
            w.cues.push((n, name, re));
        } else if let Some(words) = line.strip_prefix("since ") {
            w.since
                .extend(words.split('|').map(|s| s.trim().to_lowercase()));
        } else {
            let (head, pattern) = line
                .split_once(" :: ")
                .ok_or_else(|| format!("line {n}: expected `TYPE action args :: pattern`"))?;
            w.rules.push((n, head.to_string(), pattern.to_string()));
        }
    }
    Ok(w)
}

/// Reads and compiles a rules file. Errors name the line.
pub(crate) fn parse(text: &str) -> Result<RuleSet, String> {
    let w = read(text)?;
    let expand =
        |n: usize, p: &str| expand(p, &w.words, &w.pieces).map_err(|e| format!("line {n}: {e}"));
    let mut rules = Vec::with_capacity(w.rules.len());
    for (n, head, pattern) in &w.rules {
        let mut parts = head.split_whitespace();
        let kind = match parts.next() {
            Some("DATE") => TimexType::Date,
            Some("TIME") => TimexType::Time,
            Some("DURATION") => TimexType::Duration,
            Some("SET") => TimexType::Set,
            other => return Err(format!("line {n}: unknown type {other:?}")),
        };
        let action = parts
            .next()
            .ok_or_else(|| format!("line {n}: a rule needs an action"))?
            .to_string();
        let args = parts
            .map(|a| {
                let (k, v) = a.split_once('=').unwrap_or((a, ""));
                (k.to_string(), v.to_string())
            })
            .collect();
        let body = expand(*n, pattern)?;
        let regex = Regex::new(&format!("(?i)(?:{body})"))
            .map_err(|e| format!("line {n}: bad pattern: {e}"))?;
        rules.push(Rule {
            kind,
            action,
            args,
            regex,
        });
    }
    let mut cues = Vec::new();
    for (n, name, re) in &w.cues {
        let body = expand(*n, re)?;
        let regex = Regex::new(&format!("(?i)(?:^|[^\\w'’])(?:{body})(?:$|[^\\w])"))
            .map_err(|e| format!("line {n}: bad cue: {e}"))?;
        cues.push((name.clone(), regex));
    }
    Ok(RuleSet {
        rules,
        words: w.words,
        cues,
        since: w.since,
    })
}

/// `{NAME}` replaced by its word list or piece, spaces by `\s+`.
fn expand(
    pattern: &str,
    words: &HashMap<String, HashMap<String, String>>,
    pieces: &HashMap<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find(['{', ' ']) {
        out.push_str(&rest[..open]);
        if rest[open..].starts_with(' ') {
            // A quantified space (` ?`) is one white space character,
            // quantified; a plain one, any run of white space.
            let quantified = rest[open + 1..].starts_with(['?', '*', '+', '{']);
            out.push_str(if quantified { r"\s" } else { r"\s+" });
            rest = &rest[open + 1..];
            continue;
        }
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or("`{` without `}`")?;
        let name = &rest[open + 1..close];
        if name.chars().all(|c| c.is_ascii_digit() || c == ',') {
            // A regex repetition such as `{1,2}`.
            out.push_str(&rest[open..=close]);
        } else if let Some(list) = words.get(name) {
            let mut alts: Vec<&String> = list.keys().collect();
            alts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            let alts: Vec<String> = alts
                .iter()
                .map(|w| regex::escape(w).replace(' ', r"\s+"))
                .collect();
            out.push_str(&format!("(?:{})", alts.join("|")));
        } else if let Some(piece) = pieces.get(name) {
            out.push_str(&format!("(?:{})", expand(piece, words, pieces)?));
        } else {
            return Err(format!("unknown list or pattern {{{name}}}"));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_expand_longest_first_and_spaces_match_runs() {
        let set =
            parse("words M\nmay = 5\nmarch = 3\nmar = 3\n\nDATE abs :: (?P<M>{M}) (?P<D>[0-9]+)\n")
                .unwrap();
        let re = &set.rules[0].regex;
        let c = re.captures("March  5").unwrap();
        assert_eq!(&c["M"], "March");
        assert_eq!(set.word("M", "Mar."), Some("3"));
    }

    #[test]
    fn the_shipped_rules_compile() {
        for text in [
            super::super::tagger::EN_RULES,
            super::super::tagger::ES_RULES,
        ] {
            let set = parse(text).unwrap();
            assert!(set.rules.len() > 20);
        }
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("\nDATE abs :: {NOPE}\n").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
    }
}
