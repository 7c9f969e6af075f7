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
        let mut found = Collector::new(t.name);
        for (i, e) in events.iter().enumerate() {
            for j in 0..e.term_keys[k].len() {
                if let Some(n) = found.add(e, k, j, i, diags, warnings) {
                    // The term's index for now; made its sorted place below.
                    event_terms[i].push((ti, n));
                }
            }
        }
        let (terms, place) = sorted_by_name(found.terms);
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

/// The terms of one taxonomy in order of first appearance, found by the
/// hash of their slug (checked against the slug itself whenever names
/// differ, the only time two slugs could meet by a hash).
struct Collector<'e> {
    /// `tags`, `actors` or `places`.
    taxonomy: &'static str,
    terms: Vec<Term>,
    /// For each term: the hash of its first spelling and where that is.
    firsts: Vec<(u64, &'e Location)>,
    by_key: HashMap<u64, usize>,
    by_slug: HashMap<&'e str, usize>,
    /// Spellings already warned about, by term.
    warned: HashSet<(usize, u64)>,
}

impl<'e> Collector<'e> {
    fn new(taxonomy: &'static str) -> Collector<'e> {
        Collector {
            taxonomy,
            terms: Vec::new(),
            firsts: Vec::new(),
            by_key: HashMap::default(),
            by_slug: HashMap::default(),
            warned: HashSet::default(),
        }
    }

    /// Takes the `j`-th term that event `i` (`e`) names in taxonomy `k`:
    /// the index of its term, or `None` (and an error) when it can have no
    /// page.
    fn add(
        &mut self,
        e: &'e Event,
        k: usize,
        j: usize,
        i: usize,
        diags: &mut Diagnostics,
        warnings: &mut Diagnostics,
    ) -> Option<usize> {
        let key = e.term_keys[k][j];
        let (name, slug, loc) = (&e.terms[k][j], &e.slugs[k][j], &e.term_locations[k][j]);
        let what = self.taxonomy.trim_end_matches('s');
        if key.slug == 0 {
            diags.push(no_folder(what, self.taxonomy, name, slug, loc));
            return None;
        }
        let mut n = match self.by_key.get(&key.slug) {
            Some(&n) => n,
            None => {
                let n = self.new_term(name, slug, key.name, loc);
                self.by_key.insert(key.slug, n);
                n
            }
        };
        if key.name != self.firsts[n].0 && self.terms[n].slug != *slug {
            // Two slugs with one hash: the slug decides.
            n = match self.by_slug.get(slug.as_str()) {
                Some(&n) => n,
                None => {
                    let n = self.new_term(name, slug, key.name, loc);
                    self.by_slug.insert(slug, n);
                    n
                }
            };
        }
        if key.name != self.firsts[n].0 && self.warned.insert((n, key.name)) {
            let (term, first_at) = (&self.terms[n], self.firsts[n].1);
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
        let term = &mut self.terms[n];
        if term.events.last() != Some(&i) {
            term.events.push(i);
        }
        Some(n)
    }

    fn new_term(&mut self, name: &str, slug: &str, name_key: u64, loc: &'e Location) -> usize {
        self.terms.push(Term {
            slug: slug.to_string(),
            name: name.to_string(),
            events: Vec::new(),
        });
        self.firsts.push((name_key, loc));
        self.terms.len() - 1
    }
}

/// The error for a term that can have no folder: no letters or digits, or
/// a device name Windows reserves.
fn no_folder(what: &str, taxonomy: &str, name: &str, slug: &str, loc: &Location) -> Diagnostic {
    if slug.is_empty() {
        Diagnostic::error(
            format!("{what} `{name}` has no letters or digits to make its address from"),
            loc.clone(),
        )
        .with_hint("spell the term with at least one letter or digit, or remove it")
    } else {
        Diagnostic::error(
            format!("{what} `{name}` would have the folder `{taxonomy}/{slug}/`, a device name reserved by Windows"),
            loc.clone(),
        )
        .with_hint(format!("Windows cannot store a folder named `{slug}`: the page would be lost wherever the site is copied, unpacked or served there; spell the term differently, e.g. `{name} (…)`"))
    }
}

/// The terms sorted by name as readers look for them, and `place[n]`:
/// where the n-th term found ended up.
fn sorted_by_name(terms: Vec<Term>) -> (Vec<Term>, Vec<usize>) {
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by_cached_key(|&n| (terms[n].name.to_lowercase(), terms[n].slug.clone()));
    let mut place = vec![0; terms.len()];
    for (at, &n) in order.iter().enumerate() {
        place[n] = at;
    }
    let mut slots: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
    let terms = order
        .iter()
        .map(|&n| slots[n].take().expect("a permutation takes each once"))
        .collect();
    (terms, place)
}
