"""Boilerplate classes that leaked into article bodies on a blind holdout (comment threads,
advertorials, players, paywall and newsletter boxes, read counters in prose, gallery
positions, dated currency headings): each in at least two surface forms and languages,
and the article lines that merely look alike kept."""

from __future__ import annotations

import pytest

from newsmill.boilerplate import detect_boilerplate
from test_boilerplate_shape import labels  # line text -> (kind, rule) of the span covering it

BODY = ("Kazakhstan and Azerbaijan agreed on Tuesday to double container traffic across the Caspian Sea "
        "by 2027, officials in Astana said after the talks.")
CLOSING = BODY.replace("Tuesday", "Monday")


def page_of(*lines: str, closing: bool = True) -> str:
    """The lines between two paragraphs of prose, one line per block (as scraped pages without blank lines)."""
    return "\n".join([BODY, *lines, *([CLOSING] if closing else [])])


def taken(page: str, lines: list[str] | tuple[str, ...]) -> list[str]:
    """The `lines` (each found at its first occurrence) that some span covers a character of."""
    spans = detect_boilerplate(page)
    out = []
    for line in lines:
        start = page.index(line)
        if any(s.start < start + len(line) and start < s.end for s in spans):
            out.append(line)
    return out


# --- readers' comment sections ----------------------------------------------------------------


@pytest.mark.parametrize("thread", [
    ("27 comments", "Sort by: Newest", "Log in to join the conversation", "steppe_rider", "3 hours ago",
     "This is what happens when nobody audits the banks for a decade.", "Aigerim K.", "5 hours ago",
     "Six years is too little."),
    ("Yorumlar (2)", "Sırala: En yeni", "mehmet_1974 · 1 gün önce", "Bu hattın yapılması yıllardır konuşuluyor, umarım bu kez olur.",
     "ayse.k · 3 saat önce", "Yük trenleri için iyi haber."),
    ("Kommentare (12)", "Nur registrierte Nutzer können kommentieren. Bitte beachten Sie die Netiquette.",
     "Tiflis_Leser", "vor 4 Stunden", "Endlich berichtet jemand ausführlich darüber.", "Antworten"),
    ("Комментарии", "Сортировать: сначала новые", "Irina, 14.05.2025 10:32", "Давно пора было это сделать.",
     "Показать ещё комментарии"),
    ("4 şərh", "Sırala: Köhnələr əvvəl", "Elvin M. • 2 saat əvvəl", "Çox gözəl xəbərdir, təbriklər!"),
    ("Comentarios (7)", "Ordenar por: Más recientes", "pedro_g", "hace 2 horas", "Ya era hora de proteger el esturión."),
])
def test_comment_section_from_heading_to_last_comment(thread):
    page = page_of(*thread, closing=False)
    assert taken(page, thread) == list(thread)
    assert BODY not in labels(page)


def test_comment_section_leaves_the_article_after_the_thread_and_prose_about_comments():
    article = ["In comments to reporters after the hearing, his lawyer said the defence would appeal.",
               "Reader comments on the ministry's website ran to 2,000 in a week, officials said."]
    thread = ["3 comments", "Sort by: Oldest", "kairat_a", "2 hours ago", "Good news for the region."]
    page = page_of(*article, *thread, "Related coverage of the Caspian talks, with a timeline of the corridor since 2014, "
                   "appears in our energy section and is updated every week by the desk.")
    assert taken(page, article) == []
    assert taken(page, thread) == thread
    assert not taken(page, [page.splitlines()[-2]])


@pytest.mark.parametrize("lines, reason", [
    (["Comments: 3", "12.06.2025 10:32"], "a counter among the stamps over the headline: above the first prose"),
    (["5 comments", "The ministry published the draft for public discussion on Monday and will take comments until May."],
     "no thread's line under the heading: the paragraph after it stays"),
])
def test_comment_heading_without_a_thread_takes_no_article(lines, reason):
    top = "12.06" in lines[1]
    page = "\n".join([*lines, BODY, CLOSING]) if top else page_of(*lines)
    assert taken(page, [BODY, CLOSING] if top else [lines[-1]]) == [], reason


