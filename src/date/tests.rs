//! The date grammar, order and display, row by row, and properties that
//! hold for every date: the order is total and agrees with equality, and
//! parsing what is displayed as written gives the same date.

use super::*;
use chrono_tz::Tz;
use proptest::prelude::*;
use strategies::date;

/// A language's dates as the site's pages write them: the wording of its
/// message file, CLDR's names and numbers.
static EN: std::sync::LazyLock<&'static Lang> =
    std::sync::LazyLock::new(|| crate::i18n::messages("en").dates());
static ES: std::sync::LazyLock<&'static Lang> =
    std::sync::LazyLock::new(|| crate::i18n::messages("es").dates());

fn d(s: &str) -> EventDate {
    EventDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

#[test]
fn every_form_of_the_grammar_parses_and_reads_well_in_english() {
    for (written, shown) in [
        ("2025", "2025"),
        ("2025-02", "February 2025"),
        ("2025-05-04", "4 May 2025"),
        ("2025-05-05T20:03+05:30", "5 May 2025, 20:03 (UTC+05:30)"),
        ("2025-05-05T20:03+0530", "5 May 2025, 20:03 (UTC+05:30)"),
        ("2025-05-05T20:03-06", "5 May 2025, 20:03 (UTC-06:00)"),
        ("2025-05-05T20:03Z", "5 May 2025, 20:03 (UTC)"),
        ("2025-05-05T20:03:09Z", "5 May 2025, 20:03:09 (UTC)"),
        ("2025-05-05T20:03", "5 May 2025, 20:03"),
        ("2025-01/..", "since January 2025"),
        ("2025/", "2025 – unknown"),
        ("2025-04/2025-05-04", "April – 4 May 2025"),
        ("2024-12/2025-02", "December 2024 – February 2025"),
        ("2025-05-03/2025-05-04", "3 – 4 May 2025"),
        ("2025-04~", "c. April 2025"),
        ("2025?", "2025 (uncertain)"),
        ("2025-05-03%", "c. 3 May 2025 (uncertain)"),
        ("2025-04~/2025-05-04", "c. April – 4 May 2025"),
        ("-0043-03-15", "15 March 44 BC"),
        ("0000", "1 BC"),
        ("-0999/-0500", "1000 BC – 501 BC"),
        ("2025-21", "spring 2025"),
        ("2025-22", "summer 2025"),
        ("2025-23", "autumn 2025"),
        ("2025-24", "winter 2025–26"),
        ("201X", "the 2010s"),
        ("19XX", "20th century"),
        ("2025-XX", "2025"),
        ("2025-05-XX", "May 2025"),
        ("2025-XX-XX", "2025"),
        ("Y-13798000000", "13.8 billion years ago"),
        ("Y170000002", "170,000,002"),
    ] {
        assert_eq!(d(written).display(&EN), shown, "{written}");
    }
}

#[test]
fn spanish_uses_its_own_table() {
    for (written, shown) in [
        ("2025-02", "febrero de 2025"),
        ("2025-05-04", "4 de mayo de 2025"),
        ("2025-01/..", "desde enero de 2025"),
        ("2025-04/2025-05-04", "abril – 4 de mayo de 2025"),
        ("2025-04~", "c. abril de 2025"),
        ("2025?", "2025 (incierto)"),
        ("-0043-03-15", "15 de marzo de 44 a. C."),
        ("2025-21", "primavera de 2025"),
        ("201X", "la década de 2010"),
        ("Y-13798000000", "hace 13,8 mil millones de años"),
        ("2025-05-05T20:03Z", "5 de mayo de 2025, 20:03 (UTC)"),
    ] {
        assert_eq!(d(written).display(&ES), shown, "{written}");
    }
}

#[test]
fn instants_read_in_the_events_own_zone() {
    let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
    let mexico: Tz = "America/Mexico_City".parse().unwrap();
    let a = d("2025-05-05T20:03+05:30");
    assert_eq!(a.display_in(&EN, Some(kolkata)), "5 May 2025, 20:03 IST");
    assert_eq!(a.display_in(&EN, Some(mexico)), "5 May 2025, 08:33 CST");
    // A zone-less time is wall-clock time in the zone.
    let b = d("2025-05-05T20:03");
    assert_eq!(b.display_in(&EN, Some(kolkata)), "5 May 2025, 20:03 IST");
    assert_eq!(b.span(kolkata).0, a.span(Tz::UTC).0);
}

#[test]
fn written_form_round_trips() {
    for s in [
        "2025",
        "2025-02",
        "2025-05-04",
        "2025-05-05T20:03+05:30",
        "2025-05-05T20:03:09Z",
        "2025-01/..",
        "2025-04/2025-05-04",
        "2025/",
        "2025-04~",
        "2025?",
        "2025-05-03%",
        "-0043-03-15",
        "Y-13798000000",
        "2025-21",
        "201X",
        "19XX",
        "2025-XX",
        "2025-05-XX",
        "2025-XX-XX",
    ] {
        assert_eq!(d(s).to_string(), s);
    }
}

#[test]
fn invalid_dates_are_located() {
    for (written, offset, message) in [
        (
            "2025-02-30",
            8,
            "invalid day `30`: February 2025 has 28 days",
        ),
        (
            "2025-13",
            5,
            "invalid month `13` (months are 01–12, seasons 21–24)",
        ),
        (
            "2025-05-04/2025-01-01",
            11,
            "the interval ends (2025-01-01) before it starts (2025-05-04)",
        ),
        ("2025-05-04T25:00", 11, "invalid hour `25`"),
        (
            "2025-05-04T10:00+15:00",
            16,
            "UTC offset `+15:00` is out of range",
        ),
        (
            "25-01",
            0,
            "a year has four digits (write longer years as Y12345)",
        ),
        // Found by the date fuzzer: its span overflowed 64-bit seconds.
        (
            "Y900000000000000000",
            1,
            "year is out of range (at most 100,000,000,000 years either side of year 0)",
        ),
        ("2025-1", 5, "a month has two digits, found `1`"),
        (
            "2X25",
            0,
            "only the last one or two digits of a year can be X (201X, 20XX)",
        ),
        ("201X-05", 4, "a year with X digits takes no month or day"),
        ("2025-21-03", 8, "a season takes no day"),
        (
            "2025-XX-03",
            8,
            "a day cannot be known when its month is XX",
        ),
        (
            "../2025",
            0,
            "an interval needs a known start: write the earliest date the sources allow, with ~ or ? if need be",
        ),
        ("May 2025", 0, "`May 2025` is not a date"),
        (
            "1900-02-29",
            8,
            "invalid day `29`: February 1900 has 28 days",
        ),
    ] {
        let e = EventDate::parse(written).unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (offset, message),
            "{written}"
        );
    }
    assert!(EventDate::parse("2024-02-29").is_ok());
    assert!(EventDate::parse("").is_err());
}

