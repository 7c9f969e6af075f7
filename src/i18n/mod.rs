//! The words of the interface, in the site's language: Project Fluent
//! message files (`src/i18n/LANG.ftl`, compiled in), so that a translation
//! is a file and nothing else, with plural forms chosen by each language's
//! CLDR rules. Templates call them as `{{ t(id="nav-timeline") }}` or with
//! values, `{{ t(id="events-count", n=event_count) }}`; Rust code through
//! [`Messages::text`] and [`Messages::with`]. Dates are not here: the date
//! tables (`crate::date`) write them.

mod script;

pub(crate) use script::{Script, with_words};

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The message files: language code and text.
const FILES: [(&str, &str); 2] = [
    ("en", include_str!("en.ftl")),
    ("es", include_str!("es.ftl")),
];

/// One language's messages.
pub(crate) struct Messages {
    /// The language code, as in site.yaml.
    pub(crate) code: &'static str,
    bundle: FluentBundle<FluentResource>,
    /// The file's syntax tree, which the scripts' tables are made from.
    resource: FluentResource,
}

/// A value a message fills in.
#[derive(Clone, Copy)]
pub(crate) enum Arg<'a> {
    /// A count, which may choose the plural form.
    Count(usize),
    /// Text, as it is.
    Text(&'a str),
}

static LOADED: LazyLock<Vec<(&'static str, Messages)>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(code, text)| (*code, Messages::parse(code, text)))
        .collect()
});

/// The messages of the language `code` (a language annals ships, as
/// `site.yaml` checks), else English.
pub(crate) fn messages(code: &str) -> &'static Messages {
    let loaded = &*LOADED;
    loaded
        .iter()
        .find(|(c, _)| *c == code)
        .or_else(|| loaded.first())
        .map(|(_, m)| m)
        .expect("English is always compiled in")
}

impl Messages {
    fn parse(code: &'static str, text: &'static str) -> Messages {
        // The files are part of annals and checked by its tests: a broken
        // one cannot ship.
        let parsed =
            || FluentResource::try_new(text.to_string()).unwrap_or_else(|(resource, _)| resource);
        let lang = code.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        // No bidi isolation marks around values: pages isolate what needs it.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(parsed());
        Messages {
            code,
            bundle,
            resource: parsed(),
        }
    }

    /// The message `id` with no values.
    pub(crate) fn text(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// The message `id` with `args` filled in. An unknown id gives the id
    /// itself, which the tests catch.
    pub(crate) fn with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Count(n) => fluent_args.set(*name, FluentValue::from(*n)),
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(*s)),
            }
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Every message id of this language.
    #[cfg(test)]
    fn ids(&self) -> std::collections::BTreeSet<String> {
        let text = FILES
            .iter()
            .find(|(code, _)| self.bundle.locales[0].language.as_str() == *code)
            .map_or("", |(_, t)| t);
        text.lines()
            .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
            .filter(|id| !id.starts_with([' ', '#', '*', '[']))
            .map(str::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_and_has_the_messages_of_english() {
        let english = messages("en").ids();
        assert!(english.len() > 40);
        for (code, text) in FILES {
            assert!(
                FluentResource::try_new(text.to_string()).is_ok(),
                "{code}.ftl does not parse"
            );
            let ids = messages(code).ids();
            let missing: Vec<_> = english.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{code}.ftl: missing {missing:?}, unknown {extra:?}"
            );
            for id in &ids {
                // Every value the message names, filled in: nothing is left.
                let head = format!("{id} = ");
                let block: String = text
                    .lines()
                    .skip_while(|l| !l.starts_with(&head))
                    .take_while(|l| l.starts_with(&head) || l.starts_with([' ', '}']))
                    .collect();
                let names: Vec<&str> = block
                    .split('$')
                    .skip(1)
                    .map(|rest| {
                        rest.split(|c: char| !c.is_alphanumeric())
                            .next()
                            .unwrap_or("")
                    })
                    .collect();
                let args: Vec<(&str, Arg<'_>)> = names
                    .iter()
                    .map(|&name| {
                        (
                            name,
                            if name == "n" {
                                Arg::Count(2)
                            } else {
                                Arg::Text("x")
                            },
                        )
                    })
                    .collect();
                let shown = messages(code).with(id, &args);
                assert!(
                    !shown.contains('{') && !shown.is_empty(),
                    "{code}: {id}: {shown}"
                );
            }
        }
    }

    #[test]
    fn every_message_is_used_and_every_use_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut code = String::new();
        for dir in ["src", "templates", "static"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                let p = entry.path();
                let is_code = p
                    .extension()
                    .is_some_and(|e| e == "rs" || e == "html" || e == "js");
                if is_code && !p.ends_with("i18n/mod.rs") {
                    code.push_str(&std::fs::read_to_string(p).unwrap());
                }
            }
        }
        let ids = messages("en").ids();
        // A script's message is used when the script reads its key from
        // the table (`WORDS.zoomIn` for `annals-js-zoom-in`).
        let script_use = |id: &str| {
            [Script::Annals, Script::Search].into_iter().any(|script| {
                let prefix = format!("{}-js-", script.path().trim_end_matches(".js"));
                let source = std::fs::read_to_string(root.join("static").join(script.path()))
                    .unwrap_or_default();
                id.strip_prefix(&prefix)
                    .is_some_and(|rest| source.contains(&format!("WORDS.{}", script::camel(rest))))
            })
        };
        let unused: Vec<&String> = ids
            .iter()
            .filter(|id| !code.contains(&format!("\"{id}\"")) && !script_use(id))
            .collect();
        assert!(unused.is_empty(), "messages no page uses: {unused:?}");
        // Every `t(id="…")` of the templates names a message.
        let used: Vec<&str> = code
            .split("t(id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let unknown: Vec<&&str> = used.iter().filter(|id| !ids.contains(**id)).collect();
        assert!(
            unknown.is_empty(),
            "templates use messages that do not exist: {unknown:?}"
        );
    }

    #[test]
    fn plurals_follow_the_language() {
        let en = messages("en");
        assert_eq!(en.with("events-count", &[("n", Arg::Count(1))]), "1 event");
        assert_eq!(
            en.with("events-count", &[("n", Arg::Count(10000))]),
            "10000 events"
        );
        let es = messages("es");
        assert_eq!(
            es.with("events-count", &[("n", Arg::Count(0))]),
            "0 acontecimientos"
        );
        assert_eq!(messages("xx").text("nav-timeline"), "Timeline");
    }
}
