//! Taxonomy terms: each configured taxonomy's terms, sorted by name, with
//! their events, and each event's terms.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Taxonomy, Term};
use crate::content::config::{Config, TAXONOMY_NAMES};
use crate::content::event::Event;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// The terms of each configured taxonomy, and for each event the terms it
/// names, as (taxonomy, term) indices in the order of the taxonomies and as
/// written. A term is its slug: names that differ only in case, accents or
/// punctuation (`Mexico`, `méxico`) are one term with one page, shown as
/// its earliest event spells it, and each other spelling gets a warning. A
/// name with no slug (no letters or digits) or whose slug Windows reserves
/// (`con`, `nul`) is an error: its page could not exist.
pub(super) fn taxonomies(
    config: &Config,
    events: &[Arc<Event>],
    diags: &mut Diagnostics,
    warnings: &mut Diagnostics,
) -> (Vec<Taxonomy>, Vec<Vec<(usize, usize)>>) {
    let mut event_terms: Vec<Vec<(usize, usize)>> = events
        .iter()
        .map(|e| Vec::with_capacity(e.slugs.iter().map(Vec::len).sum()))
        .collect();
    let mut taxonomies = Vec::with_capacity(config.taxonomies.len());
    for (ti, t) in config.taxonomies.iter().enumerate() {
        let k = TAXONOMY_NAMES
            .iter()
            .position(|n| *n == t.name)
            .expect("configured taxonomies are known");
        let what = t.name.trim_end_matches('s');
        // Terms in order of first appearance, found by the hash of their
        // slug (checked against the slug itself whenever names differ, the
        // only time two slugs could meet by a hash).
        let mut terms: Vec<Term> = Vec::new();
        // For each term: the hash of its first spelling and where that is.
        let mut firsts: Vec<(u64, &Location)> = Vec::new();
        let mut by_key: HashMap<u64, usize> = HashMap::default();
        let mut by_slug: HashMap<&str, usize> = HashMap::default();
        let mut warned: HashSet<(usize, u64)> = HashSet::default();
        for (i, e) in events.iter().enumerate() {
            for (j, key) in e.term_keys[k].iter().enumerate() {
                let (name, slug, loc) = (&e.terms[k][j], &e.slugs[k][j], &e.term_locations[k][j]);
                if key.slug == 0 {
                    diags.push(if slug.is_empty() {
                        Diagnostic::error(
                            format!(
                                "{what} `{name}` has no letters or digits to make its address from"
                            ),
                            loc.clone(),
                        )
                        .with_hint(
                            "spell the term with at least one letter or digit, or remove it",
                        )
                    } else {
                        Diagnostic::error(
                            format!("{what} `{name}` would have the folder `{}/{slug}/`, a device name reserved by Windows", t.name),
                            loc.clone(),
                        )
                        .with_hint(format!("Windows cannot store a folder named `{slug}`: the page would be lost wherever the site is copied, unpacked or served there; spell the term differently, e.g. `{name} (…)`"))
                    });
                    continue;
                }
                let new_term = |terms: &mut Vec<Term>, firsts: &mut Vec<_>| {
                    terms.push(Term {
                        slug: slug.clone(),
                        name: name.clone(),
                        events: Vec::new(),
                    });
                    firsts.push((key.name, loc));
                    terms.len() - 1
                };
                let mut n = *by_key
                    .entry(key.slug)
                    .or_insert_with(|| new_term(&mut terms, &mut firsts));
                if key.name != firsts[n].0 && terms[n].slug != *slug {
                    // Two slugs with one hash: the slug decides.
                    n = *by_slug
                        .entry(slug)
                        .or_insert_with(|| new_term(&mut terms, &mut firsts));
                }
                let term = &mut terms[n];
                if key.name != firsts[n].0 && warned.insert((n, key.name)) {
                    let first_at = firsts[n].1;
                    warnings.push(
                        Diagnostic::error(
                            format!("{what} `{name}` is also written `{}`", term.name),
                            loc.clone(),
                        )
                        .with_hint(format!(
                            "both are the one {what} `{slug}`, shown as `{}` (its spelling at {}:{}:{}, the earliest event); write it the same way everywhere",
                            term.name,
                            first_at.file.to_string_lossy().replace('\\', "/"),
                            first_at.line,
                            first_at.column
                        ))
                        .warning(),
                    );
                }
                if term.events.last() != Some(&i) {
                    term.events.push(i);
                }
                // The term's index for now; made its sorted place below.
                event_terms[i].push((ti, n));
            }
        }
        // Sorted by name as readers look for them; `place[n]` is where the
        // n-th term found ended up.
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by_cached_key(|&n| (terms[n].name.to_lowercase(), terms[n].slug.clone()));
        let mut place = vec![0; terms.len()];
        for (at, &n) in order.iter().enumerate() {
            place[n] = at;
        }
        let mut slots: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
        let terms: Vec<Term> = order
            .iter()
            .map(|&n| slots[n].take().expect("a permutation takes each once"))
            .collect();
        for terms in &mut event_terms {
            for (_, n) in terms.iter_mut().filter(|(t, _)| *t == ti) {
                *n = place[*n];
            }
        }
        taxonomies.push(Taxonomy {
            name: t.name,
            title: t.title.clone(),
            terms,
        });
    }
    (taxonomies, event_terms)
}