#[test]
fn local_times_in_a_dst_gap_are_refused() {
    let ny: Tz = "America/New_York".parse().unwrap();
    let gap = d("2025-03-09T02:30");
    assert!(
        gap.start
            .check_local_time(ny)
            .unwrap_err()
            .contains("does not exist")
    );
    assert!(d("2025-03-09T03:30").start.check_local_time(ny).is_ok());
    assert!(d("2025-03-09T02:30Z").start.check_local_time(ny).is_ok());
}

#[test]
fn instants_compare_in_utc_and_days_in_the_site_zone() {
    let a = d("2025-05-05T20:03+05:30");
    let b = d("2025-05-05T15:00Z");
    assert!(a.span(Tz::UTC).0 < b.span(Tz::UTC).0);
    let (start, end) = d("2025-05-05").span(chrono_tz::America::Mexico_City);
    assert_eq!(start % 86_400, 6 * 3600);
    assert_eq!(end - start, 86_400);
}

#[test]
fn machine_forms_are_valid_html_dates() {
    for (written, machine) in [
        ("2025", Some("2025")),
        ("2025-02", Some("2025-02")),
        ("2025-05-04", Some("2025-05-04")),
        ("2025-05-05T20:03+05:30", Some("2025-05-05T20:03+05:30")),
        ("2025-21", Some("2025")),
        ("2025-05-XX", Some("2025-05")),
        ("201X", None),
        ("-0043-03-15", None),
    ] {
        assert_eq!(d(written).machine_start().as_deref(), machine, "{written}");
    }
}

// ------------------------------------------------------------ properties

proptest! {
    #[test]
    fn parse_of_the_written_form_gives_the_same_date(x in date()) {
        let written = x.to_string();
        prop_assert_eq!(EventDate::parse(&written), Ok(x), "{}", written);
    }

    #[test]
    fn every_date_displays_in_every_language(x in date()) {
        for lang in [&*EN, &*ES] {
            let text = x.display(lang);
            prop_assert!(!text.is_empty());
        }
    }
}

