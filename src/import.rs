//! `annals import`: TimelineJS data (the JSON format and the spreadsheet
//! template's CSV) turned into annals event files. Reading and converting
//! are pure; [`write`] is the one place that writes. Whatever annals has no
//! place for is dropped with one warning per field, never silently.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::date::EventDate;

/// One imported event, ready to be written as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEvent {
    /// File stem and id.
    pub id: String,
    /// Headline, as plain text.
    pub title: String,
    /// `date:` as annals writes it.
    pub date: String,
    /// `end:`, if any.
    pub end: Option<String>,
    /// The slide's text (HTML, which Markdown passes through; sanitised on
    /// build unless `unsafe_html`).
    pub summary: String,
    /// TimelineJS group, as the event's first tag.
    pub group: Option<String>,
    /// Media URL, caption and credit.
    pub media: Option<(String, Option<String>, Option<String>)>,
}

/// A whole imported timeline.
#[derive(Debug, Default)]
pub struct Imported {
    /// From the title slide.
    pub title: Option<String>,
    /// From the title slide's text, as plain text.
    pub description: Option<String>,
    /// Events in file order.
    pub events: Vec<ImportedEvent>,
    /// What was dropped or changed, one line per kind of field.
    pub warnings: Vec<String>,
}

/// Counts dropped fields so each gets one warning.
#[derive(Default)]
struct Dropped(BTreeMap<String, (usize, &'static str)>);

impl Dropped {
    fn add(&mut self, field: &str, why: &'static str) {
        self.0.entry(field.to_string()).or_insert((0, why)).0 += 1;
    }
    fn into_warnings(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(field, (n, why))| {
                format!(
                    "dropped `{field}` from {n} slide{}: {why}",
                    if n == 1 { "" } else { "s" }
                )
            })
            .collect()
    }
}

/// A TimelineJS value as text: strings as they are, numbers written out,
/// empty for null and "".
fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Plain text of a bit of HTML (headlines, the title slide).
fn plain(html: &str) -> String {
    crate::markdown::plain_text(html)
}

/// Date parts (strings, possibly empty) as an annals date, or why not.
fn date_from_parts(year: &str, month: &str, day: &str, time: &str) -> Result<String, String> {
    let y: i64 = year
        .trim()
        .parse()
        .map_err(|_| format!("year `{year}` is not a number"))?;
    let mut s = if y.abs() > 9999 {
        format!("Y{y}")
    } else if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    };
    let num = |v: &str, what: &str| -> Result<Option<u8>, String> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            v.trim()
                .parse::<u8>()
                .map(Some)
                .map_err(|_| format!("{what} `{v}` is not a number"))
        }
    };
    if y.abs() <= 9999
        && let Some(m) = num(month, "month")?
    {
        s.push_str(&format!("-{m:02}"));
        if let Some(d) = num(day, "day")? {
            s.push_str(&format!("-{d:02}"));
            if !time.trim().is_empty() {
                s.push('T');
                s.push_str(time.trim());
            }
        }
    }
    EventDate::parse(&s).map_err(|e| format!("`{s}`: {}", e.message))?;
    Ok(s)
}

/// `HH:MM[:SS]` from TimelineJS hour/minute/second parts ("" if none).
fn time_from_parts(hour: &str, minute: &str, second: &str) -> String {
    let n = |v: &str| v.trim().parse::<u8>().ok();
    match (n(hour), n(minute), n(second)) {
        (Some(h), m, Some(s)) => format!("{h:02}:{:02}:{s:02}", m.unwrap_or(0)),
        (Some(h), m, None) => format!("{h:02}:{:02}", m.unwrap_or(0)),
        _ => String::new(),
    }
}

