//! Writing a laid-out axis as inline SVG for one page: ticks, eras, marks
//! with their labels, and the histogram of a clustered axis. Links are
//! relative to the page.

use std::fmt::Write as _;

use super::ticks::{short_month, tick_anchor};
use super::*;
use crate::i18n::{Arg, Messages};

impl Axis<'_> {
    /// The SVG for a page whose way back to the site root is `root`
    /// (`./`, `../../`). `title` names the figure for screen readers.
    pub(crate) fn svg(&self, root: &str, messages: &Messages, title: &str) -> String {
        let lang = messages.dates();
        let histogram = if self.is_clustered() {
            HISTOGRAM + 8.0
        } else {
            0.0
        };
        let marks_bottom = self.top + self.lanes as f64 * LANE;
        let height = marks_bottom + histogram + AXIS_SPACE;
        let axis_y = height - AXIS_SPACE + 6.0;
        let months: Vec<String> = (1..=12).map(|m| short_month(lang, m)).collect();

        let mut s = String::new();
        let _ = write!(
            s,
            // data-tick-char and data-tick-gap: how annals.js spaces the
            // ticks it redraws on a zoom, as `spaced` does here.
            "<svg class=\"axis{}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"group\" aria-label=\"{}\" data-lo=\"{}\" data-hi=\"{}\" data-months=\"{}\" data-bc=\"{}\" data-sep=\"{}\" data-tick-char=\"{TICK_CHAR_WIDTH}\" data-tick-gap=\"{TICK_GAP}\"{}>",
            if self.is_clustered() {
                " clustered"
            } else {
                ""
            },
            esc(title),
            self.lo,
            self.hi,
            esc(&months.join(",")),
            esc(&lang.bc),
            esc(&lang.thousands.to_string()),
            match self.pieces_attr() {
                p if p.is_empty() => String::new(),
                p => format!(" data-pieces=\"{p}\""),
            } + &deep_time_attr(self.lo, lang)
                + &if self.is_clustered() {
                    // Where annals.js draws the page's events when a zoom opens
                    // the columns: the lanes of the marks drawn above them.
                    format!(
                        " data-top=\"{}\" data-lane=\"{LANE}\" data-lanes=\"{FEATURED_LANES}\"",
                        self.top
                    )
                } else {
                    String::new()
                },
        );
        s.push_str(
            "<defs><linearGradient id=\"axis-ongoing\"><stop offset=\"0\" stop-color=\"currentColor\" stop-opacity=\"0.9\"/><stop offset=\"1\" stop-color=\"currentColor\" stop-opacity=\"0\"/></linearGradient></defs>",
        );
        let _ = write!(
            s,
            "<line class=\"axis-line\" x1=\"{MARGIN}\" x2=\"{}\" y1=\"{axis_y}\" y2=\"{axis_y}\"/><g class=\"axis-ticks\" role=\"list\">",
            WIDTH - MARGIN
        );
        for (t, label) in self.spaced_ticks(lang, &|t| self.x(t), TICK_CHAR_WIDTH, TICK_GAP) {
            let tx = self.x(t);
            let anchor = tick_anchor(tx, &label);
            let _ = write!(
                s,
                "<g class=\"tick\" role=\"listitem\" data-t=\"{t}\"><line class=\"axis-tick\" x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"8\" y2=\"{:.1}\"/><text class=\"axis-label{anchor}\" x=\"{tx:.1}\" y=\"{:.1}\">{}</text></g>",
                axis_y + 4.0,
                axis_y + 20.0,
                esc(&label)
            );
        }
        s.push_str("</g>");
        let wide = scale::BreakMark {
            half: 8.0,
            slant: 5.0,
            inset: 1.0,
        };
        self.write_breaks(&mut s, messages, axis_y, &|t| self.x(t), &wide, true);
        self.write_eras(&mut s, axis_y);
        if self.is_clustered() {
            self.write_histogram(&mut s, root, marks_bottom + 8.0, messages);
        }
        for p in &self.placed {
            self.write_mark(&mut s, root, p);
        }
        s.push_str("</svg>");
        s
    }

    fn write_mark(&self, s: &mut String, root: &str, p: &Placed) {
        let m = &self.marks[p.mark];
        let cy = self.top + p.lane as f64 * LANE;
        let r = Self::radius(m);
        let name = format!("{} ({})", m.label, m.date);
        let end = if m.end == i64::MAX {
            String::new()
        } else {
            m.end.to_string()
        };
        let _ = write!(
            s,
            "<a href=\"{root}{}\" class=\"mark importance-{}\" data-t0=\"{}\" data-t1=\"{end}\"><title>{}</title>",
            esc(&Page::Event(m.id).file()),
            m.importance,
            m.start,
            esc(&name)
        );
        let x0 = self.x(m.start);
        let x1 = self.shape_end(m);
        if m.end == i64::MAX {
            let _ = write!(
                s,
                "<rect class=\"bar ongoing\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\" fill=\"url(#axis-ongoing)\"/>",
                cy - r,
                x1 - x0,
                2.0 * r
            );
        } else if x1 - x0 >= 2.0 * r {
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
                "<circle class=\"point\" cx=\"{x0:.1}\" cy=\"{cy:.1}\" r=\"{r:.1}\"/>"
            );
        }
        if let Some(label) = &p.label {
            // A label inside a bar is drawn over its own outline in the
            // bar's colour (the stylesheet's stroke), a chip that keeps its
            // contrast where an ongoing bar fades.
            let (class, x) = match self.label_place(m, label.chars().count()) {
                LabelPlace::Inside(x) => ("mark-label inside\" paint-order=\"stroke", x),
                LabelPlace::After(x) => ("mark-label", x),
                LabelPlace::Before(x) => ("mark-label before", x),
            };
            let _ = write!(
                s,
                "<text class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
                cy + 4.0,
                esc(label)
            );
        }
        s.push_str("</a>");
    }

    /// Eras as shaded bands from the top to the axis line, each named at
    /// its top left when the name fits in the band.
    fn write_eras(&self, s: &mut String, axis_y: f64) {
        if self.eras.is_empty() {
            return;
        }
        s.push_str("<g class=\"eras\">");
        for (k, e) in self.eras.iter().enumerate() {
            let (x0, x1) = (self.x(e.start), self.x(e.end));
            // The name, cut to the band's width; none in a narrow band.
            let room = ((x1 - x0 - 8.0) / ERA_CHAR_WIDTH).max(0.0) as usize;
            let chars = e.title.chars().count();
            let name = if chars <= room {
                Some(e.title.to_string())
            } else if room >= 8 {
                let cut: String = e.title.chars().take(room - 1).collect();
                Some(format!("{}…", cut.trim_end()))
            } else {
                None
            };
            let _ = write!(
                s,
                "<g class=\"era era-{}\" data-t0=\"{}\" data-t1=\"{}\"><title>{}</title><rect x=\"{x0:.1}\" y=\"2\" width=\"{:.1}\" height=\"{:.1}\"/>",
                k % 2,
                e.start,
                e.end,
                esc(e.title),
                (x1 - x0).max(1.0),
                axis_y - 2.0,
            );
            if let Some(name) = name {
                let _ = write!(
                    s,
                    "<text class=\"era-label\" x=\"{:.1}\" y=\"14\">{}</text>",
                    x0 + 4.0,
                    esc(&name)
                );
            }
            s.push_str("</g>");
        }
        s.push_str("</g>");
    }

    fn write_histogram(&self, s: &mut String, root: &str, top: f64, messages: &Messages) {
        let width = (WIDTH - 2.0 * MARGIN) / BINS as f64;
        let max = self.bins.iter().map(|b| b.count).max().unwrap_or(1) as f64;
        s.push_str("<g class=\"histogram\">");
        for b in &self.bins {
            let k = (((self.x(b.from) - MARGIN) / width) as usize).min(BINS - 1);
            let x = MARGIN + k as f64 * width;
            // Square-root heights keep a column of 3 visible beside one
            // of 3,000.
            let h = ((b.count as f64 / max).sqrt() * (HISTOGRAM - 12.0)).max(2.0);
            let first = &self.marks[b.first];
            let (from, last) = (first.date, self.marks[b.last].date);
            let what = if b.count == 1 {
                messages.with("axis-column-one", &[("from", Arg::Text(from))])
            } else if from == last {
                let n = Arg::Count(b.count);
                messages.with("axis-column-day", &[("n", n), ("from", Arg::Text(from))])
            } else {
                let (n, from, to) = (Arg::Count(b.count), Arg::Text(from), Arg::Text(last));
                messages.with("axis-column", &[("n", n), ("from", from), ("to", to)])
            };
            let _ = write!(
                s,
                "<a href=\"{}\" class=\"cluster\" data-t0=\"{}\" data-t1=\"{}\"><title>{}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/><text class=\"cluster-count\" x=\"{:.1}\" y=\"{:.1}\">{}</text></a>",
                esc(&self.card_link(root, first)),
                b.from,
                b.to,
                esc(&what),
                x + 1.0,
                top + HISTOGRAM - h,
                width - 2.0,
                x + width / 2.0,
                top + HISTOGRAM - h - 3.0,
                short_count(b.count),
            );
        }
        s.push_str("</g>");
    }
}

