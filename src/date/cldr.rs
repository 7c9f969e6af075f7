//! What CLDR (the Unicode Common Locale Data Repository, compiled into
//! ICU4X) knows of each language annals ships: month names, in full and
//! abbreviated, and how numbers are written (digits, group separator,
//! when to group). annals' own wording — EDTF qualifiers, seasons, eras —
//! sits on top, in the message files (`crate::i18n`).

use std::sync::LazyLock;

use icu_calendar::Gregorian;
use icu_datetime::fieldsets::enums::DateFieldSet;
use icu_datetime::input::Date;
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames, MonthNameLength};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use writeable::{TryWriteable, Writeable};

/// The languages annals ships, in the order of their message files
/// (`src/i18n/LANG.ftl`; a test checks that the two lists agree).
pub const LANGUAGES: [&str; 6] = ["en", "es", "fr", "de", "pt", "ar"];

fn locale(code: &str) -> Locale {
    code.parse().unwrap_or(Locale::UNKNOWN)
}

/// The twelve month names of `code` at `length`, as used inside a date
/// ("4 de mayo de 2025": the format form, not the stand-alone one).
fn month_names(code: &str, length: MonthNameLength, pattern: &str) -> [String; 12] {
    let mut names =
        FixedCalendarDateTimeNames::<Gregorian, DateFieldSet>::try_new(locale(code).into())
            .expect("compiled data holds every locale, falling back to the root");
    let loaded = names.include_month_names(length).is_ok();
    let pattern: Option<DateTimePattern> = pattern.parse().ok();
    std::array::from_fn(|i| {
        let month = i as u8 + 1;
        let shown = match (loaded, &pattern, Date::try_new_gregorian(2001, month, 1)) {
            (true, Some(pattern), Ok(date)) => names
                .with_pattern_unchecked(pattern)
                .format(&date)
                .try_write_to_string()
                .ok()
                .map(|s| s.into_owned()),
            _ => None,
        };
        shown.unwrap_or_else(|| month.to_string())
    })
}

/// January … December in `code`, in full.
pub fn months(code: &str) -> [String; 12] {
    month_names(code, MonthNameLength::Wide, "MMMM")
}

/// January … December in `code`, abbreviated (for the axis's ticks).
pub fn short_months(code: &str) -> [String; 12] {
    month_names(code, MonthNameLength::Abbreviated, "MMM")
}

/// Each language's number formatter: its digits and separators, grouping
/// only from five digits on, so that years read `2025` but `13.798.000.001`.
static NUMBERS: LazyLock<Vec<DecimalFormatter>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|code| {
            let mut options = DecimalFormatterOptions::default();
            options.grouping_strategy = Some(GroupingStrategy::Min2);
            DecimalFormatter::try_new(locale(code).into(), options)
                .or_else(|_| DecimalFormatter::try_new(Default::default(), options))
                .expect("the root locale's number data is compiled in")
        })
        .collect()
});

/// The number `n` as the language at `index` of [`LANGUAGES`] writes it
/// (English for an index past the list).
pub fn number_at(index: usize, n: i64) -> String {
    let numbers = &*NUMBERS;
    numbers.get(index).or_else(|| numbers.first()).map_or_else(
        || n.to_string(),
        |f| f.format(&Decimal::from(n)).write_to_string().into_owned(),
    )
}

/// The number `n`, rounded to two decimals, as the language at `index` of
/// [`LANGUAGES`] writes it, without trailing zeros: `13.8`, `13,8`.
pub fn decimal_at(index: usize, n: f64) -> String {
    let numbers = &*NUMBERS;
    let mut d = Decimal::from((n * 100.0).round() as i64);
    d.multiply_pow10(-2);
    d.trim_end();
    numbers.get(index).or_else(|| numbers.first()).map_or_else(
        || n.to_string(),
        |f| f.format(&d).write_to_string().into_owned(),
    )
}

/// The index in [`LANGUAGES`] of `code` (English's for one annals lacks).
pub fn index_of(code: &str) -> usize {
    LANGUAGES.iter().position(|c| *c == code).unwrap_or(0)
}
