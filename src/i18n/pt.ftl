# As palavras da interface do annals em português (ver en.ftl).

## A direção de escrita da língua: ltr ou rtl.
text-direction = ltr

## Um site em várias línguas: o nome de cada língua, o seletor e o aviso de uma página por traduzir.
language-name = Português
languages-label = Idiomas
untranslated-notice = Esta página ainda não está traduzida: é mostrada na língua principal do site.

## Todas as páginas
skip-to-content = Saltar para o conteúdo
nav-sections = Secções
nav-timeline = Cronologia
nav-sources = Fontes
search-label = Pesquisar acontecimentos e fontes
search-placeholder = Pesquisar
search-button = Pesquisar
footer-built = feito com annals a partir de registos datados e com fontes.
footer-follow = Seguir:
footer-feed = feed Atom
footer-calendar = calendário
footer-timelinejs = dados para o TimelineJS
footer-data = todos os dados (JSON)

## Listas: a página inicial e a página de cada termo
events-count = { $n ->
    [one] { $n } acontecimento
   *[other] { $n } acontecimentos
}
page-of = página { $current } de { $total }: { $range }
pager-label = Páginas da lista
pager-label-top = Páginas da lista, acima dela
pager-range = Página { $current } de { $total }: { $range }
list-title-page = { $title } — { $range } (página { $current } de { $total })
term-feed = feed
term-calendar = calendário
axis-title = Cronologia de { $name }
axis-caption = Cada marca é um acontecimento, colocado em proporção ao tempo; as barras são períodos, uma barra que se esbate ainda está em curso.
axis-caption-clustered = Cada coluna conta os acontecimentos que começam no seu intervalo de tempo e leva até eles na lista; os mais importantes são desenhados um a um por cima, os períodos como barras.
axis-column-one = 1 acontecimento: { $from }
axis-column-day = { $n } acontecimentos: { $from }
axis-column = { $n } acontecimentos, de { $from } a { $to }
overview-title = Onde fica esta página em toda a cronologia
overview-column = { $n ->
    [one] 1 acontecimento, { $from }, na página { $page }
   *[other] { $n } acontecimentos a partir de { $from }, na página { $page }
}

## Acontecimentos
ongoing = Em curso
draft = Rascunho
sources-say = O que dizem as fontes
read-in-context = Ler no contexto
filed-under = Arquivado em
related-events = Acontecimentos relacionados
previous-next = Acontecimentos anterior e seguinte
previous = Anterior
next = Seguinte

## A tradução de uma citação, feita pela redação: ao lado do original.
quote-translation = Tradução (da redação, não da fonte):

## Fontes
source-kicker = Fonte
source-by = Por { $author }
read-original = Ler o artigo original
citing-events = Acontecimentos que citam esta fonte
quoted-in = Citado em
source-description = Fonte: { $title }
sources-title = Fontes
sources-page-title = Fontes — { $site }
sources-description = As fontes citadas por { $site }
sources-lede = Cada acontecimento desta cronologia cita a sua fonte; estes são os artigos e documentos citados.
cited-by = { $n ->
    [one] citada por { $n } acontecimento
   *[other] citada por { $n } acontecimentos
}

## Taxonomias: os títulos predefinidos
taxonomy-tags = Temas
taxonomy-actors = Pessoas e organizações
taxonomy-places = Lugares

## Pesquisa
search-title = Pesquisa
search-page-title = Pesquisa — { $site }
search-description = Pesquisar os acontecimentos e as fontes de { $site }
search-nojs = A pesquisa precisa de JavaScript, que está desativado neste navegador. Todos os acontecimentos estão na
search-nojs-timeline = cronologia
search-nojs-indexes = , e os índices ordenam-nos por assunto:
search-more = Mostrar mais resultados

## A página de um endereço que não existe
not-found-title = Página não encontrada
not-found-page-title = Página não encontrada — { $site }
not-found-before = Não há nenhuma página neste endereço. A
not-found-link = cronologia
not-found-after = reúne todos os acontecimentos.

## Datas: a redação própria do annals à volta dos nomes dos meses e dos números do CLDR.
date-day-month-year = { $day } de { $month } de { $year }
date-day-month = { $day } de { $month }
date-month-year = { $month } de { $year }
date-season-year = { $season } de { $year }
date-decade = a década de { $year }
date-since = desde { $date }
date-unknown-end = { $date } – data desconhecida
date-approximate = c. { $date }
date-uncertain = { $date } (incerto)
date-bc = { $year } a.C.
date-across-year = Ao longo de { $year }
## Um século de algarismos não especificados (19XX, -04XX): { $n } é o seu
## número, { $roman } o mesmo em algarismos romanos.
date-century = século { $roman }
date-century-bc = século { $roman } a.C.
## Tempo profundo (antes de 10.000 a.C.), contado a partir do presente,
## { $n } arredondado a três algarismos significativos: 12.000 / 65 / 13,8.
date-years = { $n ->
    [one] { $n } ano
   *[other] { $n } anos
}
date-million-years = { $n ->
    [one] { $n } milhão
   *[other] { $n } milhões
} de anos
date-billion-years = { $n ->
    [one] { $n } bilhão
   *[other] { $n } bilhões
} de anos
## { $years } é uma das três mensagens anteriores.
date-ago = há { $years }
date-approximate-ago = há cerca de { $years }
date-spring = primavera
date-summer = verão
date-autumn = outono
date-winter = inverno

