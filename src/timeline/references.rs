//! Ids across files: each id held once, each reference to an id that
//! exists, with the closest ids named when it does not.

use rustc_hash::FxHashMap as HashMap;

use crate::content::event::IdRef;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, did_you_mean};

/// Maps each id to the value its first holder gives, in the order given;
/// every later holder of an id is an error naming the first.
pub(super) fn duplicate_ids<'a>(
    what: &str,
    items: impl Iterator<Item = (&'a str, &'a Location, usize)>,
    diags: &mut Diagnostics,
) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&str, (usize, &Location)> = HashMap::default();
    for (id, loc, value) in items {
        if let Some((_, first)) = seen.get(id) {
            diags.push(
                Diagnostic::error(format!("duplicate {what} id `{id}`"), loc.clone()).with_hint(
                    format!(
                        "`{id}` is already the id of the {what} at {}:{}:{}; give one of them another `id:`",
                        first.file.to_string_lossy().replace('\\', "/"),
                        first.line,
                        first.column
                    ),
                ),
            );
        } else {
            seen.insert(id, (value, loc));
        }
    }
    seen.into_iter().map(|(k, (value, _))| (k, value)).collect()
}

pub(super) fn unknown_id(what: &str, r: &IdRef, known: &HashMap<&str, usize>) -> Diagnostic {
    let mut names: Vec<&str> = known.keys().copied().collect();
    names.sort_unstable();
    let mut d = Diagnostic::error(format!("unknown {what} `{}`", r.id), r.location.clone());
    match did_you_mean(&r.id, names.iter().copied()) {
        Some(h) => d = d.with_hint(h),
        None if names.is_empty() => d = d.with_hint(format!("there are no {what}s yet")),
        None => {
            let list: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
            d = d.with_hint(format!("known {what}s: {}", list.join(", ")));
        }
    }
    d
}
