//! annals: a static timeline site generator.
//!
//! Data flows one way, and the module tree shows it, each stage importing
//! only from the stages before it:
//!
//! 1. [`read`]: the site folder and its files, as text;
//! 2. [`content`]: `site.yaml`, events and sources, validated;
//! 3. [`timeline`]: the events in order, references resolved, terms and
//!    groups collected;
//! 4. [`views`]: what readers see of them — display texts, escaping, JSON,
//!    URLs;
//! 5. [`outputs`]: HTML pages, feeds, calendars, exports, sitemap, search,
//!    siblings that never import each other;
//! 6. [`write`]: the staging folder, swapped in whole.
//!
//! [`site`] drives them: one [`Site`] with one build entry point that puts
//! its files into an [`outputs::Target`]. [`serve`], [`import`] and
//! [`scaffold`] sit on top. [`date`] and [`diagnostic`] are the
//! vocabulary every stage speaks. `tests/testsuite/architecture.rs` fails
//! when a module imports from a later stage or a sibling output.

#![deny(unreachable_pub)]

pub mod date;
pub mod diagnostic;
pub(crate) mod i18n;

pub(crate) mod read;

pub mod content;

pub(crate) mod timeline;

pub(crate) mod views;

pub mod outputs;

pub(crate) mod write;

pub mod site;

pub mod draft;
pub mod import;
pub mod scaffold;
pub mod serve;

#[cfg(test)]
mod testing;

pub use i18n::date_languages;
pub use site::{BuildReport, Built, Failure, Site, Stage, build, check};
