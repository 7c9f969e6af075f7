//! The axis for a phone: a strip that fits the width of the screen, so the
//! whole span shows at once without sideways scrolling. It draws what the
//! wide axis draws — eras, marks (or, clustered, the columns and the most
//! important marks), ticks — at the phone's own scale, with tick labels of
//! 13 px, no mark labels (the list below holds the titles), and marks that
//! lead to their card in the list. Each mark and column has a target of at
//! least 24 × 24 px.

use std::fmt::Write as _;

use super::svg::short_count;
use super::*;
use crate::i18n::Messages;

/// The strip's width, in CSS pixels at a phone's width.
const STRIP: f64 = 360.0;
const STRIP_MARGIN: f64 = 14.0;
/// Tick labels: 13 px sans-serif, about this wide per character.
const STRIP_TICK_CHAR: f64 = 8.0;
const STRIP_LANE: f64 = 13.0;
const STRIP_LANES: usize = 6;
const STRIP_BINS: usize = 12;
/// A column's count: 13 px digits, about this wide each.
const STRIP_COUNT_CHAR: f64 = 7.5;
const STRIP_HISTOGRAM: f64 = 34.0;
/// The least target for a finger (WCAG 2.2, 2.5.8).
const TARGET: f64 = 24.0;

impl Axis<'_> {
    fn strip_x(&self, t: i64) -> f64 {
        STRIP_MARGIN + self.at(t) * (STRIP - 2.0 * STRIP_MARGIN)
    }

    /// The strip for a page whose way back to the site root is `root`.
    pub(crate) fn svg_compact(&self, root: &str, messages: &Messages, title: &str) -> String {
        let lang = messages.dates();
        let (lanes, placed) = self.strip_lanes();
        let eras = if self.eras.is_empty() { 0.0 } else { 8.0 };
        let top = 6.0 + eras;
        let marks_bottom = top + lanes as f64 * STRIP_LANE + 4.0;
        let histogram = if self.is_clustered() {
            STRIP_HISTOGRAM
        } else {
            0.0
        };
        let axis_y = marks_bottom + histogram + 6.0;
        let height = axis_y + 22.0;
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg class=\"axis-strip\" viewBox=\"0 0 {STRIP} {height}\" role=\"group\" aria-label=\"{}\">",
            esc(title)
        );
        for e in &self.eras {
            let (x0, x1) = (self.strip_x(e.start), self.strip_x(e.end));
            let _ = write!(
                s,
                "<rect class=\"strip-era\" x=\"{x0:.1}\" y=\"2\" width=\"{:.1}\" height=\"{:.1}\"/>",
                (x1 - x0).max(1.0),
                axis_y - 2.0,
            );
        }
        if self.is_clustered() {
            self.strip_histogram(&mut s, root, marks_bottom, messages);
        }
        for (i, lane) in placed {
            self.strip_mark(&mut s, root, &self.marks[i], top + lane as f64 * STRIP_LANE);
        }
        let _ = write!(
            s,
            "<line class=\"axis-line\" x1=\"{STRIP_MARGIN}\" x2=\"{}\" y1=\"{axis_y}\" y2=\"{axis_y}\"/>",
            STRIP - STRIP_MARGIN
        );
        self.strip_breaks(&mut s, messages, axis_y);
        self.strip_tick_labels(&mut s, lang, axis_y, true);
        s.push_str("</svg>");
        s
    }

    /// The breaks of a broken axis over the strip's line at `axis_y`.
    fn strip_breaks(&self, s: &mut String, messages: &Messages, axis_y: f64) {
        let strip = scale::BreakMark {
            half: 6.0,
            slant: 3.0,
            inset: 0.0,
        };
        self.write_breaks(s, messages, axis_y, &|t| self.strip_x(t), &strip, false);
    }

    /// The tick labels under an axis line at `axis_y`, each kept inside
    /// the strip, with the tick itself when `marked`.
    fn strip_tick_labels(&self, s: &mut String, lang: &Lang, axis_y: f64, marked: bool) {
        for (t, label) in self.strip_ticks(lang) {
            let x = self.strip_x(t);
            let half = label.chars().count() as f64 * STRIP_TICK_CHAR / 2.0;
            let anchor = if x - half < 0.0 {
                " start"
            } else if x + half > STRIP {
                " end"
            } else {
                ""
            };
            if marked {
                let _ = write!(
                    s,
                    "<line class=\"axis-tick\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
                    axis_y - 3.0,
                    axis_y + 3.0
                );
            }
            let y = axis_y + if marked { 17.0 } else { 16.0 };
            let _ = write!(
                s,
                "<text class=\"strip-label{anchor}\" x=\"{x:.1}\" y=\"{y:.1}\">{}</text>",
                esc(&label)
            );
        }
    }

    /// The ticks the strip has room for: every other one dropped until no
    /// two labels touch.
    fn strip_ticks(&self, lang: &Lang) -> Vec<(i64, String)> {
        self.spaced_ticks(lang, &|t| self.strip_x(t), STRIP_TICK_CHAR, 10.0)
    }

    /// Which marks the strip draws, each with its lane: those the wide
    /// axis draws, most important first, as many as fit in its lanes.
    fn strip_lanes(&self) -> (usize, Vec<(usize, usize)>) {
        let mut order: Vec<usize> = self.placed.iter().map(|p| p.mark).collect();
        order.sort_by_key(|&i| {
            (
                std::cmp::Reverse(self.marks[i].importance),
                self.marks[i].start,
                i,
            )
        });
        let mut lanes = Lanes::new(if self.is_clustered() { 2 } else { STRIP_LANES });
        let mut placed = Vec::new();
        for i in order {
            let m = &self.marks[i];
            let x0 = self.strip_x(m.start);
            let x1 = self.strip_end(m).max(x0 + 8.0);
            if let Some(lane) = lanes.place(x0 - 4.0, x1 + 2.0) {
                placed.push((i, lane));
            }
        }
        placed.sort_unstable();
        (lanes.count(), placed)
    }

    fn strip_end(&self, m: &AxisMark<'_>) -> f64 {
        if m.end == i64::MAX {
            STRIP - STRIP_MARGIN
        } else {
            self.strip_x(m.end)
        }
    }

    fn strip_mark(&self, s: &mut String, root: &str, m: &AxisMark<'_>, cy: f64) {
        let (x0, x1) = (self.strip_x(m.start), self.strip_end(m));
        let r = 2.5 + f64::from(m.importance) * 0.5;
        let name = format!("{} ({})", m.label, m.date);
        let _ = write!(
            s,
            "<a href=\"{}\" class=\"mark importance-{}\" aria-label=\"{}\"><rect class=\"hit\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{TARGET}\"/>",
            esc(&self.card_link(root, m)),
            m.importance,
            esc(&name),
            x0 - TARGET / 2.0,
            cy - TARGET / 2.0,
            (x1 - x0).max(0.0) + TARGET,
        );
        if x1 - x0 >= 2.0 * r {
            let class = if m.end == i64::MAX {
                "bar ongoing"
            } else {
                "bar"
            };
            let _ = write!(
                s,
                "<rect class=\"{class}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"/>",
                cy - r,
                x1 - x0,
                2.0 * r
            );
        } else {
            let _ = write!(
                s,
                "<circle class=\"point\" cx=\"{x0:.1}\" cy=\"{cy:.1}\" r=\"{r:.1}\"/>"
            );
        }
        s.push_str("</a>");
    }

    /// The clustered axis's columns, fewer and wider.
    fn strip_histogram(&self, s: &mut String, root: &str, top: f64, messages: &Messages) {
        let width = (STRIP - 2.0 * STRIP_MARGIN) / STRIP_BINS as f64;
        let mut columns: Vec<Option<(usize, usize, usize)>> = vec![None; STRIP_BINS];
        for (i, m) in self.marks.iter().enumerate() {
            let k = (((self.strip_x(m.start) - STRIP_MARGIN) / width) as usize).min(STRIP_BINS - 1);
            let c = columns[k].get_or_insert((0, i, i));
            c.0 += 1;
            c.2 = i;
        }
        let max = columns.iter().flatten().map(|c| c.0).max().unwrap_or(1) as f64;
        for (k, (count, first, last)) in columns
            .iter()
            .enumerate()
            .filter_map(|(k, c)| c.map(|c| (k, c)))
        {
            let x = STRIP_MARGIN + k as f64 * width;
            let h = ((count as f64 / max).sqrt() * (STRIP_HISTOGRAM - 14.0)).max(2.0);
            let (from, to) = (self.marks[first].date, self.marks[last].date);
            let what = messages.with(
                "axis-column",
                &[
                    ("n", crate::i18n::Arg::Count(count)),
                    ("from", crate::i18n::Arg::Text(from)),
                    ("to", crate::i18n::Arg::Text(to)),
                ],
            );
            // The count where it fits above its column; the title says it
            // in any case.
            let count_text = short_count(count);
            let label = if count_text.len() as f64 * STRIP_COUNT_CHAR <= width - 2.0 {
                format!(
                    "<text class=\"cluster-count\" x=\"{:.1}\" y=\"{:.1}\">{count_text}</text>",
                    x + width / 2.0,
                    top + STRIP_HISTOGRAM - h - 2.0
                )
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "<a href=\"{}\" class=\"cluster\" aria-label=\"{}\"><rect class=\"hit\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{STRIP_HISTOGRAM}\"/><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>{label}</a>",
                esc(&self.card_link(root, &self.marks[first])),
                esc(&what),
                x + width / 2.0 - TARGET.max(width) / 2.0,
                top,
                TARGET.max(width),
                x + 1.0,
                top + STRIP_HISTOGRAM - h,
                width - 2.0,
            );
        }
    }
}

