# annals' interface words in English. A translation is a copy of this file
# with every message translated (src/i18n/LANG.ftl); `{ $name }` are the
# values a page fills in. Month names and numbers come from CLDR; the
# date-… messages are annals' own wording around them. A site may replace
# any message from its own i18n/LANG.ftl.

## The language's writing direction: ltr (left to right) or rtl.
text-direction = ltr

## A site in several languages: each language's name in itself, the switcher, and the notice on a page shown untranslated.
language-name = English
languages-label = Languages
untranslated-notice = This page is not translated yet: it is shown in the site's first language.

## Every page
skip-to-content = Skip to content
nav-sections = Sections
nav-timeline = Timeline
nav-sources = Sources
search-label = Search events and sources
search-placeholder = Search
search-button = Search
footer-built = built with annals from sourced, dated records.
footer-follow = Follow:
footer-feed = Atom feed
footer-calendar = calendar
footer-timelinejs = TimelineJS data
footer-data = all data (JSON)

## Lists: the home page and each term's page
events-count = { $n ->
    [one] { $n } event
   *[other] { $n } events
}
page-of = page { $current } of { $total }: { $range }
pager-label = Pages of the list
pager-label-top = Pages of the list, above it
pager-range = Page { $current } of { $total }: { $range }
list-title-page = { $title } — { $range } (page { $current } of { $total })
term-feed = feed
term-calendar = calendar
axis-title = Timeline of { $name }
axis-caption = Each mark is an event, placed in proportion to time; bars are spans, a fading bar is still going on.
axis-caption-clustered = Each column counts the events that begin in its stretch of time and leads to them in the list; the most important events are drawn one by one above, spans as bars.
axis-column-one = 1 event: { $from }
axis-column-day = { $n } events: { $from }
axis-column = { $n } events, { $from } to { $to }
overview-title = Where this page lies in the whole timeline
overview-column = { $n ->
    [one] 1 event, { $from }, on page { $page }
   *[other] { $n } events from { $from }, on page { $page }
}

## Events
ongoing = Ongoing
draft = Draft
sources-say = What the sources say
read-in-context = Read in context
filed-under = Filed under
related-events = Related events
previous-next = Previous and next events
previous = Previous
next = Next

## A quotation's translation, given by the editor: shown beside the original.
quote-translation = Translation (by the editors, not in the source):

## Sources
source-kicker = Source
source-by = By { $author }
read-original = Read the original article
citing-events = Events citing this source
quoted-in = Quoted in
source-description = Source: { $title }
sources-title = Sources
sources-page-title = Sources — { $site }
sources-description = The sources cited by { $site }
sources-lede = Every event on this timeline cites its source; these are the articles and documents cited.
cited-by = { $n ->
    [one] cited by { $n } event
   *[other] cited by { $n } events
}

## Taxonomies: the default headings
taxonomy-tags = Topics
taxonomy-actors = People and organisations
taxonomy-places = Places

## Search
search-title = Search
search-page-title = Search — { $site }
search-description = Search the events and sources of { $site }
search-nojs = Search needs JavaScript, which is turned off in this browser. Every event is on the
search-nojs-timeline = timeline
search-nojs-indexes = , and the indexes list them by subject:
search-more = Show more results

## The page for a missing address
not-found-title = Page not found
not-found-page-title = Page not found — { $site }
not-found-before = There is no page at this address. The
not-found-link = timeline
not-found-after = lists every event.

## Embedding in an article, and the story
embed-this = Embed this timeline
embed-help = Paste this into your article's HTML. The frame grows to fit what it shows; where scripts are not allowed it stays { $height } pixels tall.
embed-options = Options, added to the address in the snippet: ?start=ID opens at an event, ?tags=ID (or actors, places) shows one term's events, ?theme=light or ?theme=dark, ?height=500 for a fixed height.
embed-copy = Copy the snippet
embed-copied = Copied
embed-frame-title = { $name }: timeline
embed-full = Open the full timeline
embed-earlier = Earlier events
embed-later = Later events
story-link = Read it as a story
story-title = { $site }: the story
story-heading = The story
story-start = Start
story-position = { $current } of { $total }
story-slides = Slides
story-axis = Where this event is on the timeline
shown-most-important = The { $shown } most important of { $total } events
nearby = Where this event sits among its neighbours
media-image = Image
media-video = Video
media-audio = Audio
media-map = Map
media-link = Link
axis-break = No events from { $from } to { $to }: this stretch is cut out of the axis
axis-caption-broken = A double slash cuts out a long stretch with no events; each stretch of events has its own scale and ticks.

