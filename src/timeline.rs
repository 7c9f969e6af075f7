//! The timeline: events in their total order, grouped by year and month,
//! with citations resolved to source paragraphs, related events resolved,
//! and taxonomy terms collected. Every cross-file check lives here.

// Maps keyed by the site's own ids and fingerprints: nothing to defend
// against, and hashed tens of thousands of times per build.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::event::{Event, IdRef};
use crate::markdown::normalize_quote;
use crate::source::Source;

/// A citation checked against its source.
#[derive(Debug, Clone)]
pub struct Citation {
    /// Index into `Timeline::sources`.
    pub source: usize,
    /// The quotation as written in the event.
    pub quote: Option<String>,
    /// Anchor of the paragraph that holds the quotation.
    pub anchor: Option<String>,
}

/// Events of one month (or of a year, for events known only to the year).
#[derive(Debug, Clone)]
pub struct MonthGroup {
    /// 1–12, or `None` for year-precision events.
    pub month: Option<u8>,
    /// Indices into `Timeline::events`, in order.
    pub events: Vec<usize>,
}

/// Events of one year.
#[derive(Debug, Clone)]
pub struct YearGroup {
    /// Astronomical year.
    pub year: i64,
    /// Month groups in order.
    pub months: Vec<MonthGroup>,
}

/// One term of a taxonomy.
#[derive(Debug, Clone)]
pub struct Term {
    /// URL slug.
    pub slug: String,
    /// As written (the spelling of its earliest event).
    pub name: String,
    /// Indices into `Timeline::events`, in order.
    pub events: Vec<usize>,
}

/// One taxonomy with its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// `tags`, `actors` or `places`.
    pub name: &'static str,
    /// Heading.
    pub title: String,
    /// Terms sorted by name.
    pub terms: Vec<Term>,
}

/// The ordered, cross-checked site.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Events in timeline order (shared with `annals serve`'s cache of
    /// parsed files, so a rebuild need not copy them).
    pub events: Vec<Arc<Event>>,
    /// Resolved citations of each event (same index as `events`).
    pub citations: Vec<Arc<[Citation]>>,
    /// Resolved related events of each event.
    pub related: Vec<Vec<usize>>,
    /// Sources in the order of their files.
    pub sources: Vec<Arc<Source>>,
    /// For each source, the events that cite it, in order.
    pub cited_by: Vec<Vec<usize>>,
    /// Year and month groups.
    pub years: Vec<YearGroup>,
    /// Taxonomies configured for the site.
    pub taxonomies: Vec<Taxonomy>,
    /// The terms each event names, as (index into `taxonomies`, index into
    /// its `terms`), in the order of the taxonomies and as written.
    pub event_terms: Vec<Vec<(usize, usize)>>,
}

/// Maps each id to the value its first holder gives, in the order given;
/// every later holder of an id is an error naming the first.
fn duplicate_ids<'a>(
    what: &str,
    items: impl Iterator<Item = (&'a str, &'a crate::diagnostic::Location, usize)>,
    diags: &mut Diagnostics,
) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&str, (usize, &crate::diagnostic::Location)> = HashMap::default();
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

fn unknown_id(what: &str, r: &IdRef, known: &HashMap<&str, usize>) -> Diagnostic {
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

/// The paragraph sharing most words with a quote that was not found, as a
/// hint ("closest paragraph …").
fn closest_paragraph(wanted: &str, source: &Source) -> Option<String> {
    let words: Vec<&str> = wanted.split(' ').collect();
    let (score, p) = source
        .paragraphs
        .iter()
        .map(|p| {
            let have: HashSet<&str> = p.normalized.split(' ').collect();
            (words.iter().filter(|w| have.contains(*w)).count(), p)
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.anchor.cmp(&a.1.anchor)))?;
    if score * 2 < words.len() {
        return None;
    }
    let text: String = p.normalized.chars().take(100).collect();
    let more = if p.normalized.chars().count() > 100 {
        "…"
    } else {
        ""
    };
    Some(format!("closest paragraph ({}): {text}{more}", p.anchor))
}

/// What checking one event's citations against the sources found.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The citations, resolved (shared with the timelines built from them).
    citations: Arc<[Citation]>,
    /// Unknown sources, quotes not found.
    errors: Vec<Diagnostic>,
    /// Short quotes, events after their sources, events citing nothing.
    warnings: Vec<Diagnostic>,
}

