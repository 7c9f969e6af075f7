//! TimeML mode: a TempEval-3 input document (its DCT and TEXT) comes back
//! with `TIMEX3` elements around the expressions of its TEXT, every other
//! byte as it was, so that it can be scored like any TempEval-3 system.

use chrono::NaiveDate;

use super::tagger::{Anchor, Language, Timex, tag};

/// Where the parts of a TimeML document are.
struct Document<'a> {
    /// The DCT's value (its first ten characters: the day).
    dct: NaiveDate,
    /// Byte offset where the TEXT content starts.
    text_start: usize,
    /// The TEXT content, raw (entities unresolved).
    text: &'a str,
}

fn locate(doc: &str) -> Result<Document<'_>, String> {
    let dct_at = doc
        .find("<DCT>")
        .ok_or("no <DCT> element: a TempEval-3 document names its creation time")?;
    let dct_end = doc[dct_at..]
        .find("</DCT>")
        .map(|e| dct_at + e)
        .ok_or("<DCT> is never closed")?;
    let dct_xml = &doc[dct_at..dct_end];
    let value = dct_xml
        .find("value=\"")
        .map(|v| &dct_xml[v + 7..])
        .and_then(|v| v.get(..10))
        .ok_or("the DCT has no value=\"YYYY-MM-DD…\"")?;
    let dct = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("the DCT value {value:?} is not a date"))?;
    let open = doc
        .find("<TEXT>")
        .ok_or("no <TEXT> element: there is nothing to tag")?;
    let text_start = open + "<TEXT>".len();
    let close = doc[text_start..]
        .rfind("</TEXT>")
        .map(|c| text_start + c)
        .ok_or("<TEXT> is never closed")?;
    Ok(Document {
        dct,
        text_start,
        text: &doc[text_start..close],
    })
}

/// The document with `TIMEX3` elements added inside its TEXT.
pub fn annotate(doc: &str, lang: Language) -> Result<String, String> {
    let d = locate(doc)?;
    let anchor = Anchor {
        date: d.dct,
        time: None,
    };
    let timexes = tag(d.text, lang, anchor)?;
    let tags = tag_spans(d.text);
    let mut out = String::with_capacity(doc.len() + timexes.len() * 80);
    out.push_str(&doc[..d.text_start]);
    let mut at = 0;
    let mut n = 0;
    for t in timexes.iter().filter(|t| !inside_markup(t, &tags)) {
        n += 1;
        out.push_str(&d.text[at..t.start]);
        out.push_str(&open_tag(t, n));
        out.push_str(&d.text[t.start..t.end]);
        out.push_str("</TIMEX3>");
        at = t.end;
    }
    out.push_str(&d.text[at..]);
    out.push_str(&doc[d.text_start + d.text.len()..]);
    Ok(out)
}

fn open_tag(t: &Timex, n: usize) -> String {
    let modifier = t
        .modifier
        .map(|m| format!(" mod=\"{m}\""))
        .unwrap_or_default();
    format!(
        "<TIMEX3 tid=\"t{n}\" type=\"{}\" value=\"{}\"{modifier}>",
        t.kind.as_str(),
        xml_attr(&t.value)
    )
}

fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Byte spans of markup (`<…>`) and entities (`&…;`) in the TEXT, which
/// an expression must not cut.
fn tag_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let close = match bytes[i] {
            b'<' => b'>',
            b'&' => b';',
            _ => {
                i += 1;
                continue;
            }
        };
        match bytes[i..].iter().position(|&b| b == close) {
            Some(e) => {
                out.push((i, i + e + 1));
                i += e + 1;
            }
            None => i += 1,
        }
    }
    out
}

fn inside_markup(t: &Timex, spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|&(a, b)| t.start < b && a < t.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_text_outside_the_tags() {
        let doc = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>x</DOCID>\n\
<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2025-05-05\" functionInDocument=\"CREATION_TIME\">May 5, 2025</TIMEX3></DCT>\n\
<TEXT>\nThe talks began on Sunday &amp; lasted two days.\r\nSince January, AT&amp;T\u{a0}grew.\n</TEXT>\n</TimeML>\n";
        let out = annotate(doc, Language::En).unwrap();
        assert!(
            out.contains("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2025-05-04\">Sunday</TIMEX3>"),
            "{out}"
        );
        assert!(out.contains("value=\"P2D\">two days</TIMEX3>"), "{out}");
        let stripped = out.split("<TEXT>").nth(1).unwrap().replace("</TIMEX3>", "");
        let stripped: String = {
            let mut s = String::new();
            let mut rest = stripped.as_str();
            while let Some(i) = rest.find("<TIMEX3 ") {
                s.push_str(&rest[..i]);
                rest = &rest[i + rest[i..].find('>').unwrap() + 1..];
            }
            s.push_str(rest);
            s
        };
        assert_eq!(stripped, doc.split("<TEXT>").nth(1).unwrap());
        assert_eq!(out.split("<TEXT>").next(), doc.split("<TEXT>").next());
    }

    #[test]
    fn a_document_without_dct_or_text_is_refused() {
        assert!(annotate("<TimeML><TEXT>x</TEXT></TimeML>", Language::En).is_err());
        assert!(annotate("<DCT><TIMEX3 value=\"2025-01-01\"/></DCT>", Language::En).is_err());
    }
}
