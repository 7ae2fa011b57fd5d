"""The project's Korean working translations: aligned segments → document + alignment.

The source of truth is ``corpus/translations/<doc>.jsonl``: one aligned
segment per line, ``{"fr": <verbatim French source text>, "ko": <Korean>,
"section"?: <Korean section title>, "speaker"?: <Korean speaker name>,
"whole"?: true}`` (``whole``: never re-cut by ``corpus.resegment``).
``python -m corpus.translation`` renders each into the Korean Markdown document
(``corpus/documents/ko/<doc>.ko.md``) and its alignment table
(``<doc>.ko.align.tsv``: French and Korean character ranges of every aligned
segment, with excerpts a person can check). Both are committed; a test
checks that they are in sync with the segments.

Labels that travel: every rendered document opens with a front matter block
(title, ``translation_of``, translator and a Korean notice saying that it is
the project's working translation of which French document), so a file
shared outside the tool stays labelled. The Markdown reader takes the block
out of the document text, so the Korean offsets of the alignment table count
from the first character after it (``read_korean`` gives that text).

Translator's notes: ``[역주: …]`` inside a segment's Korean, right after the
words it concerns, for what the French does not say: a source error kept as
translated (``[역주: 원문은 ‘120 millions d'euros’]``), an addition, a Hangul
name reconstructed from its romanisation (``[역주: 한글 표기 미확인]``), a
speech known only from a French summary. Notes stay in the document and in
its passages (a reader must see them) but not in what is searched:
``mask_translator_notes`` blanks them to spaces of the same length, so the
lexical analyser skips them while every offset and highlight stays in place.
A note holds no "]". A segment whose Korean is empty is a repeated page
header with nothing to translate: it is neither written nor aligned.
"""

from __future__ import annotations

import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus.clean import collapse_whitespace, split_doubled, split_lines
from corpus.errors import DocumentError
from corpus.readers.frontmatter import split_front_matter

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
FRENCH_DIR = Path(__file__).resolve().parent / "documents" / "fr"
KOREAN_DIR = Path(__file__).resolve().parent / "documents" / "ko"
TRANSLATOR_NOTE = re.compile(r"\[역주:[^\]]*\]")
ALIGNMENT_COLUMNS = ("fr_start", "fr_end", "ko_start", "ko_end", "fr_excerpt", "ko_excerpt")


@dataclass(frozen=True, slots=True)
class AlignedSpan:
    """A French range of the source and the Korean range that translates it."""

    fr_start: int
    fr_end: int
    ko_start: int
    ko_end: int


def read_segments(path: Path) -> list[dict]:
    """The aligned segments of a translation file; errors name the file and line."""
    segments = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            segment = json.loads(line)
        except json.JSONDecodeError as error:
            raise DocumentError(f"{path}:{number}", f"not valid JSON ({error.msg})") from None
        if (
            not isinstance(segment, dict)
            or not isinstance(segment.get("fr"), str)
            or not isinstance(segment.get("ko"), str)
        ):
            raise DocumentError(f"{path}:{number}", 'each line needs string fields "fr" and "ko"')
        segments.append(segment)
    return segments


def render(segments: list[dict], source: str, *, name: str = "translation") -> tuple[str, list[AlignedSpan]]:
    """Korean Markdown body and alignment from aligned segments.

    Korean offsets count from the start of the body (the document text once
    the front matter written by ``front_matter`` is taken out).

    Raises:
        DocumentError: a segment whose French text is not found, in order, in ``source``.
    """
    writer = _BodyWriter()
    position = 0
    for number, segment in enumerate(segments, start=1):
        fr_start = source.find(segment["fr"], position)
        if fr_start < 0:
            raise DocumentError(name, f"segment {number}: French text not found after offset {position}")
        fr_end = position = fr_start + len(segment["fr"])
        writer.add(segment, fr_start, fr_end)
    return writer.out.getvalue(), writer.alignment


class _BodyWriter:
    """Writes segments as Markdown, leaving out what a reader would see as noise.

    No "발표자: -" where a new section already ends the previous speaker's part,
    no heading repeated from the page before, and a subheading only once some
    text follows it (a slide's closing title has nothing under it).
    """

    def __init__(self) -> None:
        self.out = io.StringIO()
        self.alignment: list[AlignedSpan] = []
        self.section = ""
        self.subheading = ""
        self.pending_subheading = ""

    def add(self, segment: dict, fr_start: int, fr_end: int) -> None:
        section = (segment.get("section") or "").strip()
        if section:
            self.pending_subheading = ""
            if section != self.section:
                self.out.write(f"## {section}\n\n")
            self.section, self.subheading = section, ""
        speaker = segment.get("speaker")
        if speaker is not None and (speaker.strip() or not section):
            self.out.write(f"발표자: {speaker.strip() or '-'}\n\n")
        korean = segment["ko"].strip()
        heading = _heading_kind(segment["fr"])
        if not korean or heading == "heading" or korean == self.section:
            return  # a repeated page header or heading, or the heading already written as "##"
        if heading == "subheading":
            if korean != self.subheading:
                self.pending_subheading = korean
            return
        if self.pending_subheading:
            self.out.write(f"### {self.pending_subheading}\n\n")
            self.subheading, self.pending_subheading = self.pending_subheading, ""
        ko_start = self.out.tell()  # StringIO.tell() counts characters for str buffers
        self.out.write(korean + "\n\n")
        self.alignment.append(AlignedSpan(fr_start, fr_end, ko_start, ko_start + len(korean)))