## annals.js, o script das páginas: o filtro da lista e os controlos do eixo.
annals-js-filter-form = Filtrar os acontecimentos
annals-js-filter-label = Filtrar
annals-js-filter-placeholder = Título, resumo ou termos
# On a term's list, whose cards show no summary.
annals-js-filter-placeholder-titles = Título ou termos
annals-js-tags-label = Tema
annals-js-tags-all = Todos os temas
annals-js-actors-label = Pessoa ou organização
annals-js-actors-all = Todas as pessoas e organizações
annals-js-places-label = Lugar
annals-js-places-all = Todos os lugares
annals-js-term-option = { $term } ({ $count })
annals-js-clear = Limpar
annals-js-keys = Teclas: j e k passam ao acontecimento seguinte e ao anterior.
annals-js-keys-paged = Filtra os acontecimentos desta página. Teclas: j e k passam ao acontecimento seguinte e ao anterior.
annals-js-showing = { $total ->
    [one] A mostrar { $shown } de { $total } acontecimento
   *[other] A mostrar { $shown } de { $total } acontecimentos
}
annals-js-total = { $total ->
    [one] { $total } acontecimento
   *[other] { $total } acontecimentos
}
annals-js-all-of-term = Todos os acontecimentos: { $term } →
annals-js-search-pages = Procurar «{ $words }» em todas as páginas →
annals-js-filter-toggle = Filtrar
annals-js-no-match = Nenhum acontecimento corresponde.
annals-js-clear-filters = Retirar os filtros
annals-js-axis-controls = Ampliar e deslocar o eixo
annals-js-zoom-in = Ampliar
annals-js-zoom-out = Reduzir
annals-js-earlier = Antes
annals-js-later = Depois
annals-js-reset = Repor
annals-js-reset-title = Mostrar toda a cronologia

## search.js, o script da página de pesquisa.
search-js-too-short = Escreva uma palavra mais longa para pesquisar.
search-js-no-results = Sem resultados para «{ $query }». Cada palavra tem de aparecer num acontecimento ou numa fonte; experimente com menos palavras.
search-js-results = { $n ->
    [one] { $n } resultado para «{ $query }».
   *[other] { $n } resultados para «{ $query }».
}
search-js-many-prefixed = Muitas palavras começam por «{ $word }»: só se pesquisa «{ $word }» até escrever mais.
search-js-not-loaded = Não foi possível carregar o índice de pesquisa ({ $error }). Reconstruir o site volta a escrevê-lo.
search-js-event = Acontecimento
search-js-source = Fonte

## Incorporar num artigo, e a história
embed-this = Incorporar esta cronologia
embed-help = Cole isto no HTML do seu artigo. O quadro cresce para mostrar todo o seu conteúdo; onde não são permitidos scripts, fica com { $height } pixels de altura.
embed-options = Opções, acrescentadas ao endereço do código: ?start=ID abre num acontecimento, ?tags=ID (ou actors, places) mostra os acontecimentos de um termo, ?theme=light ou ?theme=dark, ?height=500 para uma altura fixa.
embed-copy = Copiar o código
embed-copied = Copiado
embed-frame-title = { $name }: cronologia
embed-full = Abrir a cronologia completa
embed-earlier = Acontecimentos anteriores
embed-later = Acontecimentos posteriores
story-link = Lê-la como uma história
story-title = { $site }: a história
story-heading = A história
story-start = Começar
story-position = { $current } de { $total }
story-slides = Diapositivos
story-axis = Onde este acontecimento está na cronologia
shown-most-important = Os { $shown } acontecimentos mais importantes de { $total }
nearby = Onde este acontecimento está entre os seus vizinhos
media-image = Imagem
media-video = Vídeo
media-audio = Áudio
media-map = Mapa
media-link = Ligação
axis-break = Nenhum acontecimento de { $from } a { $to }: este trecho é cortado do eixo
axis-caption-broken = Uma barra dupla corta um trecho longo sem acontecimentos; cada trecho com acontecimentos tem a sua própria escala e marcas.
