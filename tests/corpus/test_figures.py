"""Figures in French and Korean: one normalised figure for an original and its translation."""

from __future__ import annotations

import pytest

from corpus.figures import extract_figures, figure_terms, parse_korean_amount, parse_number
from index.analysis import analyze_passage, analyze_query

# (French as written in the reports, Korean as in the working translations, shared key)
PAIRS = [
    ("budget de 165 milliards de won", "예산 1,650억 원 투입", "money:165000000000 KRW"),
    ("Investissement de 320 Milliards de won", "3,200억 원 투자", "money:320000000000 KRW"),
    ("517,1\nMilliards de won seront investis d'ici 2024", "2024년까지 5,171억 원 투자 예정", "money:517100000000 KRW"),
    ("18.9 Milliards de won (13.2 millions d'euros)", "189억 원(1,320만 유로) 투입", "money:13200000 EUR"),
    ("Chiffre d'affaire : entre 60 et 70 Mds de won", "매출액: 600억~700억 원", "money:60000000000–70000000000 KRW"),
    ("un budget de 120 millions d'euros sur 5 ans", "5년간 1억 2천만 유로 규모", "money:120000000 EUR"),
    ("une puissance de 3 GW", "3GW 규모의", "capacity:3000000000 W"),
    ("de 1,3% au lieu de 13,4%", "13.4%에서 1.3%로", "percent:1.3 %"),
    ("plantation de 30\n000 arbres / arbustes", "교목·관목 3만 그루 식재", "quantity:30000"),
    ("un groupe de 50 citoyens", "시민 50명으로 구성된", "quantity:50"),
    ("le 3 mars 2019", "2019년 3월 3일", "date:2019-03-03"),
    ("Avril 2021 : La zone", "2021년 4월: 새만금", "date:2021-04"),
    ("2009 - 2014 : Saison 1", "2009~2014년: 시즌 1", "date:2009/2014"),
    ("le 22 septembre, 9h30-11h", "9월 22일 9:30~11:00", "time:09:30–11:00"),
    ("plus de 3200 entreprises", "3,200여 개 기업", "quantity:3200"),
    ("une dizaine de collectivités", "10여 곳", "quantity:10"),
]


@pytest.mark.parametrize("french, korean, key", PAIRS)
def test_a_french_figure_and_its_korean_translation_are_one_figure(french, korean, key):
    assert key in [f.key for f in extract_figures(french, "fr")]
    assert key in [f.key for f in extract_figures(korean, "ko")]


def test_numbers_follow_each_language_s_conventions():
    assert parse_number("517,1", "fr") == 517.1
    assert parse_number("30 000", "fr") == 30000
    assert parse_number("1,650", "ko") == 1650
    assert parse_korean_amount("1억 2천만") == 120_000_000
    assert parse_korean_amount("5,171억") == 517_100_000_000


def test_names_ordinals_and_list_numbers_are_not_figures():
    text = "COP 26 à Glasgow. Covid19. Golfe 5 (Togo). Saison 2\n- Travaux. le 2e Tour. Under2 Coalition."
    assert [f.text for f in extract_figures(text, "fr") if f.kind != "date"] == []
    assert [f.text for f in extract_figures("제2차 한불 투어, 토고 골프5(Golfe 5) 코뮌, 코로나19", "ko")] == []


def test_a_figure_says_what_it_measures():
    (budget,) = [
        f for f in extract_figures("incitation à la participation citoyenne, budget de 165 milliards de won", "fr")
    ]
    assert budget.context == "budget" and budget.text == "165 milliards de won"
    (korean,) = [f for f in extract_figures("시민 참여 유도, 예산 1,650억 원 투입", "ko") if f.kind == "money"]
    assert korean.context == "예산"


def test_figure_terms_meet_across_languages_in_the_lexical_analysis():
    french = set(analyze_passage("budget de 165 milliards de won", "fr"))
    korean = set(analyze_passage("예산 1,650억 원 투입", "ko"))
    assert "#165000000000krw" in french & korean
    assert "#165000000000" in set(analyze_query("1,650억")) & french
    assert "#3000000000w" in set(analyze_query("3 GW")) & set(analyze_passage("3GW 규모의", "ko"))
    assert ("#d2019-03", 3, 14) in figure_terms("le 3 mars 2019", "fr")


def test_every_figure_of_the_bundled_reports_has_its_korean_counterpart():
    """Each French figure of the Tours report is found, with the same key, in the Korean translation."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "corpus" / "documents"
    french = extract_figures((root / "fr" / "2021-tours-transition-ecologique.txt").read_text(encoding="utf-8"), "fr")
    korean = {
        f.key
        for f in extract_figures(
            (root / "ko" / "2021-tours-transition-ecologique.ko.md").read_text(encoding="utf-8"), "ko"
        )
    }
    amounts = [f for f in french if f.kind in ("money", "percent", "capacity")]
    assert len(amounts) >= 15
    assert [f.text for f in amounts if f.key not in korean] == []


# (English as an English summary would write it, the French and Korean of the same figure, shared key)
ENGLISH = [
    ("a budget of 165 billion won", "budget de 165 milliards de won", "예산 1,650억 원 투입", "money:165000000000 KRW"),
    ("KRW 165 billion for citizens", "budget de 165 milliards de won", "예산 1,650억 원 투입", "money:165000000000 KRW"),
    ("€30 billion for hydrogen", "30 milliards d'euros pour l'hydrogène", "수소에 300억 유로", "money:30000000000 EUR"),
    ("a turnover of 60 to 70 billion won", "entre 60 et 70 Mds de won", "매출액: 600억~700억 원",
     "money:60000000000–70000000000 KRW"),
    ("18.9 billion won (EUR 13.2 million)", "18.9 Milliards de won (13.2 millions d'euros)", "189억 원(1,320만 유로) 투입",
     "money:13200000 EUR"),
    ("a capacity of 3 GW", "une puissance de 3 GW", "3GW 규모의", "capacity:3000000000 W"),
    ("1.2 million inhabitants", "1,2 million d'habitants", "120만", "number:1200000"),
    ("from 13.4% to 1.3%", "de 1,3% au lieu de 13,4%", "13.4%에서 1.3%로", "percent:1.3 %"),
]


@pytest.mark.parametrize("english, french, korean, key", ENGLISH)
def test_an_english_figure_has_the_key_of_its_french_and_korean_forms(english, french, korean, key):
    assert key in [f.key for f in extract_figures(english, "en")]
    assert key in [f.key for f in extract_figures(french, "fr")]
    assert key in [f.key for f in extract_figures(korean, "ko")]


def test_english_billions_are_ten_to_the_ninth_and_metres_are_not_millions():
    (figure,) = extract_figures("a budget of 165 billion won", "en")
    assert figure.text == "165 billion won" and figure.value == 165e9
    assert extract_figures("a 3 m wall along 1,650 trees", "en")[0].key == "quantity:1650"
    assert [f.key for f in extract_figures("€5 million and $2.5 billion", "en")] == [
        "money:5000000 EUR", "money:2500000000 USD"]


def test_english_figure_terms_meet_the_korean_ones_in_the_index():
    english = set(analyze_passage("a budget of 165 billion won", "en"))
    assert "#165000000000krw" in english & set(analyze_passage("예산 1,650억 원 투입", "ko"))
