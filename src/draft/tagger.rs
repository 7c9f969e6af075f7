//! The temporal tagger: finds temporal expressions in a text with the
//! language's rule table, keeps the longest match where rules overlap,
//! and resolves each against the anchor (the publication date of a news
//! article, the DCT of a TimeML document) and the tense of its sentence.

use std::sync::OnceLock;

use chrono::NaiveDate;

use super::resolve::{self, Context, Resolved};
use super::rules::{self, RuleSet, TimexType};
use super::text::{Tense, sentences, tense_near};

/// The English rule table.
pub(crate) const EN_RULES: &str = include_str!("rules/en.rules");
/// The Spanish rule table.
pub(crate) const ES_RULES: &str = include_str!("rules/es.rules");

/// Languages the tagger has rules for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Language {
    /// From `en` or `es`.
    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "en" => Some(Language::En),
            "es" => Some(Language::Es),
            _ => None,
        }
    }
}

/// What a text is anchored on: the day (and time, if known) it was
/// written, in its own time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The local calendar day.
    pub date: NaiveDate,
    /// Local hour and minute, when known.
    pub time: Option<(u32, u32)>,
}

/// A temporal expression found and resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Byte offsets of the expression in the text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value (`2025-02`, `P2W`, `PRESENT_REF`, …).
    pub value: String,
    /// TIMEX3 `mod`: `START`, `MID`, `END` for "early", "mid", "late".
    pub modifier: Option<&'static str>,
    /// How the value was found, in words, for reports.
    pub how: String,
    /// The tense read from the sentence.
    pub tense: Tense,
}

/// The rules of a language, read once.
pub(crate) fn rule_set(lang: Language) -> Result<&'static RuleSet, String> {
    static EN: OnceLock<Result<RuleSet, String>> = OnceLock::new();
    static ES: OnceLock<Result<RuleSet, String>> = OnceLock::new();
    let (cell, text, name) = match lang {
        Language::En => (&EN, EN_RULES, "en.rules"),
        Language::Es => (&ES, ES_RULES, "es.rules"),
    };
    cell.get_or_init(|| rules::parse(text))
        .as_ref()
        .map_err(|e| format!("internal error in the rule table {name}: {e}"))
}

/// One rule's match, before overlaps are settled.
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    /// Group spans by group index.
    groups: Vec<Option<(usize, usize)>>,
}

/// Finds and resolves the temporal expressions of `text`.
pub fn tag(text: &str, lang: Language, anchor: Anchor) -> Result<Vec<Timex>, String> {
    let set = rule_set(lang)?;
    let mut found = candidates(set, text);
    // Leftmost, then a rule marked `first` (one that splits what a longer
    // rule would join), then longest, then the rule written first.
    let not_first = |c: &Candidate| !set.rules[c.rule].args.contains_key("first");
    found.sort_by(|a, b| {
        (a.start, not_first(a), std::cmp::Reverse(a.end), a.rule).cmp(&(
            b.start,
            not_first(b),
            std::cmp::Reverse(b.end),
            b.rule,
        ))
    });
    // A match that resolves to no value (a count such as "several" where
    // a number is needed) leaves its place to the next one.
    let spans = sentences(text, set);
    let mut ctx = Context::new(anchor);
    let mut out = Vec::with_capacity(found.len() / 2);
    let mut taken_to = 0;
    for c in found {
        if c.start < taken_to {
            continue;
        }
        let rule = &set.rules[c.rule];
        if rule.action == "reject" {
            taken_to = c.end;
            continue;
        }
        let sentence = spans
            .iter()
            .find(|s| s.0 <= c.start && c.start < s.1)
            .copied()
            .unwrap_or((0, text.len()));
        ctx.tense = tense_near(text, sentence, (c.start, c.end), set);
        let names = rule.regex.capture_names();
        let groups: Vec<(&str, &str)> = names
            .zip(&c.groups)
            .filter_map(|(name, span)| Some((name?, &text[span.as_ref()?.0..span.as_ref()?.1])))
            .collect();
        let Some(Resolved {
            value,
            kind,
            modifier,
            how,
        }) = resolve::resolve(rule, &groups, set, &mut ctx)
        else {
            continue;
        };
        taken_to = c.end;
        out.push(Timex {
            start: c.start,
            end: c.end,
            kind: kind.unwrap_or(rule.kind),
            value,
            modifier,
            how,
            tense: ctx.tense,
        });
    }
    Ok(out)
}

