# كلمات واجهة annals بالعربية (انظر en.ftl). تأخذ الرسائل التي فيها عدد
# صيغ الجمع الست في العربية: zero وone وtwo وfew وmany وother.

## اتجاه الكتابة في اللغة: ltr أو rtl.
text-direction = rtl

## موقع بعدة لغات: اسم كل لغة، ومبدّل اللغة، والتنبيه على صفحة غير مترجمة.
language-name = العربية
languages-label = اللغات
untranslated-notice = هذه الصفحة غير مترجمة بعد: تُعرض بلغة الموقع الأساسية.

## كل صفحة
skip-to-content = انتقل إلى المحتوى
nav-sections = الأقسام
nav-timeline = الخط الزمني
nav-sources = المصادر
search-label = ابحث في الأحداث والمصادر
search-placeholder = بحث
search-button = بحث
footer-built = أُنشئ باستخدام annals من سجلات مؤرَّخة موثَّقة المصادر.
footer-follow = تابِع:
footer-feed = موجز Atom
footer-calendar = التقويم
footer-timelinejs = بيانات TimelineJS
footer-data = كل البيانات (JSON)

## القوائم: الصفحة الرئيسية وصفحة كل مصطلح
events-count = { $n ->
    [zero] لا أحداث
    [one] حدث واحد
    [two] حدثان
    [few] { $n } أحداث
    [many] { $n } حدثًا
   *[other] { $n } حدث
}
page-of = الصفحة { $current } من { $total }: { $range }
pager-label = صفحات القائمة
pager-label-top = صفحات القائمة، فوقها
pager-range = الصفحة { $current } من { $total }: { $range }
list-title-page = { $title } — { $range } (الصفحة { $current } من { $total })
term-feed = الموجز
term-calendar = التقويم
axis-title = الخط الزمني: { $name }
axis-caption = كل علامة حدث، موضوعة بما يتناسب مع الزمن؛ الأشرطة فترات، والشريط المتلاشي لا يزال مستمرًا.
axis-caption-clustered = يعدّ كل عمود الأحداث التي تبدأ في فترته الزمنية ويقود إليها في القائمة؛ وتُرسم أهم الأحداث واحدًا واحدًا فوقها، والفترات أشرطةً.
axis-column-one = حدث واحد: { $from }
axis-column-day = { $n ->
    [two] حدثان: { $from }
    [few] { $n } أحداث: { $from }
    [many] { $n } حدثًا: { $from }
   *[other] { $n } حدث: { $from }
}
axis-column = { $n ->
    [two] حدثان، من { $from } إلى { $to }
    [few] { $n } أحداث، من { $from } إلى { $to }
    [many] { $n } حدثًا، من { $from } إلى { $to }
   *[other] { $n } حدث، من { $from } إلى { $to }
}
overview-title = موقع هذه الصفحة في الخط الزمني كله
overview-column = { $n ->
    [one] حدث واحد، { $from }، في الصفحة { $page }
    [two] حدثان ابتداءً من { $from }، في الصفحة { $page }
    [few] { $n } أحداث ابتداءً من { $from }، في الصفحة { $page }
    [many] { $n } حدثًا ابتداءً من { $from }، في الصفحة { $page }
   *[other] { $n } حدث ابتداءً من { $from }، في الصفحة { $page }
}

## الأحداث
ongoing = مستمر
draft = مسودة
sources-say = ما تقوله المصادر
read-in-context = اقرأ في السياق
filed-under = مصنَّف تحت
related-events = أحداث ذات صلة
previous-next = الحدث السابق والحدث التالي
previous = السابق
next = التالي

## ترجمة الاقتباس من المحررين: تُعرض بجانب الأصل.
quote-translation = ترجمة (من المحررين، ليست في المصدر):

