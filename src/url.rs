//! Where every page lives. A page is a folder with an `index.html`; links
//! between pages are relative, so the site works under any sub-path and
//! opened from disk.

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    /// The timeline.
    Home,
    /// `/events/ID/`
    Event(&'a str),
    /// `/sources/`
    Sources,
    /// `/sources/ID/`
    Source(&'a str),
    /// `/TAXONOMY/`
    Taxonomy(&'a str),
    /// `/TAXONOMY/TERM/`
    Term(&'a str, &'a str),
    /// `/search/`
    Search,
}

impl Page<'_> {
    /// The page's folder relative to the site root, ending in `/` (empty
    /// for the home page).
    pub fn dir(&self) -> String {
        match self {
            Page::Home => String::new(),
            Page::Event(id) => format!("events/{id}/"),
            Page::Sources => "sources/".into(),
            Page::Source(id) => format!("sources/{id}/"),
            Page::Taxonomy(t) => format!("{t}/"),
            Page::Term(t, term) => format!("{t}/{term}/"),
            Page::Search => "search/".into(),
        }
    }

    /// The file written for the page.
    pub fn file(&self) -> String {
        format!("{}index.html", self.dir())
    }

    /// The prefix that leads from this page back to the site root
    /// (`./`, `../`, `../../`).
    pub fn root(&self) -> String {
        let depth = self.dir().matches('/').count();
        if depth == 0 {
            "./".into()
        } else {
            "../".repeat(depth)
        }
    }

    /// Relative link from this page to `to`. Links name the `index.html`
    /// so they also work when the site is opened from disk (`file://`),
    /// where no server maps a folder to its index.
    pub fn link_to(&self, to: &Page<'_>) -> String {
        format!("{}{}index.html", self.root(), to.dir())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative() {
        let e = Page::Event("fto");
        assert_eq!(e.file(), "events/fto/index.html");
        assert_eq!(e.link_to(&Page::Source("a")), "../../sources/a/index.html");
        assert_eq!(Page::Home.link_to(&e), "./events/fto/index.html");
        assert_eq!(e.link_to(&Page::Home), "../../index.html");
        assert_eq!(Page::Taxonomy("tags").root(), "../");
    }
}
