//! The TimelineJS spreadsheet template saved as CSV: its columns read as
//! TimelineJS reads them (thousands separators in years, `10:30 PM`),
//! rows of type `title` and `era` as the title slide and eras.

use std::collections::HashSet;

use super::{
    DateParts, Imported, Report, Slide, WHOLE, check_scale, clean, convert, era_of, title_slide,
};

/// TimelineJS' own cleaning of a spreadsheet number: white space and
/// thousands separators go (`13,798,000,000`).
fn spreadsheet_number(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect()
}

/// Parses a spreadsheet `Time` as TimelineJS does: `H:MM[:SS]`, `HHMM`,
/// `H.MM`, with an optional `am`/`pm`. Returns hour, minute, second.
fn parse_time(s: &str) -> Result<(String, String, String), String> {
    let bad = || format!("time `{s}` is not a time of day");
    let mut t = s.trim().to_ascii_lowercase();
    let mut meridiem = None;
    for (suffix, m) in [
        ("a.m.", 'a'),
        ("p.m.", 'p'),
        ("am", 'a'),
        ("pm", 'p'),
        ("a", 'a'),
        ("p", 'p'),
    ] {
        if let Some(rest) = t.strip_suffix(suffix) {
            meridiem = Some(m);
            t = rest.trim().to_string();
            break;
        }
    }
    let parts: Vec<&str> = if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        vec![&t[..2], &t[2..]]
    } else if t.contains(':') {
        t.split(':').collect()
    } else {
        t.split('.').collect()
    };
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad());
    }
    let num = |p: &str| {
        p.split(['.', ','])
            .next()
            .unwrap_or("")
            .parse::<u8>()
            .map_err(|_| bad())
    };
    let mut hour = num(parts[0])?;
    match meridiem {
        Some('p') if hour < 12 => hour += 12,
        Some('a') if hour == 12 => hour = 0,
        _ => {}
    }
    let minute = parts.get(1).map(|p| num(p)).transpose()?;
    let second = parts.get(2).map(|p| num(p)).transpose()?;
    Ok((
        hour.to_string(),
        minute.map(|m| m.to_string()).unwrap_or_default(),
        second.map(|s| s.to_string()).unwrap_or_default(),
    ))
}

/// The columns of the TimelineJS template.
#[rustfmt::skip]
const KNOWN: [&str; 22] = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Start Date", "End Date", "Display Date", "Headline", "Text", "Media", "Media Credit",
    "Media Caption", "Media Thumbnail", "Alt Text", "Type", "Group", "Tag", "Background",
];

/// One row of the spreadsheet, read by column name.
struct Row<'a> {
    headers: &'a csv::StringRecord,
    cells: &'a csv::StringRecord,
    /// Its line in the file (the header is line 1).
    line: usize,
}

impl Row<'_> {
    /// The cell of column `name` (any case), cleaned; "" when absent.
    fn get(&self, name: &str) -> String {
        let col = self
            .headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name));
        clean(col.and_then(|c| self.cells.get(c)).unwrap_or(""))
    }

    /// Reports the filled cells of columns the template does not have.
    fn report_unknown_columns(&self, r: &mut Report) {
        for (c, h) in self.headers.iter().enumerate() {
            let name = h.trim();
            if !name.is_empty()
                && !KNOWN.iter().any(|k| k.eq_ignore_ascii_case(name))
                && self.cells.get(c).is_some_and(|v| !v.trim().is_empty())
            {
                r.drop(
                    &format!("column {name}"),
                    "row",
                    "it is not a column of the TimelineJS template",
                );
            }
        }
    }

    /// Its start and end, times included.
    fn dates(&self, r: &mut Report) -> (DateParts, DateParts) {
        let mut start = csv_date(
            &self.get("Year"),
            &self.get("Month"),
            &self.get("Day"),
            &self.get("Start Date"),
        );
        let mut end = csv_date(
            &self.get("End Year"),
            &self.get("End Month"),
            &self.get("End Day"),
            &self.get("End Date"),
        );
        for (parts, column) in [(&mut start, "Time"), (&mut end, "End Time")] {
            let t = self.get(column);
            if t.is_empty() {
                continue;
            }
            match parse_time(&t) {
                Ok((h, m, s)) => (parts.hour, parts.minute, parts.second) = (h, m, s),
                Err(why) => r.line(format!("dropped the {column} of row {}: {why}", self.line)),
            }
        }
        (start, end)
    }

    /// An event row as a slide, what annals has no place for reported.
    fn slide(&self, kind: &str, start: DateParts, end: DateParts, r: &mut Report) -> Slide {
        for (name, why) in [
            (
                "Display Date",
                "annals shows dates from the date itself; write the uncertainty in the date (`1850~`, `185X`, `1850?`)",
            ),
            ("Media Thumbnail", "annals shows the media itself"),
            ("Background", "annals has no slide backgrounds"),
        ] {
            if !self.get(name).is_empty() {
                r.drop(name, "row", why);
            }
        }
        if !kind.is_empty() {
            r.drop(
                "Type",
                "row",
                "annals has no slide types besides title and era",
            );
        }
        let group = match self.get("Group") {
            g if g.is_empty() => self.get("Tag"),
            g => g,
        };
        Slide {
            headline: self.get("Headline"),
            text: self.get("Text"),
            start,
            end,
            media_url: self.get("Media"),
            caption: self.get("Media Caption"),
            credit: self.get("Media Credit"),
            alt: self.get("Alt Text"),
            group,
            display_date: self.get("Display Date"),
            ..Slide::default()
        }
    }
}

