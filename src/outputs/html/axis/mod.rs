//! The visual axis of a timeline, drawn at build time as inline SVG: a
//! proportional time scale with ticks chosen from the span, marks sized by
//! importance, intervals as bars (an ongoing one fades out to the right),
//! and marks stacked into lanes so they do not overlap. Titles sit beside
//! their marks when every one of them fits.
//!
//! When the marks do not fit in the lanes (hundreds or thousands of
//! events), the axis clusters instead of smearing: a histogram counts the
//! events of each stretch of time, each bar linking to where the stretch
//! starts in the list, and the most important events are still drawn one
//! by one above it. The SVG stays the same size whatever the number of
//! events.
//!
//! The layout is computed once per list; [`Axis::svg`] writes it for a page
//! at a given depth, since links are relative.

mod svg;
mod ticks;

use std::collections::BTreeMap;

use crate::date::{DAY, Lang};
use crate::views::escape::escape_html as esc;
use crate::views::url::Page;

/// One event as the axis sees it.
#[derive(Debug, Clone)]
pub(crate) struct AxisMark<'a> {
    /// Span start, UTC seconds.
    pub start: i64,
    /// Span end (exclusive), UTC seconds; `i64::MAX` when ongoing.
    pub end: i64,
    /// 1–5.
    pub importance: u8,
    /// The event's title.
    pub label: &'a str,
    /// Date as shown.
    pub date: &'a str,
    /// The event's id: its page is `events/ID/`, its card `#e-ID`.
    pub id: &'a str,
    /// The page of the list (1-based) on which its card is, among
    /// [`Axis::new`]'s `list_pages`.
    pub list_page: usize,
}

const WIDTH: f64 = 960.0;
const MARGIN: f64 = 24.0;
const LANE: f64 = 20.0;
const TOP: f64 = 16.0;
/// Room above the lanes for the names of eras.
const ERA_ROW: f64 = 18.0;
/// Lanes of individually drawn marks before the axis clusters.
const MAX_LANES: usize = 8;
/// Lanes of labelled marks before labels are left out.
const MAX_LABELLED_LANES: usize = 12;
/// Lanes of featured marks above the histogram when clustered.
const FEATURED_LANES: usize = 5;
/// At most this many marks are drawn one by one when clustered.
const MAX_FEATURED: usize = 120;
/// Histogram columns when clustered.
const BINS: usize = 36;
const HISTOGRAM: f64 = 48.0;
const AXIS_SPACE: f64 = 34.0;
/// Estimated width of one character of a mark's label (11px sans-serif).
const CHAR_WIDTH: f64 = 6.2;
/// Estimated width of one character of an era's name (11px, small caps).
const ERA_CHAR_WIDTH: f64 = 6.0;
/// Estimated width of one character of a tick label (12px sans-serif).
const TICK_CHAR_WIDTH: f64 = 6.8;
/// Least room between two tick labels.
const TICK_GAP: f64 = 8.0;
/// Labels longer than this are cut with an ellipsis.
const MAX_LABEL_CHARS: usize = 48;

/// Lanes of marks, each lane a set of occupied pixel intervals, so marks
/// can be placed in any order.
struct Lanes {
    occupied: Vec<BTreeMap<i64, i64>>,
    max: usize,
}

impl Lanes {
    fn new(max: usize) -> Lanes {
        Lanes {
            occupied: Vec::new(),
            max,
        }
    }

    /// Puts `[x0, x1)` (pixels) into the first lane where it is free.
    fn place(&mut self, x0: f64, x1: f64) -> Option<usize> {
        // Tenths of a pixel, as integers, for the ordered map.
        let (a, b) = ((x0 * 10.0).floor() as i64, (x1 * 10.0).ceil() as i64);
        let free = |lane: &BTreeMap<i64, i64>| {
            let before = lane.range(..b).next_back();
            before.is_none_or(|(_, &end)| end <= a)
        };
        let lane = match self.occupied.iter().position(free) {
            Some(k) => k,
            None if self.occupied.len() < self.max => {
                self.occupied.push(BTreeMap::new());
                self.occupied.len() - 1
            }
            None => return None,
        };
        self.occupied[lane].insert(a, b);
        Some(lane)
    }

    fn count(&self) -> usize {
        self.occupied.len().max(1)
    }
}

