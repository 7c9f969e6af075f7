//! Resolving a rule's match to a TIMEX3 value: the actions that rules
//! name (`abs`, `weekday`, `rel`, …), anchored on the publication date,
//! pointed by the sentence's tense, and the one piece of discourse state
//! a news text needs (the last day and quarter mentioned, for "the next
//! day" and "a year earlier").

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate, TimeDelta};

use super::rules::{Rule, RuleSet, TimexType};
use super::tagger::Anchor;
use super::text::Tense;

mod holidays;

/// What the resolver knows besides the match.
#[derive(Debug)]
pub(crate) struct Context {
    pub anchor: Anchor,
    pub tense: Tense,
    /// The last day mentioned, for "the next day".
    pub last_day: Option<NaiveDate>,
    /// The last quarter mentioned, for "a year earlier" in company results.
    pub last_quarter: Option<(i32, u32)>,
}

impl Context {
    pub(super) fn new(anchor: Anchor) -> Context {
        Context {
            anchor,
            tense: Tense::Unknown,
            last_day: None,
            last_quarter: None,
        }
    }
}

/// A resolved value.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub value: String,
    /// A type other than the rule's (a weekday with a time of day).
    pub kind: Option<TimexType>,
    pub modifier: Option<&'static str>,
    pub how: String,
}

/// The match's groups and the rule's arguments, read through the word
/// lists.
struct Groups<'a> {
    groups: &'a [(&'a str, &'a str)],
    args: &'a HashMap<String, String>,
    set: &'a RuleSet,
}

impl Groups<'_> {
    /// The text of group `name` (or `name2`, …).
    fn text(&self, name: &str) -> Option<&str> {
        self.groups
            .iter()
            .find(|(n, _)| n.trim_end_matches(|c: char| c.is_ascii_digit()) == name)
            .map(|(_, t)| *t)
    }
    /// A group's value in its word list, or the rule's argument.
    fn word(&self, name: &str) -> Option<String> {
        let arg = name.to_ascii_lowercase();
        match self.text(name) {
            Some(t) => self.set.word(name, t).map(str::to_string),
            None => self.args.get(&arg).cloned(),
        }
    }
    fn number(&self, name: &str) -> Option<i64> {
        let arg = name.to_ascii_lowercase();
        match self.text(name) {
            Some(t) => parse_number(t, self.set),
            None => self.args.get(&arg)?.parse().ok(),
        }
    }
    fn month(&self) -> Option<u32> {
        let t = self.text("MONTH");
        match t {
            Some(t) if t.chars().all(|c| c.is_ascii_digit()) => t.parse().ok(),
            _ => self.word("MONTH")?.parse().ok(),
        }
    }
    fn day(&self) -> Option<u32> {
        match self.text("DAY") {
            Some(t) => {
                let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
                if digits.is_empty() {
                    self.set.word("ORDINAL", t)?.parse().ok()
                } else {
                    digits.parse().ok()
                }
            }
            None => self.args.get("day")?.parse().ok(),
        }
    }
    fn year(&self, anchor: i32) -> Option<i32> {
        if let Some(t) = self.text("YEAR") {
            return t.trim().parse().ok();
        }
        if let Some(t) = self.text("YW") {
            let (century, rest) = t.split_once([' ', '-'])?;
            let hundreds: i32 = self.set.word("CENTURY", century)?.parse().ok()?;
            let rest = parse_number(rest, self.set)?;
            return Some(hundreds * 100 + i32::try_from(rest).ok()?);
        }
        if let Some(t) = self.text("YSHIFT") {
            let shift: i32 = self.set.word("SHIFT", t)?.parse().ok()?;
            return Some(anchor + shift);
        }
        // A two-digit year ("May '82", "5/3/98"); the group is not called
        // Y2, since `text` reads a final digit as a second group's mark.
        if let Some(t) = self.text("YY") {
            let two: i32 = t.trim_start_matches(['\'', '’']).parse().ok()?;
            return Some(century_near(two, anchor));
        }
        self.args.get("year")?.parse().ok()
    }
    fn shift(&self) -> Option<i64> {
        self.word("SHIFT")
            .or_else(|| self.args.get("shift").cloned())
            .and_then(|s| s.trim_start_matches('+').parse().ok())
    }
    fn modifier(&self) -> Option<&'static str> {
        let m = self.word("MOD").or_else(|| self.word("APPROX"))?;
        match m.as_str() {
            "START" => Some("START"),
            "MID" => Some("MID"),
            "END" => Some("END"),
            "APPROX" => Some("APPROX"),
            "LESS_THAN" => Some("LESS_THAN"),
            "MORE_THAN" => Some("MORE_THAN"),
            "EQUAL_OR_LESS" => Some("EQUAL_OR_LESS"),
            "EQUAL_OR_MORE" => Some("EQUAL_OR_MORE"),
            _ => None,
        }
    }
}

