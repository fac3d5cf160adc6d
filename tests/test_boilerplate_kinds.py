"""Acceptance for issue 3 point 2: every kind of junk in two or more surface forms, in context.

tests/test_boilerplate.py tests single lines; here each case is a block of junk (one or
several lines) set between article paragraphs, and must be covered whole by spans of the
expected contract kind, with the paragraphs around it untouched.  The KEEP table holds
article paragraphs that merely contain what junk is made of (a date, a number list, the
word "comments", a "Read more" inside a quote ...): no span may touch them.
"""

from __future__ import annotations

import re

import pytest

from newsmill.boilerplate import detect_boilerplate
from newsmill.core import process_text

HEAD = (
    "Ministers agree on new Caspian transport corridor\n\n"
    "The ministers met in the capital on Tuesday to discuss the new transport corridor.\n\n"
    "Officials said the agreement would be signed before the end of the year.\n\n"
    "Trade between the two countries grew by a fifth last year, according to customs data.\n\n"
)
TAIL = (
    "\n\nBoth sides described the talks as constructive and forward-looking.\n\n"
    "Further meetings of the working groups are planned for the spring in Astana.\n\n"
    "Experts expect cargo volumes on the route to double within five years.\n"
)

# (issue kind, junk block, contract kind, reason)
KIND_CASES = [
    # headline lists with timestamps
    ("headlines", "12:40 Baku hosts forum\n11:05 Oil prices rise\n09:30 New ferry line opens", "related_headlines", "time first, one per line"),
    ("headlines", "Oil prices rise | 12.03.2024 10:05\nCaspian summit set | 11.03.2024 18:40\nFerry opens | 11.03.2024 09:15", "related_headlines", "stamp last after a pipe"),
    ("headlines", "Лента новостей 11.05.2024, 19:40 Токаев принял министров 11.05.2024, 17:15 В Алматы завершились переговоры 10.05.2024, 21:30 ЕС поддержал мирный процесс", "related_headlines", "run together on one line, dated"),
    ("headlines", "Главные новости: 18:45 В Алматы открылся кинофестиваль 17:30 Цены выросли 16:10 Гроза в Астане 15:00 Нацбанк сохранил ставку", "related_headlines", "run together on one line, times only"),
    ("headlines", "Latest Caspian ferry fares frozen until spring12/04/2025 11:20Aktau port opens a grain terminal12/04/2025 09:05Baku metro extends night service11/04/2025 22:40", "related_headlines", "run together, each date glued to its headline"),
    ("headlines", "Лента 18:45В Алматы открылся кинофестиваль 17:30Цены на бензин выросли 16:10Гроза в Астане 15:00Нацбанк сохранил ставку", "related_headlines", "run together, times glued to the headlines"),
    ("headlines", "Son Dakika\nBakan enflasyon hedefini açıkladı 05.06.2024 17:40\nMerkez Bankası faiz kararını duyurdu 05.06.2024 14:00\nAltın rekor kırdı 04.06.2024 19:15", "related_headlines", "heading over a dated list (tr)"),
    # flattened calendars
    ("headlines", "Из жизни региона\n14:20 В Актау открыли новую школу\n13:05 Паром вышел в рейс\n11:40 Цены на бензин выросли",
     "related_headlines", "a heading no word list names, over a stamped list in its block"),
    ("calendar", "Архив выпусков\nИюль 2025\nПн Вт Ср Чт Пт Сб Вс\n1 2 3 4 5 6", "calendar", "a heading no word list names, over the calendar in its block"),
    ("calendar", "Calendar\nMarch 2024\nMon Tue Wed Thu Fri Sat Sun\n1 2 3 4 5 6 7", "calendar", "English, spaced"),
    ("calendar", "Пн Вт Ср Чт Пт Сб Вс\n1 2 3 4 5 6 7 8 9 10 11 12 13 14", "calendar", "Russian, days on one line"),
    ("calendar", "Archive\nDecember 2024\nMonTueWedThuFriSatSun\n1234567891011121314", "calendar", "run-together rows"),
    # languages of the region added for holdout7 (Armenian, Tajik, Turkmen, Mongolian); Armenian's colon is '՝'
    ("calendar", "iýun 2025\nDu Si Ça Pe An Şe Ýe\n1 2 3 4 5 6 7\n8 9 10 11 12 13 14", "calendar", "Turkmen month and weekdays"),
    ("calendar", "März 2024\nM D M D F S S\n1 2 3\n4 5 6 7 8 9 10", "calendar", "German month, one-letter weekdays"),
    ("calendar", "Травень 2024\nПн Вт Ср Чт Пт Сб Нд\n1 2 3 4 5\n6 7 8 9 10 11 12", "calendar", "Ukrainian month and 'Нд'"),
    ("headlines", "Kasachisches Öl über Baku – 18. März 2024\nUsbekistan öffnet seinen Strommarkt – 11. März 2024\n"
     "Mit dem Nachtzug von Almaty nach Taschkent – 2. März 2024", "related_headlines", "German dates after the headlines"),
    ("counter", "Դիտումներ՝ 812", "counter", "Armenian views after the Armenian colon"),
    ("counter", "Сэтгэгдэл (4)", "comments", "Mongolian comment count"),
    ("read_also", "Կարդացեք նաև՝ Գյումրիի դրամատիկական թատրոնը վերաբացվում է", "related_headlines", "Armenian read-also"),
    ("read_also", "Инчунин хонед: Тарифи нерӯи барқ барои аҳолӣ тағйир меёбад", "related_headlines", "Tajik read-also"),
    ("read_also", "➜ Shuningdek o'qing: Paxta xomashyosini sotish tartibi kengaytirildi", "related_headlines", "an arrow before the cue (uz)"),
    ("read_also", "► Читайте также: Паромное сообщение возобновлено", "related_headlines", "a pointer before the cue (ru)"),
    ("read_also", "ОҚИ ОТЫРЫҢЫЗ ► Қазақстан құрамасы Азия чемпионатында 4 медаль жеңіп алды", "related_headlines", "a pointer after the cue (kk, capitals)"),
    ("read_also", "İLGİLİ HABER ► Orta Koridor'da yük taşımacılığı arttı", "related_headlines", "a pointer after the cue (tr)"),
    ("read_also", "📌 Also read: Aktau port opens a grain terminal", "related_headlines", "a pin before the cue"),
    ("breadcrumb", "Bosh sahifa ›› Yangiliklar ›› Tibbiyot", "navigation", "doubled pointers between the segments"),
    ("breadcrumb", "Home >> News >> Health", "navigation", "doubled '>' between the segments"),
    ("promo", "REKLAMA ▼", "footer", "an advertising label with a dropdown mark"),
    ("promo", "Реклама ▾", "footer", "an advertising label with a small dropdown mark (ru)"),
    ("caption", "Gantry cranes at the new berth of the Aktau seaport. Photo © CFR / Nurlan Kenzhegaliyev", "photo_credit", "a caption ending in 'Photo ©'"),
    ("caption", "Мәре сызығы Тәуелсіздік сарайының алдында. Сурет: SportArena.kz / Әлібек Жанұзақ", "photo_credit",
     "a credit naming the site by its domain (kk)"),
    ("caption", "«Манас Ордо» комплексиндеги ачылыш аземи. Сүрөт: Маданият.kg / Таалай Осмонов", "photo_credit",
     "a caption holding a quoted name, its credit a domain (ky)"),
    ("bio", "Нұрсұлтан Әбдірахманов — SportArena.kz тілшісі, жеңіл атлетика мен велоспорт тақырыбына жазады.", "author_bio",
     "a bio opening with a name in Kazakh capitals"),
    ("bio", "Աննա Պետրոսյան — Իրավունք.am-ի դատական թղթակից։ 2017 թվականից լուսաբանում է վարչական և քրեական գործեր։", "author_bio",
     "an Armenian bio without a label"),
    ("bio", "ნინო ბერიძე — „ახალი ამბების“ რეგიონული კორესპონდენტი. აშუქებს ინფრასტრუქტურას, ამინდსა და საგზაო უსაფრთხოებას.",
     "author_bio", "a Georgian bio without a label (the script has no capitals)"),
    ("share", "Share:  in  f  𝕏  ✉  🔗", "share", "a share label over buttons drawn as letters and pictographs"),
    ("share", "Yangiliklarni Telegram’da kuzatib boring 👉 @soglomhayot_uz", "share", "a network and the account a pointer shows (uz)"),
    ("share", "Наш Telegram-канал: t.me/caspianwire", "share", "a network and its link after a colon (ru)"),
    ("footer", "Sayt haqida · Reklama · Tahririyat · Maxfiylik siyosati\n© 2018–2026 Sog‘lom hayot. Barcha huquqlar himoyalangan.",
     "footer", "the footer's links above its notice (uz)"),
    ("footer", "© 2025 Kaspi Zeitung. Alle Rechte vorbehalten.\nÜber uns · Impressum · Datenschutz · Kontakt", "footer",
     "the footer's links below its notice (de)"),
    ("share", "Поделиться:  ВК  ОК  TG  ✉", "share", "a share label over abbreviated network buttons (ru)"),
    ("breadcrumb", "Home ● Politics ● Economy ● Business ● Sport ● World", "navigation", "a menu parted by black circles"),
    ("share", "Google News’te Takip Et", "share", "follow prompt naming Google News (tr)"),
    ("share", "Follow us on Google News", "share", "follow prompt naming Google News (en)"),
    ("pagination", "Back to top ↑", "navigation", "a back-to-top link with its arrow"),
    ("pagination", "▲ Վերև", "navigation", "a back-to-top link with the arrow before it (hy)"),
    ("pagination", "↑ Наверх", "navigation", "back to top (ru)"),
    ("pagination", "Nach oben ↑", "navigation", "back to top (de)"),
    ("interface", "Դուք կարդում եք՝", "footer", "'you are reading' with the Armenian colon"),
    ("tags", "Պիտակներ՝ կինո, փառատոն, Երևան", "tags", "Armenian tags"),
    ("footer", "© «Овози Вахш», 2008–2025. Ҳамаи ҳуқуқҳо ҳифз шудаанд.", "footer", "Tajik rights notice"),
    ("calendar", "Дс Сс Ср Бс Жм Сн Жс\n1 2 3 4 5 6 7", "calendar", "Kazakh weekdays"),
    # counters
    ("counter", "Views: 1 204", "counter", "label then spaced number"),
    ("counter", "Просмотров: 2 874   Комментариев: 5", "counter", "two counters apart by a wide gap (ru)"),
    ("counter", "Baxış: 1 204    Şərh: 3", "counter", "two counters apart by a wide gap (az)"),
    ("counter", "Like 245 · Share 31", "counter", "like and share counts on one line"),
    ("counter", "Baxış sayı: 3412", "counter", "Azerbaijani views"),
    ("counter", "👁 8 212 💬 14", "counter", "pictograph counters"),
    ("counter", "12 comments", "comments", "comment count"),
    ("counter", "Переглядів: 912", "counter", "Ukrainian views"),
    ("counter", "👁 1 412 | ⏱ 4 мин", "counter", "a pictograph count beside a reading time"),
    ("counter", "阅读 1.5万 | 评论 23", "counter", "Chinese counts, ten-thousands"),
    ("counter", "Okunma: 2.104 | Okuma süresi: 4 dk", "counter", "views and a labelled reading time (tr)"),
    ("counter", "⏱ 6 min read · 👁 2,210 views", "counter", "reading time and views, pictographs"),
    ("counter", "Реакция читателей: 👍 15 😡 2 😂 7", "counter", "a labelled row of reactions"),
    ("counter", "What do you think?\n👍 40 ❤️ 12 😮 3", "counter", "reactions under their question"),
    ("counter", "Izohlar: 7", "comments", "Uzbek comment count"),
    ("counter", "Réagir · 23 contributions", "comments", "French prompt, then the count"),
    ("counter", "Leave a comment | 3 comments", "comments", "English prompt, then the count"),
    ("counter", "4 Gedanken zu „Kasachisches Öl über Baku: Warum die BTC-Route wieder interessant wird“", "comments",
     "a thread heading naming the post (WordPress, de), longer than a counter"),
    ("counter", "One thought on “Ferry line to Aktau reopens”", "comments", "a thread heading naming the post (en)"),
    ("counter", "Schreibe einen Kommentar", "comments", "comment prompt (de)"),
    ("counter", "Deja una respuesta", "comments", "comment prompt (es)"),
    ("counter", "Комментарии (2)\nАлия К. | 12.05.2025 10:14\nХорошая новость для Мангистау.\ngost | 12.05.2025 11:02\nКогда запустят паром?",
     "comments", "a comment thread under its heading"),
    # breadcrumbs
    ("breadcrumb", "Home › World › Asia", "navigation", "› separated"),
    ("breadcrumb", "Главная / Новости / Экономика", "navigation", "slash separated, Russian"),
    ("breadcrumb", "Anasayfa > Ekonomi > Haber", "navigation", "> separated, Turkish"),
    ("breadcrumb", "Ana səhifə / İqtisadiyyat", "navigation", "two segments from the home page, slash separated"),
    # share / follow / subscribe
    ("share", "Share on Facebook", "share", "share button"),
    ("share", "Bizi Telegram-da izləyin", "share", "follow prompt naming a network (az)"),
    ("share", "Подписывайтесь на наш Telegram-канал", "share", "Russian subscribe prompt"),
    ("share", "Facebook Twitter LinkedIn Email", "share", "bar of networks"),
    ("share", "Haberi Facebook ve X'te paylaşın", "share", "share verb closing the line, networks inside (tr)"),
    ("share", "Поделиться статьёй: Telegram WhatsApp Почта Копировать ссылку", "share", "share verb, networks and other buttons (ru)"),
    ("share", "Teilen mit: Facebook X E-Mail Drucken", "share", "WordPress share label (de), a print button after the networks"),
    ("share", "Partager sur : Facebook, X, LinkedIn", "share", "share label (fr)"),
    # cookie banners
    ("cookie", "We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies.\nAccept all", "footer", "English banner and button"),
    ("cookie", "Bu sitede çerezler kullanılmaktadır. Siteyi kullanmaya devam ederek çerez politikamızı kabul etmiş olursunuz.\nKabul et", "footer", "Turkish banner and button"),
    ("cookie", "Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с этим.", "footer", "Russian banner"),
    ("cookie", "Diese Website verwendet Cookies, um Ihnen den bestmöglichen Service zu bieten.", "footer", "German banner, the word inside a longer one"),
    ("cookie", "Saytimiz cookie-fayllardan foydalanadi. Batafsil: maxfiylik siyosati.", "footer", "Uzbek banner naming the site"),
    ("cookie", "Ta strona używa ciasteczek w celach statystycznych.\nOK", "footer", "Polish banner, inflected stem, button"),
    ("cookie", "ჩვენ ვიყენებთ ქუქი-ფაილებს საიტის გაუმჯობესებისთვის. საიტის გამოყენების გაგრძელებით თქვენ ეთანხმებით ჩვენს წესებს.",
     "footer", "Georgian banner speaking for the site, a long line"),
    ("cookie", "Биз cookie файлдарын колдонобуз. Сайтты колдонуу менен сиз буга макул болосуз.", "footer", "Kyrgyz banner"),
    ("cookie", "Մենք օգտագործում ենք cookie ֆայլեր՝ կայքի աշխատանքը բարելավելու համար։ Շարունակելով՝ դուք համաձայնում եք։",
     "footer", "Armenian banner"),
    # read also / related
    ("read_also", "Read also: Caspian states discuss energy bridge", "related_headlines", "inline cue"),
    ("read_also", "Lesen Sie auch: Kasachstan baut neuen Hafen am Kaspischen Meer", "related_headlines", "German cue"),
    ("read_also", "Lire aussi | Le Turkménistan relance le gazoduc transcaspien", "related_headlines", "cue and headline parted by a bar (fr)"),
    ("read_also", "Окуңуз: Бишкекте жаңы мектеп ачылды", "related_headlines", "Kyrgyz cue"),
    ("read_also", "Читайте также: Правительство продлило мораторий", "related_headlines", "Russian cue"),
    ("read_also", "See also:\nKazakhstan picks nuclear site 24.05.2024 10:00\nKyrgyzstan studies reactors 20.05.2024 15:30\nRosatom expands 18.05.2024 09:15", "related_headlines", "bare cue over stamped headlines (cue must not leak)"),
    ("read_also", "Related\nTokayev to visit Baku in spring\nAzerbaijan opens new ferry terminal", "related_headlines", "bare cue over plain headlines"),
    # photo captions and credits
    ("caption", "Photo: Reuters / Pavel Mikheyev", "photo_credit", "credit line"),
    ("caption", "Orol dengizi qirg‘og‘i. Surat: Ahmad Karimov", "photo_credit", "caption ending in an Uzbek credit"),
    ("caption", "The view of the coast from the air. (Photo: Getty Images)", "photo_credit", "caption ending in a bracketed credit"),
    ("caption", "Kokpar players in Shymkent / Photo by Erlan Omarov", "photo_credit", "caption ending in 'Photo by'"),
    ("caption", "Dancers in Republic Square. © Kazinform", "photo_credit", "caption ending in a © credit"),
    ("caption", "Wrestlers warm up before the final in Shymkent\nФото: пресс-служба федерации", "photo_credit", "caption above its credit line, a figure block of its own"),
    # tag lists
    ("tags", "Tags: Kazakhstan, central bank, inflation", "tags", "labelled, comma separated"),
    ("tags", "#вода #субсидии #сельское_хозяйство", "tags", "hashtags"),
    ("tags", "Etiketler\nAzerbaycan\ndoğalgaz\nenerji", "tags", "bare heading, one tag per line (tr)"),
    ("tags", "Açar sözlər: Bakı, nəqliyyat, avtobus", "tags", "Azerbaijani keywords"),
    ("tags", "Мітки: Каспій, порти, логістика", "tags", "Ukrainian labels"),
    ("tags", "Kategorie: Energie", "tags", "a category label with one item (de)"),
    ("tags", "Catégories : Énergie, Asie centrale", "tags", "category label (fr)"),
    # author bios
    ("bio", "About the author: Jane Doe covers energy for the paper from Almaty.", "author_bio", "labelled"),
    ("bio", "Об авторе: Айгерим Сейткали — корреспондент отдела экономики.", "author_bio", "labelled, Russian"),
    ("bio", "Müəllif haqqında\nLeyla Məmmədova iqtisadiyyat mövzularında yazan jurnalistdir.", "author_bio", "bare heading over the bio (az)"),
    ("bio", "Über die Autorin\nKatharina Weller lebt seit 2015 in Almaty und schreibt über Energie.", "author_bio", "bare heading (de)"),
    ("bio", "À propos de l'auteur : Anne Marchal couvre l'Asie centrale depuis Almaty.", "author_bio", "labelled (fr)"),
    # copyright and footer lines
    ("footer", "© 2024 Caspian Times. All rights reserved.", "footer", "copyright"),
    ("footer", "Все права защищены. Использование материалов разрешено только при наличии ссылки.", "footer", "Russian rights notice"),
    ("footer", "Tüm hakları saklıdır © 2024 Ekonomi Gazetesi", "footer", "Turkish rights notice"),
    ("footer", "Published by Steppe Media. © Steppe Media Group Ltd 2024", "footer", "the owner's name between the mark and the year"),
    ("footer", "Усі права захищені. При передруці посилання на джерело обов'язкове.", "footer", "Ukrainian rights and reprint notice"),
    ("footer", "При полном или частичном использовании материалов ссылка на сайт обязательна.", "footer",
     "Russian reprint notice with words inside the phrase"),
    ("footer", "© 2015–2025 «Вести Степи». Свидетельство о постановке на учёт СМИ № KZ45VPY00098765 выдано Министерством "
     "информации и общественного развития РК 02.06.2015.", "footer", "a media registration notice after the mark"),
    ("footer", "Steppe Daily is registered as a mass media outlet, certificate No. 14521-IA.", "footer",
     "English media registration notice"),
    # pagination
    ("pagination", "1 2 3 4 5", "navigation", "page numbers"),
    ("pagination", "Page 1 of 3", "navigation", "page x of y"),
    ("pagination", "Страница 1 из 2", "navigation", "Russian page x of y"),
    ("pagination", "Сүрөт 3 / 12", "navigation", "a gallery's position (ky)"),
    ("pagination", "Next page »", "navigation", "next-page link"),
    # language switchers
    ("languages", "EN RU AZ", "navigation", "codes"),
    ("languages", "ҚАЗ | РУС | ENG", "navigation", "Cyrillic codes, piped"),
    ("languages", "Türkmençe\nРусский\nEnglish\n中文", "navigation", "one language per line"),
    ("languages", "ҚАЗ\nРУС\nENG", "navigation", "codes one per line"),
    ("widget", "Сешанбе, 9 сентябри 2025   Душанбе +31°   1 USD = 10,9512 сомонӣ   1 EUR = 12,8240",
     "widget", "a header strip with wide gaps, rates as '1 USD = ...' (tg)"),
    ("widget", "Вақти намоз: Бомдод 04:18 • Пешин 12:48 • Аср 16:51 • Шом 18:57 • Хуфтан 20:24", "widget",
     "a prayer-times strip after its label"),
    ("widget", "Fajr 04:21 · Dhuhr 13:07 · Asr 17:02 · Maghrib 20:11", "widget", "prayer times without a label"),
    # currency and weather widgets
    ("widget", "USD 470,25 ▲ EUR 512,10 ▼ RUB 5,21", "widget", "currency strip with arrows"),
    ("widget", "Пт, 7 марта 2025 | Астана −8°C, снег | USD 497,20 | EUR 538,40", "widget", "a strip of date, weather and rates"),
    ("widget", "Gold $2,345.10 +0.4% · Silver $29.80 −0.3% · Copper $4.41 +1.1%", "widget", "a ticker of quotes"),
    ("widget", "Poll\nShould the Kuryk ferry run all year?\nYes\nNo\nNot sure\nVote | Results", "widget", "a reader poll, one option per line"),
    ("widget", "Опрос\nНужен ли второй паром до Баку?\nДа\nНет\nГолосовать\nРезультаты", "widget", "a poll whose buttons stand one per line"),
    ("widget", "Exchange rates\nUSD 512,40\nEUR 581,15\nRUB 6,21", "widget", "a rate table under its heading"),
    ("widget", "Weather in Aktau\nToday +12° / +3°\nFriday +9° / +1°", "widget", "a forecast under its heading"),
    ("widget", "Watch the video\n00:00 / 03:12", "widget", "a video player's clock and label"),
    ("widget", "Sondage Faut-il prolonger la ligne de ferry ? Oui Non Je ne sais pas", "widget", "a poll flattened onto one line (fr)"),
    ("widget", "Курс ЦБ: USD 91,78 EUR 98,96", "widget", "labelled central-bank rates"),
    ("widget", "USD/KZT 478.12  EUR/KZT 519.40", "widget", "currency pairs"),
    ("widget", "Almaty +5°C  Astana -8°C  Shymkent +11°C", "widget", "weather strip"),
    ("widget", "İstanbul 18°C Parçalı bulutlu", "widget", "weather with a condition"),
    # ads, spinners, promos
    ("interface", "Advertisement", "footer", "ad slot"),
    ("interface", "Réservé aux abonnés", "footer", "a paywall label (fr)"),
    ("interface", "A- A+ Yazdır", "footer", "font-size and print tools"),
    ("interface", "— Реклама —", "footer", "ad slot between dashes"),
    ("interface", "Yükleniyor...", "footer", "Turkish spinner"),
    ("interface", "Gefällt mir Wird geladen …", "footer", "WordPress like button and its spinner (de)"),
    ("interface", "Like this:", "footer", "WordPress like label (en)"),
    ("interface", "▶ Смотреть прямой эфир", "footer", "a live-stream button under a play sign (ru)"),
    ("interface", "Load more updates", "footer", "a live blog's button"),
    ("footer", "Мнение редакции может не совпадать с мнением авторов и героев публикаций.", "footer", "the editors' disclaimer (ru)"),
    ("footer", "The views expressed in this article are those of the author.", "footer", "the editors' disclaimer (en)"),
    ("counter", "Vizualizări: 2.341", "counter", "Romanian views"),
    ("share", "Жаңалықты достарыңызбен бөлісіңіз", "share", "share the news with your friends (kk)"),
    ("interface", "Skip to content", "footer", "skip link"),
    ("promo", "Sign up for our newsletter", "promo", "newsletter"),
    ("promo", "Telegram kanalimizga obuna bo'ling: t.me/iqtisoduz — eng muhim yangiliklar", "promo", "a channel promo (uz)"),
    ("promo", "Sie möchten weiterlesen? Testen Sie jetzt 4 Wochen für 0,99 €.", "promo", "a paywall offer (de)"),
    ("promo", "Abonnez-vous au Courrier d'Asie centrale : 1 € le premier mois, sans engagement.", "promo", "a subscription offer (fr)"),
    ("promo", "E-bültenimize kaydolun, günün özeti her sabah e-postanızda olsun.", "promo", "a newsletter prompt (tr)"),
    ("promo", "Біздің жаңа қосымшамыз:\nApp Store-дан жүктеу\nGoogle Play-ден алу", "promo", "a label over app-store badges"),
    ("promo", "Download the Caspian Post app on iOS and Android", "promo", "app promo, verb and app apart"),
    ("promo", "Скачайте наше мобильное приложение", "promo", "Russian app promo"),
    # separators
    ("separator", "***", "separator", "asterisks"),
    ("separator", "• • •", "separator", "bullets"),
    ("separator", "=====", "separator", "equals rule"),
    ("separator", "⁂", "separator", "a lone asterism between sections"),
    ("separator", "❧", "separator", "a lone fleuron"),
]


