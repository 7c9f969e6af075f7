//! The axis's time scale: proportional to time, except across long
//! stretches with no event at all, which are cut out and drawn as a narrow
//! break (`//`). Without breaks, forty events of 3000 BC to AD 1 would take
//! most of the width from two thousand events of the last two centuries;
//! with one, each stretch of events gets a share of the width by how many
//! events it holds (at least [`MIN_SHARE`]), is proportional inside, and
//! has its own ticks. A break is drawn and named on the axis, so the
//! scale never changes where a reader cannot see it change.

use super::ticks::ticks_about;
use super::{Axis, AxisMark, MARGIN, WIDTH};
use crate::date::{DAY, Lang};

/// A stretch with no event longer than this share of the whole span is
/// cut out.
const BREAK_MIN: f64 = 0.2;
/// The share of the width a break takes.
const BREAK_SHARE: f64 = 0.03;
/// The least share of the width a stretch of events takes.
const MIN_SHARE: f64 = 0.12;
/// A stretch is crowded when its share of the events is this many times
/// its share of the time.
const CROWDED: f64 = 3.0;
/// ... and when one scale would give its events fewer pixels each than
/// this (a mark is 7 to 16 px wide).
const CROWDED_PIXELS: f64 = 20.0;
/// ... and when it holds at least this many events (a point or two have
/// room anywhere).
const CROWDED_EVENTS: usize = 8;
/// Ticks over the whole width (as `ticks`).
const TICKS: f64 = 8.0;

/// How a break is drawn: half its height, the run of each slash, and how
/// far in from the gap's edges the slashes stand.
pub(super) struct BreakMark {
    pub(super) half: f64,
    pub(super) slant: f64,
    pub(super) inset: f64,
}

/// A stretch of the axis drawn at one scale: times `t0..t1` over the share
/// `f0..f1` of its width. A break (`gap`) holds no event: the last one
/// before it is at `t0` less some padding, the next one after `t1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Piece {
    pub(super) t0: i64,
    pub(super) t1: i64,
    pub(super) f0: f64,
    pub(super) f1: f64,
    pub(super) gap: bool,
    /// A break's last event before it and first event after it (their
    /// times): what its name says, without the padding.
    pub(super) quiet: (i64, i64),
}

impl std::hash::Hash for Piece {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (
            self.t0,
            self.t1,
            self.f0.to_bits(),
            self.f1.to_bits(),
            self.gap,
        )
            .hash(h);
    }
}

