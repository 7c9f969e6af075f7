//! The words of the browser scripts (`static/annals.js`, `static/search.js`)
//! from the same message files as the pages: each script holds one `WORDS`
//! table, and the build writes the site language's table in its place. The
//! messages of a script are those whose id begins with its prefix
//! (`annals-js-`, `search-js-`); the rest of the id, in camel case, is the
//! table's key (`annals-js-zoom-in` → `zoomIn`). A message with plural
//! variants becomes an object of its forms, keyed by CLDR category (or
//! exact number), which the script picks with `Intl.PluralRules`; `{ $x }`
//! becomes `{x}`, which the script fills in.

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement, VariantKey};

use super::Messages;

/// A script whose words the build writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    /// `annals.js`, on every page.
    Annals,
    /// `search.js`, on the search page.
    Search,
}

impl Script {
    /// The output path of the script.
    pub(crate) fn path(self) -> &'static str {
        match self {
            Script::Annals => "annals.js",
            Script::Search => "search.js",
        }
    }

    /// The prefix of its messages' ids.
    fn prefix(self) -> &'static str {
        match self {
            Script::Annals => "annals-js-",
            Script::Search => "search-js-",
        }
    }

    /// The script for an output path, if the build writes its words.
    pub(crate) fn of_path(path: &str) -> Option<Script> {
        [Script::Annals, Script::Search]
            .into_iter()
            .find(|s| s.path() == path)
    }
}

/// `zoom-in` → `zoomIn`.
pub(super) fn camel(id: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in id.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A pattern's text with each `{ $x }` written `{x}`; `None` when it
/// holds what a script cannot fill in (a select, a term, a function).
fn flat(pattern: &Pattern<&str>) -> Option<String> {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(inline),
            } => match inline {
                InlineExpression::VariableReference { id } => {
                    out.push('{');
                    out.push_str(id.name);
                    out.push('}');
                }
                InlineExpression::StringLiteral { value } => out.push_str(value),
                _ => return None,
            },
            PatternElement::Placeable { .. } => return None,
        }
    }
    Some(out)
}

/// A message as the script holds it: a JSON string, or an object of plural
/// forms when the pattern has one select (text around it is kept in every
/// form).
fn script_value(pattern: &Pattern<&str>) -> serde_json::Value {
    let select = pattern.elements.iter().position(|e| {
        matches!(
            e,
            PatternElement::Placeable {
                expression: Expression::Select { .. }
            }
        )
    });
    let Some(at) = select else {
        return serde_json::Value::String(flat(pattern).unwrap_or_default());
    };
    let PatternElement::Placeable {
        expression: Expression::Select { variants, .. },
    } = &pattern.elements[at]
    else {
        return serde_json::Value::Null;
    };
    let before = Pattern {
        elements: pattern.elements[..at].to_vec(),
    };
    let after = Pattern {
        elements: pattern.elements[at + 1..].to_vec(),
    };
    let (before, after) = (flat(&before), flat(&after));
    let mut forms = serde_json::Map::new();
    for variant in variants {
        let key = match variant.key {
            VariantKey::Identifier { name } => name,
            VariantKey::NumberLiteral { value } => value,
        };
        let text = [before.clone(), flat(&variant.value), after.clone()]
            .into_iter()
            .collect::<Option<String>>()
            .unwrap_or_default();
        // The default variant is also `other`, which a script falls back to.
        if variant.default && key != "other" {
            forms.insert("other".into(), text.clone().into());
        }
        forms.insert(key.to_string(), text.into());
    }
    serde_json::Value::Object(forms)
}

impl Messages {
    /// The `WORDS` table of `script` in this language, as the script
    /// writes it: one entry a line, `lang` first, then the messages in the
    /// order of the file.
    pub(crate) fn script_words(&self, script: Script) -> String {
        let mut out = String::from("{\n");
        let mut line = |key: &str, value: &serde_json::Value| {
            out.push_str(&format!("    {}: {value},\n", serde_json::json!(key)));
        };
        line("lang", &serde_json::json!(self.code));
        for (id, pattern) in self.script_messages(script) {
            line(&camel(&id[script.prefix().len()..]), &script_value(pattern));
        }
        out.push_str("  }");
        out
    }

    /// The messages of `script`, in the order of the file.
    /// The messages of `script`, in the order of the built-in file, each
    /// as the bundle holds it (a site's own wording over the built-in).
    fn script_messages(&self, script: Script) -> Vec<(&str, &Pattern<&str>)> {
        self.resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                _ => None,
            })
            .filter(|id| id.starts_with(script.prefix()))
            .filter_map(|id| Some((id, self.bundle.get_message(id)?.value()?)))
            .collect()
    }
}

/// `source` (a script's text) with its `WORDS` table replaced by `words`;
/// unchanged when it has none (a site's own script).
pub(crate) fn with_words(source: &str, words: &str) -> String {
    const START: &str = "const WORDS = ";
    let Some(start) = source.find(START) else {
        return source.to_string();
    };
    let table = start + START.len();
    let Some(len) = source[table..].find("\n  };") else {
        return source.to_string();
    };
    format!(
        "{}{words}{}",
        &source[..table],
        &source[table + len + "\n  }".len()..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::messages;

    /// The English table the build writes is the one in the script, so the
    /// scripts read as they run and Node's tests see what browsers see.
    #[test]
    fn the_scripts_hold_the_english_tables_the_build_writes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for script in [Script::Annals, Script::Search] {
            let source = std::fs::read_to_string(root.join("static").join(script.path())).unwrap();
            let words = messages("en").script_words(script);
            assert_eq!(with_words(&source, &words), source, "{}", script.path());
            assert!(source.contains(&format!("const WORDS = {words};")));
        }
    }

    #[test]
    fn plural_messages_become_forms_and_values_braces() {
        let ar = messages("ar").script_words(Script::Annals);
        for category in ["zero", "one", "two", "few", "many", "other"] {
            assert!(
                ar.contains(&format!("\"{category}\":")),
                "{category} in {ar}"
            );
        }
        let en = messages("en").script_words(Script::Annals);
        assert!(en.contains(r#""total": {"one":"{total} event","other":"{total} events"},"#));
        let es = messages("es").script_words(Script::Search);
        assert!(es.contains("\"lang\": \"es\""), "{es}");
        assert!(es.contains("{query}") && !es.contains('$'), "{es}");
    }

    #[test]
    fn a_table_is_replaced_whole() {
        let js = "(() => {\n  const WORDS = {\n    a: 'x',\n  };\n  f(WORDS);\n})();\n";
        assert_eq!(
            with_words(js, "{\n    \"a\": \"y\",\n  }"),
            "(() => {\n  const WORDS = {\n    \"a\": \"y\",\n  };\n  f(WORDS);\n})();\n"
        );
        assert_eq!(with_words("no table", "{}"), "no table");
    }
}
