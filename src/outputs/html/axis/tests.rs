//! The axis's layout, its SVG, and the tables annals.js is checked against.

use super::svg::short_count;
use super::ticks::{short_month, tick_anchor, ticks};
use super::*;
use crate::date;
use crate::testing::golden;

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
    let labels: Vec<String> = ticks(lo, hi, crate::i18n::messages("en").dates())
        .into_iter()
        .map(|t| t.1)
        .collect();
    assert_eq!(labels[0], "Jan 2025");
    assert!(labels.len() <= 8, "{labels:?}");
    let lo = date::seconds_of(-3000, 1, 1);
    let hi = date::seconds_of(2025, 1, 1);
    let labels: Vec<String> = ticks(lo, hi, crate::i18n::messages("en").dates())
        .into_iter()
        .map(|t| t.1)
        .collect();
    assert_eq!(
        labels,
        ["3000 BC", "2000 BC", "1000 BC", "1", "1000", "2000"]
    );
    let lo = date::seconds_of(-13_798_000_000, 1, 1);
    let labels: Vec<String> = ticks(lo, hi, crate::i18n::messages("en").dates())
        .into_iter()
        .map(|t| t.1)
        .collect();
    // Deep time in years ago (the exact years stay in the marks' titles).
    assert_eq!(labels[0], "12 billion years ago", "{labels:?}");
    assert_eq!(labels.last().map(String::as_str), Some("1"), "{labels:?}");
}

#[test]
fn overlapping_marks_get_their_own_lanes_and_labels() {
    let axis = Axis::new(
        vec![mark(0, DAY), mark(0, DAY), mark(0, i64::MAX)],
        &[],
        Vec::new(),
    )
    .unwrap();
    let out = axis.svg("../", crate::i18n::messages("en"), "Axis");
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
    let out = axis.svg("./", crate::i18n::messages("en"), "Axis");
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
    let out = axis.svg("./", crate::i18n::messages("en"), "Axis");
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

/// One JSON value per line inside `[…]`, for readable diffs.
fn json_lines(rows: &[serde_json::Value]) -> String {
    let rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    format!("[\n{}\n]", rows.join(",\n"))
}

/// What annals.js reads from the SVG's attributes to name ticks.
fn names(lang: &Lang) -> serde_json::Value {
    let months: Vec<String> = (1..=12).map(|m| short_month(lang, m)).collect();
    serde_json::json!({
        "months": months,
        "bc": lang.bc,
        "sep": lang.thousands.to_string(),
        "lang": lang.code,
        "deep": super::svg::deep_time_json(lang),
    })
}

/// The ticks an axis over `lo..hi` draws: time, x, label, anchor.
fn drawn_ticks(lo: i64, hi: i64, lang: &Lang) -> serde_json::Value {
    let axis = Axis {
        marks: Vec::new(),
        list_pages: Vec::new(),
        anchor: "e-",
        eras: Vec::new(),
        top: TOP,
        lo,
        hi,
        pieces: scale::pieces(&[], lo, hi),
        placed: Vec::new(),
        lanes: 1,
        bins: Vec::new(),
    };
    let ticks: Vec<serde_json::Value> = axis
        .spaced_ticks(lang, &|t| axis.x(t), TICK_CHAR_WIDTH, TICK_GAP)
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
    let out = Axis::new(vec![mark(0, DAY)], &[], Vec::new()).unwrap().svg(
        "./",
        crate::i18n::messages("en"),
        "Axis",
    );
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
        let l = crate::i18n::messages(lang).dates();
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
    let years = (0..10).flat_map(|e| [1.0, 2.0, 5.0].map(|k| k * 10f64.powi(e) * 8.0 * 365.2425));
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
    // Deep time in every language (its plural forms and decimal
    // separator), at each magnitude, and zoomed in until years ago would
    // read the same.
    for (from, to) in [
        (-13_798_000_000, 2025),
        (-1_500_000_000, -900_000_000),
        (-70_000_000, -60_000_000),
        (-1_100_000, -900_000),
        (-40_000, -9_000),
        (-13_798_000_100, -13_798_000_000),
    ] {
        let (lo, hi) = (date::seconds_of(from, 1, 1), date::seconds_of(to, 1, 1));
        for code in crate::i18n::codes() {
            case(code, lo, hi);
        }
    }
    let table = format!(
        "{{\n\"about\": \"Written by src/axis.rs (tick_table_for_annals_js); checked by tests/browser/parity.test.mjs\",\n\"layout\": {},\n\"names\": {},\n\"cases\": {}\n}}\n",
        serde_json::json!({ "width": WIDTH, "margin": MARGIN, "tickChar": TICK_CHAR_WIDTH, "tickGap": TICK_GAP }),
        serde_json::Value::Object(
            crate::i18n::codes()
                .map(|code| (code.to_string(), names(crate::i18n::messages(code).dates())))
                .collect()
        ),
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
    let es = crate::i18n::messages("es").dates();
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
        serde_json::json!({ "year": y, "en": date::year_label(y, crate::i18n::messages("en").dates()), "es": date::year_label(y, es) })
    })
    .collect();
    let table = format!(
        "{{\n\"about\": \"Written by src/axis.rs (calendar_table_for_annals_js); checked by tests/browser/parity.test.mjs\",\n\"names\": {},\n\"days\": {},\n\"years\": {}\n}}\n",
        serde_json::json!({ "en": names(crate::i18n::messages("en").dates()), "es": names(es) }),
        json_lines(&rows),
        json_lines(&years),
    );
    golden("tests/browser/fixtures/calendar.json", &table);
}