/// The stretches of an axis over `lo..hi` for `marks`: one, or stretches
/// of events with breaks between them.
pub(super) fn pieces(marks: &[AxisMark<'_>], lo: i64, hi: i64) -> Vec<Piece> {
    let whole = vec![Piece {
        t0: lo,
        t1: hi,
        f0: 0.0,
        f1: 1.0,
        gap: false,
        quiet: (lo, lo),
    }];
    // The times covered by some event (an ongoing one covers its start:
    // its bar runs on to the end, across any break).
    let mut covered: Vec<(i64, i64)> = marks
        .iter()
        .map(|m| {
            let end = if m.end == i64::MAX {
                m.start
            } else {
                m.end.max(m.start)
            };
            (m.start, end)
        })
        .collect();
    covered.sort_unstable();
    let mut runs: Vec<(i64, i64, usize)> = Vec::new();
    for (a, b) in covered {
        match runs.last_mut() {
            Some(run) if a <= run.1 => {
                run.1 = run.1.max(b);
                run.2 += 1;
            }
            _ => runs.push((a, b, 1)),
        }
    }
    let total = (hi - lo) as f64;
    // Stretches of events: runs joined across every gap too short to cut.
    let mut stretches: Vec<(i64, i64, usize)> = Vec::new();
    for run in runs {
        match stretches.last_mut() {
            Some(s) if ((run.0 - s.1) as f64) <= BREAK_MIN * total => {
                s.1 = s.1.max(run.1);
                s.2 += run.2;
            }
            _ => stretches.push(run),
        }
    }
    let n = marks.len() as f64;
    // Cut only when one scale would crowd a stretch: when it holds far
    // more of the events than of the time (a short timeline with a quiet
    // month keeps its one scale).
    let crowded = stretches.iter().any(|s| {
        let time = ((s.1 - s.0) as f64 / total).max(1e-9);
        let pixels = time * (WIDTH - 2.0 * MARGIN);
        s.2 >= CROWDED_EVENTS
            && s.2 as f64 / n >= CROWDED * time
            && s.2 as f64 * CROWDED_PIXELS >= pixels
    });
    if stretches.len() < 2 || !crowded {
        return whole;
    }
    let shares: Vec<f64> = stretches
        .iter()
        .map(|s| (s.2 as f64 / n).max(MIN_SHARE))
        .collect();
    let room = 1.0 - BREAK_SHARE * (stretches.len() - 1) as f64;
    let sum: f64 = shares.iter().sum();
    let mut out = Vec::with_capacity(2 * stretches.len() - 1);
    let mut f = 0.0;
    for (k, (s, share)) in stretches.iter().zip(&shares).enumerate() {
        // Each stretch padded as the whole axis is, so that no mark sits
        // on a break.
        // (The whole axis's padding is a share of its whole span: far too
        // much for its first and last stretches once the breaks are cut.)
        let pad = ((s.1 - s.0) / 25).max(DAY / 2);
        let t0 = if k == 0 { lo.max(s.0 - pad) } else { s.0 - pad };
        let t1 = if k + 1 == stretches.len() {
            hi.min(s.1 + pad)
        } else {
            s.1 + pad
        };
        if let Some(gap) = out.last_mut().filter(|p: &&mut Piece| p.gap) {
            gap.t1 = t0;
            gap.quiet.1 = s.0;
        }
        let w = share / sum * room;
        out.push(Piece {
            t0,
            t1,
            f0: f,
            f1: f + w,
            gap: false,
            quiet: (s.0, s.1),
        });
        f += w;
        if k + 1 < stretches.len() {
            out.push(Piece {
                t0: t1,
                t1,
                f0: f,
                f1: f + BREAK_SHARE,
                gap: true,
                quiet: (s.1, s.1),
            });
            f += BREAK_SHARE;
        }
    }
    if let Some(last) = out.last_mut() {
        last.f1 = 1.0;
    }
    out
}

impl Axis<'_> {
    /// True when the axis cuts out stretches with no event.
    pub(crate) fn is_broken(&self) -> bool {
        self.pieces.len() > 1
    }

    pub(super) fn x(&self, t: i64) -> f64 {
        if !self.is_broken() {
            // Computed as annals.js computes it, to the last bit (see the
            // tick table test).
            let scale = (WIDTH - 2.0 * MARGIN) / (self.hi as f64 - self.lo as f64);
            return MARGIN + (t.clamp(self.lo, self.hi) as f64 - self.lo as f64) * scale;
        }
        MARGIN + self.at(t) * (WIDTH - 2.0 * MARGIN)
    }

    /// Where `t` stands on the axis, from 0 (its start) to 1 (its end):
    /// the one scale every drawing of the axis uses.
    pub(super) fn at(&self, t: i64) -> f64 {
        let t = t.clamp(self.lo, self.hi);
        let k = self
            .pieces
            .partition_point(|p| p.t1 < t)
            .min(self.pieces.len() - 1);
        let p = &self.pieces[k];
        if p.t1 <= p.t0 {
            return p.f0;
        }
        p.f0 + (t - p.t0) as f64 / (p.t1 - p.t0) as f64 * (p.f1 - p.f0)
    }

    /// The ticks of each stretch of events, as many as its share of the
    /// width has room for.
    pub(super) fn tick_runs(&self, lang: &Lang) -> Vec<Vec<(i64, String)>> {
        if !self.is_broken() {
            return vec![super::ticks::ticks(self.lo, self.hi, lang)];
        }
        self.pieces
            .iter()
            .filter(|p| !p.gap)
            .map(|p| ticks_about(p.t0, p.t1, lang, (TICKS * (p.f1 - p.f0)).max(2.0)))
            .collect()
    }

    /// The ticks to draw at `x`, labels `char_width` wide per character
    /// at least `gap` apart: in each stretch, every other tick dropped
    /// until no two labels touch; then a tick whose label would touch the
    /// one before, across a break, left out.
    pub(super) fn spaced_ticks(
        &self,
        lang: &Lang,
        x: &dyn Fn(i64) -> f64,
        char_width: f64,
        gap: f64,
    ) -> Vec<(i64, String)> {
        let width = |l: &str| l.chars().count() as f64 * char_width;
        let touch = |a: &(i64, String), b: &(i64, String)| {
            x(b.0) - x(a.0) < (width(&a.1) + width(&b.1)) / 2.0 + gap
        };
        let mut out: Vec<(i64, String)> = Vec::new();
        for mut run in self.tick_runs(lang) {
            while run.len() > 2 && run.windows(2).any(|w| touch(&w[0], &w[1])) {
                run = run.into_iter().step_by(2).collect();
            }
            for tick in run {
                if out.last().is_none_or(|last| !touch(last, &tick)) {
                    out.push(tick);
                }
            }
        }
        out
    }

    /// The breaks, each with the years either side of it, in the site's
    /// words.
    pub(super) fn breaks(&self, messages: &crate::i18n::Messages) -> Vec<(&Piece, String)> {
        let lang = messages.dates();
        let year = |t: i64| {
            crate::date::year_heading(crate::date::civil_from_days(t.div_euclid(DAY)).0, lang)
        };
        self.pieces
            .iter()
            .filter(|p| p.gap)
            .map(|p| {
                let name = messages.with(
                    "axis-break",
                    &[
                        ("from", crate::i18n::Arg::Text(&year(p.quiet.0))),
                        ("to", crate::i18n::Arg::Text(&year(p.quiet.1))),
                    ],
                );
                (p, name)
            })
            .collect()
    }

    /// The breaks over an axis line at `axis_y`, `x` placing a time: a gap
    /// in the line with a slash at each side, named by its `<title>`. The
    /// wide axis gives annals.js their times (`times`), to move them on a
    /// zoom.
    pub(super) fn write_breaks(
        &self,
        s: &mut String,
        messages: &crate::i18n::Messages,
        axis_y: f64,
        x: &dyn Fn(i64) -> f64,
        mark: &BreakMark,
        times: bool,
    ) {
        use std::fmt::Write as _;
        let BreakMark { half, slant, inset } = *mark;
        let stroke = half - 1.0;
        for (p, name) in self.breaks(messages) {
            let (a, b) = (x(p.t0), x(p.t1));
            let data = if times {
                format!(" data-t0=\"{}\" data-t1=\"{}\"", p.t0, p.t1)
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "<g class=\"axis-break\"{data}><title>{}</title><rect class=\"break-gap\" x=\"{a:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{}\"/><path class=\"break-mark\" d=\"M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}\"/></g>",
                crate::views::escape::escape_html(&name),
                axis_y - half,
                (b - a).max(4.0),
                2.0 * half,
                a + inset,
                axis_y + stroke,
                a + inset + slant,
                axis_y - stroke,
                b - inset - slant,
                axis_y + stroke,
                b - inset,
                axis_y - stroke,
            );
        }
    }

    /// The scale for annals.js: `t0,t1,f0,f1,gap` of each piece, `;`
    /// between; empty when the axis has one scale.
    pub(super) fn pieces_attr(&self) -> String {
        if !self.is_broken() {
            return String::new();
        }
        self.pieces
            .iter()
            .map(|p| format!("{},{},{},{},{}", p.t0, p.t1, p.f0, p.f1, u8::from(p.gap)))
            .collect::<Vec<_>>()
            .join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: i64) -> AxisMark<'static> {
        AxisMark {
            start,
            end: start + DAY,
            importance: 3,
            label: "x",
            date: "x",
            id: "x",
            list_page: 1,
        }
    }

    const YEAR: i64 = 365 * DAY;

    #[test]
    fn a_few_far_events_get_a_break_and_their_share() {
        // 40 events over 3000 BC..1 BC, 1960 over 1825..2025.
        let mut marks: Vec<AxisMark<'_>> = (0..40)
            .map(|k| mark(-5000 * YEAR + k * 75 * YEAR))
            .collect();
        marks.extend((0..1960).map(|k| mark(-145 * YEAR + k * YEAR / 10)));
        let (lo, hi) = (-5010 * YEAR, 60 * YEAR);
        let p = pieces(&marks, lo, hi);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[1].gap);
        assert!(
            (p[0].f1 - p[0].f0 - 0.12 / 1.1 * 0.97).abs() < 1e-9,
            "{p:?}"
        );
        assert!(p[2].f1 - p[2].f0 > 0.85, "{p:?}");
        assert_eq!(p[2].f1, 1.0);
        // Continuous: each piece starts where the one before ends.
        assert!(
            p.windows(2)
                .all(|w| w[0].t1 == w[1].t0 && w[0].f1 == w[1].f0),
            "{p:?}"
        );
    }

    #[test]
    fn evenly_spread_events_keep_one_scale() {
        let marks: Vec<AxisMark<'_>> = (0..200).map(|k| mark(k * 30 * DAY)).collect();
        assert_eq!(pieces(&marks, -DAY, 6000 * DAY).len(), 1);
        // An ongoing event covers only its start: two far groups still break.
        let mut far: Vec<AxisMark<'_>> = (0..10).map(|k| mark(k * DAY)).collect();
        far[0].end = i64::MAX;
        far.push(mark(1000 * YEAR));
        assert_eq!(pieces(&far, -YEAR, 1001 * YEAR).len(), 3);
        // Two quiet months between two busy ones: one scale still.
        let months: Vec<AxisMark<'_>> = [0, 10, 20, 100, 110, 130]
            .iter()
            .map(|&d| mark(d * DAY))
            .collect();
        assert_eq!(pieces(&months, -5 * DAY, 140 * DAY).len(), 1);
    }
}
