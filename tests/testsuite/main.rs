//! The integration tests of annals, one test binary: a module per area,
//! each test a fixture folder, one command, and the files and messages a
//! user would see. `support` holds what they share.

mod architecture;
mod build;
mod check;
mod checkers;
mod draft;
mod editor;
mod embed;
mod exports;
mod hardening;
mod import;
mod incremental;
mod languages;
mod precompress;
mod scale;
mod search;
mod serve;
mod support;
