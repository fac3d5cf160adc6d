"""Classes that leaked on the eighth holdout once it was no longer blind: a headline box whose
headlines run together on one line under (or after) its heading, comment threads in Armenian and
Georgian with their reply buttons and counts, view counters with the word for 'times'.  Each in
two surface forms or more, with the article lines that merely look alike kept."""

from __future__ import annotations

import pytest

from test_boilerplate_leaks import BODY, page_of, taken
from test_boilerplate_shape import labels

# --- a headline box's heading over (or before) headlines run together on one line ----------------


@pytest.mark.parametrize("box", [
    ("Главное за сутки", "10:52 Акимат закрыл движение по мосту на Кенесары 10:31 В Астане открыли новую поликлинику "
     "10:05 Цены на бензин не изменятся 09:40 Снег ожидается в выходные"),
    ("Latest news", "18:45 Port of Aktau extends hours 18:10 Rail freight up 12% 17:55 Baku hosts energy forum "
     "17:20 New ferry for the Caspian"),
])
def test_list_heading_over_one_line_of_timed_headlines(box):
    page = page_of(*box)
    assert taken(page, box) == list(box)
    assert labels(page)[box[0]] == ("related_headlines", "list_heading")


@pytest.mark.parametrize("line", [
    "ბოლო ამბები: 10:41 რუსთავში წყალი შეწყდება  10:20 პარლამენტმა ბიუჯეტი მიიღო  09:58 „დინამომ“ მწვრთნელი წარადგინა",
    "Latest news: 10:41 Water cut in Rustavi  10:20 Parliament passes budget  09:58 Dinamo names new coach",
    "Последние новости — 12:15 Паром вышел из Актау 11:50 Курс тенге укрепился 11:20 В Баку открылся форум",
])
def test_heading_then_timed_headlines_on_one_line(line):
    page = page_of(line)
    assert taken(page, [line]) == [line]
    assert labels(page)[line] == ("related_headlines", "runon_times")


@pytest.mark.parametrize("line", [
    "Latest news: the ferry left Aktau at 10:41 and reached Baku at 22:20, the port said in a statement.",
    "Последние новости о переговорах пришли в 12:15 и в 14:30, когда делегации вышли к журналистам.",
    "The first train left at 06:15, the second at 07:30 and the third at 09:00, carrying 1,200 containers in all.",
])
def test_sentences_with_clock_times_stay(line):
    page = page_of(line)
    assert taken(page, [line]) == []


# --- comment threads in Armenian and Georgian ---------------------------------------------------------

HY_BODY = "Դատարանը կասեցրեց շինարարությունը մինչև գործի քննության ավարտը, հայտնեցին բնակիչների ներկայացուցիչները։"


@pytest.mark.parametrize("thread", [
    ("Մեկնաբանություններ (22)", "Արամ Ս.  · 13:10", "Վերջապես դատարանը բնակիչների կողմն է։", "Պատասխանել  | ❤ 17",
     "Lilit_Yerevan  · 13:32", "Իսկ ովքեր արդեն բնակարան են գնել։", "Պատասխանել  | ❤ 6"),
    ("კომენტარები (18)", "დათო_ყაზბეგი  10:57", "ყოველ ზამთარს იგივე ხდება, გვირაბი როდის იქნება?", "👍 44  ·  პასუხი",
     "Mariam G.  11:12", "მძღოლებს ცოტა მოთმინება.", "👍 9  ·  პასუხი", "მეტი კომენტარის ჩატვირთვა"),
])
def test_comment_threads_in_armenian_and_georgian(thread):
    page = "\n".join([HY_BODY, *thread])  # the article's sentences close with the Armenian full stop '։'
    assert taken(page, thread) == list(thread)
    assert taken(page, [HY_BODY]) == []


def test_buttons_with_counts_close_a_comment_in_any_language():
    thread = ("Comments (2)", "steppe_rider · 3 hours ago", "Good news for the region.", "Reply | ❤ 17",
              "aigerim_k · 5 hours ago", "Six years is too little.", "👍 4 · Reply")
    page = page_of(*thread, closing=False)
    assert taken(page, thread) == list(thread)


# --- view counters with the word for 'times' ----------------------------------------------------------


@pytest.mark.parametrize("line", [
    "ნანახია 6 302-ჯერ  ·  💬 18",
    "Baxılıb: 512 dəfə",
    "Просмотров: 1 204 раза",
    "Görüntülenme 2.310 kez",
])
def test_view_counter_with_times(line):
    page = page_of(line)
    assert taken(page, [line]) == [line]
    assert labels(page)[line][0] == "counter"


@pytest.mark.parametrize("line", [
    "The ferry has been delayed 12 times this year, the port said.",
    "Просмотров было 1 204 раза больше, чем в прошлом году, сообщили в министерстве.",
])
def test_sentences_counting_times_stay(line):
    page = page_of(line)
    assert taken(page, [line]) == []