/// Every match of every rule that stands as whole words, including the
/// matches that start inside another match of the same rule ("Jan. 9"
/// in "Friday, Jan. 9"): if the outer one loses its start to a longer
/// expression, the inner one can still be taken.
fn candidates(set: &RuleSet, text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (i, rule) in set.rules.iter().enumerate() {
        let t_group = rule.regex.capture_names().position(|n| n == Some("T"));
        let cap_group = rule.args.get("cap").and_then(|c| {
            rule.regex
                .capture_names()
                .position(|n| n == Some(c.as_str()))
        });
        let mut pos = 0;
        while pos <= text.len() {
            let Some(caps) = rule.regex.captures_at(text, pos) else {
                break;
            };
            let Some(whole) = caps.get(0) else { break };
            let (start, end) = match t_group.and_then(|g| caps.get(g)) {
                Some(t) => (t.start(), t.end()),
                None => (whole.start(), whole.end()),
            };
            if whole.is_empty() {
                pos = next_char(text, whole.start());
                continue;
            }
            let capital = cap_group
                .and_then(|g| caps.get(g))
                .is_none_or(|m| m.as_str().starts_with(char::is_uppercase));
            if is_word_edge(text, whole.start(), whole.end())
                && start < end
                && capital
                && !crosses_blank_line(&text[start..end])
            {
                out.push(Candidate {
                    start,
                    end,
                    rule: i,
                    groups: caps
                        .iter()
                        .map(|g| g.map(|m| (m.start(), m.end())))
                        .collect(),
                });
                pos = next_char(text, whole.start());
            } else {
                pos = next_char(text, whole.start());
            }
        }
    }
    out
}

/// True when `s` holds a blank line: a headline, a dateline and the
/// body are separate paragraphs, and no expression runs from one into
/// the next ("until Friday" + "September 18, 2008").
fn crosses_blank_line(s: &str) -> bool {
    let lines: Vec<&str> = s.split('\n').collect();
    lines.len() > 2
        && lines[1..lines.len() - 1]
            .iter()
            .any(|l| l.trim().is_empty())
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(at + 1, |c| at + c.len_utf8())
}