## المصادر
source-kicker = مصدر
source-by = بقلم { $author }
read-original = اقرأ المقال الأصلي
citing-events = الأحداث التي تستشهد بهذا المصدر
quoted-in = مقتبس في
source-description = المصدر: { $title }
sources-title = المصادر
sources-page-title = المصادر — { $site }
sources-description = المصادر التي يستشهد بها { $site }
sources-lede = كل حدث في هذا الخط الزمني يذكر مصدره؛ وهذه هي المقالات والوثائق المستشهد بها.
cited-by = { $n ->
    [zero] لم يستشهد به أي حدث
    [one] استشهد به حدث واحد
    [two] استشهد به حدثان
    [few] استشهد به { $n } أحداث
    [many] استشهد به { $n } حدثًا
   *[other] استشهد به { $n } حدث
}

## التصنيفات: العناوين الافتراضية
taxonomy-tags = المواضيع
taxonomy-actors = الأشخاص والمنظمات
taxonomy-places = الأماكن

## البحث
search-title = بحث
search-page-title = بحث — { $site }
search-description = ابحث في أحداث { $site } ومصادره
search-nojs = يحتاج البحث إلى JavaScript، وهو معطَّل في هذا المتصفح. كل الأحداث موجودة في
search-nojs-timeline = الخط الزمني
search-nojs-indexes = ، والفهارس ترتبها حسب الموضوع:
search-more = عرض مزيد من النتائج

## صفحة العنوان غير الموجود
not-found-title = الصفحة غير موجودة
not-found-page-title = الصفحة غير موجودة — { $site }
not-found-before = لا توجد صفحة في هذا العنوان.
not-found-link = الخط الزمني
not-found-after = يسرد كل الأحداث.

## التواريخ: صياغة annals الخاصة حول أسماء الأشهر والأرقام من CLDR.
date-day-month-year = { $day } { $month } { $year }
date-day-month = { $day } { $month }
date-month-year = { $month } { $year }
date-season-year = { $season } { $year }
date-decade = عقد { $year }
date-since = منذ { $date }
date-unknown-end = { $date } – تاريخ مجهول
date-approximate = نحو { $date }
date-uncertain = { $date } (غير مؤكد)
date-bc = { $year } ق.م
date-across-year = على مدار عام { $year }
## قرن بأرقام غير محددة (19XX، -04XX): { $n } رقمه، و{ $roman } الرقم نفسه
## بالأرقام الرومانية.
date-century = القرن الـ{ $n }
date-century-bc = القرن الـ{ $n } ق.م
## الزمن السحيق (قبل 10٬000 ق.م)، معدودًا من الحاضر، و{ $n } مقرّب إلى ثلاثة
## أرقام معنوية: 12٬000 / 65 / 13.8.
date-years = { $n ->
    [one] سنة واحدة
    [two] سنتين
    [few] { $n } سنوات
   *[other] { $n } سنة
}
date-million-years = { $n ->
    [one] مليون سنة
    [two] مليوني سنة
    [few] { $n } ملايين سنة
   *[other] { $n } مليون سنة
}
date-billion-years = { $n ->
    [one] مليار سنة
    [two] ملياري سنة
    [few] { $n } مليارات سنة
   *[other] { $n } مليار سنة
}
## { $years } إحدى الرسائل الثلاث السابقة.
date-ago = قبل { $years }
date-approximate-ago = قبل نحو { $years }
date-spring = ربيع
date-summer = صيف
date-autumn = خريف
date-winter = شتاء