def mask_translator_notes(text: str) -> str:
    """``text`` with every ``[역주: …]`` note blanked to spaces of the same length.

    >>> mask_translator_notes("유니세프 [역주: 원문 UNESCO] 인증")
    '유니세프                 인증'
    """
    return TRANSLATOR_NOTE.sub(lambda match: " " * len(match.group(0)), text)


def front_matter(meta: dict, french_title: str) -> str:
    """The labelled block that opens a rendered translation (see the module docstring)."""
    source = meta["translation_of"]
    notice = (
        f"이 문서는 seminar-search 프로젝트가 프랑스어 원문 「{french_title}」({source}.txt)을 "
        "한국어로 옮긴 작업 번역입니다. 공식 번역이 아니므로 인용할 때에는 프랑스어 원문을 확인하시기 바랍니다. "
        "‘역주’ 표시는 원문에 없는 번역자 주석입니다."
    )
    lines = [
        f"title: {meta['title']}",
        "language: ko",
        f"translation_of: {source}",
        f"translator: {meta['translator']}",
        f"안내: {notice}",
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def read_korean(path: Path) -> str:
    """The text of a rendered translation as the index sees it: the body after its front matter."""
    text = path.read_text(encoding="utf-8")
    parsed = split_front_matter(text)
    return parsed[1] if parsed else text


def _heading_kind(french: str) -> str:
    """ "heading" / "subheading" when every line of the segment is a doubled PDF heading."""
    kinds = set()
    for line in split_lines(french):
        span = collapse_whitespace(line)
        if not span.text:
            continue
        parts = split_doubled(span)
        if not parts or not all(doubled for _part, doubled in parts):
            return ""
        letters = [ch for part, _ in parts for ch in part.text if ch.isalpha()]
        kinds.add("heading" if sum(ch.isupper() for ch in letters) > 0.8 * len(letters) else "subheading")
    return "heading" if "heading" in kinds else kinds.pop() if kinds else ""


def write_alignment(path: Path, alignment: list[AlignedSpan], french: str, korean: str) -> None:
    # Plain TSV without quoting: excerpts are flattened, so they hold no tab or newline.
    rows = ["\t".join(ALIGNMENT_COLUMNS)]
    for pair in alignment:
        rows.append(
            "\t".join(
                map(
                    str,
                    (
                        pair.fr_start,
                        pair.fr_end,
                        pair.ko_start,
                        pair.ko_end,
                        _excerpt(french[pair.fr_start : pair.fr_end]),
                        _excerpt(korean[pair.ko_start : pair.ko_end]),
                    ),
                )
            )
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def read_alignment(path: Path) -> list[AlignedSpan]:
    """Alignment rows of a ``.align.tsv`` file; errors name the file and line."""
    pairs = []
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")[:4]) != ALIGNMENT_COLUMNS[:4]:
        raise DocumentError(path, f"alignment header must start with {', '.join(ALIGNMENT_COLUMNS[:4])}")
    for number, line in enumerate(lines[1:], start=2):
        try:
            pairs.append(AlignedSpan(*(int(value) for value in line.split("\t")[:4])))
        except (TypeError, ValueError):
            raise DocumentError(f"{path}:{number}", "alignment row needs four integer offsets") from None
    return pairs


def _excerpt(text: str, length: int = 40) -> str:
    flat = " ".join(text.split())
    return flat[:length]


def render_document(doc: str) -> tuple[str, str, list[AlignedSpan]]:
    """``(front matter, body, alignment)`` of the bundled translation ``doc``."""
    french = (FRENCH_DIR / f"{doc}.txt").read_text(encoding="utf-8")
    segments_path = TRANSLATIONS_DIR / f"{doc}.jsonl"
    body, alignment = render(read_segments(segments_path), french, name=str(segments_path))
    meta = json.loads((KOREAN_DIR / f"{doc}.ko.md.meta.json").read_text(encoding="utf-8"))
    french_meta = json.loads((FRENCH_DIR / f"{doc}.txt.meta.json").read_text(encoding="utf-8"))
    return front_matter(meta, french_meta["title"]), body, alignment


def build_all() -> list[str]:
    """Render every translation file; returns the paths written."""
    written = []
    for segments_path in sorted(TRANSLATIONS_DIR.glob("*.jsonl")):
        doc = segments_path.stem
        header, body, alignment = render_document(doc)
        target = KOREAN_DIR / f"{doc}.ko.md"
        target.write_text(header + body, encoding="utf-8")
        french = (FRENCH_DIR / f"{doc}.txt").read_text(encoding="utf-8")
        write_alignment(KOREAN_DIR / f"{doc}.ko.align.tsv", alignment, french, body)
        written += [str(target), str(KOREAN_DIR / f"{doc}.ko.align.tsv")]
    return written


if __name__ == "__main__":
    for written_path in build_all():
        print(written_path, file=sys.stdout)
