"""Full-width separators of Chinese and Japanese pages: an ideographic space (U+3000) is a wide gap
between menu items, '＞' and '｜' separate a breadcrumb's or a row's items.  Found on the tenth blind
holdout's Japanese page, whose menu, breadcrumb and share row all leaked."""

from __future__ import annotations

import pytest

from test_boilerplate_leaks import page_of, taken
from test_boilerplate_shape import labels

JA_BODY = "東邦アジア商事は27日、カザフスタン中部カラガンダ州のレアアース鉱床の開発に参画すると発表した。"


@pytest.mark.parametrize("line", [
    "トップ　ニュース　経済　国際　マーケット　テクノロジー　オピニオン　動画",
    "首页　新闻　财经　国际　体育　科技",
])
def test_menu_apart_by_ideographic_spaces(line):
    page = page_of(line)
    assert labels(page)[line][0] == "navigation"


@pytest.mark.parametrize("line", ["ホーム ＞ 国際 ＞ アジア・オセアニア", "首页 ｜ 国际 ｜ 亚洲"])
def test_breadcrumb_with_full_width_separators(line):
    page = page_of(line)
    assert labels(page)[line] == ("navigation", "breadcrumb")


def test_japanese_prose_with_an_ideographic_space_stays():
    line = "東邦アジア商事、カザフのレアアース開発に参画　2029年に年3000トンの生産を目指すと社長が記者団に語った。"
    page = "\n".join([JA_BODY, line, JA_BODY])
    assert taken(page, [line]) == []


@pytest.mark.parametrize("line", [
    "当サイトではクッキーを使用しています。サイトの利用を続けることで、クッキーの使用に同意したものとみなします。［同意する］",
    "本网站使用Cookie。继续浏览即表示您同意我们使用Cookie。",
])
def test_cookie_banner_without_spaces(line):
    page = "\n".join([JA_BODY, line, JA_BODY])
    assert labels(page)[line] == ("footer", "cookie_banner")


def test_news_about_cookies_in_japanese_stays():
    line = "政府は個人情報の保護に関する法律を改正し、クッキーの利用に本人の同意を必要とする規定を設けると発表した。"
    page = "\n".join([JA_BODY, line, JA_BODY])
    assert taken(page, [line]) == []
