"""Language identification on short texts: one row per language and trap, with the reason."""

import pytest

from newsmill.language import detect_language

CASES = [
    # --- one-line texts in each language of the corpus --------------------------------
    ("en", "Trade between Kazakhstan and Azerbaijan grew.", "short English that py3langid alone reads as Dutch"),
    ("en", "President Tokayev arrived in Baku on Friday.", "English full of Central Asian names"),
    ("en", "The ministers visited Şuşa and Ağdam on Friday to inspect new roads.", "English quoting Azerbaijani place names"),
    ("ru", "Президент Токаев прибыл в Баку с визитом.", "short Russian"),
    ("ru", "Завтра температура воздуха составит 15 градусов.", "Russian with a number"),
    ("ru", "Президент Қасым-Жомарт Тоқаев провел встречу с министрами в Астане во вторник.",
     "Russian quoting a Kazakh-spelled name: a few Kazakh letters do not make it Kazakh"),
    ("kk", "Астанада жаңа мектеп ашылды.", "short Kazakh"),
    ("kk", "Үкімет отырысында бюджет мәселесі қаралды.", "Kazakh with ү, ә, қ"),
    ("kk", "Ертең ауа температурасы 15 градус болады.", "Kazakh with only a couple of specific letters"),
    ("az", "Bakıda yeni metro stansiyası açılıb.", "short Azerbaijani without ə"),
    ("az", "Nazirlər Kabineti yeni qərar qəbul edib.", "Azerbaijani with ə"),
    ("az", "Azərbaycan və Qazaxıstan arasında ticarət artıb.", "Azerbaijani close to Turkish"),
    ("tr", "İstanbul'da yeni bir köprü açıldı.", "short Turkish"),
    ("tr", "Türkiye ile Kazakistan arasındaki ticaret arttı.", "Turkish close to Azerbaijani"),
    ("tr", "Yarın hava sıcaklığı 15 derece olacak.", "Turkish with ı ğ"),
    # --- other languages still come through -------------------------------------------
    ("de", "Die Regierung hat am Montag neue Regeln für den Handel beschlossen und veröffentlicht.",
     "German is not forced into a corpus language"),
    ("uk", "Уряд України ухвалив нові правила щодо торгівлі та митного контролю.", "Ukrainian (і, ї) is not Kazakh"),
    # --- too little text ----------------------------------------------------------------
    (None, "Baku 2024", "too few letters to tell"),
    (None, "", "empty"),
]


@pytest.mark.parametrize("expected, text, reason", CASES, ids=[c[2] for c in CASES])
def test_detect_language(expected, text, reason):
    assert detect_language(text) == expected


def test_only_two_letter_codes_are_returned():
    """The fuzzer found py3langid answering 'arz' or 'zxx' for odd text; the contract holds ISO 639-1."""
    from hypothesis import given, settings, strategies as st

    from newsmill.language import detect_language

    @settings(max_examples=200, deadline=None)
    @given(st.text(min_size=40, max_size=400))
    def check(text):
        code = detect_language(text)
        assert code is None or (len(code) == 2 and code.isalpha() and code.islower())

    check()
