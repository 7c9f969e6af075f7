//! Where every page lives, and every address made to it. A page is a
//! folder with an `index.html`; links between pages are relative, so the
//! site works under any sub-path and opened from disk; feeds, calendars,
//! sitemaps and canonical links use absolute addresses when the site knows
//! its `base_url`.

use crate::content::config::Config;

/// The absolute address of `path` (a folder or file of the site, relative
/// to its root) on a site published at `base` (ending in `/`).
pub(crate) fn absolute(base: &str, path: &str) -> String {
    format!("{base}{path}")
}

/// A page's address for a file in folder `from_dir` (a folder path ending
/// in `/`, or ""): absolute when the site knows where it lives, else
/// relative to that folder.
pub(crate) fn href(config: &Config, from_dir: &str, page: &Page<'_>) -> String {
    match &config.base_url {
        Some(base) => page.absolute(base),
        None => format!(
            "{}{}",
            "../".repeat(from_dir.matches('/').count()),
            page.dir()
        ),
    }
}

/// A stable id for an event in feeds and calendars: its page's address,
/// or a URN made from the site's title when the address is not known.
pub(crate) fn event_iri(config: &Config, id: &str) -> String {
    match &config.base_url {
        Some(base) => Page::Event(id).absolute(base),
        None => format!("urn:annals:{}:event:{id}", slug::slugify(&config.title)),
    }
}

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page<'a> {
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
    /// `/page/N/`: page N (from 2) of the timeline's list; page 1 is
    /// the home page.
    HomeList(usize),
    /// `/TAXONOMY/TERM/page/N/`: page N (from 2) of a term's list.
    TermList(&'a str, &'a str, usize),
    /// `/search/`
    Search,
    /// The home list's compact view for an `<iframe>`.
    Embed,
    /// A term's compact view for an `<iframe>`.
    TermEmbed(&'a str, &'a str),
    /// The timeline one event at a time.
    Story,
    /// The story, made for an `<iframe>`.
    EmbedStory,
}

impl<'a> Page<'a> {
    /// The page's folder relative to the site root, ending in `/` (empty
    /// for the home page).
    pub(crate) fn dir(&self) -> String {
        let mut dir = String::new();
        self.push_dir(&mut dir);
        dir
    }

