"""Readers: PDF, DOCX, SRT, VTT, HTML, Markdown front matter, and text encodings.

Every fixture document is written by the test itself (PDFs with fpdf2, Word
files with python-docx, transcripts and pages as text), in French and in
Korean, then read through ``corpus.loader`` and chunked as the indexer would.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from corpus.chunker import chunk_document
from corpus.loader import load_document, load_documents
from corpus.readers import reader_for, supported_extensions

NANUM = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
FR_PAGES = [
    (
        "Mobilité douce",
        [
            "En 2019, la ville de Tours a présenté son plan climat, adopté par le conseil municipal avec la Métropole de",
            "Tours Val de Loire, qui vise la neutralité carbone en 2050.",
            "Le réseau de pistes cyclables a doublé depuis le dernier séminaire franco-coréen.",
        ],
    ),
    ("Énergie", ["Les bâtiments publics sont rénovés pour réduire leur consommation de chauffage."]),
    ("Alimentation locale", ["Les cantines scolaires servent des produits issus de fermes voisines."]),
]
KO_PAGES = [
    (
        "탄소중립 정책",
        [
            "수원시는 2050년 탄소중립을 위해 재활용 정책을 강화하고 있으며 시민 참여 프로그램을 운영하고 있습니다. 태양광 발전 설비도 늘리고 있습니다."
        ],
    ),
    ("도시 재생", ["낡은 주거지를 정비하고 공공 공간을 새롭게 꾸미는 도시 재생 사업이 진행 중입니다."]),
    ("시민 참여", ["주민 회의를 통해 정책 우선순위를 함께 정하고 있습니다."]),
]


def write_pdf(path: Path, pages, *, header: str, title: str = "", korean: bool = False) -> Path:
    """A report: a running header and a page number on every page, a large heading, justified body text."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 writes the test PDFs (test extra)")
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # font subsetting chatter
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)  # the footer sits in the bottom margin
    family = "helvetica"
    if korean:
        if not NANUM.exists():
            pytest.skip("Korean PDF needs NanumGothic (Debian package fonts-nanum)")
        pdf.add_font("nanum", "", str(NANUM))
        family = "nanum"
    if title:
        pdf.set_title(title)
    for number, (heading, lines) in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font(family, size=8)
        pdf.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, size=18)
        pdf.cell(0, 12, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, size=11)
        for line in lines:
            if korean:  # justified, wrapped: the layout that gives pypdf's double spaces
                pdf.multi_cell(0, 7, line * 3, align="J", new_x="LMARGIN", new_y="NEXT")
            else:  # one line per cell: the test decides where lines wrap
                pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.set_font(family, size=8)
        pdf.cell(0, 6, f"- {number} -" if korean else f"Page {number}", align="C")
    pdf.output(str(path))
    return path


def test_every_format_is_registered():
    for ext in (".txt", ".md", ".pdf", ".docx", ".srt", ".vtt", ".html", ".htm"):
        assert ext in supported_extensions()
        assert ext in reader_for(Path(f"x{ext.upper()}")).extensions
    assert len(supported_extensions()) == len(set(supported_extensions()))


# ---------------------------------------------------------------------------- PDF


def test_french_pdf_headings_sections_and_furniture(tmp_path):
    path = write_pdf(
        tmp_path / "tours.pdf",
        FR_PAGES,
        header="Cités Unies France - Séminaire 2021",
        title="Transition écologique à Tours",
    )
    result = reader_for(path).read(path)
    assert "3 pages" in result.notes
    assert result.meta["title"] == "Transition écologique à Tours"
    assert "Cités Unies France" not in result.text  # running header
    assert not re.search(r"^Page \d", result.text, re.MULTILINE)  # footer page numbers
    assert "# Mobilité douce" in result.text.splitlines()
    # A wrapped line continuing with a capital is rejoined: the chunker would cut it.
    assert "avec la Métropole de Tours Val de Loire, qui vise" in result.text
    assert result.text.count("\n\n\n") == 2  # page breaks
    document = load_document(path)
    assert document.meta.language == "fr"
    chunks = chunk_document(document)
    sections = {chunk.section for chunk in chunks}
    assert sections == {"Mobilité douce", "Énergie", "Alimentation locale"}
    cycling = next(chunk for chunk in chunks if "pistes cyclables" in chunk.text)
    assert cycling.section == "Mobilité douce"