/// Checks the citations of `event`: each source exists, each quote is in
/// it. Depends on nothing but the event and the sources, so the result
/// can be kept while neither changes.
fn check_citations(
    event: &Event,
    sources: &[Arc<Source>],
    source_ids: &HashMap<&str, usize>,
    partial: bool,
    tz: chrono_tz::Tz,
) -> Checked {
    let mut checked = Checked::default();
    let mut resolved = Vec::new();
    for c in &event.citations {
        let Some(&si) = source_ids.get(c.source.id.as_str()) else {
            if !partial {
                checked
                    .errors
                    .push(unknown_id("source", &c.source, source_ids));
            }
            continue;
        };
        let source = &sources[si];
        let anchor = match &c.quote {
            None => None,
            Some((quote, loc)) => {
                let wanted = normalize_quote(quote);
                let found = source.find_quote(&wanted);
                match found {
                    Some(p) => {
                        let words = wanted.split(' ').count();
                        if words < 5 {
                            checked.warnings.push(
                                Diagnostic::error(
                                    format!("a quote of {words} word{} is too short to show what the source says", if words == 1 { "" } else { "s" }),
                                    loc.clone(),
                                )
                                .with_hint("quote at least five words, so a reader can find and judge the passage")
                                .warning(),
                            );
                        }
                        Some(p.anchor.clone())
                    }
                    None => {
                        let mut l = loc.clone();
                        l.len = quote.chars().count().min(60);
                        let mut d = Diagnostic::error(
                            format!("quote not found in source `{}`", source.id),
                            l,
                        )
                        .with_hint(format!(
                            "a quote must appear word for word in one paragraph of {} (white space and curly or straight quote marks may differ)",
                            source.location.file.to_string_lossy().replace('\\', "/")
                        ));
                        if let Some(p) = closest_paragraph(&wanted, source) {
                            d = d.with_hint(p);
                        }
                        checked.errors.push(d);
                        None
                    }
                }
            }
        };
        resolved.push(Citation {
            source: si,
            quote: c.quote.as_ref().map(|(q, _)| q.clone()),
            anchor,
        });
    }
    // A source reports what happened before it was published.
    let zone = event.zone.unwrap_or(tz);
    checked.citations = resolved.into();
    let resolved = &checked.citations;
    let published: Vec<(i64, i64)> = resolved
        .iter()
        .filter_map(|c: &Citation| sources[c.source].published.as_ref())
        .map(|p| p.span(zone))
        .collect();
    let start = event.span.0;
    if !published.is_empty()
        && published.len() == resolved.len()
        && published
            .iter()
            .all(|&(from, to)| start > from && start >= to)
    {
        checked.warnings.push(
            Diagnostic::error(
                format!("event `{}` starts after every source it cites was published", event.id),
                event.date_location.clone(),
            )
            .with_hint("a source can only report what happened before it was published: check the date, or cite a later source")
            .warning(),
        );
    }
    if event.citations.is_empty() {
        checked.warnings.push(
            Diagnostic::error(
                format!("event `{}` cites no source", event.id),
                event.location.clone(),
            )
            .with_hint("add `sources:` with the source and the words it quotes")
            .warning(),
        );
    }
    checked
}

/// Orders the events and checks every reference between files. All
/// problems are returned together. `partial` says that some files failed
/// to load: references to unknown ids are then not reported, since they
/// may name what failed.
pub fn build(
    config: &Config,
    events: Vec<Arc<Event>>,
    sources: Vec<Arc<Source>>,
    partial: bool,
) -> Result<(Arc<Timeline>, Diagnostics), Diagnostics> {
    build_cached(
        config,
        events,
        sources,
        partial,
        &mut TimelineCache::default(),
    )
}

/// What one build of the timeline can hand to the next: the checked
/// citations of each event, valid while no source changes, and the last
/// timeline built without errors, which an edit that moves no event and
/// changes no term or reference only has to patch.
#[derive(Debug, Default)]
pub struct TimelineCache {
    /// The sources (and `partial`) the checks were made against.
    sources_key: u64,
    /// Checks by event fingerprint.
    checked: HashMap<u64, Arc<Checked>>,
    /// The last timeline built without errors.
    last: Option<Last>,
}