/// The year ending in `two` digits nearest before (or at) `anchor`, or
/// up to ten years after it.
fn century_near(two: i32, anchor: i32) -> i32 {
    let base = anchor - anchor.rem_euclid(100) + two;
    if base > anchor + 10 { base - 100 } else { base }
}

/// "12", "1,200", "twenty-five", "a", "several" (→ None: unknown).
pub(crate) fn parse_number(t: &str, set: &RuleSet) -> Option<i64> {
    let t = t.trim();
    if t.chars().all(|c| c.is_ascii_digit() || c == ',') && !t.is_empty() {
        return t.replace(',', "").parse().ok();
    }
    if let Some(v) = set.word("NUMBER", t) {
        return v.parse().ok();
    }
    // "Twenty-five", "two hundred", "two thousand": a hundred multiplies
    // what comes before it, a thousand closes a group.
    let (mut total, mut group) = (0, 0);
    for part in t
        .split(['-', ' '])
        .filter(|p| !p.is_empty() && !matches!(*p, "y" | "and"))
    {
        match set.word("NUMBER", part)?.parse::<i64>().ok()? {
            100 => group = group.max(1) * 100,
            1000 => {
                total += group.max(1) * 1000;
                group = 0;
            }
            n => group += n,
        }
    }
    Some(total + group)
}

/// Resolves a match of `rule` with its named `groups`.
pub(crate) fn resolve(
    rule: &Rule,
    groups: &[(&str, &str)],
    set: &RuleSet,
    ctx: &mut Context,
) -> Option<Resolved> {
    let g = Groups {
        groups,
        args: &rule.args,
        set,
    };
    let mut kind = None;
    let (value, how) = match rule.action.as_str() {
        "abs" => absolute(&g, ctx)?,
        "weekday" => {
            let (v, how, k) = weekday(&g, ctx)?;
            kind = k;
            (v, how)
        }
        "rel" => relative(&g, ctx.anchor.date, "the publication date")?,
        // "That quarter": the quarter last named, when one was.
        "anaphor" if g.args.get("unit").is_some_and(|u| u == "Q") && ctx.last_quarter.is_some() => {
            let (y, q) = ctx.last_quarter?;
            (
                format!("{y}-Q{q}"),
                "the quarter last mentioned".to_string(),
            )
        }
        "anaphor" => {
            let (base, what) = match ctx.last_day {
                Some(d) => (d, "the last day mentioned"),
                None => (ctx.anchor.date, "the publication date"),
            };
            relative(&g, base, what)?
        }
        "yearback" => match ctx.last_quarter {
            Some((y, q)) => (
                format!("{}-Q{q}", y - 1),
                "a year before the quarter last mentioned".to_string(),
            ),
            None => relative(&g, ctx.anchor.date, "the publication date")?,
        },
        "ref" | "fixed" => (
            g.args.get("value")?.clone(),
            "a reference to the time of writing".to_string(),
        ),
        "dur" => (duration(&g)?, "a length of time".to_string()),
        "set" => match g.args.get("value") {
            Some(v) => (v.clone(), "a recurring time".to_string()),
            None if g.text("WEEKDAY").is_some() => {
                let mut v = format!("XXXX-WXX-{}", g.word("WEEKDAY")?);
                if let Some(part) = g.word("PART") {
                    v.push_str(&format!("T{part}"));
                }
                (v, "a weekday, every week".to_string())
            }
            // "Each July", "every summer": that month or season of every year.
            None if g.text("MONTH").is_some() => (
                format!("XXXX-{:02}", g.month()?),
                "a month, every year".to_string(),
            ),
            None if g.text("SEASON").is_some() => (
                format!("XXXX-{}", g.word("SEASON")?),
                "a season, every year".to_string(),
            ),
            None => (
                format!("P1{}", unit_code(&g.word("UNIT")?)),
                "a recurring time".to_string(),
            ),
        },
        "season" => season(&g, ctx)?,
        "quarter" => quarter(&g, ctx)?,
        "weekend" => weekend(ctx)?,
        "century" => {
            let t = g.text("ORD")?;
            let n: i32 = match t.parse() {
                Ok(n) => n,
                Err(_) => g.set.word("ORDINAL", t)?.parse().ok()?,
            };
            (format!("{:02}", n.checked_sub(1)?), "a century".to_string())
        }
        "nthweekday" => holidays::nth_weekday(&g, ctx)?,
        "easter" => holidays::easter(&g, ctx)?,
        "monthweek" => holidays::month_week(&g, ctx)?,
        "half" => {
            let h: i64 = g.word("HALF")?.parse().ok()?;
            let y = g
                .year(ctx.anchor.date.year())
                .unwrap_or(ctx.anchor.date.year());
            (format!("{y}-H{h}"), "a half year".to_string())
        }
        "decade" => decade(&g, ctx)?,
        "time" => time_of_day(&g, ctx)?,
        _ => return None,
    };
    if rule.action != "yearback" {
        remember(&value, ctx);
    }
    Some(Resolved {
        value,
        kind,
        modifier: g.modifier(),
        how,
    })
}

