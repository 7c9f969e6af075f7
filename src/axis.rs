//! The visual axis of a timeline, drawn at build time as inline SVG: a
//! proportional time scale with ticks chosen from the span, points sized by
//! importance, intervals as bars (an ongoing one fades out to the right),
//! and marks stacked into lanes so they do not overlap.

use std::fmt::Write as _;

use crate::date::{self, Lang};
use crate::render::escape_html as esc;

/// One event as the axis sees it.
#[derive(Debug, Clone)]
pub struct AxisMark<'a> {
    /// Span start, UTC seconds.
    pub start: i64,
    /// Span end (exclusive), UTC seconds; `i64::MAX` when ongoing.
    pub end: i64,
    /// 1–5.
    pub importance: u8,
    /// Link text.
    pub label: &'a str,
    /// Date as shown.
    pub date: &'a str,
    /// Relative link to the event page.
    pub href: String,
}

const WIDTH: f64 = 960.0;
const MARGIN: f64 = 24.0;
const LANE: f64 = 20.0;
const MAX_LANES: usize = 8;
const AXIS_SPACE: f64 = 34.0;
const DAY: i64 = 86_400;

/// Tick spacing: a number of months (12 = yearly, 120 = decades) or of days.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Days(i64),
    Months(i64),
}

fn choose_step(span_seconds: f64) -> Step {
    let days = span_seconds / DAY as f64;
    let target = 8.0;
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

/// Tick positions (UTC seconds) and labels between `lo` and `hi`.
fn ticks(lo: i64, hi: i64, lang: &Lang) -> Vec<(i64, String)> {
    let step = choose_step((hi - lo) as f64);
    let (y, m, d) = date::civil_from_days(lo.div_euclid(DAY));
    let mut out = Vec::new();
    match step {
        Step::Days(n) => {
            let mut day = date::seconds_of(y, m, d).div_euclid(DAY);
            while day * DAY <= hi {
                if day * DAY >= lo {
                    let (ty, tm, td) = date::civil_from_days(day);
                    let month = &lang.months[usize::from(tm) - 1][..3];
                    out.push((
                        day * DAY,
                        format!("{td} {month} {}", date::year_label(ty, lang)),
                    ));
                }
                day += n;
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
                        let month = &lang.months[usize::from(tm) - 1][..3];
                        format!("{month} {}", date::year_label(ty, lang))
                    };
                    out.push((t, label));
                }
                index = index.saturating_add(n);
            }
        }
    }
    out
}

