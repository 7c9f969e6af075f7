//! Splitting front matter and loading a source never panics, whatever the
//! bytes of the file.
#![no_main]

use annals::diagnostic::SourceText;
use annals::content::RawHtml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let src = SourceText::new("content/sources/fuzz.md", text.to_string());
    let _ = annals::content::split_front_matter(&src);
    let _ = annals::content::parse_source(&src, RawHtml::Sanitize);
});