/// Reads the TimelineJS spreadsheet template saved as CSV (Google Sheets'
/// File → Download → CSV); `present` is the year a slide that stands for
/// the present gets (the year of the import).
pub fn from_csv(text: &str, present: i64) -> Result<Imported, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("not a CSV file: {e}"))?
        .clone();
    let has = |name: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    if !(has("Year") || has("Start Date")) || !has("Headline") {
        return Err(
            "not the TimelineJS spreadsheet template: it has no `Year` (or `Start Date`) and `Headline` columns"
                .into(),
        );
    }
    let mut out = Imported::default();
    let mut r = Report::default();
    let mut taken = HashSet::new();
    let (mut era_index, mut slide_index) = (0, 0);
    for (i, cells) in reader.records().enumerate() {
        let cells = cells.map_err(|e| format!("not a CSV file: row {}: {e}", i + 2))?;
        if cells.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let row = Row {
            headers: &headers,
            cells: &cells,
            line: i + 2,
        };
        row.report_unknown_columns(&mut r);
        let kind = row.get("Type").to_ascii_lowercase();
        let (start, end) = row.dates(&mut r);
        match kind.as_str() {
            "title" => {
                title_slide(&row.get("Headline"), &row.get("Text"), &mut out, &mut r);
                for name in ["Media", "Background"] {
                    if !row.get(name).is_empty() {
                        r.drop(
                            &format!("{name} of the title row"),
                            WHOLE,
                            "annals has no title slide: its headline and text become the site's title and description",
                        );
                    }
                }
            }
            "era" => {
                let (headline, text) = (row.get("Headline"), row.get("Text"));
                era_of(&headline, &text, &start, &end, era_index, &mut out, &mut r);
                era_index += 1;
            }
            _ => {
                let slide = row.slide(&kind, start, end, &mut r);
                if let Some(e) = convert(slide, slide_index, present, &mut taken, &mut r) {
                    out.events.push(e);
                }
                slide_index += 1;
            }
        }
    }
    check_scale("", &out, &mut r);
    out.warnings = r.into_warnings();
    Ok(out)
}

/// A spreadsheet row's date: the Year/Month/Day columns, or a single
/// `Start Date`/`End Date` cell (`1865`, `1865-04`, `1865-04-14`,
/// `4/14/1865`, `4/1865`).
fn csv_date(year: &str, month: &str, day: &str, single: &str) -> DateParts {
    if !year.is_empty() || single.is_empty() {
        return DateParts {
            year: spreadsheet_number(year),
            month: spreadsheet_number(month),
            day: spreadsheet_number(day),
            ..DateParts::default()
        };
    }
    let s = single.trim();
    let mut parts = DateParts::default();
    if s.contains('/') {
        let n: Vec<&str> = s.split('/').map(str::trim).collect();
        match n.as_slice() {
            [m, d, y] => {
                (parts.month, parts.day, parts.year) = (m.to_string(), d.to_string(), y.to_string())
            }
            [m, y] => (parts.month, parts.year) = (m.to_string(), y.to_string()),
            _ => parts.year = s.to_string(),
        }
    } else {
        let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
        let mut n = rest.splitn(3, '-');
        parts.year = format!("{sign}{}", n.next().unwrap_or(""));
        parts.month = n.next().unwrap_or("").to_string();
        parts.day = n.next().unwrap_or("").to_string();
    }
    let strip = |v: &str| v.trim_start_matches('0').to_string();
    parts.month = strip(&parts.month);
    parts.day = strip(&parts.day);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_times_and_numbers_read_as_timelinejs_reads_them() {
        assert_eq!(
            parse_time("22:15").unwrap(),
            ("22".into(), "15".into(), String::new())
        );
        assert_eq!(parse_time("10:30 PM").unwrap().0, "22");
        assert_eq!(parse_time("12:05 am").unwrap().0, "0");
        assert_eq!(
            parse_time("0930").unwrap(),
            ("9".into(), "30".into(), String::new())
        );
        assert_eq!(parse_time("6:45:56").unwrap().2, "56");
        assert!(parse_time("noon").is_err());
        assert_eq!(spreadsheet_number(" -13,798,000,000 "), "-13798000000");
        let d = csv_date("", "", "", "4/14/1865");
        assert_eq!(
            (d.year.as_str(), d.month.as_str(), d.day.as_str()),
            ("1865", "4", "14")
        );
        let d = csv_date("", "", "", "-0500-03");
        assert_eq!((d.year.as_str(), d.month.as_str()), ("-0500", "3"));
    }
}
