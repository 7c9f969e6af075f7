//! Calendar arithmetic for any `i64` year (proleptic Gregorian, astronomical
//! year numbering) and the UTC spans of date points. Time zones come from
//! chrono-tz where chrono can represent the year; outside that range no
//! zone has rules, and UTC is used.

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use super::{DatePoint, Season};

/// Seconds in a day (UTC days have no leap seconds here).
pub const DAY: i64 = 86_400;

/// The UTC instant `secs` seconds after 1970-01-01, where chrono can hold it.
pub(crate) fn utc(secs: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(secs, 0)
}

pub(super) fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

pub(super) fn days_in_month(y: i64, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01, for any year (Hinnant's days-from-civil, in i64).
pub(super) fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day counted from 1970-01-01 (inverse of
/// `days_from_civil`), for axis ticks at any scale.
pub fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Seconds since 1970 (UTC) at the start of a civil day.
pub fn seconds_of(y: i64, m: u8, d: u8) -> i64 {
    days_from_civil(y, m, d).saturating_mul(DAY)
}

/// Seconds east of UTC that `tz` observes at the UTC instant `utc`.
pub(super) fn offset_at_utc(tz: Tz, utc: i64) -> i64 {
    if tz == Tz::UTC {
        return 0;
    }
    chrono::DateTime::from_timestamp(utc, 0).map_or(0, |dt| {
        i64::from(
            tz.offset_from_utc_datetime(&dt.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// The UTC instant of wall-clock time `local` (seconds since 1970 as if it
/// were UTC) in `tz`. In a gap the later offset is used; in an overlap the
/// earlier instant.
pub(super) fn local_to_utc(local: i64, tz: Tz) -> i64 {
    if tz == Tz::UTC {
        return local;
    }
    let guess = offset_at_utc(tz, local);
    let refined = offset_at_utc(tz, local.saturating_sub(guess));
    local.saturating_sub(refined)
}

/// True when the wall-clock time exists in `tz` (it does not in the hour
/// skipped when clocks go forward).
pub(super) fn local_time_exists(tz: Tz, y: i64, m: u8, d: u8, secs: u32) -> bool {
    let Ok(year) = i32::try_from(y) else {
        return true;
    };
    let Some(date) = NaiveDate::from_ymd_opt(year, u32::from(m), u32::from(d)) else {
        return true;
    };
    let Some(time) = chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0) else {
        return true;
    };
    !matches!(
        tz.from_local_datetime(&date.and_time(time)),
        chrono::LocalResult::None
    )
}

/// The abbreviation `tz` uses at the UTC instant (`IST`, `CST`), if it has
/// a real one (tzdb writes `-03` where a zone has none).
pub(super) fn abbreviation_at(tz: Tz, utc: i64) -> Option<String> {
    use chrono_tz::OffsetName;
    let dt = chrono::DateTime::from_timestamp(utc, 0)?;
    let off = tz.offset_from_utc_datetime(&dt.naive_utc());
    off.abbreviation()
        .filter(|a| a.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_string)
}

fn season_months(s: Season) -> (u8, u8) {
    // Meteorological seasons of the northern hemisphere: (first month,
    // first month after).
    match s {
        Season::Spring => (3, 6),
        Season::Summer => (6, 9),
        Season::Autumn => (9, 12),
        Season::Winter => (12, 3),
    }
}

/// Start of the point's span in local wall-clock seconds, and whether it is
/// an instant with its own offset (then the value is already UTC).
fn local_start(p: &DatePoint) -> i64 {
    let (lo, _) = p.year_range();
    if p.year_unspecified > 0 {
        return seconds_of(lo, 1, 1);
    }
    if let Some(s) = p.season {
        return seconds_of(p.year, season_months(s).0, 1);
    }
    let day = seconds_of(p.year, p.month.unwrap_or(1), p.day.unwrap_or(1));
    match p.time {
        Some(t) => {
            day + i64::from(t.hour) * 3600
                + i64::from(t.minute) * 60
                + i64::from(t.second.unwrap_or(0))
        }
        None => day,
    }
}

/// Start of the point's span, in UTC seconds.
pub(super) fn span_start(p: &DatePoint, tz: Tz) -> i64 {
    let local = local_start(p);
    match p.time.and_then(|t| t.offset) {
        Some(off) => local - i64::from(off),
        None => local_to_utc(local, tz),
    }
}

/// End of the point's span (exclusive), in UTC seconds. An instant spans no
/// time: its end is its start.
pub(super) fn span_end(p: &DatePoint, tz: Tz) -> i64 {
    if p.time.is_some() {
        return span_start(p, tz);
    }
    let (_, hi) = p.year_range();
    let local_end = if p.year_unspecified > 0 {
        seconds_of(hi + 1, 1, 1)
    } else if let Some(s) = p.season {
        let (_, after) = season_months(s);
        let year = if after < 6 { p.year + 1 } else { p.year };
        seconds_of(year, after, 1)
    } else {
        match (p.month, p.day) {
            (None, _) | (Some(12), None) => seconds_of(p.year + 1, 1, 1),
            (Some(m), None) => seconds_of(p.year, m + 1, 1),
            (Some(m), Some(d)) => seconds_of(p.year, m, d) + DAY,
        }
    };
    local_to_utc(local_end, tz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_civil_matches_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for days in [-1_000_000, -719_468, -1, 0, 59, 11_017, 20_000, 3_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn gaps_in_local_time_are_found() {
        let ny = chrono_tz::America::New_York;
        assert!(!local_time_exists(ny, 2025, 3, 9, 2 * 3600 + 30 * 60));
        assert!(local_time_exists(ny, 2025, 3, 9, 3 * 3600 + 30 * 60));
        assert_eq!(
            abbreviation_at(chrono_tz::Asia::Kolkata, 0).as_deref(),
            Some("IST")
        );
        assert_eq!(
            abbreviation_at(chrono_tz::America::Sao_Paulo, 1_750_000_000),
            None
        );
    }
}
