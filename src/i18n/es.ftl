# Las palabras de la interfaz de annals en español (véase en.ftl).

## La dirección de escritura de la lengua: ltr o rtl.
text-direction = ltr

## Un sitio en varios idiomas: el nombre de cada idioma, el selector y el aviso de una página sin traducir.
language-name = Español
languages-label = Idiomas
untranslated-notice = Esta página aún no está traducida: se muestra en el idioma principal del sitio.

## Cada página
skip-to-content = Saltar al contenido
nav-sections = Secciones
nav-timeline = Cronología
nav-sources = Fuentes
search-label = Buscar acontecimientos y fuentes
search-placeholder = Buscar
search-button = Buscar
footer-built = hecho con annals a partir de registros fechados y con fuentes.
footer-follow = Seguir:
footer-feed = canal Atom
footer-calendar = calendario
footer-timelinejs = datos para TimelineJS
footer-data = todos los datos (JSON)

## Listas: la portada y la página de cada término
events-count = { $n ->
    [one] { $n } acontecimiento
   *[other] { $n } acontecimientos
}
page-of = página { $current } de { $total }: { $range }
pager-label = Páginas de la lista
pager-label-top = Páginas de la lista, encima de ella
pager-range = Página { $current } de { $total }: { $range }
list-title-page = { $title } — { $range } (página { $current } de { $total })
term-feed = canal
term-calendar = calendario
axis-title = Cronología de { $name }
axis-caption = Cada marca es un acontecimiento, situado en proporción al tiempo; las barras son periodos, una barra que se desvanece sigue en curso.
axis-caption-clustered = Cada columna cuenta los acontecimientos que empiezan en su tramo de tiempo y lleva a ellos en la lista; los más importantes se dibujan uno a uno encima, los periodos como barras.
axis-column-one = 1 acontecimiento: { $from }
axis-column-day = { $n } acontecimientos: { $from }
axis-column = { $n } acontecimientos, de { $from } a { $to }
overview-title = Dónde está esta página en toda la cronología
overview-column = { $n ->
    [one] 1 acontecimiento, { $from }, en la página { $page }
   *[other] { $n } acontecimientos desde { $from }, en la página { $page }
}

## Acontecimientos
ongoing = En curso
draft = Borrador
sources-say = Lo que dicen las fuentes
read-in-context = Leer en contexto
filed-under = Archivado en
related-events = Acontecimientos relacionados
previous-next = Acontecimientos anterior y siguiente
previous = Anterior
next = Siguiente

## La traducción de una cita, hecha por la redacción: junto al original.
quote-translation = Traducción (de la redacción, no de la fuente):

## Fuentes
source-kicker = Fuente
source-by = Por { $author }
read-original = Leer el artículo original
citing-events = Acontecimientos que citan esta fuente
quoted-in = Citado en
source-description = Fuente: { $title }
sources-title = Fuentes
sources-page-title = Fuentes — { $site }
sources-description = Las fuentes citadas por { $site }
sources-lede = Cada acontecimiento de esta cronología cita su fuente; estos son los artículos y documentos citados.
cited-by = { $n ->
    [one] citada por { $n } acontecimiento
   *[other] citada por { $n } acontecimientos
}

## Taxonomías: los encabezados por defecto
taxonomy-tags = Temas
taxonomy-actors = Personas y organizaciones
taxonomy-places = Lugares

## Búsqueda
search-title = Buscar
search-page-title = Buscar — { $site }
search-description = Buscar en los acontecimientos y las fuentes de { $site }
search-nojs = La búsqueda necesita JavaScript, que está desactivado en este navegador. Todos los acontecimientos están en la
search-nojs-timeline = cronología
search-nojs-indexes = , y los índices los ordenan por tema:
search-more = Mostrar más resultados

## La página de una dirección que no existe
not-found-title = Página no encontrada
not-found-page-title = Página no encontrada — { $site }
not-found-before = No hay ninguna página en esta dirección. La
not-found-link = cronología
not-found-after = recoge todos los acontecimientos.

