//! Loading an events file never panics, and every diagnostic it gives
//! points inside the file.
#![no_main]

use annals::diagnostic::SourceText;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let src = SourceText::new("content/events/fuzz.yaml", text.to_string());
    let (_, diags) = annals::content::parse_events(&src, chrono_tz::Tz::UTC);
    // Lines as YAML counts them (CRLF and a lone CR break lines too), which
    // is how the text is normalised.
    let lines = src.text.lines().count().max(1);
    for d in diags {
        if let Some(l) = &d.location {
            assert!(l.line >= 1 && l.line <= lines + 1, "line {} of {lines}", l.line);
            let _ = d.human(false);
        }
    }
});