# --- a player's skip-ad button under it -----------------------------------------------------------------


@pytest.mark.parametrize("player", [
    ("▶ ВИДЕО | Ачылыш аземинен көрүнүштөр (03:12)", "Жарнаманы өткөрүп жиберүү 5 сек"),
    ("▶ Video: the new terminal from the air (02:14)", "Skip ad in 5 s"),
    ("▶ Видео: паром в порту Актау (01:40)", "Пропустить рекламу"),
])
def test_player_with_its_skip_button(player):
    page = page_of(*player)
    assert taken(page, player) == list(player)
    assert labels(page)[player[1]][0] in ("widget", "footer")  # a player's control, or an interface line


def test_a_sentence_under_a_player_stays():
    lines = ("▶ Video: the new terminal from the air (02:14)",
             "Skip ahead to 2027 and the port expects 400,000 containers a year, the operator said.")
    page = page_of(*lines)
    assert taken(page, lines) == [lines[0]]


# --- an author's bio above the comments, with the footer's sentences below it ---------------------------


def test_bio_among_the_last_paragraphs_above_footer_sentences():
    bio = ("Нұрсұлтан Әбдірахманов — SportArena.kz тілшісі, жеңіл атлетика мен велоспорт тақырыбына жазады. "
           "2018 жылдан бері редакцияда.")
    footer = ("© 2012-2026 SportArena.kz. Барлық құқықтар қорғалған. Материалдарды пайдаланғанда SportArena.kz сайтына "
              "белсенді гиперсілтеме міндетті.",
              "Сайтта cookie файлдары қолданылады. Сайтты пайдалануды жалғастыра отырып, сіз cookie файлдарын "
              "пайдалану шарттарымен келісесіз.")
    filler = [f"Comment line {k}" for k in range(80)]  # a long page: the bio is not among its last lines
    page = "\n".join([BODY, BODY.replace("Tuesday", "Friday"), bio, *filler, *footer])
    assert labels(page)[bio] == ("author_bio", "bio_role_beat")
    assert taken(page, [BODY]) == []


# --- offers with a price, whatever opens the line ------------------------------------------------------


@pytest.mark.parametrize("line", [
    "★ PREMIUM ★ This analysis continues for subscribers. Get unlimited access for $9/month — first month free. Subscribe now",
    "💚 МАДАНИЯТ.KG көз карандысыз басылма. Бизди колдоңуз — ай сайын 100 сомдон баштап. Колдоо көрсөтүү →",
    "Независимая журналистика стоит денег. Поддержите нас — от 300 ₽ в месяц.",
])
def test_offer_with_a_price_anywhere_in_the_line(line):
    page = page_of(line)
    assert taken(page, [line]) == [line]
    assert labels(page)[line][0] == "promo"


@pytest.mark.parametrize("line", [
    "Readers who want to continue reading the archive pay 1,200 tenge a month, the newspaper's editor said.",
    "The ministry said the new app, which costs $3 to download, had been installed 40,000 times.",
])
def test_sentences_about_prices_and_subscriptions_stay(line):
    page = page_of(line)
    assert taken(page, [line]) == []


# --- a caption after the Armenian full stop, its credit after '՝' ---------------------------------------


@pytest.mark.parametrize("line", [
    "Բուզանդի փողոցի շինհրապարակը։ Լուսանկարը՝ Իրավունք.am",
    "Երևանի դատարանի շենքը։ Լուսանկար՝ Արմենպրես",
])
def test_armenian_caption_with_its_credit(line):
    page = page_of(line)
    assert labels(page)[line] == ("photo_credit", "caption_credit")


# --- a headline box flattened onto one line after its heading -------------------------------------------


@pytest.mark.parametrize("line", [
    "Ko‘p o‘qilganlar: Grippga qarshi emlash boshlandi — qayerda va qanday?  |  Qandli diabet: 5 ta dastlabki belgi  |  "
    "Toshkentda yangi tez yordam stansiyasi ochildi",
    "Most read: Ferry line to Baku resumes · Tenge firms against the dollar · Astana opens new clinic · Snow in Almaty",
    "Самое читаемое — Паром вышел из Актау | Курс тенге укрепился | В Баку открылся энергетический форум",
])
def test_heading_and_its_headlines_on_one_line(line):
    page = page_of(line)
    assert labels(page)[line] == ("related_headlines", "headed_list_row")


@pytest.mark.parametrize("line", [
    "Most read this year were reports on the ferry line | the tenge | the new clinic, the editor said in a column.",
    "Latest news from the talks: the ministers met twice, and a third meeting is planned for Friday in Baku.",
])
def test_sentences_opening_with_a_box_heading_stay(line):
    page = page_of(line)
    assert taken(page, [line]) == []


