//! Writing an import: one new YAML file per event, site.yaml when the site
//! has none. Nothing is ever replaced.

use crate::content::yaml::quoted;
use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{Imported, ImportedEra, ImportedEvent, unique_id};

/// The YAML of one imported event (its file name gives its id).
pub fn event_yaml(e: &ImportedEvent) -> String {
    let mut y = format!("title: {}\ndate: {}\n", quoted(&e.title), quoted(&e.date));
    if let Some(end) = &e.end {
        y.push_str(&format!("end: {}\n", quoted(end)));
    }
    if !e.summary.is_empty() {
        y.push_str(&format!("summary: {}\n", quoted(&e.summary)));
    }
    if let Some(b) = &e.body {
        y.push_str(&format!("body: {}\n", quoted(b)));
    }
    if let Some(g) = &e.group {
        y.push_str(&format!("tags: [{}]\n", quoted(g)));
    }
    if let Some(p) = &e.place {
        y.push_str(&format!("places: [{}]\n", quoted(p)));
    }
    if let Some(m) = &e.media {
        y.push_str(&format!("media:\n  url: {}\n", quoted(&m.url)));
        for (key, value) in [
            ("caption", &m.caption),
            ("credit", &m.credit),
            ("alt", &m.alt),
        ] {
            if let Some(v) = value {
                y.push_str(&format!("  {key}: {}\n", quoted(v)));
            }
        }
    }
    y
}

/// The `eras:` block of site.yaml.
pub fn eras_yaml(eras: &[ImportedEra]) -> String {
    let mut y = String::from("eras:\n");
    for era in eras {
        y.push_str(&format!(
            "  - title: {}\n    date: {}\n",
            quoted(&era.title),
            quoted(&format!("{}/{}", era.date, era.end))
        ));
    }
    y
}

/// Creates `path` with `text`, failing if anything is already there (also
/// a file that appears between looking and writing).
fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// The ids the site at `root` already uses (events and event file stems),
/// so that imported events get others.
fn existing_ids(root: &Path) -> HashSet<String> {
    let (files, _) = crate::read::read_site(root);
    let mut ids = HashSet::new();
    for src in &files.events {
        ids.insert(crate::content::fields::stem_id(src.path()));
        let (events, _) = crate::content::event::parse_file(src, chrono_tz::Tz::UTC);
        ids.extend(events.into_iter().map(|e| e.id));
    }
    ids
}

/// What [`write`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files created.
    pub files: Vec<PathBuf>,
    /// What the user still has to do (site.yaml existed: the eras and title
    /// it would have held).
    pub notes: Vec<String>,
    /// Ids of the slides not written because the site already has an
    /// event with that id (an earlier import of the same timeline).
    pub skipped: Vec<String>,
}

/// Writes the imported events into the site at `root`, one new file each
/// in content/events/ (slides whose id the site already has are skipped,
/// so that importing twice changes nothing), and a
/// site.yaml with the title and eras if the site has none. Never replaces
/// a file: when site.yaml exists, the notes say what to add to it.
pub fn write(root: &Path, imported: &Imported) -> Result<Written, String> {
    let dir = root.join("content/events");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Written::default();
    let config = root.join("site.yaml");
    if config.exists() {
        if !imported.eras.is_empty() {
            written.notes.push(format!(
                "{} exists and was left as it is; add the timeline's eras to it:\n{}",
                config.display(),
                eras_yaml(&imported.eras).trim_end()
            ));
        }
        if let Some(t) = &imported.title {
            written.notes.push(format!(
                "{} exists and was left as it is; the title slide (\"{t}\") was not used",
                config.display()
            ));
        }
    } else {
        let mut y = format!(
            "title: {}\n",
            quoted(imported.title.as_deref().unwrap_or("Imported timeline"))
        );
        if let Some(d) = &imported.description {
            y.push_str(&format!("description: {}\n", quoted(d)));
        }
        if !imported.eras.is_empty() {
            y.push_str(&eras_yaml(&imported.eras));
        }
        create_new(&config, &y).map_err(|e| format!("cannot write {}: {e}", config.display()))?;
        written.files.push(config);
    }
    // Importing again adds nothing: a slide whose event the site already
    // has is skipped and reported, never written a second time (the
    // editor may have changed that file since).
    let existing = existing_ids(root);
    let mut taken = HashSet::new();
    for e in &imported.events {
        if existing.contains(&e.id) {
            written.skipped.push(e.id.clone());
            continue;
        }
        let mut e = e.clone();
        if taken.contains(&e.id) {
            e.id = unique_id(&e.id, &e.title, &mut taken);
        } else {
            taken.insert(e.id.clone());
        }
        let path = dir.join(format!("{}.yaml", e.id));
        create_new(&path, &event_yaml(&e))
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        written.files.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_quoting_survives_any_character() {
        let nasty = "a\"b\\c\nd\te\u{7f}\u{85}\u{feff}\u{2028}é — “x”";
        let yaml = format!("v: {}\n", quoted(nasty));
        #[derive(serde::Deserialize)]
        struct V {
            v: String,
        }
        let back: V = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(back.v, nasty);
    }
}