/// True when the match neither starts nor ends inside a word.
fn is_word_edge(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let joins = |a: Option<char>, b: Option<char>| matches!((a, b), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric());
    !joins(before, first) && !joins(last, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(y: i32, m: u32, d: u32) -> Anchor {
        Anchor {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            time: None,
        }
    }

    fn values(text: &str, lang: Language, a: Anchor) -> Vec<(String, String)> {
        tag(text, lang, a)
            .unwrap()
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.value))
            .collect()
    }

    /// (expression, value) pairs as [`values`] gives them.
    fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
        want.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_seed_sentences() {
        let a = anchor(2025, 5, 5);
        let v = values(
            "Speaking aboard Air Force One on Sunday, Trump criticized Sheinbaum. \
             Since January, there has been an increase. In February, Trump escalated. \
             During a phone call last month, Trump pushed.",
            Language::En,
            a,
        );
        let want = [
            ("Sunday", "2025-05-04"),
            ("January", "2025-01"),
            ("February", "2025-02"),
            ("last month", "2025-04"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn quarters_to_come_days_of_a_pair_and_the_same_day() {
        let a = anchor(1989, 10, 30);
        let v = values(
            "It will cut tax payments in future quarters and pays every quarter. \
             Sales fell in recent quarters. It may be sold at a later date. \
             The summit was held on April 24 and 25. The cars of the 70s and 80s. \
             He left on Oct. 2 and was seen that same day. Sales peak in the \
             second and fourth quarters. He would not go at this crucial moment.",
            Language::En,
            a,
        );
        let want = [
            ("future quarters", "FUTURE_REF"),
            ("every quarter", "P1Q"),
            ("recent quarters", "PXQ"),
            ("a later date", "FUTURE_REF"),
            ("April 24", "1989-04-24"),
            ("25", "1989-04-25"),
            ("the 70s", "197"),
            ("80s", "198"),
            ("Oct. 2", "1989-10-02"),
            ("that same day", "1989-10-02"),
            ("second", "1989-Q2"),
            ("fourth quarters", "1989-Q4"),
            ("this crucial moment", "PRESENT_REF"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn that_quarter_that_time_and_unsaid_lengths() {
        let a = anchor(1989, 10, 30);
        let v = values(
            "Profit rose in the second quarter of 1988. Results for that quarter \
             included a charge. The price is set by June 10; by that time, it may \
             fall. Forces will stay for some time. It fell in just minutes, at \
             the very beginning of the fiscal year. It takes between 60 and 90 days.",
            Language::En,
            a,
        );
        let want = [
            ("the second quarter of 1988", "1988-Q2"),
            ("that quarter", "1988-Q2"),
            ("June 10", "1990-06-10"),
            ("that time", "1990-06-10"),
            ("some time", "PXX"),
            ("minutes", "PTXM"),
            ("the very beginning of the fiscal year", "1989"),
            ("60", "P60D"),
            ("90 days", "P90D"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn a_date_or_time_is_one_expression_with_its_day_or_year() {
        let a = anchor(1998, 3, 5);
        let v = values(
            "He spoke at 16:00 UTC today. One was killed January nineteen \
             ninety-seven. Women's Day is this coming Sunday, March eighth. It \
             may take effect in next year's first quarter.",
            Language::En,
            a,
        );
        let want = [
            ("16:00 UTC today", "1998-03-05T16:00Z"),
            ("January nineteen ninety-seven", "1997-01"),
            ("this coming Sunday, March eighth", "1998-03-08"),
            ("next year's first quarter", "1999-Q1"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn a_second_before_any_word_is_an_ordinal() {
        let v = values("A second A380 flew in.", Language::En, anchor(2006, 3, 19));
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn march_may_august_before_a_noun_are_months() {
        let a = anchor(1999, 2, 10);
        let v = values(
            "The March accession will help. The May government fell. They \
             joined the March for Life.",
            Language::En,
            a,
        );
        assert_eq!(v, pairs(&[("March", "1999-03")]));
    }

    #[test]
    fn hundreds_and_thousands_in_words() {
        let a = anchor(1998, 1, 21);
        let v = values(
            "Secrets kept for more than two thousand years. It stood for two \
             hundred years. It took a couple years.",
            Language::En,
            a,
        );
        let want = [
            ("more than two thousand years", "P2000Y"),
            ("two hundred years", "P200Y"),
            ("a couple years", "P2Y"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn a_single_day() {
        let a = anchor(2007, 2, 28);
        let v = values(
            "It was the worst single-day decline. It fell in a single day.",
            Language::En,
            a,
        );
        assert_eq!(v, pairs(&[("single-day", "P1D"), ("a single day", "P1D")]));
    }

    #[test]
    fn a_length_with_its_noun() {
        let a = anchor(1989, 10, 30);
        let v = values(
            "Over a three-year period it grew. During its one-year term he served.",
            Language::En,
            a,
        );
        assert_eq!(
            v,
            pairs(&[("a three-year period", "P3Y"), ("one-year term", "P1Y")])
        );
    }

    #[test]
    fn how_often() {
        let a = anchor(2010, 3, 15);
        let v = values(
            "The board meets twice a year and three times a week. Trains run \
             once an hour. We meet every two weeks and vote every other year. \
             Pay is set hourly.",
            Language::En,
            a,
        );
        let want = [
            ("twice a year", "P1Y"),
            ("three times a week", "P1W"),
            ("once an hour", "PT1H"),
            ("every two weeks", "P2W"),
            ("every other year", "P2Y"),
            ("hourly", "PT1H"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn the_start_or_end_of_the_week_or_decade() {
        let a = anchor(2010, 3, 15);
        let v = values(
            "By the end of the decade, it is done. At the start of the week, prices fell.",
            Language::En,
            a,
        );
        assert_eq!(
            v,
            pairs(&[
                ("the end of the decade", "201X"),
                ("the start of the week", "2010-W11")
            ])
        );
    }

    #[test]
    fn an_ordinal_week_or_year() {
        let a = anchor(2009, 4, 4);
        let v = values(
            "US stocks log gains for fourth week in a row. Sales fell for the \
             second straight year.",
            Language::En,
            a,
        );
        assert_eq!(
            v,
            pairs(&[
                ("fourth week", "2009-W14"),
                ("the second straight year", "2009")
            ])
        );
    }

    #[test]
    fn a_day_or_week_judged() {
        let a = anchor(2009, 3, 13);
        let v = values(
            "US stock markets have their best week since November. On March 12 \
             he said it was a great day for Poland.",
            Language::En,
            a,
        );
        let want = [
            ("week", "2009-W11"),
            ("November", "2008-11"),
            ("March 12", "2009-03-12"),
            ("day", "2009-03-12"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn a_bare_plural_after_a_verb_of_lasting() {
        let a = anchor(2010, 3, 15);
        let v = values(
            "The trial is expected to last weeks. It could take months. It \
             lasted several years. In the last years it grew.",
            Language::En,
            a,
        );
        let want = [
            ("weeks", "PXW"),
            ("months", "PXM"),
            ("several years", "PXY"),
            ("the last years", "PXY"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn a_fiscal_year_before_its_quarter_and_the_full_year() {
        let a = anchor(2009, 7, 30);
        let v = values(
            "It reported results for its fiscal 2009 first quarter and fiscal \
             2008 fourth-quarter sales. Full-year profit fell.",
            Language::En,
            a,
        );
        let want = [
            ("fiscal 2009 first quarter", "2009-Q1"),
            ("fiscal 2008 fourth-quarter", "2008-Q4"),
            ("Full-year", "2009"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn the_following_or_previous_days() {
        let a = anchor(2006, 11, 20);
        let v = values(
            "In the following days, it worsened. This is fantastic compared with \
             the previous years.",
            Language::En,
            a,
        );
        assert_eq!(
            v,
            pairs(&[("the following days", "PXD"), ("the previous years", "PXY")])
        );
    }

    #[test]
    fn vague_times_to_come_and_lengths() {
        let a = anchor(2009, 5, 26);
        let v = values(
            "It will act very soon and sell as soon as possible. The now-cancelled \
             deal shaped the future of GM. He left for an undetermined period of \
             time. Stocks hit their lowest level in over six years. Over the years, \
             it grew. Sales rose from the corresponding period last year.",
            Language::En,
            a,
        );
        let want = [
            ("very soon", "FUTURE_REF"),
            ("as soon as possible", "FUTURE_REF"),
            ("an undetermined period of time", "PXX"),
            ("over six years", "P6Y"),
            ("the years", "PXY"),
            ("the corresponding period last year", "2008"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn before_an_event_the_length_or_day_alone() {
        let a = anchor(2009, 6, 8);
        let v = values(
            "It ships on June 17, two days before the phone launches. It came \
             on Oct. 12, the day before the plunge. He had left two days before.",
            Language::En,
            a,
        );
        let want = [
            ("June 17", "2009-06-17"),
            ("two days", "P2D"),
            ("Oct. 12", "2008-10-12"),
            ("the day", "2008-10-12"),
            ("two days before", "2009-06-06"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn a_match_inside_a_skipped_one_still_counts() {
        // "Friday, Jan. 9" loses "Friday" to the clock time; "Jan. 9",
        // which starts inside it, is found all the same.
        let a = anchor(2009, 1, 12);
        let v = values("It closed at 5 p.m. on Friday, Jan. 9.", Language::En, a);
        let want = [
            ("5 p.m. on Friday", "2009-01-09T17:00"),
            ("Jan. 9", "2009-01-09"),
        ];
        assert_eq!(v, pairs(&want));
    }

    #[test]
    fn matches_stand_as_whole_words() {
        assert!(is_word_edge("in May.", 3, 6));
        assert!(!is_word_edge("Mayor", 0, 3));
        assert!(!is_word_edge("12025", 1, 5));
    }

    #[test]
    fn no_expression_runs_across_a_blank_line() {
        let a = anchor(2008, 9, 18);
        let v = values(
            "Markets to remain closed until Friday\n\nSeptember 18, 2008\n\nTrading stopped.",
            Language::En,
            a,
        );
        assert_eq!(
            v,
            [
                ("Friday".to_string(), "2008-09-19".to_string()),
                ("September 18, 2008".to_string(), "2008-09-18".to_string()),
            ]
        );
        assert!(crosses_blank_line("Friday\n \nSeptember"));
        assert!(!crosses_blank_line("Friday\nSeptember"));
    }
}
