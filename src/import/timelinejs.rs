//! TimelineJS3 JSON: slides, the title slide and eras read into
//! [`Imported`], every key annals does not read reported by name.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::{
    DateParts, Imported, Report, Slide, WHOLE, check_scale, clean, convert, era_of, title_slide,
};

/// A TimelineJS value as text: strings trimmed, numbers written out, empty
/// for null, `false` and anything else.
fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => clean(s),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(true)) => "true".into(),
        _ => String::new(),
    }
}

/// True for a value worth a warning when dropped: not null, "", false, an
/// empty object or one whose values are all such.
fn is_set(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Object(m) => m.values().any(is_set),
        Value::Array(a) => a.iter().any(is_set),
        _ => true,
    }
}

/// Reports every set key of `obj` (at `path`) that is not in `known`.
fn drop_unknown(
    obj: &Map<String, Value>,
    path: &str,
    known: &[&str],
    r: &mut Report,
    unit: &'static str,
) {
    for (key, value) in obj {
        if !known.contains(&key.as_str()) && is_set(value) {
            let field = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            r.drop(&field, unit, "annals has no place for it");
        }
    }
}

/// Keys of a TimelineJS date (`start_date`, `end_date`).
#[rustfmt::skip]
const DATE_KEYS: [&str; 10] = [
    "year", "month", "day", "hour", "minute", "second", "millisecond", "display_date",
    "display_text", "format",
];

/// Keys of the title slide that are read or reported by name.
#[rustfmt::skip]
const TITLE_KEYS: [&str; 9] = [
    "text", "media", "background", "start_date", "end_date", "group", "display_date",
    "unique_id", "type",
];

/// Keys of a slide's `media` that are read or reported by name.
#[rustfmt::skip]
const MEDIA_KEYS: [&str; 8] = [
    "url", "caption", "credit", "alt", "thumbnail", "title", "link", "link_target",
];

/// Keys of a slide that are read or reported by name.
#[rustfmt::skip]
const SLIDE_KEYS: [&str; 11] = [
    "start_date", "end_date", "text", "media", "group", "unique_id", "display_date",
    "background", "type", "autolink", "location",
];

fn json_date_parts(
    obj: Option<&Value>,
    field: &str,
    r: &mut Report,
    unit: &'static str,
) -> DateParts {
    let Some(Value::Object(m)) = obj else {
        return DateParts::default();
    };
    let part = |k: &str| text_of(m.get(k));
    for key in ["display_date", "display_text", "format"] {
        if !part(key).is_empty() {
            r.drop(
                &format!("{field}.{key}"),
                unit,
                "annals shows dates from the date itself; write the uncertainty in the date (`1850~`, `185X`, `1850?`)",
            );
        }
    }
    if !matches!(part("millisecond").as_str(), "" | "0") {
        r.drop(
            &format!("{field}.millisecond"),
            unit,
            "annals times stop at the second",
        );
    }
    drop_unknown(m, field, &DATE_KEYS, r, unit);
    DateParts {
        year: part("year"),
        month: part("month"),
        day: part("day"),
        hour: part("hour"),
        minute: part("minute"),
        second: part("second"),
    }
}

/// Reads a TimelineJS3 JSON file; `present` is the year a slide that
/// stands for the present gets (the year of the import).
pub fn from_timelinejs(json: &str, present: i64) -> Result<Imported, String> {
    let doc: Value = serde_json::from_str(json).map_err(|e| format!("not TimelineJS JSON: {e}"))?;
    let Some(top) = doc.as_object() else {
        return Err("not TimelineJS JSON: the file is not a JSON object".into());
    };
    let events = top
        .get("events")
        .and_then(Value::as_array)
        .ok_or("not TimelineJS JSON: it has no `events` list")?;
    let mut out = Imported::default();
    let mut r = Report::default();
    drop_unknown(
        top,
        "",
        &["title", "events", "eras", "scale"],
        &mut r,
        WHOLE,
    );
    if let Some(Value::Object(title)) = top.get("title") {
        read_title(title, &mut out, &mut r);
    }
    let mut taken = HashSet::new();
    for (i, ev) in events.iter().enumerate() {
        let Some(obj) = ev.as_object() else {
            r.line(format!("skipped slide {}: it is not a JSON object", i + 1));
            continue;
        };
        if let Some(e) = convert(read_slide(obj, &mut r), i, present, &mut taken, &mut r) {
            out.events.push(e);
        }
    }
    if let Some(Value::Array(eras)) = top.get("eras") {
        for (i, era) in eras.iter().enumerate() {
            match era.as_object() {
                Some(obj) => read_era(obj, i, &mut out, &mut r),
                None => r.line(format!("skipped era {}: it is not a JSON object", i + 1)),
            }
        }
    }
    check_scale(&text_of(top.get("scale")), &out, &mut r);
    out.warnings = r.into_warnings();
    Ok(out)
}