## Insertar en un artículo, y la historia
embed-this = Insertar esta cronología
embed-help = Pegue esto en el HTML de su artículo. El marco crece para mostrar todo su contenido; donde no se permiten scripts, mide { $height } píxeles de alto.
embed-options = Opciones, añadidas a la dirección del fragmento: ?start=ID abre en un acontecimiento, ?tags=ID (o actors, places) muestra los acontecimientos de un término, ?theme=light o ?theme=dark, ?height=500 para una altura fija.
embed-copy = Copiar el fragmento
embed-copied = Copiado
embed-frame-title = { $name }: cronología
embed-full = Abrir la cronología completa
embed-earlier = Acontecimientos anteriores
embed-later = Acontecimientos posteriores
story-link = Leerla como una historia
story-title = { $site }: la historia
story-heading = La historia
story-start = Empezar
story-position = { $current } de { $total }
story-slides = Diapositivas
story-axis = Dónde está este acontecimiento en la cronología
shown-most-important = Los { $shown } acontecimientos más importantes de { $total }
nearby = Dónde está este acontecimiento entre sus vecinos
media-image = Imagen
media-video = Vídeo
media-audio = Audio
media-map = Mapa
media-link = Enlace
axis-break = Ningún acontecimiento de { $from } a { $to }: este tramo se omite en el eje
axis-caption-broken = Una doble barra omite un tramo largo sin acontecimientos; cada tramo con acontecimientos tiene su propia escala y sus marcas de tiempo.

## Fechas: la redacción propia de annals alrededor de los nombres de mes y los números de CLDR.
date-day-month-year = { $day } de { $month } de { $year }
date-day-month = { $day } de { $month }
date-month-year = { $month } de { $year }
date-season-year = { $season } de { $year }
date-decade = la década de { $year }
date-since = desde { $date }
date-unknown-end = { $date } – fecha desconocida
date-approximate = c. { $date }
date-uncertain = { $date } (incierto)
date-bc = { $year } a. C.
date-across-year = A lo largo de { $year }
## Un siglo de cifras sin especificar (19XX, -04XX): { $n } es su número,
## { $roman } el mismo en números romanos.
date-century = siglo { $roman }
date-century-bc = siglo { $roman } a. C.
## Tiempo profundo (antes de 10.000 a. C.), contado desde el presente,
## { $n } redondeado a tres cifras significativas: 12.000 / 65 / 13,8.
date-years = { $n ->
    [one] { $n } año
   *[other] { $n } años
}
date-million-years = { $n ->
    [one] { $n } millón
   *[other] { $n } millones
} de años
date-billion-years = { $n ->
    [one] mil millones
   *[other] { $n } mil millones
} de años
## { $years } es uno de los tres anteriores.
date-ago = hace { $years }
date-approximate-ago = hace unos { $years }
date-spring = primavera
date-summer = verano
date-autumn = otoño
date-winter = invierno

## annals.js, el script de las páginas: el filtro de la lista y los controles del eje.
annals-js-filter-form = Filtrar los acontecimientos
annals-js-filter-label = Filtrar
annals-js-filter-placeholder = Título, resumen o términos
# On a term's list, whose cards show no summary.
annals-js-filter-placeholder-titles = Título o términos
annals-js-tags-label = Tema
annals-js-tags-all = Todos los temas
annals-js-actors-label = Persona u organización
annals-js-actors-all = Todas las personas y organizaciones
annals-js-places-label = Lugar
annals-js-places-all = Todos los lugares
annals-js-term-option = { $term } ({ $count })
annals-js-clear = Borrar
annals-js-keys = Teclas: j y k pasan al acontecimiento siguiente y al anterior.
annals-js-keys-paged = Filtra los acontecimientos de esta página. Teclas: j y k pasan al acontecimiento siguiente y al anterior.
annals-js-showing = { $total ->
    [one] Se muestra { $shown } de { $total } acontecimiento
   *[other] Se muestran { $shown } de { $total } acontecimientos
}
annals-js-total = { $total ->
    [one] { $total } acontecimiento
   *[other] { $total } acontecimientos
}
annals-js-all-of-term = Todos los acontecimientos: { $term } →
annals-js-search-pages = Buscar «{ $words }» en todas las páginas →
annals-js-filter-toggle = Filtrar
annals-js-no-match = Ningún acontecimiento coincide.
annals-js-clear-filters = Quitar los filtros
annals-js-axis-controls = Ampliar y desplazar el eje
annals-js-zoom-in = Ampliar
annals-js-zoom-out = Reducir
annals-js-earlier = Antes
annals-js-later = Después
annals-js-reset = Restablecer
annals-js-reset-title = Mostrar toda la cronología

## search.js, el script de la página de búsqueda.
search-js-too-short = Escriba una palabra más larga para buscar.
search-js-no-results = No hay resultados para «{ $query }». Cada palabra debe aparecer en un acontecimiento o una fuente; pruebe con menos palabras.
search-js-results = { $n ->
    [one] { $n } resultado para «{ $query }».
   *[other] { $n } resultados para «{ $query }».
}
search-js-many-prefixed = Muchas palabras empiezan por «{ $word }»: solo se busca «{ $word }» hasta que escriba más.
search-js-not-loaded = No se pudo cargar el índice de búsqueda ({ $error }). Al reconstruir el sitio se vuelve a escribir.
search-js-event = Acontecimiento
search-js-source = Fuente