/// Draws the axis. `id` makes the SVG's internal ids unique on the page.
pub fn svg(marks: &[AxisMark<'_>], lang: &Lang, title: &str) -> String {
    if marks.is_empty() {
        return String::new();
    }
    let finite_end = marks
        .iter()
        .map(|m| if m.end == i64::MAX { m.start } else { m.end })
        .max()
        .unwrap_or(0);
    let lo0 = marks.iter().map(|m| m.start).min().unwrap_or(0);
    let hi0 = finite_end.max(lo0 + DAY);
    let pad = ((hi0 - lo0) / 25).max(DAY / 2);
    let (lo, hi) = (lo0 - pad, hi0 + pad);
    let scale = (WIDTH - 2.0 * MARGIN) / (hi - lo) as f64;
    let x = |t: i64| MARGIN + (t.clamp(lo, hi) - lo) as f64 * scale;

    // Lane assignment: each mark goes in the first lane where it fits.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| (marks[i].start, std::cmp::Reverse(marks[i].end)));
    let mut lane_end: Vec<f64> = Vec::new();
    let mut lanes = vec![0usize; marks.len()];
    for &i in &order {
        let m = &marks[i];
        let r = 4.0 + f64::from(m.importance);
        let x0 = x(m.start) - r;
        let x1 = if m.end == i64::MAX {
            WIDTH - MARGIN
        } else {
            x(m.end).max(x(m.start)) + r
        };
        let lane = lane_end
            .iter()
            .position(|&e| e + 4.0 <= x0)
            .unwrap_or(lane_end.len());
        let lane = if lane >= MAX_LANES {
            // Full: stack on the lane that frees up first.
            lane_end
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(b.1))
                .map_or(0, |(k, _)| k)
        } else {
            lane
        };
        if lane == lane_end.len() {
            lane_end.push(x1);
        } else {
            lane_end[lane] = lane_end[lane].max(x1);
        }
        lanes[i] = lane;
    }
    let nlanes = lane_end.len().max(1);
    let height = 16.0 + nlanes as f64 * LANE + AXIS_SPACE;
    let axis_y = height - AXIS_SPACE + 6.0;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"axis\" viewBox=\"0 0 {WIDTH} {height}\" role=\"group\" aria-label=\"{}\">",
        esc(title)
    );
    s.push_str(
        "<defs><linearGradient id=\"axis-ongoing\"><stop offset=\"0\" stop-color=\"currentColor\" stop-opacity=\"0.9\"/><stop offset=\"1\" stop-color=\"currentColor\" stop-opacity=\"0\"/></linearGradient></defs>",
    );
    let _ = write!(
        s,
        "<line class=\"axis-line\" x1=\"{MARGIN}\" x2=\"{}\" y1=\"{axis_y}\" y2=\"{axis_y}\"/>",
        WIDTH - MARGIN
    );
    for (t, label) in ticks(lo, hi, lang) {
        let tx = x(t);
        let _ = write!(
            s,
            "<line class=\"axis-tick\" x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"8\" y2=\"{:.1}\"/><text class=\"axis-label\" x=\"{tx:.1}\" y=\"{:.1}\">{}</text>",
            axis_y + 4.0,
            axis_y + 20.0,
            esc(&label)
        );
    }
    for &i in &order {
        let m = &marks[i];
        let cy = 16.0 + lanes[i] as f64 * LANE;
        let r = 3.0 + f64::from(m.importance);
        let name = format!("{} ({})", m.label, m.date);
        let _ = write!(
            s,
            "<a href=\"{}\" class=\"mark importance-{}\" aria-label=\"{}\"><title>{}</title>",
            esc(&m.href),
            m.importance,
            esc(&name),
            esc(&name)
        );
        let x0 = x(m.start);
        if m.end == i64::MAX {
            let _ = write!(
                s,
                "<rect class=\"bar ongoing\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"url(#axis-ongoing)\"/>",
                cy - r,
                WIDTH - MARGIN - x0,
                2.0 * r
            );
        } else {
            let x1 = x(m.end);
            if x1 - x0 >= 2.0 * r {
                let _ = write!(
                    s,
                    "<rect class=\"bar\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\"/>",
                    cy - r,
                    x1 - x0,
                    2.0 * r
                );
            } else {
                let _ = write!(
                    s,
                    "<circle class=\"point\" cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"{r:.1}\"/>",
                    (x0 + x1) / 2.0
                );
            }
        }
        s.push_str("</a>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_follow_the_span() {
        let lo = date::seconds_of(2025, 1, 1);
        let hi = date::seconds_of(2025, 6, 1);
        let labels: Vec<String> = ticks(lo, hi, &date::EN).into_iter().map(|t| t.1).collect();
        assert_eq!(labels[0], "Jan 2025");
        assert!(labels.len() <= 8, "{labels:?}");
        let lo = date::seconds_of(-3000, 1, 1);
        let hi = date::seconds_of(2025, 1, 1);
        let labels: Vec<String> = ticks(lo, hi, &date::EN).into_iter().map(|t| t.1).collect();
        assert!(labels.contains(&"1001 BC".to_string()), "{labels:?}");
    }

    #[test]
    fn overlapping_marks_get_their_own_lanes() {
        let m = |s: i64, e: i64| AxisMark {
            start: s,
            end: e,
            importance: 3,
            label: "x",
            date: "d",
            href: "events/x/".into(),
        };
        let out = svg(&[m(0, DAY), m(0, DAY), m(0, i64::MAX)], &date::EN, "Axis");
        assert_eq!(out.matches("<a ").count(), 3);
        assert!(out.contains("url(#axis-ongoing)"));
        // Three lanes, one mark each.
        for y in ["y=\"10.0\"", "y=\"30.0\"", "y=\"50.0\""] {
            assert!(out.contains(y), "{y} in {out}");
        }
    }
}
