"""Concordance sentences run over the hard line breaks of PDF-extracted text (walkthrough defect 2)."""

from __future__ import annotations

import re

from app.cli import main
from search.concordance import MAX_SIDE_CHARS, Span, cut, sentence_around
from search.terms import glossary_rows, lookup_terms

# A context that stops right before a line break and a lowercase word stopped inside a sentence.
STOPPED_AT_A_WRAP = re.compile(r"[ \t]*\n[ \t]*[a-zà-ÿœ]")


def _span(text: str, word: str) -> Span:
    return Span(text.index(word), text.index(word) + len(word))


def test_a_single_line_break_inside_a_sentence_is_not_a_boundary():
    text = ("Titre\n\nLa transition écologique est importante car elle impacte directement\n"
            "la pérennité de notre planète. Autre phrase.\n- Un point de liste\nPédagogie sur le recyclage,\n")
    sentence = sentence_around(text, _span(text, "impacte"), 0, len(text))
    assert text[sentence.start : sentence.end] == (
        "La transition écologique est importante car elle impacte directement\nla pérennité de notre planète.")
    # A blank line, a list marker and a capitalised line (a slide's bullet lost in extraction) still end it.
    assert text[slice(*_bounds(text, "point"))] == "Un point de liste"
    assert text[slice(*_bounds(text, "recyclage"))] == "Pédagogie sur le recyclage,"
    korean = "수소 경제는 중요합니다.\n수원시는 수소 버스를\n도입했습니다. 다음 문장."
    assert korean[slice(*_bounds(korean, "버스"))] == "수원시는 수소 버스를\n도입했습니다."


def _bounds(text: str, word: str) -> tuple[int, int]:
    sentence = sentence_around(text, _span(text, word), 0, len(text))
    return sentence.start, sentence.end


def test_cut_treats_a_line_break_as_a_word_boundary():
    text = "avant-propos longue\nintroduction recyclage des\ndéchets ménagers"
    hit = _span(text, "recyclage")
    left, term, right = cut(text, hit, Span(0, len(text)), width=16)
    assert left + term + right in text
    assert left == "introduction " and right == " des\ndéchets"  # not "avant-propos…", not "mén"


def test_exported_contexts_continue_past_the_hard_wrap_and_stay_verbatim(engine):
    contexts = [line for row in glossary_rows(engine) for lines in row.contexts.values() for line in lines]
    wrapped = [line for line in contexts if "impacte directement" in line.context]
    assert wrapped, "the Tours opening sentence is exported as a context"
    for line in wrapped:
        assert "\nla pérennité de notre planète" in line.context  # verbatim: the source's line break is kept
    for line in contexts:
        document = engine.data.documents[line.doc].text
        assert document[line.start : line.end] == line.context
        cut_for_width = len(line.right) > MAX_SIDE_CHARS - 30  # a long sentence is cut at a space, anywhere
        assert cut_for_width or not STOPPED_AT_A_WRAP.match(document, line.end), line.context


def test_terms_prints_whole_french_sentences_on_one_line(isolated_env, bundled_index, capsys, engine):
    entry = lookup_terms(engine, "재활용").entries[0]
    french = [(line.aligned_doc, line.aligned_context) for line in entry.attestations if line.aligned_lang == "fr"]
    french += [(line.doc, line.context) for line in entry.attestations if line.lang == "fr"]
    assert french
    for doc, context in french:
        document = engine.data.documents[doc].text
        end = document.index(context) + len(context)
        assert len(context) > 200 or not STOPPED_AT_A_WRAP.match(document, end), context
    assert main(["terms", "재활용", "--index-dir", str(bundled_index)]) == 0
    out = capsys.readouterr().out
    assert "↳ fr:" in out
    wrapped = [context for _doc, context in french if "\n" in context]
    assert wrapped  # the bundled Tours report is hard-wrapped: at least one sentence spans two source lines
    assert any(" ".join(context.split())[:60] in out for context in wrapped)
