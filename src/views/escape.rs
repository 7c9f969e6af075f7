//! Escaping text for the markup it lands in: one function per context.

/// Escapes text for HTML and XML content and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Escapes the three characters that start markup in HTML text (`&`, `<`,
/// `>`), leaving quotes: for fields that TimelineJS shows as HTML but never
/// puts in an attribute.
pub(crate) fn escape_html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_markup_character_is_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(
            escape_html_text(r#"<b>"A" & 'B'</b>"#),
            r#"&lt;b&gt;"A" &amp; 'B'&lt;/b&gt;"#
        );
    }
}