## Dates: annals' own wording around CLDR's month names and numbers.
## { $day }, { $month } and { $year } are written by CLDR's rules.
date-day-month-year = { $day } { $month } { $year }
date-day-month = { $day } { $month }
date-month-year = { $month } { $year }
date-season-year = { $season } { $year }
date-decade = the { $year }s
date-since = since { $date }
date-unknown-end = { $date } – unknown
date-approximate = c. { $date }
date-uncertain = { $date } (uncertain)
date-bc = { $year } BC
date-across-year = Across { $year }
## A century of unspecified digits (19XX, -04XX): { $n } is its number,
## { $roman } the same in Roman numerals, for languages that write them.
date-century = { NUMBER($n, type: "ordinal") ->
    [one] { $n }st
    [two] { $n }nd
    [few] { $n }rd
   *[other] { $n }th
} century
date-century-bc = { NUMBER($n, type: "ordinal") ->
    [one] { $n }st
    [two] { $n }nd
    [few] { $n }rd
   *[other] { $n }th
} century BC
## Deep time (before 10,000 BC), counted back from the present, { $n }
## rounded to three significant digits: 12,000 / 65 / 13.8.
date-years = { $n ->
    [one] { $n } year
   *[other] { $n } years
}
date-million-years = { $n } million years
date-billion-years = { $n } billion years
## { $years } is one of the three above.
date-ago = { $years } ago
date-approximate-ago = c. { $years } ago
date-spring = spring
date-summer = summer
date-autumn = autumn
date-winter = winter

## annals.js, the pages' script: the list filter and the axis's controls.
## `{ $x }` is filled in by the script; plural variants are chosen by it.
annals-js-filter-form = Filter the events
annals-js-filter-label = Filter
annals-js-filter-placeholder = Title, summary or terms
# On a term's list, whose cards show no summary.
annals-js-filter-placeholder-titles = Title or terms
annals-js-tags-label = Topic
annals-js-tags-all = All topics
annals-js-actors-label = Person or organisation
annals-js-actors-all = All people and organisations
annals-js-places-label = Place
annals-js-places-all = All places
annals-js-term-option = { $term } ({ $count })
annals-js-clear = Clear
annals-js-keys = Keys: j and k move to the next and previous event.
annals-js-keys-paged = Filters the events of this page. Keys: j and k move to the next and previous event.
annals-js-showing = { $total ->
    [one] Showing { $shown } of { $total } event
   *[other] Showing { $shown } of { $total } events
}
annals-js-total = { $total ->
    [one] { $total } event
   *[other] { $total } events
}
annals-js-all-of-term = All events: { $term } →
annals-js-search-pages = Search every page for “{ $words }” →
annals-js-filter-toggle = Filter
annals-js-no-match = No events match.
annals-js-clear-filters = Clear the filters
annals-js-axis-controls = Zoom and pan the axis
annals-js-zoom-in = Zoom in
annals-js-zoom-out = Zoom out
annals-js-earlier = Earlier
annals-js-later = Later
annals-js-reset = Reset
annals-js-reset-title = Show the whole timeline

## search.js, the search page's script.
search-js-too-short = Type a longer word to search.
search-js-no-results = No results for “{ $query }”. Every word must appear in an event or source; try fewer words.
search-js-results = { $n ->
    [one] { $n } result for “{ $query }”.
   *[other] { $n } results for “{ $query }”.
}
search-js-many-prefixed = Many words begin with “{ $word }”: only “{ $word }” itself is searched until you type more.
search-js-not-loaded = The search index could not be loaded ({ $error }). Rebuilding the site writes it again.
search-js-event = Event
search-js-source = Source