/// A count in at most four characters: 7, 512, 3.4k, 12k.
pub(super) fn short_count(n: usize) -> String {
    match n {
        0..=999 => n.to_string(),
        1000..=9_949 => format!("{:.1}k", n as f64 / 1000.0),
        _ => format!("{}k", (n + 500) / 1000),
    }
}

/// ` data-deep="…"`: deep time's words (see [`date::deep_time_words`]) for
/// annals.js to name the ticks it redraws, on an axis that reaches back
/// into deep time; nothing on any other.
fn deep_time_attr(lo: i64, lang: &crate::date::Lang) -> String {
    let year = crate::date::civil_from_days(lo.div_euclid(crate::date::DAY)).0;
    if crate::date::years_ago(year).is_none() {
        return String::new();
    }
    format!(" data-deep=\"{}\"", esc(&deep_time_json(lang).to_string()))
}

/// [`date::deep_time_words`] as annals.js reads them: `{dec, ago, b, m, y}`,
/// each unit a map of plural category to words.
pub(super) fn deep_time_json(lang: &crate::date::Lang) -> serde_json::Value {
    let words = crate::date::deep_time_words(lang);
    let mut out = serde_json::Map::new();
    out.insert("dec".into(), words.dec.into());
    out.insert("ago".into(), words.ago.into());
    for (unit, forms) in words.units {
        let forms: serde_json::Map<String, serde_json::Value> = forms
            .into_iter()
            .map(|(c, w)| (c.to_string(), w.into()))
            .collect();
        out.insert(unit.into(), forms.into());
    }
    out.into()
}
