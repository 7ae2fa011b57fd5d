"""The bilingual glossary: format, attestation in both languages, look-up, TBX export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from corpus.errors import GlossaryError
from corpus.translation import FRENCH_DIR, KOREAN_DIR, read_korean
from search.glossary import DOMAINS, GLOSSARY_PATH, Glossary, _contains, _key, read_glossary
from search.terms import TBX_NAMESPACE, XML_LANG, export_glossary, lookup_terms

ENTRIES = read_glossary(GLOSSARY_PATH)


def test_glossary_is_large_and_covers_every_domain():
    assert len(ENTRIES) >= 300
    assert {entry.domain for entry in ENTRIES} == set(DOMAINS)
    assert len({entry.key.casefold() for entry in ENTRIES}) == len(ENTRIES)


def _documents():
    french = [_key(path.read_text(encoding="utf-8"), "fr") for path in FRENCH_DIR.glob("*.txt")]
    korean = [_key(read_korean(path), "ko") for path in KOREAN_DIR.glob("*.md")]
    return french, korean


def _attested(variant, lang, french, korean):
    docs = french if lang == "fr" else korean
    return any(_contains(doc, _key(variant, lang), lang, min_korean=1) for doc in docs)


def test_every_entry_is_attested_in_french_and_in_korean():
    """Each language of an entry is attested unless all its variants there are query-only ("~")."""
    french, korean = _documents()
    unattested = []
    for entry in ENTRIES:
        for lang in ("fr", "ko"):
            expected = entry.attested_terms(lang)
            if expected and not any(_attested(v, lang, french, korean) for v in expected):
                unattested.append((entry.line, lang, expected[0]))
    assert not unattested, unattested[:10]


def test_query_only_variants_are_really_absent_from_the_documents():
    """The "~" marker is honest: a variant the documents contain must not carry it."""
    french, korean = _documents()
    marked = [
        (entry.line, lang, term) for entry in ENTRIES for lang, term in sorted(entry.query_only) if lang in ("fr", "ko")
    ]
    assert len(marked) >= 60
    wrongly = [item for item in marked if _attested(item[2], item[1], french, korean)]
    assert not wrongly, wrongly[:10]


def test_query_only_marker_and_trilingual_notes_parse(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text(
        "fr\tko\ten\tdomain\tnotes\tnotes_fr\tnotes_ko\n"
        "Tours\t투르 | ~뚜르\tTours\tplaces\tHost city\tVille hôte\t개최 도시\n",
        encoding="utf-8",
    )
    entry = read_glossary(path)[0]
    assert entry.ko == ("투르", "뚜르") and entry.attested_terms("ko") == ("투르",)
    assert (entry.note("fr"), entry.note("ko"), entry.note("en")) == ("Ville hôte", "개최 도시", "Host city")
    assert (entry.domain_label("fr"), entry.domain_label("ko"), entry.domain_label("en")) == ("lieux", "지명", "places")
    assert Glossary([entry]).lookup("뚜르")[0] is entry
    with pytest.raises(GlossaryError, match="unknown language"):
        entry.note("de")


def test_every_entry_has_its_note_in_french_korean_and_english():
    missing = [(e.line, e.key) for e in ENTRIES if e.notes and not (e.notes_fr and e.notes_ko)]
    assert not missing, missing[:10]
    assert all(e.domain_label(lang) for e in ENTRIES for lang in ("fr", "ko", "en"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("recyclage\t재활용\trecycling\twaste", "expected 5"),
        ("\t재활용\trecycling\twaste\t", "must not be empty"),
        ("recyclage\t재활용\trecycling\tgarbage\t", "unknown domain"),
    ],
)
def test_malformed_rows_name_the_file_and_line(tmp_path, row, message):
    path = tmp_path / "g.tsv"
    path.write_text("fr\tko\ten\tdomain\tnotes\nhydrogène\t수소\thydrogen\tenergy\t\n" + row + "\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=rf"g\.tsv:3: .*{message}"):
        read_glossary(path)


def test_lookup_is_tolerant_of_case_accents_particles_and_plural():
    glossary = Glossary(ENTRIES)
    for spelling in ("hydrogène", "Hydrogene", "HYDROGÈNE"):
        assert glossary.lookup(spelling)[0].key == "hydrogène"
    assert any("재활용" in e.ko for e in [m.entry for m in glossary.find_in("재활용을 위한")])
    assert any("particules fines" in e.fr for e in glossary.lookup("particule fine"))
    assert glossary.suggest("hydrogne")[0] == "hydrogène"


def test_term_lookup_gives_concordance_in_both_languages(engine):
    lookup = lookup_terms(engine, "수소")
    first = lookup.entries[0]
    assert "hydrogène" in first.entry.fr
    languages = {line.lang for line in first.attestations}
    assert languages == {"fr", "ko"}
    french = [line for line in first.attestations if line.lang == "fr"]
    assert all(line.term.casefold().startswith("hydrog") for line in french)
    assert any(line.aligned for line in french) and all(
        line.translated for line in first.attestations if line.lang == "ko"
    )
    assert lookup_terms(engine, "qwertyuiop").entries == []


def test_tbx_export_is_well_formed_and_complete(engine):
    root = ET.fromstring(export_glossary(engine, "tbx").encode("utf-8"))
    ns = {"t": TBX_NAMESPACE}
    assert root.tag == f"{{{TBX_NAMESPACE}}}tbx" and root.get("type") == "TBX-Basic"
    assert root.find("t:tbxHeader/t:fileDesc/t:sourceDesc", ns) is not None
    concepts = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert len(concepts) == len(ENTRIES)
    for concept, entry in zip(concepts, ENTRIES):
        sections = {
            section.get(XML_LANG): [t.text for t in section.findall("t:termSec/t:term", ns)]
            for section in concept.findall("t:langSec", ns)
        }
        assert sections["fr"] == list(entry.fr) and sections["ko"] == list(entry.ko)
        assert concept.find("t:descrip[@type='subjectField']", ns).text == entry.domain
    hydrogen = next(c for c in concepts if c.find("t:langSec/t:termSec/t:term", ns).text == "hydrogène")
    assert "hydrogène" in hydrogen.find("t:langSec/t:termSec/t:descrip[@type='context']", ns).text


def test_csv_export_round_trips(engine):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(export_glossary(engine, "csv")), delimiter=";"))
    assert len(rows) == len(ENTRIES)
    recycling = next(row for row in rows if row["fr"].startswith("recyclage"))
    assert "재활용" in recycling["ko"] and "recycl" in recycling["context_fr"] and "재활용" in recycling["context_ko"]
