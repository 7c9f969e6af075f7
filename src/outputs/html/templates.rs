//! The page templates: the built-in Tera templates, compiled in, with a
//! site's own `templates/NAME` overriding the built-in of the same name;
//! template errors become diagnostics located in the template's file.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::diagnostic::{Diagnostic, Diagnostics, Location, SourceText};
use crate::i18n::{Arg, Messages};

/// The built-in templates: name and text.
pub(crate) const BUILTIN_TEMPLATES: [(&str, &str); 19] = [
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
    ("embed.html", include_str!("../../../templates/embed.html")),
    ("story.html", include_str!("../../../templates/story.html")),
    (
        "partials/media.html",
        include_str!("../../../templates/partials/media.html"),
    ),
    (
        "partials/embed_code.html",
        include_str!("../../../templates/partials/embed_code.html"),
    ),
    (
        "partials/social.html",
        include_str!("../../../templates/partials/social.html"),
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
    /// Compiles the built-in templates with the site's overrides, their
    /// interface words (`t(id=…)`) from `messages` (the site's language,
    /// with its own message file). Template syntax errors are located in
    /// the file they come from.
    pub(crate) fn new(
        site_templates: &[SourceText],
        messages: Arc<Messages>,
    ) -> Result<Templates, Diagnostics> {
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
                .path()
                .strip_prefix("templates")
                .unwrap_or(t.path())
                .to_string_lossy()
                .replace('\\', "/");
            sources.insert(name, t.clone());
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.register_function("t", message_function(messages));
        let all: Vec<(&str, &str)> = sources
            .iter()
            .map(|(k, v)| (k.as_str(), &*v.text))
            .collect();
        tera.add_raw_templates(all)
            .map_err(|e| Diagnostics::from(vec![tera_diagnostic(&e, &sources, None)]))?;
        Ok(Templates { tera, sources })
    }
}

/// The templates' `t` function: the message `id` in the site's language,
/// every other argument a value it fills in (`t(id="events-count",
/// n=event_count)`). Its text is escaped like any other.
fn message_function(
    messages: Arc<Messages>,
) -> impl Fn(Kwargs, &State) -> TeraResult<Value> + Sync + Send + 'static {
    move |kwargs: Kwargs, _: &State| {
        let id: &str = kwargs.must_get("id")?;
        let texts: Vec<(String, String)> = kwargs
            .iter()
            .filter(|(k, v)| k.to_string() != "id" && v.as_u64().is_none())
            .map(|(k, v)| {
                (
                    k.to_string(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            })
            .collect();
        let mut args: Vec<(String, Arg<'_>)> = kwargs
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    k.to_string(),
                    Arg::Count(usize::try_from(v.as_u64()?).ok()?),
                ))
            })
            .collect();
        args.extend(texts.iter().map(|(k, v)| (k.clone(), Arg::Text(v))));
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        Ok(Value::from(messages.with(id, &args)))
    }
}
