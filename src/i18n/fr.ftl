# Les mots de l'interface d'annals en français (voir en.ftl).

## Le sens d'écriture de la langue : ltr ou rtl.
text-direction = ltr

## Un site en plusieurs langues : le nom de chaque langue, le sélecteur et l'avis d'une page non traduite.
language-name = Français
languages-label = Langues
untranslated-notice = Cette page n'est pas encore traduite : elle est affichée dans la langue principale du site.

## Chaque page
skip-to-content = Aller au contenu
nav-sections = Rubriques
nav-timeline = Chronologie
nav-sources = Sources
search-label = Rechercher dans les événements et les sources
search-placeholder = Rechercher
search-button = Rechercher
footer-built = réalisé avec annals à partir de documents datés et sourcés.
footer-follow = Suivre :
footer-feed = flux Atom
footer-calendar = calendrier
footer-timelinejs = données TimelineJS
footer-data = toutes les données (JSON)

## Listes : la page d'accueil et la page de chaque terme
events-count = { $n ->
    [one] { $n } événement
   *[other] { $n } événements
}
page-of = page { $current } sur { $total } : { $range }
pager-label = Pages de la liste
pager-label-top = Pages de la liste, au-dessus
pager-range = Page { $current } sur { $total } : { $range }
list-title-page = { $title } — { $range } (page { $current } sur { $total })
term-feed = flux
term-calendar = calendrier
axis-title = Chronologie de { $name }
axis-caption = Chaque repère est un événement, placé proportionnellement au temps ; les barres sont des périodes, une barre qui s'estompe est toujours en cours.
axis-caption-clustered = Chaque colonne compte les événements qui commencent dans sa tranche de temps et mène à eux dans la liste ; les plus importants sont dessinés un à un au-dessus, les périodes en barres.
axis-column-one = 1 événement : { $from }
axis-column-day = { $n } événements : { $from }
axis-column = { $n } événements, du { $from } au { $to }
overview-title = Où se situe cette page dans toute la chronologie
overview-column = { $n ->
    [one] 1 événement, { $from }, à la page { $page }
   *[other] { $n } événements à partir de { $from }, à la page { $page }
}

## Événements
ongoing = En cours
draft = Brouillon
sources-say = Ce que disent les sources
read-in-context = Lire dans son contexte
filed-under = Classé dans
related-events = Événements liés
previous-next = Événements précédent et suivant
previous = Précédent
next = Suivant

## La traduction d'une citation, par la rédaction : à côté de l'original.
quote-translation = Traduction (de la rédaction, absente de la source) :

## Sources
source-kicker = Source
source-by = Par { $author }
read-original = Lire l'article original
citing-events = Événements qui citent cette source
quoted-in = Cité dans
source-description = Source : { $title }
sources-title = Sources
sources-page-title = Sources — { $site }
sources-description = Les sources citées par { $site }
sources-lede = Chaque événement de cette chronologie cite sa source ; voici les articles et documents cités.
cited-by = { $n ->
    [one] citée par { $n } événement
   *[other] citée par { $n } événements
}

## Taxonomies : les titres par défaut
taxonomy-tags = Thèmes
taxonomy-actors = Personnes et organisations
taxonomy-places = Lieux

## Recherche
search-title = Recherche
search-page-title = Recherche — { $site }
search-description = Rechercher dans les événements et les sources de { $site }
search-nojs = La recherche a besoin de JavaScript, désactivé dans ce navigateur. Tous les événements figurent dans la
search-nojs-timeline = chronologie
search-nojs-indexes = , et les index les classent par sujet :
search-more = Afficher plus de résultats

## La page d'une adresse introuvable
not-found-title = Page introuvable
not-found-page-title = Page introuvable — { $site }
not-found-before = Il n'y a pas de page à cette adresse. La
not-found-link = chronologie
not-found-after = recense tous les événements.

## Dates : la formulation propre à annals autour des noms de mois et des nombres de CLDR.
date-day-month-year = { $day } { $month } { $year }
date-day-month = { $day } { $month }
date-month-year = { $month } { $year }
date-season-year = { $season } { $year }
date-decade = les années { $year }
date-since = depuis { $date }
date-unknown-end = { $date } – date inconnue
date-approximate = vers { $date }
date-uncertain = { $date } (incertain)
date-bc = { $year } av. J.-C.
date-across-year = Tout au long de { $year }
## Un siècle aux chiffres non précisés (19XX, -04XX) : { $n } est son
## numéro, { $roman } le même en chiffres romains.
date-century = { $n ->
    [1] Ier
   *[other] { $roman }e
} siècle
date-century-bc = { $n ->
    [1] Ier
   *[other] { $roman }e
} siècle av. J.-C.
## Les temps géologiques (avant 10 000 av. J.-C.), comptés depuis le
## présent, { $n } arrondi à trois chiffres significatifs : 12 000 / 65 / 13,8.
date-years = { $n ->
    [one] { $n } an
   *[other] { $n } ans
}
date-million-years = { $n ->
    [one] { $n } million
   *[other] { $n } millions
} d'années
date-billion-years = { $n ->
    [one] { $n } milliard
   *[other] { $n } milliards
} d'années
## { $years } est l'un des trois messages précédents.
date-ago = il y a { $years }
date-approximate-ago = il y a environ { $years }
date-spring = printemps
date-summer = été
date-autumn = automne
date-winter = hiver

