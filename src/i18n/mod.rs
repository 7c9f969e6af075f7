//! The words of the interface, in the site's language: Project Fluent
//! message files (`src/i18n/LANG.ftl`, compiled in), so that a translation
//! is a file and nothing else, with plural forms chosen by each language's
//! CLDR rules. Templates call them as `{{ t(id="nav-timeline") }}` or with
//! values, `{{ t(id="events-count", n=event_count) }}`; Rust code through
//! [`Messages::text`] and [`Messages::with`]. Dates are written by
//! `crate::date` with CLDR's month names and numbers and the wording of
//! the `date-…` messages here ([`Messages::dates`]); counts in messages are
//! written with CLDR's digits and grouping too.

mod script;
mod site;

pub(crate) use script::{Script, with_words};
pub(crate) use site::site_messages;

use std::sync::{Arc, LazyLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::date::{Lang, Numbered, cldr};

/// The message files: language code and text.
const FILES: [(&str, &str); 6] = [
    ("en", include_str!("en.ftl")),
    ("es", include_str!("es.ftl")),
    ("fr", include_str!("fr.ftl")),
    ("de", include_str!("de.ftl")),
    ("pt", include_str!("pt.ftl")),
    ("ar", include_str!("ar.ftl")),
];

/// The codes of the languages annals ships, in the order of their files.
pub(crate) fn codes() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(code, _)| *code)
}

/// How dates read in each language annals ships (for programs outside
/// the crate: the fuzz targets).
pub fn date_languages() -> impl Iterator<Item = &'static crate::date::Lang> {
    codes().map(|code| messages(code).dates())
}

/// One language's messages.
pub(crate) struct Messages {
    /// The language code, as in site.yaml.
    pub(crate) code: &'static str,
    /// Shared with the dates, whose numbered messages it writes.
    bundle: Arc<FluentBundle<FluentResource>>,
    /// The file's syntax tree, which the scripts' tables are made from.
    resource: FluentResource,
    /// How dates read in this language.
    dates: Lang,
}

/// A value a message fills in.
#[derive(Clone, Copy)]
pub(crate) enum Arg<'a> {
    /// A count, which may choose the plural form.
    Count(usize),
    /// Text, as it is.
    Text(&'a str),
    /// A number that may have a fraction ("13.8 billion years ago"), which
    /// may choose the plural form.
    Number(f64),
}

static LOADED: LazyLock<Vec<(&'static str, Messages)>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(code, text)| (*code, Messages::parse(code, text, None)))
        .collect()
});

/// The messages of the language `code`, if annals ships it.
pub(crate) fn language(code: &str) -> Option<&'static Messages> {
    LOADED.iter().find(|(c, _)| *c == code).map(|(_, m)| m)
}

/// The messages of the language `code` (a language annals ships, as
/// `site.yaml` checks), else English.
pub(crate) fn messages(code: &str) -> &'static Messages {
    language(code)
        .or_else(|| LOADED.first().map(|(_, m)| m))
        .expect("English is always compiled in")
}

/// Writes a count (or a number with up to two decimals, "13.8") as CLDR
/// writes numbers in the language at `L` of [`FILES`] (a function per
/// language: Fluent takes a plain function).
fn count_in<const L: usize, M>(value: &FluentValue, _: &M) -> Option<String> {
    let index = cldr::index_of(FILES[L].0);
    match value {
        FluentValue::Number(n) if n.options.minimum_fraction_digits.is_some() => None,
        FluentValue::Number(n) if n.value.fract() == 0.0 => {
            Some(cldr::number_at(index, n.value as i64))
        }
        FluentValue::Number(n) => Some(cldr::decimal_at(index, n.value)),
        _ => None,
    }
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Messages({})", self.code)
    }
}