#[test]
fn the_largest_years_still_have_spans_and_order() {
    for written in [
        "Y100000000000",
        "Y-100000000000",
        "Y-100000000000/Y100000000000",
    ] {
        let date = EventDate::parse(written).unwrap();
        let (start, end) = date.span(chrono_tz::Pacific::Kiritimati);
        assert!(start < end, "{written}");
        assert_eq!(EventDate::parse(&date.to_string()), Ok(date));
    }
    assert!(EventDate::parse("Y100000000001").is_err());
}

/// Unspecified digits in astronomical numbering (year 0 is 1 BC, -1 is
/// 2 BC): the span of each decade and century, the year the list files it
/// under (its first, BC as AD) and where it sorts among the years.
#[test]
fn decades_and_centuries_are_filed_under_their_first_year() {
    for (written, first, last) in [
        ("201X", 2010, 2019),
        ("19XX", 1900, 1999),
        ("00XX", 0, 99),
        // 500 BC – 401 BC: the 5th century BC.
        ("-04XX", -499, -400),
        // 460 BC – 451 BC (not "the 450s BC", which are 459 – 450 BC).
        ("-045X", -459, -450),
        // 100 BC – 1 BC: the minus sign of -00 is not lost.
        ("-00XX", -99, 0),
        ("-000X", -9, 0),
        ("-19XX", -1999, -1900),
    ] {
        let date = d(written);
        assert_eq!(date.start.year_range(), (first, last), "{written}");
        assert_eq!(date.year_month(), (first, None), "{written}");
        assert_eq!(date.to_string(), written);
        // The span is the years' whole span.
        let (start, end) = date.span(Tz::UTC);
        assert_eq!(start, seconds_of(first, 1, 1), "{written}");
        assert_eq!(end, seconds_of(last + 1, 1, 1), "{written}");
    }
    // Among the years: 500 BC, the 5th century BC, 460 BC, 460 – 451 BC,
    // 401 BC, 400 BC.
    let mut dates = ["-0399", "-045X", "-0400", "-04XX", "-0459", "-0499"].map(d);
    dates.sort_by_key(|x| {
        let (start, end) = x.span(Tz::UTC);
        (start, std::cmp::Reverse(end))
    });
    assert_eq!(
        dates.map(|x| x.to_string()),
        ["-04XX", "-0499", "-045X", "-0459", "-0400", "-0399"]
    );
    assert_ne!(d("-00XX"), d("00XX"));
}

/// Centuries by their number, BC as AD, in every language; the exact
/// years on hover.
#[test]
fn centuries_read_as_centuries() {
    for (written, en, es) in [
        ("19XX", "20th century", "siglo XX"),
        ("20XX", "21st century", "siglo XXI"),
        ("01XX", "2nd century", "siglo II"),
        ("02XX", "3rd century", "siglo III"),
        ("10XX", "11th century", "siglo XI"),
        ("00XX", "1st century", "siglo I"),
        // -499 … -400: 500 BC – 401 BC.
        ("-04XX", "5th century BC", "siglo V a. C."),
        // -99 … 0: 100 BC – 1 BC.
        ("-00XX", "1st century BC", "siglo I a. C."),
        // -2099 … -2000: 2100 BC – 2001 BC.
        ("-20XX", "21st century BC", "siglo XXI a. C."),
        ("-04XX~", "c. 5th century BC", "c. siglo V a. C."),
    ] {
        assert_eq!(d(written).display(&EN), en, "{written}");
        assert_eq!(d(written).display(&ES), es, "{written}");
    }
    let other: Vec<String> = ["fr", "de", "pt", "ar"]
        .into_iter()
        .flat_map(|code| {
            let lang = crate::i18n::messages(code).dates();
            ["19XX", "-04XX", "00XX"].map(|w| d(w).display(lang))
        })
        .collect();
    assert_eq!(
        other,
        [
            "XXe siècle",
            "Ve siècle av. J.-C.",
            "Ier siècle",
            "20. Jahrhundert",
            "5. Jahrhundert v. Chr.",
            "1. Jahrhundert",
            "século XX",
            "século V a.C.",
            "século I",
            "القرن الـ20",
            "القرن الـ5 ق.م",
            "القرن الـ1",
        ]
    );
    let exact = |w: &str| match &d(w).display_parts_in(&EN, None)[0] {
        DatePart::Time { exact, machine, .. } => (exact.clone(), machine.clone()),
        DatePart::Text(t) => panic!("{t}"),
    };
    assert_eq!(exact("19XX"), (Some("1900 – 1999".into()), None));
    assert_eq!(exact("-04XX"), (Some("500 BC – 401 BC".into()), None));
    // Decades read as before: the exact years are the text.
    assert_eq!(d("201X").display(&EN), "the 2010s");
    assert_eq!(d("-045X").display(&EN), "460 BC – 451 BC");
    assert_eq!(exact("201X"), (None, None));
}