/// Where a mark's label is drawn: its x and which side of the mark.
enum LabelPlace {
    Inside(f64),
    After(f64),
    Before(f64),
}

/// One mark as drawn.
struct Placed {
    mark: usize,
    lane: usize,
    /// Shown beside the mark, when every label fits.
    label: Option<String>,
}

/// One histogram column of a clustered axis.
struct Bin {
    from: i64,
    to: i64,
    count: usize,
    /// The earliest mark in the column, where its link leads.
    first: usize,
    /// The latest mark in the column.
    last: usize,
}

/// A named period drawn behind the marks (`eras:` in site.yaml).
#[derive(Debug, Clone)]
pub(crate) struct AxisEra<'a> {
    /// Span start, UTC seconds.
    pub start: i64,
    /// Span end (exclusive), UTC seconds.
    pub end: i64,
    /// Its name.
    pub title: &'a str,
}

/// The axis of one list, laid out; write it with [`Axis::svg`].
pub(crate) struct Axis<'a> {
    marks: Vec<AxisMark<'a>>,
    /// The files of the list's pages.
    list_pages: Vec<String>,
    /// The eras that overlap the axis.
    eras: Vec<AxisEra<'a>>,
    /// Where the first lane of marks is centred (below the era names).
    top: f64,
    lo: i64,
    hi: i64,
    placed: Vec<Placed>,
    lanes: usize,
    bins: Vec<Bin>,
}