/// Makes ids unique and slug-shaped.
fn unique_id(wanted: &str, fallback: &str, taken: &mut Vec<String>) -> String {
    let mut base = slug::slugify(wanted);
    if base.is_empty() {
        base = slug::slugify(fallback);
    }
    if base.is_empty() {
        base = "event".into();
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

/// One slide's fields, from either format.
struct Slide {
    headline: String,
    text: String,
    start: (String, String, String, String),
    end: (String, String, String, String),
    media: (String, String, String),
    group: String,
    unique_id: String,
}

fn convert(
    slide: Slide,
    index: usize,
    taken: &mut Vec<String>,
    dropped: &mut Dropped,
    warnings: &mut Vec<String>,
) -> Option<ImportedEvent> {
    let title = if slide.headline.trim().is_empty() {
        dropped.add(
            "empty headline",
            "annals needs a title: the slide was titled by its position",
        );
        format!("Event {}", index + 1)
    } else {
        plain(&slide.headline)
    };
    let (y, m, d, t) = &slide.start;
    let date = match date_from_parts(y, m, d, t) {
        Ok(date) => date,
        Err(why) => {
            warnings.push(format!(
                "skipped slide {} ({title}): its date {why}",
                index + 1
            ));
            return None;
        }
    };
    let (ey, em, ed, et) = &slide.end;
    let end = if ey.trim().is_empty() {
        None
    } else {
        match date_from_parts(ey, em, ed, et).and_then(|e| {
            EventDate::parse(&format!("{date}/{e}"))
                .map(|_| e)
                .map_err(|err| err.message)
        }) {
            Ok(e) => Some(e),
            Err(why) => {
                warnings.push(format!(
                    "dropped the end date of slide {} ({title}): {why}",
                    index + 1
                ));
                None
            }
        }
    };
    let (url, caption, credit) = slide.media;
    let media = if url.is_empty() {
        None
    } else if crate::markdown::is_unsafe(&url) {
        dropped.add(
            "media with a javascript: or data: URL",
            "annals refuses such URLs",
        );
        None
    } else {
        let opt = |s: String| (!s.is_empty()).then_some(s);
        Some((url, opt(caption), opt(credit)))
    };
    let id = unique_id(&slide.unique_id, &title, taken);
    if !slide.unique_id.is_empty() && id != slide.unique_id {
        dropped.add(
            "unique_id as written",
            "ids become lowercase slugs; the slug is kept as the id",
        );
    }
    Some(ImportedEvent {
        id,
        title,
        date,
        end,
        summary: slide.text.trim().to_string(),
        group: (!slide.group.trim().is_empty()).then(|| slide.group.trim().to_string()),
        media,
    })
}

/// Reads a TimelineJS3 JSON file.
pub fn from_timelinejs(json: &str) -> Result<Imported, String> {
    let doc: Value = serde_json::from_str(json).map_err(|e| format!("not TimelineJS JSON: {e}"))?;
    let events = doc
        .get("events")
        .and_then(Value::as_array)
        .ok_or("not TimelineJS JSON: no `events` list")?;
    let mut out = Imported::default();
    let mut dropped = Dropped::default();
    if let Some(title) = doc.get("title") {
        let text = title.get("text");
        let headline = text_of(text.and_then(|t| t.get("headline")));
        let body = text_of(text.and_then(|t| t.get("text")));
        out.title = (!headline.is_empty()).then(|| plain(&headline));
        out.description = (!body.is_empty()).then(|| plain(&body));
        for key in ["media", "background"] {
            if title.get(key).is_some() {
                dropped.add(&format!("title.{key}"), "annals has no title slide; its headline and text became the site's title and description");
            }
        }
    }
    for key in ["eras", "scale"] {
        if doc.get(key).is_some() {
            dropped.add(
                key,
                if key == "eras" {
                    "annals has no eras yet"
                } else {
                    "annals chooses the axis scale from the dates"
                },
            );
        }
    }
    let mut taken = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        let part = |obj: &str, key: &str| text_of(ev.get(obj).and_then(|o| o.get(key)));
        let date_parts = |obj: &str| {
            (
                part(obj, "year"),
                part(obj, "month"),
                part(obj, "day"),
                time_from_parts(
                    &part(obj, "hour"),
                    &part(obj, "minute"),
                    &part(obj, "second"),
                ),
            )
        };
        for key in ["background", "type", "location", "autolink"] {
            if ev.get(key).is_some_and(|v| !v.is_null() && v != "") {
                dropped.add(key, "annals has no place for it");
            }
        }
        for obj in ["start_date", "end_date"] {
            for key in ["display_date", "display_text", "millisecond", "format"] {
                if !part(obj, key).is_empty() {
                    dropped.add(
                        &format!("{obj}.{key}"),
                        "annals writes dates itself, to the second",
                    );
                }
            }
        }
        if !text_of(ev.get("display_date")).is_empty() {
            dropped.add("display_date", "annals writes dates itself");
        }
        if !part("media", "thumbnail").is_empty() {
            dropped.add("media.thumbnail", "annals shows the media itself");
        }
        let slide = Slide {
            headline: part("text", "headline"),
            text: part("text", "text"),
            start: date_parts("start_date"),
            end: date_parts("end_date"),
            media: (
                part("media", "url"),
                part("media", "caption"),
                part("media", "credit"),
            ),
            group: text_of(ev.get("group")),
            unique_id: text_of(ev.get("unique_id")),
        };
        if let Some(e) = convert(slide, i, &mut taken, &mut dropped, &mut out.warnings) {
            out.events.push(e);
        }
    }
    out.warnings.extend(dropped.into_warnings());
    Ok(out)
}

/// Reads the TimelineJS spreadsheet template as CSV.
pub fn from_csv(text: &str) -> Result<Imported, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("not a CSV file: {e}"))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    if col("Year").is_none() || col("Headline").is_none() {
        return Err("not the TimelineJS spreadsheet template: no Year and Headline columns".into());
    }
    let mut out = Imported::default();
    let mut dropped = Dropped::default();
    let mut taken = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", i + 2))?;
        let get = |name: &str| {
            col(name)
                .and_then(|c| row.get(c))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let kind = get("Type").to_ascii_lowercase();
        if kind == "title" {
            out.title = Some(plain(&get("Headline"))).filter(|t| !t.is_empty());
            out.description = Some(plain(&get("Text"))).filter(|t| !t.is_empty());
            continue;
        }
        if kind == "era" {
            dropped.add("era rows", "annals has no eras yet");
            continue;
        }
        for name in ["Display Date", "Media Thumbnail", "Background"] {
            if !get(name).is_empty() {
                dropped.add(name, "annals has no place for it");
            }
        }
        let slide = Slide {
            headline: get("Headline"),
            text: get("Text"),
            start: (get("Year"), get("Month"), get("Day"), get("Time")),
            end: (
                get("End Year"),
                get("End Month"),
                get("End Day"),
                get("End Time"),
            ),
            media: (get("Media"), get("Media Caption"), get("Media Credit")),
            group: get("Group"),
            unique_id: String::new(),
        };
        if let Some(e) = convert(slide, i, &mut taken, &mut dropped, &mut out.warnings) {
            out.events.push(e);
        }
    }
    out.warnings.extend(dropped.into_warnings());
    Ok(out)
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The YAML of one imported event.
pub fn event_yaml(e: &ImportedEvent) -> String {
    let mut y = format!("title: {}\ndate: {}\n", q(&e.title), q(&e.date));
    if let Some(end) = &e.end {
        y.push_str(&format!("end: {}\n", q(end)));
    }
    if !e.summary.is_empty() {
        y.push_str(&format!("summary: {}\n", q(&e.summary)));
    }
    if let Some(g) = &e.group {
        y.push_str(&format!("tags: [{}]\n", q(g)));
    }
    if let Some((url, caption, credit)) = &e.media {
        y.push_str(&format!("media:\n  url: {}\n", q(url)));
        if let Some(c) = caption {
            y.push_str(&format!("  caption: {}\n", q(c)));
        }
        if let Some(c) = credit {
            y.push_str(&format!("  credit: {}\n", q(c)));
        }
    }
    y
}

