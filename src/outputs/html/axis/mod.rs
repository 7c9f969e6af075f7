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

mod compact;
mod scale;
mod svg;
mod ticks;

use std::collections::BTreeMap;

use crate::date::{DAY, Lang};
use crate::views::escape::escape_html as esc;
use crate::views::url::Page;

/// One event as the axis sees it.
#[derive(Debug, Clone, Hash)]
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
/// Estimated width of one character of a mark's label (12px sans-serif).
const CHAR_WIDTH: f64 = 6.8;
/// Estimated width of one character of an era's name (12px, small caps).
const ERA_CHAR_WIDTH: f64 = 6.6;
/// Estimated width of one character of a tick label (12px sans-serif).
const TICK_CHAR_WIDTH: f64 = 6.8;
/// Least room between two tick labels.
const TICK_GAP: f64 = 8.0;
/// Labels longer than this are cut with an ellipsis.
const MAX_LABEL_CHARS: usize = 48;
/// Labels are whole titles up to this long when there is room for them.
const FULL_LABEL_CHARS: usize = 100;

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
#[derive(Hash)]
struct Placed {
    mark: usize,
    lane: usize,
    /// Shown beside the mark, when every label fits.
    label: Option<String>,
}

/// One histogram column of a clustered axis.
#[derive(Hash)]
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
#[derive(Debug, Clone, Hash)]
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
    /// What a mark's link puts before the event's id after the `#`: the
    /// lists' cards are `e-ID`, the story's slides `ID`.
    anchor: &'static str,
    /// The eras that overlap the axis.
    eras: Vec<AxisEra<'a>>,
    /// Where the first lane of marks is centred (below the era names).
    top: f64,
    lo: i64,
    hi: i64,
    /// The scale: one piece, or stretches of events with breaks between.
    pieces: Vec<scale::Piece>,
    placed: Vec<Placed>,
    lanes: usize,
    bins: Vec<Bin>,
}

/// A mark's label: its whole title up to `cap` characters, else cut at
/// the last word that fits, with an ellipsis.
fn label_text(m: &AxisMark<'_>, cap: usize) -> String {
    let chars = m.label.chars().count();
    if chars <= cap {
        return m.label.to_string();
    }
    let cut: String = m.label.chars().take(cap - 1).collect();
    let words = match cut.rfind(char::is_whitespace) {
        Some(at) if at > cut.len() / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        words.trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c))
    )
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
        Self::lay_out(marks, eras, list_pages, true)
    }

    /// [`Axis::new`] for an axis drawn only as overview strips (a list of
    /// several pages, each page drawing its own axis): when it clusters,
    /// its events are counted but none is chosen to be drawn one by one,
    /// which over 100,000 marks is most of the work.
    pub(crate) fn counted(
        marks: Vec<AxisMark<'a>>,
        eras: &[AxisEra<'a>],
        list_pages: Vec<String>,
    ) -> Option<Axis<'a>> {
        Self::lay_out(marks, eras, list_pages, false)
    }

    fn lay_out(
        marks: Vec<AxisMark<'a>>,
        eras: &[AxisEra<'a>],
        list_pages: Vec<String>,
        featured: bool,
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
        let pieces = scale::pieces(&marks, lo, hi);
        let (lo, hi) = (pieces[0].t0, pieces[pieces.len() - 1].t1);
        let mut axis = Axis {
            pieces,
            list_pages,
            anchor: "e-",
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
        // Whole titles where they fit, else titles cut at a word, else
        // marks alone.
        if !axis.place_all(&order, Some(FULL_LABEL_CHARS))
            && !axis.place_all(&order, Some(MAX_LABEL_CHARS))
            && !axis.place_all(&order, None)
        {
            axis.cluster(featured);
        }
        Some(axis)
    }

    /// The link to event `m`'s card in the list, from a page `root` below
    /// the site's root: on the list page that holds it, or just its anchor
    /// when the list has one page (the page the drawing is on).
    fn card_link(&self, root: &str, m: &AxisMark<'_>) -> String {
        if let [_] = self.list_pages.as_slice() {
            return format!("#{}{}", self.anchor, m.id);
        }
        format!(
            "{root}{}#{}{}",
            self.list_pages
                .get(m.list_page.saturating_sub(1))
                .map_or("index.html", String::as_str),
            self.anchor,
            m.id
        )
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
    fn extent(&self, m: &AxisMark<'_>, label_cap: Option<usize>) -> (f64, f64) {
        let r = Self::radius(m);
        let (mut left, mut right) = (self.x(m.start) - r, self.shape_end(m));
        if let Some(cap) = label_cap {
            let chars = label_text(m, cap).chars().count();
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
    fn place_all(&mut self, order: &[usize], label_cap: Option<usize>) -> bool {
        let mut lanes = Lanes::new(if label_cap.is_some() {
            MAX_LABELLED_LANES
        } else {
            MAX_LANES
        });
        let mut placed = Vec::with_capacity(order.len());
        for &i in order {
            let (x0, x1) = self.extent(&self.marks[i], label_cap);
            match lanes.place(x0, x1) {
                Some(lane) => placed.push(Placed {
                    mark: i,
                    lane,
                    label: label_cap.map(|cap| label_text(&self.marks[i], cap)),
                }),
                None => return false,
            }
        }
        self.placed = placed;
        self.lanes = lanes.count();
        true
    }

    /// Too many marks to draw each: count them per column, and draw the
    /// most important ones that fit (when `featured`).
    fn cluster(&mut self, featured: bool) {
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
        if !featured {
            self.placed = Vec::new();
            self.lanes = 1;
            return;
        }

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
            let (x0, x1) = self.extent(&self.marks[i], None);
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

    /// Everything its drawings are made from (with the page's root, the
    /// language and the title), for a page's fingerprint: cheaper than
    /// drawing it.
    /// Marks lead to `#ID` instead of `#e-ID`.
    pub(crate) fn with_bare_anchors(mut self) -> Self {
        self.anchor = "";
        self
    }

    pub(crate) fn layout_hash(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        (
            self.lo,
            self.hi,
            self.lanes,
            self.top.to_bits(),
            &self.pieces,
        )
            .hash(h);
        (
            &self.marks,
            &self.eras,
            &self.list_pages,
            &self.placed,
            &self.bins,
        )
            .hash(h);
    }

    /// Whether the marks' labels (the events' titles) may change how the
    /// axis is laid out. Not when it clusters with more marks than twelve
    /// labelled lanes can hold (each mark takes at least 16 pixels of one):
    /// placing them unlabelled in fewer lanes failed, labelled would too,
    /// and a clustered axis places its featured marks unlabelled.
    pub(crate) fn titles_matter(&self) -> bool {
        let most = MAX_LABELLED_LANES * (WIDTH / 16.0) as usize;
        !self.is_clustered() || self.marks.len() <= most
    }

    /// True when the axis counts events instead of drawing each.
    pub(crate) fn is_clustered(&self) -> bool {
        !self.bins.is_empty()
    }
}

#[cfg(test)]
mod tests;