/// A timeline and what it was built from.
#[derive(Debug)]
struct Last {
    timeline: Arc<Timeline>,
    /// The events as given, in file order.
    files: Vec<Arc<Event>>,
    /// For each event in file order, where it stands on the timeline.
    by_file: Vec<usize>,
    /// The check of each event's citations, in timeline order.
    checked: Vec<Arc<Checked>>,
    /// The warnings that are not about one event's citations: term
    /// spellings, sources no event cites.
    other_warnings: Vec<Diagnostic>,
}

/// Whether `new` can take the place of `old` on the timeline without
/// moving, and without changing any term, related event or cited source:
/// the same id, dates, importance, terms (and where they are written, for
/// the spelling warnings) and related ids. Its citations are compared
/// once checked.
fn same_place(old: &Event, new: &Event) -> bool {
    old.id == new.id
        && old.span == new.span
        && old.importance == new.importance
        && old.terms == new.terms
        && old.slugs == new.slugs
        && old.term_locations == new.term_locations
        && old.related.len() == new.related.len()
        && old
            .related
            .iter()
            .zip(&new.related)
            .all(|(a, b)| a.id == b.id)
        && old.date.to_string() == new.date.to_string()
}

/// The sources each citation resolves to, in order.
fn cited_sources(citations: &[Citation]) -> impl Iterator<Item = usize> + '_ {
    citations.iter().map(|c| c.source)
}

/// What [`patch`] makes.
struct Patched {
    timeline: Timeline,
    /// The check of each event's citations, in timeline order.
    checked: Vec<Arc<Checked>>,
    warnings: Diagnostics,
    /// The events that changed, by their index in file order.
    changed: Vec<usize>,
}

/// The timeline of `last` with the events that changed since put in their
/// places, when every one of them can be (see [`same_place`]), the
/// sources are the same and no check fails: a typo fixed in one event of
/// a large site costs its own check, not a new timeline. `None` when the
/// timeline has to be built anew.
fn patch(
    last: &Last,
    events: &[Arc<Event>],
    sources: &[Arc<Source>],
    config: &Config,
    cache: &HashMap<u64, Arc<Checked>>,
) -> Option<Patched> {
    /// More changed events than this are checked in parallel by a full build.
    const MAX_CHANGED: usize = 64;
    let tl = &last.timeline;
    if events.len() != last.files.len()
        || sources.len() != tl.sources.len()
        || !sources
            .iter()
            .zip(&tl.sources)
            .all(|(a, b)| Arc::ptr_eq(a, b))
    {
        return None;
    }
    let mut changed = Vec::new();
    for (k, (new, old)) in events.iter().zip(&last.files).enumerate() {
        if !Arc::ptr_eq(new, old) {
            if changed.len() == MAX_CHANGED || !same_place(old, new) {
                return None;
            }
            changed.push(k);
        }
    }
    let source_ids: HashMap<&str, usize> = tl
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut timeline = Timeline::clone(tl);
    let mut checked = last.checked.clone();
    for &k in &changed {
        let (event, at) = (&events[k], last.by_file[k]);
        let check = match cache.get(&event.fingerprint) {
            Some(c) if event.fingerprint != 0 => Arc::clone(c),
            _ => Arc::new(check_citations(
                event,
                sources,
                &source_ids,
                false,
                config.timezone,
            )),
        };
        if !check.errors.is_empty()
            || !cited_sources(&check.citations).eq(cited_sources(&timeline.citations[at]))
        {
            return None;
        }
        timeline.events[at] = Arc::clone(event);
        timeline.citations[at] = Arc::clone(&check.citations);
        checked[at] = check;
    }
    let mut warnings = Diagnostics::from(last.other_warnings.clone());
    for c in &checked {
        c.warnings.iter().for_each(|d| warnings.push(d.clone()));
    }
    Some(Patched {
        timeline,
        checked,
        warnings,
        changed,
    })
}