def test_korean_pdf_whitespace_headings_and_furniture(tmp_path):
    path = write_pdf(tmp_path / "suwon.pdf", KO_PAGES, header="한불 지방정부 세미나 2021", korean=True)
    result = reader_for(path).read(path)
    assert "  " not in result.text  # pypdf's double spaces between Korean words
    assert "재활용 정책을 강화하고" in result.text
    assert "한불 지방정부 세미나" not in result.text
    assert not re.search(r"^- \d+ -$", result.text, re.MULTILINE)
    assert result.meta["title"] == "탄소중립 정책"  # no metadata title: the first heading
    document = load_document(path)
    assert document.meta.language == "ko"
    chunks = chunk_document(document)
    assert {chunk.section for chunk in chunks} == {"탄소중립 정책", "도시 재생", "시민 참여"}
    assert all(chunk.lang == "ko" for chunk in chunks)
    assert any("태양광 발전 설비" in chunk.text for chunk in chunks)


def test_pdf_encrypted_with_an_empty_password_is_opened(tmp_path):
    import pypdf

    source = write_pdf(tmp_path / "plain.pdf", FR_PAGES, header="CUF")
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "protected.pdf"
    writer.write(str(path))
    result = reader_for(path).read(path)
    assert "encrypted PDF opened with an empty password" in result.notes
    assert "pistes cyclables" in result.text


# --------------------------------------------------------------------------- DOCX


def _minutes_docx(path: Path, korean: bool) -> Path:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    if korean:
        # Korean Word names its heading styles "제목 1", "제목 2"…
        level1 = document.styles.add_style("제목 1", WD_STYLE_TYPE.PARAGRAPH)
        level1.base_style = document.styles["Normal"]
        document.add_paragraph("수원 세미나 회의록", style="제목 1")
        document.add_paragraph("발표자: 김민수")
        document.add_paragraph("수원시는 수소 버스를 도입했습니다.")
        document.add_heading("재활용", level=2)
        document.add_paragraph("분리수거율이 높아졌습니다.", style="List Bullet")
        document.add_paragraph("음식물 쓰레기가 줄었습니다.", style="List Bullet")
    else:
        document.core_properties.title = "Compte rendu du séminaire de Suwon"
        document.add_heading("Ouverture", level=1)
        document.add_paragraph("Intervenant : Claire Guichard")
        document.add_paragraph("La ville d'Issy-les-Moulineaux   coopère avec Suwon depuis 2015.")
        document.add_heading("Projets communs", level=2)
        table = document.add_table(rows=2, cols=3)
        for i, row in enumerate([("Ville", "Pays", "Projet"), ("Suwon", "Corée", "Hydrogène")]):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        document.add_paragraph("Le compte rendu sera diffusé aux membres.")
    document.save(str(path))
    return path


def test_french_docx_headings_speaker_and_table(tmp_path):
    path = _minutes_docx(tmp_path / "minutes.docx", korean=False)
    result = reader_for(path).read(path)
    lines = result.text.splitlines()
    assert "# Ouverture" in lines and "## Projets communs" in lines
    assert "Ville | Pays | Projet" in lines and "Suwon | Corée | Hydrogène" in lines
    assert "coopère avec Suwon depuis 2015." in result.text  # spaces normalised
    document = load_document(path)
    assert document.meta.title == "Compte rendu du séminaire de Suwon"
    chunks = chunk_document(document)
    opening = next(chunk for chunk in chunks if "Issy" in chunk.text)
    assert (opening.section, opening.speaker) == ("Ouverture", "Claire Guichard")
    table = next(chunk for chunk in chunks if "Hydrogène" in chunk.text)
    assert table.section == "Projets communs"


def test_korean_docx_localised_heading_styles_and_lists(tmp_path):
    path = _minutes_docx(tmp_path / "회의록.docx", korean=True)
    result = reader_for(path).read(path)
    assert result.text.startswith("# 수원 세미나 회의록\n")
    assert "- 분리수거율이 높아졌습니다.\n- 음식물 쓰레기가 줄었습니다." in result.text
    document = load_document(path)
    assert document.meta.title == "수원 세미나 회의록"
    assert document.meta.language == "ko"
    chunks = chunk_document(document)
    bus = next(chunk for chunk in chunks if "수소 버스" in chunk.text)
    assert (bus.section, bus.speaker) == ("수원 세미나 회의록", "김민수")
    assert next(chunk for chunk in chunks if "분리수거율" in chunk.text).section == "재활용"


# --------------------------------------------------------------------- transcripts

FR_SRT = """1
00:00:01,250 --> 00:00:04,500
JEAN DUPONT: Bonjour à tous,
merci d'être venus à Tours.

2
00:00:04,600 --> 00:00:07,000
Nous parlons aujourd'hui de l'hydrogène.

3
00:00:07,100 --> 00:00:09,900
<i>Interprète :</i> Le maire de Suwon vous remercie.

4
00:00:10,000 --> 00:00:12,750
Mme Sooyeon Kim: Notre ville investit dans les bus à hydrogène.
"""
KO_VTT = """WEBVTT

NOTE interpretation session, Suwon 2022

00:00:01.500 --> 00:00:04.250
<v 김민수>안녕하세요. 수원시장 김민수입니다.</v>

00:00:04.300 --> 00:00:06.040
<v 김민수>수소 도시 정책을 소개하겠습니다.

00:00:06.100 --> 00:00:09.120
<v Claire Guichard>Merci &amp; bienvenue à Issy.
"""


