"""Page numbers (PDF pages, DOCX page breaks), links to the moment of a recording, import progress.

The documents are written by the team for testing.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from app.cli import main
from app.export import results_to_csv, results_to_markdown
from corpus.chunker import chunk_document
from corpus.loader import load_document, load_documents
from corpus.readers.base import join_pages
from search.video import moment_url

PDF_PAGES = [
    "Rapport de la mission à Suwon. La délégation de Tours a visité le centre de tri et la station de recharge.",
    "La collecte de l'eau de pluie alimente les jardins partagés du quartier de Gwonseon.",
    "Les deux villes prépareront ensemble le prochain séminaire franco-coréen sur la transition écologique.",
]


def text_pdf(path, pages):
    from fpdf import FPDF

    pdf = FPDF()
    for text in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, text.encode("latin-1", "replace").decode("latin-1"))
    pdf.output(str(path))
    return path


def test_join_pages_gives_each_page_start():
    text, starts = join_pages(["\nUne\n", "", "Trois"])
    assert text == "Une\n\n\n\n\n\nTrois\n" and starts == (0, 6, 9)
    assert [text[s:].split("\n")[0] for s in starts] == ["Une", "", "Trois"]


def test_every_pdf_passage_knows_its_page_and_none_crosses_one(tmp_path):
    document = load_document(text_pdf(tmp_path / "mission.pdf", PDF_PAGES))
    assert len(document.pages) == 3
    chunks = chunk_document(document)
    assert [chunk.page for chunk in chunks] == [1, 2, 3]
    assert "eau de pluie" in chunks[1].text and "prochain" not in chunks[1].text


def word_document(path, *, rendered: bool):
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_heading("Compte rendu de la réunion du groupe-pays Corée", 1)
    document.add_paragraph("Première page : ouverture par la présidente du groupe-pays.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # the usual "page break" paragraph
    document.add_paragraph("Deuxième page : bilan des coopérations sur l'hydrogène.")
    paragraph = document.add_paragraph("Fin de la deuxième page.")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("Troisième page dans le même paragraphe : calendrier du séminaire.")
    if rendered:
        # What Word records when it saves: where it laid out each page (here, one page per paragraph).
        for paragraph in document.paragraphs[1:]:
            if paragraph.text:
                paragraph.runs[0]._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    document.save(path)
    return path


def test_docx_page_breaks_give_pages(tmp_path):
    document = load_document(word_document(tmp_path / "reunion.docx", rendered=False))
    assert len(document.pages) == 3
    pages = {chunk.page: chunk.text for chunk in chunk_document(document)}
    assert "ouverture" in pages[1] and "hydrogène" in pages[2] and "calendrier" in pages[3]


def test_docx_layout_recorded_by_word_wins_over_explicit_breaks(tmp_path):
    document = load_document(word_document(tmp_path / "reunion.docx", rendered=True))
    # Rendered breaks before each of the 3 non-heading paragraphs: 4 pages, explicit breaks not counted twice.
    assert len(document.pages) == 4


def test_docx_without_page_breaks_has_no_pages(tmp_path):
    import docx

    plain = docx.Document()
    plain.add_paragraph("Une seule page, sans saut de page.")
    plain.save(tmp_path / "simple.docx")
    document = load_document(tmp_path / "simple.docx")
    assert document.pages == () and all(chunk.page is None for chunk in chunk_document(document))


@pytest.mark.parametrize(
    ("url", "seconds", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", 65.8, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=65"),
        ("https://www.youtube.com/watch?v=abc&t=30s&list=PL1", 65, "https://www.youtube.com/watch?v=abc&list=PL1&t=65"),
        ("https://youtu.be/abc123", 125, "https://youtu.be/abc123?t=125"),
        ("https://youtu.be/abc123?si=x1", 0.4, "https://youtu.be/abc123?si=x1&t=0"),
        ("https://archives.example.org/seance.mp4", 65, "https://archives.example.org/seance.mp4#t=65"),
        ("https://vimeo.com/12345#t=10s", 65, "https://vimeo.com/12345?t=65"),
        ("javascript:alert(1)", 65, ""),
        ("file:///etc/passwd", 65, ""),
        ("https://youtu.be/abc123", None, ""),
    ],
)
def test_moment_url(url, seconds, expected):
    assert moment_url(url, seconds) == expected


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def paged_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paged")
    text_pdf(folder / "mission.pdf", PDF_PAGES)
    (folder / "seance.srt").write_text(
        "1\n00:01:05,000 --> 00:01:09,500\nJEAN DUPONT: Bonjour à tous, merci d'être venus à Suwon.\n\n"
        "2\n00:01:10,000 --> 00:01:16,000\nJEAN DUPONT: Parlons de la collecte des biodéchets à Tours.\n",
        encoding="utf-8",
    )
    sidecar = {"video_url": "https://youtu.be/abc123?si=x1"}
    (folder / "seance.srt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    index_dir = folder / "index"
    assert main(["index", str(folder), "--index-dir", str(index_dir)]) == 0
    return index_dir


@pytest.mark.slow
def test_results_cite_their_page_in_json_text_and_exports(capsys, paged_index):
    code, out, err = run(capsys, "search", "eau de pluie jardins", "--json", "-k", "1", "--index-dir", paged_index)
    response = json.loads(out)
    assert code == 0 and response["results"][0]["page"] == 2, out
    assert response["results"][0]["video_url"] == ""
    code, out, _ = run(capsys, "search", "eau de pluie jardins", "-k", "1", "--index-dir", paged_index)
    assert "mission (original) — p. 2" in out or "mission — p. 2" in out, out
    exported = results_to_csv(response)
    rows = list(csv.DictReader(io.StringIO(exported), dialect=csv.Sniffer().sniff(exported.splitlines()[0])))
    assert rows[0]["page"] == "2" and rows[0]["video_url"] == ""
    assert "of `mission`, p. 2" in results_to_markdown(response)


@pytest.mark.slow
def test_transcript_results_link_to_their_moment(capsys, paged_index):
    code, out, _ = run(capsys, "search", "biodéchets", "--json", "-k", "1", "--index-dir", paged_index)
    result = json.loads(out)["results"][0]
    assert code == 0 and result["doc"] == "seance" and result["page"] is None
    assert result["video_url"] == "https://youtu.be/abc123?si=x1&t=65"
    code, out, _ = run(capsys, "search", "biodéchets", "-k", "1", "--index-dir", paged_index)
    assert "▶ https://youtu.be/abc123?si=x1&t=65" in out
    assert "[Recording at this moment](https://youtu.be/abc123?si=x1&amp;t=65)" in results_to_markdown(json.loads(
        run(capsys, "search", "biodéchets", "--json", "-k", "1", "--index-dir", paged_index)[1]))


def test_progress_is_told_about_every_file(tmp_path):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(f"Note {name} du groupe-pays Corée sur la coopération.\n", encoding="utf-8")
    seen = []
    report = load_documents([tmp_path], progress=lambda done, total, path, ocr: seen.append((done, total, path.name)))
    assert seen == [(0, 3, "a.txt"), (1, 3, "b.txt"), (2, 3, "c.md")]
    assert report.read_by_kind == {"txt": 2, "md": 1} and not report.skipped_by_reason


@pytest.mark.slow
def test_result_cards_and_reader_cite_the_page_and_link_the_moment(paged_index, encoder):
    from app.documents_html import reader_html
    from app.results_html import results_html
    from search.engine import SearchEngine

    engine = SearchEngine.open(paged_index, encoder=encoder)
    cards = results_html(engine.search("eau de pluie jardins", k=1), engine, "fr")
    assert "p. 2" in cards
    cards = results_html(engine.search("biodéchets", k=1), engine, "fr")
    assert 'href="https://youtu.be/abc123?si=x1&amp;t=65"' in cards and 'rel="noopener noreferrer"' in cards
    reader = reader_html(engine, "mission", "fr")
    assert [f'<span class="ss-page">p. {n}</span>' in reader for n in (1, 2, 3)] == [True, True, True]
