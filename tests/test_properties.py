"""Properties on arbitrary input (hypothesis): cleaning, chunking, readers and analyzers.

Text strategies mix what the archive really contains (French with accents,
Hangul, Markdown marks, speaker lines) with what it should survive (combining
accents, control characters, bidi marks, zero-width spaces, lone jamo).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus.chunk import Document, DocumentMeta
from corpus.chunker import ChunkingOptions, chunk_document
from corpus.errors import DocumentError
from corpus.language import detect_language, fold_accents, hangul_ratio
from corpus.readers import reader_for
from corpus.readers.frontmatter import split_front_matter
from corpus.readers.subtitles import Cue, render_turns
from corpus.speaker_lines import normalise_speaker
from index.analysis import analyze_query, english_terms, french_terms, korean_terms

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that exercise every cleaning rule and every script of the archive.
_SPECIAL = list("\n\n\n  \t#-*_^{}:.!?…,;()«»\"'’→•|/") + [
    "\u0301",
    "\u0308",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u00a0",
    "\u3000",
    "\x00",
    "\x07",
    "\x0b",
    "\x1c",
    "\u2028",
    "\ufeff",
    "\u1100",
    "\u314f",
    "🙂",
]
_ALPHABET = st.one_of(
    st.sampled_from(_SPECIAL),
    st.characters(min_codepoint=0x41, max_codepoint=0x7A),
    st.sampled_from(list("éèêàçôûœÉÀ")),
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
)
messy_text = st.one_of(st.text(_ALPHABET, max_size=1500), st.text(max_size=300))

_FR_WORDS = (
    "coopération",
    "hydrogène",
    "mobilité",
    "transition",
    "délégation",
    "chaleur",
    "recyclage",
    "maire",
    "territoire",
    "jumelage",
    "tramway",
    "agriculture",
    "énergie",
    "quartier",
    "solidarité",
    "tourisme",
    "patrimoine",
    "école",
)
_KO_WORDS = (
    "수원시",
    "탄소중립",
    "재활용",
    "시민",
    "참여",
    "정책",
    "수소",
    "버스",
    "도시",
    "재생",
    "자전거",
    "협력",
    "교류",
    "기후",
)
_NAMES = ("Claire Guichard", "Jean Dupont", "김민수", "Emmanuel Denis")


def _document(text: str, lang: str = "fr") -> Document:
    return Document(DocumentMeta(id="doc", language=lang, title="Test"), text)


def _is_subsequence(needle: str, haystack: str) -> bool:
    characters = iter(haystack)
    return all(ch in characters for ch in needle)


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


@SETTINGS
@given(text=messy_text, size=st.sampled_from([60, 200, 500]))
def test_chunks_of_any_text_point_back_into_it(text, size):
    document = _document(text)
    chunks = chunk_document(document, ChunkingOptions(target_chars=size, min_chars=min(120, size // 2)))
    previous_end = 0
    for ordinal, chunk in enumerate(chunks):
        assert chunk.ordinal == ordinal and chunk.text.strip()
        assert 0 <= chunk.start < chunk.end <= len(text)
        assert chunk.start >= previous_end  # in document order, never overlapping
        previous_end = chunk.end
        # Cleaning only deletes characters (whitespace, markup, URLs) and joins
        # lines with spaces: the chunk is a subsequence of its source slice.
        assert _is_subsequence(_visible(chunk.text), _visible(text[chunk.start : chunk.end]))


@st.composite
def structured_documents(draw):
    """A document of headings, speaker lines, paragraphs and bullets, with its words."""
    lines, words = [], set()
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["heading", "speaker", "paragraph", "paragraph", "bullets"]))
        vocabulary = draw(st.sampled_from([_FR_WORDS, _KO_WORDS]))
        if kind == "heading":
            title = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3, unique=True))
            lines += [f"{draw(st.sampled_from(['#', '##', '###']))} {' '.join(title)}", ""]
            words.update(title)
        elif kind == "speaker":
            lines += [f"{draw(st.sampled_from(['Speaker', 'Intervenant', '발표자']))}: {draw(st.sampled_from(_NAMES))}"]
        sentences = draw(
            st.lists(
                st.lists(st.sampled_from(vocabulary), min_size=2, max_size=12, unique=True), min_size=1, max_size=8
            )
        )
        for sentence in sentences:
            words.update(sentence)
            prefix = "- " if kind == "bullets" else ""
            lines.append(prefix + " ".join(sentence) + draw(st.sampled_from([".", ",", "", " !"])))
        lines.append("")
    return "\n".join(lines), words


@SETTINGS
@given(sample=structured_documents(), size=st.sampled_from([80, 500]))
def test_chunks_cover_all_searchable_text(sample, size):
    text, words = sample
    chunks = chunk_document(_document(text), ChunkingOptions(target_chars=size, min_chars=40))
    searchable = " ".join(f"{chunk.section} {chunk.speaker} {chunk.text}" for chunk in chunks)
    found = set(re.findall(r"\w+", searchable))
    assert words <= found, words - found
    # Paragraph text is in the chunks themselves, not only in their headings.
    body = set(re.findall(r"\w+", " ".join(chunk.text for chunk in chunks)))
    paragraph_words = {
        w
        for line in text.splitlines()
        if line and not line.startswith(("#", "Speaker", "Intervenant", "발표자"))
        for w in re.findall(r"\w+", line)
    }
    assert paragraph_words <= body


_CUE_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x41, max_codepoint=0x7A),
        st.sampled_from(list(" .,éà")),
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
    ),
    min_size=1,
    max_size=80,
)


@SETTINGS
@given(st.lists(st.tuples(_CUE_TEXT, st.sampled_from(["", "Jean Dupont", "김민수"])), min_size=1, max_size=30))
def test_transcript_timeline_spans_are_the_cue_texts(cues):
    cues = [Cue(float(i), i + 0.5, text.strip(), speaker) for i, (text, speaker) in enumerate(cues)]
    assume(all(cue.text for cue in cues))
    text, timeline, speakers, turns = render_turns(cues)
    assert [text[start:end] for start, end, _, _ in timeline] == [cue.text for cue in cues]
    assert [cue[2] for cue in timeline] == [cue.start for cue in cues]
    assert set(speakers) == {cue.speaker for cue in cues if cue.speaker}
    assert text.count("Speaker: ") <= turns
    chunks = chunk_document(Document(DocumentMeta(id="t", language="fr"), text, timeline=tuple(map(tuple, timeline))))
    for chunk in chunks:
        assert chunk.time_start is not None and chunk.time_start <= chunk.time_end


_EXTENSIONS = (".txt", ".md", ".srt", ".vtt", ".html", ".pdf", ".docx")


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=3000),
    extension=st.sampled_from(_EXTENSIONS),
    prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"WEBVTT\n\n", b"PK\x03\x04", b"---\n"]),
)
def test_readers_read_or_refuse_any_bytes(data, extension, prefix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(prefix + data)
        try:
            result = reader_for(path).read(path)
        except DocumentError as error:
            assert str(path) in str(error)  # the message names the file
            return
        assert isinstance(result.text, str)
        for start, end, begin, finish in result.meta.get("timeline", ()):
            assert 0 <= start <= end <= len(result.text) and begin <= finish


@SETTINGS
@given(messy_text)
def test_front_matter_split_never_crashes_and_keeps_the_body(text):
    parsed = split_front_matter(text)
    if parsed is not None:
        fields, body = parsed
        assert isinstance(fields, dict) and text.endswith(body)


@SETTINGS
@given(messy_text)
def test_analyzers_never_crash_and_terms_point_into_the_text(text):
    for analyse in (french_terms, english_terms, korean_terms):
        for term in analyse(text):
            assert term.term and not any(ch.isspace() for ch in term.term)
            assert 0 <= term.start < term.end <= len(text)
    terms = analyze_query(text)
    assert len(terms) == len(set(terms)) and all(terms)
    assert detect_language(text) in ("fr", "ko", "en", "mixed")
    assert 0.0 <= hangul_ratio(text) <= 1.0


@SETTINGS
@given(messy_text)
def test_normalisations_are_idempotent(text):
    folded = fold_accents(text)
    assert fold_accents(folded) == folded
    speaker = normalise_speaker(text)
    assert normalise_speaker(speaker) == speaker


# Snowball's French suffix rules need the accents ("-ité"): "mobilité" → mobil but
# "mobilite" → mobilit. A query typed without accents must still find the word.
@SETTINGS
@given(st.lists(st.sampled_from(_FR_WORDS), min_size=1, max_size=6))
def test_french_terms_ignore_accents_and_case(words):
    """Every term of the text typed without accents or in capitals is a term of the text itself."""
    text = " ".join(words)
    expected = [term.term for term in french_terms(text, both_spellings=True)]  # as indexed
    for variant in (fold_accents(text), text.upper(), fold_accents(text).upper()):
        terms = [term.term for term in french_terms(variant)]  # as queried
        assert terms and set(terms) <= set(expected)


@pytest.mark.parametrize("word", ["재활용", "탄소중립"])
def test_korean_compounds_stay_whole(word):
    assert word in [term.term for term in korean_terms(f"{word} 정책을 강화합니다")]