#[test]
fn the_phone_strip_fits_its_width_and_gives_every_mark_a_finger_sized_target() {
    let year = 365 * DAY;
    let marks: Vec<AxisMark<'static>> = (0..40).map(|i| mark(i * year, i * year + DAY)).collect();
    let axis = Axis::new(marks, &[], vec!["index.html".into()]).unwrap();
    let out = axis.svg_compact("./", crate::i18n::messages("en"), "Axis");
    assert!(
        out.starts_with("<svg class=\"axis-strip\" viewBox=\"0 0 360 "),
        "{out}"
    );
    // Every mark leads to its card in the list, with a 24 px target.
    let marks = out.matches("class=\"mark ").count();
    assert!(marks >= 20, "{marks} marks drawn");
    // The list has one page, the one the strip is on: its own anchors.
    assert_eq!(out.matches("<a href=\"#e-x\"").count(), marks);
    let two = Axis::new(
        (0..40).map(|i| mark(i * year, i * year + DAY)).collect(),
        &[],
        vec!["index.html".into(), "page/2/index.html".into()],
    )
    .unwrap()
    .svg_compact("./", crate::i18n::messages("en"), "Axis");
    assert_eq!(two.matches("<a href=\"./index.html#e-x\"").count(), marks);
    for hit in out.split("class=\"hit\"").skip(1) {
        let attr = |name: &str| -> f64 {
            let at = hit.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            hit[at..at + hit[at..].find('"').unwrap()].parse().unwrap()
        };
        assert!(attr("width") >= 24.0 && attr("height") >= 24.0, "{hit}");
    }
    // Tick labels never touch: each at least its own width apart.
    let xs: Vec<f64> = out
        .split("<text class=\"strip-label")
        .skip(1)
        .map(|t| {
            let at = t.find(" x=\"").unwrap() + 4;
            t[at..at + t[at..].find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert!(xs.len() >= 2, "{out}");
    assert!(xs.windows(2).all(|w| w[1] - w[0] >= 40.0), "{xs:?}");
}

#[test]
fn deep_time_ticks_read_in_years_ago_until_they_would_all_read_the_same() {
    let labels = |from: i64, to: i64, code: &str| -> Vec<String> {
        let (lo, hi) = (date::seconds_of(from, 1, 1), date::seconds_of(to, 1, 1));
        ticks(lo, hi, crate::i18n::messages(code).dates())
            .into_iter()
            .map(|(_, label)| label)
            .collect()
    };
    let whole = labels(-13_798_000_000, 2025, "en");
    assert!(
        whole.contains(&"10 billion years ago".to_string()),
        "{whole:?}"
    );
    assert!(
        whole.contains(&"2 billion years ago".to_string()),
        "{whole:?}"
    );
    let es = labels(-13_798_000_000, 2025, "es");
    assert!(
        es.contains(&"hace 10 mil millones de años".to_string()),
        "{es:?}"
    );
    let dinosaurs = labels(-70_000_000, -60_000_000, "en");
    assert!(
        dinosaurs.contains(&"66 million years ago".to_string()),
        "{dinosaurs:?}"
    );
    // A century deep in time: "13.8 billion years ago" for every tick
    // would say nothing; calendar years tell them apart.
    let century = labels(-13_798_000_100, -13_798_000_000, "en");
    assert!(
        century.len() > 2 && century.iter().all(|l| l.ends_with(" BC")),
        "{century:?}"
    );
    // Calendar time reads as it did.
    let calendar = labels(-3000, 2000, "en");
    assert!(
        calendar.contains(&"1000 BC".to_string()) && calendar.contains(&"1000".to_string()),
        "{calendar:?}"
    );
}
