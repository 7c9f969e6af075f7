//! The date parser never panics; what it accepts it can write back, read
//! again to the same date, order and display in every language.
#![no_main]

use annals::date::EventDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(date) = EventDate::parse(text) {
        let written = date.to_string();
        assert_eq!(EventDate::parse(&written), Ok(date), "{written}");
        for lang in annals::date_languages() {
            let _ = date.display_in(lang, Some(chrono_tz::Asia::Kolkata));
        }
        let _ = date.span(chrono_tz::America::New_York);
        let _ = date.machine_start();
    }
});