## annals.js, le script des pages : le filtre de la liste et les commandes de l'axe.
annals-js-filter-form = Filtrer les événements
annals-js-filter-label = Filtrer
annals-js-filter-placeholder = Titre, résumé ou termes
# On a term's list, whose cards show no summary.
annals-js-filter-placeholder-titles = Titre ou termes
annals-js-tags-label = Thème
annals-js-tags-all = Tous les thèmes
annals-js-actors-label = Personne ou organisation
annals-js-actors-all = Toutes les personnes et organisations
annals-js-places-label = Lieu
annals-js-places-all = Tous les lieux
annals-js-term-option = { $term } ({ $count })
annals-js-clear = Effacer
annals-js-keys = Touches : j et k passent à l'événement suivant et au précédent.
annals-js-keys-paged = Filtre les événements de cette page. Touches : j et k passent à l'événement suivant et au précédent.
annals-js-showing = { $total ->
    [one] { $shown } événement affiché sur { $total }
   *[other] { $shown } événements affichés sur { $total }
}
annals-js-total = { $total ->
    [one] { $total } événement
   *[other] { $total } événements
}
annals-js-all-of-term = Tous les événements : { $term } →
annals-js-search-pages = Chercher « { $words } » dans toutes les pages →
annals-js-filter-toggle = Filtrer
annals-js-no-match = Aucun événement ne correspond.
annals-js-clear-filters = Retirer les filtres
annals-js-axis-controls = Zoomer et déplacer l'axe
annals-js-zoom-in = Zoomer
annals-js-zoom-out = Dézoomer
annals-js-earlier = Plus tôt
annals-js-later = Plus tard
annals-js-reset = Réinitialiser
annals-js-reset-title = Afficher toute la chronologie

## search.js, le script de la page de recherche.
search-js-too-short = Tapez un mot plus long pour rechercher.
search-js-no-results = Aucun résultat pour « { $query } ». Chaque mot doit figurer dans un événement ou une source ; essayez avec moins de mots.
search-js-results = { $n ->
    [one] { $n } résultat pour « { $query } ».
   *[other] { $n } résultats pour « { $query } ».
}
search-js-many-prefixed = De nombreux mots commencent par « { $word } » : seul « { $word } » est recherché tant que vous n'en tapez pas plus.
search-js-not-loaded = L'index de recherche n'a pas pu être chargé ({ $error }). Reconstruire le site l'écrit à nouveau.
search-js-event = Événement
search-js-source = Source

## Intégrer dans un article, et le récit
embed-this = Intégrer cette chronologie
embed-help = Collez ceci dans le HTML de votre article. Le cadre s’agrandit pour montrer tout son contenu ; là où les scripts ne sont pas permis, il garde { $height } pixels de haut.
embed-options = Options, ajoutées à l’adresse du fragment : ?start=ID ouvre sur un événement, ?tags=ID (ou actors, places) montre les événements d’un terme, ?theme=light ou ?theme=dark, ?height=500 pour une hauteur fixe.
embed-copy = Copier le fragment
embed-copied = Copié
embed-frame-title = { $name } : chronologie
embed-full = Ouvrir la chronologie complète
embed-earlier = Événements précédents
embed-later = Événements suivants
story-link = La lire comme un récit
story-title = { $site } : le récit
story-heading = Le récit
story-start = Commencer
story-position = { $current } sur { $total }
story-slides = Diapositives
story-axis = Où se situe cet événement dans la chronologie
shown-most-important = Les { $shown } événements les plus importants sur { $total }
nearby = Où se situe cet événement parmi ses voisins
media-image = Image
media-video = Vidéo
media-audio = Audio
media-map = Carte
media-link = Lien
axis-break = Aucun événement de { $from } à { $to } : cette période est retirée de l’axe
axis-caption-broken = Une double barre retire une longue période sans événement ; chaque période d’événements a sa propre échelle et ses propres repères.
