//! Content: the site's files as validated data. Each kind is read from its
//! raw form as written (serde structs that mirror the YAML) into the form
//! the rest of the program uses — `Config` from `site.yaml`, `Event`s from
//! event files, `Source`s from article files —, every problem located at
//! its line and column. The field helpers they share (ids, dates, zones,
//! URLs) live in `fields`, the warnings about likely mistakes in
//! `likely_mistakes`, the YAML reader in `yaml`, Markdown in
//! `markdown`.

pub(crate) mod config;
pub(crate) mod event;
pub(crate) mod fields;
pub(crate) mod kept;
pub(crate) mod likely_mistakes;
pub(crate) mod markdown;
pub(crate) mod site_translations;
pub(crate) mod source;
pub(crate) mod translation;
pub(crate) mod yaml;

pub use config::base_url;
pub use event::{Event, parse_file as parse_events};
pub use markdown::{RawHtml, normalize_quote};
pub use source::{Source, parse as parse_source, split_front_matter};