/// The title slide: the site's title and description.
fn read_title(title: &Map<String, Value>, out: &mut Imported, r: &mut Report) {
    let text = title.get("text").and_then(Value::as_object);
    let get = |k: &str| text_of(text.and_then(|t| t.get(k)));
    title_slide(&get("headline"), &get("text"), out, r);
    for key in ["media", "background"] {
        if title.get(key).is_some_and(is_set) {
            r.drop(
                &format!("title.{key}"),
                WHOLE,
                "annals has no title slide: its headline and text become the site's title and description",
            );
        }
    }
    drop_unknown(title, "title", &TITLE_KEYS, r, WHOLE);
}

/// One slide, with what annals has no place for reported.
fn read_slide(obj: &Map<String, Value>, r: &mut Report) -> Slide {
    let get = |o: &str, k: &str| text_of(obj.get(o).and_then(|v| v.get(k)));
    for (key, why) in [
        ("background", "annals has no slide backgrounds"),
        (
            "display_date",
            "annals shows dates from the date itself; write the uncertainty in the date (`1850~`, `185X`, `1850?`)",
        ),
        ("type", "annals has no slide types"),
        ("autolink", "annals links only what the text links"),
    ] {
        if obj.get(key).is_some_and(is_set) {
            r.drop(key, "slide", why);
        }
    }
    if let Some(Value::Object(loc)) = obj.get("location") {
        let mut coords = loc.clone();
        coords.remove("name");
        if is_set(&Value::Object(coords)) {
            r.drop(
                "location (all but its name)",
                "slide",
                "annals keeps a location's name as the event's place, not its map",
            );
        }
    }
    if let Some(Value::Object(media)) = obj.get("media") {
        read_media_extras(media, r);
    }
    if let Some(Value::Object(text)) = obj.get("text") {
        drop_unknown(text, "text", &["headline", "text"], r, "slide");
    }
    drop_unknown(obj, "", &SLIDE_KEYS, r, "slide");
    Slide {
        headline: get("text", "headline"),
        text: get("text", "text"),
        start: json_date_parts(obj.get("start_date"), "start_date", r, "slide"),
        end: json_date_parts(obj.get("end_date"), "end_date", r, "slide"),
        media_url: get("media", "url"),
        caption: get("media", "caption"),
        credit: get("media", "credit"),
        alt: get("media", "alt"),
        group: text_of(obj.get("group")),
        unique_id: text_of(obj.get("unique_id")),
        place: get("location", "name"),
        display_date: [
            text_of(obj.get("display_date")),
            get("start_date", "display_text"),
            get("start_date", "display_date"),
        ]
        .into_iter()
        .find(|d| !d.is_empty())
        .unwrap_or_default(),
    }
}

/// Reports the media fields annals has no place for.
fn read_media_extras(media: &Map<String, Value>, r: &mut Report) {
    for (key, why) in [
        ("thumbnail", "annals shows the media itself"),
        (
            "title",
            "annals media have a caption, a credit and alt text",
        ),
        ("link", "annals media link to themselves"),
        ("link_target", "annals media link to themselves"),
    ] {
        if media.get(key).is_some_and(is_set) {
            r.drop(&format!("media.{key}"), "slide", why);
        }
    }
    drop_unknown(media, "media", &MEDIA_KEYS, r, "slide");
}