# --- share rows ending in a copy-link button ---------------------------------------------------------


@pytest.mark.parametrize("row", [
    ("Ulashish:", "Telegram", "Facebook", "X", "OK", "Nusxa olish"),
    ("Бөлүшүү:", "Facebook", "Telegram", "WhatsApp", "Шилтемени көчүрүү"),
    ("Paylaş:", "Facebook", "X", "WhatsApp", "Bağlantıyı kopyala"),
])
def test_share_column_with_its_copy_button(row):
    page = page_of(*row)
    assert taken(page, row) == list(row)


# --- newsletter sign-up boxes ----------------------------------------------------------------------


@pytest.mark.parametrize("box", [
    ("Get the Courier in your inbox", "Our morning briefing: five stories, every weekday at 8:00. Free.", "Subscribe"),
    ("Newsletter", "Einmal im Monat alle neuen Beiträge per E-Mail – kostenlos und jederzeit abbestellbar.",
     "E-Mail-Adresse", "Abonnieren"),
    ("Newsletter « Steppes »", "Chaque vendredi, le meilleur de notre couverture de l'Asie centrale et du Caucase.",
     "S'inscrire"),
    ("Рассылка «Каспий за неделю»", "Главное о регионе по пятницам.", "Ваш e-mail", "Подписаться"),
    ("Get the Eurasia Business Review logistics briefing in your inbox every Monday. Sign up",),
])
def test_newsletter_box(box):
    page = page_of(*box)
    assert taken(page, box) == list(box)
    assert labels(page)[box[-1] if len(box) == 1 else box[1]] == ("promo", "newsletter_line" if len(box) == 1 else "newsletter_box")


@pytest.mark.parametrize("lines", [
    ("The ministry's newsletter, sent to 40,000 farmers, warned of the flood a week before it came.",
     "Officials said the briefing would be repeated on Friday."),
    ("Readers can sign up by email for alerts when the river rises, the akimat said in a statement on Monday.",
     "Residents of low-lying districts were told to keep documents and medicine ready."),
])
def test_sentences_about_newsletters_stay(lines):
    page = page_of(*lines)
    assert lines[0] not in taken(page, lines)


def test_newsletter_box_whose_lines_are_blocks_of_their_own():
    from test_boilerplate_shape import page_of as blocks_of  # one block per line: blank lines between

    closing = ("Officials said the evacuation of the villages along the Ishim would continue until the water "
               "level fell below four metres.")
    box = ("Get the Courier in your inbox", "Our morning briefing: five stories, every weekday at 8:00. Free.",
           "Your email address", "Subscribe")
    page = blocks_of(closing, *box)
    assert taken(page, box) == list(box)
    assert taken(page, [closing]) == []


# --- reader-funding asks, and a lone icon over a box ---------------------------------------------------


@pytest.mark.parametrize("line", [
    "This reporting is funded by our members. If you find it useful, consider becoming one.",
    "Caspian Policy Notes is a reader-supported publication. To receive new posts and support my work, consider "
    "becoming a free or paid subscriber.",
    "Мы работаем на деньги читателей. Поддержите редакцию — станьте подписчиком.",
    "Unser Magazin ist leserfinanziert. Unterstützen Sie unsere Arbeit und werden Sie Mitglied.",
])
def test_reader_funding_ask(line):
    page = page_of(line)
    assert labels(page)[line] == ("promo", "support_ask")


@pytest.mark.parametrize("line", [
    "Activists urged residents to donate blood after the crash, the health ministry said on Wednesday.",
    "The station, funded by its readers since 2019, said it would cut two programmes next year.",
])
def test_sentences_about_funding_stay(line):
    page = page_of(line)
    assert taken(page, [line]) == []


@pytest.mark.parametrize("line", ["💡", "📌📌", "❤️"])
def test_a_line_of_icons_only(line):
    page = page_of(line)
    assert labels(page)[line] == ("separator", "separator_line")


def test_the_article_paragraph_over_a_newsletter_box_stays():
    closing = ("Według danych Urzędu Lotnictwa Cywilnego w ubiegłym roku między Polską a Azją Centralną "
               "podróżowało ok. 310 tys. pasażerów.")
    box = ("Newsletter Podróże+", "Najlepsze okazje lotnicze i inspiracje na weekend – co piątek w Twojej skrzynce.",
           "Zapisz się")
    page = "\n".join([BODY, closing, *box])  # one block: no blank line between the article and the box
    assert taken(page, [closing]) == []
    assert taken(page, box) == list(box)


def test_newsletter_name_and_promise_over_the_field():
    box = ("TCNA Business Daily", "The Caspian economy in five minutes. Every weekday at 8:00.", "Your email", "Subscribe")
    page = page_of(*box)
    assert taken(page, box) == list(box)
