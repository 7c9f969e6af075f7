//! Splitting front matter and loading a source never panics, whatever the
//! bytes of the file.
#![no_main]

use annals::diagnostic::SourceText;
use annals::markdown::RawHtml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let src = SourceText::new("content/sources/fuzz.md", text.to_string());
    let _ = annals::source::split_front_matter(&src);
    let _ = annals::source::parse(&src, RawHtml::Sanitize);
});