/// Columns of the overview of a list cut into pages.
const OVERVIEW_BINS: usize = 12;
const OVERVIEW_HEIGHT: f64 = 24.0;

impl Axis<'_> {
    /// A small strip of the whole list (this axis) over a page of it: the
    /// events counted in columns, each leading to the page that lists its
    /// first event, with the stretch `span` (the page's) marked, so that a
    /// reader of page 2 sees where page 2 lies in the whole timeline.
    pub(crate) fn svg_overview(
        &self,
        root: &str,
        messages: &Messages,
        title: &str,
        span: (i64, i64),
    ) -> String {
        self.draw_overview(&self.overview_columns(), root, messages, title, span)
    }

    /// [`Axis::svg_overview`] for each of `pages` (root, span): the
    /// columns counted, and all but each page's own stretch drawn, once
    /// for each root (a list's later pages share one), so that a list of
    /// 400 pages costs two drawings, not 400.
    pub(crate) fn svg_overviews(
        &self,
        pages: &[(String, (i64, i64))],
        messages: &Messages,
        title: &str,
    ) -> Vec<String> {
        let columns = self.overview_columns();
        let mut drawn: Vec<(&str, (String, String))> = Vec::new();
        pages
            .iter()
            .map(|(root, span)| {
                let k = match drawn.iter().position(|(r, _)| r == root) {
                    Some(k) => k,
                    None => {
                        let parts = self.overview_parts(&columns, root, messages, title);
                        drawn.push((root, parts));
                        drawn.len() - 1
                    }
                };
                let (head, rest) = &drawn[k].1;
                let here = self.overview_here(*span);
                let mut s = String::with_capacity(head.len() + here.len() + rest.len());
                s.push_str(head);
                s.push_str(&here);
                s.push_str(rest);
                s
            })
            .collect()
    }

    /// The overview's columns: (events, the first of them) where any.
    fn overview_columns(&self) -> Vec<Option<(usize, usize)>> {
        let width = (STRIP - 2.0 * STRIP_MARGIN) / OVERVIEW_BINS as f64;
        let mut columns: Vec<Option<(usize, usize)>> = vec![None; OVERVIEW_BINS];
        for (i, m) in self.marks.iter().enumerate() {
            let k =
                (((self.strip_x(m.start) - STRIP_MARGIN) / width) as usize).min(OVERVIEW_BINS - 1);
            columns[k].get_or_insert((0, i)).0 += 1;
        }
        columns
    }

    fn draw_overview(
        &self,
        columns: &[Option<(usize, usize)>],
        root: &str,
        messages: &Messages,
        title: &str,
        span: (i64, i64),
    ) -> String {
        let (head, rest) = self.overview_parts(columns, root, messages, title);
        head + &self.overview_here(span) + &rest
    }

    /// The overview's line, where its columns are drawn from.
    fn overview_y() -> f64 {
        4.0 + OVERVIEW_HEIGHT
    }

    /// The overview's mark of the stretch `span` (a page's).
    fn overview_here(&self, span: (i64, i64)) -> String {
        let axis_y = Self::overview_y();
        let (x0, x1) = (self.strip_x(span.0), self.strip_x(span.1));
        format!(
            "<rect class=\"overview-here\" x=\"{:.1}\" y=\"1\" width=\"{:.1}\" height=\"{:.1}\"/>",
            x0 - 2.0,
            (x1 - x0).max(0.0) + 4.0,
            axis_y - 1.0
        )
    }

    /// The overview from a page at `root`, before and after its mark of
    /// the page's stretch.
    fn overview_parts(
        &self,
        columns: &[Option<(usize, usize)>],
        root: &str,
        messages: &Messages,
        title: &str,
    ) -> (String, String) {
        let width = (STRIP - 2.0 * STRIP_MARGIN) / OVERVIEW_BINS as f64;
        let max = columns.iter().flatten().map(|c| c.0).max().unwrap_or(1) as f64;
        let axis_y = Self::overview_y();
        let head = format!(
            "<svg class=\"axis-overview\" viewBox=\"0 0 {STRIP} {:.1}\" role=\"group\" aria-label=\"{}\">",
            axis_y + 20.0,
            esc(title)
        );
        let mut s = String::new();
        for (k, (count, first)) in columns
            .iter()
            .enumerate()
            .filter_map(|(k, c)| c.map(|c| (k, c)))
        {
            let x = STRIP_MARGIN + k as f64 * width;
            let h = ((count as f64 / max).sqrt() * (OVERVIEW_HEIGHT - 4.0)).max(2.0);
            let m = &self.marks[first];
            let what = messages.with(
                "overview-column",
                &[
                    ("n", crate::i18n::Arg::Count(count)),
                    ("from", crate::i18n::Arg::Text(m.date)),
                    ("page", crate::i18n::Arg::Count(m.list_page)),
                ],
            );
            let _ = write!(
                s,
                "<a href=\"{}\" class=\"cluster\" aria-label=\"{}\"><rect class=\"hit\" x=\"{:.1}\" y=\"4\" width=\"{width:.1}\" height=\"{OVERVIEW_HEIGHT}\"/><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/></a>",
                esc(&self.card_link(root, m)),
                esc(&what),
                x,
                x + 1.0,
                axis_y - h,
                width - 2.0,
            );
        }
        let _ = write!(
            s,
            "<line class=\"axis-line\" x1=\"{STRIP_MARGIN}\" x2=\"{}\" y1=\"{axis_y}\" y2=\"{axis_y}\"/>",
            STRIP - STRIP_MARGIN
        );
        self.strip_breaks(&mut s, messages, axis_y);
        self.strip_tick_labels(&mut s, messages.dates(), axis_y, false);
        s.push_str("</svg>");
        (head, s)
    }
}