impl Messages {
    /// The messages of `code` from its built-in file `text`, with a site's
    /// own messages (checked by [`site_messages`]) over them.
    fn parse(code: &'static str, text: &'static str, own: Option<FluentResource>) -> Messages {
        // The files are part of annals and checked by its tests: a broken
        // one cannot ship.
        let parsed =
            || FluentResource::try_new(text.to_string()).unwrap_or_else(|(resource, _)| resource);
        let lang = code.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        // No bidi isolation marks around values: pages isolate what needs it.
        bundle.set_use_isolating(false);
        // NUMBER($n, type: "ordinal"), for "5th century".
        let _ = bundle.add_builtins();
        let counts = [
            count_in::<0, _>,
            count_in::<1, _>,
            count_in::<2, _>,
            count_in::<3, _>,
            count_in::<4, _>,
            count_in::<5, _>,
        ];
        bundle.set_formatter(
            FILES
                .iter()
                .position(|(c, _)| *c == code)
                .map(|i| counts[i]),
        );
        let _ = bundle.add_resource(parsed());
        if let Some(own) = own {
            bundle.add_resource_overriding(own);
        }
        // The date patterns, with their values left as `{name}` for the
        // date module to fill.
        let values = ["day", "month", "year", "season", "date", "years"]
            .map(|name| (name, format!("{{{name}}}")));
        let args: Vec<(&str, Arg<'_>)> = values.iter().map(|(n, v)| (*n, Arg::Text(v))).collect();
        let bundle = Arc::new(bundle);
        let shared = Arc::clone(&bundle);
        let numbered = Numbered(Box::new(move |id, n, values| {
            let mut args: Vec<(&str, Arg<'_>)> = vec![("n", Arg::Number(n))];
            args.extend(values.iter().map(|(name, v)| (*name, Arg::Text(v))));
            format_message(&shared, id, &args)
        }));
        let dates = Lang::new(code, |id| format_message(&bundle, id, &args), numbered);
        Messages {
            code,
            bundle,
            resource: parsed(),
            dates,
        }
    }

    /// How dates read in this language.
    pub(crate) fn dates(&self) -> &Lang {
        &self.dates
    }

    /// The message `id` with no values.
    pub(crate) fn text(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// The message `id` with `args` filled in. An unknown id gives the id
    /// itself, which the tests catch.
    pub(crate) fn with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        format_message(&self.bundle, id, args)
    }

    /// Every message id of this language.
    fn ids(&self) -> std::collections::BTreeSet<String> {
        self.resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }
}

/// The message `id` of `bundle` with `args` filled in; the id itself for
/// an unknown id, which the tests catch.
fn format_message(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: &[(&str, Arg<'_>)],
) -> String {
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Count(n) => fluent_args.set(*name, FluentValue::from(*n)),
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(*s)),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
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
            "10,000 events"
        );
        let es = messages("es");
        assert_eq!(
            es.with("events-count", &[("n", Arg::Count(0))]),
            "0 acontecimientos"
        );
        assert_eq!(messages("xx").text("nav-timeline"), "Timeline");
        // Arabic's six forms, each its own text; counts in CLDR's digits.
        let ar = messages("ar");
        let forms: std::collections::BTreeSet<String> = [0, 1, 2, 3, 11, 100]
            .into_iter()
            .map(|n| ar.with("events-count", &[("n", Arg::Count(n))]))
            .collect();
        assert_eq!(forms.len(), 6, "{forms:?}");
        assert_eq!(
            messages("de").with("events-count", &[("n", Arg::Count(13_798))]),
            "13.798 Ereignisse"
        );
    }

    #[test]
    fn the_message_files_are_the_languages_of_the_dates() {
        assert_eq!(codes().collect::<Vec<_>>(), crate::date::cldr::LANGUAGES);
    }

    #[test]
    fn dates_read_in_every_language() {
        let date = crate::date::EventDate::parse("2025-05-04").unwrap();
        let shown: Vec<String> = codes()
            .map(|code| date.display(messages(code).dates()))
            .collect();
        assert_eq!(
            shown,
            [
                "4 May 2025",
                "4 de mayo de 2025",
                "4 mai 2025",
                "4. Mai 2025",
                "4 de maio de 2025",
                "4 مايو 2025"
            ]
        );
        let deep = crate::date::EventDate::parse("Y-13798000000~").unwrap();
        let about: Vec<String> = codes()
            .map(|code| deep.display(messages(code).dates()))
            .collect();
        assert_eq!(
            about,
            [
                "c. 13.8 billion years ago",
                "hace unos 13,8 mil millones de años",
                "il y a environ 13,8 milliards d'années",
                "vor etwa 13,8 Milliarden Jahren",
                "há cerca de 13,8 bilhões de anos",
                "قبل نحو 13.8 مليار سنة"
            ]
        );
    }
}
