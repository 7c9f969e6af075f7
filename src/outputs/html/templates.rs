//! The page templates: the built-in Tera templates, compiled in, with a
//! site's own `templates/NAME` overriding the built-in of the same name;
//! template errors become diagnostics located in the template's file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Diagnostics, Location, SourceText};

/// The built-in templates: name and text.
pub(crate) const BUILTIN_TEMPLATES: [(&str, &str); 14] = [
    ("base.html", include_str!("../../../templates/base.html")),
    (
        "partials/axis.html",
        include_str!("../../../templates/partials/axis.html"),
    ),
    (
        "partials/pager.html",
        include_str!("../../../templates/partials/pager.html"),
    ),
    ("index.html", include_str!("../../../templates/index.html")),
    ("event.html", include_str!("../../../templates/event.html")),
    (
        "source.html",
        include_str!("../../../templates/source.html"),
    ),
    (
        "sources.html",
        include_str!("../../../templates/sources.html"),
    ),
    (
        "taxonomy.html",
        include_str!("../../../templates/taxonomy.html"),
    ),
    ("term.html", include_str!("../../../templates/term.html")),
    ("404.html", include_str!("../../../templates/404.html")),
    (
        "search.html",
        include_str!("../../../templates/search.html"),
    ),
    (
        "partials/years.html",
        include_str!("../../../templates/partials/years.html"),
    ),
    (
        "partials/event_card.html",
        include_str!("../../../templates/partials/event_card.html"),
    ),
    (
        "partials/nav.html",
        include_str!("../../../templates/partials/nav.html"),
    ),
];

/// The template set: built-ins overridden by the site's own.
pub(crate) struct Templates {
    pub(super) tera: Tera,
    pub(super) sources: BTreeMap<String, SourceText>,
}

fn template_location(
    name: &str,
    sources: &BTreeMap<String, SourceText>,
    line: usize,
    col: usize,
) -> Option<Location> {
    sources.get(name).map(|s| s.at(line, col + 1, 1))
}

pub(super) fn tera_diagnostic(
    err: &tera::Error,
    sources: &BTreeMap<String, SourceText>,
    page: Option<&str>,
) -> Diagnostic {
    use tera::ErrorKind;
    let context = page
        .map(|p| format!(" (rendering {p})"))
        .unwrap_or_default();
    match err.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let msg = format!("template error: {}{context}", r.message());
            match template_location(r.filename(), sources, span.start_line, span.start_col) {
                Some(mut loc) => {
                    if span.start_line == span.end_line {
                        loc.len = span.end_col.saturating_sub(span.start_col).max(1);
                    }
                    Diagnostic::error(msg, loc)
                }
                None => Diagnostic::file_error(
                    msg,
                    &PathBuf::from(format!("templates/{}", r.filename())),
                ),
            }
        }
        other => {
            let mut msg = format!("template error: {other}{context}");
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            Diagnostic::file_error(msg, &PathBuf::from("templates"))
        }
    }
}

impl Templates {
    /// Compiles the built-in templates with the site's overrides. Template
    /// syntax errors are located in the file they come from.
    pub(crate) fn new(site_templates: &[SourceText]) -> Result<Templates, Diagnostics> {
        let mut sources: BTreeMap<String, SourceText> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_string(),
                    SourceText::new(
                        PathBuf::from(format!("<built-in>/templates/{name}")),
                        (*text).to_string(),
                    ),
                )
            })
            .collect();
        for t in site_templates {
            let name = t
                .path
                .strip_prefix("templates")
                .unwrap_or(&t.path)
                .to_string_lossy()
                .replace('\\', "/");
            sources.insert(name, t.clone());
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let all: Vec<(&str, &str)> = sources
            .iter()
            .map(|(k, v)| (k.as_str(), v.text.as_str()))
            .collect();
        tera.add_raw_templates(all)
            .map_err(|e| Diagnostics::from(vec![tera_diagnostic(&e, &sources, None)]))?;
        Ok(Templates { tera, sources })
    }
}