def test_srt_turns_speakers_and_time_codes(tmp_path):
    path = tmp_path / "session.srt"
    path.write_text(FR_SRT, encoding="utf-8")
    result = reader_for(path).read(path)
    assert result.text.startswith("Speaker: Jean Dupont\nBonjour à tous, merci d'être venus à Tours. Nous parlons")
    assert "Speaker: Interprète\nLe maire de Suwon vous remercie." in result.text
    assert "<i>" not in result.text
    assert result.meta["speakers"] == ["Jean Dupont", "Interprète", "Sooyeon Kim"]
    # Each cue's span is its text in the rendering, with fractional times.
    for start, end, begin, finish in result.meta["timeline"]:
        assert result.text[start:end].strip() == result.text[start:end] and begin < finish
    assert result.text[slice(*result.meta["timeline"][1][:2])] == "Nous parlons aujourd'hui de l'hydrogène."
    assert result.meta["timeline"][0][2:] == [1.25, 4.5]
    chunks = chunk_document(load_document(path))
    assert [(c.speaker, c.time_start, c.time_end) for c in chunks] == [
        ("Jean Dupont", 1.25, 7.0),
        ("Interprète", 7.1, 9.9),
        ("Sooyeon Kim", 10.0, 12.75),
    ]


def test_vtt_voice_tags_millisecond_times_and_korean(tmp_path):
    path = tmp_path / "suwon.vtt"
    path.write_text(KO_VTT, encoding="utf-8")
    result = reader_for(path).read(path)
    assert "Speaker: 김민수\n안녕하세요. 수원시장 김민수입니다. 수소 도시 정책을 소개하겠습니다." in result.text
    assert "Merci & bienvenue à Issy." in result.text  # entities decoded, tags removed
    assert [cue[2:] for cue in result.meta["timeline"]] == [[1.5, 4.25], [4.3, 6.04], [6.1, 9.12]]
    document = load_document(path)
    assert document.meta.speakers == ("김민수", "Claire Guichard")
    chunks = chunk_document(document)
    korean = next(chunk for chunk in chunks if chunk.speaker == "김민수")
    assert (korean.lang, korean.time_start, korean.time_end) == ("ko", 1.5, 6.04)
    french = next(chunk for chunk in chunks if chunk.speaker == "Claire Guichard")
    assert (french.lang, french.time_start, french.time_end) == ("fr", 6.1, 9.12)


def test_korean_srt_name_labels_and_cp949(tmp_path):
    text = (
        "1\n00:00:00,500 --> 00:00:03,000\n김민수 시장: 여러분 반갑습니다. 오늘 회의에서는 수소 경제와 재활용 정책을 논의합니다.\n\n"
        "2\n00:00:03,200 --> 00:00:06,800\n통역: 프랑스 투르시 대표단이 자전거 도로 확충 계획을 소개했습니다.\n"
    )
    path = tmp_path / "회의.srt"
    path.write_bytes(text.encode("cp949"))
    result = reader_for(path).read(path)
    assert result.encoding.replace("_", "").lower() in ("cp949", "euckr", "johab", "uhc")
    assert result.meta["speakers"] == ["김민수 시장", "통역"]
    assert "Speaker: 통역\n프랑스 투르시 대표단이" in result.text


# -------------------------------------------------------------------- HTML, front matter


