"""corpus/: cleaning, structure, chunking, language tags, loading, translations."""

from __future__ import annotations

import json
import re

import pytest

from corpus import ChunkingOptions, chunk_document, load_document, load_documents
from corpus.chunk import Document, DocumentMeta
from corpus.clean import remove_markup, split_doubled, split_lines
from corpus.language import detect_language
from corpus.structure import parse_units
from corpus.translation import (
    FRENCH_DIR,
    KOREAN_DIR,
    TRANSLATIONS_DIR,
    read_alignment,
    read_korean,
    read_segments,
    render,
    render_document,
)

TOURS = FRENCH_DIR / "2021-tours-transition-ecologique.txt"
MINUTES = FRENCH_DIR / "2020-09-21-point-pays-coree.txt"


def _doc(text: str, lang: str = "fr", doc_id: str = "t") -> Document:
    return Document(DocumentMeta(id=doc_id, language=lang, title="Test"), text)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("OUVERTURE ET DISCOURSOUVERTURE ET DISCOURS", [("OUVERTURE ET DISCOURS", True)]),
        ("VILLE DE SEOGU VILLE DE SEOGU À INCHEONÀ INCHEON", [("VILLE DE SEOGU", True), ("À INCHEON", True)]),
        (
            "M. JAE HYUN LEE      INTERVENTIONS DE CADRAGEINTERVENTIONS DE CADRAGE",
            [("M. JAE HYUN LEE", False), ("INTERVENTIONS DE CADRAGE", True)],
        ),
        ("Il faut chercher des solutions locales", [("Il faut chercher des solutions locales", False)]),
    ],
)
def test_doubled_pdf_headings_are_undone(line, expected):
    parts = split_doubled(split_lines(line)[0])
    assert [(part.text, doubled) for part, doubled in parts] == expected


def test_markup_removal_keeps_offsets_into_the_source():
    source = "- **Mme Sooyeon KIM**, le 2^{ème} numéro"
    span = remove_markup(split_lines(source)[0])
    assert span.text == "- Mme Sooyeon KIM, le 2ème numéro"
    assert all(source[offset] == char for char, offset in zip(span.text, span.offsets))


def test_every_bundled_chunk_maps_back_to_its_source():
    for document in load_documents().documents:
        chunks = chunk_document(document)
        assert chunks
        for chunk in chunks:
            source = re.sub(r"[*^{}]", "", document.text[chunk.start : chunk.end])  # markup is what cleaning drops
            assert _flat(chunk.text[:12]) in _flat(source)
            assert _flat(chunk.text[-12:]) in _flat(source)
            # Cleaning only deletes characters: every word of the chunk is in the source slice.
            for word in re.findall(r"\w{4,}", chunk.text):
                assert word in source


def test_urls_and_video_boilerplate_are_never_searchable():
    chunks = [c for d in load_documents().documents for c in chunk_document(d)]
    assert not [c for c in chunks if "http" in c.text or "bit.ly" in c.text]
    assert not [c for c in chunks if "Regarder la vidéo" in c.text]
    # the links appendix of the Tours report is navigation only
    assert not [c for c in chunks if c.text.startswith("la province de Chungnam")]


def test_tours_report_sections_and_speakers_are_recognised():
    chunks = chunk_document(load_document(TOURS))
    sections = {c.section.split(" › ")[0] for c in chunks}
    assert {
        "OUVERTURE ET DISCOURS",
        "INTERVENTIONS DE CADRAGE",
        "PROVINCE DE CHUNGNAM",
        "VILLE DE SEOGU À INCHEON",
        "VILLE DE SUWON",
        "VILLE DE GOYANG",
        "VILLE DE GUNSAN",
        "REGARDS CROISÉS",
    } <= sections
    speakers = {c.speaker for c in chunks}
    assert {
        "Emmanuel Denis",
        "Claire Guichard",
        "Jae Hyun Lee",
        "Divya Leducq",
        "Dae Jong Yoo",
        "Philippe Lefort",
    } <= speakers
    hydrogen = next(c for c in chunks if "station à hydrogène" in c.text)
    assert hydrogen.speaker == "Claire Guichard"
    rain = next(c for c in chunks if "tirelires de la pluie" in c.text)
    assert rain.section.startswith("VILLE DE SUWON")


