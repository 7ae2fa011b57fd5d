"""Small documents in the formats partners send, made by the tests themselves.

Every text here was written by the project team for testing (labelled so in
the documents' own properties); none is taken from a real partner document.
"""

from __future__ import annotations

from pathlib import Path

TEAM_LABEL = "seminar-search 프로젝트 팀 (시험용 문서)"
NANUM = Path("/usr/share/fonts/truetype/nanum")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

# Korean as a city's briefing note would put it; French as a CUF report would.
KO_PARAGRAPH = (
    "수원시는 2050 탄소중립 목표에 따라 수소 시내버스를 도입하고 충전소를 확충하고 있습니다. "
    "빗물 저금통 보급과 도시 농업을 통해 시민과 함께 기후 위기에 대응합니다. "
    "프랑스 투르시와의 협력은 폐기물 재활용과 대중교통 분야로 넓어졌으며, "
    "두 도시는 매년 실무 회의를 열어 성과를 점검합니다."
)
FR_PARAGRAPH = (
    "La ville de Tours a présenté sa stratégie de transition écologique : rénovation thermique des écoles, "
    "tramway et collecte des biodéchets. Les collectivités coréennes développent l'hydrogène, le recyclage "
    "des déchets et l'agriculture urbaine avec leurs habitants."
)


CLOSING = "빗물 재이용 시설과 연계한 도시 숲 조성도 함께 검토하고 있다."


def make_hangul_document(path: Path, closing: str = CLOSING) -> Path:
    """An HWPX or HWP 5 file (by the suffix of ``path``) with outline headings, a table and properties."""
    from hwpx import HwpxDocument

    document = HwpxDocument.new()
    document.parts.set_document_metadata(title="수원시 수소 도시 추진 현황", creator=TEAM_LABEL)
    document.add_heading("추진 배경", level=1)
    document.add_paragraph("수원시는 2050 탄소중립 목표에 따라 수소 시내버스 도입과 충전소 확충을 추진하고 있다.",
                           style="바탕글")
    document.add_heading("주요 사업", level=2)
    table = document.add_table(3, 2)
    for row, cells in enumerate((("사업명", "규모"), ("수소 시내버스 도입", "100대"), ("수소 충전소 구축", "5개소"))):
        for column, text in enumerate(cells):
            table.set_cell_text(row, column, text)
    document.add_paragraph(closing, style="바탕글")
    document.save_to_path(path)
    return path


def make_deck(path: Path) -> Path:
    """A bilingual seminar deck: titled slides, a table, speaker notes in French and in Korean."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.author = TEAM_LABEL
    first = deck.slides.add_slide(deck.slide_layouts[1])
    first.shapes.title.text = "La gestion des déchets à Tours"
    first.placeholders[1].text = "Collecte des biodéchets dans tous les quartiers\nTri sélectif dans les écoles"
    first.notes_slide.notes_text_frame.text = (
        "Le vice-président a rappelé que la métropole composte désormais ses biodéchets.")
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = "Chiffres clés"
    rows = (("Indicateur", "2020", "2023"), ("Déchets recyclés", "31 %", "42 %"))
    table = second.shapes.add_table(2, 3, Inches(1), Inches(2), Inches(7), Inches(1)).table
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    third = deck.slides.add_slide(deck.slide_layouts[5])
    third.shapes.title.text = "수원시의 빗물 관리"
    box = third.shapes.add_textbox(Inches(1), Inches(2), Inches(7), Inches(1))
    box.text_frame.text = "빗물 저금통 보급 사업으로 가정마다 빗물을 모아 텃밭에 씁니다."
    third.notes_slide.notes_text_frame.text = "발표자는 시민 참여형 빗물 관리 사례를 소개했습니다."
    deck.save(path)
    return path


def render_page(text: str, font: Path, size: int = 46, width: int = 2480, height: int = 3508):
    """An A4 page at 300 dpi with ``text`` wrapped in ``font``: what a scanner gives back.

    Returns:
        The greyscale image and the text as laid out (one line per rendered line).
    """
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(str(font), size)
    margin, lines, line = 250, [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=face) > width - 2 * margin:
            lines.append(line)
            candidate = word
        line = candidate
    lines.append(line)
    for number, content in enumerate(lines):
        draw.text((margin, margin + number * int(size * 1.6)), content, font=face, fill=0)
    return image, "\n".join(lines)