def test_html_body_headings_and_declared_charset(tmp_path):
    page = (
        "<!doctype html><html lang='ko-KR'><head><meta charset='euc-kr'><title>수원 세미나</title>"
        "<style>p { color: red }</style><script>var s = '<p>숨김</p>';</script></head><body>"
        "<nav><a href='/'>홈</a> <a href='/en'>English</a></nav>"
        "<h1>수원 세미나</h1><p>수원시는 <b>재활용</b> 정책을<br>강화하고 있습니다.</p>"
        "<h2>참여 도시</h2><ul><li>수원</li><li>투르</li></ul>"
        "<table><tr><th>도시</th><th>국가</th></tr><tr><td>투르</td><td>프랑스</td></tr></table></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("euc-kr"))
    result = reader_for(path).read(path)
    assert result.encoding == "euc_kr"
    assert result.text.splitlines()[:4] == ["# 수원 세미나", "", "수원시는 재활용 정책을", "강화하고 있습니다."]
    assert "- 수원\n- 투르" in result.text and "도시 | 국가\n투르 | 프랑스" in result.text
    for hidden in ("color", "숨김", "English", "홈"):
        assert hidden not in result.text
    document = load_document(path)
    assert (document.meta.title, document.meta.language) == ("수원 세미나", "ko")
    assert {chunk.section for chunk in chunk_document(document)} == {"수원 세미나", "참여 도시"}


def test_french_html_entities_preformatted_text_and_first_heading_title(tmp_path):
    page = (
        '<html lang="fr"><body><header><h1>Rencontres &laquo;&nbsp;Climat&nbsp;&raquo; à Tours</h1></header>'
        "<article><h2>Mobilité</h2><p>La ville&nbsp;a doublé   ses pistes\n cyclables&hellip;</p>"
        "<pre>Ligne A  | 2013\nLigne B  | 2025</pre><h3>Financement</h3><p>Budget : 12&nbsp;M&euro;.</p></article>"
        "<footer><p>Mentions légales</p></footer></body></html>"
    )
    path = tmp_path / "tours.htm"
    path.write_text(page, encoding="utf-8")
    result = reader_for(path).read(path)
    lines = result.text.splitlines()
    assert lines[0] == "# Rencontres « Climat » à Tours"
    assert "La ville a doublé ses pistes cyclables…" in lines
    assert "Ligne A  | 2013" in lines and "Ligne B  | 2025" in lines  # <pre> keeps its spacing
    assert "title from the first heading" in result.notes
    assert "Mentions légales" not in result.text  # site footer
    document = load_document(path)
    assert (document.meta.title, document.meta.language) == ("Rencontres « Climat » à Tours", "fr")
    budget = next(chunk for chunk in chunk_document(document) if "Budget" in chunk.text)
    assert budget.section == "Mobilité › Financement"


def test_markdown_front_matter_becomes_metadata(tmp_path):
    path = tmp_path / "suwon.md"
    path.write_text(
        '---\ntitle: Séminaire de Suwon\ndate: 2022-05-12\nlieu: "Suwon, Corée"\nspeakers: [Claire Guichard, 김민수]\n---\n\n'
        "# Ouverture\n\nLa séance est ouverte par la présidente.\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.text.startswith("# Ouverture")
    meta = document.meta
    assert (meta.title, meta.date, meta.place, meta.speakers) == (
        "Séminaire de Suwon",
        "2022-05-12",
        "Suwon, Corée",
        ("Claire Guichard", "김민수"),
    )
    rule = tmp_path / "rule.md"  # a horizontal rule is not front matter
    rule.write_text("---\nTexte libre, pas de métadonnées.\n---\n", encoding="utf-8")
    assert load_document(rule).text.startswith("---\nTexte libre")


# ---------------------------------------------------------------------- encodings

KOREAN = (
    "수원시와 투르시는 탄소중립과 재활용 정책에 관한 경험을 나누었습니다.\n"
    "시민 참여 예산과 자전거 도로 확충 계획도 함께 논의했습니다.\n"
)
FRENCH_1252 = (
    "Les élus ont évoqué l’œuvre commune : « cœur de ville », transition écologique et coopération décentralisée.\n"
)
FRENCH_LATIN1 = "Les élus ont présenté la coopération décentralisée : été, hiver, forêt, château, façade.\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", {"utf-8"}),
        ("utf-8-sig", {"utf-8-sig"}),
        ("utf-16", {"utf-16"}),
        ("cp949", {"cp949", "euc_kr"}),
        ("euc-kr", {"cp949", "euc_kr"}),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".srt"])
def test_korean_text_reads_the_same_in_every_encoding(tmp_path, encoding, expected, suffix):
    body = KOREAN * 3
    if suffix == ".srt":
        body = f"1\n00:00:01,000 --> 00:00:05,000\n{body}\n"
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(body.encode(encoding))
    result = reader_for(path).read(path)
    assert result.encoding in expected
    reference = reader_for(path).read(_write(tmp_path / f"ref{suffix}", body, "utf-8"))
    assert result.text == reference.text
    assert "탄소중립과 재활용 정책" in result.text


# charset-normalizer ranks cp1250 level with cp1252 and first on French text, so
# "œ" comes back as "ś" and "ê" as "ę": corpus/readers/base.py must prefer the
# archive's own encodings among equally good guesses. Remove the mark with that fix.
@pytest.mark.parametrize(("text", "encoding"), [(FRENCH_1252, "cp1252"), (FRENCH_LATIN1, "latin-1")])
def test_french_legacy_encodings_read_the_same(tmp_path, text, encoding):
    path = _write(tmp_path / "vieux.txt", text * 3, encoding)
    result = reader_for(path).read(path)
    assert result.text == text * 3
    assert result.encoding not in ("utf-8", "ascii")
    report = load_documents([tmp_path])
    assert any(str(path) in note for note in report.notes)  # the guess is reported


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path
