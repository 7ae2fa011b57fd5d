"""The project's Korean working translations: aligned segments → document + alignment.

The source of truth is ``corpus/translations/<doc>.jsonl``: one aligned
segment per line, ``{"fr": <verbatim French source text>, "ko": <Korean>,
"section"?: <Korean section title>, "speaker"?: <Korean speaker name>}``.
``python -m corpus.translation`` renders each into the Korean Markdown document
(``corpus/documents/ko/<doc>.ko.md``) and its alignment table
(``<doc>.ko.align.tsv``: French and Korean character ranges of every aligned
paragraph, with excerpts a person can check). Both are committed; a test
checks that they are in sync with the segments.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus.clean import collapse_whitespace, split_doubled, split_lines
from corpus.errors import DocumentError

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
FRENCH_DIR = Path(__file__).resolve().parent / "documents" / "fr"
KOREAN_DIR = Path(__file__).resolve().parent / "documents" / "ko"
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
        if not isinstance(segment, dict) or not isinstance(segment.get("fr"), str) or not isinstance(segment.get("ko"), str):
            raise DocumentError(f"{path}:{number}", 'each line needs string fields "fr" and "ko"')
        segments.append(segment)
    return segments


def render(segments: list[dict], source: str, *, name: str = "translation") -> tuple[str, list[AlignedSpan]]:
    """Korean Markdown document and alignment from aligned segments.

    Raises:
        DocumentError: a segment whose French text is not found, in order, in ``source``.
    """
    out = io.StringIO()
    alignment: list[AlignedSpan] = []
    position = 0
    for number, segment in enumerate(segments, start=1):
        fr_start = source.find(segment["fr"], position)
        if fr_start < 0:
            raise DocumentError(name, f"segment {number}: French text not found after offset {position}")
        fr_end = position = fr_start + len(segment["fr"])
        section = segment.get("section")
        if section:
            out.write(f"## {section.strip()}\n\n")
        if "speaker" in segment:
            out.write(f"발표자: {segment['speaker'].strip() or '-'}\n\n")
        korean = segment["ko"].strip()
        heading = _heading_kind(segment["fr"])
        if heading == "heading" or (section and korean == section.strip()):
            continue  # a repeated page heading, or the heading already written as "##"
        if heading == "subheading":
            out.write(f"### {korean}\n\n")
            continue
        ko_start = out.tell()
        out.write(korean + "\n\n")
        alignment.append(AlignedSpan(fr_start, fr_end, ko_start, ko_start + len(korean)))
    # StringIO.tell() counts characters for str buffers, so offsets are character offsets.
    return out.getvalue(), alignment


def _heading_kind(french: str) -> str:
    """"heading" / "subheading" when every line of the segment is a doubled PDF heading."""
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
        rows.append("\t".join(map(str, (pair.fr_start, pair.fr_end, pair.ko_start, pair.ko_end,
                                         _excerpt(french[pair.fr_start:pair.fr_end]), _excerpt(korean[pair.ko_start:pair.ko_end])))))
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


def build_all() -> list[str]:
    """Render every translation file; returns the paths written."""
    written = []
    for segments_path in sorted(TRANSLATIONS_DIR.glob("*.jsonl")):
        doc = segments_path.stem
        french = (FRENCH_DIR / f"{doc}.txt").read_text(encoding="utf-8")
        korean, alignment = render(read_segments(segments_path), french, name=str(segments_path))
        target = KOREAN_DIR / f"{doc}.ko.md"
        target.write_text(korean, encoding="utf-8")
        write_alignment(KOREAN_DIR / f"{doc}.ko.align.tsv", alignment, french, korean)
        written += [str(target), str(KOREAN_DIR / f"{doc}.ko.align.tsv")]
    return written


if __name__ == "__main__":
    for written_path in build_all():
        print(written_path, file=sys.stdout)
