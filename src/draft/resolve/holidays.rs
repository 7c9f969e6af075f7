//! Holidays whose date is reckoned: the nth weekday of a month
//! (Thanksgiving, Memorial Day, Election Day) and Easter with the days
//! counted from it (Good Friday); and the nth week of a month.

use chrono::{Datelike, NaiveDate, TimeDelta};

use super::{Context, Groups, day_text, infer_year};

/// A holiday such as Thanksgiving (the fourth Thursday of November), in
/// the year the tense points to.
pub(super) fn nth_weekday(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let month: u32 = g.args.get("month")?.parse().ok()?;
    let weekday: u32 = g.args.get("weekday")?.parse().ok()?;
    // `n=L`: the month's last such weekday (Memorial Day).
    let n = g.args.get("n")?;
    let wd = chrono::Weekday::try_from(u8::try_from(weekday.checked_sub(1)?).ok()?).ok()?;
    let offset = g.args.get("offset").map_or(Some(0), |o| o.parse().ok())?;
    let in_year = |year: i32| {
        let day = match n.as_str() {
            "L" => (1..=5)
                .rev()
                .find_map(|k| NaiveDate::from_weekday_of_month_opt(year, month, wd, k))?,
            n => NaiveDate::from_weekday_of_month_opt(year, month, wd, n.parse().ok()?)?,
        };
        day.checked_add_signed(TimeDelta::days(offset))
    };
    let this = in_year(ctx.anchor.date.year())?;
    let (year, how) = infer_year(month, Some(this.day()), g.shift(), ctx);
    Some((day_text(in_year(year)?), format!("the holiday in {how}")))
}

/// Easter Sunday of `year` (the Gregorian computus).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let (b, c) = (year.div_euclid(100), year.rem_euclid(100));
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Easter, or a day `offset` days from it (Good Friday: -2), in the
/// year written or the one the tense points to.
pub(super) fn easter(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let offset: i64 = g.args.get("offset").map_or(Some(0), |o| o.parse().ok())?;
    let (year, how) = match g.year(ctx.anchor.date.year()) {
        Some(y) => (y, "as written".to_string()),
        None => {
            let this = easter_sunday(ctx.anchor.date.year())?
                .checked_add_signed(TimeDelta::days(offset))?;
            infer_year(this.month(), Some(this.day()), g.shift(), ctx)
        }
    };
    let day = easter_sunday(year)?.checked_add_signed(TimeDelta::days(offset))?;
    Some((day_text(day), format!("Easter in {how}")))
}

/// "The first week of October", "the last week of March": the ISO week
/// that holds most of the month's first (or last) seven days.
pub(super) fn month_week(g: &Groups, ctx: &Context) -> Option<(String, String)> {
    let month = g.month()?;
    let (year, how) = match g.year(ctx.anchor.date.year()) {
        Some(y) => (y, "as written".to_string()),
        None => infer_year(month, None, g.shift(), ctx),
    };
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let day = match g.word("ORDINAL") {
        Some(n) => {
            first.checked_add_signed(TimeDelta::days(3 + 7 * (n.parse::<i64>().ok()? - 1)))?
        }
        // "last", "final": four days before the next month.
        None => first.checked_add_months(chrono::Months::new(1))? - TimeDelta::days(4),
    };
    if day.month() != month {
        return None;
    }
    let week = day.iso_week();
    Some((
        format!("{}-W{:02}", week.year(), week.week()),
        format!("a week of the month, {how}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_by_the_computus() {
        for (y, m, d) in [
            (2000, 4, 23),
            (2013, 3, 31),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), NaiveDate::from_ymd_opt(y, m, d), "{y}");
        }
    }
}
