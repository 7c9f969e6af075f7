//! proptest strategies for dates, for the tests of every module that
//! orders or shows them.

use proptest::prelude::*;

use super::{DateEnd, DatePoint, EventDate, Qualifier, Season, TimeOfDay, parse};

pub(crate) fn point() -> impl Strategy<Value = DatePoint> {
    let qualifier = prop_oneof![
        Just(Qualifier::Exact),
        Just(Qualifier::Uncertain),
        Just(Qualifier::Approximate),
        Just(Qualifier::UncertainApproximate),
    ];
    let time = (
        0u8..24,
        0u8..60,
        proptest::option::of(0u8..60),
        proptest::option::of(-14i32 * 4..=14 * 4),
    )
        .prop_map(|(hour, minute, second, quarter)| TimeOfDay {
            hour,
            minute,
            second,
            offset: quarter.map(|q| q * 900),
            zulu: false,
        });
    (
        -3000i64..3000,
        0u8..6,
        1u8..13,
        1u8..29,
        proptest::option::of(time),
        qualifier,
        0u8..4,
    )
        .prop_map(|(year, shape, month, day, time, qualifier, season)| {
            let mut p = DatePoint {
                year,
                year_unspecified: 0,
                month: None,
                season: None,
                day: None,
                time: None,
                month_unspecified: false,
                day_unspecified: false,
                qualifier,
            };
            match shape {
                0 => {}
                1 => p.month = Some(month),
                2 => {
                    p.month = Some(month);
                    p.day = Some(day);
                    p.time = time;
                }
                3 => p.season = Some(Season::from_code(21 + season)),
                4 => {
                    // The first year of the decade, as parsed: 2010 for
                    // `201X`, -1239 for `-123X`.
                    p.year = if year >= 0 {
                        year - year.rem_euclid(10)
                    } else {
                        year.abs() / 10 * -10 - 9
                    };
                    p.year_unspecified = 1;
                }
                _ => {
                    p.month = Some(month);
                    p.day_unspecified = true;
                }
            }
            p
        })
}

pub(crate) fn date() -> impl Strategy<Value = EventDate> {
    (point(), point(), 0u8..4).prop_map(|(a, b, kind)| {
        let end = match kind {
            0 => DateEnd::None,
            1 => DateEnd::Open,
            2 => DateEnd::Unknown,
            _ => DateEnd::Point(b),
        };
        let mut date = EventDate { start: a, end };
        if let DateEnd::Point(e) = end
            && !parse::ends_after(&a, &e)
        {
            // Swap the points; if even that is no interval, keep one point.
            date.end = DateEnd::Point(a);
            date.start = e;
            if !parse::ends_after(&e, &a) {
                date.end = DateEnd::None;
            }
        }
        date
    })
}