fn label_text(m: &AxisMark<'_>) -> String {
    let chars = m.label.chars().count();
    if chars <= MAX_LABEL_CHARS {
        m.label.to_string()
    } else {
        let cut: String = m.label.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

impl<'a> Axis<'a> {
    /// Lays out `marks` (in timeline order) over the `eras` that overlap
    /// them. `None` when there is nothing to draw.
    /// `list_pages` are the files of the list's pages (relative to the
    /// site root), where the columns of a clustered axis lead. Links are
    /// made only for what is drawn, so laying out 100,000 marks costs no
    /// string for each.
    pub(crate) fn new(
        marks: Vec<AxisMark<'a>>,
        eras: &[AxisEra<'a>],
        list_pages: Vec<String>,
    ) -> Option<Axis<'a>> {
        if marks.is_empty() {
            return None;
        }
        let finite_end = marks
            .iter()
            .map(|m| if m.end == i64::MAX { m.start } else { m.end })
            .max()
            .unwrap_or(0);
        let lo0 = marks.iter().map(|m| m.start).min().unwrap_or(0);
        let hi0 = finite_end.max(lo0.saturating_add(DAY));
        let pad = (hi0 / 25 - lo0 / 25).max(DAY / 2);
        let (lo, hi) = (lo0.saturating_sub(pad), hi0.saturating_add(pad));
        let eras: Vec<AxisEra<'a>> = eras
            .iter()
            .filter(|e| e.end > lo && e.start < hi)
            .cloned()
            .collect();
        let mut axis = Axis {
            list_pages,
            lo,
            hi,
            top: if eras.is_empty() { TOP } else { TOP + ERA_ROW },
            eras,
            marks,
            placed: Vec::new(),
            lanes: 1,
            bins: Vec::new(),
        };
        let mut order: Vec<usize> = (0..axis.marks.len()).collect();
        order.sort_by_key(|&i| (axis.marks[i].start, std::cmp::Reverse(axis.marks[i].end)));
        if !axis.place_all(&order, true) && !axis.place_all(&order, false) {
            axis.cluster();
        }
        Some(axis)
    }

    fn x(&self, t: i64) -> f64 {
        let scale = (WIDTH - 2.0 * MARGIN) / (self.hi as f64 - self.lo as f64);
        MARGIN + (t.clamp(self.lo, self.hi) as f64 - self.lo as f64) * scale
    }

    /// Every other tick dropped until no two labels overlap (long year
    /// labels at geological scales).
    fn spaced(&self, mut ticks: Vec<(i64, String)>) -> Vec<(i64, String)> {
        let width = |l: &str| l.chars().count() as f64 * TICK_CHAR_WIDTH;
        while ticks.len() > 2
            && ticks.windows(2).any(|w| {
                self.x(w[1].0) - self.x(w[0].0) < (width(&w[0].1) + width(&w[1].1)) / 2.0 + TICK_GAP
            })
        {
            ticks = ticks.into_iter().step_by(2).collect();
        }
        ticks
    }

    fn radius(m: &AxisMark<'_>) -> f64 {
        3.0 + f64::from(m.importance)
    }

    /// Where a mark's shape ends on the right, in pixels.
    fn shape_end(&self, m: &AxisMark<'_>) -> f64 {
        let r = Self::radius(m);
        let x0 = self.x(m.start);
        if m.end == i64::MAX {
            WIDTH - MARGIN
        } else {
            self.x(m.end).max(x0 + r)
        }
    }

    /// Where a label of `chars` characters goes: inside a bar long enough
    /// to hold it, else after the mark, else (at the right edge) before it.
    fn label_place(&self, m: &AxisMark<'_>, chars: usize) -> LabelPlace {
        let r = Self::radius(m);
        let text = chars as f64 * CHAR_WIDTH;
        let x0 = self.x(m.start);
        let x1 = self.shape_end(m);
        let is_bar = m.end == i64::MAX || x1 - x0 >= 2.0 * r;
        if is_bar && x1 - x0 >= text + 12.0 {
            LabelPlace::Inside(x0 + 6.0)
        } else if x1 + 4.0 + text <= WIDTH {
            LabelPlace::After(x1 + 4.0)
        } else {
            LabelPlace::Before(x0 - r - 4.0)
        }
    }

    /// The pixels a mark takes, with its label when `labelled`.
    fn extent(&self, m: &AxisMark<'_>, labelled: bool) -> (f64, f64) {
        let r = Self::radius(m);
        let (mut left, mut right) = (self.x(m.start) - r, self.shape_end(m));
        if labelled {
            let chars = label_text(m).chars().count();
            let text = chars as f64 * CHAR_WIDTH;
            match self.label_place(m, chars) {
                LabelPlace::Inside(_) => {}
                LabelPlace::After(x) => right = x + text,
                LabelPlace::Before(x) => left = x - text,
            }
        }
        (left - 4.0, right + 4.0)
    }

    /// Places every mark in a lane; false when they do not all fit.
    fn place_all(&mut self, order: &[usize], labelled: bool) -> bool {
        let mut lanes = Lanes::new(if labelled {
            MAX_LABELLED_LANES
        } else {
            MAX_LANES
        });
        let mut placed = Vec::with_capacity(order.len());
        for &i in order {
            let (x0, x1) = self.extent(&self.marks[i], labelled);
            match lanes.place(x0, x1) {
                Some(lane) => placed.push(Placed {
                    mark: i,
                    lane,
                    label: labelled.then(|| label_text(&self.marks[i])),
                }),
                None => return false,
            }
        }
        self.placed = placed;
        self.lanes = lanes.count();
        true
    }

    /// Too many marks to draw each: count them per column, and draw the
    /// most important ones that fit.
    fn cluster(&mut self) {
        let width = (WIDTH - 2.0 * MARGIN) / BINS as f64;
        let mut bins: Vec<Option<Bin>> = (0..BINS).map(|_| None).collect();
        for (i, m) in self.marks.iter().enumerate() {
            let k = (((self.x(m.start) - MARGIN) / width) as usize).min(BINS - 1);
            let bin = bins[k].get_or_insert(Bin {
                from: m.start,
                to: m.start,
                count: 0,
                first: i,
                last: i,
            });
            bin.count += 1;
            if m.start < bin.from {
                (bin.from, bin.first) = (m.start, i);
            }
            if m.start > bin.to {
                (bin.to, bin.last) = (m.start, i);
            }
        }
        self.bins = bins.into_iter().flatten().collect();

        // Most important first, then the earliest. A span across a good
        // part of the axis takes a whole lane: only two of them are drawn,
        // so that the lanes still show points.
        let mut order: Vec<usize> = (0..self.marks.len()).collect();
        order.sort_by_key(|&i| {
            (
                std::cmp::Reverse(self.marks[i].importance),
                self.marks[i].start,
                i,
            )
        });
        let mut lanes = Lanes::new(FEATURED_LANES);
        let mut placed = Vec::new();
        let mut long_spans = 0;
        for i in order {
            if placed.len() == MAX_FEATURED {
                break;
            }
            let (x0, x1) = self.extent(&self.marks[i], false);
            let long = x1 - x0 > (WIDTH - 2.0 * MARGIN) / 4.0;
            if long && long_spans == 2 {
                continue;
            }
            if let Some(lane) = lanes.place(x0, x1) {
                long_spans += usize::from(long);
                placed.push(Placed {
                    mark: i,
                    lane,
                    label: None,
                });
            }
        }
        placed.sort_by_key(|p| p.mark);
        self.placed = placed;
        self.lanes = lanes.count();
    }

    /// True when the axis counts events instead of drawing each.
    pub(crate) fn is_clustered(&self) -> bool {
        !self.bins.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::svg::short_count;
    use super::ticks::{short_month, tick_anchor, ticks};
    use super::*;
    use crate::date;

    fn mark(start: i64, end: i64) -> AxisMark<'static> {
        AxisMark {
            start,
            end,
            importance: 3,
            label: "An event",
            date: "d",
            id: "x",
            list_page: 1,
        }
    }

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
        assert_eq!(
            labels,
            ["3000 BC", "2000 BC", "1000 BC", "1", "1000", "2000"]
        );
        let lo = date::seconds_of(-13_798_000_000, 1, 1);
        let labels: Vec<String> = ticks(lo, hi, &date::EN).into_iter().map(|t| t.1).collect();
        assert_eq!(labels[0], "12,000,000,000 BC", "{labels:?}");
    }

    #[test]
    fn overlapping_marks_get_their_own_lanes_and_labels() {
        let axis = Axis::new(
            vec![mark(0, DAY), mark(0, DAY), mark(0, i64::MAX)],
            &[],
            Vec::new(),
        )
        .unwrap();
        let out = axis.svg("../", &date::EN, "Axis");
        assert_eq!(out.matches("<a ").count(), 3);
        assert_eq!(out.matches("href=\"../events/x/index.html\"").count(), 3);
        assert!(out.contains("url(#axis-ongoing)"));
        assert_eq!(out.matches("class=\"mark-label").count(), 3);
        // Three lanes, one mark each.
        for y in ["y=\"10.0\"", "y=\"30.0\"", "y=\"50.0\""] {
            assert!(out.contains(y), "{y} in {out}");
        }
    }

    #[test]
    fn thousands_of_marks_cluster_into_a_bounded_svg() {
        let year = 365 * DAY;
        let marks: Vec<AxisMark<'_>> = (0..10_000)
            .map(|i: i64| {
                let mut m = mark(i * year / 7, i * year / 7 + DAY);
                m.importance = (i % 5 + 1) as u8;
                m
            })
            .collect();
        let axis = Axis::new(marks, &[], vec!["index.html".into()]).unwrap();
        assert!(axis.is_clustered());
        let out = axis.svg("./", &date::EN, "Axis");
        assert!(out.len() < 150_000, "{} bytes", out.len());
        let counted: usize = axis.bins.iter().map(|b| b.count).sum();
        assert_eq!(counted, 10_000);
        assert!(out.matches("class=\"cluster\"").count() <= BINS);
        let drawn = out.matches("class=\"mark ").count();
        assert!((1..=MAX_FEATURED).contains(&drawn), "{drawn}");
        // The drawn ones are the most important.
        assert!(
            !out.contains("importance-1\""),
            "minor events are counted, not drawn"
        );
    }

    #[test]
    fn eras_are_bands_behind_the_marks() {
        let eras = [
            AxisEra {
                start: 0,
                end: DAY / 2,
                title: "The first half of the day",
            },
            AxisEra {
                start: 10 * DAY,
                end: 11 * DAY,
                title: "Out of range",
            },
        ];
        let axis = Axis::new(vec![mark(0, DAY)], &eras, Vec::new()).unwrap();
        let out = axis.svg("./", &date::EN, "Axis");
        assert_eq!(out.matches("class=\"era ").count(), 1);
        assert!(out.contains(
            "<text class=\"era-label\" x=\"256.0\" y=\"14\">The first half of the day</text>"
        ));
        // Bands come before the marks, so marks are drawn over them.
        assert!(out.find("class=\"era ").unwrap() < out.find("class=\"mark ").unwrap());
        // The first lane moves down to make room for the names.
        assert!(out.contains("y=\"28.0\""), "{out}");
    }

    #[test]
    fn counts_stay_short() {
        assert_eq!(short_count(7), "7");
        assert_eq!(short_count(3_421), "3.4k");
        assert_eq!(short_count(12_499), "12k");
    }

    // ---- Tables for static/annals.js (issue 16, item 5) ----------------
    // A zoom draws ticks the build did not, so annals.js has the tick
    // choice and the calendar too. These tests write what Rust computes to
    // tests/browser/fixtures/, and tests/browser/parity.test.mjs runs the
    // JavaScript on the same cases: the two must agree exactly. After a
    // change here, `ANNALS_BLESS=1 cargo test --lib` rewrites the tables.

    /// Compares `actual` with the file at `path` (from the crate root), or
    /// writes it there when `ANNALS_BLESS=1`. (The same helper is in
    /// search.rs's tests.)
    fn golden(path: &str, actual: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        if std::env::var("ANNALS_BLESS").as_deref() == Ok("1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, actual).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b);
        assert!(
            expected == actual,
            "{} differs from what Rust computes (first at line {}): if the change is meant, run `ANNALS_BLESS=1 cargo test --lib`, then `node --test tests/browser/parity.test.mjs`",
            path.display(),
            first.unwrap_or(expected.lines().count().min(actual.lines().count())) + 1,
        );
    }

    /// One JSON value per line inside `[…]`, for readable diffs.
    fn json_lines(rows: &[serde_json::Value]) -> String {
        let rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        format!("[\n{}\n]", rows.join(",\n"))
    }

    /// What annals.js reads from the SVG's attributes to name ticks.
    fn names(lang: &Lang) -> serde_json::Value {
        let months: Vec<String> = (1..=12).map(|m| short_month(lang, m)).collect();
        serde_json::json!({ "months": months, "bc": lang.bc, "sep": lang.thousands.to_string() })
    }

    /// The ticks an axis over `lo..hi` draws: time, x, label, anchor.
    fn drawn_ticks(lo: i64, hi: i64, lang: &Lang) -> serde_json::Value {
        let axis = Axis {
            marks: Vec::new(),
            list_pages: Vec::new(),
            eras: Vec::new(),
            top: TOP,
            lo,
            hi,
            placed: Vec::new(),
            lanes: 1,
            bins: Vec::new(),
        };
        let ticks: Vec<serde_json::Value> = axis
            .spaced(ticks(lo, hi, lang))
            .into_iter()
            .map(|(t, label)| {
                let x = axis.x(t);
                let anchor = tick_anchor(x, &label).trim();
                serde_json::json!([t, x, label, anchor])
            })
            .collect();
        serde_json::Value::from(ticks)
    }

    #[test]
    fn the_svg_hands_annals_js_its_tick_spacing() {
        let out =
            Axis::new(vec![mark(0, DAY)], &[], Vec::new())
                .unwrap()
                .svg("./", &date::EN, "Axis");
        let attrs = format!(
            "x1=\"{MARGIN}\" data-tick-char=\"{TICK_CHAR_WIDTH}\" data-tick-gap=\"{TICK_GAP}\""
        );
        for attr in attrs.split(' ') {
            assert!(out.contains(attr), "{attr} in {out}");
        }
    }

    #[test]
    fn tick_table_for_annals_js() {
        let year = 365 * DAY + DAY / 4;
        let origins = [
            date::seconds_of(2025, 3, 15) + 12 * 3600,
            0,
            date::seconds_of(1, 1, 1) - 7 * DAY,
            date::seconds_of(-43, 3, 15),
            date::seconds_of(-3000, 1, 1),
            date::seconds_of(-13_798_000_000, 1, 1) + 12_345,
            date::seconds_of(99_000_000_000, 6, 1),
        ];
        let spans = [
            DAY / 4,
            DAY,
            3 * DAY,
            10 * DAY,
            40 * DAY,
            100 * DAY,
            200 * DAY,
            year,
            3 * year,
            10 * year,
            45 * year,
            130 * year,
            1_000 * year,
            5_100 * year,
            120_000 * year,
            7_000_000 * year,
            900_000_000 * year,
        ];
        let mut cases = Vec::new();
        let mut case = |lang: &str, lo: i64, hi: i64| {
            let l = date::lang(lang).unwrap();
            cases.push(serde_json::json!({ "lang": lang, "lo": lo, "hi": hi, "ticks": drawn_ticks(lo, hi, l) }));
        };
        for lo in origins {
            for span in spans {
                if let Some(hi) = lo.checked_add(span) {
                    case("en", lo, hi);
                }
            }
        }
        // Spans a second either side of each edge where the step changes.
        let days = [1.0, 2.0, 7.0, 14.0].map(|d| d * 8.0);
        let months = [1.0, 2.0, 3.0, 6.0].map(|m| m * 8.0 * 30.44);
        let years =
            (0..10).flat_map(|e| [1.0, 2.0, 5.0].map(|k| k * 10f64.powi(e) * 8.0 * 365.2425));
        for edge in days.into_iter().chain(months).chain(years) {
            let edge = (edge * DAY as f64).round() as i64;
            for span in [edge - 1, edge, edge + 1] {
                case("en", origins[0], origins[0] + span);
                case("en", origins[4] - span, origins[4]);
            }
        }
        // Axes as `Axis::new` pads them, and in Spanish.
        for (from, to) in [
            (-43, 2025),
            (-13_798_000_000, 2025),
            (1969, 1970),
            (2024, 2026),
        ] {
            let (a, b) = (date::seconds_of(from, 1, 1), date::seconds_of(to, 1, 1));
            let axis = Axis::new(vec![mark(a, b)], &[], Vec::new()).unwrap();
            case("en", axis.lo, axis.hi);
            case("es", axis.lo, axis.hi);
        }
        let table = format!(
            "{{\n\"about\": \"Written by src/axis.rs (tick_table_for_annals_js); checked by tests/browser/parity.test.mjs\",\n\"layout\": {},\n\"names\": {},\n\"cases\": {}\n}}\n",
            serde_json::json!({ "width": WIDTH, "margin": MARGIN, "tickChar": TICK_CHAR_WIDTH, "tickGap": TICK_GAP }),
            serde_json::json!({ "en": names(&date::EN), "es": names(date::lang("es").unwrap()) }),
            json_lines(&cases),
        );
        golden("tests/browser/fixtures/ticks.json", &table);
    }

    #[test]
    fn calendar_table_for_annals_js() {
        let dates = [
            (1970, 1, 1),
            (1969, 12, 31),
            (2000, 2, 29),
            (2000, 3, 1),
            (1900, 2, 28),
            (1900, 3, 1),
            (2024, 12, 31),
            (2025, 1, 1),
            (1, 1, 1),
            (0, 12, 31),
            (0, 2, 29),
            (-1, 3, 1),
            (-4, 2, 29),
            (-43, 3, 15),
            (-400, 1, 1),
            (-401, 12, 31),
            (-3000, 1, 1),
            (-13_798_000_000, 1, 1),
            (-99_999_999_999, 1, 1),
            (99_999_999_999, 12, 31),
            (100_000_000_000, 1, 1),
        ];
        let mut days: Vec<i64> = dates
            .iter()
            .map(|&(y, m, d)| date::seconds_of(y, m, d) / DAY)
            .collect();
        // Every day around the starts of 400-year eras, and a spread of others.
        for edge in [-719_468, -146_097 - 719_468, 146_097 - 719_468] {
            days.extend(edge - 3..edge + 3);
        }
        days.extend((-40..40).map(|k: i64| k * k * k * 12_345_677));
        let rows: Vec<serde_json::Value> = days
            .into_iter()
            .map(|day| {
                let (y, m, d) = date::civil_from_days(day);
                assert_eq!(date::seconds_of(y, m, d) / DAY, day);
                serde_json::json!([day, y, m, d])
            })
            .collect();
        let es = date::lang("es").unwrap();
        let years: Vec<serde_json::Value> = [
            -13_798_000_000,
            -1_000_000,
            -10_000,
            -9_999,
            -999,
            -43,
            0,
            1,
            999,
            2025,
            9_999,
            10_000,
            12_345,
            1_000_000,
            100_000_000_000,
        ]
        .into_iter()
        .map(|y| {
            serde_json::json!({ "year": y, "en": date::year_label(y, &date::EN), "es": date::year_label(y, es) })
        })
        .collect();
        let table = format!(
            "{{\n\"about\": \"Written by src/axis.rs (calendar_table_for_annals_js); checked by tests/browser/parity.test.mjs\",\n\"names\": {},\n\"days\": {},\n\"years\": {}\n}}\n",
            serde_json::json!({ "en": names(&date::EN), "es": names(es) }),
            json_lines(&rows),
            json_lines(&years),
        );
        golden("tests/browser/fixtures/calendar.json", &table);
    }
}
