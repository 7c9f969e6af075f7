//! A site's own wording: `i18n/LANG.ftl` in the site folder replaces any
//! message of annals' file for that language, message by message (the
//! rest stay annals'). A file that does not parse, a message annals does
//! not have, or a file named for a language annals does not ship is a
//! located error, as a misspelt key in site.yaml is.

use std::path::Path;
use std::sync::Arc;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;

use super::{FILES, Messages, codes, messages};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText, did_you_mean};

/// The language a site file is for: its file name without `.ftl`.
fn language_of(file: &SourceText) -> Option<&str> {
    let path: &Path = file.path();
    path.file_name()?.to_str()?.strip_suffix(".ftl")
}

/// The messages of the site language `code`, with the site's own file for
/// it over annals' (`files` are the site's `i18n/*.ftl`), and what is wrong
/// with those files. Files for annals' other languages wait until the site
/// is in that language.
pub(crate) fn site_messages(code: &str, files: &[SourceText]) -> (Arc<Messages>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let builtin = FILES
        .iter()
        .find(|(c, _)| *c == code)
        .copied()
        .unwrap_or(FILES[0]);
    let mut own = None;
    for file in files {
        let Some(language) = language_of(file) else {
            continue;
        };
        if !codes().any(|c| c == language) {
            diags.push(
                Diagnostic::file_error(
                    format!("a message file for `{language}`, a language annals does not ship"),
                    file.path(),
                )
                .with_hint(format!(
                    "name it after one of annals' languages: {}",
                    codes()
                        .map(|c| format!("{c}.ftl"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        } else if language == builtin.0 {
            own = checked(file, &mut diags);
        }
    }
    let site = Messages::parse(builtin.0, builtin.1, own);
    (Arc::new(site), diags)
}

/// The site file as a resource, if it parses and names only messages
/// annals has; else its errors, located.
fn checked(file: &SourceText, diags: &mut Diagnostics) -> Option<FluentResource> {
    let before = diags.error_count();
    let resource = match FluentResource::try_new(file.text.to_string()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for e in errors {
                let len = e.pos.end.saturating_sub(e.pos.start).max(1);
                diags.push(
                    Diagnostic::error(
                        format!("this message file does not parse: {}", e.kind),
                        file.at_byte(e.pos.start, len),
                    )
                    .with_hint(
                        "a message is `id = text`; values are `{ $name }` (Project Fluent syntax)",
                    ),
                );
            }
            resource
        }
    };
    let known = messages("en").ids();
    for entry in resource.entries() {
        let Entry::Message(m) = entry else { continue };
        let id = m.id.name;
        if known.contains(id) {
            continue;
        }
        let at = file.text.find(&format!("{id} =")).unwrap_or(0);
        let mut d = Diagnostic::error(
            format!("unknown message `{id}`"),
            file.at_byte(at, id.len().max(1)),
        );
        if let Some(hint) = did_you_mean(id, known.iter().map(String::as_str)) {
            d = d.with_hint(hint);
        }
        diags.push(d.with_hint(
            "a site's message file replaces messages annals has (src/i18n/en.ftl lists them)",
        ));
    }
    (diags.error_count() == before).then_some(resource)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Arg;

    fn file(name: &str, text: &str) -> SourceText {
        SourceText::new(format!("i18n/{name}"), text)
    }

    #[test]
    fn a_site_replaces_a_message_and_keeps_the_rest() {
        let (m, diags) = site_messages(
            "es",
            &[file(
                "es.ftl",
                "nav-timeline = Línea de tiempo\ndate-approximate = hacia { $date }\nannals-js-zoom-in = Acercar\n",
            )],
        );
        assert!(diags.is_empty());
        assert_eq!(m.text("nav-timeline"), "Línea de tiempo");
        assert_eq!(m.text("nav-sources"), "Fuentes");
        assert_eq!(
            m.with("events-count", &[("n", Arg::Count(2))]),
            "2 acontecimientos"
        );
        let date = crate::date::EventDate::parse("2025-04~").unwrap();
        assert_eq!(date.display(m.dates()), "hacia abril de 2025");
        assert!(
            m.script_words(super::super::Script::Annals)
                .contains("\"zoomIn\": \"Acercar\"")
        );
    }

    #[test]
    fn a_file_for_another_language_waits_and_the_site_language_file_is_checked() {
        let (m, diags) = site_messages("en", &[file("es.ftl", "nav-timeline = Línea\n")]);
        assert!(diags.is_empty());
        assert_eq!(m.text("nav-timeline"), "Timeline");
        let (m, diags) = site_messages("en", &[file("en.ftl", "nav-timline = Time\n")]);
        let d: Vec<&Diagnostic> = diags.iter().collect();
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].short(),
            "i18n/en.ftl:1:1: error: unknown message `nav-timline`"
        );
        assert_eq!(d[0].hints[0], "did you mean `nav-timeline`?");
        assert_eq!(m.text("nav-timeline"), "Timeline");
        let (_, diags) = site_messages("en", &[file("en.ftl", "nav-timeline = { $\n")]);
        assert_eq!(diags.error_count(), 1);
        let (_, diags) = site_messages("en", &[file("xx.ftl", "a = b\n")]);
        assert_eq!(
            diags.iter().next().unwrap().short(),
            "i18n/xx.ftl:1:1: error: a message file for `xx`, a language annals does not ship"
        );
    }
}