/// Deep time: before 10,000 BC, years before present (1950), rounded to
/// three significant digits, in each language's words and numbers; the
/// exact year on hover.
#[test]
fn deep_time_reads_in_years_before_present() {
    for (written, en, es) in [
        // The last year in calendar years, and the first in deep time.
        ("-9999", "10,000 BC", "10.000 a. C."),
        ("Y-10000", "12,000 years ago", "hace 12.000 años"),
        ("Y-10050", "12,000 years ago", "hace 12.000 años"),
        ("Y-11999", "13,900 years ago", "hace 13.900 años"),
        ("Y-250000", "252,000 years ago", "hace 252.000 años"),
        ("Y-998000", "1 million years ago", "hace 1 millón de años"),
        (
            "Y-1500000",
            "1.5 million years ago",
            "hace 1,5 millones de años",
        ),
        (
            "Y-66000000",
            "66 million years ago",
            "hace 66 millones de años",
        ),
        (
            "Y-999999999",
            "1 billion years ago",
            "hace mil millones de años",
        ),
        (
            "Y-4568000000",
            "4.57 billion years ago",
            "hace 4,57 mil millones de años",
        ),
        (
            "Y-13798000000",
            "13.8 billion years ago",
            "hace 13,8 mil millones de años",
        ),
        (
            "Y-13798000000~",
            "c. 13.8 billion years ago",
            "hace unos 13,8 mil millones de años",
        ),
        (
            "Y-13648000000/Y-12798000000",
            "13.6 billion years ago – 12.8 billion years ago",
            "hace 13,6 mil millones de años – hace 12,8 mil millones de años",
        ),
        // The future and the years EDTF writes with four digits are years.
        ("Y170000002", "170,000,002", "170.000.002"),
    ] {
        assert_eq!(d(written).display(&EN), en, "{written}");
        assert_eq!(d(written).display(&ES), es, "{written}");
    }
    let big_bang = d("Y-13798000000");
    let other: Vec<String> = ["fr", "de", "pt", "ar"]
        .into_iter()
        .flat_map(|code| {
            let lang = crate::i18n::messages(code).dates();
            [big_bang, d("Y-1500000"), d("Y-10050")].map(|x| x.display(lang))
        })
        .collect();
    assert_eq!(
        other,
        [
            "il y a 13,8 milliards d'années",
            "il y a 1,5 million d'années",
            "il y a 12\u{202f}000 ans",
            "vor 13,8 Milliarden Jahren",
            "vor 1,5 Millionen Jahren",
            "vor 12.000 Jahren",
            "há 13,8 bilhões de anos",
            "há 1,5 milhão de anos",
            "há 12.000 anos",
            "قبل 13.8 مليار سنة",
            "قبل 1.5 مليون سنة",
            "قبل 12,000 سنة",
        ]
    );
    match &big_bang.display_parts_in(&EN, None)[0] {
        DatePart::Time { exact, machine, .. } => {
            assert_eq!(exact.as_deref(), Some("13,798,000,001 BC"));
            assert_eq!(machine, &None);
        }
        DatePart::Text(t) => panic!("{t}"),
    }
    // Filed under the rounded years: the Big Bang and recombination share
    // a heading, and the heading reads as the events do.
    let (filed, _) = big_bang.year_month();
    assert_eq!(filed, d("Y-13797623000").year_month().0);
    assert_eq!(filed, 1950 - 13_800_000_000);
    assert_eq!(year_heading(filed, &EN), "13.8 billion years ago");
    assert_eq!(d("-9999").year_month(), (-9999, None));
    assert_eq!(year_heading(-9999, &EN), "10,000 BC");
}