/// Keeps the last day and quarter for anaphoric expressions.
fn remember(value: &str, ctx: &mut Context) {
    if value.len() >= 10
        && let Ok(d) = NaiveDate::parse_from_str(&value[..10], "%Y-%m-%d")
    {
        ctx.last_day = Some(d);
    }
    if let Some((y, q)) = value.split_once("-Q")
        && let (Ok(y), Ok(q)) = (y.parse(), q.parse())
    {
        ctx.last_quarter = Some((y, q));
    }
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Which year a month (and day) without one falls in.
fn infer_year(month: u32, day: Option<u32>, shift: Option<i64>, ctx: &Context) -> (i32, String) {
    let a = ctx.anchor.date;
    let here = (month, day.unwrap_or(0));
    let now = (a.month(), if day.is_some() { a.day() } else { 0 });
    let y = a.year();
    match shift {
        Some(s) if s < 0 => {
            let y = if here < now { y } else { y - 1 };
            (y, format!("the last one before the publication: {y}"))
        }
        Some(s) if s > 0 => {
            let y = if here > now { y } else { y + 1 };
            (y, format!("the next one after the publication: {y}"))
        }
        Some(_) => (y, format!("this year: {y}")),
        None => match ctx.tense {
            // A day just after the publication, in a past-tense sentence,
            // is a date the reported act points to (a deadline, a payment
            // date), not last year's.
            Tense::Past | Tense::Unknown
                if day.is_some_and(|d| soon_after(a, month, d).is_some()) =>
            {
                let y = day.and_then(|d| soon_after(a, month, d)).unwrap_or(y);
                (
                    y,
                    format!(
                        "{y}: a day just after the publication, which the report points ahead to"
                    ),
                )
            }
            Tense::Past if here > now => (
                y - 1,
                format!("{}: the last one before the publication", y - 1),
            ),
            Tense::Future if here < now => (
                y + 1,
                format!("{}: the next one after the publication", y + 1),
            ),
            t => (y, format!("{y}, the year of publication ({})", t.name())),
        },
    }
}

/// The year in which `month`/`day` falls within two months after the
/// anchor, if it does (this year's, or next year's in November and
/// December).
fn soon_after(anchor: NaiveDate, month: u32, day: u32) -> Option<i32> {
    [anchor.year(), anchor.year() + 1].into_iter().find(|&y| {
        NaiveDate::from_ymd_opt(y, month, day)
            .is_some_and(|d| d > anchor && (d - anchor).num_days() <= 62)
    })
}

fn absolute(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let month = g.month();
    let day = g.day();
    let (year, how) = match (g.year(ctx.anchor.date.year()), month) {
        (Some(y), _) => (y, "as written".to_string()),
        (None, Some(m)) => {
            let (y, how) = infer_year(m, day, g.shift(), ctx);
            (y, format!("no year written; {how}"))
        }
        (None, None) => return None,
    };
    let value = match (month, day) {
        (None, _) => format!("{year:04}"),
        (Some(m), None) => {
            if !(1..=12).contains(&m) {
                return None;
            }
            format!("{year:04}-{m:02}")
        }
        (Some(m), Some(d)) => day_text(NaiveDate::from_ymd_opt(year, m, d)?),
    };
    Some((value, how))
}

/// A weekday, with the time of day or a clock time that may follow it.
fn weekday(g: &Groups, ctx: &Context) -> Option<(String, String, Option<TimexType>)> {
    let wd: i64 = g.word("WEEKDAY")?.parse().ok()?;
    let a = ctx.anchor.date;
    let aw = i64::from(a.weekday().number_from_monday());
    let back = (aw - wd).rem_euclid(7);
    let ahead = (wd - aw).rem_euclid(7);
    let (offset, how) = match g.shift() {
        Some(s) if s < 0 => (
            -(if back == 0 { 7 } else { back }),
            "the one before the publication day".to_string(),
        ),
        Some(s) if s > 0 => (
            if ahead == 0 { 7 } else { ahead },
            "the one after the publication day".to_string(),
        ),
        _ if back == 0 => (0, "the publication day itself".to_string()),
        _ => match ctx.tense {
            Tense::Future => (ahead, "the next one (future tense)".to_string()),
            t => (
                -back,
                format!("the last one before the publication ({})", t.name()),
            ),
        },
    };
    let day = a.checked_add_signed(TimeDelta::days(offset))?;
    let mut value = day_text(day);
    let mut kind = None;
    if let Some(part) = g.word("PART") {
        value.push_str(&format!("T{part}"));
        kind = Some(TimexType::Time);
    }
    Some((value, how, kind))
}

fn unit_code(unit: &str) -> &str {
    unit
}

/// `n` units from `base`, written at the unit's precision.
fn relative(g: &Groups, base: NaiveDate, what: &str) -> Option<(String, String)> {
    let unit = g.word("UNIT")?;
    let n = match g.args.get("n").map(String::as_str) {
        Some("-NUM") => -g.number("NUM")?,
        Some("+NUM") | Some("NUM") => g.number("NUM")?,
        Some(v) => v.trim_start_matches('+').parse().ok()?,
        None => g.shift()?,
    };
    let precision = g.args.get("prec").map_or(unit.as_str(), String::as_str);
    let shifted = shift_date(base, &unit, n)?;
    let mut value = match precision {
        "D" => day_text(shifted),
        "W" => {
            let w = shifted.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        "M" => shifted.format("%Y-%m").to_string(),
        "Q" => format!("{}-Q{}", shifted.year(), (shifted.month() - 1) / 3 + 1),
        "Y" => format!("{:04}", shifted.year()),
        "DE" => format!("{:03}X", shifted.year() / 10),
        "CE" => format!("{:02}XX", shifted.year() / 100),
        _ => return None,
    };
    if let Some(part) = g.word("PART") {
        value.push_str(&format!("T{part}"));
    }
    let how = match n {
        0 => format!("the {} of {what}", unit_name(&unit)),
        n if n < 0 => format!("{} {}(s) before {what}", -n, unit_name(&unit)),
        n => format!("{n} {}(s) after {what}", unit_name(&unit)),
    };
    Some((value, how))
}

fn unit_name(unit: &str) -> &'static str {
    match unit {
        "D" => "day",
        "W" => "week",
        "M" => "month",
        "Q" => "quarter",
        "Y" => "year",
        "DE" => "decade",
        "CE" => "century",
        _ => "unit",
    }
}

/// `base` moved by `n` units (months and longer keep the day where they
/// can, else the month's last).
fn shift_date(base: NaiveDate, unit: &str, n: i64) -> Option<NaiveDate> {
    let months = |m: i64| {
        let abs = Months::new(u32::try_from(m.unsigned_abs()).ok()?);
        if m < 0 {
            base.checked_sub_months(abs)
        } else {
            base.checked_add_months(abs)
        }
    };
    match unit {
        "D" => base.checked_add_signed(TimeDelta::try_days(n)?),
        "W" => base.checked_add_signed(TimeDelta::try_days(n.checked_mul(7)?)?),
        "M" => months(n),
        "Q" => months(n.checked_mul(3)?),
        "Y" => months(n.checked_mul(12)?),
        "DE" => months(n.checked_mul(120)?),
        "CE" => months(n.checked_mul(1200)?),
        _ => None,
    }
}

fn duration(g: &Groups) -> Option<String> {
    let unit = g.word("UNIT")?;
    let n: Option<i64> = match (g.text("NUM"), g.args.get("n")) {
        (Some(t), _) => parse_number(t, g.set),
        (None, Some(n)) => n.parse().ok(),
        (None, None) => Some(1),
    };
    // A decimal count ("20.88 seconds", "2.5 years") is written as it is.
    if let Some(d) = g.text("DEC") {
        return Some(match unit.as_str() {
            "H" | "S" => format!("PT{d}{unit}"),
            "MIN" => format!("PT{d}M"),
            "DE" | "CE" => return None,
            u => format!("P{d}{u}"),
        });
    }
    let half = g.text("FRAC").is_some();
    let Some(n) = n else {
        // An unknown count: decades and centuries are years to TIMEX3.
        return Some(match unit.as_str() {
            "DE" => "PXY".to_string(),
            "CE" => "PXC".to_string(),
            "H" | "MIN" | "S" => format!("PTX{}", if unit == "MIN" { "M" } else { &unit }),
            u => format!("PX{u}"),
        });
    };
    // TIMEX3 writes decades and centuries in years, and a half in the
    // next smaller unit ("2 1/2 years": P2Y6M).
    Some(match (unit.as_str(), half) {
        ("DE", _) => format!("P{}Y", n * 10 + if half { 5 } else { 0 }),
        ("CE", _) => format!("P{}Y", n * 100 + if half { 50 } else { 0 }),
        ("Y", true) => format!("P{n}Y6M"),
        ("M", true) => format!("P{n}M15D"),
        ("W", true) => format!("P{n}W3D"),
        ("D", true) => format!("P{n}DT12H"),
        ("H", true) => format!("PT{n}H30M"),
        ("MIN", true) => format!("PT{n}M30S"),
        ("H" | "S", false) => format!("PT{n}{unit}"),
        ("MIN", false) => format!("PT{n}M"),
        (u, _) => format!("P{n}{u}"),
    })
}

fn season(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let s = g.word("SEASON")?;
    let first_month = match s.as_str() {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    let (y, how) = match g.year(ctx.anchor.date.year()) {
        Some(y) => (y, "as written".to_string()),
        None => infer_year(first_month, None, g.shift(), ctx),
    };
    Some((format!("{y}-{s}"), how))
}

fn quarter(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let q: i64 = g.word("QUARTER")?.parse().ok()?;
    if !(1..=4).contains(&q) {
        return None;
    }
    let a = ctx.anchor.date;
    let aq = i64::from((a.month() - 1) / 3 + 1);
    let (y, how) = match g.year(a.year()) {
        Some(y) => (y, "as written".to_string()),
        None if q > aq && ctx.tense == Tense::Past => (
            a.year() - 1,
            "the last one before the publication".to_string(),
        ),
        None => (a.year(), "the year of publication".to_string()),
    };
    Some((format!("{y}-Q{q}"), how))
}

/// The weekend before the publication (or after it, in the future tense).
fn weekend(ctx: &Context) -> Option<(String, String)> {
    let a = ctx.anchor.date;
    let wd = i64::from(a.weekday().num_days_from_monday());
    let saturday = match ctx.tense {
        Tense::Future => a + TimeDelta::days((5 - wd).rem_euclid(7)),
        _ if wd >= 5 => a - TimeDelta::days(wd - 5),
        _ => a - TimeDelta::days(wd + 2),
    };
    let w = saturday.iso_week();
    Some((
        format!("{}-W{:02}-WE", w.year(), w.week()),
        "the nearest weekend".to_string(),
    ))
}

fn decade(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let t = g.text("DECADE")?;
    let mut digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        digits = g.set.word("DECADE", t)?.to_string();
    }
    let year: i32 = match digits.len() {
        2 => century_near(digits.parse().ok()?, ctx.anchor.date.year()),
        4 => digits.parse().ok()?,
        _ => return None,
    };
    // TIMEX3 writes a century with two digits ("19") and a decade with
    // three ("199").
    if year % 100 == 0 && year != 2000 && g.args.get("century").is_some() {
        return Some((format!("{:02}", year / 100), "a century".to_string()));
    }
    Some((format!("{:03}", year / 10), "a decade".to_string()))
}

fn time_of_day(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let mut hour: u32 = g.text("HOUR")?.parse().ok()?;
    let minute: u32 = g.text("MIN").map_or(Some(0), |m| m.parse().ok())?;
    if let Some(ampm) = g.word("AMPM") {
        match (ampm.as_str(), hour) {
            ("PM", h) if h < 12 => hour += 12,
            ("AM", 12) => hour = 0,
            _ => {}
        }
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    // A clock time with no day is on the last day named before it ("the
    // blast on Friday ... occurred at 10:35 a.m."), else the publication's.
    // "16:00 UTC today", "5 p.m. yesterday": the day around the publication's.
    let around = g.text("TODAY").map(|t| match t.to_lowercase().as_str() {
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => 0,
    });
    let day = match (g.word("WEEKDAY"), g.text("MONTH")) {
        _ if around.is_some() => day_text(
            ctx.anchor
                .date
                .checked_add_signed(chrono::Duration::days(around?))?,
        ),
        (_, Some(_)) => absolute(g, ctx)?.0,
        (Some(_), None) => weekday(g, ctx)?.0,
        (None, None) => day_text(ctx.last_day.unwrap_or(ctx.anchor.date)),
    };
    // A time in UTC (or GMT) is marked so ("16:08 UTC": T16:08Z).
    let zone = if g.text("UTC").is_some() { "Z" } else { "" };
    Some((
        format!("{}T{hour:02}:{minute:02}{zone}", &day[..10]),
        "a clock time on the day it names, the last day named, or the publication day".to_string(),
    ))
}