# --- advertorials under their label ---------------------------------------------------------------


@pytest.mark.parametrize("ad", [
    ("Anzeige", "Sommerreifen jetzt sichern: bis zu 30 % Rabatt →", "Reifen-Center Nord GmbH, Hamburg"),
    ("Реклама", "Вклад «Надёжный» — до 18% годовых. Откройте онлайн за 5 минут →", "ООО «Банк Степь». Лицензия ЦБ РФ № 2875"),
    ("Reklam", "İstanbul–Bakü uçuşları 1.490 TL'den başlayan fiyatlarla", "Hemen al ›"),
    ("Advertisement", "Ski Shymbulak this winter: 3 nights from $299"),
    ("Sponsored", "Learn more about mortgage rates at Steppe Bank"),
    ("Publicidad", "Vuelos a Tiflis desde 89 € ida y vuelta"),
    ("Реклама", "Yangi Cobalt — 189 mln so'mdan. Batafsil →"),
])
def test_advertorial_label_and_its_copy(ad):
    page = page_of(*ad)
    assert taken(page, ad) == list(ad)
    assert labels(page)[ad[1]][0] == "promo"


@pytest.mark.parametrize("after, reason", [
    ("The ministry said fees would rise by 5% next year, affecting around 12,000 firms across the country.",
     "a sentence of the article with a percentage, no offer"),
    ("Tickets for the festival, which opens on Friday, are on sale from 2,000 tenge, the organisers said.",
     "a price after 'from' in a long sentence that closes with a stop"),
    ("Die Regierung will jetzt die Preise für Strom senken, sagte der Minister am Dienstag in Tiflis.",
     "a German sentence with 'jetzt'"),
    ("Kazakhmys LLC said on Monday it would cut copper output by a tenth this year.",
     "a company's legal form right under the label, no copy before it"),
])
def test_article_paragraph_under_an_ad_label_stays(after, reason):
    for label in ("Advertisement", "Anzeige", "Реклама"):
        assert taken(page_of(label, after), [after]) == [], reason


# --- read counters written as a phrase ---------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "This article has been read 2,310 times",
    "Esta noticia ha sido leída 1.204 veces",
    "Материал прочитали 1 204 раза",
    "Bu haber 4.210 kez okundu",
    "Bu xəbər 1 905 dəfə oxunub",
    "Dieser Artikel wurde 1.812 mal gelesen",
    "Cet article a été lu 3 512 fois",
    "Бұл жаңалық 1 240 рет оқылды",
    "Прочитано 845 раз",
])
def test_read_count_phrase(line):
    assert labels(page_of(line))[line] == ("counter", "read_count")


@pytest.mark.parametrize("line", [
    "The book has been read 2 million times.",
    "He read the letter 3 times.",
    "The video was viewed 3 million times in a week.",
    "Эту книгу прочитали 5 раз подряд все члены комиссии.",
])
def test_sentences_about_reading_stay(line):
    assert line not in labels(page_of(line))


# --- players and tool rows ---------------------------------------------------------------------


@pytest.mark.parametrize("player", [
    ("Listen to this article", "▶  0:00 / 4:48", "1.5x"),
    ("▶ 0:05 sonra reklamı geç", "Sesi aç   Tam ekran"),
    ("▶ Видео: как строили мост", "02:14"),
    ("Écouter cet article", "00:00 / 06:20", "1x"),
])
def test_player_lines(player):
    assert taken(page_of(*player), player) == list(player)


@pytest.mark.parametrize("line", [
    "Lesezeit: 4 Min.   Artikel anhören   Artikel merken",
    "Okuma süresi: 3 dk · Haberi dinle · Kaydet",
    "Время чтения: 5 мин | Слушать статью",
])
def test_tool_row_with_a_reading_time(line):
    assert labels(page_of(line))[line] == ("footer", "interface_line")


