//! The axis's time scale: ticks chosen from the span (days to billions of
//! years), labelled in the site's language.

use super::{TICK_CHAR_WIDTH, WIDTH};
use crate::date::{self, DAY, Lang};

/// Tick spacing: a number of months (12 = yearly, 120 = decades) or of days.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Days(i64),
    Months(i64),
}

fn choose_step(span_seconds: f64, target: f64) -> Step {
    let days = span_seconds / DAY as f64;
    for d in [1, 2, 7, 14] {
        if days / d as f64 <= target {
            return Step::Days(d);
        }
    }
    let months = days / 30.44;
    for m in [1, 2, 3, 6] {
        if months / m as f64 <= target {
            return Step::Months(m);
        }
    }
    let years = days / 365.2425;
    let mut unit = 1i64;
    loop {
        for k in [1, 2, 5] {
            let y = unit * k;
            if years / y as f64 <= target {
                return Step::Months(y.saturating_mul(12));
            }
        }
        unit = unit.saturating_mul(10);
    }
}

/// Tick positions (UTC seconds) and labels between `lo` and `hi`, about
/// eight of them.
pub(super) fn ticks(lo: i64, hi: i64, lang: &Lang) -> Vec<(i64, String)> {
    ticks_about(lo, hi, lang, 8.0)
}

/// Tick positions and labels between `lo` and `hi`, about `target` of
/// them (a stretch of a broken axis has room for fewer).
pub(super) fn ticks_about(lo: i64, hi: i64, lang: &Lang, target: f64) -> Vec<(i64, String)> {
    let step = choose_step((hi - lo) as f64, target);
    let (y, m, d) = date::civil_from_days(lo.div_euclid(DAY));
    let mut out = Vec::new();
    match step {
        Step::Days(n) => {
            let mut day = date::seconds_of(y, m, d).div_euclid(DAY);
            while day * DAY <= hi {
                if day * DAY >= lo {
                    let (ty, tm, td) = date::civil_from_days(day);
                    out.push((
                        day * DAY,
                        format!(
                            "{td} {} {}",
                            short_month(lang, tm),
                            date::year_label(ty, lang)
                        ),
                    ));
                }
                day += n;
            }
        }
        Step::Months(n) if n % 12 == 0 && n > 12 => {
            // Round years as readers count them: 3000 BC, 2000 BC, 1000 BC,
            // AD 1, 1000, 2000 (astronomical year 1 - k·step before the era,
            // k·step after it, and year 1 between); deep time in years ago
            // ("13.8 billion years ago") where that tells them apart.
            let step = n / 12;
            let (first, last) = (y, date::civil_from_days(hi.div_euclid(DAY)).0);
            let mut years: Vec<i64> = Vec::new();
            let mut k = (1 - first).div_euclid(step);
            while 1 - k * step <= last && k >= 1 {
                years.push(1 - k * step);
                k -= 1;
            }
            years.push(1);
            let mut k = first.div_euclid(step).max(1);
            while k.saturating_mul(step) <= last {
                years.push(k * step);
                k += 1;
            }
            years.retain(|&year| (lo..=hi).contains(&date::seconds_of(year, 1, 1)));
            let labels = date::round_year_labels(&years, lang);
            for (year, label) in years.into_iter().zip(labels) {
                out.push((date::seconds_of(year, 1, 1), label));
            }
        }
        Step::Months(n) => {
            // Start at a month (or year) boundary aligned to the step.
            let mut index = y * 12 + i64::from(m) - 1;
            index -= index.rem_euclid(n);
            loop {
                let (ty, tm) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
                let t = date::seconds_of(ty, tm, 1);
                if t > hi {
                    break;
                }
                if t >= lo {
                    let label = if n % 12 == 0 {
                        date::year_label(ty, lang)
                    } else {
                        format!("{} {}", short_month(lang, tm), date::year_label(ty, lang))
                    };
                    out.push((t, label));
                }
                index = index.saturating_add(n);
            }
        }
    }
    out
}

/// The class that keeps a tick's label on the SVG (" start", " end" or
/// ""): a label centred on a tick near an edge would be cut off.
pub(super) fn tick_anchor(tx: f64, label: &str) -> &'static str {
    let half = label.chars().count() as f64 * TICK_CHAR_WIDTH / 2.0;
    if tx - half < 0.0 {
        " start"
    } else if tx + half > WIDTH {
        " end"
    } else {
        ""
    }
}

/// A month's abbreviated name (CLDR's), for tick labels.
pub(super) fn short_month(lang: &Lang, month: u8) -> String {
    lang.short_months[usize::from(month) - 1].clone()
}