/// Writes the imported events into the site at `root` (one file each in
/// content/events/, names made unique) and a site.yaml if it has none.
/// Returns the files written.
pub fn write(root: &Path, imported: &Imported) -> Result<Vec<PathBuf>, String> {
    let dir = root.join("content/events");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    let config = root.join("site.yaml");
    if !config.exists() {
        let mut y = format!(
            "title: {}\n",
            q(imported.title.as_deref().unwrap_or("Imported timeline"))
        );
        if let Some(d) = &imported.description {
            y.push_str(&format!("description: {}\n", q(d)));
        }
        fs::write(&config, y).map_err(|e| format!("cannot write {}: {e}", config.display()))?;
        written.push(config);
    }
    for e in &imported.events {
        let mut path = dir.join(format!("{}.yaml", e.id));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{}-{n}.yaml", e.id));
            n += 1;
        }
        let mut text = event_yaml(e);
        if n > 2 {
            // The file name no longer says the id: write it.
            text = format!("id: {}\n{text}", q(&format!("{}-{}", e.id, n - 1)));
        }
        fs::write(&path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_parts_with_empty_strings_as_absent() {
        assert_eq!(
            date_from_parts("1815", "12", "10", "").unwrap(),
            "1815-12-10"
        );
        assert_eq!(date_from_parts("1948", "", "", "").unwrap(), "1948");
        assert_eq!(
            date_from_parts("-13798000000", "", "", "").unwrap(),
            "Y-13798000000"
        );
        assert_eq!(date_from_parts("-500", "3", "", "").unwrap(), "-0500-03");
        assert_eq!(
            date_from_parts("1865", "4", "14", "22:15").unwrap(),
            "1865-04-14T22:15"
        );
        assert!(date_from_parts("", "", "", "").is_err());
        assert!(date_from_parts("1990", "13", "", "").is_err());
    }

    #[test]
    fn a_slide_becomes_an_event_and_the_rest_is_reported() {
        let json = r##"{"title": {"text": {"headline": "<b>Women</b> in Computing", "text": "<p>Intro</p>"}},
          "scale": "human",
          "events": [
            {"start_date": {"year": "1815", "month": "12", "day": "10", "display_date": "Dec 1815"},
             "end_date": {"year": "1852", "month": "11", "day": "27"},
             "text": {"headline": "Ada Lovelace", "text": "<p>First programmer</p>"},
             "media": {"url": "https://example.org/ada.jpg", "caption": "Portrait", "credit": "Commons", "thumbnail": "t.jpg"},
             "group": "Pioneers", "background": {"color": "#000"}},
            {"start_date": {"year": 1843}, "text": {"headline": "Ada Lovelace"}},
            {"start_date": {"year": ""}, "text": {"headline": "Undated"}}
          ]}"##;
        let imported = from_timelinejs(json).unwrap();
        assert_eq!(imported.title.as_deref(), Some("Women in Computing"));
        assert_eq!(imported.events.len(), 2);
        let ada = &imported.events[0];
        assert_eq!(
            (ada.id.as_str(), ada.date.as_str(), ada.end.as_deref()),
            ("ada-lovelace", "1815-12-10", Some("1852-11-27"))
        );
        assert_eq!(imported.events[1].id, "ada-lovelace-2");
        assert_eq!(
            event_yaml(ada),
            "title: \"Ada Lovelace\"\ndate: \"1815-12-10\"\nend: \"1852-11-27\"\nsummary: \"<p>First programmer</p>\"\ntags: [\"Pioneers\"]\nmedia:\n  url: \"https://example.org/ada.jpg\"\n  caption: \"Portrait\"\n  credit: \"Commons\"\n"
        );
        let warnings = imported.warnings.join("\n");
        for w in [
            "skipped slide 3 (Undated)",
            "dropped `background` from 1 slide",
            "dropped `media.thumbnail`",
            "dropped `scale`",
            "dropped `start_date.display_date`",
        ] {
            assert!(warnings.contains(w), "{w} in {warnings}");
        }
    }
}