def test_minutes_numbered_sections_and_bold_speakers():
    chunks = chunk_document(load_document(MINUTES))
    assert {"1. Introduction", "4. Calendrier ; conclusions", "Liste des participants"} <= {c.section for c in chunks}
    seocho = next(c for c in chunks if "ville berceau" in c.text)
    assert seocho.speaker == "Sooyeon Kim"
    assert next(c for c in chunks if "marathon numérique" in c.text).speaker == "Elise Pereira Nunes"


def test_chunks_never_cross_sections_and_respect_size():
    text = (
        "# Un\n\n"
        + "Phrase numéro un avec du contenu. " * 40
        + "\n\n# Deux\n\nAutre section courte ici, assez longue pour rester seule en tant que chunk."
    )
    chunks = chunk_document(_doc(text), ChunkingOptions(target_chars=200, min_chars=20))
    assert {c.section for c in chunks} == {"Un", "Deux"}
    for chunk in chunks:
        assert len(chunk.text) <= 260
        assert chunk.section in ("Un", "Deux")
    assert (
        sum(c.text.count("Phrase numéro un") for c in chunks) == 40
    )  # repeated sentences are content, not a doubled heading
    assert chunks[-1].section == "Deux" and "Autre section" in chunks[-1].text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("수소", "ko"),
        ("hydrogène", "fr"),
        ("Smart City", "en"),
        ("재활용 정책", "ko"),
        ("recycling", "en"),
        ("gestion des déchets", "fr"),
        ("What did Suwon present about rain water?", "en"),
        ("Quelles villes coréennes ont participé ?", "fr"),
        ("탄소중립 neutralité carbone", "mixed"),
        ("", "fr"),
        ("123", "fr"),
    ],
)
def test_language_detection_is_robust_on_short_text(text, lang):
    assert detect_language(text) == lang


def test_chunk_language_tags_follow_the_text():
    chunks = [c for d in load_documents().documents for c in chunk_document(d)]
    assert {c.lang for c in chunks if c.doc.endswith(".ko")} <= {"ko", "mixed"}
    assert {c.lang for c in chunks if not c.doc.endswith(".ko")} == {"fr"}


def test_sidecar_metadata_and_translation_labels():
    report = load_documents()
    by_id = {d.id: d for d in report.documents}
    assert set(by_id) == {
        "2021-tours-transition-ecologique",
        "2020-09-21-point-pays-coree",
        "2021-tours-transition-ecologique.ko",
        "2020-09-21-point-pays-coree.ko",
    }
    original = by_id["2020-09-21-point-pays-coree"].meta
    assert original.original_filename == "003_9f29c91c1e0cd331.txt" and original.date == "2020-09-21"
    translation = by_id["2021-tours-transition-ecologique.ko"].meta
    assert translation.translation_of == "2021-tours-transition-ecologique" and translation.translator
    assert translation.is_translation and "번역" in translation.title
    assert all(c.translated for c in chunk_document(by_id["2021-tours-transition-ecologique.ko"]))


def test_bundled_originals_are_byte_for_byte(tmp_path):
    from pathlib import Path

    shared = Path(__file__).resolve().parents[2] / "shared" / "seminar-corpus"
    if not shared.exists():
        pytest.skip("../shared/seminar-corpus is not beside this checkout")
    for name in ("2021-tours-transition-ecologique.txt", "2020-09-21-point-pays-coree.txt"):
        assert (FRENCH_DIR / name).read_bytes() == (shared / name).read_bytes()


def test_non_utf8_file_is_decoded_and_reported(tmp_path):
    korean = "수원시는 빗물 관리 정책을 추진하고 있습니다. 레인시티 사업은 2009년에 시작되었습니다."
    (tmp_path / "cp949.txt").write_bytes(korean.encode("cp949"))
    (tmp_path / "latin1.txt").write_bytes(
        "Les élus de Tours ont présenté la végétalisation des écoles.".encode("cp1252")
    )
    report = load_documents([tmp_path])
    texts = {d.id: d.text for d in report.documents}
    assert texts["cp949"] == korean
    assert "végétalisation" in texts["latin1"]
    assert any("cp949" in note or "euc" in note.lower() for note in report.notes)


