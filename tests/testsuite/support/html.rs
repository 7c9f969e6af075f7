//! Reading built pages the way a person or a browser would: attribute
//! values, visible text, the cards of a list.

/// Values of `attr="…"` in `html`, in order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').unwrap();
        out.push(rest[..end].replace("&amp;", "&"));
        rest = &rest[end..];
    }
    out
}

/// Text of `html` with tags removed and entities for quotes decoded.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `id`s of the event cards of a page, in order, as written (`e-` and
/// the event id).
pub fn card_anchors(html: &str) -> Vec<String> {
    html.split("<article class=\"event-card")
        .skip(1)
        .map(|chunk| attr_values(chunk, "id")[0].clone())
        .collect()
}

/// The event ids of the cards of a page, in order (a card's own id is
/// `e-` and the event id, so no event id can clash with other anchors).
pub fn card_ids(html: &str) -> Vec<String> {
    card_anchors(html)
        .into_iter()
        .map(|id| id.strip_prefix("e-").map_or(id.clone(), str::to_string))
        .collect()
}