## annals.js، برنامج الصفحات: مرشّح القائمة وأزرار المحور.
annals-js-filter-form = تصفية الأحداث
annals-js-filter-label = تصفية
annals-js-filter-placeholder = العنوان أو الملخص أو المصطلحات
# On a term's list, whose cards show no summary.
annals-js-filter-placeholder-titles = العنوان أو المصطلحات
annals-js-tags-label = الموضوع
annals-js-tags-all = كل المواضيع
annals-js-actors-label = شخص أو منظمة
annals-js-actors-all = كل الأشخاص والمنظمات
annals-js-places-label = المكان
annals-js-places-all = كل الأماكن
annals-js-term-option = { $term } ({ $count })
annals-js-clear = مسح
annals-js-keys = المفاتيح: ينتقل j وk إلى الحدث التالي والسابق.
annals-js-keys-paged = يصفّي أحداث هذه الصفحة. المفاتيح: ينتقل j وk إلى الحدث التالي والسابق.
annals-js-showing = { $total ->
    [zero] لا أحداث
    [one] عرض { $shown } من حدث واحد
    [two] عرض { $shown } من حدثين
    [few] عرض { $shown } من { $total } أحداث
    [many] عرض { $shown } من { $total } حدثًا
   *[other] عرض { $shown } من { $total } حدث
}
annals-js-total = { $total ->
    [zero] لا أحداث
    [one] حدث واحد
    [two] حدثان
    [few] { $total } أحداث
    [many] { $total } حدثًا
   *[other] { $total } حدث
}
annals-js-all-of-term = كل الأحداث: { $term } ←
annals-js-search-pages = ابحث عن «{ $words }» في كل الصفحات ←
annals-js-filter-toggle = تصفية
annals-js-no-match = لا توجد أحداث مطابقة.
annals-js-clear-filters = إزالة عوامل التصفية
annals-js-axis-controls = تكبير المحور وتحريكه
annals-js-zoom-in = تكبير
annals-js-zoom-out = تصغير
annals-js-earlier = أقدم
annals-js-later = أحدث
annals-js-reset = إعادة الضبط
annals-js-reset-title = عرض الخط الزمني كله

## search.js، برنامج صفحة البحث.
search-js-too-short = اكتب كلمة أطول للبحث.
search-js-no-results = لا نتائج لـ«{ $query }». يجب أن تظهر كل كلمة في حدث أو مصدر؛ جرّب كلمات أقل.
search-js-results = { $n ->
    [zero] لا نتائج لـ«{ $query }».
    [one] نتيجة واحدة لـ«{ $query }».
    [two] نتيجتان لـ«{ $query }».
    [few] { $n } نتائج لـ«{ $query }».
    [many] { $n } نتيجةً لـ«{ $query }».
   *[other] { $n } نتيجة لـ«{ $query }».
}
search-js-many-prefixed = كلمات كثيرة تبدأ بـ«{ $word }»: لا يُبحث إلا عن «{ $word }» نفسها حتى تكتب المزيد.
search-js-not-loaded = تعذّر تحميل فهرس البحث ({ $error }). إعادة بناء الموقع تكتبه من جديد.
search-js-event = حدث
search-js-source = مصدر

## التضمين في مقال، والقصة
embed-this = تضمين هذا الخط الزمني
embed-help = الصق هذا في HTML مقالك. يتسع الإطار ليعرض كل محتواه؛ وحيث لا يُسمح بالنصوص البرمجية يبقى ارتفاعه { $height } بكسل.
embed-options = خيارات تضاف إلى عنوان المقتطف: ‎?start=ID‎ يفتح عند حدث، ‎?tags=ID‎ (أو actors أو places) يعرض أحداث مصطلح واحد، ‎?theme=light‎ أو ‎?theme=dark‎، ‎?height=500‎ لارتفاع ثابت.
embed-copy = نسخ المقتطف
embed-copied = تم النسخ
embed-frame-title = { $name }: خط زمني
embed-full = فتح الخط الزمني كاملًا
embed-earlier = أحداث سابقة
embed-later = أحداث لاحقة
story-link = اقرأه كقصة
story-title = { $site }: القصة
story-heading = القصة
story-start = ابدأ
story-position = { $current } من { $total }
story-slides = الشرائح
story-axis = موقع هذا الحدث على الخط الزمني
shown-most-important = أهم { $shown } من { $total } حدثًا
nearby = موقع هذا الحدث بين الأحداث المجاورة له
media-image = صورة
media-video = فيديو
media-audio = صوت
media-map = خريطة
media-link = رابط
axis-break = لا أحداث من { $from } إلى { $to }: حُذفت هذه الفترة من المحور
axis-caption-broken = تحذف الشرطة المزدوجة فترة طويلة بلا أحداث؛ ولكل فترة من الأحداث مقياسها وعلاماتها الخاصة.
