# Die Wörter der Oberfläche von annals auf Deutsch (siehe en.ftl).

## Die Schreibrichtung der Sprache: ltr oder rtl.
text-direction = ltr

## Eine Website in mehreren Sprachen: der Name jeder Sprache, die Auswahl und der Hinweis auf einer unübersetzten Seite.
language-name = Deutsch
languages-label = Sprachen
untranslated-notice = Diese Seite ist noch nicht übersetzt: Sie wird in der Hauptsprache der Website gezeigt.

## Jede Seite
skip-to-content = Zum Inhalt springen
nav-sections = Bereiche
nav-timeline = Zeitleiste
nav-sources = Quellen
search-label = Ereignisse und Quellen durchsuchen
search-placeholder = Suchen
search-button = Suchen
footer-built = erstellt mit annals aus belegten, datierten Einträgen.
footer-follow = Folgen:
footer-feed = Atom-Feed
footer-calendar = Kalender
footer-timelinejs = TimelineJS-Daten
footer-data = alle Daten (JSON)

## Listen: die Startseite und die Seite jedes Begriffs
events-count = { $n ->
    [one] { $n } Ereignis
   *[other] { $n } Ereignisse
}
page-of = Seite { $current } von { $total }: { $range }
pager-label = Seiten der Liste
pager-label-top = Seiten der Liste, darüber
pager-range = Seite { $current } von { $total }: { $range }
list-title-page = { $title } — { $range } (Seite { $current } von { $total })
term-feed = Feed
term-calendar = Kalender
axis-title = Zeitleiste von { $name }
axis-caption = Jede Markierung ist ein Ereignis, zeitlich maßstabsgetreu gesetzt; Balken sind Zeiträume, ein auslaufender Balken dauert noch an.
axis-caption-clustered = Jede Säule zählt die Ereignisse, die in ihrem Zeitabschnitt beginnen, und führt zu ihnen in der Liste; die wichtigsten Ereignisse sind einzeln darüber gezeichnet, Zeiträume als Balken.
axis-column-one = 1 Ereignis: { $from }
axis-column-day = { $n } Ereignisse: { $from }
axis-column = { $n } Ereignisse, { $from } bis { $to }
overview-title = Wo diese Seite in der ganzen Zeitleiste liegt
overview-column = { $n ->
    [one] 1 Ereignis, { $from }, auf Seite { $page }
   *[other] { $n } Ereignisse ab { $from }, auf Seite { $page }
}

## Ereignisse
ongoing = Andauernd
draft = Entwurf
sources-say = Was die Quellen sagen
read-in-context = Im Zusammenhang lesen
filed-under = Abgelegt unter
related-events = Verwandte Ereignisse
previous-next = Vorheriges und nächstes Ereignis
previous = Vorheriges
next = Nächstes

## Die Übersetzung eines Zitats durch die Redaktion: neben dem Original.
quote-translation = Übersetzung (der Redaktion, nicht aus der Quelle):

## Quellen
source-kicker = Quelle
source-by = Von { $author }
read-original = Den Originalartikel lesen
citing-events = Ereignisse, die diese Quelle zitieren
quoted-in = Zitiert in
source-description = Quelle: { $title }
sources-title = Quellen
sources-page-title = Quellen — { $site }
sources-description = Die von { $site } zitierten Quellen
sources-lede = Jedes Ereignis dieser Zeitleiste nennt seine Quelle; dies sind die zitierten Artikel und Dokumente.
cited-by = { $n ->
    [one] zitiert von { $n } Ereignis
   *[other] zitiert von { $n } Ereignissen
}

## Taxonomien: die voreingestellten Überschriften
taxonomy-tags = Themen
taxonomy-actors = Personen und Organisationen
taxonomy-places = Orte

## Suche
search-title = Suche
search-page-title = Suche — { $site }
search-description = Die Ereignisse und Quellen von { $site } durchsuchen
search-nojs = Die Suche braucht JavaScript, das in diesem Browser ausgeschaltet ist. Alle Ereignisse stehen in der
search-nojs-timeline = Zeitleiste
search-nojs-indexes = , und die Verzeichnisse ordnen sie nach Thema:
search-more = Weitere Ergebnisse zeigen

## Die Seite einer fehlenden Adresse
not-found-title = Seite nicht gefunden
not-found-page-title = Seite nicht gefunden — { $site }
not-found-before = Unter dieser Adresse gibt es keine Seite. Die
not-found-link = Zeitleiste
not-found-after = führt alle Ereignisse auf.