    /// Appends [`Page::dir`] to `out`.
    fn push_dir(&self, out: &mut String) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = match self {
            Page::Home => Ok(()),
            Page::Event(id) => write!(out, "events/{id}/"),
            Page::Sources => write!(out, "sources/"),
            Page::Source(id) => write!(out, "sources/{id}/"),
            Page::Taxonomy(t) => write!(out, "{t}/"),
            Page::Term(t, term) => write!(out, "{t}/{term}/"),
            Page::HomeList(n) => write!(out, "page/{n}/"),
            Page::TermList(t, term, n) => write!(out, "{t}/{term}/page/{n}/"),
            Page::Search => write!(out, "search/"),
            Page::Embed => write!(out, "embed/"),
            Page::TermEmbed(t, term) => write!(out, "{t}/{term}/embed/"),
            Page::Story => write!(out, "story/"),
            Page::EmbedStory => write!(out, "embed/story/"),
        };
    }

    /// The page's absolute address on a site published at `base`.
    pub(crate) fn absolute(&self, base: &str) -> String {
        absolute(base, &self.dir())
    }

    /// The file written for the page.
    pub(crate) fn file(&self) -> String {
        format!("{}index.html", self.dir())
    }

    /// The prefix that leads from this page back to the site root
    /// (`./`, `../`, `../../`).
    pub(crate) fn root(&self) -> String {
        let mut root = String::new();
        self.push_root(&mut root);
        root
    }

    /// Appends [`Page::root`] to `out`.
    fn push_root(&self, out: &mut String) {
        match self.depth() {
            0 => out.push_str("./"),
            depth => (0..depth).for_each(|_| out.push_str("../")),
        }
    }

    /// How many folders deep the page's file is: the number of `/` in
    /// [`Page::dir`].
    pub(crate) fn depth(&self) -> usize {
        match self {
            Page::Home => 0,
            Page::Sources | Page::Taxonomy(_) | Page::Search | Page::Embed | Page::Story => 1,
            Page::Event(_)
            | Page::Source(_)
            | Page::Term(..)
            | Page::HomeList(_)
            | Page::EmbedStory => 2,
            Page::TermEmbed(..) => 3,
            Page::TermList(..) => 4,
        }
    }

    /// Page `n` (1-based) of the list this page belongs to: the home page
    /// and its later pages, or a term page and its later pages. Other
    /// pages have no list and are returned as they are.
    pub(crate) fn list_page(&self, n: usize) -> Page<'a> {
        match *self {
            Page::Home | Page::HomeList(_) if n <= 1 => Page::Home,
            Page::Home | Page::HomeList(_) => Page::HomeList(n),
            Page::Term(t, term) | Page::TermList(t, term, _) if n <= 1 => Page::Term(t, term),
            Page::Term(t, term) | Page::TermList(t, term, _) => Page::TermList(t, term, n),
            other => other,
        }
    }

    /// What an embed shows: the home page, a term's page or the story;
    /// any other page is itself.
    pub(crate) fn embedded(&self) -> Page<'a> {
        match *self {
            Page::Embed => Page::Home,
            Page::TermEmbed(t, term) => Page::Term(t, term),
            Page::EmbedStory => Page::Story,
            other => other,
        }
    }

    /// The compact view for an `<iframe>` of a list (of its first page),
    /// or of the story; `None` for a page that has none.
    pub(crate) fn embed(&self) -> Option<Page<'a>> {
        match *self {
            Page::Home | Page::HomeList(_) | Page::Embed => Some(Page::Embed),
            Page::Term(t, term) | Page::TermList(t, term, _) | Page::TermEmbed(t, term) => {
                Some(Page::TermEmbed(t, term))
            }
            Page::Story | Page::EmbedStory => Some(Page::EmbedStory),
            _ => None,
        }
    }

    /// Relative link from this page to `to`. Links name the `index.html`
    /// so they also work when the site is opened from disk (`file://`),
    /// where no server maps a folder to its index. One event page links
    /// to another as its sibling folder (the pager and related events on
    /// 100,000 pages).
    pub(crate) fn link_to(&self, to: &Page<'_>) -> String {
        if let (Page::Event(_), Page::Event(id)) = (self, to) {
            return format!("../{id}/index.html");
        }
        let mut link = String::with_capacity(64);
        self.push_root(&mut link);
        to.push_dir(&mut link);
        link.push_str("index.html");
        link
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
        assert_eq!(e.link_to(&Page::Event("b")), "../b/index.html");
        assert_eq!(Page::Taxonomy("tags").root(), "../");
        let p = Page::Home.list_page(3);
        assert_eq!(p.file(), "page/3/index.html");
        assert_eq!(p.link_to(&p.list_page(1)), "../../index.html");
        let t = Page::Term("tags", "mexico").list_page(2);
        assert_eq!(t.file(), "tags/mexico/page/2/index.html");
        assert_eq!(t.link_to(&Page::Home), "../../../../index.html");
    }

    #[test]
    fn depth_counts_the_folders_of_dir() {
        let pages = [
            Page::Home,
            Page::Event("e"),
            Page::Sources,
            Page::Source("s"),
            Page::Taxonomy("tags"),
            Page::Term("tags", "t"),
            Page::HomeList(2),
            Page::TermList("tags", "t", 2),
            Page::Search,
            Page::Embed,
            Page::TermEmbed("tags", "t"),
            Page::Story,
            Page::EmbedStory,
        ];
        for page in pages {
            assert_eq!(page.depth(), page.dir().matches('/').count(), "{page:?}");
            if !matches!(page, Page::Event(_)) {
                assert_eq!(
                    page.link_to(&page),
                    format!("{}{}", page.root(), page.file())
                );
            }
        }
    }
}