/// One era (the `i`-th).
fn read_era(obj: &Map<String, Value>, i: usize, out: &mut Imported, r: &mut Report) {
    let text = obj.get("text").and_then(Value::as_object);
    let get = |k: &str| text_of(text.and_then(|t| t.get(k)));
    if let Some(text) = text {
        drop_unknown(text, "eras.text", &["headline", "text"], r, "era");
    }
    drop_unknown(obj, "eras", &["start_date", "end_date", "text"], r, "era");
    let start = json_date_parts(obj.get("start_date"), "eras.start_date", r, "era");
    let end = json_date_parts(obj.get("end_date"), "eras.end_date", r, "era");
    era_of(&get("headline"), &get("text"), &start, &end, i, out, r);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportedEra, event_yaml, from_csv};

    #[test]
    fn a_slide_becomes_an_event_and_the_rest_is_reported() {
        let json = r##"{"title": {"text": {"headline": "<b>Women</b> in Computing", "text": "<p class=\"lead\">Intro &amp; more</p>"}},
          "scale": "human",
          "events": [
            {"start_date": {"year": "1815", "month": "12", "day": "10", "display_date": "Dec 1815"},
             "end_date": {"year": "1852", "month": "11", "day": "27"},
             "text": {"headline": "Ada Lovelace", "text": "<p>First programmer</p>"},
             "media": {"url": "https://example.org/ada.jpg", "caption": "Portrait", "credit": "Commons", "thumbnail": "t.jpg"},
             "group": "Pioneers", "background": {"color": "#000"}},
            {"start_date": {"year": 1843}, "text": {"headline": "Ada Lovelace"}},
            {"start_date": {"year": ""}, "text": {"headline": "Undated"}},
            {"start_date": {"year": "1900"}, "text": {"headline": "", "text": "Hedy Lamarr is born in Vienna. She later..."}},
            {"start_date": {"year": "1990"}, "text": {"headline": "Evil"}, "media": {"url": "javascript:alert(1)"}}
          ],
          "eras": [{"start_date": {"year": "1815"}, "end_date": {"year": "1852"}, "text": {"headline": "Ada's life", "text": "x"}}]}"##;
        let imported = from_timelinejs(json, 2025).unwrap();
        assert_eq!(imported.title.as_deref(), Some("Women in Computing"));
        assert_eq!(imported.description.as_deref(), Some("Intro & more"));
        assert_eq!(imported.events.len(), 4);
        let ada = &imported.events[0];
        assert_eq!(
            (ada.id.as_str(), ada.date.as_str(), ada.end.as_deref()),
            ("ada-lovelace", "1815-12-10", Some("1852-11-27"))
        );
        assert_eq!(imported.events[1].id, "ada-lovelace-2");
        assert_eq!(imported.events[2].title, "Hedy Lamarr is born in Vienna");
        assert!(imported.events[3].media.is_none());
        assert_eq!(
            event_yaml(ada),
            "title: \"Ada Lovelace\"\ndate: \"1815-12-10\"\nend: \"1852-11-27\"\nsummary: \"<p>First programmer</p>\"\ntags: [\"Pioneers\"]\nmedia:\n  url: \"https://example.org/ada.jpg\"\n  caption: \"<p>Portrait</p>\"\n  credit: \"<p>Commons</p>\"\n"
        );
        assert_eq!(
            imported.eras,
            [ImportedEra {
                title: "Ada's life".into(),
                date: "1815".into(),
                end: "1852".into()
            }]
        );
        let warnings = imported.warnings.join("\n");
        for w in [
            "skipped slide 3 (Undated): it has no start date",
            "dropped `background` from 1 slide",
            "dropped `media.thumbnail` from 1 slide",
            "dropped `start_date.display_date` from 1 slide",
            "dropped `media with a javascript:, data: or vbscript: URL` from 1 slide",
            "dropped `eras.text.text` from 1 era",
            "titled slides without a headline from the start of their text",
        ] {
            assert!(warnings.contains(w), "{w} in {warnings}");
        }
        assert!(!warnings.contains("scale"), "human is right: {warnings}");
    }

    #[test]
    fn not_timelinejs_is_an_error_that_says_so() {
        assert!(
            from_timelinejs("[1, 2]", 2025)
                .unwrap_err()
                .contains("not a JSON object")
        );
        assert!(
            from_timelinejs("{\"slides\": []}", 2025)
                .unwrap_err()
                .contains("no `events` list")
        );
        assert!(
            from_timelinejs("nope", 2025)
                .unwrap_err()
                .starts_with("not TimelineJS JSON")
        );
        assert!(
            from_csv("a,b\n1,2\n", 2025)
                .unwrap_err()
                .starts_with("not the TimelineJS spreadsheet")
        );
    }
}