## Daten: annals' eigene Formulierungen um die Monatsnamen und Zahlen von CLDR.
date-day-month-year = { $day }. { $month } { $year }
date-day-month = { $day }. { $month }
date-month-year = { $month } { $year }
date-season-year = { $season } { $year }
date-decade = die { $year }er-Jahre
date-since = seit { $date }
date-unknown-end = { $date } – Ende unbekannt
date-approximate = um { $date }
date-uncertain = { $date } (unsicher)
date-bc = { $year } v. Chr.
date-across-year = Im Laufe des Jahres { $year }
## Ein Jahrhundert mit unbestimmten Ziffern (19XX, -04XX): { $n } ist seine
## Zahl, { $roman } dieselbe in römischen Ziffern.
date-century = { $n }. Jahrhundert
date-century-bc = { $n }. Jahrhundert v. Chr.
## Erdgeschichtliche Zeit (vor 10.000 v. Chr.), von der Gegenwart aus
## gezählt, { $n } auf drei signifikante Stellen gerundet: 12.000 / 65 / 13,8.
date-years = { $n ->
    [one] { $n } Jahr
   *[other] { $n } Jahren
}
date-million-years = { $n ->
    [one] { $n } Million
   *[other] { $n } Millionen
} Jahren
date-billion-years = { $n ->
    [one] { $n } Milliarde
   *[other] { $n } Milliarden
} Jahren
## { $years } ist eine der drei Meldungen davor (im Dativ, nach „vor“).
date-ago = vor { $years }
date-approximate-ago = vor etwa { $years }
date-spring = Frühling
date-summer = Sommer
date-autumn = Herbst
date-winter = Winter

## annals.js, das Skript der Seiten: der Filter der Liste und die Bedienelemente der Achse.
annals-js-filter-form = Die Ereignisse filtern
annals-js-filter-label = Filtern
annals-js-filter-placeholder = Titel, Zusammenfassung, Begriffe
# On a term's list, whose cards show no summary.
annals-js-filter-placeholder-titles = Titel oder Begriffe
annals-js-tags-label = Thema
annals-js-tags-all = Alle Themen
annals-js-actors-label = Person oder Organisation
annals-js-actors-all = Alle Personen und Organisationen
annals-js-places-label = Ort
annals-js-places-all = Alle Orte
annals-js-term-option = { $term } ({ $count })
annals-js-clear = Leeren
annals-js-keys = Tasten: j und k springen zum nächsten und zum vorherigen Ereignis.
annals-js-keys-paged = Filtert die Ereignisse dieser Seite. Tasten: j und k springen zum nächsten und zum vorherigen Ereignis.
annals-js-showing = { $total ->
    [one] { $shown } von { $total } Ereignis angezeigt
   *[other] { $shown } von { $total } Ereignissen angezeigt
}
annals-js-total = { $total ->
    [one] { $total } Ereignis
   *[other] { $total } Ereignisse
}
annals-js-all-of-term = Alle Ereignisse: { $term } →
annals-js-search-pages = Alle Seiten nach „{ $words }“ durchsuchen →
annals-js-filter-toggle = Filtern
annals-js-no-match = Keine Ereignisse passen.
annals-js-clear-filters = Die Filter aufheben
annals-js-axis-controls = Die Achse zoomen und verschieben
annals-js-zoom-in = Vergrößern
annals-js-zoom-out = Verkleinern
annals-js-earlier = Früher
annals-js-later = Später
annals-js-reset = Zurücksetzen
annals-js-reset-title = Die ganze Zeitleiste zeigen

## search.js, das Skript der Suchseite.
search-js-too-short = Geben Sie ein längeres Wort ein, um zu suchen.
search-js-no-results = Keine Ergebnisse für „{ $query }“. Jedes Wort muss in einem Ereignis oder einer Quelle vorkommen; versuchen Sie es mit weniger Wörtern.
search-js-results = { $n ->
    [one] { $n } Ergebnis für „{ $query }“.
   *[other] { $n } Ergebnisse für „{ $query }“.
}
search-js-many-prefixed = Viele Wörter beginnen mit „{ $word }“: Bis Sie weitertippen, wird nur nach „{ $word }“ selbst gesucht.
search-js-not-loaded = Der Suchindex konnte nicht geladen werden ({ $error }). Ein neuer Build der Website schreibt ihn wieder.
search-js-event = Ereignis
search-js-source = Quelle

## In einen Artikel einbetten, und die Geschichte
embed-this = Diese Zeitleiste einbetten
embed-help = Fügen Sie dies in das HTML Ihres Artikels ein. Der Rahmen wächst mit seinem Inhalt; wo Skripte nicht erlaubt sind, bleibt er { $height } Pixel hoch.
embed-options = Optionen, an die Adresse im Code angehängt: ?start=ID öffnet bei einem Ereignis, ?tags=ID (oder actors, places) zeigt die Ereignisse eines Begriffs, ?theme=light oder ?theme=dark, ?height=500 für eine feste Höhe.
embed-copy = Code kopieren
embed-copied = Kopiert
embed-frame-title = { $name }: Zeitleiste
embed-full = Die ganze Zeitleiste öffnen
embed-earlier = Frühere Ereignisse
embed-later = Spätere Ereignisse
story-link = Als Geschichte lesen
story-title = { $site }: die Geschichte
story-heading = Die Geschichte
story-start = Beginnen
story-position = { $current } von { $total }
story-slides = Folien
story-axis = Wo dieses Ereignis auf der Zeitleiste liegt
shown-most-important = Die { $shown } wichtigsten von { $total } Ereignissen
nearby = Wo dieses Ereignis unter seinen Nachbarn liegt
media-image = Bild
media-video = Video
media-audio = Audio
media-map = Karte
media-link = Link
axis-break = Keine Ereignisse von { $from } bis { $to }: dieser Abschnitt ist aus der Achse herausgeschnitten
axis-caption-broken = Ein doppelter Schrägstrich schneidet einen langen Abschnitt ohne Ereignisse heraus; jeder Abschnitt mit Ereignissen hat eigenen Maßstab und eigene Markierungen.
