"""Five-city briefings: DOCX (opened with python-docx, rendered by LibreOffice) and Markdown."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from app.briefing import briefing_markdown, passage_rows, write_briefing
from app.cli import main

CITIES = ["Suwon", "Goyang", "Gunsan", "Chungnam", "Seogu"]
HEADINGS = {
    "fr": ("Chiffres clés", "Qui a parlé, sur quoi", "traduction de travail"),
    "ko": ("주요 수치", "발표자 및 발표 내용", "작업 번역"),
    "en": ("Key figures", "Who spoke, on what", "working translation"),
}


@pytest.fixture(scope="module")
def dossiers(engine):
    from search.dossier import build_dossier

    return [build_dossier(engine, name) for name in CITIES]


@pytest.fixture(scope="module")
def documents(engine):
    return {doc_id: stored.meta for doc_id, stored in engine.data.documents.items()}


@pytest.mark.parametrize("lang", ["fr", "ko", "en"])
def test_the_docx_opens_with_one_section_per_city_in_the_interface_language(tmp_path, dossiers, documents, lang):
    import docx

    path = write_briefing(dossiers, documents, lang, tmp_path / "briefing.docx", "docx")
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    level_one = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(level_one) == len(CITIES)
    figures, speakers, working = HEADINGS[lang]
    assert headings.count(figures) == len(CITIES) and headings.count(speakers) == len(CITIES)
    passages_tables = [t for t in document.tables if len(t.columns) == 2]
    assert len(passages_tables) == len(CITIES)
    assert any(working in cell.text for table in passages_tables for row in table.rows[1:] for cell in row.cells[1:])
    if lang == "ko":
        assert "고양시 (지역)" in level_one or any(h.startswith("고양") for h in level_one)


def test_a_korean_block_is_never_repeated_and_line_breaks_are_kept(dossiers):
    for dossier in dossiers:
        shown = [t["id"] for row in passage_rows(dossier) for t in row.translations]
        assert len(shown) == len(set(shown)), dossier.entity["name"]
    markdown = briefing_markdown(dossiers, {}, "fr")
    goyang = markdown.split("## Goyang")[1].split("\n## ")[0]
    # The turnover line stays on its own line in every Markdown viewer.
    assert re.search(r"<br>- Chiffre d'affaire : entre 60 et 70 Mds de won<br>", goyang)
    assert "매출액: 600억~700억 원<br>" in goyang
    assert "| 60–70 milliards de won |" in goyang


def test_markdown_headings_follow_the_language_and_text_is_escaped(dossiers):
    korean = briefing_markdown(dossiers[:1], {}, "ko")
    assert korean.startswith("# 브리핑 자료: 수원") and "### 주요 수치" in korean
    assert "<script" not in korean and "&lt;" not in korean.split("###")[0]


def test_one_command_writes_the_five_city_briefing(tmp_path, capsys, bundled_index):
    target = tmp_path / "briefing.docx"
    code = main(
        [
            "dossier",
            *CITIES,
            "--docx",
            str(target),
            "--md",
            str(tmp_path / "briefing.md"),
            "--lang",
            "ko",
            "--index-dir",
            str(bundled_index),
        ]
    )
    _out, err = capsys.readouterr()
    assert code == 0, err
    assert target.stat().st_size > 10_000 and (tmp_path / "briefing.md").read_text(encoding="utf-8").startswith(
        "# 브리핑 자료"
    )


def test_a_folder_as_target_is_one_line_and_exit_2(tmp_path, capsys, bundled_index):
    code = main(["dossier", "Suwon", "--docx", str(tmp_path), "--index-dir", str(bundled_index)])
    _out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) and poppler (pdftoppm) not installed: run scripts/setup.sh test",
)
def test_libreoffice_renders_korean_and_nothing_overflows(tmp_path, dossiers, documents):
    docx_path = write_briefing(dossiers, documents, "fr", tmp_path / "briefing.docx", "docx")
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "briefing.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    assert sorted(p.name for p in tmp_path.glob("page-*.png"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Nanum" in fonts  # Korean set in a font that has Hangul, not empty boxes
    bbox = tmp_path / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(bbox)], check=True, timeout=120)
    _assert_words_inside_pages(bbox.read_text(encoding="utf-8"))


def _assert_words_inside_pages(xhtml: str) -> None:
    """Every word of every page lies inside the page (a fixed-width table that overflowed would not)."""
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    pages = root.findall(".//x:page", namespace)
    assert pages
    words = 0
    for page in pages:
        width = float(page.get("width"))
        for word in page.findall("x:word", namespace):
            words += 1
            assert float(word.get("xMin")) >= 0 and float(word.get("xMax")) <= width, word.text
    assert words > 500 and "서구" in xhtml


def _briefing(tmp_path, capsys, bundled_index, lang):
    """The five-city briefing in ``lang`` written by the CLI: (Markdown text, python-docx document)."""
    import docx

    argv = ["dossier", *CITIES, "--docx", str(tmp_path / f"{lang}.docx"), "--md", str(tmp_path / f"{lang}.md")]
    assert main([*argv, "--lang", lang, "--index-dir", str(bundled_index)]) == 0, capsys.readouterr()[1]
    return (tmp_path / f"{lang}.md").read_text(encoding="utf-8"), docx.Document(str(tmp_path / f"{lang}.docx"))


NO_SPEAKER = {"fr": "Aucun intervenant identifié.", "ko": "확인된 발표자 없음.", "en": "No identified speaker."}


@pytest.mark.parametrize("lang", ["fr", "ko", "en"])
def test_a_city_without_speaker_says_so_and_no_bullet_is_empty(tmp_path, capsys, bundled_index, lang):
    markdown, document = _briefing(tmp_path, capsys, bundled_index, lang)
    bullets = [p.text.strip() for p in document.paragraphs if p.style.name == "List Bullet"]
    assert all(text and text != "—" for text in bullets)
    assert not re.search(r"^- *—? *$", markdown, re.M)
    # Goyang, Gunsan and Chungnam have no identified speaker in the bundled corpus.
    assert sum(p.text == NO_SPEAKER[lang] for p in document.paragraphs) >= 3
    assert markdown.count(f"\n{NO_SPEAKER[lang]}\n") >= 3


def test_a_korean_briefing_uses_the_korean_titles_and_counts_the_korean_way(tmp_path, capsys, bundled_index):
    markdown, document = _briefing(tmp_path, capsys, bundled_index, "ko")
    events = [p.text for p in document.paragraphs if p.style.name == "List Bullet" and "발췌문" in p.text]
    assert events and all("Compte-rendu" not in text and "개 발췌문" not in text for text in events)
    assert any(text.startswith("대한민국 국가별 세션 회의록 (작업 번역)") for text in events)
    assert re.search(r"\(발췌문 \d+개\)", markdown) and "개 발췌문" not in markdown
    assert "*Compte-rendu du point pays" not in markdown  # citations too


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_passage_counts_are_singular_or_plural(tmp_path, capsys, bundled_index, lang):
    markdown, document = _briefing(tmp_path, capsys, bundled_index, lang)
    text = markdown + "\n".join(p.text for p in document.paragraphs)
    counts = re.findall(r"\((\d+) (passages?)\)", text)
    assert counts and all((n == "1") == (word == "passage") for n, word in counts)


def test_the_event_place_is_rendered_in_the_briefing_s_language_beside_the_source(tmp_path, capsys, bundled_index):
    korean, document = _briefing(tmp_path, capsys, bundled_index, "ko")
    events = [p.text for p in document.paragraphs if p.style.name == "List Bullet" and "발췌문" in p.text]
    assert any("2021년 10월, 프랑스 투르(Tours, France) (발췌문" in text for text in events)
    assert "2020년 9월 21일, 프랑스 파리 과학산업관(Cité des Sciences et de l'Industrie, Paris, France)" in korean
    french, _document = _briefing(tmp_path, capsys, bundled_index, "fr")
    assert "octobre 2021, Tours, France (" in french and "투르(" not in french


def test_a_korean_briefing_gives_sections_and_what_figures_measure_in_korean(tmp_path, capsys, bundled_index):
    markdown, document = _briefing(tmp_path, capsys, bundled_index, "ko")
    assert "- **이재현** — 인천광역시 서구청장: 기조 발표" in markdown
    assert "- **이형석** — 수원시청 미주·유럽 담당: 3. 논의 주제 및 업무 방식에 관한 의견 교환" in markdown
    assert "| 1,650억 원 | 예산 투입 | 165 milliards de won | 1,650억 원 |" in markdown
    speakers = [p.text for p in document.paragraphs if p.style.name == "List Bullet" and p.text.startswith("이재현")]
    assert speakers and "INTERVENTIONS DE CADRAGE" not in speakers[0]
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows if len(row.cells) == 4]
    assert ["1,650억 원", "예산 투입", "165 milliards de won", "1,650억 원"] in rows
    french, _document = _briefing(tmp_path, capsys, bundled_index, "fr")
    assert "- **Jae Hyun Lee** — Maire de Seogu à Incheon: INTERVENTIONS DE CADRAGE" in french
    assert "| 165 milliards de won | budget |" in french


def test_an_original_is_not_cited_as_a_working_translation(dossiers, documents):
    markdown = briefing_markdown(dossiers[-1:], documents, "ko")
    rows = [line for line in markdown.splitlines() if line.startswith("| M. JAE HYUN LEE")]
    assert rows, markdown[:500]
    original, translation = rows[0].split(" | ", 1)
    assert "*지역의 친환경 전환 — 제2차 한-프 2+2 정책교류 세미나, INTERVENTIONS DE CADRAGE, 2021년 10월*" in original
    assert "(작업 번역), 기조 발표, 2021년 10월 — 작업 번역*" in translation


def test_the_dossier_tab_says_what_figures_measure_in_the_interface_language(dossiers, documents):
    from app.dossier_html import dossier_html

    seogu = dossiers[-1]
    korean, french = dossier_html(seogu, documents, "ko"), dossier_html(seogu, documents, "fr")
    assert "<td>1,650억 원</td><td>예산 투입</td>" in korean and "<td>budget</td>" not in korean
    assert "<td>165 milliards de won</td><td>budget</td>" in french