def test_unreadable_file_is_skipped_with_a_warning_and_the_rest_indexed(tmp_path):
    (tmp_path / "good.txt").write_text(
        "Le recyclage des déchets à Seogu, un exemple pour les villes françaises.", encoding="utf-8"
    )
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    report = load_documents([tmp_path])
    assert [d.id for d in report.documents] == ["good"]
    assert len(report.warnings) == 1 and "binary.txt" in report.warnings[0]


@pytest.mark.parametrize("doc", ["2021-tours-transition-ecologique", "2020-09-21-point-pays-coree"])
def test_korean_documents_are_in_sync_with_their_aligned_segments(doc):
    segments = read_segments(TRANSLATIONS_DIR / f"{doc}.jsonl")
    korean, alignment = render(segments, (FRENCH_DIR / f"{doc}.txt").read_text(encoding="utf-8"))
    header, _body, _alignment = render_document(doc)
    assert (KOREAN_DIR / f"{doc}.ko.md").read_text(encoding="utf-8") == header + korean
    assert load_document(KOREAN_DIR / f"{doc}.ko.md").text == korean
    assert read_alignment(KOREAN_DIR / f"{doc}.ko.align.tsv") == alignment


@pytest.mark.parametrize("doc", ["2021-tours-transition-ecologique", "2020-09-21-point-pays-coree"])
def test_alignment_excerpts_match_both_texts(doc):
    french = (FRENCH_DIR / f"{doc}.txt").read_text(encoding="utf-8")
    korean = read_korean(KOREAN_DIR / f"{doc}.ko.md")
    lines = (KOREAN_DIR / f"{doc}.ko.align.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(lines) > 50
    for line in lines:
        fr_start, fr_end, ko_start, ko_end, fr_excerpt, ko_excerpt = line.split("\t")
        assert _flat(french[int(fr_start) : int(fr_end)]).startswith(fr_excerpt)
        assert _flat(korean[int(ko_start) : int(ko_end)]).startswith(ko_excerpt)


@pytest.mark.parametrize("doc", ["2021-tours-transition-ecologique", "2020-09-21-point-pays-coree"])
def test_every_section_has_a_counterpart_in_the_other_language(doc):
    french = chunk_document(load_document(FRENCH_DIR / f"{doc}.txt"))
    korean = chunk_document(load_document(KOREAN_DIR / f"{doc}.ko.md"))
    pairs = read_alignment(KOREAN_DIR / f"{doc}.ko.align.tsv")

    def linked(chunk, lang):
        for pair in pairs:
            start, end = (pair.fr_start, pair.fr_end) if lang == "fr" else (pair.ko_start, pair.ko_end)
            if chunk.start < end and start < chunk.end:
                return True
        return False

    for chunks, lang in ((french, "fr"), (korean, "ko")):
        sections = {c.section for c in chunks}
        aligned_sections = {c.section for c in chunks if linked(c, lang)}
        assert sections == aligned_sections, f"{lang} sections without counterpart: {sections - aligned_sections}"
    assert len({c.section.split(" › ")[0] for c in korean}) >= 8 if doc.startswith("2021") else 6


def test_translation_segments_cover_the_french_content():
    for segments_file in TRANSLATIONS_DIR.glob("*.jsonl"):
        french = (FRENCH_DIR / f"{segments_file.stem}.txt").read_text(encoding="utf-8")
        covered = [False] * len(french)
        for pair in read_alignment(KOREAN_DIR / f"{segments_file.stem}.ko.align.tsv"):
            covered[pair.fr_start : pair.fr_end] = [True] * (pair.fr_end - pair.fr_start)
        units, _ = parse_units(french)
        searchable = [u for u in units if len(u.span.text) > 30]
        missing = [u.span.text for u in searchable if not any(covered[o] for o in u.span.offsets)]
        assert not missing, missing[:3]


def test_segments_file_errors_name_file_and_line(tmp_path):
    from corpus.errors import DocumentError

    bad = tmp_path / "x.jsonl"
    bad.write_text('{"fr": "a", "ko": "가"}\n{not json}\n', encoding="utf-8")
    with pytest.raises(DocumentError, match=r"x\.jsonl:2"):
        read_segments(bad)
    assert json.loads('{"fr": "a", "ko": "가"}')["ko"] == "가"
