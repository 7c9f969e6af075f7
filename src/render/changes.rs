//! What each page shows, as a fingerprint, so that `annals serve` renders
//! again only the pages whose fingerprints changed. A fingerprint covers
//! everything its page's template is given: the event or source as read
//! (its file's fingerprint), the cards it lists (each event's own
//! fingerprint with the names of its terms and the titles of its sources),
//! its neighbours, its list page's axis and pager, and the navigation every
//! page shares. The configuration and templates are not covered: when they
//! change, everything is rendered again.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use super::lists::ListPlan;
use super::{NOT_FOUND, Renderer};
use crate::url::Page;

/// A (year, month) group of a list.
type GroupKey = (i64, Option<u8>);

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

impl Renderer<'_> {
    /// The fingerprint of every page the site has, by output path.
    pub(super) fn fingerprints(&self, plans: &[ListPlan<'_>]) -> HashMap<String, u64> {
        let tl = self.timeline;
        // What every page shows: the navigation.
        let shared = hash_of(
            tl.taxonomies
                .iter()
                .map(|t| (t.name, &t.title, t.terms.is_empty()))
                .collect::<Vec<_>>(),
        );
        // What a card of each event shows.
        let cards: Vec<u64> = (0..tl.events.len())
            .into_par_iter()
            .map(|i| {
                let terms: Vec<(&str, &str)> = tl.event_terms[i]
                    .iter()
                    .map(|&(ti, n)| {
                        let term = &tl.taxonomies[ti].terms[n];
                        (term.slug.as_str(), term.name.as_str())
                    })
                    .collect();
                let sources: Vec<(&str, &str)> = tl.citations[i]
                    .iter()
                    .map(|c| {
                        let s = &tl.sources[c.source];
                        (s.id.as_str(), s.title.as_str())
                    })
                    .collect();
                hash_of((tl.events[i].fingerprint, terms, sources))
            })
            .collect();
        let card = |i: Option<usize>| i.map(|i| cards[i]);

        let mut pages: Vec<(String, u64)> = (0..tl.events.len())
            .into_par_iter()
            .map(|i| {
                let citations: Vec<(u64, Option<&str>)> = tl.citations[i]
                    .iter()
                    .map(|c| (tl.sources[c.source].fingerprint, c.anchor.as_deref()))
                    .collect();
                let related: Vec<u64> = tl.related[i].iter().map(|&r| cards[r]).collect();
                let fp = hash_of((
                    shared,
                    cards[i],
                    citations,
                    related,
                    card(i.checked_sub(1)),
                    card((i + 1 < tl.events.len()).then_some(i + 1)),
                ));
                (Page::Event(&tl.events[i].id).file(), fp)
            })
            .collect();
        for (si, s) in tl.sources.iter().enumerate() {
            let citing: Vec<u64> = tl.cited_by[si].iter().map(|&i| cards[i]).collect();
            pages.push((
                Page::Source(&s.id).file(),
                hash_of((shared, s.fingerprint, citing)),
            ));
        }
        let index: Vec<(u64, usize)> = tl
            .sources
            .iter()
            .zip(&tl.cited_by)
            .map(|(s, by)| (s.fingerprint, by.len()))
            .collect();
        pages.push((Page::Sources.file(), hash_of((shared, index))));
        for t in &tl.taxonomies {
            if !t.terms.is_empty() {
                let terms: Vec<(&str, &str, usize)> = t
                    .terms
                    .iter()
                    .map(|term| (term.slug.as_str(), term.name.as_str(), term.events.len()))
                    .collect();
                pages.push((Page::Taxonomy(t.name).file(), hash_of((shared, terms))));
            }
        }
        pages.push((NOT_FOUND.to_string(), shared));
        let cards = &cards;
        let lists: Vec<(String, u64)> = plans
            .par_iter()
            .flat_map_iter(|plan| {
                let axis = plan
                    .axis
                    .as_ref()
                    .map(|a| hash_of(a.svg("./", self.config.lang, &plan.axis_title)));
                let term = plan.term.map(|(ti, n)| &tl.taxonomies[ti].terms[n].name);
                let list = hash_of((shared, axis, term, &plan.labels, plan.events.len()));
                plan.chunks.iter().enumerate().map(move |(k, chunk)| {
                    let runs: Vec<(GroupKey, Vec<u64>)> = chunk
                        .iter()
                        .map(|(g, run)| {
                            (
                                self.groups.keys[*g],
                                run.iter().map(|&i| cards[i]).collect(),
                            )
                        })
                        .collect();
                    (plan.first.list_page(k + 1).file(), hash_of((list, k, runs)))
                })
            })
            .collect();
        pages.extend(lists);
        pages.into_iter().collect()
    }
}