/// [`build`], reusing and updating `cache`. `events` and `sources` are in
/// the order of their files (as [`crate::load`] lists them) and, within a
/// file, as written.
pub fn build_cached(
    config: &Config,
    events: Vec<Arc<Event>>,
    sources: Vec<Arc<Source>>,
    partial: bool,
    cache: &mut TimelineCache,
) -> Result<(Arc<Timeline>, Diagnostics), Diagnostics> {
    if let Some(last) = cache.last.as_mut().filter(|_| !partial)
        && let Some(Patched {
            timeline,
            checked,
            warnings,
            changed,
        }) = patch(last, &events, &sources, config, &cache.checked)
    {
        for &k in &changed {
            let (old, new) = (&last.files[k], &events[k]);
            cache.checked.remove(&old.fingerprint);
            if new.fingerprint != 0 {
                cache
                    .checked
                    .insert(new.fingerprint, Arc::clone(&checked[last.by_file[k]]));
            }
        }
        let timeline = Arc::new(timeline);
        last.timeline = Arc::clone(&timeline);
        last.files = events;
        last.checked = checked;
        return Ok((timeline, warnings));
    }
    cache.last = None;
    let mut diags = Diagnostics::default();
    let mut warnings = Diagnostics::default();
    // Warnings that are not about one event's citations.
    let mut other = Diagnostics::default();
    let tz = config.timezone;

    // Events and sources come in file order (loading sorts the paths, so
    // duplicates are reported against the same "first" whatever order the
    // file system listed them in). Checked in debug builds only: comparing
    // 10,000 paths component by component costs more than the rest of an
    // incremental rebuild's timeline.
    debug_assert!(sources.is_sorted_by(|a, b| a.location <= b.location));
    debug_assert!(events.is_sorted_by(|a, b| a.location <= b.location));
    // DESIGN.md's order: span start, longer span first, importance (higher
    // first), id; then the written date and the file, so that it is total.
    // Sorted by plain integer keys first (the file order last), then the
    // rare runs of events with one span and importance by id.
    use std::cmp::Reverse;
    let mut keyed: Vec<(i64, Reverse<i64>, Reverse<u8>, usize)> = events
        .iter()
        .enumerate()
        .map(|(k, e)| (e.span.0, Reverse(e.span.1), Reverse(e.importance), k))
        .collect();
    keyed.sort_unstable();
    let mut order: Vec<usize> = keyed.iter().map(|key| key.3).collect();
    let mut at = 0;
    while at < keyed.len() {
        let same = keyed[at..]
            .iter()
            .take_while(|key| key.0 == keyed[at].0 && key.1 == keyed[at].1 && key.2 == keyed[at].2)
            .count();
        if same > 1 {
            order[at..at + same].sort_by(|&a, &b| {
                let (ea, eb) = (&events[a], &events[b]);
                ea.id
                    .cmp(&eb.id)
                    // Only events with one id and one span get this far.
                    .then_with(|| ea.date.to_string().cmp(&eb.date.to_string()))
                    .then(a.cmp(&b))
            });
        }
        at += same;
    }
    // by_file[k]: where the k-th event in file order now stands.
    let mut by_file = vec![0; events.len()];
    for (pos, &k) in order.iter().enumerate() {
        by_file[k] = pos;
    }
    let mut slots: Vec<Option<Arc<Event>>> = events.into_iter().map(Some).collect();
    let events: Vec<Arc<Event>> = order
        .iter()
        .map(|&k| slots[k].take().expect("a permutation takes each once"))
        .collect();

    let source_ids = duplicate_ids(
        "source",
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), &s.location, i)),
        &mut diags,
    );
    // In file order, each id to where its event now stands.
    let event_ids = duplicate_ids(
        "event",
        by_file
            .iter()
            .map(|&i| (events[i].id.as_str(), &events[i].location, i)),
        &mut diags,
    );

    let mut citations = Vec::with_capacity(events.len());
    let mut related = Vec::with_capacity(events.len());
    // Each event's citations are checked on their own, in parallel, or
    // taken from the cache when neither the event nor any source changed.
    let sources_key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            partial,
            sources.iter().map(|s| s.fingerprint).collect::<Vec<_>>(),
        )
            .hash(&mut h);
        h.finish()
    };
    if cache.sources_key != sources_key {
        cache.sources_key = sources_key;
        cache.checked.clear();
    }
    let kept = std::mem::take(&mut cache.checked);
    let checked: Vec<Arc<Checked>> = events
        .par_iter()
        .map(|event| match kept.get(&event.fingerprint) {
            Some(c) if event.fingerprint != 0 => Arc::clone(c),
            _ => Arc::new(check_citations(event, &sources, &source_ids, partial, tz)),
        })
        .collect();
    cache.checked = events
        .iter()
        .zip(&checked)
        .filter(|(e, _)| e.fingerprint != 0)
        .map(|(e, c)| (e.fingerprint, Arc::clone(c)))
        .collect();
    for (event, checked) in events.iter().zip(&checked) {
        checked.errors.iter().for_each(|d| diags.push(d.clone()));
        checked
            .warnings
            .iter()
            .for_each(|d| warnings.push(d.clone()));
        citations.push(Arc::clone(&checked.citations));
        let mut rel = Vec::new();
        for r in &event.related {
            match event_ids.get(r.id.as_str()) {
                Some(&i) => rel.push(i),
                None if partial => {}
                None => diags.push(unknown_id("event", r, &event_ids)),
            }
        }
        related.push(rel);
    }
    let (taxonomies, event_terms) = taxonomies(config, &events, &mut diags, &mut other);
    if diags.has_errors() {
        diags.extend(warnings);
        diags.extend(other);
        return Err(diags);
    }

    let mut cited_by = vec![Vec::new(); sources.len()];
    for (ei, cs) in citations.iter().enumerate() {
        for c in cs.iter() {
            if cited_by[c.source].last() != Some(&ei) {
                cited_by[c.source].push(ei);
            }
        }
    }

    for (s, by) in sources.iter().zip(&cited_by) {
        // When files failed to load, the citing event may be among them.
        if by.is_empty() && !partial {
            other.push(
                Diagnostic::error(
                    format!("source `{}` is cited by no event", s.id),
                    s.location.clone(),
                )
                .with_hint(
                    "cite it from an event with `sources: [{source: ID, quote: …}]`, or remove it",
                )
                .warning(),
            );
        }
    }

    let mut years: Vec<YearGroup> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let (year, month) = e.date.year_month();
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearGroup {
                year,
                months: Vec::new(),
            });
        }
        let y = years.last_mut().expect("pushed above");
        match y.months.iter_mut().find(|m| m.month == month) {
            Some(m) => m.events.push(i),
            None => y.months.push(MonthGroup {
                month,
                events: vec![i],
            }),
        }
    }
    for y in &mut years {
        y.months.sort_by_key(|m| m.month);
    }

    let timeline = Arc::new(Timeline {
        events,
        citations,
        related,
        sources,
        cited_by,
        years,
        taxonomies,
        event_terms,
    });
    if !partial {
        cache.last = Some(Last {
            timeline: Arc::clone(&timeline),
            files: by_file
                .iter()
                .map(|&i| Arc::clone(&timeline.events[i]))
                .collect(),
            by_file,
            checked,
            other_warnings: other.iter().cloned().collect(),
        });
    }
    warnings.extend(other);
    Ok((timeline, warnings))
}

/// The terms of each configured taxonomy, and for each event the terms it
/// names, as (taxonomy, term) indices in the order of the taxonomies and as
/// written. A term is its slug: names that differ only in case, accents or
/// punctuation (`Mexico`, `méxico`) are one term with one page, shown as
/// its earliest event spells it, and each other spelling gets a warning. A
/// name with no slug (no letters or digits) or whose slug Windows reserves
/// (`con`, `nul`) is an error: its page could not exist.
fn taxonomies(
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
        let k = crate::config::TAXONOMY_NAMES
            .iter()
            .position(|n| *n == t.name)
            .expect("configured taxonomies are known");
        let what = t.name.trim_end_matches('s');
        // Terms in order of first appearance, found by the hash of their
        // slug (checked against the slug itself whenever names differ, the
        // only time two slugs could meet by a hash).
        let mut terms: Vec<Term> = Vec::new();
        // For each term: the hash of its first spelling and where that is.
        let mut firsts: Vec<(u64, &crate::diagnostic::Location)> = Vec::new();
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