@pytest.mark.parametrize("line, reason", [
    ("▶ The ministry will publish the full plan, with costs for each region, in May.", "a list item under a play mark, no clock"),
    ("Lesezeit: vier Minuten, sagt der Verlag, reicht für die meisten Artikel.", "a sentence opening with a counter word"),
    ("3x", "a speed-like token with no player beside it"),
])
def test_player_look_alikes_stay(line, reason):
    assert taken(page_of(line), [line]) == [], reason


# --- paywall badges and forms -------------------------------------------------------------------


@pytest.mark.parametrize("box", [
    ("Z+ Nur für Abonnenten", "Weiterlesen mit Z+: die ersten 30 Tage kostenlos testen."),
    ("🔒 Subscribers only", "Continue reading with a digital subscription: $1 for 3 months."),
    ("Get our morning briefing in your inbox.", "[ Your email address ]  [ Sign up ]"),
    ("Bültenimize abone olun, enerji gündemi her sabah e-postanızda.", "[ E-posta adresiniz ]  [ Abone ol ]"),
    ("Подпишитесь на рассылку «Деловое утро»", "[ Ваш e-mail ] [ Подписаться ]"),
])
def test_paywall_and_newsletter_boxes(box):
    page = page_of(*box)
    assert taken(page, box) == list(box)
    assert {labels(page)[line][0] for line in box} <= {"promo", "share"}  # 'Подпишитесь на ...' is share_prompt's


def test_bracketed_text_in_an_article_stays():
    line = "[The minister later corrected the figure to 12 billion tenge, the ministry said.]"
    assert taken(page_of(line), [line]) == []


# --- gallery positions ---------------------------------------------------------------------------


@pytest.mark.parametrize("gallery", [
    ("3 / 12", "Protesters outside the parliament building on Saturday. Photo: Nino Beridze", "‹ Previous   Next ›"),
    ("1 / 8", "Finalda güləşçilər. Foto: Elçin Məmmədov", "‹ Əvvəlki   Növbəti ›"),
    ("2 / 6", "Участники форума в Астане. Фото: пресс-служба", "‹ Алдыңғы   Келесі ›"),
])
def test_gallery_position_caption_and_arrows(gallery):
    assert taken(page_of(*gallery), gallery) == list(gallery)


@pytest.mark.parametrize("lines, reason", [
    (["2 / 3", "The vote passed with a two-thirds majority of the 120 deputies present on Tuesday, the speaker said."],
     "a fraction beside prose, no caption or arrows"),
    (["5 / 3", "Port workers at Aktau. Photo: Reuters"], "not a position: the first number passes the total"),
])
def test_fractions_that_are_not_gallery_positions(lines, reason):
    assert taken(page_of(*lines), lines[:1]) == [], reason


# --- currency tables under a dated heading -------------------------------------------------------


@pytest.mark.parametrize("table", [
    ("Markaziy bank kurslari, 13.06.2025", "USD 12 712,45 ▲ +18,20", "EUR 14 498,01 ▼ -9,73"),
    ("Курсы валют ЦБ на 14.05", "USD 79,82 ▲ +0,34", "EUR 86,10 ▼ −0,12"),
    ("Döviz kurları (12.06.2025):", "USD 39,41", "EUR 45,02"),
])
def test_currency_table_under_a_dated_heading(table):
    page = "\n".join([BODY, "", *table, "", CLOSING])  # the table a block of its own
    assert taken(page, table) == list(table)
    assert labels(page)[table[0]][0] == "widget"


def test_a_dated_sentence_above_rates_stays():
    line = "On 12.06.2025 the central bank set the following rates for the week."
    page = "\n".join([BODY, "", line, "USD 12 712,45", "EUR 14 498,01", "", CLOSING])
    assert taken(page, [line]) == []