def _covered_by(text: str, start: int, end: int, spans, kind: str) -> bool:
    """Every non-space character of text[start:end] lies in a span of `kind`."""
    for m in re.finditer(r"\S+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if not any(s.kind == kind and s.start <= a and b <= s.end for s in spans):
            return False
    return True


def assert_block_labelled_whole(block: str, kind: str, reason: str) -> None:
    """`block` set between the article paragraphs is covered whole by spans of `kind`, nothing else labelled."""
    text = HEAD + block + TAIL
    start = len(HEAD)
    end = start + len(block)
    spans = detect_boilerplate(text)
    assert _covered_by(text, start, end, spans, kind), (
        f"{reason}: {[(s.kind, s.rule, text[s.start:s.end]) for s in spans]}"
    )
    outside = [s for s in spans if s.start >= 1 and (s.end <= start or s.start >= end)
               and s.start > HEAD.index("\n")]  # the headline line is the title, not a span
    assert outside == [], f"{reason}: a span outside the junk block: {outside}"


def assert_paragraph_kept(paragraph: str, reason: str) -> None:
    """No span touches `paragraph` set between the article paragraphs."""
    text = HEAD + paragraph + TAIL
    start = len(HEAD)
    hit = [s for s in detect_boilerplate(text) if s.start < start + len(paragraph) and start < s.end]
    assert hit == [], f"{reason}: {hit}"


@pytest.mark.parametrize("issue_kind,block,kind,reason", KIND_CASES)
def test_junk_block_is_labelled_whole(issue_kind: str, block: str, kind: str, reason: str) -> None:
    assert_block_labelled_whole(block, kind, f"{issue_kind} ({reason})")


def test_every_issue_kind_has_two_forms() -> None:
    counts: dict[str, int] = {}
    for issue_kind, *_ in KIND_CASES:
        counts[issue_kind] = counts.get(issue_kind, 0) + 1
    kinds = set(counts) | {kind for *_, kind, _ in REPEAT_PAGES}
    assert len(kinds) >= 19 and min(counts.values()) >= 2, counts  # 17 block kinds + repeated title and lede


_LEDE = ("The ferry line between Kuryk and Alat will reopen on Monday after a two-week pause for repairs, "
         "the port authority said.")

# Page-level kinds: where the junk is matters as much as what it is.
REPEAT_PAGES = [
    # (page, copy that must be labelled, kind, reason)
    (HEAD + "MINISTERS AGREE ON NEW CASPIAN TRANSPORT CORRIDOR" + TAIL, "MINISTERS AGREE ON NEW CASPIAN TRANSPORT CORRIDOR", "repeated_title", "title repeated in capitals"),
    ("Ministers agree on new Caspian transport corridor\nMinisters agree on new Caspian transport corridor\n\n" + HEAD.split("\n\n", 1)[1] + TAIL,
     "Ministers agree on new Caspian transport corridor", "repeated_title", "title printed twice at the top"),
    ("Short item on the water forum\n\nBaku will host a regional forum on water security on October 8-9, the ministry said on Tuesday.\n\n"
     "The forum will discuss the Caspian Sea level.\n\n=====\n\nBaku will host a regional forum on water security on October 8-9, the ministry said on Tuesday.\n",
     "Baku will host a regional forum on water security on October 8-9, the ministry said on Tuesday.", "repeated_lede", "short page: the lede itself is among the last lines"),
    (HEAD + "Both sides described the talks as constructive.\n\n"
     "The ministers met in the capital on Tuesday to discuss the new transport corridor.\n© 2024 Caspian Times\n",
     "The ministers met in the capital on Tuesday to discuss the new transport corridor.", "repeated_lede", "lede repeated above the copyright"),
    ("\n".join(["Home", "News", "Politics", "Economy", "Energy", "Transport", "Regions", "World", "Sport",
                "Culture", "Opinion", "Video", "Photo"]) + "\n\nFerry line to reopen\n\n" + _LEDE + "\n\n" + TAIL.strip() + "\n\n" + _LEDE + "\n\n"
     "Share: Facebook Telegram WhatsApp\nTags: ferry, Caspian\nLatest news\n10:05 Grain exports rise\n"
     "09:40 New metro line opens\n09:10 Weather warning for Aktau\n08:55 Flights resume\n© 2024 Caspian Times\n",
     _LEDE, "repeated_lede", "lede repeated as the last paragraph, a long menu above and many lines of junk below"),
]


@pytest.mark.parametrize("page,copy,kind,reason", REPEAT_PAGES)
def test_repeated_title_and_lede(page: str, copy: str, kind: str, reason: str) -> None:
    start = page.rindex(copy)
    spans = detect_boilerplate(page)
    assert _covered_by(page, start, start + len(copy), spans, kind), f"{reason}: {spans}"
    first = page.index(copy) if page.index(copy) != start else 0  # a copy in other case: the title line
    assert not any(s.start < first + len(copy) and first < s.end for s in spans), "the first copy is content"


# Article paragraphs that merely contain what junk is made of: never labelled.
KEEP = [
    ("The deal was signed on 10 March 2024 and takes effect on 1 January 2025.", "dates inside a sentence"),
    ("Exports rose to 12, 15, 18 and 21 million tonnes in 2020, 2021, 2022 and 2023.", "a list of numbers and years"),
    ("The ministry has not responded to requests for comments on the price.", "the word comments"),
    ("He said 11 comments had been received from the public by Friday.", "a comment count inside prose"),
    ("Réagir vite : 23 contributions au fonds ont été versées avant lundi.", "a prompt word and a count in a French sentence"),
    ("Teilen mit den Nachbarn will Kasachstan vor allem das Wasser des Ili, sagte der Minister.", "a share label opening a German sentence"),
    ("- 24 шілде, бейсенбі: +38…+40°;", "a forecast list item: a degree sign is a unit, not an icon of a counter"),
    ("The ferry leaves Aktau at 09:00, Kuryk at 11:30, Alat at 21:15 and returns on Friday.", "times in a sentence"),
    ("Փառատոնը կանցկացվի հուլիսի 6-ից 13-ը, հայտնել են կազմակերպիչները՝ նշելով, որ դիտումներ կլինեն նաև Գյումրիում։",
     "an Armenian sentence with the Armenian colon, a counter noun and the Armenian full stop"),
    ("Like this year's talks, the next round will be held in Baku, officials said.", "'Like this' opening a sentence"),
    ("3 comments on “the draft law” reached the ministry before the deadline, officials said.", "a count, 'comments on' and a quote in prose"),
    ('"Read more contracts, not more memoranda," one logistics executive said.', "Read more inside a quote"),
    ("Photo opportunities were limited at the signing because of rain.", "Photo opens a sentence"),
    ("Tags on imported newsprint will be cut from 12% to 5%, the minister said.", "Tags opens a sentence"),
    ("Follow-up talks with media owners are planned for next month.", "Follow opens a sentence"),
    ("Download speeds in rural areas averaged 18, 22 and 25 Mbps, the ministry said.", "Download opens a sentence"),
    ("The temperature in the hall was 30°C, and several journalists left early.", "a temperature inside prose"),
    ("The tenge traded at 478 per USD and 519 per EUR on Friday, dealers said.", "currencies inside prose"),
    ("Balayeva is a journalist by training who covered parliament for a decade.", "a person in the story who is a journalist"),
    ("Latest figures show the port handled 2.7 million tonnes in 2023.", "Latest opens a sentence"),
    ("Page after page of the report lists delays at the border crossings.", "Page opens a sentence"),
    ("Share prices rose 5% on Monday after the announcement.", "Share opens a sentence"),
    ("The A320neo jets, delivered in 2023, fly the Almaty-Baku route twice a day at 10:15 and 18:40.", "digits inside words and times in prose"),
    ("Facebook share price falls after Telegram launches a rival service", "a headline naming networks and the word share"),
    ("Exports +12% | Imports −3% | Balance +9%", "a row of changes in an article's table"),
    ("Kazakhstan / Azerbaijan", "two country names with a slash (no home page first)"),
    ("Poll workers in Almaty counted the ballots through the night, officials said.", "Poll opens a sentence"),
    ("Survey data published on Monday show that exports rose by a fifth.", "Survey opens a sentence"),
    ("Fans who bought tickets online complained that the federation's website kept asking them to accept cookies before every page.",
     "news about a site's cookie prompts (third person, prose)"),
    ("$ 74 | € 80 | ₸ 512", "currency signs with figures are not view counts"),
    ("Bakers in Shymkent sold cookies and pastries worth 2 million tenge at the autumn fair, organisers said.", "cookies in a news sentence"),
    ("Самые высокие зарплаты, 412 тысяч тенге, отмечены в Атырау 27 февраля 2025 года.", "Russian sentence with a date and numbers"),
    ("1. April 2025 – dredging of the approach channel to 7.5 metres;\n2. February 2026 – commissioning of the quay wall;\n"
     "3. September 2026 – delivery of cranes from Shanghai;\n4. December 2026 – full opening of the yard.",
     "a numbered timeline of the project, dated items ending in ';'"),
    ("1. Эванс Кипроно (Кения) — 2:08:41\n2. Абебе Дересса (Эфиопия) — 2:09:15\n3. Шадияр Төлеуов (Қазақстан) — 2:13:02",
     "a numbered results table with finishing times"),
    ("- 12 March 2025 – the tender is announced;\n- 30 April 2025 – bids close;\n- 15 June 2025 – the contract is signed;",
     "a bulleted timeline whose dated items end in ';'"),
    ("Share: the ministry said the stake would be sold to a strategic investor by June.", "a 'Share:' label over prose"),
    ("პარლამენტმა მიიღო კანონი ქუქი-ფაილების შესახებ: საიტები ვალდებულნი იქნებიან, მომხმარებლის თანხმობა მიიღონ, განაცხადეს სამინისტროში.",
     "Georgian news about a cookie law (third person)"),
    ("Share: 12 % of the fund, the rest in bonds.", "a share figure after the word"),
    ("The ministry posted the decree on its Telegram channel @minfin_kz", "a network and a handle in a sentence"),
    ("Exports  2 874   Imports  1 204", "a table row of figures apart by wide gaps"),
    ("Наверх списка поднялись цены на бензин, сообщили в министерстве.", "'Наверх' opening a sentence"),
    ("“We will finish the terminal by spring,” the port director said. Photo opportunities were limited: Reuters",
     "speech in quotes before a credit-like ending"),
    ("ნინო ბერიძე, რეგიონის გუბერნატორი, ამბობს, რომ გზა ხვალ გაიხსნება.", "a Georgian sentence opening with a person's name"),
]


@pytest.mark.parametrize("paragraph,reason", KEEP)
def test_article_paragraph_is_kept(paragraph: str, reason: str) -> None:
    assert_paragraph_kept(paragraph, reason)


def test_paragraph_above_a_credit_in_an_unbroken_page_is_kept() -> None:
    """Without blank lines every line shares one block: the line above a credit is not taken for
    its caption (it may be a paragraph)."""
    paragraph = "The ministers signed the memorandum after two hours of talks."
    text = HEAD.replace("\n\n", "\n") + paragraph + "\nPhoto: Reuters\n" + TAIL.replace("\n\n", "\n")
    start = text.index(paragraph)
    spans = detect_boilerplate(text)
    assert not [s for s in spans if s.start < start + len(paragraph) and start < s.end]
    assert any(text[s.start:s.end] == "Photo: Reuters" for s in spans)


def test_comment_thread_stops_at_the_last_comment_in_an_unbroken_page() -> None:
    """Without blank lines the thread's block runs on: after the last commenter's line only one
    line (the comment) is taken, and the article lines after it stay."""
    after = ["The ministry said the new ferry schedule will be published next week.",
             "Operators expect the first sailings to be fully booked.",
             "Port officials said a second berth would open in the autumn.",
             "Freight rates have fallen by a tenth since the spring.",
             "The next round of talks is planned for June."]
    text = ("Ferry talks resume\nThe ministers met on Tuesday.\nComments (2)\nAlia · 12 May 2025, 10:14\nGood news.\n"
            "Serik · 12 May 2025, 11:02\nFinally.\n" + "\n".join(after) + "\n")
    spans = detect_boilerplate(text)
    assert any(s.rule == "comment_thread" for s in spans)
    kept = [line for line in after if not any(s.start <= text.index(line) < s.end for s in spans)]
    assert kept == after, kept


def test_line_above_a_stamped_list_in_another_block_is_kept() -> None:
    """Only a line in the list's own block heads it: a short paragraph before a blank line stays."""
    short = "Talks resume in June"
    text = HEAD + short + "\n\n14:20 School opens in Aktau\n13:05 Ferry sails again\n11:40 Petrol prices rise" + TAIL
    spans = detect_boilerplate(text)
    at = text.index(short)
    assert not any(s.start <= at < s.end for s in spans)
    assert any(s.kind == "related_headlines" for s in spans)


def test_unlabelled_bio_as_the_last_paragraph_with_a_long_footer() -> None:
    """'Name is a correspondent covering ...' closing the article is a bio, however many footer lines
    follow it (it used to be looked for among the last 6 lines only)."""
    bio = ("Dana Omarova is an Almaty-based correspondent covering trade and transport. "
           "She has reported from the Caspian ports since 2019.")
    footer = "\n".join(["Share: Facebook Telegram", "Tags: ports, trade", "Latest news", "10:05 Grain exports rise",
                        "09:40 New metro line opens", "09:10 Weather warning", "© 2024 Caspian Times", "Contacts | Advertising"])
    text = HEAD + TAIL.strip() + "\n\n" + bio + "\n\n" + footer + "\n"
    spans = detect_boilerplate(text)
    assert any(s.kind == "author_bio" and s.start <= text.index(bio) < s.end for s in spans)
    assert not any(s.start <= text.index("Experts expect") < s.end for s in spans)


def test_a_read_also_insert_ends_at_a_blank_line() -> None:
    """'Related news' / a headline, then a blank line and the article's own subheading: the
    insert's cue shares its block with its headline, so the next block is the article's."""
    sub = "Ferry queues at Aktau"
    text = HEAD + "Related news\nBaku-Tbilisi-Kars line doubles its trains\n\n" + sub + "\n\n" + TAIL.strip() + "\n"
    spans = detect_boilerplate(text)
    at = text.index(sub)
    assert not any(s.start <= at < s.end for s in spans)
    assert any(s.rule == "read_also_cue" and s.start <= text.index("Baku-Tbilisi") < s.end for s in spans)


def test_bio_under_a_line_that_is_only_the_name() -> None:
    """An author box below the article: the name alone on a line, then the role and beat; its
    'Follow' link is interface."""
    box = "Dana Omarova\nCorrespondante à Almaty depuis 2019, elle couvre l'énergie.\nSuivre"
    long = ("The ministry said the ferry line would run twice a week from May, and that cargo operators "
            "had already booked most of the first month's capacity.")
    text = HEAD + long + TAIL + "\n" + box + "\n\nNewsletter\n"
    spans = detect_boilerplate(text)
    start = text.index("Dana Omarova")
    assert _covered_by(text, start, start + len(box), spans, "author_bio") or all(
        any(s.start <= text.index(part) < s.end for s in spans) for part in box.split("\n"))
    assert any(s.kind == "author_bio" and s.start == start for s in spans)


@pytest.mark.parametrize("row, stamp, counters", [
    ("14.03.2024, 11:20 | Просмотров: 1 874 | Комментариев: 3", "14.03.2024, 11:20", "Просмотров: 1 874 | Комментариев: 3"),
    ("March 4, 2024 · 1.2K views · 14 comments", "March 4, 2024", "1.2K views · 14 comments"),
    ("5 min read • 14.03.2024 10:15", "14.03.2024 10:15", "5 min read"),
])
def test_stamp_and_counters_on_one_row(row: str, stamp: str, counters: str) -> None:
    """The stamp of a 'date | views | comments' row is metadata, read for the publication date;
    its counters are junk; the separators go with one or the other."""
    text = HEAD + row + TAIL
    spans = detect_boilerplate(text)
    at, where = len(HEAD) + row.index(stamp), len(HEAD) + row.index(counters)
    assert _covered_by(text, at, at + len(stamp), spans, "metadata_line"), spans
    assert _covered_by(text, where, where + len(counters), spans, "counter"), spans
    assert _covered_by(text, len(HEAD), len(HEAD) + len(row), spans, "metadata_line") is False
    result = process_text(row.join(["Ferry line to Aktau reopens after two years\n\n", "\n\n" + TAIL.strip() + "\n"]))
    assert result.article is not None and result.article.published.date is not None
    assert all(row not in p.text and counters not in p.text for p in result.article.paragraphs)


@pytest.mark.parametrize("row, reason", [
    ("2023 | 2024 | +12%", "a table row of years and a change"),
    ("04.03.2024 | Politics | Almaty", "a stamp with a section and a place: no counter"),
    ("Views differ | 12 comments were received by the ministry on 4 March 2024", "a segment that is neither"),
])
def test_rows_without_both_a_stamp_and_counters_are_not_split(row: str, reason: str) -> None:
    text = HEAD + row + TAIL
    assert not [s for s in detect_boilerplate(text) if s.rule == "stamp_counter_row"], reason


def test_an_article_list_item_about_cookie_consent_is_kept() -> None:
    """A short line about cookies and consent ending like a list item is the article's, not a banner."""
    item = "websites run by public bodies must obtain explicit consent before setting non-essential cookies;"
    text = HEAD + "Under the new rules:\n" + item + "\nbreaches must be reported within 72 hours." + TAIL
    start = text.index(item)
    assert not [s for s in detect_boilerplate(text) if s.start < start + len(item) and start < s.end]


@pytest.mark.parametrize("box", [
    "En Çok Okunanlar\n1 Emeklilere bayram ikramiyesi ne zaman yatacak?\n2 Altın fiyatlarında son durum\n3 Kurban Bayramı tatili kaç gün olacak?",
    "Eng ko'p o'qilganlar\n1. Dollar kursi yana oshdi: banklarda narxlar qancha?\n2. Toshkentda benzin narxi\n3. Metro yangi bekat ochildi!",
])
def test_a_ranked_most_read_box_takes_its_question_headlines(box: str) -> None:
    """Numbered 1, 2, 3 under a 'most read' heading, a headline that asks or exclaims is still an item."""
    text = HEAD + box + TAIL
    assert _covered_by(text, len(HEAD), len(HEAD) + len(box), detect_boilerplate(text), "related_headlines")


def test_icons_standing_for_the_counted_nouns() -> None:
    row = "6 min read   👁 3,418   💬 27"
    text = HEAD + row + TAIL
    assert _covered_by(text, len(HEAD), len(HEAD) + len(row), detect_boilerplate(text), "counter")


DAYS = " ".join(str(d) for d in range(1, 32))


@pytest.mark.parametrize("block", [
    f"Архив новостей\nМарт 2025\nПн Вт Ср Чт Пт Сб Вс {DAYS}",
    f"Archives\n« Feb   March 2024   Apr »\nMo Tu We Th Fr Sa Su {DAYS}",
])
def test_a_one_line_calendar_takes_its_month_line_and_heading(block: str) -> None:
    """A calendar flattened onto one line keeps the month line and the heading above it, in its block
    (a month navigation another rule takes as a link list stays junk too)."""
    text = HEAD + block + TAIL
    spans = detect_boilerplate(text)
    first, last = block.split("\n")[0], block.split("\n")[-1]
    for line in (first, last):
        at = text.index(line)
        assert _covered_by(text, at, at + len(line), spans, "calendar"), (line, spans)
    middle = block.split("\n")[1]
    at = text.index(middle)
    assert all(any(s.start <= at + m.start() and at + m.end() <= s.end for s in spans)
               for m in re.finditer(r"\S+", middle)), spans


@pytest.mark.parametrize("label", ["Поделиться новостью:", "Haberi paylaşın:", "Teilen mit:"])
def test_a_share_label_over_its_network_buttons(label: str) -> None:
    """A label ending in a colon, with a share verb, over a list of network buttons is the share bar's."""
    block = label + "\nTelegram\nWhatsApp\nFacebook"
    text = HEAD + block + TAIL
    at = text.index(label)
    assert _covered_by(text, at, at + len(label), detect_boilerplate(text), "share")


def test_a_label_with_a_share_verb_over_prose_is_kept() -> None:
    label = "Поделиться новостью:"
    text = HEAD + label + "\nВ Алматы открыли новый парк, сообщили в акимате.\n" + TAIL
    at = text.index(label)
    assert not [s for s in detect_boilerplate(text) if s.start < at + len(label) and at < s.end and s.kind == "share"]
