//! JSON that stays inert wherever it lands: `<`, `>` and `&` written as
//! `\u003c`, `\u003e` and `\u0026`. Every JSON reader gets the same data,
//! a `<script>` element holding it cannot be closed by any text, and a data
//! file that a misconfigured server or sniffing browser takes for HTML holds
//! no markup. (JSON's own syntax has none of the three, so only strings
//! change.)

use serde::Serialize;

/// `value` as compact inert JSON (inline `<script>` data, search index).
pub(crate) fn inert<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).map_or_else(|_| String::new(), escape_markup)
}

/// `value` as pretty (two-space indented) inert JSON, for files people
/// read too (`events.json`, `timeline.json`).
pub(crate) fn inert_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).map_or_else(|_| String::new(), escape_markup)
}

/// Writes `<`, `>` and `&` in `json` as JSON escapes, in one pass.
fn escape_markup(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 64);
    let mut rest = json.as_str();
    while let Some(i) = rest.find(['<', '>', '&']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_escapes_and_the_data_stays_the_same() {
        let v = serde_json::json!({"t": "</script><b>&"});
        let text = inert(&v);
        assert_eq!(text, r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
        assert_eq!(
            inert_pretty(&v),
            "{\n  \"t\": \"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"\n}"
        );
    }
}
